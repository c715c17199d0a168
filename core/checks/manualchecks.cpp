// Manual steps: what only the Rails console or a shell in the gateway container can tell. Duo Doctor fills in
// the exact commands; the admin runs them and pastes the output, which the judge below reads.
#include "core/checks/containerprobe.h"
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/knowledge/commandsets.h"
#include "core/knowledge/manualjudge.h"
#include "core/knowledge/signatures.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace duo {

namespace {

struct ManualChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::ManualChecks)
};

struct ManualStep {
    const char* id;
    QStringList commandSets;
    const char* where;   // where to run it
    const char* failFix; // what to do when the output says no
};

// clang-format off
const ManualStep steps[] = {
    {"manual.expanded_ai_logging", {QStringLiteral("expanded_ai_logging")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console (sudo gitlab-rails console). Turn it on before you reproduce the problem; llm.log then records GitLab's requests to the gateway. Turn it off again afterwards: it logs prompts and answers."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Run the command in the Rails console as an administrator; it prints true when the flag is on.")},
    {"manual.rake_verify", {QStringLiteral("rake_verify")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "On the GitLab server. Paste the whole output: each ✔, ⚠ and ✗ line becomes a result."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "The first ✗ line names the broken step; the matching automatic check above has the fix.")},
    {"manual.aigw_script", {QStringLiteral("gateway_script")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "In the AI gateway container (newer images: poetry run troubleshoot). Paste the whole output."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Set the variables the script names when recreating the container, and compare the model request with gateway.model_request.")},
    {"manual.gitlab_env", {QStringLiteral("rails_gateway_url")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Set GitLab's AI gateway URL to {gateway_url} (Admin > GitLab Duo, or AI_GATEWAY_URL before 17.9), then reconfigure.")},
    {"manual.gitlab_http_gateway", {QStringLiteral("rails_http_gateway")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints (200 when GitLab reaches the gateway)."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "GitLab's host cannot reach {gateway_url}: check the firewall, DNS, proxy variables (no_proxy) and the outbound request allow-list.")},
    {"manual.console_model_request", {QStringLiteral("rails_model_request")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console; put the model's key where <your-model-api-key> stands. Paste what it prints (a \"response\"=> hash when it works)."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "See which automatic check fails on the same path: user access, the AI gateway URL, GitLab's probe of the gateway, or the gateway's request to the model.")},
    {"manual.user_access", {QStringLiteral("rails_user_access")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Rails console. Paste what it prints."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Assign {gitlab_username} a GitLab Duo seat, check the license and that Code Suggestions use the self-hosted model.")},
    {"manual.aigw_env", {QStringLiteral("gateway_env")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell in the AI gateway container. Both lines must be true."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Recreate the gateway container with -e AIGW_AUTH__BYPASS_EXTERNAL=true -e AIGW_CUSTOM_MODELS__ENABLED=true.")},
    {"manual.aigw_health_inside", {QStringLiteral("gateway_healthz_inside")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container. Paste the status code it prints."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "The gateway is not installed correctly: read its log and reinstall it with the image matching GitLab.")},
    {"manual.aigw_model_request_inside", {QStringLiteral("gateway_chat_agent_inside")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container; put the model's key where <your-model-api-key> stands. Paste the answer."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Check the gateway's variables (manual.aigw_env), the model name and endpoint, and whether the model is reachable from the container (manual.model_from_gateway).")},
    {"manual.model_from_gateway", {QStringLiteral("curl_model_from_gateway")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Shell access to the AI gateway container; put the model's key where <your-model-api-key> stands. Paste the answer."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "The container cannot reach {model_endpoint}: if the endpoint names localhost, run the gateway with --network host; otherwise ask your network administrator to open the way from the container to {model_host}:{model_port}.")},
    {"manual.image_platform", {QStringLiteral("gateway_platform")},
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Where you start the gateway container. Paste the output of docker run when it fails."),
     QT_TRANSLATE_NOOP("duo::ManualChecks", "Add --platform linux/amd64 to the docker run command.")},
};
// clang-format on

const ManualStep* stepFor(const QString& id) {
    for (const ManualStep& step : steps) {
        if (id == QLatin1String(step.id))
            return &step;
    }
    return nullptr;
}

constexpr qsizetype maxPastedChars = 256 * 1024;

// The container probe's JSON answers the container-side steps as real results, seen from the gateway.
void judgeWithProbe(const Context& context, CheckResult& result, const QString& output,
                    TemplateValues values) {
    QString error;
    const std::optional<ContainerProbe> probe = parseContainerProbe(output, &error);
    if (!probe) {
        result.status = Status::Warn;
        result.summary =
            ManualChecks::tr("The pasted container probe output could not be read: %1.").arg(error);
        context->finish(result);
        return;
    }
    const std::optional<ProbeVerdict> verdict = judgeFromProbe(context->definition().id, *probe);
    if (!verdict) {
        result.summary =
            probe->tool == QLatin1String("none")
                ? ManualChecks::tr("The container has neither curl nor python3, so the probe could "
                                   "not ask anything: run the commands by hand.")
                : ManualChecks::tr("The container probe does not answer this step: run the command "
                                   "by hand.");
        context->finish(result);
        return;
    }
    context->reportFrom(Vantage::Gateway);
    result.evidence.insert(QStringLiteral("source"), QStringLiteral("container_probe"));
    result.evidence.insert(QStringLiteral("probe_tool"), probe->tool);
    if (!verdict->signatureId.isEmpty()) {
        if (const Signature* signature = findSignature(verdict->signatureId)) {
            values.insert(QStringLiteral("message"),
                          verdict->message.isEmpty() ? verdict->summary : verdict->message);
            values.insert(QStringLiteral("http_status"), QString::number(verdict->httpStatus));
            applySignature(result, *signature, values);
        }
    }
    result.status = verdict->status;
    result.summary = verdict->summary;
    context->finish(result);
}

} // namespace

void runManualStep(const Context& context) {
    const ManualStep* step = stepFor(context->definition().id);
    CheckResult result = context->makeResult(Status::Manual, QString());
    if (!step) {
        result.status = Status::Skip;
        result.summary = ManualChecks::tr("No instructions for this step.");
        context->finish(result);
        return;
    }
    const TemplateValues values = context->values();
    result.commands = commandSets(step->commandSets, values);
    result.details = fillTemplate(QCoreApplication::translate("duo::ManualChecks", step->where), values);
    const auto& pasted = context->manualOutput();
    if (!pasted || pasted->trimmed().isEmpty()) {
        result.summary = ManualChecks::tr("Needs you: run the command where it says and paste its output.");
        context->finish(result);
        return;
    }
    const QString output = Redactor::forTarget(context->target()).apply(pasted->left(maxPastedChars));
    result.manualOutput = output;
    if (looksLikeContainerProbe(output)) {
        judgeWithProbe(context, result, output, values);
        return;
    }
    const ManualVerdict verdict = judgeManualOutput(context->definition().id, output);
    result.status = verdict.status;
    result.summary = verdict.summary;
    QJsonArray lines;
    for (const auto& line : verdict.lines)
        lines.append(QJsonObject{{QStringLiteral("status"), statusKey(line.status)},
                                 {QStringLiteral("text"), line.text}});
    if (!lines.isEmpty())
        result.evidence.insert(QStringLiteral("lines"), lines);
    if (verdict.status == Status::Fail || verdict.status == Status::Warn) {
        result.explanation = verdict.summary;
        result.fix = fillTemplate(QCoreApplication::translate("duo::ManualChecks", step->failFix), values);
    }
    context->finish(result);
}

} // namespace duo
