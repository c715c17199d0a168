// The manual-step judges (core/knowledge/manualjudge, manualsteps): the first byte picks the step, the rest
// is the paste, redacted first as the engine does. The verdict names a final status, lists at most
// maxJudgedLines lines, holds no registered secret or token shape, and is the same when asked again (the
// verdict of a large paste is remembered).
#include "fuzzsupport.h"

#include "core/knowledge/manualjudge.h"
#include "core/knowledge/manualsteps.h"
#include "core/text/redactor.h"

namespace {

bool sameVerdict(const duo::ManualVerdict& a, const duo::ManualVerdict& b) {
    if (a.status != b.status || a.summary != b.summary || a.lines.size() != b.lines.size())
        return false;
    for (qsizetype i = 0; i < a.lines.size(); ++i) {
        if (a.lines.at(i).status != b.lines.at(i).status || a.lines.at(i).text != b.lines.at(i).text)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const QList<duo::ManualStep>& steps = duo::manualSteps();
    const QString id = QString::fromLatin1(steps.at(data[0] % steps.size()).id);
    const QString paste = fuzz::textOf(data + 1, size - 1);
    const QStringList secrets = fuzz::secretsFor(fuzz::fieldsOf(paste));
    const QString output = duo::Redactor(secrets).apply(paste);
    const duo::ManualVerdict verdict = duo::judgeManualOutput(id, output);
    fuzz::require(duo::isFinal(verdict.status), "judge: a final status", id);
    fuzz::require(verdict.lines.size() <= duo::maxJudgedLines, "judge: at most maxJudgedLines lines");
    fuzz::requireNoSecretInValue(verdict.summary, secrets, "judge: summary");
    for (const duo::JudgedLine& line : verdict.lines) {
        fuzz::require(duo::isFinal(line.status), "judge: a line's final status", line.text);
        fuzz::requireNoSecretInValue(line.text, secrets, "judge: line");
    }
    fuzz::require(sameVerdict(verdict, duo::judgeManualOutput(id, output)), "judge: the same verdict twice",
                  id);
    return 0;
}
