#include "core/reports/reportwriters.h"

#include "core/reports/reportfacts.h"

#include "core/engine/catalog.h"
#include "core/reports/evidencetables.h"
#include "core/reports/htmlreport.h"
#include "core/reports/junitreport.h"
#include "core/reports/markdownreport.h"
#include "core/text/jsontext.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <algorithm>

namespace duo {

namespace {

struct ReportWriters {
    Q_DECLARE_TR_FUNCTIONS(duo::ReportWriters)
};

struct StatusLook {
    Status status;
    const char* symbol; // shape tells the status without colour
    const char* ansi;
};
const StatusLook looks[] = {
    {Status::Pass, "\u2714", "\x1b[32m"},   {Status::Fail, "\u2718", "\x1b[31;1m"},
    {Status::Warn, "\u26a0", "\x1b[33m"},   {Status::Skip, "\u2013", "\x1b[2m"},
    {Status::Manual, "?", "\x1b[36m"},      {Status::Queued, "\u00b7", "\x1b[2m"},
    {Status::Running, "\u2026", "\x1b[2m"},
};

const StatusLook& lookFor(Status status) {
    for (const StatusLook& look : looks) {
        if (look.status == status)
            return look;
    }
    return looks[0];
}

QString indent(const QString& text, const QString& prefix) {
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines)
        line.prepend(prefix);
    return lines.join(QLatin1Char('\n'));
}

QString targetLine(const Target& target) {
    QStringList parts;
    if (target.hasGitLab())
        parts << ReportWriters::tr("GitLab %1").arg(target.gitlabUrl.toString());
    if (!target.gatewayUrl.isEmpty())
        parts << ReportWriters::tr("AI gateway %1").arg(target.gatewayUrl.toString());
    if (!target.modelEndpoint.isEmpty())
        parts
            << ReportWriters::tr("model %1 at %2").arg(target.modelFamily, target.modelEndpoint.toString()) +
                   (target.modelIdentifier.isEmpty() ? QString()
                                                     : QStringLiteral(" (%1)").arg(target.modelIdentifier));
    return parts.join(QStringLiteral("  \u00b7  "));
}

// Bold headings and coloured statuses, or plain text.
struct Painter {
    bool colour;

