#include "core/knowledge/manualsteps.h"

#include "core/knowledge/pagesections.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace duo {

namespace {

// In the catalog's order of manual steps. The catalog reads this table on first use, after start-up.
// clang-format off
const QList<ManualStep> steps = {
    {.id = "manual.expanded_ai_logging",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Log GitLab's AI requests (expanded_ai_logging)"),
     .section = sections::beforeYouBegin,
     .segments = {QStringLiteral("gitlab")},
     .commandSets = {QStringLiteral("expanded_ai_logging")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console (sudo gitlab-rails console). Turn it on before you reproduce the problem; llm.log then records GitLab's requests to the gateway. Turn it off again afterwards: it logs prompts and answers."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Run the command in the Rails console as an administrator; it prints true when the flag is on."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(^\s*(=>\s*)?true\s*$)", .fail = R"(\bfalse\b|Error|undefined)"}},
    {.id = "manual.rake_verify",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's verification task"),
     .section = sections::scripts,
     .segments = {QStringLiteral("gitlab_license"), QStringLiteral("gitlab_features"), QStringLiteral("gitlab_user"), QStringLiteral("gitlab_gateway_url"), QStringLiteral("gitlab"), QStringLiteral("gitlab_to_gateway"), QStringLiteral("gateway"), QStringLiteral("gateway_auth"), QStringLiteral("gateway_config"), QStringLiteral("gateway_to_model"), QStringLiteral("model")},
     .commandSets = {QStringLiteral("rake_verify")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "On the GitLab server. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "The first ✗ line names the broken step; the matching automatic check above has the fix."),
     .judge = {.mode = JudgeMode::Lines, .fail = R"(License does not provide access|has no access to code suggestions|Cannot access AI Gateway|must be HTTP or HTTPS|returned HTTP [45]\d\d|\bunreachable\b|Skipping model|rake aborted|Error|Duo Workflow Service is not reachable|WebSocket upgrade did not complete|WebSocket endpoint rejected|Could not reach the WebSocket endpoint)", .warn = R"(NOT trusted|API token: Missing|No self-hosted Duo Workflow Service URL configured|TLS certificate verification was skipped|No feature settings configured|No self-hosted models configured)",
               .summaryHeading = "DIAGNOSTIC SUMMARY"}},
    {.id = "manual.verify_setup",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's Agent Platform check of a project (verify_setup)"),
     .section = sections::scripts,
     .segments = {QStringLiteral("gitlab_license"), QStringLiteral("gitlab_features"), QStringLiteral("gitlab")},
     .commandSets = {QStringLiteral("verify_setup")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "On the GitLab server, with the full path of a project where Agent Platform flows (Code Review, say) should run in place of <group/project>. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "The first ✗ line names the setting that stops the Agent Platform for this project: turn it on where the line says (license, Admin > GitLab Duo, the group's or the project's GitLab Duo settings), then run the check again."),
     .judge = {.mode = JudgeMode::Lines, .fail = R"(does not exist|Project not found|Don't know how to build task|rake aborted|NameError|LoadError)", .warn = R"(NOT CONFIGURED|\bis NOT enabled\b)",
               .ignore = R"(:\s+[\x{2714}\x{2717}] (yes|no)\b)"}},
    {.id = "manual.aigw_script",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "The gateway's troubleshooting script"),
     .section = sections::scripts,
     .segments = {QStringLiteral("gateway"), QStringLiteral("gateway_auth"), QStringLiteral("gateway_config"), QStringLiteral("gateway_to_model"), QStringLiteral("model")},
     .commandSets = {QStringLiteral("gateway_script")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "In the AI gateway container (newer images: poetry run troubleshoot). Paste the whole output."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Set the variables the script names when recreating the container, and compare the model request with gateway.model_request."),
     .judge = {.mode = JudgeMode::Lines, .fail = R"(must be set|Failed to access|status code: [45]\d\d|Missing environment variables|Traceback|Error)"}},
    {.id = "manual.gitlab_env",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's AI_GATEWAY_URL (Rails console)"),
     .section = sections::gitlabEnv,
     .segments = {QStringLiteral("gitlab_gateway_url")},
     .commandSets = {QStringLiteral("rails_gateway_url")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Set GitLab's AI gateway URL to {gateway_url} (Admin > GitLab Duo, or AI_GATEWAY_URL before 17.9), then reconfigure."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(^\s*(=>\s*)?(true|"https?://\S+")\s*$)", .fail = R"(\bfalse\b|\bnil\b|Error)"}},
    {.id = "manual.gitlab_http_gateway",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's HTTP request to the gateway (Rails console)"),
     .section = sections::gitlabToGateway,
     .segments = {QStringLiteral("gitlab_gateway_url"), QStringLiteral("gitlab_to_gateway"), QStringLiteral("gateway")},
     .commandSets = {QStringLiteral("rails_http_gateway")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints (200 when GitLab reaches the gateway)."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "GitLab's host cannot reach {gateway_url}: check the firewall, DNS, proxy variables (no_proxy) and the outbound request allow-list."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(^\s*(=>\s*)?200\s*$)", .fail = R"(\b(?!200\b)[1-5]\d\d\b|Errno|refused|timed out|Net::|SocketError|BlockedUrlError|not allowed|getaddrinfo)"}},
    {.id = "manual.console_model_request",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's request to the model (Rails console)"),
     .section = sections::gitlabToModel,
     .segments = {QStringLiteral("gitlab_user"), QStringLiteral("gitlab_gateway_url"), QStringLiteral("gitlab_to_gateway"), QStringLiteral("gateway"), QStringLiteral("gateway_auth"), QStringLiteral("gateway_config"), QStringLiteral("gateway_to_model"), QStringLiteral("model")},
     .commandSets = {QStringLiteral("rails_model_request")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console; put the model's key where <your-model-api-key> stands. Paste what it prints (a \"response\"=> hash when it works)."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "See which automatic check fails on the same path: user access, the AI gateway URL, GitLab's probe of the gateway, or the gateway's request to the model."),
     .judge = {.mode = JudgeMode::PassFirst, .pass = R"("response"\s*=>)", .fail = R"(error|Errno|Net::ReadTimeout|\bnil\b|\b(401|403|404|421|422|500|502|503)\b)"}},
    {.id = "manual.user_access",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "User may access Code Suggestions (Rails console)"),
     .section = sections::userAccess,
     .segments = {QStringLiteral("gitlab_license"), QStringLiteral("gitlab_features"), QStringLiteral("gitlab_user")},
     .commandSets = {QStringLiteral("rails_user_access")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Assign {gitlab_username} a GitLab Duo seat, check the license and that Code Suggestions use the self-hosted model."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(^\s*(=>\s*)?true\s*$)", .fail = R"(\bfalse\b|\bnil\b|NoMethodError|Error)"}},
    {.id = "manual.aigw_env",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Gateway environment variables (container shell)"),
     .section = sections::gatewayEnv,
     .segments = {QStringLiteral("gateway_auth"), QStringLiteral("gateway_config")},
     .commandSets = {QStringLiteral("gateway_env")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell in the AI gateway container. Both lines must be true."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true."),
     .judge = {.mode = JudgeMode::AllTrue}},
    {.id = "manual.aigw_health_inside",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Gateway health from inside its container"),
     .section = sections::gatewayProcesses,
     .segments = {QStringLiteral("gateway")},
     .commandSets = {QStringLiteral("gateway_healthz_inside")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container. Paste the status code it prints."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "The gateway is not installed correctly: read its log and reinstall it with the image matching GitLab."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(^\s*200\s*$|"status"\s*:\s*"ok")", .fail = R"(\b(?!200\b)[1-5]\d\d\b|refused|Failed to connect|not found|Could not resolve)"}},
    {.id = "manual.aigw_model_request_inside",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model request from inside the gateway container"),
     .section = sections::gatewayToModel,
     .segments = {QStringLiteral("gateway"), QStringLiteral("gateway_config"), QStringLiteral("gateway_to_model"), QStringLiteral("model")},
     .commandSets = {QStringLiteral("gateway_chat_agent_inside")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container; put the model's key where <your-model-api-key> stands. Paste the answer."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Check the gateway's variables (manual.aigw_env), the model name and endpoint, and whether the model is reachable from the container (manual.model_from_gateway)."),
     .judge = {.mode = JudgeMode::PassFirst, .pass = R"("response"\s*:)", .fail = R"(detail|error|refused|Failed|Unauthorized)"}},
    {.id = "manual.model_from_gateway",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model reachable from inside the gateway container"),
     .section = sections::modelFromGateway,
     .segments = {QStringLiteral("gateway_to_model"), QStringLiteral("model")},
     .commandSets = {QStringLiteral("curl_model_from_gateway")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container; put the model's key where <your-model-api-key> stands. Paste the answer."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "The container cannot reach {model_endpoint}: if the endpoint names localhost, run the gateway with --network host; otherwise ask your network administrator to open the way from the container to {model_host}:{model_port}."),
     .judge = {.mode = JudgeMode::PassFirst, .pass = R"("data"\s*:)", .fail = R"(Could not resolve|Connection refused|timed out|Failed to connect|Unauthorized|not found|Error)"}},
    {.id = "manual.image_platform",
     .title = QT_TRANSLATE_NOOP("duo::Catalog", "Gateway image platform matches the host"),
     .section = sections::platform,
     .segments = {QStringLiteral("gateway")},
     .commandSets = {QStringLiteral("gateway_platform")},
     .where = QT_TRANSLATE_NOOP("duo::ManualChecks", "Where you start the gateway container. Paste the output of docker run when it fails."),
     .failFix = QT_TRANSLATE_NOOP("duo::ManualChecks", "Add --platform linux/amd64 to the docker run command."),
     .judge = {.mode = JudgeMode::FailFirst, .pass = R"(\S)", .fail = R"(does not match the detected host|exec format error)"}},
};
// clang-format on

// clang-format off
const QList<ManualHint> hints = {
    {"manual.rake_verify", R"(WebSocket upgrade did not complete|Could not reach the WebSocket|agent_platform_websocket: ERROR(?! \(HTTP 40[13]\)))",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "A proxy or load balancer in front of GitLab does not pass the WebSocket upgrade of /api/v4/ai/duo_workflows/ws: forward Upgrade and Connection (nginx: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection \"upgrade\";) and let GitLab reach its own external URL {gitlab_url}.")},
    {"manual.rake_verify", R"(WebSocket endpoint rejected|agent_platform_websocket: ERROR \(HTTP 40[13]\))",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "GitLab refused the Agent Platform session: give {gitlab_username} a GitLab Duo seat, turn the Agent Platform on (Admin > GitLab Duo), and check that no proxy strips cookies or the Authorization header.")},
    {"manual.rake_verify", R"(Duo Workflow Service is not reachable|duo_workflow_service: ERROR)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "GitLab cannot reach the Agent Platform service: its address (Admin > GitLab Duo) must be host:port without http://, \"Use TLS for Duo Agent Platform service\" must match the service's DUO_WORKFLOW_TLS__ENABLED, and port 50052 of the gateway host must be open to GitLab.")},
    {"manual.rake_verify", R"(No self-hosted Duo Workflow Service URL|duo_workflow_service: WARNING)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "No Agent Platform service address is set: if you use Agentic Chat or flows, enter the gateway host and port 50052 as host:port (no http://) under Admin > GitLab Duo > Change configuration; otherwise this warning does no harm.")},
    {"manual.rake_verify", R"(No feature settings configured|feature_settings: WARNING)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "No feature uses a self-hosted model yet: assign one to each feature under Admin > GitLab Duo Self-Hosted > Features (Agent Platform features need their own).")},
    {"manual.verify_setup", R"(Don't know how to build task|NameError|rake aborted)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "This GitLab has no gitlab:duo:verify_setup task (it came with 19.0): on 18.8 to 18.11 run the downloaded verify_setup.rb with gitlab-rails runner (the commands above); older releases have no such check.")},
    {"manual.verify_setup", R"(No eligible runners)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Register a runner for the whole instance or the top-level group, tagged gitlab--duo, with the Docker or Kubernetes executor; project runners cannot run Agent Platform flows.")},
    {"manual.verify_setup", R"(does not exist|Project not found)",
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Use the project's full path as GitLab shows it (group/subgroup/project) between the brackets.")},
};
// clang-format on

} // namespace

const QList<ManualHint>& manualHints() {
    return hints;
}

const char* manualHint(const QString& stepId, const QString& line) {
    // Compiled once: a verdict asks for each judged paste.
    static const QList<QRegularExpression> patterns = [] {
        QList<QRegularExpression> compiled;
        for (const ManualHint& hint : hints)
            compiled.append(QRegularExpression(QString::fromUtf8(hint.pattern),
                                               QRegularExpression::CaseInsensitiveOption));
        return compiled;
    }();
    for (qsizetype i = 0; i < hints.size(); ++i) {
        if (stepId == QLatin1String(hints.at(i).step) && patterns.at(i).match(line).hasMatch())
            return hints.at(i).fix;
    }
    return nullptr;
}

const QList<ManualStep>& manualSteps() {
    return steps;
}

const ManualStep* findManualStep(const QString& id) {
    for (const ManualStep& step : steps) {
        if (id == QLatin1String(step.id))
            return &step;
    }
    return nullptr;
}

} // namespace duo
