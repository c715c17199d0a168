#include "sim/fakegitlab.h"

#include "sim/simjson.h"
#include "sim/simlog.h"

#include <QDate>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

#include <memory>

namespace duo::sim {

namespace {

const QString localBlocked = QStringLiteral("Requests to the local network are not allowed");
const QString noPermission =
    QStringLiteral("The resource that you are attempting to access does not exist or "
                   "you don't have permission to perform this action");
constexpr int probeTimeoutMs = 5'000;
// GitLab's own gateway timeout (ai_gateway_timeout_seconds, 60 by default) cut short, so a black hole costs a
// run seconds, not a minute; longer than the slow model's 5 s.
constexpr int requestTimeoutMs = 8'000;
constexpr int reportedTimeoutSeconds = 60;

// The gateway's own words when it answered, else GitLab's connection error.
QString gatewayMessage(int status, const QByteArray& body, const QString& error) {
    if (status == 0)
        return error;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QString text = QString::fromUtf8(body);
    if (object.value(QStringLiteral("detail")).isString())
        text = object.value(QStringLiteral("detail")).toString();
    else if (object.value(QStringLiteral("error")).isString())
        text = object.value(QStringLiteral("error")).toString();
    return QStringLiteral("AI Gateway returned HTTP %1: %2").arg(status).arg(text);
}

// The arguments of aiSelfHostedModelConnectionCheck(input: …), from the variables or written inline.
QJsonObject mutationInput(const QString& query, const QJsonObject& variables) {
    static const QRegularExpression head(
        QStringLiteral(R"(aiSelfHostedModelConnectionCheck\s*\(\s*input\s*:\s*(\$(\w+)|\{))"));
    const QRegularExpressionMatch match = head.match(query);
    if (!match.hasMatch())
        return variables.value(QStringLiteral("input")).toObject();
    if (!match.captured(2).isEmpty())
        return variables.value(match.captured(2)).toObject();
    // Inline: name: "…", model: MISTRAL, apiToken: $key …, up to the closing brace outside any string.
    qsizetype end = match.capturedEnd(0);
    bool inString = false;
    for (; end < query.size(); ++end) {
        const QChar c = query.at(end);
        if (inString && c == QLatin1Char('\\'))
            ++end;
        else if (c == QLatin1Char('"'))
            inString = !inString;
        else if (!inString && c == QLatin1Char('}'))
            break;
    }
    const QString arguments = query.mid(match.capturedEnd(0), end - match.capturedEnd(0));
    static const QRegularExpression pair(
        QStringLiteral(R"((\w+)\s*:\s*("(?:[^"\\]|\\.)*"|\$\w+|[A-Za-z_][A-Za-z0-9_]*))"));
    QJsonObject input;
    for (auto it = pair.globalMatch(arguments); it.hasNext();) {
        const QRegularExpressionMatch field = it.next();
        const QString value = field.captured(2);
        if (value.startsWith(QLatin1Char('"')))
            input.insert(field.captured(1),
                         QJsonDocument::fromJson(QStringLiteral("[%1]").arg(value).toUtf8()).array().at(0));
        else if (value.startsWith(QLatin1Char('$')))
            input.insert(field.captured(1), variables.value(value.mid(1)));
        else
            input.insert(field.captured(1), value);
    }
    return input;
}

QString isoDate(const QDate& date) {
    return date.toString(Qt::ISODate);
}

// GitLab keeps its health checks for allow-listed IPs: everyone else gets a plain 404.
bool isHealthCheck(const QByteArray& path) {
    return path == "/-/health" || path == "/-/readiness" || path == "/-/liveness";
}

// Outside /api/ an anonymous browser is sent to sign in.
HttpResponse signInRedirect() {
    return HttpResponse{302,
                        {},
                        "text/html; charset=utf-8",
                        {{QByteArrayLiteral("location"), QByteArrayLiteral("/users/sign_in")}}};
}

// The answer to one GraphQL request, filled field by field, some fields only after GitLab's own calls.
class GraphqlReply {
public:
    explicit GraphqlReply(Responder respond)
        : m_respond(std::move(respond)) {}

    void insert(const QString& field, const QJsonValue& value) { m_data.insert(field, value); }
    // A field this user may not read: null, and GitLab's error naming it.
    void deny(const QString& field) {
        m_data.insert(field, QJsonValue::Null);
        m_errors.append(QJsonObject{{QStringLiteral("message"), noPermission},
                                    {QStringLiteral("path"), QJsonArray{field}}});
    }
    // A field this edition does not have.
    void unknown(const QString& field, const QString& type) {
        m_errors.append(
            QJsonObject{{QStringLiteral("message"),
                         QStringLiteral("Field '%1' doesn't exist on type '%2'").arg(field, type)}});
    }
    void send() const {
        QJsonObject root{{QStringLiteral("data"), m_data}};
        if (!m_errors.isEmpty())
            root.insert(QStringLiteral("errors"), m_errors);
        m_respond(HttpResponse::json(200, compact(root)));
    }

private:
    Responder m_respond;
    QJsonObject m_data;
    QJsonArray m_errors;
};

using FieldDone = std::function<void(const QJsonObject&)>;

// One GraphQL field GitLab answers: who may read it, and its value, at once or after calling the gateway.
struct GraphqlField {
    const char* name;
    const char* type = "Query"; // where the Community Edition says the field does not exist
    bool enterprise = true;     // the Community Edition does not have it
    bool adminOnly = true;
    QJsonValue (*value)(const GitLabSettings& settings, const GraphqlQuery& query) = nullptr;
    void (FakeGitLab::*resolve)(const GraphqlQuery& query, const FieldDone& done) = nullptr;
};

// Whether GitLab answers the field for this edition and user; records GitLab's error when it does not.
bool mayRead(const GraphqlField& field, const GitLabSettings& settings, GraphqlReply& reply) {
    const QString name = QString::fromLatin1(field.name);
    if (field.enterprise && !settings.enterprise) {
        reply.unknown(name, QString::fromLatin1(field.type));
        return false;
    }
    if (field.adminOnly && !settings.admin) {
        reply.deny(name);
        return false;
    }
    return true;
}

QJsonValue currentUser(const GitLabSettings& settings, const GraphqlQuery&) {
    const bool duo = settings.enterprise && settings.duoAccess;
    return QJsonObject{{QStringLiteral("username"), settings.username},
                       {QStringLiteral("duoCodeSuggestionsAvailable"), duo},
                       {QStringLiteral("duoChatAvailable"), duo}};
}

QJsonValue duoSettings(const GitLabSettings& settings, const GraphqlQuery&) {
    QJsonObject answer{{QStringLiteral("aiGatewayUrl"), settings.aiGatewayUrl.toString()},
                       {QStringLiteral("aiGatewayTimeoutSeconds"), reportedTimeoutSeconds},
                       {QStringLiteral("duoCoreFeaturesEnabled"), true}};
    addAgentPlatformSettings(settings, answer);
    return answer;
}

QJsonObject modelNode(const SelfHostedModel& model, qsizetype number, bool hasApiToken) {
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("gid://gitlab/Ai::SelfHostedModel/%1").arg(number)},
        {QStringLiteral("name"), model.name},
        {QStringLiteral("model"), model.family},
        {QStringLiteral("endpoint"), model.endpoint},
        {QStringLiteral("identifier"), model.identifier},
        {QStringLiteral("releaseState"), QStringLiteral("GA")},
        {QStringLiteral("hasApiToken"), hasApiToken}};
}

// The model serving the features first; the others GitLab lists keep no key.
QJsonValue selfHostedModels(const GitLabSettings& settings, const GraphqlQuery&) {
    QJsonArray nodes{modelNode(settings.model, 1, !settings.model.storedKey.isEmpty())};
    for (const SelfHostedModel& other : settings.otherModels)
        nodes.append(modelNode(other, nodes.size() + 1, false));
    return QJsonObject{{QStringLiteral("nodes"), nodes}};
}

QJsonValue featureSettings(const GitLabSettings& settings, const GraphqlQuery&) {
    const SelfHostedModel& model = settings.model;
    const bool selfHosted = settings.featureProvider == QLatin1String("self_hosted");
    QJsonArray nodes;
    for (const char* feature : {"code_completions", "code_generations", "duo_chat"}) {
        nodes.append(
            QJsonObject{{QStringLiteral("feature"), QString::fromLatin1(feature)},
                        {QStringLiteral("provider"), settings.featureProvider},
                        {QStringLiteral("selfHostedModel"),
                         selfHosted ? QJsonValue(QJsonObject{{QStringLiteral("name"), model.name},
                                                             {QStringLiteral("model"), model.family},
                                                             {QStringLiteral("endpoint"), model.endpoint}})
                                    : QJsonValue(QJsonValue::Null)}});
    }
    addAgentPlatformFeatures(settings, nodes);
    return QJsonObject{{QStringLiteral("nodes"), nodes}};
}

// The GitLab Duo add-on (self-managed: no namespace argument).
QJsonValue addOnPurchases(const GitLabSettings& settings, const GraphqlQuery&) {
    return QJsonArray{QJsonObject{
        {QStringLiteral("id"), QStringLiteral("gid://gitlab/GitlabSubscriptions::AddOnPurchase/1")},
        {QStringLiteral("name"), QStringLiteral("DUO_ENTERPRISE")},
        {QStringLiteral("purchasedQuantity"), 50},
        {QStringLiteral("assignedQuantity"), settings.duoAccess ? 12 : 11}}};
}

// Who has a seat.
QJsonValue eligibleUsers(const GitLabSettings& settings, const GraphqlQuery&) {
    const QJsonArray assignments =
        settings.duoAccess ? QJsonArray{QJsonObject{
                                 {QStringLiteral("addOnPurchase"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("DUO_ENTERPRISE")}}}}}
                           : QJsonArray{};
    return QJsonObject{{QStringLiteral("nodes"),
                        QJsonArray{QJsonObject{{QStringLiteral("username"), settings.username},
                                               {QStringLiteral("addOnAssignments"),
                                                QJsonObject{{QStringLiteral("nodes"), assignments}}}}}}};
}

} // namespace

