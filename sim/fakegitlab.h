#pragma once

#include "sim/fakeserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace duo::sim {

struct SelfHostedModel {
    QString name;   // GitLab's deployment name
    QString family; // upper-case GraphQL enum, e.g. MISTRAL
    QString endpoint;
    QString identifier;
    QString storedKey; // the key GitLab keeps for it: never the admin's own
};

// A runner as GitLab lists it; GraphQL's spelling of the enums (ONLINE, INSTANCE_TYPE).
struct SimRunner {
    QString description;
    QString status = QStringLiteral("ONLINE"); // ONLINE, OFFLINE, STALE, NEVER_CONTACTED
    bool paused = false;
    QString executor = QStringLiteral("docker"); // executorName: docker, kubernetes, shell…
    QString type = QStringLiteral("INSTANCE_TYPE");
    QStringList tags;
};

// GitLab 18.x / 19.x: the Agent Platform service, its WebSocket, runners and feature routing. A GitLab older
// than a field's version answers it as GraphQL does a field it lacks (undefinedField), or 404.
struct AgentPlatformGitLab {
    QString serviceUrl;        // duoSettings.duoAgentPlatformServiceUrl as stored (18.4); empty: unset
    bool serviceSecure = true; // "Use TLS for the GitLab Duo Agent Platform service" (GraphQL from 18.10)
    QByteArray trustedPem;     // the service's certificate, which GitLab trusts
    QList<SimRunner> runners;  // every runner of the instance
    bool featuresWithoutModel = false; // the Agent Platform features are routed to no model (unassigned)
    bool proxyStripsUpgrade = false;   // a proxy in front drops Upgrade and Connection
    int websocketCloseCode = 0;        // closes the WebSocket with this code right after 101; 0: stays open
};

struct GitLabSettings {
    QString version = QStringLiteral("17.6.0-ee");
    bool enterprise = true;
    QString token; // the one valid personal access token
    bool tokenRevoked = false;
    QString username = QStringLiteral("root");
    bool admin = true;
    bool duoAccess = true; // the user has a GitLab Duo seat
    bool licenseExpired = false;
    QString featureProvider = QStringLiteral("self_hosted"); // or vendored
    QUrl aiGatewayUrl;
    bool blocksLocalRequests = false; // outbound rules: "Requests to the local network are not allowed"
    QString signedToken;              // what GitLab's requests to the gateway carry as Bearer
    QString instanceId;               // X-Gitlab-Instance-Id
    SelfHostedModel model;
    QList<SelfHostedModel> otherModels; // listed too, serving no feature
    QStringList tokenScopes = {QStringLiteral("api"), QStringLiteral("read_api")};
    AgentPlatformGitLab agentPlatform;

    bool atLeast(int major, int minor) const; // the version is major.minor or newer
};

// A GraphQL request as GitLab reads it: the query text and its variables.
struct GraphqlQuery {
    QString text;
    QJsonObject variables;

    bool names(const char* field) const; // the field's name stands in the query as a word
};

// Rails' error answer: {"message": …}, from the monolith.
HttpResponse railsError(int status, const QString& message);

// GitLab 18.x / 19.x answers (fakegitlabagentplatform.cpp), for the GraphQL fields of fakegitlab.cpp.
QJsonValue runnersAnswer(const GitLabSettings& settings, const GraphqlQuery& query); // runners(tagList: …)
void addAgentPlatformSettings(const GitLabSettings& settings, QJsonObject& duoSettings);
void addAgentPlatformFeatures(const GitLabSettings& settings, QJsonArray& featureNodes);

// GitLab as Duo Doctor sees it: REST, the GraphQL fields it asks for, and GitLab's own real requests to the
// gateway (probes, the connection check, code suggestions).
class FakeGitLab : public FakeServer {
    Q_OBJECT
public:
    explicit FakeGitLab(GitLabSettings settings, QObject* parent = nullptr);

private:
    void handle(const HttpRequest& request, const Responder& respond) override;
    bool authenticated(const HttpRequest& request) const;
    void metadata(const HttpRequest& request, const Responder& respond);
    void user(const HttpRequest& request, const Responder& respond);
    void accessToken(const HttpRequest& request, const Responder& respond);
    void license(const HttpRequest& request, const Responder& respond);
    void graphql(const HttpRequest& request, const Responder& respond);
    void codeSuggestions(const HttpRequest& request, const Responder& respond);
    // GitLab 18.x / 19.x (fakegitlabagentplatform.cpp).
    void runnersAll(const HttpRequest& request, const Responder& respond);
    void workflowSocket(const HttpRequest& request, const Responder& respond);
    bool rejectsUnknownFields(const GraphqlQuery& query, const Responder& respond) const;
    // GitLab's own Agent Platform probe, appended to results when GitLab has an address.
    void withAgentPlatformProbe(QJsonArray results, const std::function<void(const QJsonArray&)>& done);
    // The GraphQL fields GitLab answers only after calling the gateway.
    void probes(const GraphqlQuery& query, const std::function<void(const QJsonObject&)>& done);
    void connectionCheck(const GraphqlQuery& query, const std::function<void(const QJsonObject&)>& done);
    // GitLab -> gateway, with GitLab's headers on POSTs. done(status, body, error text when no answer).
    void callGateway(const QByteArray& method, const QString& path, const QByteArray& body, int timeoutMs,
                     const std::function<void(int, const QByteArray&, const QString&)>& done);

    GitLabSettings m_settings;
    QNetworkAccessManager* m_network;
};

} // namespace duo::sim
