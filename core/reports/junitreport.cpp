#include "core/reports/junitreport.h"
#include "core/engine/evidence.h"

#include "core/engine/catalog.h"

#include <QCoreApplication>
#include <QXmlStreamWriter>

namespace duo {

namespace {

struct JUnitText {
    Q_DECLARE_TR_FUNCTIONS(duo::JUnitReport)
};

QString seconds(qint64 milliseconds) {
    return QString::number(double(milliseconds) / 1000.0, 'f', 3);
}

// The root cause a failed check is, or the one that explains it.
const RootCause* causeFor(const Report& report, const QString& checkId) {
    for (const RootCause& cause : report.rootCauses) {
        if (cause.checkId == checkId)
            return &cause;
    }
    for (const RootCause& cause : report.rootCauses) {
        if (cause.explains.contains(checkId))
            return &cause;
    }
    return nullptr;
}

QString failureMessage(const Report& report, const CheckResult& check) {
    const RootCause* cause = causeFor(report, check.id);
    if (!cause)
        return check.summary;
    if (cause->checkId == check.id)
        return JUnitText::tr("Root cause: %1. Fix: %2").arg(cause->title, cause->fix);
    return JUnitText::tr("Follows from the root cause %1 (%2): %3")
        .arg(cause->checkId, cause->title, check.summary);
}

QString failureBody(const CheckResult& check) {
    QStringList parts{check.summary};
    if (!check.explanation.isEmpty())
        parts << check.explanation;
    if (!check.fix.isEmpty())
        parts << JUnitText::tr("Fix: %1").arg(check.fix);
    for (const Command& command : check.commands)
        parts << QStringLiteral("# ") + command.label + QLatin1Char('\n') + command.command;
    return parts.join(QStringLiteral("\n\n"));
}

void writeCase(QXmlStreamWriter& xml, const Report& report, const CheckDefinition& definition,
               const CheckResult& check) {
    xml.writeStartElement(QStringLiteral("testcase"));
    xml.writeAttribute(QStringLiteral("classname"),
                       QStringLiteral("duo-doctor.") + componentKey(definition.component));
    xml.writeAttribute(QStringLiteral("name"),
                       check.id + QStringLiteral(": ") + definition.translatedTitle());
    xml.writeAttribute(QStringLiteral("time"), seconds(check.durationMs));
    switch (check.status) {
    case Status::Fail:
        xml.writeStartElement(QStringLiteral("failure"));
        xml.writeAttribute(QStringLiteral("message"), failureMessage(report, check));
        xml.writeAttribute(QStringLiteral("type"),
                           check.evidence.value(evidence::signature).toString(check.id));
        xml.writeCharacters(failureBody(check));
        xml.writeEndElement();
        break;
    case Status::Skip:
    case Status::Manual:
    case Status::Queued:
    case Status::Running:
        xml.writeStartElement(QStringLiteral("skipped"));
        xml.writeAttribute(QStringLiteral("message"),
                           check.status == Status::Manual
                               ? JUnitText::tr("Manual step: %1").arg(check.summary)
                               : check.summary);
        xml.writeEndElement();
        break;
    case Status::Warn:
        xml.writeTextElement(QStringLiteral("system-out"),
                             JUnitText::tr("Warning: %1").arg(failureBody(check)));
        break;
    case Status::Pass:
        xml.writeTextElement(QStringLiteral("system-out"), check.summary);
        break;
    }
    xml.writeEndElement();
}

} // namespace

namespace {

// One test suite per component of a run; `prefix` names the run in a fleet.
void writeSuites(QXmlStreamWriter& xml, const Report& report, const QString& prefix) {
    for (const Component component :
         {Component::GitLab, Component::Gateway, Component::Model, Component::Manual}) {
        QList<std::pair<const CheckDefinition*, const CheckResult*>> cases;
        int failures = 0, skipped = 0;
        qint64 time = 0;
        for (const CheckResult& check : report.checks) {
            const CheckDefinition* definition = findCheck(check.id);
            if (!definition || definition->component != component)
                continue;
            cases.append({definition, &check});
            failures += check.status == Status::Fail ? 1 : 0;
            skipped += check.status == Status::Skip || check.status == Status::Manual ? 1 : 0;
            time += check.durationMs;
        }
        if (cases.isEmpty())
            continue;
        xml.writeStartElement(QStringLiteral("testsuite"));
        xml.writeAttribute(QStringLiteral("name"), prefix + componentTitle(component));
        xml.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
        xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        xml.writeAttribute(QStringLiteral("errors"), QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
        xml.writeAttribute(QStringLiteral("time"), seconds(time));
        if (report.startedAt.isValid())
            xml.writeAttribute(QStringLiteral("timestamp"), report.startedAt.toString(Qt::ISODate));
        for (const auto& [definition, check] : cases)
            writeCase(xml, report, *definition, *check);
        xml.writeEndElement();
    }
}

QString writeDocument(const QList<std::pair<QString, const Report*>>& runs) {
    QString out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    int tests = 0, failures = 0, skipped = 0;
    qint64 time = 0;
    for (const auto& [name, report] : runs) {
        const StatusCounts counts = report->counts();
        tests += int(report->checks.size());
        failures += counts.fail;
        skipped += counts.skip + counts.manual;
        time += report->durationMs;
    }
    xml.writeStartElement(QStringLiteral("testsuites"));
    xml.writeAttribute(QStringLiteral("name"), QStringLiteral("duo-doctor"));
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    xml.writeAttribute(QStringLiteral("time"), seconds(time));
    for (const auto& [name, report] : runs)
        writeSuites(xml, *report, name.isEmpty() ? QString() : name + QStringLiteral(" / "));
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace

QString junitReport(const Report& report) {
    return writeDocument({{QString(), &report}});
}

QString junitFleetReport(const QList<std::pair<QString, Report>>& runs) {
    QList<std::pair<QString, const Report*>> pointers;
    for (const auto& [name, report] : runs)
        pointers.append({name, &report});
    return writeDocument(pointers);
}

} // namespace duo