HttpResponse railsError(int status, const QString& message) {
    HttpResponse response = HttpResponse::json(status, compact({{QStringLiteral("message"), message}}));
    response.headers.append({QByteArrayLiteral("X-GitLab-Error-Origin"), QByteArrayLiteral("monolith")});
    return response;
}

bool GraphqlQuery::names(const char* field) const {
    return text.contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(QLatin1String(field))));
}

FakeGitLab::FakeGitLab(GitLabSettings settings, QObject* parent)
    : FakeServer({{QByteArrayLiteral("server"), QByteArrayLiteral("nginx")},
                  {QByteArrayLiteral("x-content-type-options"), QByteArrayLiteral("nosniff")}},
                 parent)
    , m_settings(std::move(settings))
    , m_network(directNetwork(this)) {}

bool FakeGitLab::authenticated(const HttpRequest& request) const {
    const QByteArray token = m_settings.token.toUtf8();
    const bool presented =
        request.header("private-token") == token || request.header("authorization") == "Bearer " + token;
    return presented && !m_settings.tokenRevoked;
}

void FakeGitLab::callGateway(const QByteArray& method, const QString& path, const QByteArray& body,
                             int timeoutMs,
                             const std::function<void(int, const QByteArray&, const QString&)>& done) {
    QUrl url = m_settings.aiGatewayUrl;
    if (m_settings.blocksLocalRequests || url.host() != QLatin1String("127.0.0.1")) {
        // Rails' outbound rule: the gateway's private address is refused before any connection.
        const QString error =
            m_settings.blocksLocalRequests
                ? localBlocked
                : QStringLiteral("Failed to open TCP connection to %1 (getaddrinfo: Name or "
                                 "service not known)")
                      .arg(url.host());
        QTimer::singleShot(0, this, [done, error] { done(0, {}, error); });
        return;
    }
    url.setPath(withoutTrailingSlashes(url.path()) + path, QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "GitLab/" + m_settings.version.toUtf8());
    if (method != "GET") {
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader("Authorization", "Bearer " + m_settings.signedToken.toUtf8());
        request.setRawHeader("X-Gitlab-Authentication-Type", "oidc");
        request.setRawHeader("X-Gitlab-Instance-Id", m_settings.instanceId.toUtf8());
        request.setRawHeader("X-Gitlab-Realm", "self-managed");
        request.setRawHeader("X-Gitlab-Version", m_settings.version.toUtf8());
    }
    qCDebug(lcSim).noquote() << "GitLab calls the gateway:" << method << url.toString();
    QNetworkReply* reply = m_network->sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, this, [reply, done, url] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString error;
        if (status == 0) {
            error = reply->error() == QNetworkReply::ConnectionRefusedError
                        ? QStringLiteral("Failed to open TCP connection to %1:%2 (Connection refused - "
                                         "connect(2) for \"%1\" port %2)")
                              .arg(url.host())
                              .arg(url.port())
                        : QStringLiteral("Net::ReadTimeout with #<TCPSocket:(closed)>");
        }
        done(status, reply->readAll(), error);
    });
}

