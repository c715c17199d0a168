// GitLab 18.x / 19.x: the Agent Platform service's settings, GitLab's probe of it, the WebSocket Agentic Chat
// and flows open, the runners flows run on, and the Agent Platform features' routing. Each answer follows the
// simulated version: an older GitLab has none of it.
#include "sim/fakegitlab.h"

#include "sim/gitlabgrpcprobe.h"
#include "sim/simjson.h"
#include "sim/websocketsession.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace duo::sim {

namespace {

// The versions GitLab's history notes give (docs/scenarios.md lists the sources).
struct Since {
    int major;
    int minor;
};
constexpr Since serviceUrlSince{18, 4};     // duoSettings.duoAgentPlatformServiceUrl, the probe, DAP features
constexpr Since serviceSecureSince{18, 10}; // duoSettings.selfHostedDuoAgentPlatformServiceSecure
constexpr Since webSocketSince{18, 2};      // /api/v4/ai/duo_workflows/ws on self-managed (Agentic Chat)
constexpr Since featureTitlesSince{18, 0};  // aiFeatureSettings' title and mainFeature in the simulation

bool since(const GitLabSettings& settings, Since version) {
    return settings.atLeast(version.major, version.minor);
}

// A field a GitLab older than its version does not have: GraphQL rejects the whole document.
struct VersionedField {
    const char* name;
    const char* type;
    Since since;
};
constexpr VersionedField versionedFields[] = {
    {"duoAgentPlatformServiceUrl", "DuoSettings", serviceUrlSince},
    {"selfHostedDuoAgentPlatformServiceSecure", "DuoSettings", serviceSecureSince},
};

// feature -> the title and main feature GitLab's admin page shows for it.
struct FeatureTitle {
    const char* feature;
    const char* title;
    const char* mainFeature;
};
constexpr FeatureTitle featureTitles[] = {
    {"code_completions", "Code Completion", "Code Suggestions"},
    {"code_generations", "Code Generation", "Code Suggestions"},
    {"duo_chat", "General", "GitLab Duo Chat"},
    {"duo_agent_platform", "Agents and flows", "GitLab Duo Agent Platform"},
    {"duo_agent_platform_agentic_chat", "Agentic Chat", "GitLab Duo Agent Platform"},
};
// The features GitLab's mutation treats as the Agent Platform's (dap_features).
constexpr const char* agentPlatformFeatures[] = {"duo_agent_platform", "duo_agent_platform_agentic_chat"};

const FeatureTitle* titleOf(const QString& feature) {
    for (const FeatureTitle& row : featureTitles) {
        if (feature == QLatin1String(row.feature))
            return &row;
    }
    return nullptr;
}

QJsonObject agentPlatformFeature(const GitLabSettings& settings, const char* feature) {
    const bool routed = !settings.agentPlatform.featuresWithoutModel;
    const SelfHostedModel& model = settings.model;
    return {
        {QStringLiteral("feature"), QString::fromLatin1(feature)},
        {QStringLiteral("provider"), routed ? QStringLiteral("self_hosted") : QStringLiteral("unassigned")},
        {QStringLiteral("selfHostedModel"),
         routed ? QJsonValue(QJsonObject{{QStringLiteral("name"), model.name},
                                         {QStringLiteral("model"), model.family},
                                         {QStringLiteral("endpoint"), model.endpoint}})
                : QJsonValue(QJsonValue::Null)}};
}

// runners(tagList: ["a", "b"]) or runners(tagList: $tags); none: every runner.
QStringList requestedTags(const GraphqlQuery& query) {
    static const QRegularExpression argument(
        QStringLiteral(R"(\brunners\s*\([^)]*\btagList\s*:\s*(\[[^\]]*\]|"[^"]*"|\$(\w+)))"));
    const QRegularExpressionMatch match = argument.match(query.text);
    if (!match.hasMatch())
        return {};
    if (!match.captured(2).isEmpty()) {
        const QJsonValue value = query.variables.value(match.captured(2));
        return value.isArray() ? value.toVariant().toStringList() : QStringList{value.toString()};
    }
    static const QRegularExpression quoted(QStringLiteral(R"("([^"]*)\")"));
    QStringList tags;
    for (auto it = quoted.globalMatch(match.captured(1)); it.hasNext();)
        tags.append(it.next().captured(1));
    return tags;
}

bool hasTags(const SimRunner& runner, const QStringList& tags) {
    for (const QString& tag : tags) {
        if (!runner.tags.contains(tag))
            return false;
    }
    return true;
}

QJsonObject restRunner(const SimRunner& runner, qsizetype id) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("description"), runner.description},
            {QStringLiteral("ip_address"), QJsonValue::Null},
            {QStringLiteral("active"), !runner.paused},
            {QStringLiteral("paused"), runner.paused},
            {QStringLiteral("is_shared"), runner.type == QLatin1String("INSTANCE_TYPE")},
            {QStringLiteral("runner_type"), runner.type.toLower()},
            {QStringLiteral("name"), QStringLiteral("gitlab-runner")},
            {QStringLiteral("online"), runner.status == QLatin1String("ONLINE")},
            {QStringLiteral("status"), runner.status.toLower()}};
}

// A token whose scopes do not reach the endpoint: GitLab's OAuth answer, naming the scopes that would.
HttpResponse insufficientScope() {
    const QString description =
        QStringLiteral("The request requires higher privileges than provided by the access token.");
    const QString scopes = QStringLiteral("api ai_workflows");
    HttpResponse response =
        HttpResponse::json(403, compact({{QStringLiteral("error"), QStringLiteral("insufficient_scope")},
                                         {QStringLiteral("error_description"), description},
                                         {QStringLiteral("scope"), scopes}}));
    response.headers.append(
        {QByteArrayLiteral("WWW-Authenticate"),
         QStringLiteral("Bearer realm=\"Protected by OAuth 2\", error=\"insufficient_scope\", "
                        "error_description=\"%1\", scope=\"%2\"")
             .arg(description, scopes)
             .toUtf8()});
    return response;
}

// What Workhorse's WebSocket upgrader answers a request that is no WebSocket handshake.
HttpResponse notAWebSocket() {
    HttpResponse response = HttpResponse::text(400, "Bad Request\n");
    response.headers.append({QByteArrayLiteral("Sec-Websocket-Version"), QByteArrayLiteral("13")});
    return response;
}

bool asksToUpgrade(const HttpRequest& request) {
    return request.method == "GET" && request.header("upgrade").toLower().contains("websocket") &&
           request.header("connection").toLower().contains("upgrade") &&
           request.header("sec-websocket-version") == "13" &&
           QByteArray::fromBase64(request.header("sec-websocket-key")).size() == 16;
}

} // namespace

