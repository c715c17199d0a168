#include "core/knowledge/platforms.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace duo {

namespace {

// bedrock_mantle/ before bedrock/: the longer prefix first.
// clang-format off
const PlatformInfo platforms[] = {
    {.platform = Platform::OpenAiCompatible, .key = "custom_openai", .prefix = "custom_openai/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "OpenAI-compatible server"), .desktopCalls = true, .needsEndpoint = true,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "This desktop calls the model server's OpenAI API at the endpoint; the gateway and GitLab are checked calling it too.")},
    {.platform = Platform::BedrockMantle, .key = "bedrock_mantle", .prefix = "bedrock_mantle/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "Bedrock Mantle"), .desktopCalls = true, .needsEndpoint = true,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "Bedrock Mantle speaks the OpenAI API at https://bedrock-mantle.<region>.api.aws/v1: this desktop calls it when given that endpoint; the gateway and GitLab are checked calling it too.")},
    {.platform = Platform::Bedrock, .key = "bedrock", .prefix = "bedrock/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "AWS Bedrock"), .desktopCalls = false, .needsEndpoint = false,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "Bedrock: the gateway calls AWS with its own credentials and region; this desktop checks the identifier's form, then the gateway's and GitLab's requests and what AWS answered them.")},
    {.platform = Platform::Azure, .key = "azure", .prefix = "azure/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "Azure OpenAI"), .desktopCalls = true, .needsEndpoint = true,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "Azure OpenAI: this desktop calls the deployment at the resource URL (api-key header, api-version); the gateway and GitLab are checked calling it too.")},
    {.platform = Platform::VertexAi, .key = "vertex_ai", .prefix = "vertex_ai/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "Google Vertex AI"), .desktopCalls = false, .needsEndpoint = false,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "Vertex AI: the gateway calls Google's hosted API with its own credentials; only the gateway's and GitLab's requests are checked.")},
    {.platform = Platform::Anthropic, .key = "anthropic", .prefix = "anthropic/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "Anthropic API"), .desktopCalls = false, .needsEndpoint = false,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "Anthropic: the gateway calls Anthropic's hosted API with its own key; only the gateway's and GitLab's requests are checked.")},
    {.platform = Platform::OpenAi, .key = "openai", .prefix = "openai/",
     .name = QT_TRANSLATE_NOOP("duo::Platforms", "OpenAI API"), .desktopCalls = false, .needsEndpoint = false,
     .where = QT_TRANSLATE_NOOP("duo::Platforms", "OpenAI: the gateway calls OpenAI's hosted API with its own key; only the gateway's and GitLab's requests are checked.")},
};

// Why the desktop's model checks skip, per platform the desktop does not call.
struct SkipReason {
    Platform platform;
    const char* reason;
};
const SkipReason skipReasons[] = {
    {Platform::Bedrock, QT_TRANSLATE_NOOP("duo::Platforms", "Bedrock: the gateway calls AWS; this desktop does not.")},
    {Platform::VertexAi, QT_TRANSLATE_NOOP("duo::Platforms", "Vertex AI: the gateway calls Google; this desktop does not.")},
    {Platform::Anthropic, QT_TRANSLATE_NOOP("duo::Platforms", "Anthropic: the gateway calls Anthropic's API; this desktop does not.")},
    {Platform::OpenAi, QT_TRANSLATE_NOOP("duo::Platforms", "OpenAI: the gateway calls OpenAI's API; this desktop does not.")},
};
// clang-format on

// Bedrock models offered only through inference profiles (no on-demand throughput), by id prefix. Sources:
// the "with on-demand throughput isn't supported" reports for these ids (LiteLLM #7181, aider #2224,
// LibreChat #4570, Flowise #4253, bolt.diy #1102) and AWS's "Supported Regions and models for inference
// profiles" page.
const char* const profileOnlyModels[] = {
    "anthropic.claude-3-5-sonnet-20241022",
    "anthropic.claude-3-5-haiku",
    "anthropic.claude-3-7-sonnet",
    "anthropic.claude-sonnet-4",
    "anthropic.claude-opus-4",
    "anthropic.claude-haiku-4",
    "meta.llama3-2",
    "meta.llama3-3",
    "meta.llama4",
    "deepseek.r1",
    "amazon.nova-premier",
};

} // namespace

const PlatformInfo& platformOf(const QString& identifier) {
    for (const PlatformInfo& platform : platforms) {
        if (identifier.startsWith(QLatin1String(platform.prefix)))
            return platform;
    }
    return platforms[0];
}

QString modelPart(const QString& identifier) {
    const PlatformInfo& platform = platformOf(identifier);
    const QLatin1String prefix(platform.prefix);
    return identifier.startsWith(prefix) ? identifier.mid(prefix.size()) : identifier;
}

QString platformName(const PlatformInfo& platform) {
    return QCoreApplication::translate("duo::Platforms", platform.name);
}

QString platformWhere(const PlatformInfo& platform) {
    return QCoreApplication::translate("duo::Platforms", platform.where);
}

QString platformSkipReason(const PlatformInfo& platform) {
    for (const SkipReason& row : skipReasons) {
        if (row.platform == platform.platform)
            return QCoreApplication::translate("duo::Platforms", row.reason);
    }
    return {};
}

bool isInferenceProfileId(const QString& bedrockModelId) {
    static const QRegularExpression profile(QStringLiteral("^(us|eu|apac|global|us-gov|jp|au|ca)\\."));
    return profile.match(bedrockModelId).hasMatch();
}

bool needsInferenceProfile(const QString& bedrockModelId) {
    if (isInferenceProfileId(bedrockModelId))
        return false;
    for (const char* model : profileOnlyModels) {
        if (bedrockModelId.startsWith(QLatin1String(model)))
            return true;
    }
    return false;
}

bool isApplicationProfileArn(const QString& text) {
    static const QRegularExpression arn(QStringLiteral(
        "^arn:aws(-[a-z]+)*:bedrock:[a-z0-9-]+:[0-9]{12}:application-inference-profile/[a-z0-9]+$"));
    return arn.match(text).hasMatch();
}

bool isAzureApiVersion(const QString& text) {
    static const QRegularExpression version(QStringLiteral("^20[0-9]{2}-[01][0-9]-[0-3][0-9](-preview)?$"));
    return version.match(text).hasMatch();
}

} // namespace duo
