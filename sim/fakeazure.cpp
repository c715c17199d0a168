#include "sim/fakeazure.h"

#include "sim/modeltranscripts.h"
#include "sim/simjson.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QUrlQuery>

namespace duo::sim {

namespace {

// Azure's bodies, byte for byte. Sources beside each.
// Azure OpenAI's 404 for a deployment name the resource lacks (Azure OpenAI docs' troubleshooting,
// LiteLLM issues quoting it): the identifier names a model, or a deployment not created (yet).
const QByteArray deploymentNotFound =
    R"({"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. )"
    R"(If you created the deployment within the last 5 minutes, please wait a moment and try again."}})";
// Azure API Management's 401 for a missing or wrong api-key (Azure OpenAI's REST reference, "401").
const QByteArray accessDenied =
    R"({"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. )"
    R"(Make sure to provide a valid key for an active subscription and use a correct regional API endpoint )"
    R"(for your resource."}})";
// A path the resource lacks, or no ?api-version= at all (Azure's generic 404).
const QByteArray resourceNotFound = R"({"error":{"code":"404","message":"Resource not found"}})";
// An api-version the resource does not serve: HTTP 400 (openai/codex#3725 quotes it).
const QByteArray versionNotSupported =
    R"({"error":{"code":"BadRequest","message":"API version not supported"}})";

const QRegularExpression& deploymentPath() {
    static const QRegularExpression path(QStringLiteral("^/openai/deployments/([^/]+)/chat/completions$"));
    return path;
}

} // namespace

FakeAzureOpenAI::FakeAzureOpenAI(AzureSettings settings, QObject* parent)
    : FakeServer({{QByteArrayLiteral("x-ms-region"), QByteArrayLiteral("Sweden Central")}}, parent)
    , m_settings(std::move(settings)) {}

std::optional<HttpResponse> FakeAzureOpenAI::refusal(const HttpRequest& request) const {
    if (!m_settings.apiKeys.contains(QString::fromUtf8(request.header("api-key"))))
        return HttpResponse::json(401, accessDenied);
    const QString version =
        QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(QStringLiteral("api-version"));
    if (version.isEmpty())
        return HttpResponse::json(404, resourceNotFound);
    if (!m_settings.apiVersions.contains(version))
        return HttpResponse::json(400, versionNotSupported);
    return std::nullopt;
}

void FakeAzureOpenAI::handle(const HttpRequest& request, const Responder& respond) {
    if (!request.path.startsWith("/openai/"))
        return respond(HttpResponse::json(404, resourceNotFound));
    if (const std::optional<HttpResponse> refused = refusal(request))
        return respond(*refused);
    if (accepts(Method::Get, request.method) && request.path == "/openai/models")
        return models(respond);
    const QRegularExpressionMatch match = deploymentPath().match(QString::fromUtf8(request.path));
    if (accepts(Method::Post, request.method) && match.hasMatch())
        return chat(request, match.captured(1), respond);
    respond(HttpResponse::json(404, resourceNotFound));
}

// The resource's models (not its deployments), as GET /openai/models?api-version= lists them.
void FakeAzureOpenAI::models(const Responder& respond) const {
    const QJsonObject model{{QStringLiteral("id"), m_settings.model},
                            {QStringLiteral("object"), QStringLiteral("model")},
                            {QStringLiteral("created_at"), 1722902400},
                            {QStringLiteral("status"), QStringLiteral("succeeded")},
                            {QStringLiteral("lifecycle_status"), QStringLiteral("generally-available")}};
    respond(HttpResponse::json(200, compact({{QStringLiteral("data"), QJsonArray{model}},
                                             {QStringLiteral("object"), QStringLiteral("list")}})));
}

void FakeAzureOpenAI::chat(const HttpRequest& request, const QString& deployment, const Responder& respond) {
    if (!m_settings.deployments.contains(deployment))
        return respond(HttpResponse::json(404, deploymentNotFound));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    // Azure speaks the OpenAI chat API: tools and streams answer as a healthy vLLM's do.
    ModelServerSettings openAi;
    openAi.served = {m_settings.model};
    if (std::optional<HttpResponse> answer = agenticAnswer(openAi, body, m_settings.model))
        return respond(*answer);
    const QJsonObject message{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QStringLiteral("Hello! How can I help you today?")}};
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("id"), QStringLiteral("chatcmpl-AzSim0001")},
                      {QStringLiteral("object"), QStringLiteral("chat.completion")},
                      {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
                      {QStringLiteral("model"), m_settings.model},
                      {QStringLiteral("choices"),
                       QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                              {QStringLiteral("message"), message},
                                              {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
                      {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 9},
                                                            {QStringLiteral("completion_tokens"), 9},
                                                            {QStringLiteral("total_tokens"), 18}}}})));
}

} // namespace duo::sim
