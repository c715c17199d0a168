#include "core/profiles/secretstore.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace duo {

namespace {

struct SecretText {
    Q_DECLARE_TR_FUNCTIONS(duo::SecretStore)
};

const QString service = QStringLiteral("duo-doctor");

// Every QtKeychain error, mapped to what it means for the admin.
struct KeychainErrorRow {
    QKeychain::Error error;
    SecretError kind;
    const char* message;
};
const KeychainErrorRow keychainErrors[] = {
    {QKeychain::EntryNotFound, SecretError::NotFound,
     QT_TRANSLATE_NOOP("duo::SecretStore", "Nothing is stored in the keychain for this profile.")},
    {QKeychain::NoBackendAvailable, SecretError::Unavailable,
     QT_TRANSLATE_NOOP("duo::SecretStore",
                       "No keychain service is running (Secret Service, e.g. GNOME Keyring or KWallet): %1")},
    {QKeychain::NotImplemented, SecretError::Unavailable,
     QT_TRANSLATE_NOOP("duo::SecretStore", "This system offers no keychain Duo Doctor can use: %1")},
    // QtKeychain 0.13 reports a missing or locked keyring on Linux as OtherError.
    {QKeychain::OtherError, SecretError::Unavailable,
     QT_TRANSLATE_NOOP("duo::SecretStore", "The keychain is locked or unavailable: %1")},
    {QKeychain::AccessDeniedByUser, SecretError::Denied,
     QT_TRANSLATE_NOOP("duo::SecretStore", "You declined access to the keychain.")},
    {QKeychain::AccessDenied, SecretError::Denied,
     QT_TRANSLATE_NOOP("duo::SecretStore", "The keychain refused access: %1")},
    {QKeychain::CouldNotDeleteEntry, SecretError::Failed,
     QT_TRANSLATE_NOOP("duo::SecretStore", "The keychain could not delete the secret: %1")},
};

SecretResult fromJob(const QKeychain::Job& job) {
    SecretResult result;
    if (job.error() == QKeychain::NoError)
        return result;
    result.error = SecretError::Failed;
    result.message = SecretText::tr("The keychain failed: %1").arg(job.errorString());
    for (const KeychainErrorRow& row : keychainErrors) {
        if (row.error == job.error()) {
            result.error = row.kind;
            result.message = SecretText::tr(row.message);
            if (result.message.contains(QLatin1String("%1")))
                result.message = result.message.arg(job.errorString());
        }
    }
    return result;
}

const char* kindKey(SecretKind kind) {
    return kind == SecretKind::GitLabToken ? "gitlab-token" : "model-api-key";
}

template <typename Job>
void startJob(Job* job, const QString& key, SecretStore::Callback done,
              std::function<void(SecretResult&, Job&)> extra = {}) {
    job->setKey(key);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done = std::move(done), extra = std::move(extra)](QKeychain::Job* finished) {
                         SecretResult result = fromJob(*finished);
                         if (extra && result.ok())
                             extra(result, *static_cast<Job*>(finished));
                         done(result);
                     });
    job->start();
}

} // namespace

QString SecretStore::keyFor(const QString& profileId, SecretKind kind) {
    return profileId + QLatin1Char('/') + QLatin1String(kindKey(kind));
}

static SecretResult makeResult(SecretError error, const QString& value = {}, const QString& message = {}) {
    SecretResult result;
    result.error = error;
    result.value = value;
    result.message = message;
    return result;
}

void MemorySecretStore::later(Callback done, SecretResult result) {
    QTimer::singleShot(0, this, [done = std::move(done), result] { done(result); });
}

void MemorySecretStore::read(const QString& profileId, SecretKind kind, Callback done) {
    if (m_failure != SecretError::None)
        return later(
            std::move(done),
            makeResult(m_failure, {}, SecretText::tr("The keychain is locked or unavailable: simulated")));
    const QString key = keyFor(profileId, kind);
    if (!m_values.contains(key))
        return later(std::move(done), makeResult(SecretError::NotFound));
    later(std::move(done), makeResult(SecretError::None, m_values.value(key)));
}