namespace {

QJsonObject probeResult(const char* name, bool success, const QString& message) {
    return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                       {QStringLiteral("success"), success},
                       {QStringLiteral("message"), message}};
}

// GitLab's self-hosted probes of the gateway, from its call to /monitoring/healthz.
QJsonArray gatewayProbes(const GitLabSettings& settings, int status, const QByteArray& body,
                         const QString& error) {
    const QUrl gateway = settings.aiGatewayUrl;
    const QString hostPort = QStringLiteral("%1:%2").arg(gateway.host()).arg(gateway.port(80));
    const bool urlSet = !gateway.isEmpty();
    // Connected is enough for the host probe; a read timeout means the connection was made.
    const bool connected = status != 0 || error.startsWith(QLatin1String("Net::ReadTimeout"));
    const bool healthy = status == 200;
    return {
        probeResult("ai_gateway_url_presence_probe", urlSet,
                    urlSet ? QStringLiteral("AI Gateway URL is set to %1.").arg(gateway.toString())
                           : QStringLiteral("AI Gateway URL is not set.")),
        probeResult("host_probe", connected,
                    connected ? QStringLiteral("%1 reachable.").arg(hostPort)
                              : QStringLiteral("%1 is not reachable: %2").arg(hostPort, error)),
        probeResult("code_suggestions_license_probe", !settings.licenseExpired,
                    settings.licenseExpired
                        ? QStringLiteral("License does not provide access to code suggestions.")
                        : QStringLiteral("License includes access to code suggestions.")),
        probeResult("ai_gateway_healthz_probe", healthy,
                    healthy ? QStringLiteral("AI Gateway is healthy.")
                            : QStringLiteral("AI Gateway health check failed: %1")
                                  .arg(gatewayMessage(status, body, error))),
    };
}

} // namespace

