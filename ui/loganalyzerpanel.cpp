#include "ui/loganalyzerpanel.h"

#include "ui/session.h"
#include "ui/statusstyle.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace duo::ui {

namespace {

constexpr qint64 maxFileBytes = 16 * 1024 * 1024;

} // namespace

LogAnalyzerPanel::LogAnalyzerPanel(Session* session, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_input(new QPlainTextEdit(this))
    , m_findings(new QTreeWidget(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this)) {
    setUpInput();
    setUpFindings();
    QHBoxLayout* buttons = buildButtonRow();

    auto* results = new QSplitter(Qt::Horizontal, this);
    results->addWidget(m_findings);
    results->addWidget(m_details);
    results->setChildrenCollapsible(false);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_input);
    splitter->addWidget(results);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
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

QHBoxLayout* LogAnalyzerPanel::buildButtonRow() {
    auto* load = new QPushButton(tr("Load &file…"), this);
    load->setAccessibleName(tr("Load a log file to analyze"));
    auto* run = new QPushButton(tr("A&nalyze"), this);
    run->setObjectName(QStringLiteral("analyzeLog"));
    run->setAccessibleName(tr("Analyze the text"));
    run->setDefault(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(load);
    buttons->addWidget(run);
    connect(run, &QPushButton::clicked, this, &LogAnalyzerPanel::analyze);
    connect(load, &QPushButton::clicked, this, &LogAnalyzerPanel::loadFileWithDialog);
    return buttons;
}

void LogAnalyzerPanel::loadFileWithDialog() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load a log"), {}, tr("Logs and text (*.log *.txt *.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !loadFile(path, &error))
        m_status->setText(error);
}

bool LogAnalyzerPanel::loadFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    m_input->setPlainText(QString::fromUtf8(file.read(maxFileBytes)));
    analyze();
    return true;
}

void LogAnalyzerPanel::analyze() {
    const QString text = m_input->toPlainText();
    const Target target = m_session->target;
    const quint64 generation = ++m_generation;
    m_status->setText(tr("Analyzing…"));
    QPointer<LogAnalyzerPanel> self(this);
    // Megabytes of log against every pattern: off the GUI thread, the answer comes back queued.
    QThreadPool::globalInstance()->start([self, text, target, generation] {
        LogAnalysis result = analyzeLog(text, target);
        QMetaObject::invokeMethod(
            qApp,
            [self, result = std::move(result), generation, text] {
                if (!self || generation != self->m_generation)
                    return;
                // Typed or pasted into while it ran: the answer is about older text, and the new text is
                // not redacted yet. Analyze again rather than overwrite what was added.
                if (self->m_input->toPlainText() != text) {
                    self->analyze();
                    return;
                }
                self->showAnalysis(result);
            },
            Qt::QueuedConnection);
    });
}

void LogAnalyzerPanel::showAnalysis(const LogAnalysis& analysis) {
    m_analysis = analysis;
    // What was pasted is shown again only redacted.
    if (analysis.redactedText != m_input->toPlainText())
        m_input->setPlainText(analysis.redactedText);
    m_findings->clear();
    for (const LogFinding& finding : analysis.findings) {
        auto* item = new QTreeWidgetItem(m_findings, {QString::number(finding.line), finding.source,
                                                      finding.explanation.section(QLatin1Char('.'), 0, 0)});
        item->setIcon(2, statusIcon(finding.status));
        item->setToolTip(2, finding.text);
    }
    m_status->setText(analysis.findings.isEmpty()
                          ? tr("No known failure found (%1 lines read).").arg(analysis.linesRead)
                          : tr("Known failures found: %1 (%2 lines read).")
                                    .arg(analysis.findings.size())
                                    .arg(analysis.linesRead) +
                                (analysis.truncated ? tr(" Only the beginning was read.") : QString()));
    if (!analysis.findings.isEmpty())
        m_findings->setCurrentItem(m_findings->topLevelItem(0));
    else
        m_details->clear();
    emit analyzed();
}

void LogAnalyzerPanel::showFinding(int row) {
    if (row < 0 || row >= m_analysis.findings.size()) {
        m_details->clear();
        return;
    }
    const LogFinding& finding = m_analysis.findings.at(row);
    QString html = QStringLiteral("<p><b>%1</b></p><pre>%2</pre><p>%3</p><p><b>%4</b> %5</p>")
                       .arg(tr("Line %1 (%2)").arg(finding.line).arg(finding.source).toHtmlEscaped(),
                            finding.text.toHtmlEscaped(), finding.explanation.toHtmlEscaped(),
                            tr("Fix:").toHtmlEscaped(), finding.fix.toHtmlEscaped());
    for (const Command& command : finding.commands)
        html += QStringLiteral("<p>%1</p><pre>%2</pre>")
                    .arg(command.label.toHtmlEscaped(), command.command.toHtmlEscaped());
    m_details->setHtml(html);
}

} // namespace duo::ui
