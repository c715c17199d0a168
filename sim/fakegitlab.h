#pragma once

#include "sim/fakeserver.h"

#include <QJsonObject>
#include <QString>
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
};

// A GraphQL request as GitLab reads it: the query text and its variables.
struct GraphqlQuery {
    QString text;
    QJsonObject variables;

    bool names(const char* field) const; // the field's name stands in the query as a word
};

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