void FakeGitLab::probes(const GraphqlQuery&, const FieldDone& done) {
    callGateway("GET", QStringLiteral("/monitoring/healthz"), {}, probeTimeoutMs,
                [this, done](int status, const QByteArray& body, const QString& error) {
                    withAgentPlatformProbe(gatewayProbes(m_settings, status, body, error),
                                           [done](const QJsonArray& results) {
                                               bool all = true;
                                               for (const QJsonValue& result : results)
                                                   all = all && result[QStringLiteral("success")].toBool();
                                               done(QJsonObject{{QStringLiteral("success"), all},
                                                                {QStringLiteral("probeResults"), results}});
                                           });
                });
}

void FakeGitLab::connectionCheck(const GraphqlQuery& query, const FieldDone& done) {
    const QJsonObject input = mutationInput(query.text, query.variables);
    const SelfHostedModel& stored = m_settings.model;
    const QString name = input.value(QStringLiteral("name")).toString();
    const QString endpoint = input.value(QStringLiteral("endpoint")).toString();
    // Without an apiToken GitLab uses the key it stores for that model, found by name or endpoint.
    const bool known =
        (!name.isEmpty() && name == stored.name) ||
        (!endpoint.isEmpty() && withoutTrailingSlashes(endpoint) == withoutTrailingSlashes(stored.endpoint));
    const QString apiKey = input.contains(QStringLiteral("apiToken"))
                               ? input.value(QStringLiteral("apiToken")).toString()
                               : (known ? stored.storedKey : QString());
    const QString family = input.value(QStringLiteral("model")).toString(known ? stored.family : QString());
    const QJsonObject metadata{
        {QStringLiteral("name"), family.toLower()},
        {QStringLiteral("endpoint"), endpoint.isEmpty() && known ? stored.endpoint : endpoint},
        {QStringLiteral("api_key"), apiKey},
        {QStringLiteral("identifier"),
         input.value(QStringLiteral("identifier")).toString(known ? stored.identifier : QString())},
        {QStringLiteral("provider"), QStringLiteral("openai")}};
    const QByteArray body = compact({{QStringLiteral("stream"), false},
                                     {QStringLiteral("inputs"), QJsonObject{}},
                                     {QStringLiteral("model_metadata"), metadata}});
    callGateway(
        "POST", QStringLiteral("/v1/prompts/model_configuration%2Fcheck"), body, requestTimeoutMs,
        [done, name](int status, const QByteArray& answer, const QString& error) {
            const bool success = status == 200;
            const QString message = success
                                        ? QStringLiteral("Successfully connected to the self-hosted model")
                                        : gatewayMessage(status, answer, error);
            done(QJsonObject{{QStringLiteral("result"), QJsonObject{{QStringLiteral("name"), name},
                                                                    {QStringLiteral("success"), success},
                                                                    {QStringLiteral("message"), message}}},
                             {QStringLiteral("errors"), QJsonArray{}}});
        });
}

