#include "sim/fakemodelserver.h"

#include "sim/modeltranscripts.h"
#include "sim/simjson.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimer>

#include <optional>

namespace duo::sim {

namespace {

qint64 now() {
    return QDateTime::currentSecsSinceEpoch();
}

QString ownerFor(ModelServerKind kind) {
    switch (kind) {
    case ModelServerKind::Vllm:
        return QStringLiteral("vllm");
    case ModelServerKind::Ollama:
        return QStringLiteral("library");
    case ModelServerKind::LiteLlm:
        return QStringLiteral("openai");
    }
    return {};
}

HttpResponse vllmError(int status, const QString& type, const QString& message) {
    return HttpResponse::json(status, compact({{QStringLiteral("object"), QStringLiteral("error")},
                                               {QStringLiteral("message"), message},
                                               {QStringLiteral("type"), type},
                                               {QStringLiteral("param"), QJsonValue::Null},
                                               {QStringLiteral("code"), status}}));
}

HttpResponse openAiError(int status, const QJsonValue& type, const QString& message, const QJsonValue& param,
                         const QJsonValue& code) {
    return HttpResponse::json(
        status, compact({{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                               {QStringLiteral("type"), type},
                                                               {QStringLiteral("param"), param},
                                                               {QStringLiteral("code"), code}}}}));
}

QString completionId() {
    return QStringLiteral("chatcmpl-%1")
        .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

// One route of a model server: the kind of server that has it (every kind when unset), and its answer, a
// member function or a fixed response.
struct ModelRoute {
    Method method;
    const char* path;
    std::optional<ModelServerKind> only = std::nullopt;
    void (FakeModelServer::*answer)(const HttpRequest& request, const Responder& respond) = nullptr;
    HttpResponse fixed = {};

    bool takes(const HttpRequest& request, ModelServerKind kind) const {
        return (!only || *only == kind) && accepts(method, request.method) && request.path == path;
    }
};

} // namespace

FakeModelServer::FakeModelServer(ModelServerSettings settings, QObject* parent)
    // vLLM and the LiteLLM proxy are FastAPI apps under uvicorn; Ollama is Go and sends no server header.
    : FakeServer(settings.kind == ModelServerKind::Ollama
                     ? HeaderList{}
                     : HeaderList{{QByteArrayLiteral("server"), QByteArrayLiteral("uvicorn")}},
                 parent)
    , m_settings(std::move(settings)) {}

HttpResponse FakeModelServer::notFound() const {
    if (m_settings.kind == ModelServerKind::Ollama)
        return HttpResponse::text(404, "404 page not found");
    return HttpResponse::json(404, R"({"detail":"Not Found"})");
}

bool FakeModelServer::authorised(const HttpRequest& request, const Responder& respond) const {
    if (m_settings.apiKeys.isEmpty())
        return true;
    const QByteArray given = request.header("authorization");
    for (const QString& key : m_settings.apiKeys) {
        if (given == "Bearer " + key.toUtf8())
            return true;
    }
    if (m_settings.kind == ModelServerKind::LiteLlm) {
        const QString message =
            given.isEmpty() ? QStringLiteral("Authentication Error, No api key passed in.")
                            : QStringLiteral("Authentication Error, Invalid proxy server token passed. "
                                             "valid_token=None.");
        respond(openAiError(401, QStringLiteral("auth_error"), message, QStringLiteral("None"),
                            QStringLiteral("401")));
    } else {
        respond(HttpResponse::json(401, R"({"error":"Unauthorized"})"));
    }
    return false;
}

void FakeModelServer::models(const HttpRequest& request, const Responder& respond) {
    if (!authorised(request, respond))
        return;
    QJsonArray data;
    for (const QString& id : m_settings.served) {
        QJsonObject entry{{QStringLiteral("id"), id},
                          {QStringLiteral("object"), QStringLiteral("model")},
                          {QStringLiteral("created"), now()},
                          {QStringLiteral("owned_by"), ownerFor(m_settings.kind)}};
        if (m_settings.kind == ModelServerKind::Vllm) {
            entry.insert(QStringLiteral("root"), id);
            entry.insert(QStringLiteral("parent"), QJsonValue::Null);
            entry.insert(QStringLiteral("max_model_len"), 32768);
            entry.insert(QStringLiteral("permission"), QJsonArray{});
        }
        data.append(entry);
    }
    respond(HttpResponse::json(
        200, compact({{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})));
}

void FakeModelServer::chat(const HttpRequest& request, const Responder& respond) {
    if (!authorised(request, respond))
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (!document.isObject()) {
        if (m_settings.kind == ModelServerKind::Ollama)
            return respond(openAiError(400, QStringLiteral("invalid_request_error"),
                                       QStringLiteral("invalid request body"), QJsonValue::Null,
                                       QJsonValue::Null));
        return respond(HttpResponse::json(
            422, R"({"detail":[{"type":"json_invalid","loc":["body",0],"msg":"JSON decode error"}]})"));
    }
    const QString model = document.object().value(QStringLiteral("model")).toString();
    if (!m_settings.served.contains(model)) {
        switch (m_settings.kind) {
        case ModelServerKind::Vllm:
            return respond(vllmError(404, QStringLiteral("NotFoundError"),
                                     QStringLiteral("The model `%1` does not exist.").arg(model)));
        case ModelServerKind::Ollama:
            return respond(
                openAiError(404, QStringLiteral("api_error"),
                            QStringLiteral("model \"%1\" not found, try pulling it first").arg(model),
                            QJsonValue::Null, QJsonValue::Null));
        case ModelServerKind::LiteLlm:
            return respond(openAiError(
                400, QStringLiteral("None"),
                QStringLiteral("{'error': '/chat/completions: Invalid model name passed in model=%1. Call "
                               "`/v1/models` to view available models for your key.'}")
                    .arg(model),
                QStringLiteral("None"), QStringLiteral("400")));
        }
    }
    if (std::optional<HttpResponse> answer = agenticAnswer(m_settings, document.object(), model))
        return respond(*answer);
    const QJsonObject message{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("content"), QStringLiteral("Hello! How can I help you today?")}};
    const QByteArray answer =
        compact({{QStringLiteral("id"), completionId()},
                 {QStringLiteral("object"), QStringLiteral("chat.completion")},
                 {QStringLiteral("created"), now()},
                 {QStringLiteral("model"), model},
                 {QStringLiteral("choices"),
                  QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                         {QStringLiteral("message"), message},
                                         {QStringLiteral("logprobs"), QJsonValue::Null},
                                         {QStringLiteral("finish_reason"), QStringLiteral("stop")}}}},
                 {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 9},
                                                       {QStringLiteral("completion_tokens"), 9},
                                                       {QStringLiteral("total_tokens"), 18}}}});
    if (m_settings.completionDelayMs > 0)
        QTimer::singleShot(m_settings.completionDelayMs, this,
                           [respond, answer] { respond(HttpResponse::json(200, answer)); });
    else
        respond(HttpResponse::json(200, answer));
}

