// The analysis as JSON (duo-doctor.log-analysis.v1: fields are only ever added), text and Markdown. Every
// text in a LogAnalysis is redacted already; these only lay it out.
#include "core/logs/loganalyzer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace duo {

namespace {

struct LogText {
    Q_DECLARE_TR_FUNCTIONS(duo::LogAnalyzer)
};

QJsonValue timeJson(const QDateTime& time) {
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QJsonObject findingJson(const LogFinding& finding) {
    QJsonArray commands;
    for (const Command& command : finding.commands)
        commands.append(QJsonObject{{QStringLiteral("label"), command.label},
                                    {QStringLiteral("command"), command.command}});
    QJsonObject object{{QStringLiteral("line"), finding.line},
                       {QStringLiteral("source"), finding.source},
                       {QStringLiteral("text"), finding.text},
                       {QStringLiteral("signature"), finding.signatureId},
                       {QStringLiteral("status"), statusKey(finding.status)},
                       {QStringLiteral("blames"), finding.blames},
                       {QStringLiteral("explanation"), finding.explanation},
                       {QStringLiteral("fix"), finding.fix},
                       {QStringLiteral("commands"), commands}};
    if (!finding.file.isEmpty())
        object.insert(QStringLiteral("file"), finding.file);
    if (!finding.correlationId.isEmpty())
        object.insert(QStringLiteral("correlation_id"), finding.correlationId);
    return object;
}

QJsonObject requestJson(const LogRequest& request) {
    QJsonArray lines, findings;
    for (const LogRequestLine& line : request.lines) {
        QJsonObject object{{QStringLiteral("file"), line.file},
                           {QStringLiteral("line"), line.line},
                           {QStringLiteral("time"), timeJson(line.time)},
                           {QStringLiteral("text"), line.text}};
        if (line.assumedUtc)
            object.insert(QStringLiteral("time_zone_assumed"), true); // the log gave none: read as UTC
        lines.append(object);
    }
    for (const LogFinding& finding : request.findings)
        findings.append(findingJson(finding));
    return QJsonObject{{QStringLiteral("correlation_id"), request.correlationId},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("lines_total"), request.linesTotal},
                       {QStringLiteral("findings"), findings}};
}

QString clock(const QDateTime& time, bool assumed) {
    if (!time.isValid())
        return QStringLiteral("--:--:--.---  ");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
           (assumed ? QStringLiteral("? ") : QStringLiteral("Z "));
}

// Markdown that renders as itself: punctuation backslash-escaped, no line break inside a table cell.
QString esc(const QString& text) {
    QString out;
    for (const QChar c : text) {
        if (QStringLiteral("\\`*_[]<>|#!{}~").contains(c))
            out += QLatin1Char('\\');
        out += c == QLatin1Char('\n') ? QLatin1Char(' ') : c;
    }
    return out;
}

QString fence(const QString& code) {
    QString ticks = QStringLiteral("```");
    while (code.contains(ticks))
        ticks += QLatin1Char('`');
    return ticks + QLatin1Char('\n') + code + QLatin1Char('\n') + ticks + QLatin1Char('\n');
}

QString where(const LogFinding& finding) {
    return finding.file.isEmpty() ? LogText::tr("line %1").arg(finding.line)
                                  : QStringLiteral("%1:%2").arg(finding.file).arg(finding.line);
}

// A request as a small timeline: each line with its time and place; a finding's line marked with its row.
QString timeline(const LogRequest& request) {
    QHash<QString, QString> marks;
    for (const LogFinding& finding : request.findings)
        marks.insert(finding.file + QLatin1Char(':') + QString::number(finding.line), finding.signatureId);
    QString out;
    for (const LogRequestLine& line : request.lines) {
        const QString place = line.file + QLatin1Char(':') + QString::number(line.line);
        const QString mark = marks.value(place);
        out += QStringLiteral("  ") + clock(line.time, line.assumedUtc) + place + QStringLiteral("  ") +
               line.text.left(200) + (mark.isEmpty() ? QString() : QStringLiteral("  ◀ ") + mark) +
               QLatin1Char('\n');
    }
    if (request.linesTotal > request.lines.size())
        out += QStringLiteral("  ") +
               LogText::tr("(%1 more lines of this request not shown)")
                   .arg(request.linesTotal - request.lines.size()) +
               QLatin1Char('\n');
    return out;
}

QString summaryLine(const LogAnalysis& analysis) {
    QString out = LogText::tr("Known failures found: %1 (%2 lines read)")
                      .arg(analysis.findingsTotal)
                      .arg(analysis.linesRead) +
                  QLatin1Char('\n');
    if (analysis.findingsTotal > analysis.findings.size())
        out += LogText::tr("The newest %1 are listed.").arg(analysis.findings.size()) + QLatin1Char('\n');
    return out;
}

QString requestsText(const LogAnalysis& analysis) {
    if (analysis.requests.isEmpty())
        return {};
    QString out = LogText::tr("Requests with a failure: %1 (the newest %2, their lines from every file in "
                              "time order; ? marks a time read as UTC)")
                      .arg(analysis.requestsTotal)
                      .arg(analysis.requests.size()) +
                  QLatin1Char('\n');
    for (const LogRequest& request : analysis.requests)
        out += QStringLiteral("\n") + LogText::tr("request %1").arg(request.correlationId) +
               QLatin1Char('\n') + timeline(request);
    return out + QLatin1Char('\n');
}

QString endNotes(const LogAnalysis& analysis) {
    QString out;
    if (analysis.truncated)
        out += LogText::tr("Only the beginning of the text was read.") + QLatin1Char('\n');
    if (analysis.cancelled)
        out += LogText::tr("Cancelled: only part of the input was read.") + QLatin1Char('\n');
    return out;
}

} // namespace