void FakeGitLab::codeSuggestions(const HttpRequest& request, const Responder& respond) {
    if (!m_settings.enterprise)
        return respond(railsError(404, QStringLiteral("404 Not Found")));
    if (!m_settings.duoAccess)
        return respond(railsError(403, QStringLiteral("403 Forbidden")));
    if (m_settings.featureProvider != QLatin1String("self_hosted"))
        return respond(railsError(
            503, QStringLiteral(
                     "Code Suggestions use the GitLab-hosted model, which this instance cannot reach")));
    const QJsonObject ask = QJsonDocument::fromJson(request.body).object();
    const QJsonObject file = ask.value(QStringLiteral("current_file")).toObject();
    const SelfHostedModel& model = m_settings.model;
    const QByteArray body =
        compact({{QStringLiteral("prompt_version"), 1},
                 {QStringLiteral("current_file"),
                  QJsonObject{{QStringLiteral("file_name"),
                               file.value(QStringLiteral("file_name")).toString(QStringLiteral("hello.py"))},
                              {QStringLiteral("content_above_cursor"),
                               file.value(QStringLiteral("content_above_cursor")).toString()},
                              {QStringLiteral("content_below_cursor"),
                               file.value(QStringLiteral("content_below_cursor")).toString()}}},
                 {QStringLiteral("model_provider"), QStringLiteral("litellm")},
                 {QStringLiteral("model_name"), model.family.toLower()},
                 {QStringLiteral("model_endpoint"), model.endpoint},
                 {QStringLiteral("model_api_key"), model.storedKey},
                 {QStringLiteral("model_identifier"), model.identifier}});
    callGateway(
        "POST", QStringLiteral("/v2/code/completions"), body, requestTimeoutMs,
        [respond, model](int status, const QByteArray& answer, const QString& error) {
            if (status != 200)
                return respond(railsError(status == 0 ? 500 : status, gatewayMessage(status, answer, error)));
            const QJsonObject completion = QJsonDocument::fromJson(answer).object();
            respond(HttpResponse::json(
                200, compact({{QStringLiteral("id"), QStringLiteral("id")},
                              {QStringLiteral("model"),
                               QJsonObject{{QStringLiteral("engine"), QStringLiteral("custom_openai")},
                                           {QStringLiteral("name"), model.name},
                                           {QStringLiteral("lang"), QStringLiteral("python")}}},
                              {QStringLiteral("object"), QStringLiteral("text_completion")},
                              {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
                              {QStringLiteral("choices"), completion.value(QStringLiteral("choices"))}})));
        });
}

void FakeGitLab::graphql(const HttpRequest& request, const Responder& respond) {
    static const GraphqlField fields[] = {
        {.name = "currentUser", .enterprise = false, .adminOnly = false, .value = &currentUser},
        {.name = "duoSettings", .value = &duoSettings},
        {.name = "aiSelfHostedModels", .value = &selfHostedModels},
        {.name = "aiFeatureSettings", .value = &featureSettings},
        {.name = "addOnPurchases", .value = &addOnPurchases},
        {.name = "selfManagedAddOnEligibleUsers", .value = &eligibleUsers},
        {.name = "runners", .enterprise = false, .value = &runnersAnswer},
        {.name = "aiSelfHostedModelConnectionCheck",
         .type = "Mutation",
         .resolve = &FakeGitLab::connectionCheck},
        {.name = "cloudConnectorStatus", .adminOnly = false, .resolve = &FakeGitLab::probes},
    };
    const QJsonObject envelope = QJsonDocument::fromJson(request.body).object();
    const GraphqlQuery query{envelope.value(QStringLiteral("query")).toString(),
                             envelope.value(QStringLiteral("variables")).toObject()};
    if (query.text.trimmed().isEmpty())
        return respond(HttpResponse::json(200, R"({"errors":[{"message":"No query string was present"}]})"));
    if (rejectsUnknownFields(query, respond))
        return;
    auto reply = std::make_shared<GraphqlReply>(respond);
    for (const GraphqlField& field : fields) {
        if (field.value && query.names(field.name) && mayRead(field, m_settings, *reply))
            reply->insert(QString::fromLatin1(field.name), field.value(m_settings, query));
    }
    // Of the fields that wait for the gateway, the simulation answers the first the query names.
    for (const GraphqlField& field : fields) {
        if (!field.resolve || !query.names(field.name))
            continue;
        if (!mayRead(field, m_settings, *reply))
            return reply->send();
        return (this->*field.resolve)(
            query, [reply, name = QString::fromLatin1(field.name)](const QJsonObject& result) {
                reply->insert(name, result);
                reply->send();
            });
    }
    reply->send();
}

void FakeGitLab::metadata(const HttpRequest&, const Responder& respond) {
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("version"), m_settings.version},
                      {QStringLiteral("revision"), QStringLiteral("6a0d6e1f2c4")},
                      {QStringLiteral("kas"),
                       QJsonObject{{QStringLiteral("enabled"), false},
                                   {QStringLiteral("externalUrl"), QJsonValue::Null},
                                   {QStringLiteral("externalK8sProxyUrl"), QJsonValue::Null},
                                   {QStringLiteral("version"), QJsonValue::Null}}},
                      {QStringLiteral("enterprise"), m_settings.enterprise}})));
}