void FakeModelServer::ollamaTags(const HttpRequest&, const Responder& respond) {
    QJsonArray pulled;
    for (const QString& id : m_settings.served)
        pulled.append(
            QJsonObject{{QStringLiteral("name"), id},
                        {QStringLiteral("model"), id},
                        {QStringLiteral("modified_at"), QStringLiteral("2026-10-01T09:30:00.000000000Z")},
                        {QStringLiteral("size"), 4113301824LL},
                        {QStringLiteral("digest"),
                         QStringLiteral("f974a74358d62a017b37c6f424fcdf2744ca02926c4f952513ddf474b2fa5091")},
                        {QStringLiteral("details"),
                         QJsonObject{{QStringLiteral("format"), QStringLiteral("gguf")},
                                     {QStringLiteral("family"), QStringLiteral("llama")},
                                     {QStringLiteral("parameter_size"), QStringLiteral("7.2B")},
                                     {QStringLiteral("quantization_level"), QStringLiteral("Q4_0")}}}});
    respond(HttpResponse::json(200, compact({{QStringLiteral("models"), pulled}})));
}

void FakeModelServer::handle(const HttpRequest& request, const Responder& respond) {
    // The OpenAI-compatible API: vLLM and Ollama under /v1 only; the LiteLLM proxy also at the root.
    static const ModelRoute routes[] = {
        {.method = Method::Get, .path = "/v1/models", .answer = &FakeModelServer::models},
        {.method = Method::Get,
         .path = "/models",
         .only = ModelServerKind::LiteLlm,
         .answer = &FakeModelServer::models},
        {.method = Method::Post, .path = "/v1/chat/completions", .answer = &FakeModelServer::chat},
        {.method = Method::Post,
         .path = "/chat/completions",
         .only = ModelServerKind::LiteLlm,
         .answer = &FakeModelServer::chat},
        {.method = Method::Get, .path = "/health", .only = ModelServerKind::Vllm, .fixed = {200, {}, {}, {}}},
        {.method = Method::Get,
         .path = "/version",
         .only = ModelServerKind::Vllm,
         .fixed = HttpResponse::json(200, R"({"version":"0.6.3"})")},
        {.method = Method::Get,
         .path = "/",
         .only = ModelServerKind::Ollama,
         .fixed = HttpResponse::text(200, "Ollama is running")},
        {.method = Method::Get,
         .path = "/api/version",
         .only = ModelServerKind::Ollama,
         .fixed = HttpResponse::json(200, R"({"version":"0.5.7"})")},
        {.method = Method::Get,
         .path = "/api/tags",
         .only = ModelServerKind::Ollama,
         .answer = &FakeModelServer::ollamaTags},
        {.method = Method::Get,
         .path = "/health/liveliness",
         .only = ModelServerKind::LiteLlm,
         .fixed = HttpResponse::json(200, R"("I'm alive!")")},
        {.method = Method::Get,
         .path = "/health/readiness",
         .only = ModelServerKind::LiteLlm,
         .fixed = HttpResponse::json(
             200, R"({"status":"healthy","db":"Not connected","cache":null,"litellm_version":"1.55.0"})")},
    };
    for (const ModelRoute& route : routes) {
        if (!route.takes(request, m_settings.kind))
            continue;
        if (route.answer)
            return (this->*route.answer)(request, respond);
        return respond(route.fixed);
    }
    // vLLM's --api-key guards every /v1 route, known or not.
    if (m_settings.kind == ModelServerKind::Vllm && request.path.startsWith("/v1/") &&
        !authorised(request, respond))
        return;
    respond(notFound());
}

} // namespace duo::sim