bool GitLabSettings::atLeast(int major, int minor) const {
    static const QRegularExpression numbers(QStringLiteral(R"(^(\d+)\.(\d+))"));
    const QRegularExpressionMatch match = numbers.match(version);
    const int ownMajor = match.captured(1).toInt();
    return ownMajor > major || (ownMajor == major && match.captured(2).toInt() >= minor);
}

void addAgentPlatformSettings(const GitLabSettings& settings, QJsonObject& duoSettings) {
    if (since(settings, serviceUrlSince))
        duoSettings.insert(QStringLiteral("duoAgentPlatformServiceUrl"), settings.agentPlatform.serviceUrl);
    if (since(settings, serviceSecureSince))
        duoSettings.insert(QStringLiteral("selfHostedDuoAgentPlatformServiceSecure"),
                           settings.agentPlatform.serviceSecure);
}

void addAgentPlatformFeatures(const GitLabSettings& settings, QJsonArray& featureNodes) {
    if (since(settings, serviceUrlSince)) {
        for (const char* feature : agentPlatformFeatures)
            featureNodes.append(agentPlatformFeature(settings, feature));
    }
    if (!since(settings, featureTitlesSince))
        return;
    for (QJsonValueRef node : featureNodes) {
        QJsonObject object = node.toObject();
        if (const FeatureTitle* title = titleOf(object.value(QStringLiteral("feature")).toString())) {
            object.insert(QStringLiteral("title"), QString::fromLatin1(title->title));
            object.insert(QStringLiteral("mainFeature"), QString::fromLatin1(title->mainFeature));
        }
        node = object;
    }
}

QJsonValue runnersAnswer(const GitLabSettings& settings, const GraphqlQuery& query) {
    const QStringList tags = requestedTags(query);
    QJsonArray nodes;
    const QList<SimRunner>& runners = settings.agentPlatform.runners;
    for (qsizetype i = 0; i < runners.size(); ++i) {
        const SimRunner& runner = runners.at(i);
        if (!hasTags(runner, tags))
            continue;
        nodes.append(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("gid://gitlab/Ci::Runner/%1").arg(i + 1)},
                        {QStringLiteral("description"), runner.description},
                        {QStringLiteral("status"), runner.status},
                        {QStringLiteral("paused"), runner.paused},
                        {QStringLiteral("executorName"), runner.executor},
                        {QStringLiteral("runnerType"), runner.type},
                        {QStringLiteral("tagList"), QJsonArray::fromStringList(runner.tags)}});
    }
    return QJsonObject{{QStringLiteral("nodes"), nodes}};
}

