// The answers of model servers to tools, streams and reasoning models' parameters, copied from the servers'
// own bytes (sources beside each). Only ids, times and model names are filled in.
#include "sim/modeltranscripts.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace duo::sim {

namespace {

QByteArray randomHex(int digits) {
    return QByteArray::number(QRandomGenerator::global()->generate64(), 16).rightJustified(digits, '0');
}

QByteArray created() {
    return QByteArray::number(QDateTime::currentSecsSinceEpoch());
}

QByteArray jsonString(const QString& text) {
    // A JSON string literal, quotes included: through an array, the only way QJsonDocument writes one.
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

// The bytes of one refusal: status, body, the reason it applies.
HttpResponse refusal(const QByteArray& body) {
    return HttpResponse::json(400, body);
}

// vLLM 0.6+ (entrypoints/openai/serving_chat.py) without --enable-auto-tool-choice; the body as quoted in
// langchain4j/langchain4j#3475.
const QByteArray vllmToolChoiceRefused =
    R"({"object":"error","message":"\"auto\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set","type":"BadRequestError","param":null,"code":400})";

// vLLM serving a checkpoint whose tokenizer has no chat template (entrypoints/chat_utils.py; the message as
// in vllm-project/vllm#29849), in vLLM's ErrorResponse.
const QByteArray vllmNoChatTemplate =
    R"({"object":"error","message":"As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.","type":"BadRequestError","param":null,"code":400})";

// A LiteLLM proxy in front of an OpenAI reasoning model: OpenAI's refusal (ITSpecialist111/ai_automation_
// suggester#38) as litellm re-raises it (enoch3712/ExtractThinker#327), in the proxy's error envelope with
// the router's ". Received Model Group=…\nAvailable Model Group Fallbacks=None" and null type and param (as
// LiteLLM proxies answer in many public transcripts, e.g. an NVIDIA inference API 404).
QByteArray litellmMaxTokensRefused(const QString& model) {
    return R"({"error":{"message":"litellm.BadRequestError: OpenAIException - Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.. Received Model Group=)" +
           model.toUtf8() +
           R"(\nAvailable Model Group Fallbacks=None","type":null,"param":null,"code":"400"}})";
}

// litellm's own check for o-series models (langmanus/langmanus#93; an integer 0 prints as 0), in the proxy's
// envelope.
QByteArray litellmTemperatureRefused(const QString& model) {
    return R"({"error":{"message":"litellm.UnsupportedParamsError: O-series models don't support temperature=0. Only temperature=1 is supported. To drop unsupported openai params from the call, set `litellm.drop_params = True`. Received Model Group=)" +
           model.toUtf8() +
           R"(\nAvailable Model Group Fallbacks=None","type":null,"param":null,"code":"400"}})";
}

// A non-streamed chat completion whose message is `message` (a JSON object), as vLLM writes one (field order
// of vLLM's ChatCompletionResponse); Ollama's carries system_fingerprint and no logprobs
// (ollama/ollama#6027).
QByteArray completion(ModelServerKind kind, const QString& model, const QByteArray& message,
                      const QByteArray& finishReason) {
    const QByteArray head = R"({"id":"chatcmpl-)" + randomHex(16) +
                            R"(","object":"chat.completion","created":)" + created() + R"(,"model":)" +
                            jsonString(model);
    if (kind == ModelServerKind::Ollama)
        return head + R"(,"system_fingerprint":"fp_ollama","choices":[{"index":0,"message":)" + message +
               R"(,"finish_reason":")" + finishReason +
               R"("}],"usage":{"prompt_tokens":86,"completion_tokens":31,"total_tokens":117}})";
    return head + R"(,"choices":[{"index":0,"message":)" + message + R"(,"logprobs":null,"finish_reason":")" +
           finishReason +
           R"(","stop_reason":null}],"usage":{"prompt_tokens":86,"total_tokens":117,"completion_tokens":31},"prompt_logprobs":null})";
}

QString firstToolName(const QJsonObject& request) {
    return request.value(QStringLiteral("tools"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("function"))
        .toObject()
        .value(QStringLiteral("name"))
        .toString(QStringLiteral("get_current_weather"));
}

// A tool request answered: with a parser, vLLM's tool_calls (docs "Tool Calling", Mistral parser); without
// one, Mistral-7B-Instruct-v0.3's call as plain text ([TOOL_CALLS] is a special token vLLM skips); a model
// that ignores tools answers in prose (the reply to a tool request in ollama/ollama#6027).
HttpResponse toolAnswer(const ModelServerSettings& settings, const QJsonObject& request,
                        const QString& model) {
    const QString tool = firstToolName(request);
    switch (settings.quirk) {
    case ModelQuirk::ToolCallInText: {
        const QString call =
            QStringLiteral(R"([{"name": "%1", "arguments": {"location": "Paris, France"}}])").arg(tool);
        return HttpResponse::json(
            200, completion(settings.kind, model,
                            R"({"role":"assistant","content":)" + jsonString(call) + R"(,"tool_calls":[]})",
                            "stop"));
    }
    case ModelQuirk::ToolsIgnored:
        return HttpResponse::json(
            200,
            completion(
                settings.kind, model,
                R"({"role":"assistant","content":"I don't have access to real-time weather data. You can check a weather website or app such as Météo-France for the current conditions in Paris."})",
                "stop"));
    default:
        break;
    }
    const QByteArray call = R"({"id":"chatcmpl-tool-)" + randomHex(16) +
                            R"(","type":"function","function":{"name":)" + jsonString(tool) +
                            R"(,"arguments":"{\"location\": \"Paris, France\"}"}})";
    return HttpResponse::json(
        200, completion(settings.kind, model,
                        R"({"role":"assistant","content":null,"tool_calls":[)" + call + "]}", "tool_calls"));
}

