#pragma once

#include <QString>

namespace duo {

// Where a self-hosted model runs, as the identifier's prefix tells it (facts §5).
enum class Platform { OpenAiCompatible, BedrockMantle, Bedrock, Azure, VertexAi, Anthropic, OpenAi };

struct PlatformInfo {
    Platform platform;
    const char* key;    // evidence.platform: the identifier's prefix without "/"
    const char* prefix; // "bedrock/"; OpenAiCompatible also stands for no prefix at all
    const char* name;   // translated in "duo::Platforms"
    // The desktop can send the model's requests itself when given the endpoint; otherwise only the gateway
    // (and GitLab through it) can, and the desktop's model checks skip naming the platform.
    bool desktopCalls;
    bool needsEndpoint; // GitLab's self-hosted model needs an endpoint on this platform
    const char* where;  // what is checked from where; translated in "duo::Platforms"
};

// The platform an identifier names; no identifier or an unknown prefix is an OpenAI-compatible server.
const PlatformInfo& platformOf(const QString& identifier);
// The identifier after its prefix: the served id, the Bedrock model or profile, the Azure deployment.
QString modelPart(const QString& identifier);
QString platformName(const PlatformInfo& platform);
QString platformWhere(const PlatformInfo& platform);
// Why the desktop's model checks cannot apply: "Bedrock: the gateway calls AWS".
QString platformSkipReason(const PlatformInfo& platform);

// A Bedrock model without on-demand throughput: named by its bare id, Bedrock answers "…with on-demand
// throughput isn't supported". Empty when the id needs no profile (or already is one).
bool needsInferenceProfile(const QString& bedrockModelId);
bool isInferenceProfileId(const QString& bedrockModelId); // us., eu., apac., global. prefix
// bedrock/converse/arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>
bool isApplicationProfileArn(const QString& text);

// Azure OpenAI's GA API version Duo Doctor uses unless told another (--azure-api-version).
inline constexpr const char* defaultAzureApiVersion = "2024-10-21";
// YYYY-MM-DD or YYYY-MM-DD-preview: not a model version such as 0613 or 2024-08-06's model date alone.
bool isAzureApiVersion(const QString& text);

} // namespace duo
