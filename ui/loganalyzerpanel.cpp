#include "ui/loganalyzerpanel.h"

#include "ui/session.h"
#include "ui/statusstyle.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace duo::ui {

LogAnalyzerPanel::LogAnalyzerPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_input(new QPlainTextEdit(this))
    , m_findings(new QTreeWidget(this))
    , m_requests(new QTreeWidget(this))
    , m_views(new QTabWidget(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("&Cancel"), this)) {
    setUpInput();
    setUpFindings();
    setUpRequests();
    QHBoxLayout* buttons = buildButtonRow();

    m_views->addTab(m_findings, tr("Findings"));
    m_views->addTab(m_requests, tr("Requests"));
    auto* results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_views);
    results->addWidget(m_details);
    results->setChildrenCollapsible(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_input);
    splitter->addWidget(results);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    setAcceptDrops(true);
}

void LogAnalyzerPanel::setUpInput() {
    m_input->setObjectName(QStringLiteral("logInput"));
    m_input->setAccessibleName(tr("Log or tool output to analyze"));
    m_input->setPlaceholderText(tr(
        "Paste GitLab's llm.log lines, the AI gateway's log, docker output, a Duo Chat error (A1001…) or the "
        "output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the gateway's troubleshooting "
        "script. Secrets are redacted before anything is shown again."));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_input->setAcceptDrops(false); // dropped files go to the panel: read from disk, not pasted
    m_input->setTabChangesFocus(true);
}

// The findings list, the selected one's explanation and fix beside it, the status line under both.
void LogAnalyzerPanel::setUpFindings() {
    m_findings->setObjectName(QStringLiteral("logFindings"));
    m_findings->setAccessibleName(tr("Known failures found"));
    m_findings->setHeaderLabels({tr("Line"), tr("Source"), tr("Finding")});
    m_findings->setRootIsDecorated(false);
    m_findings->setUniformRowHeights(true);
    m_findings->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_findings->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_details->setObjectName(QStringLiteral("logFindingDetails"));
    m_details->setAccessibleName(tr("Explanation and fix of the selected finding"));
    m_details->setOpenExternalLinks(false);
    m_status->setObjectName(QStringLiteral("logStatus"));
    m_status->setWordWrap(true);
    connect(m_findings, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        showFinding(item ? m_findings->indexOfTopLevelItem(item) : -1);
    });
}

// Requests as timelines: a request's row, its lines (from every file, in time order) under it.
void LogAnalyzerPanel::setUpRequests() {
    m_requests->setObjectName(QStringLiteral("logRequests"));
    m_requests->setAccessibleName(tr("Requests with a failure, and their lines in time order"));
    m_requests->setHeaderLabels({tr("Request / time"), tr("Where"), tr("Line")});
    m_requests->setUniformRowHeights(true);
    m_requests->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_requests->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

QHBoxLayout* LogAnalyzerPanel::buildButtonRow() {
    auto* load = new QPushButton(tr("&Open files…"), this);
    load->setAccessibleName(tr("Open log files to analyze (or drop them here)"));
    auto* run = new QPushButton(tr("A&nalyze"), this);
    run->setObjectName(QStringLiteral("analyzeLog"));
    run->setAccessibleName(tr("Analyze the text"));
    run->setDefault(false);
    m_progress->setObjectName(QStringLiteral("logProgress"));
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancelButton->setObjectName(QStringLiteral("cancelLogAnalysis"));
    m_cancelButton->hide();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_progress);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(load);
    buttons->addWidget(run);
    connect(run, &QPushButton::clicked, this, &LogAnalyzerPanel::analyze);
    connect(load, &QPushButton::clicked, this, &LogAnalyzerPanel::loadFileWithDialog);
    connect(m_cancelButton, &QPushButton::clicked, this, &LogAnalyzerPanel::cancel);
    return buttons;
}

void LogAnalyzerPanel::loadFileWithDialog() {
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open logs"), {}, tr("Logs and text (*.log *.txt *.json *.gz *.1 *.2);;All files (*)"));
    QString error;
    if (!paths.isEmpty() && !analyzeFiles(paths, &error))
        m_status->setText(error);
}

void LogAnalyzerPanel::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void LogAnalyzerPanel::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    QString error;
    if (!paths.isEmpty() && !analyzeFiles(paths, &error))
        m_status->setText(error);
    event->acceptProposedAction();
}

bool LogAnalyzerPanel::analyzeFiles(const QStringList& paths, QString* error) {
    const auto inputs = expandLogInputs(paths, error);
    if (!inputs)
        return false;
    for (const LogInput& input : *inputs) {
        QFile probe(input.path);
        if (!probe.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(input.path, probe.errorString());
            return false;
        }
    }
    start(*inputs, std::nullopt);
    return true;
}

void LogAnalyzerPanel::analyze() {
    const QString text = m_input->toPlainText();
    start({LogInput{.text = text.toUtf8(), .pasted = true}}, text);
}

void LogAnalyzerPanel::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

