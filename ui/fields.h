#pragma once

#include "core/text/inputvalidation.h"

#include <QLineEdit>
#include <QWidget>

class QAction;
class QLabel;

namespace duo::ui {

// A URL line edit that says, as the admin types, what to change; valid() drives the wizard's Next button.
class UrlField : public QWidget {
    Q_OBJECT
public:
    UrlField(duo::UrlField field, bool required, QWidget* parent = nullptr);

    QString text() const;
    void setText(const QString& text);
    bool isValid() const;
    QString problem() const; // empty when valid
    // Whether empty is allowed can depend on another field (the model's endpoint on its platform).
    void setRequired(bool required);
    QLineEdit* lineEdit() const { return m_edit; }

signals:
    void validityChanged();

private:
    void revalidate();

    duo::UrlField m_field;
    bool m_required;
    QLineEdit* m_edit;
    QLabel* m_message;
    QAction* m_errorIcon;
    QString m_problem;
};

// A masked line edit with a show/hide toggle. Its text is never saved by the settings store.
class SecretField : public QLineEdit {
    Q_OBJECT
public:
    explicit SecretField(QWidget* parent = nullptr);
};

} // namespace duo::ui
