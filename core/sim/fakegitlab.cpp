#include "fakegitlab.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace duo::sim {

namespace {

QByteArray toJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

SimResponse railsError(int status, const QByteArray& message) {
    SimResponse response = SimResponse::json(status, R"({"message":")" + message + R"("})");
    response.headers.append(
        qMakePair(QByteArrayLiteral("X-GitLab-Error-Origin"), QByteArrayLiteral("monolith")));
    return response;
}

const QByteArray localBlocked = "Requests to the local network are not allowed";
constexpr int probeTimeoutMs = 5000;
constexpr int requestTimeoutMs = 8000;

QString gatewayMessage(int status, const QByteArray& body, const QString& error) {
    if (status == 0)
        return error;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString text = object.value(QStringLiteral("detail")).isString()
                             ? object.value(QStringLiteral("detail")).toString()
                             : object.value(QStringLiteral("error")).toString(QString::fromUtf8(body));
    return QStringLiteral("AI Gateway returned HTTP %1: %2").arg(status).arg(text);
}

} // namespace

FakeGitLab::FakeGitLab(GitLabSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this)
    , m_network(new QNetworkAccessManager(this)) {
    m_http.setServerHeader("nginx");
    m_http.setHandler([this](const SimRequest& request, Respond respond) { handle(request, respond); });
}

bool FakeGitLab::authenticated(const SimRequest& request) const {
    const QByteArray token = m_settings.token.toUtf8();
    const bool presented =
        request.header("private-token") == token || request.header("authorization") == "Bearer " + token;
    return presented && !m_settings.tokenRevoked;
}

void FakeGitLab::callGateway(const QByteArray& method, const QString& path, const QByteArray& body,
                             int timeoutMs,
                             std::function<void(int, const QByteArray&, const QString&)> done) {
    if (m_settings.blocksLocalRequests) {
        QTimer::singleShot(0, this, [done] { done(0, {}, QString::fromLatin1(localBlocked)); });
        return;
    }
    QUrl url = m_settings.aiGatewayUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Content-Type", "application/json");
    if (method != "GET") {
        request.setRawHeader("Authorization", "Bearer gitlab-signed-jwt-sim");
        request.setRawHeader("X-Gitlab-Instance-Id", "ea8bf810-1d6f-4a6a-b4fd-93e8cbd8b57f");
        request.setRawHeader("X-Gitlab-Realm", "self-managed");
    }
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
                        : QStringLiteral("Net::ReadTimeout: %1").arg(reply->errorString());
        }
        done(status, reply->readAll(), error);
    });
}

void FakeGitLab::probes(std::function<void(const QJsonObject&)> done) {
    callGateway(
        "GET", QStringLiteral("/monitoring/healthz"), {}, probeTimeoutMs,
        [this, done](int status, const QByteArray& body, const QString& error) {
            const bool urlSet = !m_settings.aiGatewayUrl.isEmpty();
            QJsonArray results{
                QJsonObject{{QStringLiteral("name"), QStringLiteral("ai_gateway_url_presence_probe")},
                            {QStringLiteral("success"), urlSet},
                            {QStringLiteral("message"), urlSet
                                                            ? QStringLiteral("AI gateway URL is set")
                                                            : QStringLiteral("AI gateway URL is not set")}},
                QJsonObject{{QStringLiteral("name"), QStringLiteral("host_probe")},
                            {QStringLiteral("success"), status == 200},
                            {QStringLiteral("message"),
                             status == 200
                                 ? QStringLiteral("%1 reachable").arg(m_settings.aiGatewayUrl.host())
                                 : gatewayMessage(status, body, error)}},
                QJsonObject{{QStringLiteral("name"), QStringLiteral("code_suggestions_license_probe")},
                            {QStringLiteral("success"), !m_settings.licenseExpired},
                            {QStringLiteral("message"),
                             m_settings.licenseExpired
                                 ? QStringLiteral("License does not provide access to code suggestions")
                                 : QStringLiteral("License includes access to code suggestions")}},
            };
            bool all = true;
            for (const QJsonValue& result : results)
                all = all && result.toObject().value(QStringLiteral("success")).toBool();
            done(QJsonObject{{QStringLiteral("success"), all}, {QStringLiteral("probeResults"), results}});
        });
}

