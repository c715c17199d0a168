#include "fakemodelserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace duo::sim {

namespace {

QByteArray toJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

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

} // namespace

FakeModelServer::FakeModelServer(ModelServerSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_http(this) {
    m_http.setServerHeader(m_settings.kind == ModelServerKind::Ollama ? QByteArray() : QByteArray("uvicorn"));
    m_http.setHandler([this](const SimRequest& request, Respond respond) { handle(request, respond); });
}

SimResponse FakeModelServer::notFound() const {
    if (m_settings.kind == ModelServerKind::Ollama)
        return SimResponse::text(404, "404 page not found");
    return SimResponse::json(404, R"({"detail":"Not Found"})");
}

bool FakeModelServer::authorised(const SimRequest& request, const Respond& respond) const {
    if (m_settings.apiKeys.isEmpty())
        return true;
    const QByteArray given = request.header("authorization");
    for (const QString& key : m_settings.apiKeys) {
        if (given == "Bearer " + key.toUtf8())
            return true;
    }
    if (m_settings.kind == ModelServerKind::LiteLlm) {
        const QByteArray message =
            given.isEmpty() ? "Authentication Error, No api key passed in."
                            : "Authentication Error, Invalid proxy server token passed. valid_token=None.";
        respond(SimResponse::json(401, R"({"error":{"message":")" + message +
                                           R"(","type":"auth_error","param":"None","code":"401"}})"));
    } else {
        respond(SimResponse::json(401, R"({"error":"Unauthorized"})"));
    }
    return false;
}

void FakeModelServer::models(const Respond& respond) const {
    QJsonArray data;
    for (const QString& id : m_settings.served) {
        QJsonObject entry{{QStringLiteral("id"), id},
                          {QStringLiteral("object"), QStringLiteral("model")},
                          {QStringLiteral("created"), 1'700'000'000},
                          {QStringLiteral("owned_by"), ownerFor(m_settings.kind)}};
        if (m_settings.kind == ModelServerKind::Vllm) {
            entry.insert(QStringLiteral("root"), id);
            entry.insert(QStringLiteral("parent"), QJsonValue::Null);
            entry.insert(QStringLiteral("max_model_len"), 32768);
        }
        data.append(entry);
    }
    respond(SimResponse::json(
        200, toJson({{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}})));
}

void FakeModelServer::chat(const SimRequest& request, const Respond& respond) {
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString model = body.value(QStringLiteral("model")).toString();
    if (!m_settings.served.contains(model)) {
        switch (m_settings.kind) {
        case ModelServerKind::Vllm:
            respond(
                SimResponse::json(404, toJson({{QStringLiteral("object"), QStringLiteral("error")},
                                               {QStringLiteral("message"),
                                                QStringLiteral("The model `%1` does not exist.").arg(model)},
                                               {QStringLiteral("type"), QStringLiteral("NotFoundError")},
                                               {QStringLiteral("param"), QJsonValue::Null},
                                               {QStringLiteral("code"), 404}})));
            return;
        case ModelServerKind::Ollama:
            respond(SimResponse::json(
                404, toJson({{QStringLiteral("error"),
                              QJsonObject{
                                  {QStringLiteral("message"),
                                   QStringLiteral("model \"%1\" not found, try pulling it first").arg(model)},
                                  {QStringLiteral("type"), QStringLiteral("api_error")}}}})));
            return;
        case ModelServerKind::LiteLlm:
            respond(SimResponse::json(
                400, toJson({{QStringLiteral("error"),
                              QJsonObject{
                                  {QStringLiteral("message"),
                                   QStringLiteral(
                                       "{'error': '/chat/completions: Invalid model name passed in model=%1. "
                                       "Call `/v1/models` to view available models for your key.'}")
                                       .arg(model)},
                                  {QStringLiteral("type"), QStringLiteral("None")},
                                  {QStringLiteral("param"), QStringLiteral("None")},
                                  {QStringLiteral("code"), QStringLiteral("400")}}}})));
            return;
        }
    }
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), QStringLiteral("Hello! How can I help?")}};
    const QByteArray answer =
        toJson({{QStringLiteral("id"), QStringLiteral("chatcmpl-sim")},
                {QStringLiteral("object"), QStringLiteral("chat.completion")},
                {QStringLiteral("created"), now()},
                {QStringLiteral("model"), model},
                {QStringLiteral("choices"),
                 QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                        {QStringLiteral("message"), message},
                                        {QStringLiteral("finish_reason"), QStringLiteral("length")}}}},
                {QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 5},
                                                      {QStringLiteral("completion_tokens"), 1},
                                                      {QStringLiteral("total_tokens"), 6}}}});
    if (m_settings.completionDelayMs > 0)
        QTimer::singleShot(m_settings.completionDelayMs, this,
                           [respond, answer] { respond(SimResponse::json(200, answer)); });
    else
        respond(SimResponse::json(200, answer));
}

void FakeModelServer::handle(const SimRequest& request, const Respond& respond) {
    const QByteArray& path = request.path;
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const bool lite = m_settings.kind == ModelServerKind::LiteLlm;
    // The OpenAI-compatible API: vLLM and Ollama under /v1 only; the LiteLLM proxy also at the root.
    if (get && (path == "/v1/models" || (lite && path == "/models"))) {
        if (authorised(request, respond))
            models(respond);
        return;
    }
    if (post && (path == "/v1/chat/completions" || (lite && path == "/chat/completions"))) {
        if (authorised(request, respond))
            chat(request, respond);
        return;
    }
    switch (m_settings.kind) {
    case ModelServerKind::Vllm:
        if (get && path == "/health")
            return respond(SimResponse::json(200, QByteArray()));
        if (get && path == "/version")
            return respond(SimResponse::json(200, R"({"version":"0.6.3"})"));
        if (path.startsWith("/v1/") && !m_settings.apiKeys.isEmpty() && !authorised(request, respond))
            return;
        break;
    case ModelServerKind::Ollama:
        if (get && path == "/")
            return respond(SimResponse::text(200, "Ollama is running"));
        if (get && path == "/api/version")
            return respond(SimResponse::json(200, R"({"version":"0.5.7"})"));
        if (get && path == "/api/tags")
            return respond(
                SimResponse::json(200, R"({"models":[{"name":"mistral:latest","model":"mistral:latest"}]})"));
        break;
    case ModelServerKind::LiteLlm:
        if (get && path == "/health/liveliness")
            return respond(SimResponse::json(200, R"("I'm alive!")"));
        if (get && path == "/health/readiness")
            return respond(SimResponse::json(
                200, R"({"status":"healthy","db":"Not connected","cache":null,"litellm_version":"1.55.0"})"));
        break;
    }
    respond(notFound());
}

} // namespace duo::sim
