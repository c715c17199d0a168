#include "core/reports/report.h"

#include "core/engine/catalog.h"
#include "core/text/redactor.h"

#include <QJsonArray>

namespace duo {

namespace {

void redactCommands(QList<Command>& commands, const Redactor& redactor) {
    for (Command& command : commands) {
        command.label = redactor.apply(command.label);
        command.command = redactor.apply(command.command);
    }
}

// A URL's redaction: it may carry a password or a token in its query.
void redactUrl(QUrl& url, const Redactor& redactor) {
    if (url.isEmpty())
        return;
    const QString text = url.toString();
    const QString redacted = redactor.apply(text);
    if (redacted != text)
        url = QUrl(redacted);
}

// What a report shows of the setup: URLs, names the admin typed or pasted, the connection settings.
void redactSetup(Target& target, RunOptions& options, const Redactor& redactor) {
    for (QUrl* url : {&target.gitlabUrl, &target.gatewayUrl, &target.modelEndpoint, &options.proxy.url})
        redactUrl(*url, redactor);
    for (QString* text : {&target.modelFamily, &target.modelIdentifier, &target.deploymentName,
                          &target.gitlabUsername, &target.agentPlatformAddress, &options.caFile})
        *text = redactor.apply(*text);
    for (PinnedCertificate& pin : options.pinned)
        pin.host = redactor.apply(pin.host);
}

QJsonArray commandsToJson(const QList<Command>& commands) {
    QJsonArray array;
    for (const Command& command : commands)
        array.append(QJsonObject{{QStringLiteral("label"), command.label},
                                 {QStringLiteral("command"), command.command}});
    return array;
}

QJsonObject checkToJson(const CheckResult& check) {
    const CheckDefinition* definition = findCheck(check.id);
    QJsonObject object{
        {QStringLiteral("id"), check.id},
        {QStringLiteral("title"), definition ? definition->translatedTitle() : check.id},
        {QStringLiteral("section"), definition ? QString::fromUtf8(definition->section) : QString()},
        {QStringLiteral("section_url"),
         definition ? sectionUrl(QString::fromUtf8(definition->section)) : QString()},
        {QStringLiteral("component"), definition ? componentKey(definition->component) : QString()},
        {QStringLiteral("vantage"), vantageKey(check.vantage)},
        {QStringLiteral("status"), statusKey(check.status)},
        {QStringLiteral("duration_ms"), check.durationMs},
        {QStringLiteral("summary"), check.summary},
        {QStringLiteral("details"), check.details},
        {QStringLiteral("explanation"), check.explanation},
        {QStringLiteral("fix"), check.fix},
        {QStringLiteral("commands"), commandsToJson(check.commands)},
        {QStringLiteral("manual_output"),
         check.manualOutput ? QJsonValue(*check.manualOutput) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("depends_on"),
         QJsonArray::fromStringList(definition ? definition->dependsOn : QStringList{})},
        {QStringLiteral("evidence"), check.evidence},
    };
    return object;
}

} // namespace

RedactedReport::RedactedReport(const Report& report)
    : m_report(report) {
    const Redactor redactor = Redactor::forTarget(report.target);
    redactSetup(m_report.target, m_report.options, redactor);
    for (CheckResult& check : m_report.checks) {
        for (QString* text : {&check.summary, &check.details, &check.explanation, &check.fix})
            *text = redactor.apply(*text);
        if (check.manualOutput)
            check.manualOutput = redactor.apply(*check.manualOutput);
        check.evidence = redactor.applyToJson(check.evidence);
        redactCommands(check.commands, redactor);
    }
    for (RootCause& cause : m_report.rootCauses) {
        for (QString* text : {&cause.title, &cause.explanation, &cause.fix})
            *text = redactor.apply(*text);
        redactCommands(cause.commands, redactor);
    }
}

Report redactedReport(const Report& report) {
    return *RedactedReport(report);
}

QJsonObject reportToJson(const RedactedReport& redacted) {
    const Report& report = *redacted;
    QJsonArray checks;
    for (const CheckResult& check : report.checks)
        checks.append(checkToJson(check));

    QJsonArray causes;
    for (const RootCause& cause : report.rootCauses) {
        causes.append(QJsonObject{
            {QStringLiteral("check"), cause.checkId},
            {QStringLiteral("title"), cause.title},
            {QStringLiteral("explanation"), cause.explanation},
            {QStringLiteral("fix"), cause.fix},
            {QStringLiteral("commands"), commandsToJson(cause.commands)},
            {QStringLiteral("explains"), QJsonArray::fromStringList(cause.explains)},
        });
    }

    const Target& target = report.target;
    const StatusCounts counts = report.counts();
    return QJsonObject{
        {QStringLiteral("schema"), QString::fromLatin1(reportSchemaId)},
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("name"), QStringLiteral("duo-doctor")},
                                             {QStringLiteral("version"), QStringLiteral(DUO_VERSION)}}},
        {QStringLiteral("started_at"), report.startedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("duration_ms"), report.durationMs},
        {QStringLiteral("cancelled"), report.cancelled},
        {QStringLiteral("target"),
         QJsonObject{
             {QStringLiteral("gitlab_url"), target.gitlabUrl.toString()},
             {QStringLiteral("gateway_url"), target.gatewayUrl.toString()},
             {QStringLiteral("model_name"), target.modelFamily},
             {QStringLiteral("model_endpoint"), target.modelEndpoint.toString()},
             {QStringLiteral("model_identifier"), target.modelIdentifier},
             {QStringLiteral("deployment_name"), target.effectiveDeploymentName()},
             {QStringLiteral("agent_platform"), target.agentPlatformAddress},
             {QStringLiteral("model_key_set"), !target.modelKey.isEmpty()},
             {QStringLiteral("gitlab_token_set"), !target.gitlabToken.isEmpty()},
         }},
        {QStringLiteral("checks"), checks},
        {QStringLiteral("root_causes"), causes},
        {QStringLiteral("summary"), QJsonObject{{QStringLiteral("pass"), counts.pass},
                                                {QStringLiteral("fail"), counts.fail},
                                                {QStringLiteral("warn"), counts.warn},
                                                {QStringLiteral("skip"), counts.skip},
                                                {QStringLiteral("manual"), counts.manual}}},
    };
}

} // namespace duo
