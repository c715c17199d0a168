#include "sim/fakegateway.h"

#include "sim/simjson.h"
#include "sim/simlog.h"

#include <QDateTime>
#include <QHostAddress>
#include <QNetworkAccessManager>
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

using ModelCall = FakeGateway::ModelCall;
using Outcome = FakeGateway::Outcome;

// Where each route's body names the model to call.
struct CallFields {
    const char* family;
    const char* endpoint;
    const char* apiKey;
    const char* identifier;
};
constexpr CallFields agentFields{.family = "model",
                                 .endpoint = "model_endpoint",
                                 .apiKey = "model_api_key",
                                 .identifier = "model_identifier"};
constexpr CallFields checkFields{
    .family = "name", .endpoint = "endpoint", .apiKey = "api_key", .identifier = "identifier"};
constexpr CallFields completionFields{.family = "model_name",
                                      .endpoint = "model_endpoint",
                                      .apiKey = "model_api_key",
                                      .identifier = "model_identifier"};

ModelCall callFrom(const QJsonObject& object, const CallFields& fields) {
    auto text = [&object](const char* name) { return object.value(QLatin1String(name)).toString(); };
    return {text(fields.family), text(fields.endpoint), text(fields.apiKey), text(fields.identifier)};
}

// Where the container's network sends a call to the model, or the outcome of a call that cannot leave it
// (and how long that takes to show).
struct Destination {
    QUrl url = {};              // .../chat/completions, the host resolved
    QByteArray hostHeader = {}; // the name the endpoint gave, when the container's DNS resolved it
    std::optional<Outcome> failure = std::nullopt;
    int failureDelayMs = 0;
    bool azure = false; // Azure OpenAI: the api-key header, LiteLLM's AzureException
};

Destination unreachable(const QString& text, int delayMs = 0) {
    return {.failure = Outcome{500, text, {}}, .failureDelayMs = delayMs};
}

Destination destinationOf(const ModelCall& call, const GatewaySettings& settings) {
    if (!call.identifier.isEmpty() && !providerPrefix().match(call.identifier).hasMatch()) {
        return {.failure =
                    Outcome{400,
                            QStringLiteral("litellm.BadRequestError: LLM Provider NOT provided. Pass in "
                                           "the LLM provider you are trying to call. You passed model=%1")
                                .arg(call.identifier),
                            {}}};
    }
    QUrl url(call.endpoint);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return unreachable(connectionError);
    const bool azure = call.identifier.startsWith(QLatin1String("azure/"));
    // LiteLLM's Azure client: AZURE_API_BASE + the deployment's path, AZURE_API_VERSION as api-version.
    url.setPath(withoutTrailingSlashes(url.path()) +
                (azure ? QStringLiteral("/openai/deployments/%1/chat/completions")
                             .arg(call.identifier.section(QLatin1Char('/'), 1))
                       : QStringLiteral("/chat/completions")));
    if (azure)
        url.setQuery(QStringLiteral("api-version=") + settings.azureApiVersion);
    const QString host = url.host().toLower();
    // Inside the container, loopback is the container itself: nothing listens there for the model.
    if (settings.inContainer && isLoopback(host))
        return unreachable(connectionError);
    if (settings.firewalledHosts.contains(host))
        return unreachable(connectionError + QStringLiteral(" (timed out)"), firewallDelayMs);
    Destination destination{.url = url, .azure = azure};
    if (settings.resolve.contains(host)) {
        destination.hostHeader =
            host.toUtf8() + ':' +
            QByteArray::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
        destination.url.setHost(settings.resolve.value(host));
    } else if (host != QLatin1String("127.0.0.1")) {
        return unreachable(connectionError); // a name the container's DNS does not know
    }
    return destination;
}

