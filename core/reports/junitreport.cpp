#include "core/reports/junitreport.h"
#include "core/engine/evidence.h"

#include "core/engine/catalog.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QXmlStreamWriter>

#include <vector>

Q_LOGGING_CATEGORY(lcJUnit, "duo.core.reports")

namespace duo {

namespace {

// XML 1.0 holds tab, line feed, carriage return, U+0020 to U+FFFD but the surrogates, and pairs of those.
// QXmlStreamWriter drops anything else and only sets its error flag: a report must not lose characters
// silently, so they become U+FFFD, which a reader sees.
QString xmlSafe(const QString& text) {
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = out.at(i).unicode();
        const bool pair = QChar::isHighSurrogate(c) && i + 1 < out.size() && out.at(i + 1).isLowSurrogate();
        if (pair)
            ++i;
        else if ((c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || QChar::isSurrogate(c) ||
                 c == 0xfffe || c == 0xffff)
            out[i] = QChar::ReplacementCharacter;
    }
    return out;
}

void writeAttribute(QXmlStreamWriter& xml, const QString& name, const QString& value) {
    xml.writeAttribute(name, xmlSafe(value));
}

void writeText(QXmlStreamWriter& xml, const QString& element, const QString& text) {
    xml.writeTextElement(element, xmlSafe(text));
}

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
    writeAttribute(xml, QStringLiteral("classname"),
                   QStringLiteral("duo-doctor.") + componentKey(definition.component));
    writeAttribute(xml, QStringLiteral("name"),
                   check.id + QStringLiteral(": ") + definition.translatedTitle());
    writeAttribute(xml, QStringLiteral("time"), seconds(check.durationMs));
    switch (check.status) {
    case Status::Fail:
        xml.writeStartElement(QStringLiteral("failure"));
        writeAttribute(xml, QStringLiteral("message"), failureMessage(report, check));
        writeAttribute(xml, QStringLiteral("type"),
                       check.evidence.value(evidence::signature).toString(check.id));
        xml.writeCharacters(xmlSafe(failureBody(check)));
        xml.writeEndElement();
        break;
    case Status::Skip:
    case Status::Manual:
    case Status::Queued:
    case Status::Running:
        xml.writeStartElement(QStringLiteral("skipped"));
        writeAttribute(xml, QStringLiteral("message"),
                       check.status == Status::Manual ? JUnitText::tr("Manual step: %1").arg(check.summary)
                                                      : check.summary);
        xml.writeEndElement();
        break;
    case Status::Warn:
        writeText(xml, QStringLiteral("system-out"), JUnitText::tr("Warning: %1").arg(failureBody(check)));
        break;
    case Status::Pass:
        writeText(xml, QStringLiteral("system-out"), check.summary);
        break;
    }
    xml.writeEndElement();
}

} // namespace

namespace {

// One test suite per component of a run; `prefix` names the run in a fleet.
void writeSuites(QXmlStreamWriter& xml, const Report& report, const QString& prefix) {
    for (const Component component : components()) {
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
        writeAttribute(xml, QStringLiteral("name"), prefix + componentTitle(component));
        writeAttribute(xml, QStringLiteral("tests"), QString::number(cases.size()));
        writeAttribute(xml, QStringLiteral("failures"), QString::number(failures));
        writeAttribute(xml, QStringLiteral("errors"), QStringLiteral("0"));
        writeAttribute(xml, QStringLiteral("skipped"), QString::number(skipped));
        writeAttribute(xml, QStringLiteral("time"), seconds(time));
        if (report.startedAt.isValid())
            writeAttribute(xml, QStringLiteral("timestamp"), report.startedAt.toString(Qt::ISODate));
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
    writeAttribute(xml, QStringLiteral("name"), QStringLiteral("duo-doctor"));
    writeAttribute(xml, QStringLiteral("tests"), QString::number(tests));
    writeAttribute(xml, QStringLiteral("failures"), QString::number(failures));
    writeAttribute(xml, QStringLiteral("skipped"), QString::number(skipped));
    writeAttribute(xml, QStringLiteral("time"), seconds(time));
    for (const auto& [name, report] : runs)
        writeSuites(xml, *report, name.isEmpty() ? QString() : name + QStringLiteral(" / "));
    xml.writeEndElement();
    xml.writeEndDocument();
    if (xml.hasError()) {
        qCCritical(lcJUnit) << "the JUnit report could not be written";
        return {};
    }
    return out;
}

} // namespace

QString junitReport(const RedactedReport& report) {
    return writeDocument({{QString(), &*report}});
}

QString junitFleetReport(const QList<std::pair<QString, Report>>& runs) {
    std::vector<RedactedReport> redacted; // reserved: the pointers below stay valid
    QList<std::pair<QString, const Report*>> pointers;
    redacted.reserve(size_t(runs.size()));
    for (const auto& [name, report] : runs) {
        const RedactedReport& run = redacted.emplace_back(report);
        pointers.append({Redactor::forTarget(report.target).apply(name), &*run});
    }
    return writeDocument(pointers);
}

} // namespace duo
