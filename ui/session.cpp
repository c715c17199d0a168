#include "ui/session.h"

#include "sim/simstack.h"
#include "sim/simtarget.h"

namespace duo::ui {

Session::Session(QObject* parent)
    : QObject(parent)
    , m_engine(&m_network)
    , m_secrets(std::make_unique<KeychainSecretStore>()) {
    // The open profile remembers every finished run and the (redacted) pasted outputs.
    connect(&m_engine, &CheckEngine::finished, this, [this](const Report& report) {
        if (!m_profile || isSimulated() || report.cancelled)
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
    readProfileSecrets(*m_secrets, profile.id, [this, id = profile.id](const ProfileSecrets& secrets) {
        if (!m_profile || m_profile->id != id)
            return; // another profile was opened meanwhile
        emit secretsRead(secrets);
    });
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
    const QString savedName = profile.name;
    writeProfileSecrets(
        *m_secrets, profile.id, target.gitlabToken.reveal(), target.modelKey.reveal(),
        [done, savedName](const SecretResult& result) {
            if (result.ok())
                done(true,
                     tr("Saved the profile \u201c%1\u201d; its secrets are in the keychain.").arg(savedName));
            else
                done(true,
                     tr("Saved the profile \u201c%1\u201d without its secrets: %2 They are used for this "
                        "session only.")
                         .arg(savedName, result.message));
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
