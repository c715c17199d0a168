#pragma once

#include "sim/fakeserver.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace duo::sim {

// What AWS answers a gateway that calls Bedrock (bedrock/ identifiers), as LiteLLM relays it.
enum class BedrockAnswer { Works, OnDemand, UseCaseForm, NoCredentials, AccessDenied, AssumeRole, Throttled };

struct GatewaySettings {
    bool healthy = true;             // /monitoring/healthz 200, else 503
    bool authBypass = true;          // AIGW_AUTH__BYPASS_EXTERNAL
    bool customModels = true;        // AIGW_CUSTOM_MODELS__ENABLED
    bool rejectsGitLab = false;      // "Header mismatch 'X-Gitlab-Instance-Id'"
    bool inContainer = true;         // localhost, 127.0.0.1, ::1, 0.0.0.0 are the container itself
    QSet<QString> firewalledHosts;   // names the container's network cannot reach (connect times out)
    QHash<QString, QString> resolve; // the container network's DNS: name -> 127.0.0.1
    QString gitlabSignedToken;       // what GitLab's requests carry; the only token accepted without bypass
    bool blackHole = false;          // accepts connections, never answers
    BedrockAnswer bedrock = BedrockAnswer::Works;
    QString azureApiVersion = QStringLiteral("2024-10-21"); // AZURE_API_VERSION, for azure/ identifiers
};

// The AI gateway: health, the seed's /v1/chat/agent, GitLab's connection check and code completions. The
// model call is real HTTP to the endpoint it is given, with LiteLLM's error texts.
class FakeGateway : public FakeServer {
    Q_OBJECT
public:
    explicit FakeGateway(GatewaySettings settings, QObject* parent = nullptr);

    struct ModelCall {
        QString family; // the model name (family), e.g. mistral
        QString endpoint;
        QString apiKey;
        QString identifier; // e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3; may be empty
    };
    struct Outcome {
        int status = 200; // the gateway's own answer status
        QString detail;   // LiteLLM-style error text when status != 200
        QString text;     // the model's answer
    };
    // How a route words the model's outcome for its caller; family names the model asked for.
    using ModelReply = HttpResponse (*)(const Outcome& outcome, const QString& family);

private:
    void handle(const HttpRequest& request, const Responder& respond) override;
    void health(const HttpRequest& request, const Responder& respond);
    void definitions(const HttpRequest& request, const Responder& respond);
    void chatAgent(const HttpRequest& request, const Responder& respond);
    void connectionCheck(const HttpRequest& request, const Responder& respond);
    void codeCompletions(const HttpRequest& request, const Responder& respond);
    bool authorised(const HttpRequest& request, const Responder& respond) const;
    // The JSON body of a request for the model; none after answering why not (authentication, JSON).
    std::optional<QJsonObject> modelRequestBody(const HttpRequest& request, const Responder& respond) const;
    // Calls the model unless the gateway refuses it (custom models off, a family it does not know).
    void askModel(const ModelCall& call, bool customModel, const Responder& respond, ModelReply reply);
    void callModel(const ModelCall& call, const std::function<void(const Outcome&)>& done);

    GatewaySettings m_settings;
    QNetworkAccessManager* m_network;
};

} // namespace duo::sim
