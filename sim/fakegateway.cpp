#include "sim/fakegateway.h"

#include "sim/simjson.h"
#include "sim/simlog.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

namespace duo::sim {

namespace {

HttpResponse detail(int status, const QString& text) {
    return HttpResponse::json(status, compact({{QStringLiteral("detail"), text}}));
}

HttpResponse authError(const char* text) {
    return HttpResponse::json(401, compact({{QStringLiteral("error"), QString::fromLatin1(text)}}));
}

// The families a self-hosted gateway knows (facts §3); lower-case as the request bodies spell them.
struct Family {
    const char* identifier;
    const char* name;
};
constexpr Family families[] = {
    {"mistral", "Mistral"},      {"codestral", "Codestral"},
    {"claude_3", "Claude 3"},    {"gpt", "GPT"},
    {"mixtral", "Mixtral"},      {"llama3", "Llama 3"},
    {"codegemma", "CodeGemma"},  {"codegemma_7b", "CodeGemma 7B"},
    {"codellama", "Code Llama"}, {"deepseekcoder", "DeepSeek Coder"},
    {"gemini", "Gemini"},        {"general", "General"},
};

bool knownFamily(const QString& name) {
    for (const Family& family : families) {
        if (name.compare(QLatin1String(family.identifier), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// What litellm calls the exception an upstream status turns into.
QString litellmError(int status) {
    struct Kind {
        int status;
        const char* name;
    };
    static const Kind kinds[] = {{400, "BadRequestError"},
                                 {401, "AuthenticationError"},
                                 {403, "PermissionDeniedError"},
                                 {404, "NotFoundError"},
                                 {408, "Timeout"},
                                 {422, "UnprocessableEntityError"},
                                 {429, "RateLimitError"},
                                 {500, "InternalServerError"},
                                 {503, "ServiceUnavailableError"}};
    for (const Kind& kind : kinds) {
        if (kind.status == status)
            return QString::fromLatin1(kind.name);
    }
    return QStringLiteral("APIError");
}

bool isLoopback(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return address.isLoopback() || address == QHostAddress(QHostAddress::AnyIPv4) ||
           address == QHostAddress(QHostAddress::AnyIPv6);
}

const QRegularExpression& providerPrefix() {
    static const QRegularExpression prefix(QStringLiteral("^(custom_openai|bedrock|azure|openai|ollama)/"));
    return prefix;
}

const QString connectionError =
    QStringLiteral("litellm.APIConnectionError: OpenAIException - Connection error.");
constexpr int modelTimeoutMs = 30'000;
constexpr int firewallDelayMs = 1'000;

} // namespace

FakeGateway::FakeGateway(GatewaySettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this)
    , m_network(new QNetworkAccessManager(this)) {
    m_network->setProxy(QNetworkProxy::NoProxy); // the simulated network is 127.0.0.1 only
    m_http.setDefaultHeaders({{QByteArrayLiteral("server"), QByteArrayLiteral("uvicorn")}});
    m_http.setBlackHole(m_settings.blackHole);
    m_http.setHandler([this](const HttpRequest& request, Responder respond) { handle(request, respond); });
}

bool FakeGateway::authorised(const HttpRequest& request, const Responder& respond) const {
    if (m_settings.rejectsGitLab && !request.header("x-gitlab-instance-id").isEmpty()) {
        respond(authError("Header mismatch 'X-Gitlab-Instance-Id'"));
        return false;
    }
    if (m_settings.authBypass)
        return true;
    const QByteArray authorization = request.header("authorization");
    if (authorization.isEmpty()) {
        respond(authError("No authorization header presented"));
        return false;
    }
    if (!authorization.startsWith("Bearer ") || authorization.size() <= 7) {
        respond(authError("Invalid authorization header"));
        return false;
    }
    if (authorization.mid(7) != m_settings.gitlabSignedToken.toUtf8()) {
        respond(authError("Forbidden by auth provider"));
        return false;
    }
    return true;
}

void FakeGateway::callModel(const ModelCall& call, const std::function<void(const Outcome&)>& done) {
    auto later = [this, done](int delayMs, const Outcome& outcome) {
        QTimer::singleShot(delayMs, this, [done, outcome] { done(outcome); });
    };
    if (!call.identifier.isEmpty() && !providerPrefix().match(call.identifier).hasMatch()) {
        return later(0, {400,
                         QStringLiteral("litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM "
                                        "provider you are trying to call. You passed model=%1")
                             .arg(call.identifier),
                         {}});
    }
    const QString model =
        call.identifier.isEmpty() ? call.family : call.identifier.section(QLatin1Char('/'), 1);
    QUrl url(call.endpoint);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return later(0, {500, connectionError, {}});
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/chat/completions"));
    const QString host = url.host().toLower();

    // Inside the container, loopback is the container itself: nothing listens there for the model.
    if (m_settings.inContainer && isLoopback(host))
        return later(0, {500, connectionError, {}});
    if (m_settings.firewalledHosts.contains(host))
        return later(firewallDelayMs, {500, connectionError + QStringLiteral(" (timed out)"), {}});
    QByteArray hostHeader;
    if (m_settings.resolve.contains(host)) {
        hostHeader = host.toUtf8() + ':' +
                     QByteArray::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
        url.setHost(m_settings.resolve.value(host));
    } else if (host != QLatin1String("127.0.0.1")) {
        return later(0, {500, connectionError, {}}); // a name the container's DNS does not know
    }

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(modelTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!hostHeader.isEmpty())
        request.setRawHeader("Host", hostHeader);
    if (!call.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + call.apiKey.toUtf8());
    const QJsonObject body{{QStringLiteral("model"), model},
                           {QStringLiteral("messages"),
                            QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                   {QStringLiteral("content"), QStringLiteral("Hello")}}}},
                           {QStringLiteral("max_tokens"), 16},
                           {QStringLiteral("stream"), false}};
    qCDebug(lcSim).noquote() << "gateway calls the model:" << url.toString() << model;
    QNetworkReply* reply = m_network->post(request, compact(body));
    connect(reply, &QNetworkReply::finished, this, [reply, done] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status == 0) {
            if (reply->error() == QNetworkReply::OperationCanceledError ||
                reply->error() == QNetworkReply::TimeoutError)
                return done(
                    {500, QStringLiteral("litellm.Timeout: OpenAIException - Request timed out."), {}});
            return done({500, connectionError, {}});
        }
        if (status == 200) {
            const QJsonValue content = QJsonDocument::fromJson(answer)
                                           .object()
                                           .value(QStringLiteral("choices"))
                                           .toArray()
                                           .at(0)
                                           .toObject()
                                           .value(QStringLiteral("message"))
                                           .toObject()
                                           .value(QStringLiteral("content"));
            if (!content.isString())
                return done({500,
                             QStringLiteral("litellm.APIError: OpenAIException - Invalid response object %1")
                                 .arg(QString::fromUtf8(answer.left(200))),
                             {}});
            return done({200, {}, content.toString()});
        }
        done({status,
              QStringLiteral("litellm.%1: OpenAIException - Error code: %2 - %3")
                  .arg(litellmError(status))
                  .arg(status)
                  .arg(QString::fromUtf8(answer)),
              {}});
    });
}

void FakeGateway::handle(const HttpRequest& request, const Responder& respond) {
    const QByteArray& path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (path == "/monitoring/healthz" || path == "/monitoring/ready" || path == "/v1/models/definitions") {
        if (!get)
            return respond(detail(405, QStringLiteral("Method Not Allowed")));
        if (path == "/v1/models/definitions") {
            QJsonArray models;
            for (const Family& family : families)
                models.append(
                    QJsonObject{{QStringLiteral("name"), QString::fromLatin1(family.name)},
                                {QStringLiteral("identifier"), QString::fromLatin1(family.identifier)}});
            return respond(HttpResponse::json(200, compact({{QStringLiteral("models"), models}})));
        }
        if (m_settings.healthy)
            return respond(HttpResponse::json(200, R"({"status":"ok"})"));
        return respond(HttpResponse::json(
            503, R"({"status":"unhealthy","detail":"Inference failed: the model registry failed to load"})"));
    }

    const bool chatAgent = path == "/v1/chat/agent";
    const bool connectionCheck =
        path.compare("/v1/prompts/model_configuration%2Fcheck", Qt::CaseInsensitive) == 0 ||
        path == "/v1/prompts/model_configuration/check";
    const bool codeCompletions = path == "/v2/code/completions" || path == "/v2/code/generations";
    if (!chatAgent && !connectionCheck && !codeCompletions)
        return respond(detail(404, QStringLiteral("Not Found")));
    if (request.method != "POST")
        return respond(detail(405, QStringLiteral("Method Not Allowed")));
    if (!authorised(request, respond))
        return;

    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject())
        return respond(HttpResponse::json(
            422, R"({"detail":[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error"}]})"));
    const QJsonObject body = document.object();
    ModelCall call;
    QString provider = QStringLiteral("litellm");
    if (chatAgent) {
        const QJsonArray components = body.value(QStringLiteral("prompt_components")).toArray();
        if (components.isEmpty())
            return respond(HttpResponse::json(
                422,
                R"({"detail":[{"type":"missing","loc":["body","prompt_components"],"msg":"Field required"}]})"));
        const QJsonObject payload = components.at(0).toObject().value(QStringLiteral("payload")).toObject();
        provider = payload.value(QStringLiteral("provider")).toString();
        call = {payload.value(QStringLiteral("model")).toString(),
                payload.value(QStringLiteral("model_endpoint")).toString(),
                payload.value(QStringLiteral("model_api_key")).toString(),
                payload.value(QStringLiteral("model_identifier")).toString()};
    } else if (connectionCheck) {
        const QJsonObject metadata = body.value(QStringLiteral("model_metadata")).toObject();
        call = {metadata.value(QStringLiteral("name")).toString(),
                metadata.value(QStringLiteral("endpoint")).toString(),
                metadata.value(QStringLiteral("api_key")).toString(),
                metadata.value(QStringLiteral("identifier")).toString()};
    } else {
        call = {body.value(QStringLiteral("model_name")).toString(),
                body.value(QStringLiteral("model_endpoint")).toString(),
                body.value(QStringLiteral("model_api_key")).toString(),
                body.value(QStringLiteral("model_identifier")).toString()};
    }
    const bool customModel = provider == QLatin1String("litellm") || !chatAgent;
    if (customModel && !m_settings.customModels)
        return respond(
            detail(422, QStringLiteral("Custom models are disabled on this AI gateway: set "
                                       "AIGW_CUSTOM_MODELS__ENABLED=true to use self-hosted models")));
    if (!knownFamily(call.family))
        return respond(detail(
            422, QStringLiteral("Input should be a valid model name; unknown model '%1'").arg(call.family)));

    callModel(call, [respond, connectionCheck, codeCompletions,
                     family = call.family](const Outcome& outcome) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        if (outcome.status != 200) {
            // GitLab's connection check gets 421 with "<upstream status>: <reason>".
            if (connectionCheck)
                return respond(detail(421, QStringLiteral("%1: %2").arg(outcome.status).arg(outcome.detail)));
            return respond(detail(outcome.status, outcome.detail));
        }
        if (connectionCheck)
            return respond(HttpResponse::json(200, compact({{QStringLiteral("response"), outcome.text}})));
        if (codeCompletions) {
            return respond(HttpResponse::json(
                200, compact({{QStringLiteral("id"), QStringLiteral("id")},
                              {QStringLiteral("model"),
                               QJsonObject{{QStringLiteral("engine"), QStringLiteral("litellm")},
                                           {QStringLiteral("name"), family},
                                           {QStringLiteral("lang"), QStringLiteral("python")}}},
                              {QStringLiteral("experiments"), QJsonArray{}},
                              {QStringLiteral("object"), QStringLiteral("text_completion")},
                              {QStringLiteral("created"), now},
                              {QStringLiteral("choices"),
                               QJsonArray{QJsonObject{
                                   {QStringLiteral("text"), outcome.text},
                                   {QStringLiteral("index"), 0},
                                   {QStringLiteral("finish_reason"), QStringLiteral("length")}}}}})));
        }
        respond(HttpResponse::json(
            200, compact({{QStringLiteral("response"), outcome.text},
                          {QStringLiteral("metadata"),
                           QJsonObject{{QStringLiteral("provider"), QStringLiteral("litellm")},
                                       {QStringLiteral("model"), family},
                                       {QStringLiteral("timestamp"), now}}}})));
    });
}

} // namespace duo::sim
