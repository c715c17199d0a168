#pragma once

#include "core/engine/engine.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretstore.h"
#include "core/target.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <functional>
#include <memory>

namespace duo::sim {
class SimStack;
struct SimInputs;
} // namespace duo::sim

namespace duo::ui {

// What the wizard's pages share: the setup being checked, the engine that checks it, and the simulated stack
// when the admin is only trying Duo Doctor out.
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    Target target;
    RunOptions options;

    CheckEngine& engine() { return m_engine; }
    QNetworkAccessManager& network() { return m_network; }

    // Profiles: the open one (if any) remembers each run; its secrets live in the secret store.
    ProfileStore& profiles() { return m_profiles; }
    SecretStore& secrets() { return *m_secrets; }
    void setProfileStore(const ProfileStore& store) { m_profiles = store; }
    void setSecretStore(std::unique_ptr<SecretStore> store) { m_secrets = std::move(store); }
    const std::optional<Profile>& profile() const { return m_profile; }
    // Makes the profile the target; secrets arrive later through secretsRead().
    void openProfile(const Profile& profile);
    // The setup no longer is the open profile's: later runs are not its runs, and its pasted outputs (judged
    // against its stack) are cleared.
    void detachProfile();
    void clearPastedOutputs();
    // Detaches the open profile, first asking when it has pasted outputs; false: the admin kept it.
    bool leaveProfile();
    // Manual steps with pasted output: the open profile's and this session's.
    QStringList pastedSteps() const;
    // Asks the admin a yes/no question (a message box; tests answer it themselves).
    std::function<bool(const QString& question)> confirm;
    // Saves the current target as the open profile (or a new one called name) and its secrets in the
    // keychain.
    void saveProfile(const QString& name, std::function<void(bool saved, const QString& message)> done);

    // Pins a certificate for one host; the open profile keeps it.
    void trustCertificate(const QString& host, const QString& sha256);

    // Starts the named scenario on 127.0.0.1; target and options then point at it.
    bool startSimulated(const QString& scenario, QString* error);
    // Back to the admin's own setup: the simulated stack stops and its options go.
    void stopSimulated();
    bool isSimulated() const { return m_sim != nullptr; }
    // The simulated stack, while one runs (tests and benchmarks add latency to it).
    sim::SimStack* simulatedStack() const { return m_sim.get(); }
    QString scenario() const { return m_scenario; }

signals:
    void simulatedStackStarted();
    void profileOpened(const duo::Profile& profile);
    // The open profile changed: opened, saved under a name, or detached (none).
    void profileChanged();
    // notice: in plain words, which secrets came back and which could not be read.
    void secretsRead(const duo::ProfileSecrets& secrets, const QString& notice);

private:
    QNetworkAccessManager m_network;
    CheckEngine m_engine;
    std::unique_ptr<sim::SimStack> m_sim;
    ProfileStore m_profiles;
    std::unique_ptr<SecretStore> m_secrets;
    std::optional<Profile> m_profile;
    QString m_runProfileId; // the profile open when the current run started: only it records the run
    QString m_scenario;
};

} // namespace duo::ui
