#include "ui/session.h"

#include "core/engine/catalog.h"
#include "sim/simstack.h"
#include "sim/simtarget.h"
#include "ui/secretmessages.h"

#include <QMessageBox>

namespace duo::ui {

Session::Session(QObject* parent)
    : QObject(parent)
    , m_engine(&m_network)
    , m_secrets(std::make_unique<KeychainSecretStore>()) {
    confirm = [](const QString& question) {
        return QMessageBox::question(nullptr, tr("Duo Doctor"), question) == QMessageBox::Yes;
    };
    // A full run belongs to the profile open when it started (a quick Test's engine is another one).
    connect(&m_engine, &CheckEngine::started, this,
            [this] { m_runProfileId = m_profile && !isSimulated() ? m_profile->id : QString(); });
    // The open profile remembers every finished run and the (redacted) pasted outputs.
    connect(&m_engine, &CheckEngine::finished, this, [this](const Report& report) {
        if (!m_profile || m_profile->id != m_runProfileId || isSimulated() || report.cancelled)
            return;
        m_profile->recordRun(report);
        QString error;
        if (!m_profiles.save(*m_profile, &error))
            qWarning("profile not updated: %s", qPrintable(error));
    });
}

void Session::openProfile(const Profile& profile) {
    stopSimulated();
    m_profile = profile;
    target = profile.target();
    options = profile.options;
    for (auto it = profile.manualOutputs.cbegin(); it != profile.manualOutputs.cend(); ++it)
        m_engine.setManualOutput(it.key(), it.value());
    emit profileOpened(profile);
    emit profileChanged();
    readEachSecret(
        *m_secrets, profile.id, [this, id = profile.id, name = profile.name](const SecretOutcomes& outcomes) {
            if (!m_profile || m_profile->id != id)
                return; // another profile was opened meanwhile
            ProfileSecrets secrets;
            for (const SecretOutcome& outcome : outcomes) {
                (outcome.kind == SecretKind::GitLabToken ? secrets.gitlabToken : secrets.modelKey) =
                    outcome.result.value;
                if (!outcome.result.ok() && outcome.result.error != SecretError::NotFound &&
                    secrets.problem.ok())
                    secrets.problem = outcome.result;
            }
            emit secretsRead(secrets, readSecretsMessage(name, outcomes));
        });
}

QStringList Session::pastedSteps() const {
    QStringList steps = m_profile ? QStringList(m_profile->manualOutputs.keys()) : QStringList();
    for (const CheckResult& check : m_engine.report().checks) {
        if (check.manualOutput && !check.manualOutput->trimmed().isEmpty() && !steps.contains(check.id))
            steps << check.id;
    }
    return steps;
}

void Session::clearPastedOutputs() {
    // An empty output removes a step's paste; every manual step, so none judged against another stack stays.
    for (const CheckDefinition& definition : checkCatalog()) {
        if (definition.vantage == Vantage::Manual)
            m_engine.setManualOutput(definition.id, QString());
    }
}

void Session::detachProfile() {
    if (!m_profile)
        return;
    clearPastedOutputs();
    m_profile.reset();
    m_runProfileId.clear();
    emit profileChanged();
}

bool Session::leaveProfile() {
    if (!m_profile)
        return true;
    const qsizetype pasted = pastedSteps().size();
    if (pasted > 0 &&
        !confirm(
            tr("This setup is no longer the profile \u201c%1\u201d. Its %n pasted output(s) were for its "
               "stack and will be cleared. Continue?",
               nullptr, int(pasted))
                .arg(m_profile->name)))
        return false;
    detachProfile();
    return true;
}

void Session::saveProfile(const QString& name, std::function<void(bool saved, const QString& message)> done) {
    // Saving while a profile is open updates it (a new name renames it; the id and its keychain entries
    // stay).
    Profile profile = m_profile ? *m_profile : Profile::create(name);
    if (!name.isEmpty())
        profile.name = name;
    profile.setTarget(target);
    profile.options = options;
    if (m_engine.report().startedAt.isValid() && !isSimulated())
        profile.recordRun(m_engine.report());
    QString error;
    if (!m_profiles.save(profile, &error)) {
        done(false, tr("The profile was not saved: %1").arg(error));
        return;
    }
    m_profile = profile;
    emit profileChanged();
    writeEachSecret(*m_secrets, profile.id, target.gitlabToken.reveal(), target.modelKey.reveal(),
                    [done, savedName = profile.name](const SecretOutcomes& outcomes) {
                        done(true, savedSecretsMessage(savedName, outcomes));
                    });
}

Session::~Session() = default;

void Session::trustCertificate(const QString& host, const QString& sha256) {
    options.pinned.append({host, sha256});
    if (!m_profile)
        return;
    m_profile->options.pinned.append({host, sha256});
    QString error;
    if (!m_profiles.save(*m_profile, &error))
        qWarning("profile not updated: %s", qPrintable(error));
}

bool Session::startSimulated(const QString& scenario, QString* error) {
    m_engine.cancel();
    auto stack = std::make_unique<sim::SimStack>();
    if (!stack->start(scenario, error))
        return false;
    detachProfile();
    clearPastedOutputs(); // outputs pasted for another stack say nothing about this one
    target = sim::targetFromSim(stack->inputs());
    options = sim::optionsFromSim(stack->inputs());
    m_sim = std::move(stack);
    m_scenario = scenario;
    emit simulatedStackStarted();
    return true;
}

void Session::stopSimulated() {
    if (!m_sim)
        return;
    m_engine.cancel();
    m_sim.reset();
    m_scenario.clear();
    options = {};
}

} // namespace duo::ui
