#pragma once

#include "httpserver.h"

#include <QHash>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;

namespace duo::sim {

struct GatewaySettings {
    bool healthy = true;
    bool authBypass = true;          // AIGW_AUTH__BYPASS_EXTERNAL
    bool customModels = true;        // AIGW_CUSTOM_MODELS__ENABLED
    bool rejectsGitLab = false;      // "Header mismatch 'X-Gitlab-Instance-Id'"
    bool inContainer = true;         // loopback addresses are the container itself
    QSet<QString> firewalledHosts;   // names the container cannot reach
    QHash<QString, QString> resolve; // the container network's DNS: name -> 127.0.0.1
    bool blackHole = false;
};

// The AI gateway: health, the seed's /v1/chat/agent, GitLab's connection check and code completions. The
// model call is real HTTP to the endpoint it is given.
class FakeGateway : public QObject {
    Q_OBJECT
public:
    explicit FakeGateway(GatewaySettings settings, QObject* parent = nullptr);
    HttpServer& http() { return m_http; }

    struct ModelCall {
        QString family;
        QString endpoint;
        QString apiKey;
        QString identifier;
    };
    struct Outcome {
        int status = 200; // the gateway's own answer status
        QString detail;   // LiteLLM-style error text when status != 200
        QString text;     // the model's answer
    };

private:
    void handle(const SimRequest& request, const Respond& respond);
    bool authorised(const SimRequest& request, const Respond& respond) const;
    void callModel(const ModelCall& call, std::function<void(const Outcome&)> done);

    GatewaySettings m_settings;
    HttpServer m_http;
    QNetworkAccessManager* m_network;
};

} // namespace duo::sim