QNetworkRequest modelRequest(const Destination& destination, const QString& apiKey) {
    QNetworkRequest request(destination.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(modelTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!destination.hostHeader.isEmpty())
        request.setRawHeader("Host", destination.hostHeader);
    if (!apiKey.isEmpty() && destination.azure)
        request.setRawHeader("api-key", apiKey.toUtf8());
    else if (!apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + apiKey.toUtf8());
    return request;
}

QByteArray helloBody(const QString& model) {
    return compact({{QStringLiteral("model"), model},
                    {QStringLiteral("messages"),
                     QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                            {QStringLiteral("content"), QStringLiteral("Hello")}}}},
                    {QStringLiteral("max_tokens"), 16},
                    {QStringLiteral("stream"), false}});
}

// What LiteLLM makes of the model server's answer.
Outcome outcomeOf(QNetworkReply& reply, bool azure) {
    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply.readAll();
    if (status == 0) {
        if (reply.error() == QNetworkReply::OperationCanceledError ||
            reply.error() == QNetworkReply::TimeoutError)
            return {500, QStringLiteral("litellm.Timeout: OpenAIException - Request timed out."), {}};
        return {500, connectionError, {}};
    }
    if (status != 200) {
        return {status,
                QStringLiteral("litellm.%1: %2 - Error code: %3 - %4")
                    .arg(litellmError(status),
                         azure ? QStringLiteral("AzureException") : QStringLiteral("OpenAIException"))
                    .arg(status)
                    .arg(QString::fromUtf8(answer)),
                {}};
    }
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
        return {500,
                QStringLiteral("litellm.APIError: OpenAIException - Invalid response object %1")
                    .arg(QString::fromUtf8(answer.left(200))),
                {}};
    return {200, {}, content.toString()};
}

// Bedrock through LiteLLM: AWS's messages in LiteLLM's wrapping. Sources: BerriAI/litellm#7181 and
// aider#2224 (on-demand throughput), AWS's ResourceNotFoundException for the Anthropic use-case form,
// botocore's NoCredentialsError, AWS IAM's AccessDeniedException text, the gateway's 422 for a per-model IAM
// role (facts §5), Bedrock's ThrottlingException.
struct BedrockRow {
    BedrockAnswer answer;
    int status;
    const char* detail;
};
const BedrockRow bedrockRows[] = {
    {BedrockAnswer::OnDemand, 400,
     "litellm.BadRequestError: BedrockException - {\"message\":\"Invocation of model ID "
     "anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn\u2019t supported. Retry your "
     "request with the ID or ARN of an inference profile that contains this model.\"}"},
    {BedrockAnswer::UseCaseForm, 404,
     "litellm.NotFoundError: BedrockException - {\"message\":\"Model use case details have not been "
     "submitted for this account. Fill out the Anthropic use case details form before using the model. If "
     "you "
     "have already filled out the form, try again in 15 minutes.\"}"},
    {BedrockAnswer::NoCredentials, 500, "litellm.APIConnectionError: Unable to locate credentials"},
    {BedrockAnswer::AccessDenied, 403,
     "litellm.PermissionDeniedError: BedrockException - {\"message\":\"User: "
     "arn:aws:sts::123456789012:assumed-role/ai-gateway/i-0a1b2c3d4e5f is not authorized to perform: "
     "bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
     "us.anthropic.claude-3-7-sonnet-20250219-v1:0 because no identity-based policy allows the "
     "bedrock:InvokeModel action\"}"},
    {BedrockAnswer::AssumeRole, 422, "Failed to assume the requested IAM role"},
    {BedrockAnswer::Throttled, 429,
     "litellm.RateLimitError: BedrockException - {\"message\":\"Too many requests, please wait before "
     "trying again.\"}"},
};

Outcome bedrockOutcome(BedrockAnswer answer) {
    for (const BedrockRow& row : bedrockRows) {
        if (row.answer == answer)
            return {row.status, QString::fromUtf8(row.detail), {}};
    }
    return {200, {}, QStringLiteral("Hello! How can I help you today?")};
}

