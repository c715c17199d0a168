#include "fakegateway.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

namespace duo::sim {

namespace {

QByteArray toJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
SimResponse detail(int status, const QString& text) {
    return SimResponse::json(status, toJson({{QStringLiteral("detail"), text}}));
}

const QStringList knownFamilies{
    QStringLiteral("mistral"),       QStringLiteral("codestral"),    QStringLiteral("claude_3"),
    QStringLiteral("gpt"),           QStringLiteral("mixtral"),      QStringLiteral("llama3"),
    QStringLiteral("codegemma"),     QStringLiteral("codegemma_7b"), QStringLiteral("codellama"),
    QStringLiteral("deepseekcoder"), QStringLiteral("gemini"),       QStringLiteral("general")};

bool isLoopback(const QString& host) {
    const QHostAddress address(host);
    return host == QLatin1String("localhost") || address.isLoopback() || address == QHostAddress::AnyIPv4 ||
           address == QHostAddress::AnyIPv6;
}

constexpr int modelTimeoutMs = 30'000;

} // namespace

FakeGateway::FakeGateway(GatewaySettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this)
    , m_network(new QNetworkAccessManager(this)) {
    m_http.setServerHeader("uvicorn");
    m_http.setBlackHole(m_settings.blackHole);
    m_http.setHandler([this](const SimRequest& request, Respond respond) { handle(request, respond); });
}

bool FakeGateway::authorised(const SimRequest& request, const Respond& respond) const {
    if (m_settings.rejectsGitLab && !request.header("x-gitlab-instance-id").isEmpty()) {
        respond(SimResponse::json(401, R"({"error":"Header mismatch 'X-Gitlab-Instance-Id'"})"));
        return false;
    }
    if (!m_settings.authBypass && request.header("authorization").isEmpty()) {
        respond(SimResponse::json(401, R"({"error":"No authorization header presented"})"));
        return false;
    }
    return true;
}

void FakeGateway::callModel(const ModelCall& call, std::function<void(const Outcome&)> done) {
    static const QRegularExpression provider(QStringLiteral("^(custom_openai|bedrock|azure|openai|ollama)/"));
    if (!call.identifier.isEmpty() && !provider.match(call.identifier).hasMatch()) {
        done({400,
              QStringLiteral("litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider "
                             "you are trying to call. "
                             "You passed model=%1")
                  .arg(call.identifier),
              {}});
        return;
    }
    const QString model =
        call.identifier.isEmpty() ? call.family : call.identifier.section(QLatin1Char('/'), 1);
    QUrl url(call.endpoint);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/chat/completions"));
    const QString host = url.host();
    const QString connectionError =
        QStringLiteral("litellm.APIConnectionError: OpenAIException - Connection error.");
    if (m_settings.inContainer && isLoopback(host)) {
        // Inside the container, localhost is the container itself: nothing listens there.
        QTimer::singleShot(0, this, [done, connectionError] { done({500, connectionError, {}}); });
        return;
    }
    if (m_settings.firewalledHosts.contains(host)) {
        QTimer::singleShot(1000, this, [done, connectionError] {
            done({500, connectionError + QStringLiteral(" (timed out)"), {}});
        });
        return;
    }
    QByteArray hostHeader;
    if (m_settings.resolve.contains(host)) {
        hostHeader = host.toUtf8() + ':' + QByteArray::number(url.port(80));
        url.setHost(m_settings.resolve.value(host));
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(modelTimeoutMs);
    if (!hostHeader.isEmpty())
        request.setRawHeader("Host", hostHeader);
    if (!call.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + call.apiKey.toUtf8());
    const QJsonObject body{{QStringLiteral("model"), model},
                           {QStringLiteral("messages"),
                            QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                   {QStringLiteral("content"), QStringLiteral("Hello")}}}},
                           {QStringLiteral("max_tokens"), 16}};
    QNetworkReply* reply = m_network->post(request, toJson(body));
    connect(reply, &QNetworkReply::finished, this, [reply, done, connectionError] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->readAll();
        if (status == 0) {
            done({500, connectionError, {}});
            return;
        }
        if (status == 200) {
            const QJsonObject object = QJsonDocument::fromJson(answer).object();
            const QString text = object.value(QStringLiteral("choices"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("message"))
                                     .toObject()
                                     .value(QStringLiteral("content"))
                                     .toString();
            done({200, {}, text});
            return;
        }
        struct Kind {
            int status;
            const char* name;
        };
        static const Kind kinds[] = {{400, "BadRequestError"},
                                     {401, "AuthenticationError"},
                                     {403, "PermissionDeniedError"},
                                     {404, "NotFoundError"}};
        QString name = QStringLiteral("APIError");
        for (const Kind& kind : kinds) {
            if (kind.status == status)
                name = QString::fromLatin1(kind.name);
        }
        done({status,
              QStringLiteral("litellm.%1: OpenAIException - Error code: %2 - %3")
                  .arg(name)
                  .arg(status)
                  .arg(QString::fromUtf8(answer)),
              {}});
    });
}

