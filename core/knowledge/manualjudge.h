#pragma once

#include "core/checkresult.h"

#include <QList>
#include <QString>

namespace duo {

struct JudgedLine {
    Status status;
    QString text;
};

// The most of a paste that is judged (a manual step says so beyond it), and the most judged lines a verdict
// lists (the summary still counts them all).
inline constexpr qsizetype maxJudgedChars = 1024 * 1024;
inline constexpr qsizetype maxJudgedLines = 500;

struct ManualVerdict {
    Status status = Status::Manual;
    QString summary;
    QList<JudgedLine> lines; // for script output: one per ✔ / ⚠ / ✗ line, the first maxJudgedLines
    QString finding;         // the first failing line, else the first warning one (picks a ManualHint)
};

// Reads the output an admin pasted for a manual step, in time linear in its length. Patterns per step live
// in one table. The last large paste's verdict is remembered: asked again for the same output (the window
// judges a large paste on a worker thread before the engine does), it answers at once. Thread-safe.
ManualVerdict judgeManualOutput(const QString& checkId, const QString& output);

} // namespace duo