QJsonObject logAnalysisToJson(const LogAnalysis& analysis) {
    QJsonArray findings, requests, files;
    for (const LogFinding& finding : analysis.findings)
        findings.append(findingJson(finding));
    for (const LogRequest& request : analysis.requests)
        requests.append(requestJson(request));
    for (const LogFileSummary& file : analysis.files)
        files.append(QJsonObject{{QStringLiteral("file"), file.file},
                                 {QStringLiteral("lines_read"), file.linesRead},
                                 {QStringLiteral("compressed"), file.compressed}});
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("duo-doctor.log-analysis.v1")},
                       {QStringLiteral("lines_read"), analysis.linesRead},
                       {QStringLiteral("truncated"), analysis.truncated},
                       {QStringLiteral("cancelled"), analysis.cancelled},
                       {QStringLiteral("findings"), findings},
                       {QStringLiteral("findings_total"), analysis.findingsTotal},
                       {QStringLiteral("requests"), requests},
                       {QStringLiteral("requests_total"), analysis.requestsTotal},
                       {QStringLiteral("files"), files}};
}

QString logAnalysisToText(const LogAnalysis& analysis) {
    if (analysis.findings.isEmpty())
        return LogText::tr("No known failure found (%1 lines read).").arg(analysis.linesRead) +
               QLatin1Char('\n') + endNotes(analysis);
    QString out = summaryLine(analysis) + QLatin1Char('\n');
    for (const LogFinding& finding : analysis.findings) {
        out += finding.file.isEmpty()
                   ? LogText::tr("line %1 (%2): %3").arg(finding.line).arg(finding.source, finding.text)
                   : QStringLiteral("%1 (%2): %3").arg(where(finding), finding.source, finding.text);
        out += QLatin1Char('\n') + QStringLiteral("  ") + finding.explanation + QLatin1Char('\n');
        out += QStringLiteral("  ") + LogText::tr("Fix: %1").arg(finding.fix) + QLatin1Char('\n');
        for (const Command& command : finding.commands) {
            out += QStringLiteral("    # ") + command.label + QLatin1Char('\n');
            for (const QString& commandLine : command.command.split(QLatin1Char('\n')))
                out += QStringLiteral("    ") + commandLine + QLatin1Char('\n');
        }
        out += QLatin1Char('\n');
    }
    return out + requestsText(analysis) + endNotes(analysis);
}

QString logAnalysisToMarkdown(const LogAnalysis& analysis) {
    QString out = QStringLiteral("## ") + LogText::tr("Log analysis") + QStringLiteral("\n\n");
    if (analysis.findings.isEmpty())
        return out + esc(logAnalysisToText(analysis)) + QLatin1Char('\n');
    out += esc(summaryLine(analysis)) +
           QStringLiteral("\n| | %1 | %2 | %3 |\n|---|---|---|---|\n")
               .arg(LogText::tr("Where"), LogText::tr("Request"), LogText::tr("Finding"));
    for (const LogFinding& finding : analysis.findings)
        out += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                   .arg(statusKey(finding.status), esc(where(finding)), esc(finding.correlationId),
                        esc(finding.explanation));
    out += QLatin1Char('\n');
    for (const LogFinding& finding : analysis.findings)
        out += QStringLiteral("<details><summary>%1</summary>\n\n").arg(esc(where(finding))) +
               fence(finding.text) + QLatin1Char('\n') + LogText::tr("Fix: %1").arg(esc(finding.fix)) +
               QStringLiteral("\n\n</details>\n");
    if (!analysis.requests.isEmpty()) {
        out += QStringLiteral("\n### ") + LogText::tr("Requests") + QStringLiteral("\n\n");
        for (const LogRequest& request : analysis.requests)
            out += QStringLiteral("**%1** `%2`\n\n").arg(LogText::tr("request"), esc(request.correlationId)) +
                   fence(timeline(request));
    }
    return out + esc(endNotes(analysis));
}

} // namespace duo
