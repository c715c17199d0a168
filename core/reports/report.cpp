#include "core/reports/report.h"

#include "core/engine/catalog.h"
#include "core/text/redactor.h"

#include <QJsonArray>

namespace duo {

namespace {

// Only strings that change are written back, and nothing is compared deeply: rebuilding and comparing whole
// objects was a fleet run's most expensive step.
bool redactInPlace(QJsonValue& value, const Redactor& redactor) {
    if (value.isString()) {
        const QString text = value.toString();
        const QString redacted = redactor.apply(text);
        if (redacted == text)
            return false;
        value = redacted;
        return true;
    }
    bool changed = false;
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QJsonValue item = array.at(i);
            if (redactInPlace(item, redactor)) {
                array.replace(i, item);
                changed = true;
            }
        }
        if (changed)
            value = array;
    } else if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QJsonValue item = it.value();
            if (redactInPlace(item, redactor)) {
                it.value() = item;
                changed = true;
            }
        }
        if (changed)
            value = object;
    }
    return changed;
}

QJsonValue redactValue(QJsonValue value, const Redactor& redactor) {
    redactInPlace(value, redactor);
    return value;
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

Report redactedReport(const Report& report) {
    const Redactor redactor = Redactor::forTarget(report.target);
    Report copy = report;
    auto commands = [&](QList<Command>& list) {
        for (Command& command : list) {
            command.label = redactor.apply(command.label);
            command.command = redactor.apply(command.command);
        }
    };
    for (CheckResult& check : copy.checks) {
        for (QString* text : {&check.summary, &check.details, &check.explanation, &check.fix})
            *text = redactor.apply(*text);
        if (check.manualOutput)
            check.manualOutput = redactor.apply(*check.manualOutput);
        check.evidence = redactValue(check.evidence, redactor).toObject();
        commands(check.commands);
    }
    for (RootCause& cause : copy.rootCauses) {
        for (QString* text : {&cause.title, &cause.explanation, &cause.fix})
            *text = redactor.apply(*text);
        commands(cause.commands);
    }
    return copy;
}

QJsonObject reportToJson(const Report& report) {
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
    const QJsonObject root{
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
    return redactValue(root, Redactor::forTarget(target)).toObject();
}

} // namespace duo
