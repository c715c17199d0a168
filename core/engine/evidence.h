#pragma once

#include <QString>

// The keys of CheckResult::evidence. They are part of the public JSON report (duo-doctor.report.v1) and are
// read back by later checks, the import and the window: never respell one.
namespace duo::evidence {

// --- Any check: the answer, the transport, the signature that explained it, the engine ---------------------
inline const QString httpStatus = QStringLiteral("http_status");
inline const QString networkError = QStringLiteral("network_error");
inline const QString message = QStringLiteral("message"); // the server's words, shortened
inline const QString host = QStringLiteral("host");
inline const QString proxy = QStringLiteral("proxy");
inline const QString problem = QStringLiteral("problem"); // the transport's own diagnosis (TLS, proxy)
inline const QString tlsChain = QStringLiteral("tls_chain");
inline const QString redirects = QStringLiteral("redirects");
inline const QString suggestedUrl = QStringLiteral("suggested_url");
inline const QString signature = QStringLiteral("signature");
inline const QString blames = QStringLiteral("blames"); // the path segment at fault
inline const QString didNotFinish = QStringLiteral("did_not_finish");
inline const QString skippedBecause = QStringLiteral("skipped_because");

// --- GitLab ---------------------------------------------------------------------------------------------
inline const QString metadata = QStringLiteral("metadata");
inline const QString username = QStringLiteral("username");
inline const QString isAdmin = QStringLiteral("is_admin");
inline const QString scopes = QStringLiteral("scopes");
inline const QString version = QStringLiteral("version");
inline const QString enterprise = QStringLiteral("enterprise");
inline const QString aigwImageTag = QStringLiteral("aigw_image_tag");
inline const QString plan = QStringLiteral("plan");
inline const QString expiresAt = QStringLiteral("expires_at");
inline const QString expired = QStringLiteral("expired");
inline const QString duoCodeSuggestionsAvailable = QStringLiteral("duo_code_suggestions_available");
inline const QString duoChatAvailable = QStringLiteral("duo_chat_available");
inline const QString addOn = QStringLiteral("add_on");
inline const QString purchasedSeats = QStringLiteral("purchased_seats");
inline const QString assignedSeats = QStringLiteral("assigned_seats");
inline const QString userHasSeat = QStringLiteral("user_has_seat");
inline const QString selfHostedModels = QStringLiteral("self_hosted_models");
inline const QString providers = QStringLiteral("providers");
inline const QString featureModels = QStringLiteral("feature_models"); // {feature: GitLab's model name}
inline const QString gitlabModel = QStringLiteral("gitlab_model");
inline const QString hasApiToken = QStringLiteral("has_api_token");
inline const QString differences = QStringLiteral("differences");
inline const QString gitlabAiGatewayUrl = QStringLiteral("gitlab_ai_gateway_url");
inline const QString aiGatewayTimeoutSeconds = QStringLiteral("ai_gateway_timeout_seconds");
inline const QString probes = QStringLiteral("probes");
// GitLab 18/19: the Agent Platform service's address as the service checks use it (HOST:PORT: typed with
// --agent-platform, else GitLab's duoSettings.duoAgentPlatformServiceUrl), where it came from ("typed" or
// "gitlab"), and GitLab's "Use TLS for the GitLab Duo Agent Platform service" where GraphQL exposes it.
inline const QString agentPlatformAddress = QStringLiteral("agent_platform_address");
inline const QString agentPlatformAddressSource = QStringLiteral("agent_platform_address_source");
inline const QString agentPlatformTls = QStringLiteral("agent_platform_tls");
inline const QString gitlabAgentPlatformUrl =
    QStringLiteral("gitlab_agent_platform_url"); // as GitLab stores it
inline const QString agentPlatformProbe =
    QStringLiteral("agent_platform_probe"); // GitLab's own: {success, message}
// Rows of a table (core/reports/evidencetables.cpp): [{feature, title, provider, model}] and
// [{status, paused, executor, type}].
inline const QString features = QStringLiteral("features");
inline const QString runners = QStringLiteral("runners");

// --- The gateway and the model server ---------------------------------------------------------------------
inline const QString server = QStringLiteral("server"); // the Server header
inline const QString hostKind = QStringLiteral("host_kind");
inline const QString serverType = QStringLiteral("server_type");
inline const QString platform = QStringLiteral("platform"); // core/knowledge/platforms.h's key
inline const QString suggestedModel = QStringLiteral("suggested_model");
inline const QString correctedEndpoint = QStringLiteral("corrected_endpoint");
inline const QString keySent = QStringLiteral("key_sent");
inline const QString servedModels = QStringLiteral("served_models");
inline const QString maxModelLen = QStringLiteral("max_model_len");
inline const QString wanted = QStringLiteral("wanted");
inline const QString suggestedIdentifier = QStringLiteral("suggested_identifier");
inline const QString servedId = QStringLiteral("served_id");
inline const QString elapsedMs = QStringLiteral("elapsed_ms");
inline const QString recommended = QStringLiteral("recommended");
inline const QString oneTokenMs = QStringLiteral("one_token_ms");
inline const QString budgetMs = QStringLiteral("budget_ms");
inline const QString gitlabTimeoutSeconds = QStringLiteral("gitlab_timeout_seconds");
inline const QString shareOfBudgetPercent = QStringLiteral("share_of_budget_percent");
// What Agentic Chat and flows need (model.tool_calling, model.streaming, model.parameters).
inline const QString toolCall = QStringLiteral("tool_call"); // structured, in_text, prose, refused, none
inline const QString routing = QStringLiteral("routing");    // read, not_admin, no_gitlab, unavailable
inline const QString featuresNeedingTools = QStringLiteral("features_needing_tools"); // that use this model
inline const QString timeToFirstTokenMs = QStringLiteral("time_to_first_token_ms");
inline const QString events = QStringLiteral("events");              // server-sent events received
inline const QString finishReason = QStringLiteral("finish_reason"); // of the last event
inline const QString doneSeen = QStringLiteral("done_seen");         // data: [DONE] arrived
inline const QString burstMs = QStringLiteral("burst_ms");           // first to last content event
inline const QString parametersSent = QStringLiteral("parameters_sent");

// --- The Agent Platform service and GitLab's WebSocket for it --------------------------------------------
inline const QString transport = QStringLiteral("transport");    // h2c, tls, http1 or none
inline const QString alpn = QStringLiteral("alpn");              // TLS: the protocol the service chose
inline const QString firstBytes = QStringLiteral("first_bytes"); // what the address sent first, printable
inline const QString grpcStatus = QStringLiteral("grpc_status");
inline const QString healthStatus = QStringLiteral("health_status"); // SERVING, NOT_SERVING…
inline const QString http2 = QStringLiteral("http2");                // the answer came over HTTP/2
inline const QString closeCode = QStringLiteral("close_code");       // the server's WebSocket close code

// --- Manual steps -----------------------------------------------------------------------------------------
inline const QString source = QStringLiteral("source"); // "container_probe" when the probe answered
inline const QString probeTool = QStringLiteral("probe_tool");
inline const QString lines = QStringLiteral("lines");

} // namespace duo::evidence