void FakeGateway::handle(const SimRequest& request, const Respond& respond) {
    const QByteArray path = request.path;
    if (request.method == "GET" && path == "/monitoring/healthz") {
        respond(m_settings.healthy
                    ? SimResponse::json(200, R"({"status":"ok"})")
                    : SimResponse::json(
                          503, R"({"status":"unhealthy","detail":"model registry failed to load"})"));
        return;
    }
    if (request.method == "GET" && path == "/monitoring/ready")
        return respond(SimResponse::json(200, R"({"status":"ok"})"));
    if (request.method == "GET" && path == "/v1/models/definitions") {
        QJsonArray families;
        for (const QString& family : knownFamilies)
            families.append(QJsonObject{{QStringLiteral("name"), family}});
        return respond(SimResponse::json(200, QJsonDocument(families).toJson(QJsonDocument::Compact)));
    }
    if (request.method != "POST")
        return respond(detail(404, QStringLiteral("Not Found")));

    const bool chatAgent = path == "/v1/chat/agent";
    const bool connectionCheck =
        path == "/v1/prompts/model_configuration%2Fcheck" || path == "/v1/prompts/model_configuration/check";
    const bool codeCompletions = path == "/v2/code/completions" || path == "/v2/code/generations";
    if (!chatAgent && !connectionCheck && !codeCompletions)
        return respond(detail(404, QStringLiteral("Not Found")));
    if (!authorised(request, respond))
        return;

    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    ModelCall call;
    if (chatAgent) {
        const QJsonArray components = body.value(QStringLiteral("prompt_components")).toArray();
        if (components.isEmpty())
            return respond(SimResponse::json(
                422,
                R"({"detail":[{"type":"missing","loc":["body","prompt_components"],"msg":"Field required"}]})"));
        const QJsonObject payload = components.at(0).toObject().value(QStringLiteral("payload")).toObject();
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
    if (!m_settings.customModels)
        return respond(
            detail(422, QStringLiteral("Custom models are disabled: set AIGW_CUSTOM_MODELS__ENABLED=true to "
                                       "use self-hosted models")));
    if (!knownFamilies.contains(call.family.toLower()))
        return respond(detail(
            422, QStringLiteral("Input should be a valid model name; unknown model '%1'").arg(call.family)));

    callModel(call, [respond, connectionCheck, codeCompletions,
                     family = call.family](const Outcome& outcome) {
        if (outcome.status != 200) {
            if (connectionCheck)
                respond(detail(421, QStringLiteral("%1: %2").arg(outcome.status).arg(outcome.detail)));
            else
                respond(detail(outcome.status, outcome.detail));
            return;
        }
        if (codeCompletions) {
            respond(SimResponse::json(
                200, toJson({{QStringLiteral("choices"),
                              QJsonArray{
                                  QJsonObject{{QStringLiteral("text"), QStringLiteral("print('hello')")},
                                              {QStringLiteral("index"), 0},
                                              {QStringLiteral("finish_reason"), QStringLiteral("length")}}}},
                             {QStringLiteral("model"),
                              QJsonObject{{QStringLiteral("engine"), QStringLiteral("litellm")},
                                          {QStringLiteral("name"), family}}}})));
            return;
        }
        respond(SimResponse::json(
            200, toJson({{QStringLiteral("response"), outcome.text},
                         {QStringLiteral("metadata"),
                          QJsonObject{{QStringLiteral("provider"), QStringLiteral("litellm")},
                                      {QStringLiteral("model"), family},
                                      {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()}}}})));
    });
}

} // namespace duo::sim
