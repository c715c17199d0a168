// Manual steps: what only the Rails console or a shell in the gateway container can tell. Duo Doctor fills in
// the exact commands; the admin runs them and pastes the output, which the judge below reads.
#include "core/checks/containerprobe.h"
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/knowledge/commandsets.h"
#include "core/knowledge/manualjudge.h"
#include "core/knowledge/manualsteps.h"
#include "core/knowledge/signatures.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace duo {

namespace {

struct ManualChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::ManualChecks)
};

constexpr qsizetype maxPastedChars = maxJudgedChars; // judged in linear time; beyond this, said so

// The container probe's JSON answers the container-side steps as real results, seen from the gateway.
void judgeWithProbe(const Context& context, CheckResult& result, const QString& output,
                    TemplateValues values) {
    QString error;
    const std::optional<ContainerProbe> probe =
        parseContainerProbe(output, &error, Redactor::forTarget(context->target()));
    if (!probe) {
        result.status = Status::Warn;
        result.summary =
            ManualChecks::tr("The pasted container probe output could not be read: %1.").arg(error);
        return;
    }
    const std::optional<ProbeVerdict> verdict = judgeFromProbe(context->definition().id, *probe, values);
    if (!verdict) {
        result.summary =
            probe->tool == QLatin1String("none")
                ? ManualChecks::tr("The container has neither curl nor python3, so the probe could "
                                   "not ask anything: run the commands by hand.")
                : ManualChecks::tr("The container probe does not answer this step: run the command "
                                   "by hand.");
        return;
    }
    context->reportFrom(Vantage::Gateway);
    result.evidence.insert(evidence::source, QStringLiteral("container_probe"));
    result.evidence.insert(evidence::probeTool, probe->tool);
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
}

// Fills the step's commands and judges what the admin pasted, if anything.
void judgeManualStep(const Context& context, CheckResult& result) {
    const ManualStep* step = findManualStep(context->definition().id);
    if (!step) {
        result.status = Status::Skip;
        result.summary = ManualChecks::tr("No instructions for this step.");
        return;
    }
    const TemplateValues values = context->values();
    result.commands = commandSets(step->commandSets, values);
    result.details = fillTemplate(QCoreApplication::translate("duo::ManualChecks", step->where), values);
    const auto& pasted = context->manualOutput();
    if (!pasted || pasted->trimmed().isEmpty()) {
        result.summary = ManualChecks::tr("Needs you: run the command where it says and paste its output.");
        return;
    }
    const QString output = Redactor::forTarget(context->target()).apply(pasted->left(maxPastedChars));
    result.manualOutput = output;
    if (pasted->size() > maxPastedChars)
        result.details += QLatin1Char(' ') + ManualChecks::tr("The pasted output is longer than %1 MB: only "
                                                              "its first %1 MB were judged.")
                                                 .arg(maxPastedChars / (1024 * 1024));
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
        result.evidence.insert(evidence::lines, lines);
    if (verdict.status == Status::Fail || verdict.status == Status::Warn) {
        const char* hint = manualHint(context->definition().id, verdict.finding);
        result.explanation = verdict.summary;
        result.fix = fillTemplate(
            QCoreApplication::translate("duo::ManualChecks", hint ? hint : step->failFix), values);
    }
}

} // namespace

void runManualStep(const Context& context) {
    CheckResult result = context->makeResult(Status::Manual, QString());
    judgeManualStep(context, result);
    context->finish(result);
}

} // namespace duo
