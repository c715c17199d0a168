#include "core/knowledge/logsignatures.h"

#include <QCoreApplication>

namespace duo {

namespace {

QStringList logOnly() {
    return {QStringLiteral("log")};
}

} // namespace

// The remedy is in each fix, not only in the quoted message. Sources: ../shared/reference facts (section 6),
// GitLab's Duo Chat and Code Review flow troubleshooting pages; tests/data/logs/SOURCES.md names them per
// line.
// clang-format off
const QList<Signature>& logOnlySignatures() {
    static const QList<Signature> rows = {
    // --- Duo Chat's newer M-codes --------------------------------------------------------------------------
    {.id = QStringLiteral("log.duo_chat_m2000"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M2000: no documentation matched the question."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Rephrase the question. Offline, documentation questions need GitLab's documentation search; nothing is wrong with the model.")},
    {.id = QStringLiteral("log.duo_chat_m3003"), .checks = logOnly(), .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M3003: the items asked about do not exist, the user cannot see them, or the session expired."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask about items the user can open in GitLab; if it persists, sign out and in again.")},
    {.id = QStringLiteral("log.duo_chat_m3005"), .checks = logOnly(), .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M3005: the tool the question needs is not part of the GitLab Duo add-on (Duo Pro instead of Duo Enterprise)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check the add-on under Admin > Subscription; the tool needs GitLab Duo Enterprise.")},
    {.id = QStringLiteral("log.duo_chat_retry"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M4000, M4001, M4002 or M5000: GitLab failed while preparing the question (a slash command, finding the item's data, a CI/CD question, or the item's content)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask again; check a slash command's syntax (/tests, /refactor, /fix, /explain). If it keeps failing, look in llm.log for the request's correlation_id.")},
    {.id = QStringLiteral("log.duo_chat_wrong_page"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Duo Chat error M4003, M4004 or M4005: the command was used where it cannot work (Explain Vulnerability outside a SAST vulnerability page, Summarize Discussion without comments, Troubleshoot job without a failed job log)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the command from the page it belongs to: a SAST vulnerability's detail page, a discussion with comments, a failed job's log.")},
    // --- The Code Review flow's DCR codes ---------------------------------------------------------------------
    {.id = QStringLiteral("log.dcr_no_runner"), .checks = logOnly(), .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4011: no runner can run the flow. Flows need an instance or top-level group runner tagged gitlab--duo with a Docker or Kubernetes executor (not shell)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Register such a runner (gitlab-runner register --executor docker --tag-list gitlab--duo) at the instance or the top-level group; GET {gitlab_api_url}/runners/all?tag_list=gitlab--duo lists them.")},
    {.id = QStringLiteral("log.dcr_tokens"), .checks = logOnly(), .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4005: GitLab could not create the tokens the flow needs for the AI gateway and GitLab's API."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Assign a model to \"Agents & flows\" (Admin > GitLab Duo > Self-hosted models; gitlab-org/gitlab#631401), run the gateway image matching GitLab ({aigw_image}) with its JWT signing keys, and sync the subscription.")},
    {.id = QStringLiteral("log.dcr_flow_disabled"), .checks = logOnly(), .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4000, DCR4001 or DCR4007: the flow is turned off for the project or group, or its service account is missing."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "A top-level group owner turns on foundational flows and the Code Review flow; an administrator checks that the flow's service account exists and can be added to the project.")},
    {.id = QStringLiteral("log.dcr_permissions"), .checks = logOnly(), .blames = QStringLiteral("gitlab_user"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4003, DCR4004 or DCR4006: the user may not create pipelines, has no default GitLab Duo namespace, or the service account cannot join the project."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Give the user a role that may run pipelines, have them set a default GitLab Duo namespace (User settings > Preferences), and let the service account join the project as Developer (group membership lock).")},
    {.id = QStringLiteral("log.dcr_out_of_credits"), .checks = logOnly(), .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4002 or DCR4012: no GitLab Credits or compute minutes are left for this billing period."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Someone with billing access adds credits or compute minutes; a project or top-level group runner is not affected by compute minutes.")},
    {.id = QStringLiteral("log.dcr_retry"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Code Review flow error DCR4008, DCR4009, DCR4010, DCR5000 or DCR5001: the flow could not create its pipeline, read the source branch, start, or post its comments."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Request a new review. If it fails again, check that a gitlab--duo runner picks up the flow's job and look at the job's log.")},
    // --- GitLab (Rails, Sidekiq) ----------------------------------------------------------------------------
    {.id = QStringLiteral("log.rails_gateway_tls"), .checks = logOnly(), .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "GitLab does not trust the certificate of {gateway_host}: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Copy the CA certificate that signed the gateway's certificate into /etc/gitlab/trusted-certs/ on the GitLab host, then sudo gitlab-ctl reconfigure (Helm: global.certificates.customCAs).")},
    {.id = QStringLiteral("log.instance_id_mismatch"), .checks = logOnly(), .blames = QStringLiteral("gitlab_license"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Sidekiq reports \"Header mismatch 'X-Gitlab-Instance-Id'\": the license's activation code was used on another instance, or a new one was used here."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Ask GitLab Support for a new activation code for this instance, activate it (Admin > Subscription), then sync the subscription.")},
    // --- The gateway and the Agent Platform service: keys and tokens -----------------------------------------
    {.id = QStringLiteral("log.token_creation_failed"), .checks = logOnly(), .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "\"Token creation failed\": the gateway or the Agent Platform service has no JWT signing keys to sign its tokens with."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Generate two RSA-2048 key pairs (openssl genrsa 2048) and pass them as AIGW_SELF_SIGNED_JWT__SIGNING_KEY, AIGW_SELF_SIGNED_JWT__VALIDATION_KEY, DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY and DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY, with DUO_WORKFLOW_AUTH__ENABLED=true, then recreate the container."),
     .commandSets = {QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("log.jwks_network"), .checks = logOnly(), .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway could not fetch GitLab's signing keys because of the network, not because of a key: \"{message}\". Name resolution, a refused connection or an untrusted certificate between the gateway and {gitlab_url}."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Check AIGW_GITLAB_URL={gitlab_url} in the container, that its name resolves there (DNS, --add-host), and that GitLab's CA is in REQUESTS_CA_BUNDLE and SSL_CERT_FILE; then curl \"$AIGW_GITLAB_API_URL/projects\" from inside it."),
     .commandSets = {QStringLiteral("gateway_reaches_gitlab")}},
    {.id = QStringLiteral("log.jwks_incomplete"), .checks = logOnly(), .blames = QStringLiteral("gateway_auth"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway's key cache is incomplete: \"{message}\". One of its key providers (GitLab, or the customer portal) did not answer, so tokens it signed are rejected."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Make GitLab reachable from the container (AIGW_GITLAB_URL={gitlab_url}); offline licenses also need AIGW_CUSTOMER_PORTAL_URL and DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL set to {gitlab_url}. Restart the gateway to refill the cache."),
     .commandSets = {QStringLiteral("gateway_reaches_gitlab")}},
    {.id = QStringLiteral("log.dws_customer_portal"), .checks = logOnly(), .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The Agent Platform service has no customer portal to fetch keys from: \"{message}\". Offline (air-gapped) licenses need the portal URL pointed at GitLab (gitlab-org/gitlab#598137)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Recreate the container with -e DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL={gitlab_url} -e AIGW_CUSTOMER_PORTAL_URL={gitlab_url}."),
     .commandSets = {QStringLiteral("gateway_recreate")}},
    {.id = QStringLiteral("log.grpc_metadata_limit"), .checks = logOnly(), .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "gRPC ResourceExhausted: the headers of a call to the Agent Platform service are larger than gRPC accepts (\"received metadata size exceeds hard limit\")."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway image matching GitLab ({aigw_image}); a proxy or load balancer in between must pass gRPC unchanged and add no cookies or large headers.")},
    // --- The Agent Platform: flows, WebSocket, runners ---------------------------------------------------------
    {.id = QStringLiteral("log.workflow_empty_repo"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("gitlab_features"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "\"Workflow failed to complete it\": the Agent Platform cannot run a flow in a repository without commits."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Push a first commit to the project's default branch, then start the flow again.")},
    {.id = QStringLiteral("log.websocket_1006"), .checks = logOnly(), .blames = QStringLiteral("gitlab_to_gateway"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The Agent Platform's WebSocket to /api/v4/ai/duo_workflows/ws closed abnormally (1006) or was not found (404): a proxy in front of GitLab does not pass the WebSocket upgrade."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "In the proxy in front of {gitlab_url} (nginx): proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\"; and a proxy_read_timeout long enough for a session. TLS-inspecting proxies must exempt GitLab.")},
    {.id = QStringLiteral("log.runner_ca"), .checks = logOnly(), .blames = QStringLiteral("gitlab"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The runner (or git in the flow's job) does not trust GitLab's certificate: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Give the runner GitLab's CA: tls-ca-file in the runner's config.toml ([[runners]]) or /etc/gitlab-runner/certs/{gitlab_host}.crt, and GIT_SSL_CAINFO (or CI_SERVER_TLS_CA_FILE) in the job's environment.")},
    // --- Model platforms: Bedrock, Azure, vLLM, reasoning models ---------------------------------------------
    {.id = QStringLiteral("log.bedrock_on_demand"), .checks = logOnly(), .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Bedrock does not serve this model on demand: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Use an inference profile instead of the bare model id: the identifier bedrock/ followed by the id with its region prefix (us., eu., apac. or global.), e.g. bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0.")},
    {.id = QStringLiteral("log.bedrock_use_case"), .checks = logOnly(), .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Bedrock refuses Anthropic's models until the account has submitted the model's use-case form: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Submit the use-case details in the Bedrock console (Model access) for this AWS account; it takes about 15 minutes to take effect.")},
    {.id = QStringLiteral("log.bedrock_access_denied"), .checks = logOnly(), .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "AWS denied the gateway's call to Bedrock: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Grant the gateway's IAM identity bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the model (or inference profile) and enable the model under Model access in the same region as AWS_REGION.")},
    {.id = QStringLiteral("log.bedrock_throttling"), .checks = logOnly(), .status = Status::Warn, .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Bedrock throttled the gateway (ThrottlingException): the account's quota for the model is used up."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Request a higher quota in AWS Service Quotas, or use a cross-region inference profile (us., eu., global.).")},
    {.id = QStringLiteral("log.bedrock_assume_role"), .checks = logOnly(), .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The gateway could not assume the model's IAM role: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Let the gateway's own identity call sts:AssumeRole on that role, and the role's trust policy name the gateway's identity.")},
    {.id = QStringLiteral("log.azure_deployment_not_found"), .checks = logOnly(), .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Azure OpenAI has no deployment of that name (DeploymentNotFound): \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Set the identifier to azure/ followed by the deployment's name (not the model's), AZURE_API_BASE to https://<resource>.openai.azure.com without /openai/..., and AZURE_API_VERSION to an API version, not a model version.")},
    {.id = QStringLiteral("log.azure_access_denied"), .checks = logOnly(), .blames = QStringLiteral("gateway_config"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "Azure OpenAI refused the gateway's key: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Give the gateway the resource's key as AZURE_API_KEY (or as the model's API key in GitLab) and the matching AZURE_API_BASE: keys belong to one Azure resource.")},
    {.id = QStringLiteral("log.vllm_tool_parser"), .checks = logOnly(), .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server was started without tool calling, which Agentic Chat and Agent Platform flows need: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Restart vLLM with --enable-auto-tool-choice and the --tool-call-parser that fits the model (mistral, llama3_json, hermes…).")},
    {.id = QStringLiteral("log.vllm_chat_template"), .checks = logOnly(), .blames = QStringLiteral("model"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "The model server has no chat template for this model, so it cannot answer chat requests: \"{message}\"."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Serve an instruct model whose tokenizer has a chat template, or start vLLM with --chat-template <file.jinja> (and --served-model-name matching the identifier).")},
    {.id = QStringLiteral("log.reasoning_params"), .checks = logOnly(), .blames = QStringLiteral("model_identifier"),
     .explanation = QT_TRANSLATE_NOOP("duo::Signatures", "A reasoning model refused a parameter the gateway sent: \"{message}\" (gitlab-org/gitlab#576126)."),
     .fix = QT_TRANSLATE_NOOP("duo::Signatures", "Run the gateway image matching a GitLab version that supports this reasoning model ({aigw_image}), or select a non-reasoning model for the feature.")},
    };
    return rows;
}
// clang-format on

} // namespace duo
