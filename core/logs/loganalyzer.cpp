#include "core/logs/loganalyzer.h"

#include "core/logs/logpatterns.h"
#include "core/text/redactor.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcLogs, "duo.core.logs")

namespace duo {

namespace {

constexpr qsizetype maxInputChars =
    8 * 1024 * 1024; // of pasted text; beyond this it is not read (and said so)

} // namespace

QStringList logPatternSignatures() {
    QStringList ids;
    for (const CompiledLogPattern& pattern : LogMatcher::instance().patterns())
        ids.append(QString::fromLatin1(pattern.row->signatureId));
    return ids;
}

LogAnalysis analyzeLog(const QString& text, const Target& target) {
    LogInput input{.text = text.left(maxInputChars).toUtf8(), .pasted = true};
    QString error;
    std::optional<LogAnalysis> analysis = analyzeLogInputs({input}, target, {}, &error);
    if (!analysis) {
        qCWarning(lcLogs) << "pasted text not analyzed:" << error;
        analysis.emplace();
    }
    analysis->truncated = text.size() > maxInputChars;
    // What is shown again in the box is redacted whole, even past the part that is analyzed.
    analysis->redactedText = Redactor::forTarget(target).apply(text);
    return *analysis;
}

} // namespace duo
