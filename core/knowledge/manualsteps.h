#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace duo {

// How pasted output is read (see judgeManualOutput()).
enum class JudgeMode {
    PassFirst, // a pass pattern wins (model output may contain "error")
    FailFirst, // a fail pattern wins
    AllTrue,   // every non-empty line must be "true"
    Lines,     // script output: ✔ / ⚠ / ✗ lines
};

struct ManualJudgeRule {
    JudgeMode mode = JudgeMode::FailFirst;
    const char* pass = nullptr; // case-insensitive, multi-line regular expressions on the pasted output
    const char* fail = nullptr;
    const char* warn = nullptr;
    const char* ignore = nullptr; // Lines: lines that only inform (their ✔ / ✗ is a value, not a verdict)
    // Lines: the heading after which the output prints a JSON summary, judged by its "status" fields.
    const char* summaryHeading = nullptr;
};

// What to do about one line of a step's output: the first row whose pattern matches the first failing (or
// else warning) line gives the fix instead of the step's failFix.
struct ManualHint {
    const char* step = nullptr;
    const char* pattern = nullptr; // case-insensitive regular expression on that line
    const char* fix = nullptr;     // translated in "duo::ManualChecks", {placeholders} filled
};

// A manual step: what only the Rails console or a shell in the gateway container can tell. One row holds
// everything about it: its catalog entry, the commands to run, where to run them, and how to judge the
// paste. Adding a manual step is adding a row here (and its command set).
struct ManualStep {
    const char* id = nullptr;
    const char* title = nullptr;   // translated in "duo::Catalog"
    const char* section = nullptr; // the troubleshooting page's heading (core/knowledge/pagesections.h)
    QStringList segments{};        // the stretches of the path it exercises
    QStringList commandSets{};     // core/knowledge/commandsets.cpp
    const char* where = nullptr; // where to run it; translated in "duo::ManualChecks", {placeholders} filled
    const char* failFix = nullptr; // what to do when the output says no; likewise
    ManualJudgeRule judge{};
};

const QList<ManualStep>& manualSteps();
const ManualStep* findManualStep(const QString& id);
const QList<ManualHint>& manualHints();
// The fix for this line of the step's output; nullptr when no hint matches.
const char* manualHint(const QString& stepId, const QString& line);

} // namespace duo
