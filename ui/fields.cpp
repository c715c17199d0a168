#include "ui/fields.h"

#include <QAction>
#include <QLabel>
#include <QVBoxLayout>

namespace duo::ui {

UrlField::UrlField(duo::UrlField field, bool required, QWidget* parent)
    : QWidget(parent)
    , m_field(field)
    , m_required(required)
    , m_edit(new QLineEdit(this))
    , m_message(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_message);
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    m_message->setObjectName(QStringLiteral("problem"));
    m_edit->setAccessibleName(urlFieldName(field));
    m_edit->setClearButtonEnabled(true);
    setFocusProxy(m_edit);
    connect(m_edit, &QLineEdit::textChanged, this, &UrlField::revalidate);
    revalidate();
}

QString UrlField::text() const {
    return m_edit->text().trimmed();
}

void UrlField::setText(const QString& text) {
    m_edit->setText(text);
}

bool UrlField::isValid() const {
    return m_problem.isEmpty();
}

QString UrlField::problem() const {
    return m_problem;
}

void UrlField::revalidate() {
    const QString previous = m_problem;
    const QString value = text();
    m_problem = value.isEmpty() && !m_required ? QString() : urlProblem(m_field, value).value_or(QString());
    // An empty required field is not an error to shout about yet; Next stays off until it is filled.
    const bool show = !m_problem.isEmpty() && !value.isEmpty();
    m_message->setText(m_problem);
    m_message->setVisible(show);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd1, 0x34, 0x38));
    m_message->setPalette(palette);
    m_edit->setAccessibleDescription(m_problem);
    m_edit->setProperty("invalid", show);
    m_edit->setStyleSheet(
        show ? QStringLiteral("QLineEdit { border: 2px solid #d13438; border-radius: 3px; padding: 1px; }")
             : QString());
    if (previous != m_problem)
        emit validityChanged();
}

SecretField::SecretField(QWidget* parent)
    : QLineEdit(parent) {
    setEchoMode(QLineEdit::Password);
    auto* toggle = addAction(QIcon(), QLineEdit::TrailingPosition);
    toggle->setText(tr("Show"));
    toggle->setToolTip(tr("Show or hide the secret"));
    toggle->setCheckable(true);
    // A text-only action renders as nothing: draw its label as the icon.
    auto updateToggle = [this, toggle](bool shown) {
        setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setText(shown ? tr("Hide") : tr("Show"));
        toggle->setIcon(
            QIcon::fromTheme(shown ? QStringLiteral("view-hidden") : QStringLiteral("view-visible"),
                             QIcon(QStringLiteral(":/duo/icons/eye.svg"))));
    };
    connect(toggle, &QAction::toggled, this, updateToggle);
    updateToggle(false);
    setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
}

} // namespace duo::ui
