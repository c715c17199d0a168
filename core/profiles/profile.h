#pragma once

#include "core/report.h"
#include "core/target.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace duo {

// A saved setup: everything the wizard collects except secrets (those live in the OS keychain under the
// profile's id), plus the last run's summary and the pasted manual outputs (redacted).
struct Profile {
    static constexpr int currentVersion = 2;

    QString id; // stable: file name and keychain key; survives renames
    QString name;
    QUrl gitlabUrl;
    QUrl gatewayUrl;
    QString modelFamily;
    QUrl modelEndpoint;
    QString modelIdentifier;
    QString deploymentName;
    QString agentPlatformAddress; // HOST:PORT when typed; empty: learned from GitLab
    QString azureApiVersion;      // Azure OpenAI's api-version when typed; empty: the default
    RunOptions options;
    QHash<QString, QString> manualOutputs;

    struct LastRun {
        QDateTime at;
        StatusCounts counts;
        QString firstRootCause;

        QJsonObject toJson() const;
        static LastRun fromJson(const QJsonObject& json);
    };
    std::optional<LastRun> lastRun;

    static Profile create(const QString& name);
    // The non-secret half of a target; secrets are added from the keychain.
    Target target() const;
    void setTarget(const Target& target);
    void recordRun(const Report& report);

    QJsonObject toJson() const;
    // Reads any version this build knows, migrating older ones; nullopt with a reason when it cannot.
    static std::optional<Profile> fromJson(const QJsonObject& json, QString* error);
};

} // namespace duo