HttpResponse agentReply(const Outcome& outcome, const QString& family) {
    if (outcome.status != 200)
        return detail(outcome.status, outcome.detail);
    return HttpResponse::json(
        200, compact({{QStringLiteral("response"), outcome.text},
                      {QStringLiteral("metadata"),
                       QJsonObject{{QStringLiteral("provider"), QStringLiteral("litellm")},
                                   {QStringLiteral("model"), family},
                                   {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()}}}}));
}

HttpResponse checkReply(const Outcome& outcome, const QString&) {
    // GitLab's connection check gets 421 with "<upstream status>: <reason>".
    if (outcome.status != 200)
        return detail(421, QStringLiteral("%1: %2").arg(outcome.status).arg(outcome.detail));
    return HttpResponse::json(200, compact({{QStringLiteral("response"), outcome.text}}));
}

HttpResponse completionReply(const Outcome& outcome, const QString& family) {
    if (outcome.status != 200)
        return detail(outcome.status, outcome.detail);
    return HttpResponse::json(
        200,
        compact({{QStringLiteral("id"), QStringLiteral("id")},
                 {QStringLiteral("model"), QJsonObject{{QStringLiteral("engine"), QStringLiteral("litellm")},
                                                       {QStringLiteral("name"), family},
                                                       {QStringLiteral("lang"), QStringLiteral("python")}}},
                 {QStringLiteral("experiments"), QJsonArray{}},
                 {QStringLiteral("object"), QStringLiteral("text_completion")},
                 {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
                 {QStringLiteral("choices"),
                  QJsonArray{QJsonObject{{QStringLiteral("text"), outcome.text},
                                         {QStringLiteral("index"), 0},
                                         {QStringLiteral("finish_reason"), QStringLiteral("length")}}}}}));
}

} // namespace

FakeGateway::FakeGateway(GatewaySettings settings, QObject* parent)
    : FakeServer({{QByteArrayLiteral("server"), QByteArrayLiteral("uvicorn")}}, parent)
    , m_settings(std::move(settings))
    , m_network(directNetwork(this)) {
    m_http.setBlackHole(m_settings.blackHole);
}

void FakeGateway::handle(const HttpRequest& request, const Responder& respond) {
    static const Route<FakeGateway> routes[] = {
        {.method = Method::Get, .path = "/monitoring/healthz", .answer = &FakeGateway::health},
        {.method = Method::Get, .path = "/monitoring/ready", .answer = &FakeGateway::health},
        {.method = Method::Get, .path = "/v1/models/definitions", .answer = &FakeGateway::definitions},
        {.method = Method::Post, .path = "/v1/chat/agent", .answer = &FakeGateway::chatAgent},
        {.method = Method::Post,
         .path = "/v1/prompts/model_configuration%2Fcheck",
         .answer = &FakeGateway::connectionCheck,
         .anyCase = true},
        {.method = Method::Post,
         .path = "/v1/prompts/model_configuration/check",
         .answer = &FakeGateway::connectionCheck},
        {.method = Method::Post, .path = "/v2/code/completions", .answer = &FakeGateway::codeCompletions},
        {.method = Method::Post, .path = "/v2/code/generations", .answer = &FakeGateway::codeCompletions},
    };
    const Route<FakeGateway>* route = routeAt(routes, request.path);
    if (!route)
        return respond(detail(404, QStringLiteral("Not Found")));
    if (!accepts(route->method, request.method))
        return respond(detail(405, QStringLiteral("Method Not Allowed")));
    (this->*route->answer)(request, respond);
}

void FakeGateway::health(const HttpRequest&, const Responder& respond) {
    if (m_settings.healthy)
        return respond(HttpResponse::json(200, R"({"status":"ok"})"));
    respond(HttpResponse::json(
        503, R"({"status":"unhealthy","detail":"Inference failed: the model registry failed to load"})"));
}