// One server-sent event of a streamed completion: vLLM's chunk (a role delta first, content deltas, a last
// delta with finish_reason and stop_reason); Ollama's carries system_fingerprint and no logprobs.
QByteArray event(ModelServerKind kind, const QByteArray& head, const QByteArray& delta,
                 const QByteArray& finishReason) {
    const bool ollama = kind == ModelServerKind::Ollama;
    const QByteArray finish = finishReason.isEmpty() ? QByteArray("null") : '"' + finishReason + '"';
    return "data: " + head + R"(,"choices":[{"index":0,"delta":)" + delta +
           (ollama ? QByteArray() : QByteArray(R"(,"logprobs":null)")) + R"(,"finish_reason":)" + finish +
           (ollama || finishReason.isEmpty() ? QByteArray() : QByteArray(R"(,"stop_reason":null)")) +
           "}]}\n\n";
}

// "Hello! How can I help you today?" streamed, one token per event, 20 ms apart, then data: [DONE]. A cut
// stream ends after three tokens with the connection; behind a buffering proxy (nginx proxy_buffering on)
// everything arrives 1.5 s late in one write.
HttpResponse streamAnswer(const ModelServerSettings& settings, const QString& model) {
    const bool ollama = settings.kind == ModelServerKind::Ollama;
    const QByteArray head = R"({"id":"chatcmpl-)" + randomHex(16) +
                            R"(","object":"chat.completion.chunk","created":)" + created() + R"(,"model":)" +
                            jsonString(model) +
                            (ollama ? QByteArray(R"(,"system_fingerprint":"fp_ollama")") : QByteArray());
    auto stream = std::make_shared<StreamedBody>();
    if (!ollama)
        stream->pieces.append(event(settings.kind, head, R"({"role":"assistant","content":""})", {}));
    static const char* const tokens[] = {"Hello", "!", " How", " can", " I", " help", " you", " today", "?"};
    for (const char* token : tokens)
        stream->pieces.append(
            event(settings.kind, head,
                  (ollama ? QByteArray(R"({"role":"assistant","content":)") : QByteArray(R"({"content":)")) +
                      jsonString(QString::fromLatin1(token)) + "}",
                  {}));
    stream->pieces.append(event(
        settings.kind, head, ollama ? R"({"role":"assistant","content":""})" : R"({"content":""})", "stop"));
    stream->pieces.append("data: [DONE]\n\n");
    stream->intervalMs = 20;
    if (settings.quirk == ModelQuirk::StreamCut) {
        stream->pieces = stream->pieces.mid(0, 4);
        stream->cut = true;
    } else if (settings.quirk == ModelQuirk::StreamBuffered) {
        stream->firstDelayMs = 1500;
        stream->intervalMs = 0;
    }
    HttpResponse response{200, {}, ollama ? "text/event-stream" : "text/event-stream; charset=utf-8", {}, {}};
    response.stream = std::move(stream);
    return response;
}

// The refusals that come before any generation, in the order the servers check.
std::optional<HttpResponse> refusalFor(const ModelServerSettings& settings, const QJsonObject& request,
                                       const QString& model) {
    switch (settings.quirk) {
    case ModelQuirk::NoChatTemplate:
        return refusal(vllmNoChatTemplate);
    case ModelQuirk::MaxTokensRefused:
        if (request.contains(QStringLiteral("max_tokens")))
            return refusal(litellmMaxTokensRefused(model));
        break;
    case ModelQuirk::TemperatureRefused:
        if (request.contains(QStringLiteral("temperature")) &&
            request.value(QStringLiteral("temperature")).toDouble() != 1.0)
            return refusal(litellmTemperatureRefused(model));
        break;
    case ModelQuirk::ToolsUnsupported:
        if (request.contains(QStringLiteral("tools")) &&
            request.value(QStringLiteral("tool_choice")).toString(QStringLiteral("auto")) ==
                QLatin1String("auto"))
            return refusal(vllmToolChoiceRefused);
        break;
    default:
        break;
    }
    return std::nullopt;
}

} // namespace

std::optional<HttpResponse> agenticAnswer(const ModelServerSettings& settings, const QJsonObject& request,
                                          const QString& model) {
    if (std::optional<HttpResponse> refused = refusalFor(settings, request, model))
        return refused;
    if (!request.value(QStringLiteral("tools")).toArray().isEmpty())
        return toolAnswer(settings, request, model);
    if (request.value(QStringLiteral("stream")).toBool())
        return streamAnswer(settings, model);
    return std::nullopt;
}

} // namespace duo::sim
