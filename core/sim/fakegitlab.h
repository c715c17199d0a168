#pragma once

#include "httpserver.h"

#include <QUrl>

class QNetworkAccessManager;

namespace duo::sim {

struct SelfHostedModel {
    QString name;   // GitLab's deployment name
    QString family; // upper-case GraphQL enum, e.g. MISTRAL
    QString endpoint;
    QString identifier;
    QString storedKey; // the key GitLab keeps for it: never the admin's own
};

struct GitLabSettings {
    QString version = QStringLiteral("17.6.0-ee");
    bool enterprise = true;
    QString token; // the one valid personal access token
    bool tokenRevoked = false;
    QString username = QStringLiteral("root");
    bool admin = true;
    bool duoAccess = true;
    bool licenseExpired = false;
    QString featureProvider = QStringLiteral("self_hosted");
    QUrl aiGatewayUrl;
    bool blocksLocalRequests = false; // outbound rules: "Requests to the local network are not allowed"
    SelfHostedModel model;
};

// GitLab as Duo Doctor sees it: REST, the GraphQL fields it asks for, and GitLab's own requests to the
// gateway.
class FakeGitLab : public QObject {
    Q_OBJECT
public:
    explicit FakeGitLab(GitLabSettings settings, QObject* parent = nullptr);
    HttpServer& http() { return m_http; }

private:
    void handle(const SimRequest& request, const Respond& respond);
    bool authenticated(const SimRequest& request) const;
    void graphql(const SimRequest& request, const Respond& respond);
    void probes(std::function<void(const QJsonObject&)> done);
    void connectionCheck(const QJsonObject& input, std::function<void(const QJsonObject&)> done);
    void codeSuggestions(const Respond& respond);
    // GitLab -> gateway, with GitLab's headers. done(status, body, error text when no answer).
    void callGateway(const QByteArray& method, const QString& path, const QByteArray& body, int timeoutMs,
                     std::function<void(int, const QByteArray&, const QString&)> done);

    GitLabSettings m_settings;
    HttpServer m_http;
    QNetworkAccessManager* m_network;
};

} // namespace duo::sim