void FakeGateway::definitions(const HttpRequest&, const Responder& respond) {
    QJsonArray models;
    for (const Family& family : families)
        models.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(family.name)},
                                  {QStringLiteral("identifier"), QString::fromLatin1(family.identifier)}});
    respond(HttpResponse::json(200, compact({{QStringLiteral("models"), models}})));
}

void FakeGateway::chatAgent(const HttpRequest& request, const Responder& respond) {
    const std::optional<QJsonObject> body = modelRequestBody(request, respond);
    if (!body)
        return;
    const QJsonArray components = body->value(QStringLiteral("prompt_components")).toArray();
    if (components.isEmpty())
        return respond(HttpResponse::json(
            422,
            R"({"detail":[{"type":"missing","loc":["body","prompt_components"],"msg":"Field required"}]})"));
    const QJsonObject payload = components.at(0).toObject().value(QStringLiteral("payload")).toObject();
    // Only prompts for the litellm provider use a custom model: AIGW_CUSTOM_MODELS__ENABLED gates those
    // alone.
    const bool customModel = payload.value(QStringLiteral("provider")).toString() == QLatin1String("litellm");
    askModel(callFrom(payload, agentFields), customModel, respond, &agentReply);
}

void FakeGateway::connectionCheck(const HttpRequest& request, const Responder& respond) {
    if (const std::optional<QJsonObject> body = modelRequestBody(request, respond))
        askModel(callFrom(body->value(QStringLiteral("model_metadata")).toObject(), checkFields), true,
                 respond, &checkReply);
}

void FakeGateway::codeCompletions(const HttpRequest& request, const Responder& respond) {
    if (const std::optional<QJsonObject> body = modelRequestBody(request, respond))
        askModel(callFrom(*body, completionFields), true, respond, &completionReply);
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

std::optional<QJsonObject> FakeGateway::modelRequestBody(const HttpRequest& request,
                                                         const Responder& respond) const {
    if (!authorised(request, respond))
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject()) {
        respond(HttpResponse::json(
            422, R"({"detail":[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error"}]})"));
        return std::nullopt;
    }
    return document.object();
}

void FakeGateway::askModel(const ModelCall& call, bool customModel, const Responder& respond,
                           ModelReply reply) {
    if (customModel && !m_settings.customModels)
        return respond(
            detail(422, QStringLiteral("Custom models are disabled on this AI gateway: set "
                                       "AIGW_CUSTOM_MODELS__ENABLED=true to use self-hosted models")));
    if (!knownFamily(call.family))
        return respond(detail(
            422, QStringLiteral("Input should be a valid model name; unknown model '%1'").arg(call.family)));
    callModel(call, [respond, reply, family = call.family](const Outcome& outcome) {
        respond(reply(outcome, family));
    });
}

void FakeGateway::callModel(const ModelCall& call, const std::function<void(const Outcome&)>& done) {
    if (call.identifier.startsWith(QLatin1String("bedrock/"))) { // AWS, not HTTP to an endpoint
        QTimer::singleShot(0, this, [done, outcome = bedrockOutcome(m_settings.bedrock)] { done(outcome); });
        return;
    }
    const Destination destination = destinationOf(call, m_settings);
    if (destination.failure) {
        QTimer::singleShot(destination.failureDelayMs, this,
                           [done, outcome = *destination.failure] { done(outcome); });
        return;
    }
    const QString model =
        call.identifier.isEmpty() ? call.family : call.identifier.section(QLatin1Char('/'), 1);
    qCDebug(lcSim).noquote() << "gateway calls the model:" << destination.url.toString() << model;
    QNetworkReply* reply = m_network->post(modelRequest(destination, call.apiKey), helloBody(model));
    connect(reply, &QNetworkReply::finished, this, [reply, done, azure = destination.azure] {
        reply->deleteLater();
        done(outcomeOf(*reply, azure));
    });
}

} // namespace duo::sim