void MemorySecretStore::write(const QString& profileId, SecretKind kind, const QString& value,
                              Callback done) {
    if (m_failure != SecretError::None)
        return later(
            std::move(done),
            makeResult(m_failure, {}, SecretText::tr("The keychain is locked or unavailable: simulated")));
    m_values.insert(keyFor(profileId, kind), value);
    later(std::move(done), makeResult(SecretError::None));
}

void MemorySecretStore::remove(const QString& profileId, SecretKind kind, Callback done) {
    if (m_failure != SecretError::None)
        return later(
            std::move(done),
            makeResult(m_failure, {}, SecretText::tr("The keychain is locked or unavailable: simulated")));
    m_values.remove(keyFor(profileId, kind));
    later(std::move(done), makeResult(SecretError::None));
}

void KeychainSecretStore::read(const QString& profileId, SecretKind kind, Callback done) {
    startJob<QKeychain::ReadPasswordJob>(
        new QKeychain::ReadPasswordJob(service, this), keyFor(profileId, kind), std::move(done),
        [](SecretResult& result, QKeychain::ReadPasswordJob& job) { result.value = job.textData(); });
}

void KeychainSecretStore::write(const QString& profileId, SecretKind kind, const QString& value,
                                Callback done) {
    auto* job = new QKeychain::WritePasswordJob(service, this);
    job->setTextData(value);
    startJob<QKeychain::WritePasswordJob>(job, keyFor(profileId, kind), std::move(done));
}

void KeychainSecretStore::remove(const QString& profileId, SecretKind kind, Callback done) {
    startJob<QKeychain::DeletePasswordJob>(
        new QKeychain::DeletePasswordJob(service, this), keyFor(profileId, kind),
        [done = std::move(done)](const SecretResult& result) {
            // Deleting what is not there is what was wanted.
            done(result.error == SecretError::NotFound ? SecretResult{} : result);
        });
}

void readProfileSecrets(SecretStore& store, const QString& profileId,
                        std::function<void(const ProfileSecrets&)> done) {
    auto secrets = std::make_shared<ProfileSecrets>();
    auto pending = std::make_shared<int>(2);
    auto collect = [secrets, pending, done](SecretKind kind, const SecretResult& result) {
        if (result.ok())
            (kind == SecretKind::GitLabToken ? secrets->gitlabToken : secrets->modelKey) = result.value;
        else if (result.error != SecretError::NotFound && secrets->problem.ok())
            secrets->problem = result;
        if (--*pending == 0)
            done(*secrets);
    };
    store.read(profileId, SecretKind::GitLabToken,
               [collect](const SecretResult& r) { collect(SecretKind::GitLabToken, r); });
    store.read(profileId, SecretKind::ModelKey,
               [collect](const SecretResult& r) { collect(SecretKind::ModelKey, r); });
}

void writeProfileSecrets(SecretStore& store, const QString& profileId, const QString& gitlabToken,
                         const QString& modelKey, std::function<void(const SecretResult&)> done) {
    auto firstProblem = std::make_shared<SecretResult>();
    auto pending = std::make_shared<int>(2);
    auto collect = [firstProblem, pending, done](const SecretResult& result) {
        if (!result.ok() && firstProblem->ok())
            *firstProblem = result;
        if (--*pending == 0)
            done(*firstProblem);
    };
    const std::pair<SecretKind, QString> secrets[] = {{SecretKind::GitLabToken, gitlabToken},
                                                      {SecretKind::ModelKey, modelKey}};
    for (const auto& [kind, value] : secrets) {
        if (value.isEmpty())
            store.remove(profileId, kind, collect);
        else
            store.write(profileId, kind, value, collect);
    }
}

} // namespace duo