void FakeGitLab::connectionCheck(const QJsonObject& input, std::function<void(const QJsonObject&)> done) {
    const QString name = input.value(QStringLiteral("name")).toString();
    const QJsonObject metadata{
        {QStringLiteral("name"), input.value(QStringLiteral("model")).toString().toLower()},
        {QStringLiteral("endpoint"), input.value(QStringLiteral("endpoint")).toString()},
        {QStringLiteral("api_key"),
         input.value(QStringLiteral("apiToken")).toString(m_settings.model.storedKey)},
        {QStringLiteral("identifier"), input.value(QStringLiteral("identifier")).toString()},
        {QStringLiteral("provider"), QStringLiteral("openai")}};
    const QByteArray body = toJson({{QStringLiteral("stream"), false},
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

void FakeGitLab::codeSuggestions(const Respond& respond) {
    if (!m_settings.duoAccess)
        return respond(railsError(403, "403 Forbidden"));
    if (m_settings.featureProvider != QLatin1String("self_hosted"))
        return respond(railsError(
            503, "Code Suggestions use the GitLab-hosted model, which this instance cannot reach"));
    const SelfHostedModel& model = m_settings.model;
    const QByteArray body = toJson({{QStringLiteral("current_file"),
                                     QJsonObject{{QStringLiteral("file_name"), QStringLiteral("hello.py")}}},
                                    {QStringLiteral("model_provider"), QStringLiteral("litellm")},
                                    {QStringLiteral("model_name"), model.family.toLower()},
                                    {QStringLiteral("model_endpoint"), model.endpoint},
                                    {QStringLiteral("model_api_key"), model.storedKey},
                                    {QStringLiteral("model_identifier"), model.identifier}});
    callGateway(
        "POST", QStringLiteral("/v2/code/completions"), body, requestTimeoutMs,
        [respond, model](int status, const QByteArray& answer, const QString& error) {
            if (status != 200)
                return respond(railsError(status == 0 ? 500 : status,
                                          gatewayMessage(status, answer, error).toUtf8().replace('"', '\'')));
            const QJsonObject completion = QJsonDocument::fromJson(answer).object();
            respond(SimResponse::json(
                200, toJson({{QStringLiteral("id"), QStringLiteral("id")},
                             {QStringLiteral("model"),
                              QJsonObject{{QStringLiteral("engine"), QStringLiteral("custom_openai")},
                                          {QStringLiteral("name"), model.name},
                                          {QStringLiteral("lang"), QStringLiteral("python")}}},
                             {QStringLiteral("object"), QStringLiteral("text_completion")},
                             {QStringLiteral("created"), 1'700'000'000},
                             {QStringLiteral("choices"), completion.value(QStringLiteral("choices"))}})));
        });
}

void FakeGitLab::graphql(const SimRequest& request, const Respond& respond) {
    const QJsonObject envelope = QJsonDocument::fromJson(request.body).object();
    const QString query = envelope.value(QStringLiteral("query")).toString();
    const bool ee = m_settings.enterprise;
    auto data = std::make_shared<QJsonObject>();
    auto errors = std::make_shared<QJsonArray>();
    auto denied = [errors](const char* field) {
        errors->append(
            QJsonObject{{QStringLiteral("message"),
                         QStringLiteral("The resource that you are attempting to access does not exist or "
                                        "you don't have permission to perform this action")},
                        {QStringLiteral("path"), QJsonArray{QString::fromLatin1(field)}}});
    };
    auto unknownField = [errors](const char* field) {
        errors->append(QJsonObject{
            {QStringLiteral("message"),
             QStringLiteral("Field '%1' doesn't exist on type 'Query'").arg(QLatin1String(field))}});
    };
    const SelfHostedModel& model = m_settings.model;
    const QJsonObject modelNode{{QStringLiteral("id"), QStringLiteral("gid://gitlab/Ai::SelfHostedModel/1")},
                                {QStringLiteral("name"), model.name},
                                {QStringLiteral("model"), model.family},
                                {QStringLiteral("endpoint"), model.endpoint},
                                {QStringLiteral("identifier"), model.identifier},
                                {QStringLiteral("releaseState"), QStringLiteral("GA")},
                                {QStringLiteral("hasApiToken"), !model.storedKey.isEmpty()}};

    if (query.contains(QLatin1String("currentUser")))
        data->insert(QStringLiteral("currentUser"),
                     QJsonObject{{QStringLiteral("username"), m_settings.username},
                                 {QStringLiteral("duoCodeSuggestionsAvailable"), ee && m_settings.duoAccess},
                                 {QStringLiteral("duoChatAvailable"), ee && m_settings.duoAccess}});
    struct AdminField {
        const char* name;
        QJsonValue value;
    };
    QJsonArray featureNodes;
    for (const char* feature : {"code_completions", "code_generations", "duo_chat"}) {
        const bool selfHosted = m_settings.featureProvider == QLatin1String("self_hosted");
        featureNodes.append(QJsonObject{{QStringLiteral("feature"), QString::fromLatin1(feature)},
                                        {QStringLiteral("provider"), m_settings.featureProvider},
                                        {QStringLiteral("selfHostedModel"),
                                         selfHosted ? QJsonValue(modelNode) : QJsonValue(QJsonValue::Null)}});
    }
    const AdminField adminFields[] = {
        {"duoSettings", QJsonObject{{QStringLiteral("aiGatewayUrl"), m_settings.aiGatewayUrl.toString()},
                                    {QStringLiteral("aiGatewayTimeoutSeconds"), 60},
                                    {QStringLiteral("duoCoreFeaturesEnabled"), true}}},
        {"aiSelfHostedModels", QJsonObject{{QStringLiteral("nodes"), QJsonArray{modelNode}}}},
        {"aiFeatureSettings", QJsonObject{{QStringLiteral("nodes"), featureNodes}}},
    };
    for (const AdminField& field : adminFields) {
        if (!query.contains(QLatin1String(field.name)))
            continue;
        if (!ee) {
            unknownField(field.name);
        } else if (!m_settings.admin) {
            data->insert(QString::fromLatin1(field.name), QJsonValue::Null);
            denied(field.name);
        } else {
            data->insert(QString::fromLatin1(field.name), field.value);
        }
    }

    auto answer = [respond, data, errors] {
        QJsonObject root{{QStringLiteral("data"), *data}};
        if (!errors->isEmpty())
            root.insert(QStringLiteral("errors"), *errors);
        respond(SimResponse::json(200, toJson(root)));
    };
    if (query.contains(QLatin1String("aiSelfHostedModelConnectionCheck"))) {
        if (!ee || !m_settings.admin) {
            denied("aiSelfHostedModelConnectionCheck");
            return answer();
        }
        const QJsonObject input =
            envelope.value(QStringLiteral("variables")).toObject().value(QStringLiteral("input")).toObject();
        connectionCheck(input, [data, answer](const QJsonObject& result) {
            data->insert(QStringLiteral("aiSelfHostedModelConnectionCheck"), result);
            answer();
        });
        return;
    }
    if (query.contains(QLatin1String("cloudConnectorStatus"))) {
        if (!ee) {
            unknownField("cloudConnectorStatus");
            return answer();
        }
        probes([data, answer](const QJsonObject& status) {
            data->insert(QStringLiteral("cloudConnectorStatus"), status);
            answer();
        });
        return;
    }
    answer();
}

void FakeGitLab::handle(const SimRequest& request, const Respond& respond) {
    const QByteArray& path = request.path;
    if (path == "/-/health" || path == "/-/readiness" || path == "/-/liveness")
        return respond(SimResponse::text(404, "Not Found")); // only allow-listed IPs get an answer
    if (!path.startsWith("/api/"))
        return respond(
            SimResponse{302,
                        {},
                        "text/html",
                        {qMakePair(QByteArrayLiteral("Location"), QByteArrayLiteral("/users/sign_in"))}});
    if (!authenticated(request))
        return respond(railsError(401, "401 Unauthorized"));

    const bool get = request.method == "GET";
    if (get && (path == "/api/v4/metadata" || path == "/api/v4/version")) {
        return respond(SimResponse::json(
            200,
            toJson({{QStringLiteral("version"), m_settings.version},
                    {QStringLiteral("revision"), QStringLiteral("6a0d6e1f2c4")},
                    {QStringLiteral("kas"), QJsonObject{{QStringLiteral("enabled"), false},
                                                        {QStringLiteral("externalUrl"), QJsonValue::Null},
                                                        {QStringLiteral("version"), QJsonValue::Null}}},
                    {QStringLiteral("enterprise"), m_settings.enterprise}})));
    }
    if (get && path == "/api/v4/user") {
        return respond(SimResponse::json(200, toJson({{QStringLiteral("id"), 1},
                                                      {QStringLiteral("username"), m_settings.username},
                                                      {QStringLiteral("name"), m_settings.username},
                                                      {QStringLiteral("state"), QStringLiteral("active")},
                                                      {QStringLiteral("is_admin"), m_settings.admin}})));
    }
    if (get && path == "/api/v4/personal_access_tokens/self") {
        return respond(SimResponse::json(
            200,
            toJson({{QStringLiteral("id"), 42},
                    {QStringLiteral("name"), QStringLiteral("duo-doctor")},
                    {QStringLiteral("revoked"), false},
                    {QStringLiteral("active"), true},
                    {QStringLiteral("scopes"), QJsonArray{QStringLiteral("api"), QStringLiteral("read_api")}},
                    {QStringLiteral("user_id"), 1},
                    {QStringLiteral("expires_at"), QStringLiteral("2027-11-24")}})));
    }
    if (get && path == "/api/v4/license") {
        if (!m_settings.admin)
            return respond(railsError(403, "403 Forbidden"));
        if (!m_settings.enterprise)
            return respond(railsError(404, "404 Not Found"));
        return respond(SimResponse::json(
            200,
            toJson({{QStringLiteral("id"), 3},
                    {QStringLiteral("plan"), QStringLiteral("ultimate")},
                    {QStringLiteral("starts_at"), QStringLiteral("2025-11-01")},
                    {QStringLiteral("expires_at"),
                     m_settings.licenseExpired ? QStringLiteral("2026-10-31") : QStringLiteral("2027-10-31")},
                    {QStringLiteral("expired"), m_settings.licenseExpired},
                    {QStringLiteral("user_limit"), 100},
                    {QStringLiteral("licensee"),
                     QJsonObject{{QStringLiteral("Company"), QStringLiteral("Example Corp")}}}})));
    }
    if (request.method == "POST" && (path == "/api/graphql" || path == "/api/v4/graphql"))
        return graphql(request, respond);
    if (request.method == "POST" && path == "/api/v4/code_suggestions/completions")
        return m_settings.enterprise ? codeSuggestions(respond) : respond(railsError(404, "404 Not Found"));
    respond(railsError(404, "404 Not Found"));
}

} // namespace duo::sim