void FakeGitLab::user(const HttpRequest&, const Responder& respond) {
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("id"), 1},
                      {QStringLiteral("username"), m_settings.username},
                      {QStringLiteral("name"), m_settings.admin ? QStringLiteral("Administrator")
                                                                : QStringLiteral("Alice Developer")},
                      {QStringLiteral("state"), QStringLiteral("active")},
                      {QStringLiteral("locked"), false},
                      {QStringLiteral("bot"), false},
                      {QStringLiteral("web_url"),
                       QStringLiteral("http://gitlab.sim.test/%1").arg(m_settings.username)},
                      {QStringLiteral("is_admin"), m_settings.admin}})));
}

void FakeGitLab::accessToken(const HttpRequest&, const Responder& respond) {
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("id"), 42},
                      {QStringLiteral("name"), QStringLiteral("duo-doctor")},
                      {QStringLiteral("revoked"), false},
                      {QStringLiteral("active"), true},
                      {QStringLiteral("scopes"), QJsonArray::fromStringList(m_settings.tokenScopes)},
                      {QStringLiteral("user_id"), 1},
                      {QStringLiteral("created_at"),
                       QDateTime::currentDateTimeUtc().addDays(-30).toString(Qt::ISODate)},
                      {QStringLiteral("expires_at"), isoDate(QDate::currentDate().addDays(335))}})));
}

