#pragma once

#include "core/checkresult.h"
#include "core/reports/report.h"
#include "core/text/redactor.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QVBoxLayout;

namespace duo::ui {

// What one check found: from where, the evidence, why it matters, the fix and its commands (each with a Copy
// button); for a manual step, a box to paste the command's output.
class DetailPane : public QWidget {
    Q_OBJECT
public:
    explicit DetailPane(QWidget* parent = nullptr);

    void showCheck(const CheckResult& result, const RootCause* cause = nullptr);
    void clear();
    QString shownCheckId() const { return m_checkId; }
    QString fixText() const;
    QPlainTextEdit* pasteBox() const { return m_paste; }
    // The pane's focusable controls in reading order (the page puts them after the tree in the Tab chain).
    QList<QWidget*> focusChain() const;
    // What a Copy button puts on the clipboard passes this redactor (the run's secrets).
    void setRedactor(const Redactor& redactor) { m_redactor = redactor; }

signals:
    void manualOutputSubmitted(const QString& id, const QString& output);
    void rerunRequested(const QString& id);
    // "Trust this certificate for this host": pinned by its SHA-256 fingerprint, never a blanket exception.
    void trustCertificateRequested(const QString& id, const QString& host, const QString& sha256);
    // A link to another check (a root cause's effects): show that one.
    void checkRequested(const QString& id);

private:
    void addHeading(const CheckResult& result);
    void addFindings(const CheckResult& result, const RootCause* cause);
    void addCertificateChain(const CheckResult& result);
    void addPasteBox(const CheckResult& result);
    void addRerunButton(const QString& id);
    void addExplainedChecks(const RootCause& cause);
    void addRelatedCheck(const QString& stepId);
    QLabel* addText(const QString& heading, const QString& text, bool monospace = false);
    void addCommand(const QString& label, const QString& command);

    QWidget* m_content;
    QVBoxLayout* m_layout;
    QPlainTextEdit* m_paste = nullptr;
    QString m_checkId;
    QString m_fix;
    Redactor m_redactor;
};

} // namespace duo::ui
