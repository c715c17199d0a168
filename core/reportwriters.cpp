#include "reportwriters.h"

#include "catalog.h"
#include "redactor.h"

#include <QCoreApplication>
#include <QJsonDocument>

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

QString summaryLine(const StatusCounts& counts) {
    return ReportWriters::tr("%1 passed, %2 failed, %3 warnings, %4 skipped, %5 manual")
        .arg(counts.pass)
        .arg(counts.fail)
        .arg(counts.warn)
        .arg(counts.skip)
        .arg(counts.manual);
}

const Component components[] = {Component::GitLab, Component::Gateway, Component::Model, Component::Manual};

QString markdown(const Report& report) {
    QString out;
    auto esc = [](const QString& text) -> QString {
        QString escaped = text;
        for (const char c : {'\\', '`', '*', '_', '[', ']', '<', '>', '|', '#'})
            escaped.replace(QLatin1Char(c), QStringLiteral("\\") + QLatin1Char(c));
        return escaped;
    };
    auto fence = [](const QString& code) -> QString {
        QString safe = code;
        safe.replace(QStringLiteral("```"), QStringLiteral("` ` `"));
        return QStringLiteral("```\n") + safe + QStringLiteral("\n```\n");
    };
    out += QStringLiteral("# ") + ReportWriters::tr("Duo Doctor report") + QStringLiteral("\n\n");
    out += esc(targetLine(report.target)) + QStringLiteral("\n\n");
    out += esc(summaryLine(report.counts())) + QStringLiteral("\n\n## ") + ReportWriters::tr("Root causes") +
           QStringLiteral("\n\n");
    if (report.rootCauses.isEmpty())
        out += ReportWriters::tr("No check failed.") + QStringLiteral("\n\n");
    for (const RootCause& cause : report.rootCauses) {
        out += QStringLiteral("### ") + esc(cause.title) + QStringLiteral(" (`") + cause.checkId +
               QStringLiteral("`)\n\n");
        out += esc(cause.explanation) + QStringLiteral("\n\n**") + ReportWriters::tr("Fix:") +
               QStringLiteral("** ") + esc(cause.fix) + QStringLiteral("\n\n");
        for (const Command& command : cause.commands)
            out += esc(command.label) + QStringLiteral(":\n\n") + fence(command.command) + QLatin1Char('\n');
        if (!cause.explains.isEmpty())
            out += ReportWriters::tr("Explains:") + QLatin1Char(' ') +
                   cause.explains.join(QStringLiteral(", ")) + QStringLiteral("\n\n");
    }
    for (const Component component : components) {
        out += QStringLiteral("## ") + componentTitle(component) + QStringLiteral("\n\n| ") +
               ReportWriters::tr("Status") + QStringLiteral(" | ") + ReportWriters::tr("Check") +
               QStringLiteral(" | ") + ReportWriters::tr("Result") + QStringLiteral(" |\n|---|---|---|\n");
        for (const CheckResult& check : report.checks) {
            const CheckDefinition* definition = findCheck(check.id);
            if (!definition || definition->component != component)
                continue;
            out += QStringLiteral("| ") + QString::fromUtf8(lookFor(check.status).symbol) + QLatin1Char(' ') +
                   statusKey(check.status) + QStringLiteral(" | ") + esc(definition->translatedTitle()) +
                   QStringLiteral(" (`") + check.id + QStringLiteral("`) | ") +
                   esc(check.summary).replace(QLatin1Char('\n'), QLatin1Char(' ')) + QStringLiteral(" |\n");
        }
        out += QLatin1Char('\n');
    }
    return out;
}

QString html(const Report& report) {
    auto esc = [](const QString& text) -> QString { return text.toHtmlEscaped(); };
    QString out =
        QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
                       "'unsafe-inline'\">"
                       "<title>%1</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem "
                       "auto;padding:0 1rem;color:#222}"
                       "pre{background:#f4f4f4;padding:.6rem;overflow-x:auto}td,th{padding:.25rem "
                       ".5rem;text-align:left;vertical-align:top}"
                       ".fail{color:#b00020}.pass{color:#1b7f3b}.warn{color:#8a6100}.skip,.manual{color:#555}"
                       ".cause{border-left:4px solid "
                       "#b00020;padding-left:1rem;margin-bottom:1.5rem}</style></head><body>\n")
            .arg(esc(ReportWriters::tr("Duo Doctor report")));
    out += QStringLiteral("<h1>%1</h1>\n<p>%2</p>\n<p>%3</p>\n")
               .arg(esc(ReportWriters::tr("Duo Doctor report")), esc(targetLine(report.target)),
                    esc(summaryLine(report.counts())));
    out += QStringLiteral("<h2>%1</h2>\n").arg(esc(ReportWriters::tr("Root causes")));
    if (report.rootCauses.isEmpty())
        out += QStringLiteral("<p>%1</p>\n").arg(esc(ReportWriters::tr("No check failed.")));
    for (const RootCause& cause : report.rootCauses) {
        out += QStringLiteral(
                   "<div class=\"cause\"><h3>%1 <code>%2</code></h3><p>%3</p><p><strong>%4</strong> %5</p>\n")
                   .arg(esc(cause.title), esc(cause.checkId), esc(cause.explanation),
                        esc(ReportWriters::tr("Fix:")), esc(cause.fix));
        for (const Command& command : cause.commands)
            out += QStringLiteral("<p>%1</p><pre>%2</pre>\n").arg(esc(command.label), esc(command.command));
        if (!cause.explains.isEmpty())
            out +=
                QStringLiteral("<p>%1 %2</p>")
                    .arg(esc(ReportWriters::tr("Explains:")), esc(cause.explains.join(QStringLiteral(", "))));
        out += QStringLiteral("</div>\n");
    }
    for (const Component component : components) {
        out += QStringLiteral("<h2>%1</h2>\n<table>\n").arg(esc(componentTitle(component)));
        for (const CheckResult& check : report.checks) {
            const CheckDefinition* definition = findCheck(check.id);
            if (!definition || definition->component != component)
                continue;
            const QString key = statusKey(check.status);
            out += QStringLiteral(
                       "<tr><td class=\"%1\">%2 %1</td><td>%3<br><code>%4</code></td><td>%5</td></tr>\n")
                       .arg(key, QString::fromUtf8(lookFor(check.status).symbol),
                            esc(definition->translatedTitle()), esc(check.id), esc(check.summary));
        }
        out += QStringLiteral("</table>\n");
    }
    out += QStringLiteral("</body></html>\n");
    return out;
}

} // namespace

