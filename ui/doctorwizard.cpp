#include "ui/doctorwizard.h"

#include "core/engine/evidence.h"

#include "ui/checktreemodel.h"
#include "ui/diagnosispage.h"
#include "ui/pageids.h"
#include "ui/runpage.h"
#include "ui/session.h"
#include "ui/setuppages.h"
#include "ui/setupsettings.h"
#include "ui/startpage.h"

#include <QAbstractButton>
#include <QDesktopServices>
#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>

#include "core/text/logredaction.h"
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWizard, "duo.ui.wizard")

// Resources of a static library must be registered by name, from the global namespace.
static void registerResources() {
    Q_INIT_RESOURCE(resources);
}

namespace duo::ui {

DoctorWizard::DoctorWizard(QWidget* parent)
    : QWizard(parent)
    , m_session(new Session(this))
    , m_model(new CheckTreeModel(this))
    , m_start(new StartPage(m_session, this))
    , m_gitlab(new GitLabPage(m_session, this))
    , m_gateway(new GatewayPage(m_session, this))
    , m_modelPage(new ModelPage(
          m_session,
          [this] {
              Target target;
              m_gitlab->apply(target);
              return target;
          },
          this))
    , m_run(new RunPage(m_session, m_model, this))
    , m_diagnosis(new DiagnosisPage(m_session, m_model, this)) {
    registerResources();
    setWindowTitle(tr("Duo Doctor"));
    setWindowIcon(QIcon(QStringLiteral(":/duo/icons/duo-doctor.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setOption(QWizard::HaveHelpButton, true);
    setButtonText(QWizard::HelpButton, tr("&Help"));
    connect(this, &QWizard::helpRequested, this, &DoctorWizard::showHelpMenu);
    setPage(StartPageId, m_start);
    setPage(GitLabPageId, m_gitlab);
    setPage(GatewayPageId, m_gateway);
    setPage(ModelPageId, m_modelPage);
    setPage(RunPageId, m_run);
    setPage(DiagnosisPageId, m_diagnosis);
    setButtonText(QWizard::FinishButton, tr("&Close"));
    setMinimumSize(860, 620);

    connectEngineToTree();
    connectSessionToPages();
    restoreSettings();
}

DoctorWizard::~DoctorWizard() = default;

// The tree follows the engine: each check as it starts and ends, then the root causes.
void DoctorWizard::connectEngineToTree() {
    CheckEngine& engine = m_session->engine();
    connect(&engine, &CheckEngine::started, m_model, &CheckTreeModel::reset);
    connect(&engine, &CheckEngine::checkStarted, m_model, &CheckTreeModel::setRunning);
    connect(&engine, &CheckEngine::checkFinished, m_model, &CheckTreeModel::updateCheck);
    connect(&engine, &CheckEngine::diagnosisChanged, m_model,
            [this](const Report& report) { m_model->setRootCauses(report.rootCauses); });
}

// A profile or the simulated stack fills the setup pages; the keychain's secrets come later.
void DoctorWizard::connectSessionToPages() {
    connect(m_session, &Session::profileOpened, this, [this](const Profile& profile) {
        m_gateway->showNetwork(profile.options);
        showTargetOnPages(profile.target());
        m_gitlab->setSecretsNotice(
            tr("Reading the secrets of \u201c%1\u201d from the keychain…").arg(profile.name));
    });
    connect(m_session, &Session::secretsRead, this,
            [this](const ProfileSecrets& secrets, const QString& notice) {
                m_gitlab->setToken(secrets.gitlabToken);
                m_modelPage->setKey(secrets.modelKey);
                m_gitlab->setSecretsNotice(notice);
            });
    connect(m_session, &Session::profileChanged, this, &DoctorWizard::showActiveProfile);
    connect(m_session, &Session::simulatedStackStarted, this,
            [this] { showTargetOnPages(m_session->target); });
    // The Agent Platform address GitLab stores, once a run has learned it, on the AI Gateway page.
    connect(&m_session->engine(), &CheckEngine::checkFinished, this, [this](const CheckResult& result) {
        if (result.id == QLatin1String("gitlab.agent_platform_url") &&
            result.evidence.value(evidence::agentPlatformAddressSource).toString() == QLatin1String("gitlab"))
            m_gateway->showLearnedAgentPlatform(
                result.evidence.value(evidence::agentPlatformAddress).toString());
    });
}

// The window's title names the profile whose runs are being recorded, if any.
void DoctorWizard::showActiveProfile() {
    const auto& profile = m_session->profile();
    setWindowTitle(profile ? tr("%1 \u2014 Duo Doctor").arg(profile->name) : tr("Duo Doctor"));
}

// The setup typed on the pages is still the open profile's (the same three URLs).
bool DoctorWizard::pagesMatchProfile() const {
    const auto& profile = m_session->profile();
    if (!profile)
        return true;
    const Target typed = targetFromPages();
    const Target saved = profile->target();
    return typed.gitlabUrl == saved.gitlabUrl && typed.gatewayUrl == saved.gatewayUrl &&
           typed.modelEndpoint == saved.modelEndpoint;
}

void DoctorWizard::showTargetOnPages(const Target& target) {
    m_gitlab->showTarget(target);
    m_gateway->showTarget(target);
    m_modelPage->showTarget(target);
}

Target DoctorWizard::targetFromPages() const {
    Target target;
    m_gitlab->apply(target);
    m_gateway->apply(target);
    m_modelPage->apply(target);
    return target;
}

void DoctorWizard::collectTarget() {
    m_session->target = targetFromPages();
    m_gateway->applyNetwork(m_session->options);
}

bool DoctorWizard::startSimulated(const QString& scenario) {
    restart();
    m_start->chooseSimulated(scenario);
    next();
    return currentId() == RunPageId;
}

void DoctorWizard::restoreSettings() {
    const SetupValues values = SetupValues::load();
    Target target;
    target.gitlabUrl = QUrl(values.gitlabUrl);
    target.gatewayUrl = QUrl(values.gatewayUrl);
    target.modelFamily = values.modelName;
    target.modelEndpoint = QUrl(values.modelEndpoint);
    target.modelIdentifier = values.modelIdentifier;
    target.deploymentName = values.deploymentName;
    target.agentPlatformAddress = values.agentPlatform;
    target.azureApiVersion = values.azureApiVersion;
    m_gitlab->showTarget(target);
    m_gateway->showTarget(target);
    if (!values.modelEndpoint.isEmpty() || !values.modelName.isEmpty())
        m_modelPage->showTarget(target);
    const QByteArray geometry = loadWindowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1100, 760);
    fitOnScreen();
}

// A geometry saved on a larger (or a since removed) screen: the window comes back whole on this one.
void DoctorWizard::fitOnScreen() {
    const QScreen* screen = QGuiApplication::screenAt(geometry().center());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    setMinimumSize(minimumSize().boundedTo(available.size())); // a small screen: smaller than designed
    const QSize size = this->size().boundedTo(available.size());
    resize(size);
    QRect frame(pos(), size);
    frame.moveLeft(std::clamp(frame.left(), available.left(),
                              std::max(available.left(), available.right() - size.width())));
    frame.moveTop(std::clamp(frame.top(), available.top(),
                             std::max(available.top(), available.bottom() - size.height())));
    move(frame.topLeft());
}

void DoctorWizard::saveSettings() const {
    saveWindowGeometry(saveGeometry());
    if (m_session->isSimulated())
        return; // the simulated stack's ports mean nothing next time
    const Target target = targetFromPages();
    SetupValues values{target.gitlabUrl.toString(),     target.gatewayUrl.toString(), target.modelFamily,
                       target.modelEndpoint.toString(), target.modelIdentifier,       target.deploymentName,
                       target.agentPlatformAddress,     target.azureApiVersion};
    values.save();
}

bool DoctorWizard::validateCurrentPage() {
    if (!QWizard::validateCurrentPage())
        return false;
    // A URL changed on a setup page: this is another setup, no longer the profile's.
    const bool setupPage =
        currentId() == GitLabPageId || currentId() == GatewayPageId || currentId() == ModelPageId;
    if (setupPage && !pagesMatchProfile() && !m_session->leaveProfile())
        return false;
    // Leaving the model page for the run: the pages' values become the target (the simulated path sets it
    // itself).
    if (currentId() == ModelPageId)
        collectTarget();
    qCDebug(lcWizard) << "leaving page" << currentId();
    return true;
}

void DoctorWizard::showHelpMenu() {
    QMenu menu(this);
    menu.addAction(tr("Troubleshooting page (online)"), this,
                   [] { QDesktopServices::openUrl(QUrl(troubleshootingPageUrl())); });
    menu.addAction(tr("Open log folder"), this, [] {
        QDir().mkpath(logDirectory());
        QDesktopServices::openUrl(QUrl::fromLocalFile(logDirectory()));
    });
    menu.addSeparator();
    menu.addAction(tr("About Duo Doctor"), this,
                   [this] { QMessageBox::about(this, tr("About Duo Doctor"), aboutText()); });
    QAbstractButton* help = button(QWizard::HelpButton);
    menu.exec(help->mapToGlobal(QPoint(0, -menu.sizeHint().height())));
}

QString DoctorWizard::aboutText() {
    return tr("<h3>Duo Doctor %1</h3><p>Troubleshooting for GitLab Duo with self-hosted models: GitLab, the "
              "AI gateway and "
              "the model server, checked the way the troubleshooting page does, with the root cause and its "
              "fix.</p>"
              "<p>Qt %2 (built with %3) · QtKeychain %4 · built %5 with %6</p><p>Log: %7</p>")
        .arg(QStringLiteral(DUO_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             QStringLiteral(DUO_QTKEYCHAIN_VERSION), QStringLiteral(__DATE__), QStringLiteral(DUO_COMPILER),
             logDirectory().toHtmlEscaped());
}

void DoctorWizard::done(int result) {
    m_session->engine().cancel();
    saveSettings();
    QWizard::done(result);
}

} // namespace duo::ui
