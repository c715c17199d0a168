#pragma once

#include "sim/fakeserver.h"

#include <QStringList>

namespace duo::sim {

enum class ModelServerKind { Vllm, Ollama, LiteLlm };

// What the server does with tools, streams and parameters (sim/modeltranscripts.cpp has their answers).
enum class ModelQuirk {
    None,               // tools answered with tool_calls, streams as server-sent events up to [DONE]
    ToolsUnsupported,   // vLLM without --enable-auto-tool-choice: HTTP 400 to tool_choice "auto"
    ToolCallInText,     // vLLM without a tool parser: the call comes back as JSON in the text
    ToolsIgnored,       // the model answers tool requests in prose
    StreamCut,          // the stream stops before [DONE]: the connection closes
    StreamBuffered,     // a buffering proxy in front: every event at once, after a delay
    MaxTokensRefused,   // a reasoning model behind LiteLLM refuses max_tokens
    TemperatureRefused, // a reasoning model behind LiteLLM refuses temperature 0
    NoChatTemplate,     // vLLM serving a model without a chat template
};

struct ModelServerSettings {
    ModelServerKind kind = ModelServerKind::Vllm;
    QStringList served;  // model ids as /v1/models lists them
    QStringList apiKeys; // one of them is required when set (vLLM --api-key, LiteLLM master and virtual keys)
    int completionDelayMs = 0; // a slow model: chat completions answer this much later
    ModelQuirk quirk = ModelQuirk::None;
};

// vLLM, Ollama or a LiteLLM proxy as far as Duo Doctor and the gateway can tell: their paths, headers and
// error texts.
class FakeModelServer : public FakeServer {
    Q_OBJECT
public:
    explicit FakeModelServer(ModelServerSettings settings, QObject* parent = nullptr);

private:
    void handle(const HttpRequest& request, const Responder& respond) override;
    bool authorised(const HttpRequest& request, const Responder& respond) const;
    void models(const HttpRequest& request, const Responder& respond);
    void chat(const HttpRequest& request, const Responder& respond);
    void ollamaTags(const HttpRequest& request, const Responder& respond);
    HttpResponse notFound() const;

    ModelServerSettings m_settings;
};

} // namespace duo::sim