std::optional<ReportFormat> reportFormatForFile(const QString& fileName) {
    const QString lower = fileName.toLower();
    if (lower.endsWith(QLatin1String(".json")))
        return ReportFormat::Json;
    if (lower.endsWith(QLatin1String(".html")) || lower.endsWith(QLatin1String(".htm")))
        return ReportFormat::Html;
    if (lower.endsWith(QLatin1String(".md")))
        return ReportFormat::Markdown;
    if (lower.endsWith(QLatin1String(".txt")))
        return ReportFormat::Text;
    return std::nullopt;
}

QString textTree(const Report& report, bool colour) {
    const QString reset = colour ? QStringLiteral("\x1b[0m") : QString();
    const QString bold = colour ? QStringLiteral("\x1b[1m") : QString();
    auto paint = [&](Status status, const QString& text) -> QString {
        return colour ? QString::fromLatin1(lookFor(status).ansi) + text + reset : text;
    };
    QString out;
    out += bold + ReportWriters::tr("Duo Doctor") + reset + QStringLiteral("  ") + targetLine(report.target) +
           QLatin1Char('\n');
    if (report.cancelled)
        out += paint(Status::Warn,
                     ReportWriters::tr("The run was cancelled; unfinished checks are marked skipped.")) +
               QLatin1Char('\n');
    out += QLatin1Char('\n');

    out += bold +
           (report.rootCauses.isEmpty() ? ReportWriters::tr("No check failed.")
                                        : ReportWriters::tr("Root causes (most likely first)")) +
           reset + QLatin1Char('\n');
    for (const RootCause& cause : report.rootCauses) {
        out += QStringLiteral("  ") +
               paint(Status::Fail,
                     QString::fromUtf8(lookFor(Status::Fail).symbol) + QLatin1Char(' ') + cause.checkId) +
               QStringLiteral("  ") + cause.title + QLatin1Char('\n');
        out += indent(cause.explanation, QStringLiteral("    ")) + QLatin1Char('\n');
        out += QStringLiteral("    ") + bold + ReportWriters::tr("Fix:") + reset + QLatin1Char(' ') +
               cause.fix + QLatin1Char('\n');
        for (const Command& command : cause.commands)
            out += QStringLiteral("    # ") + command.label + QLatin1Char('\n') +
                   indent(command.command, QStringLiteral("      ")) + QLatin1Char('\n');
        if (!cause.explains.isEmpty())
            out += QStringLiteral("    ") +
                   ReportWriters::tr("Explains: %1").arg(cause.explains.join(QStringLiteral(", "))) +
                   QLatin1Char('\n');
    }
    out += QLatin1Char('\n');

    for (const Component component : components) {
        out += bold + componentTitle(component) + reset + QLatin1Char('\n');
        for (const CheckResult& check : report.checks) {
            const CheckDefinition* definition = findCheck(check.id);
            if (!definition || definition->component != component)
                continue;
            const QString status = QString::fromUtf8(lookFor(check.status).symbol) + QLatin1Char(' ') +
                                   statusKey(check.status).leftJustified(6);
            out += QStringLiteral("  ") + paint(check.status, status) + QLatin1Char(' ') +
                   check.id.leftJustified(30) + QLatin1Char(' ') + check.summary;
            if (check.durationMs > 0 && check.vantage != Vantage::Manual)
                out += QStringLiteral("  (%1 ms)").arg(check.durationMs);
            out += QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    if (report.counts().manual > 0)
        out += ReportWriters::tr("Manual steps: run the commands shown by --format json or the report, then "
                                 "pass their output with --manual-output ID=FILE.") +
               QLatin1Char('\n');
    out += summaryLine(report.counts()) + QStringLiteral(" \u00b7 ") +
           ReportWriters::tr("%1 ms").arg(report.durationMs) + QLatin1Char('\n');
    return out;
}

QByteArray writeReport(const Report& report, ReportFormat format, bool colour) {
    const Redactor redactor = Redactor::forTarget(report.target);
    switch (format) {
    case ReportFormat::Json:
        return QJsonDocument(reportToJson(report)).toJson(QJsonDocument::Indented);
    case ReportFormat::Text:
        return redactor.apply(textTree(report, colour)).toUtf8();
    case ReportFormat::Markdown:
        return redactor.apply(markdown(report)).toUtf8();
    case ReportFormat::Html:
        return redactor.apply(html(report)).toUtf8();
    }
    return {};
}

} // namespace duo
