#pragma once

#include "core/checkresult.h"

#include <QList>
#include <QString>

namespace duo {

struct JudgedLine {
    Status status;
    QString text;
};

struct ManualVerdict {
    Status status = Status::Manual;
    QString summary;
    QList<JudgedLine> lines; // for script output: one per ✔ / ⚠ / ✗ line
};

// Reads the output an admin pasted for a manual step. Patterns per step live in one table.
ManualVerdict judgeManualOutput(const QString& checkId, const QString& output);

} // namespace duo
