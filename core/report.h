#pragma once

#include "core/checkresult.h"
#include "core/target.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace duo {

struct RootCause {
    QString checkId;
    QString title;
    QString explanation;
    QString fix;
    QList<Command> commands;
    QStringList explains; // failed or skipped checks this cause accounts for
};

struct StatusCounts {
    int pass = 0, fail = 0, warn = 0, skip = 0, manual = 0;
};

// One finished (or cancelled) run: what was checked, what was found, and why.
struct Report {
    QDateTime startedAt;
    qint64 durationMs = 0;
    Target target;
    RunOptions options;
    QList<CheckResult> checks;   // catalog order
    QList<RootCause> rootCauses; // most likely first
    bool cancelled = false;

    const CheckResult* find(const QString& id) const;
    StatusCounts counts() const;
    bool anyFailed() const { return counts().fail > 0; }
};

} // namespace duo

Q_DECLARE_METATYPE(duo::Report)