bool FakeGitLab::rejectsUnknownFields(const GraphqlQuery& query, const Responder& respond) const {
    QJsonArray errors;
    for (const VersionedField& field : versionedFields) {
        if (since(m_settings, field.since) || !query.names(field.name))
            continue;
        const QString name = QString::fromLatin1(field.name);
        const QString type = QString::fromLatin1(field.type);
        errors.append(QJsonObject{{QStringLiteral("message"),
                                   QStringLiteral("Field '%1' doesn't exist on type '%2'").arg(name, type)},
                                  {QStringLiteral("extensions"),
                                   QJsonObject{{QStringLiteral("code"), QStringLiteral("undefinedField")},
                                               {QStringLiteral("typeName"), type},
                                               {QStringLiteral("fieldName"), name}}}});
    }
    if (errors.isEmpty())
        return false;
    respond(HttpResponse::json(200, compact({{QStringLiteral("errors"), errors}})));
    return true;
}

void FakeGitLab::runnersAll(const HttpRequest& request, const Responder& respond) {
    if (!m_settings.admin)
        return respond(railsError(403, QStringLiteral("403 Forbidden")));
    const QString tagList =
        QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(QStringLiteral("tag_list"));
    const QStringList tags = tagList.split(QLatin1Char(','), Qt::SkipEmptyParts);
    QJsonArray runners;
    const QList<SimRunner>& all = m_settings.agentPlatform.runners;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (hasTags(all.at(i), tags))
            runners.append(restRunner(all.at(i), i + 1));
    }
    respond(HttpResponse::json(200, QJsonDocument(runners).toJson(QJsonDocument::Compact)));
}

void FakeGitLab::workflowSocket(const HttpRequest& request, const Responder& respond) {
    if (!since(m_settings, webSocketSince))
        return respond(railsError(404, QStringLiteral("404 Not Found")));
    if (!m_settings.tokenScopes.contains(QLatin1String("api")) &&
        !m_settings.tokenScopes.contains(QLatin1String("ai_workflows")))
        return respond(insufficientScope());
    if (!m_settings.duoAccess)
        return respond(railsError(403, QStringLiteral("403 Forbidden")));
    if (m_settings.agentPlatform.proxyStripsUpgrade || !asksToUpgrade(request))
        return respond(notAWebSocket());
    HttpResponse switching{101, {}, {}, {}, {}};
    switching.headers = {
        {QByteArrayLiteral("upgrade"), QByteArrayLiteral("websocket")},
        {QByteArrayLiteral("connection"), QByteArrayLiteral("Upgrade")},
        {QByteArrayLiteral("sec-websocket-accept"), webSocketAccept(request.header("sec-websocket-key"))}};
    const int closeCode = m_settings.agentPlatform.websocketCloseCode;
    switching.upgrade = [closeCode](QTcpSocket* socket, const QByteArray& early) {
        new WebSocketSession(socket, early, closeCode);
    };
    respond(switching);
}

void FakeGitLab::withAgentPlatformProbe(QJsonArray results,
                                        const std::function<void(const QJsonArray&)>& done) {
    const AgentPlatformGitLab& platform = m_settings.agentPlatform;
    if (!since(m_settings, serviceUrlSince) || platform.serviceUrl.isEmpty())
        return done(results);
    const QString address = platform.serviceUrl;
    const GrpcTarget target{
        .address = address, .secure = platform.serviceSecure, .trustedPem = platform.trustedPem};
    probeGrpcTarget(target, this, [results, done, address](const QString& error) mutable {
        const bool reachable = error.isEmpty();
        QJsonObject probe{
            {QStringLiteral("name"), QStringLiteral("duo_agent_platform_probe")},
            {QStringLiteral("success"), reachable},
            {QStringLiteral("message"),
             reachable ? QStringLiteral("%1 reachable.").arg(address)
                       : QStringLiteral("Duo Agent Platform Service URL %1 is not reachable..").arg(address)},
            {QStringLiteral("errors"), reachable ? QJsonArray{} : QJsonArray{error}}};
        results.append(probe);
        done(results);
    });
}

} // namespace duo::sim
