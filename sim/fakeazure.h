#pragma once

#include "sim/fakeserver.h"

#include <QStringList>

#include <optional>

namespace duo::sim {

struct AzureSettings {
    QStringList deployments; // the resource's deployments: azure/<deployment> names one of these
    QString model;           // the model behind them, as GET /openai/models and completions name it
    QStringList apiKeys;     // Key 1 and Key 2 of the resource; the api-key header must carry one
    QStringList apiVersions; // the api-versions the resource accepts
};

// An Azure OpenAI resource (https://<resource>.openai.azure.com) as the desktop and LiteLLM see it: the
// api-key header, ?api-version=, /openai/deployments/{deployment}/chat/completions and /openai/models, with
// Azure's own error bodies.
class FakeAzureOpenAI : public FakeServer {
    Q_OBJECT
public:
    explicit FakeAzureOpenAI(AzureSettings settings, QObject* parent = nullptr);

private:
    void handle(const HttpRequest& request, const Responder& respond) override;
    // Azure's answer when the key or api-version is wrong; nothing when both are right.
    std::optional<HttpResponse> refusal(const HttpRequest& request) const;
    void models(const Responder& respond) const;
    void chat(const HttpRequest& request, const QString& deployment, const Responder& respond);

    AzureSettings m_settings;
};

} // namespace duo::sim
