#include "ui/diagnosispage.h"

#include "core/checks/containerprobe.h"
#include "core/engine/catalog.h"
#include "core/reports/reportwriters.h"
#include "core/text/redactor.h"
#include "ui/checktreemodel.h"
#include "ui/checktreeview.h"
#include "ui/containerprobepanel.h"
#include "ui/detailpane.h"
#include "ui/loganalyzerpanel.h"
#include "ui/pastejudging.h"
#include "ui/session.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QWizard>

namespace duo::ui {

DiagnosisPage::DiagnosisPage(Session* session, CheckTreeModel* model, QWidget* parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_model(model)
    , m_banner(new QLabel(this))
    , m_status(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_details(new DetailPane(this))
    , m_tabs(new QTabWidget(this))
    , m_logAnalyzer(new LogAnalyzerPanel(session, this))
    , m_probe(new ContainerProbePanel(session, this))
    , m_pasteJudging(new PasteJudging(session, this)) {
    setTitle(tr("Diagnosis"));
    setSubTitle(tr("Root causes first: fix those and the checks they explain usually follow. Select a check "
                   "for its evidence and fix."));
    m_banner->setObjectName(QStringLiteral("diagnosisBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setAccessibleName(tr("Most likely cause"));
    m_status->setObjectName(QStringLiteral("statusLine"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setAccessibleName(tr("Status"));
    showChecksIn(m_tree, model);
    m_tree->setObjectName(QStringLiteral("diagnosisTree"));
    m_tree->setAccessibleName(tr("Diagnosis tree"));

    QSplitter* checks = buildChecksSplitter();
    QHBoxLayout* actions = buildActionRow();
    buildTabs(checks);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    connectEngine();
    m_openUrl = [](const QUrl& url) { return QDesktopServices::openUrl(url); };
}

QSplitter* DiagnosisPage::buildChecksSplitter() {
    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({560, 480});
    return splitter;
}

// Re-run all, save the profile, report a problem, export: the buttons under the tabs.
QHBoxLayout* DiagnosisPage::buildActionRow() {
    auto* rerunAll = new QPushButton(tr("Re-run &all"), this);
    rerunAll->setAccessibleName(tr("Re-run all checks"));
    auto* exportButton = new QPushButton(tr("&Export report…"), this);
    exportButton->setObjectName(QStringLiteral("exportReport"));
    exportButton->setAccessibleName(tr("Export the report as HTML, Markdown or JSON"));
    auto* saveProfile = new QPushButton(tr("&Save profile…"), this);
    saveProfile->setObjectName(QStringLiteral("saveProfile"));
    saveProfile->setAccessibleName(tr("Save this setup as a profile; secrets go to the keychain"));
    auto* reportProblem = new QPushButton(tr("&Report a problem…"), this);
    reportProblem->setObjectName(QStringLiteral("reportProblem"));
    reportProblem->setAccessibleName(tr("Copy the report as Markdown and open GitLab's new-issue page"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(rerunAll);
    buttons->addWidget(saveProfile);
    buttons->addStretch();
    buttons->addWidget(reportProblem);
    buttons->addWidget(exportButton);
    m_actions = {rerunAll, saveProfile, reportProblem, exportButton};

    connect(rerunAll, &QPushButton::clicked, this,
            [this] { m_session->engine().start(m_session->target, m_session->options); });
    connect(exportButton, &QPushButton::clicked, this, &DiagnosisPage::exportWithDialog);
    connect(reportProblem, &QPushButton::clicked, this, &DiagnosisPage::reportProblem);
    connect(saveProfile, &QPushButton::clicked, this, &DiagnosisPage::saveProfileWithDialog);
    return buttons;
}

// The checks, and the two ways to learn more than the desktop can see: a log and the container probe.
void DiagnosisPage::buildTabs(QSplitter* checks) {
    m_tabs->setObjectName(QStringLiteral("diagnosisTabs"));
    m_tabs->addTab(checks, tr("Chec&ks"));
    m_tabs->addTab(m_logAnalyzer, tr("Analyze a &log"));
    m_tabs->addTab(m_probe, tr("Container &probe"));
    connect(m_probe, &ContainerProbePanel::probeUsed, this, [this] {
        m_tabs->setCurrentIndex(0);
        selectCheck(containerProbeSteps().constFirst());
    });
}

void DiagnosisPage::connectEngine() {
    CheckEngine& engine = m_session->engine();
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DiagnosisPage::showSelected);
    connect(&engine, &CheckEngine::diagnosisChanged, this, [this](const Report& report) {
        updateBanner(report);
        showSelected();
    });
    // A large paste is judged on a worker thread first; the banner says so until the diagnosis follows.
    connect(m_details, &DetailPane::manualOutputSubmitted, m_pasteJudging, &PasteJudging::submit);
    connect(m_pasteJudging, &PasteJudging::judgingStarted, this,
            [this] { say(tr("Judging the pasted output…")); });
    connect(m_pasteJudging, &PasteJudging::submitted, this, [this] { say({}); });
    connect(m_details, &DetailPane::checkRequested, this, [this](const QString& id) { selectCheck(id); });
    connect(m_details, &DetailPane::rerunRequested, this,
            [&engine](const QString& id) { engine.rerun({id}); });
}

void DiagnosisPage::saveProfileWithDialog() {
    bool ok = false;
    const QString current =
        m_session->profile() ? m_session->profile()->name : m_session->target.gitlabUrl.host();
    const QString name =
        QInputDialog::getText(this, tr("Save profile"), tr("Profile name:"), QLineEdit::Normal, current, &ok);
    if (ok && !name.trimmed().isEmpty())
        saveProfile(name.trimmed());
}

void DiagnosisPage::initializePage() {
    m_probe->refreshScript();
    m_tree->expandAll();
    updateBanner(m_session->engine().report());
    const QModelIndex causes = m_model->rootCausesIndex();
    // Selected, not only current: the focused row shows, and the first Down moves to the next one.
    m_tree->selectionModel()->setCurrentIndex(
        m_model->rowCount(causes) > 0 ? m_model->index(0, 0, causes) : causes,
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->setFocus(Qt::OtherFocusReason);
    say({});
    orderFocus();
}

// Tab goes tree → the details (Copy, paste box, Evaluate) → the action row → the wizard's buttons.
void DiagnosisPage::orderFocus() {
    QList<QWidget*> chain{m_tree};
    chain << m_details->focusChain() << m_actions;
    if (wizard()) {
        for (const QWizard::WizardButton which :
             {QWizard::HelpButton, QWizard::BackButton, QWizard::FinishButton})
            chain << wizard()->button(which);
    }
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void DiagnosisPage::say(const QString& message) {
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

QString DiagnosisPage::statusText() const {
    return m_status->text();
}

void DiagnosisPage::updateBanner(const Report& report) {
    m_tree->expandAll();
    if (report.cancelled) {
        m_banner->setText(tr("The run was cancelled: the diagnosis covers the checks that finished. Re-run "
                             "all to complete it."));
    } else if (report.rootCauses.isEmpty()) {
        m_banner->setText(report.counts().manual > 0
                              ? tr("No check failed. The manual steps below can confirm what only the Rails "
                                   "console or the gateway container can see.")
                              : tr("No check failed."));
    } else {
        // Phrased as the problem: what was found ("The gateway rejected …"), not the check's title ("…
        // accepts …"); a finding of the diagnosis itself (a split network) is its title.
        const RootCause& first = report.rootCauses.constFirst();
        const CheckResult* failed = report.find(first.checkId);
        const CheckDefinition* definition = findCheck(first.checkId);
        const bool finding = definition && definition->translatedTitle() != first.title;
        const QString problem =
            finding || !failed || failed->summary.isEmpty() ? first.title : failed->summary;
        m_banner->setText(tr("Most likely cause: %1").arg(problem));
    }
}

void DiagnosisPage::selectCheck(const QString& id, bool asRootCause) {
    QModelIndex index;
    if (asRootCause) {
        const QModelIndex causes = m_model->rootCausesIndex();
        for (int row = 0; row < m_model->rowCount(causes); ++row) {
            if (m_model->index(row, 0, causes).data(CheckTreeModel::CheckIdRole).toString() == id)
                index = m_model->index(row, 0, causes);
        }
    } else {
        index = m_model->indexOfCheck(id);
    }
    m_tree->setCurrentIndex(index);
}

void DiagnosisPage::showSelected() {
    const QModelIndex index = m_tree->currentIndex();
    const QString id = index.siblingAtColumn(0).data(CheckTreeModel::CheckIdRole).toString();
    const CheckResult* result = id.isEmpty() ? nullptr : m_model->result(id);
    if (!result) {
        m_details->clear();
        return;
    }
    m_details->setRedactor(Redactor::forTarget(m_session->target));
    m_details->showCheck(*result, m_model->rootCause(index.siblingAtColumn(0)));
    orderFocus();
}

void DiagnosisPage::trustCertificate(const QString& id, const QString& host, const QString& sha256) {
    m_session->trustCertificate(host, sha256);
    say(tr("Trusting the certificate %1 for %2 only%3; checking again.")
            .arg(sha256.left(16) + QChar(0x2026), host,
                 m_session->profile()
                     ? tr(" (kept in the profile \u201c%1\u201d)").arg(m_session->profile()->name)
                     : QString()));
    m_session->engine().start(m_session->target, m_session->options);
    Q_UNUSED(id)
}

void DiagnosisPage::reportProblem() {
    // Written from a RedactedReport: its values are redacted; the Markdown goes as it is.
    const QByteArray markdown = writeReport(m_session->engine().report(), ReportFormat::Markdown);
    QGuiApplication::clipboard()->setText(QString::fromUtf8(markdown));
    const QUrl tracker(QStringLiteral("https://gitlab.com/gitlab-org/gitlab/-/issues/new"));
    const bool opened = m_openUrl && m_openUrl(tracker);
    say(opened
            ? tr("The report (Markdown, secrets redacted) is on the clipboard: paste it into the new issue.")
            : tr("The report (Markdown, secrets redacted) is on the clipboard. Open %1 and paste it into a "
                 "new issue.")
                  .arg(tracker.toString()));
}

void DiagnosisPage::saveProfile(const QString& name) {
    m_session->saveProfile(name, [this](bool, const QString& message) { say(message); });
}

QString DiagnosisPage::bannerText() const {
    return m_status->text().isEmpty() ? m_banner->text() : m_status->text();
}

bool DiagnosisPage::exportReport(const QString& fileName, QString* error) const {
    const auto format = reportFormatForFile(fileName);
    if (!format) {
        *error = tr("Choose a name ending in .html, .md, .json or .txt.");
        return false;
    }
    QSaveFile file(fileName);
    const QByteArray content = writeReport(m_session->engine().report(), *format);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

void DiagnosisPage::exportWithDialog() {
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export report"), QStringLiteral("duo-doctor-report.html"),
        tr("HTML report (*.html);;Markdown (*.md);;JSON (*.json);;Text (*.txt);;JUnit XML (*.xml)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportReport(fileName, &error))
        say(tr("Could not export the report to %1: %2").arg(fileName, error));
    else
        say(tr("Report written to %1.").arg(fileName));
}

} // namespace duo::ui
