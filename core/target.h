#pragma once

#include "core/secret.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace duo {

// curl's --resolve HOST:PORT:ADDRESS: connect to ADDRESS when a URL names HOST:PORT.
struct ResolveEntry {
    QString host;
    int port = 0;
    QString address;
};

// What the admin told us about their setup. The three "model" words stay distinct:
// the family GitLab knows, the identifier the server serves, and GitLab's deployment name.
struct Target {
    QUrl gitlabUrl;
    Secret gitlabToken;
    QUrl gatewayUrl;
    QString modelFamily;     // --model-name: mistral, codegemma, llama3, general...
    QUrl modelEndpoint;      // e.g. http://vllm.internal:8000/v1
    QString modelIdentifier; // e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3
    QString deploymentName;  // GitLab's name for the self-hosted model; defaults to the family
    Secret modelKey;
    QString gitlabUsername; // for manual steps that name a user; filled from the token's owner when known
    // The Agent Platform service (gRPC) as HOST:PORT, when the admin gives it: it overrides the address
    // GitLab stores (duoSettings.duoAgentPlatformServiceUrl). Empty: learned from GitLab.
    QString agentPlatformAddress;
    // Azure OpenAI's api-version (--azure-api-version); empty: core/knowledge/platforms.h's default.
    QString azureApiVersion;

    QString effectiveDeploymentName() const {
        return deploymentName.isEmpty() ? modelFamily : deploymentName;
    }
    // The identifier without its provider prefix: what the server lists in /v1/models.
    QString servedModelId() const;
    bool hasGitLab() const { return gitlabUrl.isValid() && !gitlabUrl.isEmpty(); }
};

// curl's HOST:PORT:ADDRESS (the address may be an IPv6 literal in brackets).
std::optional<ResolveEntry> parseResolve(const QString& text);

// A certificate the admin chose to trust for one host, by its SHA-256 fingerprint (hex, no colons).
struct PinnedCertificate {
    QString host;
    QString sha256;
};

// Which proxy requests go through: the environment (http_proxy, https_proxy, no_proxy, as curl and GitLab
// read them), none, or one given URL.
struct ProxySetting {
    enum class Mode { Environment, None, Manual };
    Mode mode = Mode::Environment;
    QUrl url; // Manual
};

struct RunOptions {
    int timeoutMs = 10'000;
    int inferenceTimeoutMs = 60'000;
    qint64 maxResponseBytes = 1 << 20;
    QList<ResolveEntry> resolve;
    QString caFile; // extra trusted CAs (PEM), on top of the system store
    QList<PinnedCertificate> pinned;
    ProxySetting proxy;
};

// The settings that decide which connection a request may use: CA file, proxy, --resolve entries and pinned
// certificates. Requests with different ones must never share a kept-alive connection.
QByteArray connectionKey(const RunOptions& options);

} // namespace duo
