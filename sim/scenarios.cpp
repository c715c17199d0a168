#include "sim/scenarios.h"

namespace duo::sim {

namespace {

// docs/scenarios.md names the root cause each row must produce.
const QList<Scenario> table = {
    {.id = "healthy", .description = "Nothing is broken: GitLab, the gateway and vLLM (key required) work."},
    {.id = "ollama-healthy",
     .description = "Nothing is broken; Ollama serves /v1 without a key.",
     .server = ModelServerKind::Ollama,
     .modelNeedsKey = false},
    {.id = "gitlab-unreachable", .description = "Nothing listens on the GitLab port.", .gitlabDown = true},
    {.id = "gitlab-token-invalid",
     .description = "The personal access token was revoked.",
     .tokenRevoked = true},
    {.id = "gitlab-community-edition",
     .description = "GitLab is the Community Edition.",
     .enterprise = false},
    {.id = "license-expired", .description = "GitLab's license has expired.", .licenseExpired = true},
    {.id = "features-not-self-hosted",
     .description = "Code Suggestions use the GitLab-hosted model, not the self-hosted one.",
     .featuresVendored = true},
    {.id = "user-without-access",
     .description = "The token's user is no administrator and has no GitLab Duo seat.",
     .admin = false,
     .duoAccess = false},
    {.id = "admin-without-seat",
     .description = "The token's user is an administrator without a GitLab Duo seat.",
     .duoAccess = false},
    {.id = "gitlab-gateway-url-mismatch",
     .description = "GitLab's AI gateway URL points at a port where nothing listens.",
     .gatewayUrlElsewhere = true},
    {.id = "gitlab-blocks-local-gateway",
     .description = "GitLab's outbound request rules block the gateway's private address.",
     .blocksLocalRequests = true},
    {.id = "gateway-unreachable", .description = "Nothing listens on the gateway port.", .gatewayDown = true},
    {.id = "gateway-black-hole",
     .description = "The gateway accepts connections and never answers.",
     .gatewayBlackHole = true},
    {.id = "gateway-unhealthy",
     .description = "The gateway's /monitoring/healthz answers 503.",
     .gatewayUnhealthy = true},
    {.id = "gateway-auth-bypass-off",
     .description = "AIGW_AUTH__BYPASS_EXTERNAL is not true.",
     .authBypass = false},
    {.id = "gateway-custom-models-disabled",
     .description = "AIGW_CUSTOM_MODELS__ENABLED is not true.",
     .customModels = false},
    {.id = "gateway-rejects-gitlab",
     .description = "The gateway rejects GitLab's own requests (header mismatch).",
     .rejectsGitLab = true},
    {.id = "model-localhost-in-container",
     .description = "The endpoint is 127.0.0.1 while the gateway runs in a container.",
     .endpoint = EndpointForm::Loopback},
    {.id = "model-unreachable-from-gateway",
     .description = "The desktop reaches the model, a firewall stops the gateway.",
     .endpoint = EndpointForm::Firewalled},
    {.id = "split-network-auth-bypass-off",
     .description = "Only the gateway's network knows the model's name; the gateway's auth bypass is off.",
     .endpoint = EndpointForm::GatewayNetworkOnly,
     .authBypass = false},
    {.id = "model-unreachable", .description = "Nothing listens on the model port.", .modelDown = true},
    {.id = "endpoint-missing-v1",
     .description = "The vLLM endpoint lacks /v1.",
     .endpoint = EndpointForm::WithoutV1},
    {.id = "model-not-served",
     .description = "The identifier names a model vLLM does not serve.",
     .identifier = IdentifierForm::NotServed},
    {.id = "identifier-missing-prefix",
     .description = "The identifier lacks custom_openai/.",
     .identifier = IdentifierForm::WithoutPrefix},
    {.id = "litellm-model-not-found",
     .description = "A LiteLLM proxy does not know the model.",
     .server = ModelServerKind::LiteLlm,
     .identifier = IdentifierForm::NotServed},
    {.id = "model-key-rejected",
     .description = "vLLM was started with another API key than the one entered.",
     .modelRejectsAdminKey = true},
    {.id = "hostile-server-text",
     .description =
         "The model server lists ids full of HTML and Markdown; the identifier matches none of them.",
     .identifier = IdentifierForm::NotServed,
     .hostileText = true},
    {.id = "gitlab-lists-unsafe-model",
     .description =
         "Healthy, but GitLab also lists a self-hosted model with a password in its endpoint URL and "
         "an escape sequence in its name.",
     .gitlabListsUnsafeModel = true},
    {.id = "model-too-slow",
     .description = "The model needs longer than the inference deadline (1 s).",
     .completionDelayMs = 5000,
     .inferenceTimeoutSeconds = 1},
    // What Agentic Chat and flows need from a model: tools, streams, the gateway's parameters. The tool rows
    // run GitLab 19 with the Agent Platform features routed to this model, so a model without tools breaks
    // them.
    {.id = "tools-unsupported",
     .description =
         "vLLM runs without --enable-auto-tool-choice: tool requests get HTTP 400; Agentic Chat uses "
         "this model.",
     .modelQuirk = ModelQuirk::ToolsUnsupported,
     .agentPlatform = true},
    {.id = "tools-in-text",
     .description = "vLLM runs without a tool parser: the model writes its tool call as JSON in the text; "
                    "Agentic Chat uses this model.",
     .modelQuirk = ModelQuirk::ToolCallInText,
     .agentPlatform = true},
    {.id = "tools-ignored",
     .description = "The Ollama model answers tool requests in prose; Agentic Chat uses this model.",
     .server = ModelServerKind::Ollama,
     .modelNeedsKey = false,
     .modelQuirk = ModelQuirk::ToolsIgnored,
     .agentPlatform = true},
    {.id = "stream-cut",
     .description = "vLLM's stream stops after three tokens: the connection closes before data: [DONE].",
     .modelQuirk = ModelQuirk::StreamCut},
    {.id = "stream-buffered",
     .description = "A buffering proxy in front of vLLM: every streamed event arrives at once, 1.5 s late.",
     .modelQuirk = ModelQuirk::StreamBuffered},
    {.id = "max-tokens-refused",
     .description = "A reasoning model behind LiteLLM refuses max_tokens (use max_completion_tokens).",
     .server = ModelServerKind::LiteLlm,
     .modelQuirk = ModelQuirk::MaxTokensRefused},
    {.id = "temperature-refused",
     .description = "A reasoning model behind LiteLLM refuses temperature 0.",
     .server = ModelServerKind::LiteLlm,
     .modelQuirk = ModelQuirk::TemperatureRefused},
    {.id = "no-chat-template",
     .description = "vLLM serves a model without a chat template: every chat request gets HTTP 400.",
     .modelQuirk = ModelQuirk::NoChatTemplate},
    // AWS Bedrock: no endpoint; the gateway relays what AWS answers (sim/fakegateway.cpp's bedrockRows).
    {.id = "bedrock-healthy",
     .description = "Nothing is broken: the gateway calls a Claude inference profile on AWS Bedrock.",
     .bedrock = BedrockAnswer::Works},
    {.id = "bedrock-on-demand",
     .description = "The identifier names a Bedrock model without on-demand throughput by its bare id.",
     .bedrock = BedrockAnswer::OnDemand},
    {.id = "bedrock-use-case-form",
     .description = "AWS wants Anthropic's use case details form before it serves Claude.",
     .bedrock = BedrockAnswer::UseCaseForm},
    {.id = "bedrock-no-credentials",
     .description = "The gateway container has no AWS credentials.",
     .bedrock = BedrockAnswer::NoCredentials},
    {.id = "bedrock-access-denied",
     .description = "The gateway's IAM role may not call bedrock:InvokeModel.",
     .bedrock = BedrockAnswer::AccessDenied},
    {.id = "bedrock-assume-role",
     .description = "The gateway cannot assume the model's IAM role (HTTP 422).",
     .bedrock = BedrockAnswer::AssumeRole},
    {.id = "bedrock-throttled",
     .description = "Bedrock throttles the account's requests (ThrottlingException).",
     .bedrock = BedrockAnswer::Throttled},
    // Azure OpenAI: the desktop and the gateway call the resource's deployment (sim/fakeazure.cpp).
    {.id = "azure-healthy",
     .description = "Nothing is broken: the model is an Azure OpenAI deployment, azure/duo-gpt-4o.",
     .azure = AzureAnswer::Works},
    {.id = "azure-deployment-not-found",
     .description = "The identifier names the model (azure/gpt-4o), not the deployment: DeploymentNotFound.",
     .azure = AzureAnswer::DeploymentNotFound},
    {.id = "azure-key-rejected",
     .description = "The key belongs to no Azure OpenAI resource: Azure answers 401 \"Access denied\".",
     .azure = AzureAnswer::KeyRejected},
    {.id = "azure-api-version-unsupported",
     .description =
         "Desktop and gateway ask for api-version 2023-03-15-preview: \"API version not supported\".",
     .azure = AzureAnswer::ApiVersionUnsupported},
    // GitLab 18.x / 19.x: the Agent Platform service, its WebSocket, runners and feature routing.
    {.id = "agent-platform-healthy",
     .description = "GitLab 19 with the Agent Platform: the service is SERVING, a Docker runner tagged "
                    "gitlab--duo is online, every feature uses the self-hosted model.",
     .agentPlatform = true},
    {.id = "agent-platform-down",
     .description = "Nothing listens where GitLab's Agent Platform service address points.",
     .agentPlatform = true,
     .serviceTransport = ServiceTransport::Down},
    {.id = "agent-platform-not-serving",
     .description = "The Agent Platform service's gRPC health check answers NOT_SERVING.",
     .agentPlatform = true,
     .serviceHealth = ServiceHealth::NotServing},
    {.id = "agent-platform-without-health",
     .description = "The Agent Platform service has no gRPC health service (UNIMPLEMENTED).",
     .agentPlatform = true,
     .serviceHealth = ServiceHealth::Unimplemented},
    {.id = "agent-platform-http-port",
     .description = "GitLab's Agent Platform service address points at the gateway's HTTP port.",
     .agentPlatform = true,
     .gitlabServiceAddress = ServiceAddress::GatewayHttpPort},
    {.id = "agent-platform-url-with-scheme",
     .description = "GitLab stores the Agent Platform service address with http://.",
     .agentPlatform = true,
     .gitlabServiceAddress = ServiceAddress::WithScheme},
    {.id = "agent-platform-tls-mismatch",
     .description = "The Agent Platform service speaks TLS, GitLab expects plain text.",
     .agentPlatform = true,
     .serviceTransport = ServiceTransport::Tls},
    {.id = "websocket-upgrade-stripped",
     .description = "A proxy in front of GitLab drops Upgrade and Connection: the WebSocket answers 400.",
     .agentPlatform = true,
     .websocketUpgradeStripped = true},
    {.id = "duo-runner-missing",
     .description = "No runner is tagged gitlab--duo.",
     .agentPlatform = true,
     .duoRunner = DuoRunner::Missing},
    {.id = "duo-runner-shell-only",
     .description = "The only runner tagged gitlab--duo uses the shell executor.",
     .agentPlatform = true,
     .duoRunner = DuoRunner::ShellOnly},
    {.id = "duo-runner-offline",
     .description = "The Docker runner tagged gitlab--duo is offline.",
     .agentPlatform = true,
     .duoRunner = DuoRunner::Offline},
    {.id = "agent-platform-features-without-model",
     .description = "The Agent Platform features have no model assigned while the service is configured.",
     .agentPlatform = true,
     .agentFeaturesWithoutModel = true},
    {.id = "gitlab-17-agent-platform",
     .description = "GitLab 17.11: no Agent Platform setting, WebSocket or Agent Platform features.",
     .gitlabVersion = "17.11.0-ee"},
};

const ServerProfile profiles[] = {
    {ModelServerKind::Vllm, "mistralai/Mistral-7B-Instruct-v0.3", "mistralai/Mixtral-8x7B-Instruct-v0.1",
     "mistral-7b-vllm"},
    {ModelServerKind::Ollama, "mistral:latest", "mixtral:latest", "mistral-7b-ollama"},
    {ModelServerKind::LiteLlm, "mistral", "mistral-large", "mistral-7b-litellm"},
};

} // namespace

const ServerProfile& serverProfile(ModelServerKind kind) {
    for (const ServerProfile& profile : profiles) {
        if (profile.kind == kind)
            return profile;
    }
    return profiles[0];
}

const QList<Scenario>& scenarioTable() {
    return table;
}

const Scenario* findScenario(const QString& id) {
    for (const Scenario& scenario : table) {
        if (id == QLatin1String(scenario.id))
            return &scenario;
    }
    return nullptr;
}

} // namespace duo::sim
