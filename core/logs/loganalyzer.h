#pragma once

#include "core/checkresult.h"
#include "core/target.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace duo {

// One known failure found in pasted or loaded text: where, what it means, how to fix it.
struct LogFinding {
    int line = 0;        // 1-based line number in the text
    QString source;      // what kind of text it looks like: "llm.log", "gateway", "docker", "duo-chat", …
    QString text;        // the line, secrets redacted, at most a few hundred characters
    QString signatureId; // a row of the signature table (the same one the checks use)
    Status status = Status::Fail;
    QString blames; // the path segment at fault
    QString explanation;
    QString fix;
    QList<Command> commands;
};

struct LogAnalysis {
    QList<LogFinding> findings;
    int linesRead = 0;
    bool truncated = false; // the text was longer than the analyzer reads
    QString redactedText;   // what may be shown or saved: the input with secrets replaced
};

// Reads GitLab llm.log lines, AI gateway logs, docker errors, Duo Chat error codes and the output of the rake
// task and the gateway's troubleshooting script, and reports each line that matches a known failure. Secrets
// (the target's and anything shaped like a token) are redacted before anything is kept. The target fills the
// fix texts with the admin's own URLs and names; an empty target leaves placeholders.
LogAnalysis analyzeLog(const QString& text, const Target& target = {});

// The signature ids the log patterns point at, in table order (tests check the corpus covers each).
QStringList logPatternSignatures();

// The JSON form for `duo-doctor analyze --format json` (schema duo-doctor.log-analysis.v1).
QJsonObject logAnalysisToJson(const LogAnalysis& analysis);
QString logAnalysisToText(const LogAnalysis& analysis);

} // namespace duo
