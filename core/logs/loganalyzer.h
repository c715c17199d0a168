#pragma once

#include "core/checkresult.h"
#include "core/logs/loginput.h"
#include "core/target.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace duo {

// One known failure found in pasted or loaded text: where, what it means, how to fix it.
struct LogFinding {
    qint64 line = 0;       // 1-based line number within its file
    QString file;          // the input as named ("-": standard input; empty: pasted text)
    QString source;        // what kind of text it looks like: "llm.log", "gateway", "docker", "duo-chat", …
    QString text;          // the line, secrets redacted, at most a few hundred characters
    QString correlationId; // the request it belongs to; empty when the line names none
    QDateTime time;        // UTC; invalid when the line has no time
    QString signatureId;   // a row of the signature table (the same one the checks use)
    Status status = Status::Fail;
    QString blames; // the path segment at fault
    QString explanation;
    QString fix;
    QList<Command> commands;
};

// A line of a request, from whichever file it came.
struct LogRequestLine {
    QString file;
    qint64 line = 0;
    QDateTime time;          // UTC; invalid when the line has none
    bool assumedUtc = false; // the line's time had no zone
    QString text;            // redacted, shortened
};

// The lines sharing one correlation_id across every file, in time order, and the findings on them.
struct LogRequest {
    QString correlationId;
    QList<LogRequestLine> lines;
    QList<LogFinding> findings;
    qint64 linesTotal = 0; // lines found for it, shown or not
};

struct LogFileSummary {
    QString file;
    qint64 linesRead = 0;
    bool compressed = false;
};

struct LogAnalysis {
    QList<LogFinding> findings; // the newest ones, at most a display limit, in file and line order
    qint64 findingsTotal = 0;   // all of them
    QList<LogRequest> requests; // the newest requests with a finding, oldest first
    qint64 requestsTotal = 0;
    QList<LogFileSummary> files;
    qint64 linesRead = 0;
    bool truncated = false; // the text was longer than the analyzer reads (pasted text only)
    bool cancelled = false;
    QString redactedText; // pasted text only: what may be shown again, secrets replaced
};

struct LogScanOptions {
    int maxFindings = 500;     // findings kept for display (the newest); the rest are counted
    int maxRequests = 100;     // requests kept (the newest)
    int maxRequestLines = 200; // lines shown per request
    std::function<void(qint64 done, qint64 total)> progress; // bytes, called from the scanning thread
    const std::atomic_bool* cancel = nullptr;
};

// Reads GitLab llm.log lines, AI gateway and Agent Platform logs, Sidekiq, docker errors, runners' job logs,
// Duo Chat and Code Review error codes and the output of the rake task and the gateway's troubleshooting
// script; reports each line that matches a known failure and joins lines sharing a correlation_id into
// requests. Every input is read whole as a stream (gzip inflated), in one pass over its bytes for all
// patterns; files are read a second time for the lines of the requests. What is output is redacted (the
// target's secrets and anything shaped like a token). The target fills the fix texts with the admin's own
// values, else the line's own, else placeholders. nullopt: an input could not be read (error says which).
std::optional<LogAnalysis> analyzeLogInputs(const QList<LogInput>& inputs, const Target& target,
                                            const LogScanOptions& options, QString* error);

// Pasted text (the GUI's box): its first 8 Mi characters, with the whole text redacted for showing again.
LogAnalysis analyzeLog(const QString& text, const Target& target = {});

// The signature ids the log patterns point at, in table order (tests check the corpus covers each).
QStringList logPatternSignatures();

// `duo-doctor analyze --format json` (schema duo-doctor.log-analysis.v1), text and Markdown.
QJsonObject logAnalysisToJson(const LogAnalysis& analysis);
QString logAnalysisToText(const LogAnalysis& analysis);
QString logAnalysisToMarkdown(const LogAnalysis& analysis);

} // namespace duo
