#pragma once

#include "core/logs/loganalyzer.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeWidget;

namespace duo::ui {

class Session;

// The Diagnosis page's "Analyze a log" tab: paste llm.log lines, the gateway's log, docker output, a Duo Chat
// error or a tool's output, or open or drop log files (read from disk, gzip too, however large); each known
// failure is listed with its file, line, explanation and fix, and the requests they belong to as timelines.
// Pasted text is redacted before it is shown again; the analysis runs off the GUI thread, with progress and
// a Cancel button.
class LogAnalyzerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogAnalyzerPanel(Session* session, QWidget* parent = nullptr);

    void analyze(); // the text in the box, in the background
    // Files (or directories) read from disk in the background; false, with why, when one cannot be read.
    bool analyzeFiles(const QStringList& paths, QString* error);
    bool loadFile(const QString& path, QString* error) { return analyzeFiles({path}, error); }
    void cancel();
    bool running() const { return m_cancel != nullptr; }
    const LogAnalysis& analysis() const { return m_analysis; }
    QPlainTextEdit* input() const { return m_input; }
    QTreeWidget* findings() const { return m_findings; }
    QTreeWidget* requests() const { return m_requests; }

signals:
    void analyzed();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void setUpInput();
    void setUpRequests();
    void start(const QList<LogInput>& inputs, const std::optional<QString>& pastedText);
    void finish(const LogAnalysis& analysis, const std::optional<QString>& pastedText);
    void setUpFindings();
    QHBoxLayout* buildButtonRow();
    void loadFileWithDialog();
    void showAnalysis(const LogAnalysis& analysis);
    void showRequests(const LogAnalysis& analysis);
    void showFinding(int row);

    Session* m_session;
    QPlainTextEdit* m_input;
    QTreeWidget* m_findings;
    QTreeWidget* m_requests;
    QTabWidget* m_views;
    QTextBrowser* m_details;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    std::shared_ptr<std::atomic_bool> m_cancel; // set while an analysis runs
    LogAnalysis m_analysis;
    quint64 m_generation = 0; // a newer analysis makes an older one's answer stale
};

} // namespace duo::ui