// Off the GUI thread: megabytes to gigabytes of log. Progress and the answer come back queued; a newer
// analysis cancels an older one.
void LogAnalyzerPanel::start(const QList<LogInput>& inputs, const std::optional<QString>& pastedText) {
    cancel();
    auto stop = std::make_shared<std::atomic_bool>(false);
    m_cancel = stop;
    const Target target = m_session->target;
    m_status->setText(tr("Analyzing…"));
    m_progress->setValue(0);
    m_progress->show();
    m_cancelButton->show();
    QPointer<LogAnalyzerPanel> self(this);
    QThreadPool::globalInstance()->start([self, inputs, pastedText, target, stop] {
        LogScanOptions options;
        options.cancel = stop.get();
        options.progress = [self, stop](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(
                qApp,
                [self, stop, done, total] {
                    if (self && self->m_cancel == stop && total > 0)
                        self->m_progress->setValue(int(done * 1000 / total));
                },
                Qt::QueuedConnection);
        };
        QString error;
        LogAnalysis result = pastedText
                                 ? analyzeLog(*pastedText, target)
                                 : analyzeLogInputs(inputs, target, options, &error).value_or(LogAnalysis{});
        QMetaObject::invokeMethod(
            qApp,
            [self, result = std::move(result), pastedText, stop, error] {
                if (!self || self->m_cancel != stop)
                    return;
                self->m_cancel.reset();
                self->m_progress->hide();
                self->m_cancelButton->hide();
                if (!error.isEmpty())
                    self->m_status->setText(error);
                else
                    self->finish(result, pastedText);
            },
            Qt::QueuedConnection);
    });
}

void LogAnalyzerPanel::finish(const LogAnalysis& analysis, const std::optional<QString>& pastedText) {
    // Typed or pasted into while it ran: the answer is about older text, and the new text is not redacted
    // yet. Analyze again rather than overwrite what was added.
    if (pastedText && m_input->toPlainText() != *pastedText) {
        analyze();
        return;
    }
    showAnalysis(analysis);
    // What was pasted is shown again only redacted.
    if (pastedText && analysis.redactedText != m_input->toPlainText())
        m_input->setPlainText(analysis.redactedText);
}

void LogAnalyzerPanel::showAnalysis(const LogAnalysis& analysis) {
    m_analysis = analysis;
    m_findings->clear();
    for (const LogFinding& finding : analysis.findings) {
        const QString where = finding.file.isEmpty()
                                  ? QString::number(finding.line)
                                  : finding.file + QLatin1Char(':') + QString::number(finding.line);
        auto* item = new QTreeWidgetItem(
            m_findings, {where, finding.source, finding.explanation.section(QLatin1Char('.'), 0, 0)});
        item->setIcon(2, statusIcon(finding.status));
        item->setToolTip(2, finding.text);
    }
    showRequests(analysis);
    QString status = analysis.findings.isEmpty()
                         ? tr("No known failure found (%1 lines read).").arg(analysis.linesRead)
                         : tr("Known failures found: %1 (%2 lines read).")
                               .arg(analysis.findingsTotal)
                               .arg(analysis.linesRead);
    if (analysis.findingsTotal > analysis.findings.size())
        status += tr(" The newest %1 are listed.").arg(analysis.findings.size());
    if (analysis.truncated)
        status += tr(" Only the beginning was read.");
    if (analysis.cancelled)
        status += tr(" Cancelled: only part of the input was read.");
    m_status->setText(status);
    if (!analysis.findings.isEmpty())
        m_findings->setCurrentItem(m_findings->topLevelItem(0));
    else
        m_details->clear();
    emit analyzed();
}

void LogAnalyzerPanel::showRequests(const LogAnalysis& analysis) {
    m_requests->clear();
    for (const LogRequest& request : analysis.requests) {
        auto* top = new QTreeWidgetItem(
            m_requests, {request.correlationId, tr("findings: %1").arg(request.findings.size()),
                         request.findings.isEmpty()
                             ? QString()
                             : request.findings.first().explanation.section(QLatin1Char('.'), 0, 0)});
        if (!request.findings.isEmpty())
            top->setIcon(0, statusIcon(request.findings.first().status));
        for (const LogRequestLine& line : request.lines) {
            const QString time = line.time.isValid()
                                     ? line.time.toString(QStringLiteral("HH:mm:ss.zzz")) +
                                           (line.assumedUtc ? QStringLiteral(" ?") : QStringLiteral(" Z"))
                                     : QStringLiteral("–");
            auto* item = new QTreeWidgetItem(
                top, {time, line.file + QLatin1Char(':') + QString::number(line.line), line.text});
            item->setToolTip(2, line.text);
        }
    }
    m_views->setTabText(1, tr("Requests (%1)").arg(analysis.requestsTotal));
    m_requests->expandAll();
}

void LogAnalyzerPanel::showFinding(int row) {
    if (row < 0 || row >= m_analysis.findings.size()) {
        m_details->clear();
        return;
    }
    const LogFinding& finding = m_analysis.findings.at(row);
    const QString where =
        finding.file.isEmpty()
            ? tr("Line %1 (%2)").arg(finding.line).arg(finding.source)
            : QStringLiteral("%1:%2 (%3)").arg(finding.file).arg(finding.line).arg(finding.source);
    QString html =
        QStringLiteral("<p><b>%1</b></p><pre>%2</pre><p>%3</p><p><b>%4</b> %5</p>")
            .arg(where.toHtmlEscaped(), finding.text.toHtmlEscaped(), finding.explanation.toHtmlEscaped(),
                 tr("Fix:").toHtmlEscaped(), finding.fix.toHtmlEscaped());
    for (const Command& command : finding.commands)
        html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                    .arg(command.label.toHtmlEscaped(), command.command.toHtmlEscaped());
    m_details->setHtml(html);
}

} // namespace duo::ui
