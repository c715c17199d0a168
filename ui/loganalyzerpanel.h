#pragma once

#include "core/logs/loganalyzer.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class QTreeWidget;

namespace duo::ui {

class Session;

// The Diagnosis page's "Analyze a log" tab: paste or load llm.log lines, the gateway's log, docker output, a
// Duo Chat error or a tool's output; each known failure is listed with its line, explanation and fix. The
// text is redacted before it is shown again; the analysis runs off the GUI thread.
class LogAnalyzerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogAnalyzerPanel(Session* session, QWidget* parent = nullptr);

    void analyze(); // the text in the box, in the background
    bool loadFile(const QString& path, QString* error);
    const LogAnalysis& analysis() const { return m_analysis; }
    QPlainTextEdit* input() const { return m_input; }
    QTreeWidget* findings() const { return m_findings; }

signals:
    void analyzed();

private:
    void setUpInput();
    void setUpFindings();
    QHBoxLayout* buildButtonRow();
    void loadFileWithDialog();
    void showAnalysis(const LogAnalysis& analysis);
    void showFinding(int row);

    Session* m_session;
    QPlainTextEdit* m_input;
    QTreeWidget* m_findings;
    QTextBrowser* m_details;
    QLabel* m_status;
    LogAnalysis m_analysis;
    quint64 m_generation = 0; // a newer analysis makes an older one's answer stale
};

} // namespace duo::ui