    QString reset() const { return colour ? QStringLiteral("\x1b[0m") : QString(); }
    QString bold(const QString& text) const {
        return colour ? QStringLiteral("\x1b[1m") + text + reset() : text;
    }
    QString paint(Status status, const QString& text) const {
        return colour ? QString::fromLatin1(lookFor(status).ansi) + text + reset() : text;
    }
};

QString causesText(const Report& report, const Painter& painter) {
    QString out =
        painter.bold(report.rootCauses.isEmpty() ? ReportWriters::tr("No check failed.")
                                                 : ReportWriters::tr("Root causes (most likely first)")) +
        QLatin1Char('\n');
    for (const RootCause& cause : report.rootCauses) {
        out += QStringLiteral("  ") +
               painter.paint(Status::Fail, QString::fromUtf8(lookFor(Status::Fail).symbol) +
                                               QLatin1Char(' ') + cause.checkId) +
               QStringLiteral("  ") + cause.title + QLatin1Char('\n');
        out += indent(cause.explanation, QStringLiteral("    ")) + QLatin1Char('\n');
        out += QStringLiteral("    ") + painter.bold(ReportWriters::tr("Fix:")) + QLatin1Char(' ') +
               cause.fix + QLatin1Char('\n');
        for (const Command& command : cause.commands)
            out += QStringLiteral("    # ") + command.label + QLatin1Char('\n') +
                   indent(command.command, QStringLiteral("      ")) + QLatin1Char('\n');
        if (!cause.explains.isEmpty())
            out += QStringLiteral("    ") +
                   ReportWriters::tr("Explains: %1").arg(cause.explains.join(QStringLiteral(", "))) +
                   QLatin1Char('\n');
    }
    return out + QLatin1Char('\n');
}

// The checks by component; summaries line up under the longest id (manual.aigw_model_request_inside).
QString checksText(const Report& report, const Painter& painter) {
    qsizetype idWidth = 0;
    for (const CheckResult& check : report.checks)
        idWidth = std::max(idWidth, check.id.size());
    QString out;
    for (const Component component : components()) {
        out += painter.bold(componentTitle(component)) + QLatin1Char('\n');
        for (const CheckResult& check : report.checks) {
            const CheckDefinition* definition = findCheck(check.id);
            if (!definition || definition->component != component)
                continue;
            const QString status = QString::fromUtf8(lookFor(check.status).symbol) + QLatin1Char(' ') +
                                   statusKey(check.status).leftJustified(6);
            out += QStringLiteral("  ") + painter.paint(check.status, status) + QLatin1Char(' ') +
                   check.id.leftJustified(idWidth) + QLatin1Char(' ') + check.summary;
            if (check.durationMs > 0 && check.vantage != Vantage::Manual)
                out += QStringLiteral("  (%1 ms)").arg(check.durationMs);
            out += QLatin1Char('\n');
            for (const EvidenceTable& table : evidenceTables(check.evidence))
                out += plainTable(table, QStringLiteral("           "));
        }
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace

namespace {

// A report format: the file endings that choose it and how it is written. Adding a format is a row here
// (and its writer).
struct FormatRow {
    ReportFormat format;
    const char* extensions[2];
    QString (*write)(const RedactedReport& report, bool colour);
};

const QList<FormatRow>& formats() {
    static const QList<FormatRow> rows = {
        {.format = ReportFormat::Json,
         .extensions = {".json", nullptr},
         .write = [](const RedactedReport& report,
                     bool) { return QString::fromUtf8(jsonBytes(QJsonDocument(reportToJson(report)))); }},
        {.format = ReportFormat::Html,
         .extensions = {".html", ".htm"},
         .write = [](const RedactedReport& report, bool) { return htmlReport(report); }},
        {.format = ReportFormat::Markdown,
         .extensions = {".md", nullptr},
         .write = [](const RedactedReport& report, bool) { return markdownReport(report); }},
        {.format = ReportFormat::Text, .extensions = {".txt", nullptr}, .write = textTree},
        {.format = ReportFormat::JUnit,
         .extensions = {".xml", nullptr},
         .write = [](const RedactedReport& report, bool) { return junitReport(report); }},
    };
    return rows;
}

} // namespace

std::optional<ReportFormat> reportFormatForFile(const QString& fileName) {
    const QString lower = fileName.toLower();
    for (const FormatRow& row : formats()) {
        for (const char* extension : row.extensions) {
            if (extension && lower.endsWith(QLatin1String(extension)))
                return row.format;
        }
    }
    return std::nullopt;
}

QString textTree(const RedactedReport& redacted, bool colour) {
    const Report& report = *redacted;
    const Painter painter{colour};
    QString out = painter.bold(ReportWriters::tr("Duo Doctor")) + QStringLiteral("  ") +
                  targetLine(report.target) + QLatin1Char('\n');
    if (report.cancelled)
        out +=
            painter.paint(Status::Warn,
                          ReportWriters::tr("The run was cancelled; unfinished checks are marked skipped.")) +
            QLatin1Char('\n');
    out += QLatin1Char('\n') + causesText(report, painter) + checksText(report, painter);
    if (report.counts().manual > 0)
        out += ReportWriters::tr("Manual steps: run the commands shown by --format json or the report, then "
                                 "pass their output with --manual-output ID=FILE.") +
               QLatin1Char('\n');
    out += countsLine(report.counts()) + QStringLiteral(" \u00b7 ") +
           ReportWriters::tr("%1 ms").arg(report.durationMs) + QLatin1Char('\n');
    return out;
}

QByteArray writeReport(const Report& report, ReportFormat format, bool colour) {
    // Redacted once, as values: the writers escape what they embed, and nothing redacts their output (a
    // pattern run over escaped text misses a secret with a " or \ and takes prose for a credential).
    for (const FormatRow& row : formats()) {
        if (row.format == format)
            return row.write(RedactedReport(report), colour).toUtf8();
    }
    return {};
}

} // namespace duo
