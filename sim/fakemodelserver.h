#pragma once

#include "sim/fakeserver.h"

#include <QStringList>

namespace duo::sim {

enum class ModelServerKind { Vllm, Ollama, LiteLlm };

struct ModelServerSettings {
    ModelServerKind kind = ModelServerKind::Vllm;
    QStringList served;  // model ids as /v1/models lists them
    QStringList apiKeys; // one of them is required when set (vLLM --api-key, LiteLLM master and virtual keys)
    int completionDelayMs = 0; // a slow model: chat completions answer this much later
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