void FakeGitLab::license(const HttpRequest&, const Responder& respond) {
    if (!m_settings.admin)
        return respond(railsError(403, QStringLiteral("403 Forbidden")));
    if (!m_settings.enterprise)
        return respond(railsError(404, QStringLiteral("404 Not Found")));
    const QDate today = QDate::currentDate();
    const QDate expires = m_settings.licenseExpired ? today.addDays(-25) : today.addDays(340);
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("id"), 3},
                      {QStringLiteral("plan"), QStringLiteral("ultimate")},
                      {QStringLiteral("created_at"), isoDate(expires.addYears(-1))},
                      {QStringLiteral("starts_at"), isoDate(expires.addYears(-1))},
                      {QStringLiteral("expires_at"), isoDate(expires)},
                      {QStringLiteral("expired"), m_settings.licenseExpired},
                      {QStringLiteral("historical_max"), 12},
                      {QStringLiteral("maximum_user_count"), 12},
                      {QStringLiteral("user_limit"), 100},
                      {QStringLiteral("active_users"), 12},
                      {QStringLiteral("licensee"),
                       QJsonObject{{QStringLiteral("Name"), QStringLiteral("Sim Admin")},
                                   {QStringLiteral("Company"), QStringLiteral("Example Corp")},
                                   {QStringLiteral("Email"), QStringLiteral("admin@example.com")}}}})));
}

void FakeGitLab::handle(const HttpRequest& request, const Responder& respond) {
    static const Route<FakeGitLab> apiRoutes[] = {
        {.method = Method::Get, .path = "/api/v4/metadata", .answer = &FakeGitLab::metadata},
        {.method = Method::Get, .path = "/api/v4/version", .answer = &FakeGitLab::metadata},
        {.method = Method::Get, .path = "/api/v4/user", .answer = &FakeGitLab::user},
        {.method = Method::Get,
         .path = "/api/v4/personal_access_tokens/self",
         .answer = &FakeGitLab::accessToken},
        {.method = Method::Get, .path = "/api/v4/license", .answer = &FakeGitLab::license},
        {.method = Method::Post, .path = "/api/graphql", .answer = &FakeGitLab::graphql},
        {.method = Method::Post, .path = "/api/v4/graphql", .answer = &FakeGitLab::graphql},
        {.method = Method::Post,
         .path = "/api/v4/code_suggestions/completions",
         .answer = &FakeGitLab::codeSuggestions},
        {.method = Method::Get, .path = "/api/v4/runners/all", .answer = &FakeGitLab::runnersAll},
        {.method = Method::Get, .path = "/api/v4/ai/duo_workflows/ws", .answer = &FakeGitLab::workflowSocket},
    };
    if (isHealthCheck(request.path))
        return respond(HttpResponse::text(404, "Not Found"));
    if (!request.path.startsWith("/api/"))
        return respond(signInRedirect());
    if (!authenticated(request))
        return respond(railsError(401, QStringLiteral("401 Unauthorized")));
    const Route<FakeGitLab>* route = routeAt(apiRoutes, request.path);
    if (route && accepts(route->method, request.method))
        return (this->*route->answer)(request, respond);
    respond(railsError(404, QStringLiteral("404 Not Found")));
}

} // namespace duo::sim
