#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace duo {

enum class SecretKind { GitLabToken, ModelKey };

enum class SecretError {
    None,
    NotFound,    // nothing stored: not a problem
    Unavailable, // no keychain service, or it is locked (QtKeychain reports a locked keyring as OtherError)
    Denied,      // the user declined, or access was refused
    Failed,      // anything else
};

struct SecretResult {
    SecretError error = SecretError::None;
    QString value;   // read: the secret
    QString message; // for the admin: what went wrong and what to do
    bool ok() const { return error == SecretError::None; }
};

// Where secrets live, keyed by a profile's stable id. Asynchronous: callbacks arrive on the event loop.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const SecretResult&)>;
    using QObject::QObject;

    virtual void read(const QString& profileId, SecretKind kind, Callback done) = 0;
    virtual void write(const QString& profileId, SecretKind kind, const QString& value, Callback done) = 0;
    virtual void remove(const QString& profileId, SecretKind kind, Callback done) = 0;

    static QString keyFor(const QString& profileId, SecretKind kind);
};

// For unit tests and "this session only": a dictionary, optionally failing like a locked keychain.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString& profileId, SecretKind kind, Callback done) override;
    void write(const QString& profileId, SecretKind kind, const QString& value, Callback done) override;
    void remove(const QString& profileId, SecretKind kind, Callback done) override;

    void failWith(SecretError error) { m_failure = error; }
    int count() const { return int(m_values.size()); }

private:
    void later(Callback done, SecretResult result);

    QHash<QString, QString> m_values;
    SecretError m_failure = SecretError::None;
};

// The OS keychain through QtKeychain (Secret Service on Linux). Never falls back to a plaintext file.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString& profileId, SecretKind kind, Callback done) override;
    void write(const QString& profileId, SecretKind kind, const QString& value, Callback done) override;
    void remove(const QString& profileId, SecretKind kind, Callback done) override;
};

// Reads both secrets of a profile; done gets them (empty when not stored) and the first problem, if any.
struct ProfileSecrets {
    QString gitlabToken;
    QString modelKey;
    SecretResult problem; // error None when both reads went fine (NotFound counts as fine)
};
void readProfileSecrets(SecretStore& store, const QString& profileId,
                        std::function<void(const ProfileSecrets&)> done);
// Writes (or, for an empty value, removes) both secrets.
void writeProfileSecrets(SecretStore& store, const QString& profileId, const QString& gitlabToken,
                         const QString& modelKey, std::function<void(const SecretResult&)> done);

} // namespace duo
