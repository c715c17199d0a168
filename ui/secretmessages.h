#pragma once

#include "core/profiles/secretstore.h"

#include <QList>
#include <QLoggingCategory>
#include <QString>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcWizard)

namespace duo::ui {

// What happened to one secret of a profile: whether the admin gave one (saving) or the keychain had one
// (reading), and the keychain's answer.
struct SecretOutcome {
    SecretKind kind;
    bool present = false;
    SecretResult result;
};
using SecretOutcomes = QList<SecretOutcome>;

// Writes (or, for an empty value, removes) both secrets; done gets one outcome per secret.
void writeEachSecret(SecretStore& store, const QString& profileId, const QString& gitlabToken,
                     const QString& modelKey, std::function<void(const SecretOutcomes&)> done);
// Reads both secrets; done gets one outcome per secret (present: the keychain had it).
void readEachSecret(SecretStore& store, const QString& profileId,
                    std::function<void(const SecretOutcomes&)> done);

// Plain words for the admin, naming each secret: the keychain's own text (D-Bus paths) goes to the log only.
QString savedSecretsMessage(const QString& profileName, const SecretOutcomes& outcomes);
QString readSecretsMessage(const QString& profileName, const SecretOutcomes& outcomes);
QString plainSecretProblem(const SecretResult& result);

} // namespace duo::ui
