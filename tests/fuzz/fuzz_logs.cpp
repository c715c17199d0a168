// The log analyzer (core/logs): whatever is pasted, no registered secret and no token shape reaches any of
// its outputs (the redacted text, the findings, the text and JSON forms), and the JSON form round-trips.
#include "fuzzsupport.h"

#include "core/logs/loganalyzer.h"
#include "core/text/jsontext.h"

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString text = fuzz::textOf(data, size);
    const QStringList secrets = fuzz::secretsFor(fuzz::fieldsOf(text));
    duo::Target target;
    target.gitlabToken = duo::Secret(secrets.first());
    target.modelKey = duo::Secret(secrets.value(1));
    const duo::LogAnalysis analysis = duo::analyzeLog(text, target);
    fuzz::requireNoSecretInValue(analysis.redactedText, secrets, "log: redacted text");
    for (const duo::LogFinding& finding : analysis.findings) {
        fuzz::require(finding.line >= 1 && finding.line <= analysis.linesRead, "log: finding's line number",
                      QString::number(finding.line));
        for (const QString& value : {finding.text, finding.explanation, finding.fix})
            fuzz::requireNoSecretInValue(value, secrets, "log: finding");
        for (const duo::Command& command : finding.commands)
            fuzz::requireNoSecretInValue(command.command, secrets, "log: finding's command");
    }
    fuzz::requireNoSecret(duo::logAnalysisToText(analysis), secrets, "log: text form");
    const QByteArray json = duo::jsonBytes(QJsonDocument(duo::logAnalysisToJson(analysis)));
    fuzz::requireNoSecretInJson(fuzz::requireJsonRoundTrip(json, "log: JSON round trip"), secrets,
                                "log: JSON form");
    return 0;
}
