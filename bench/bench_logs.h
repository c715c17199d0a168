#pragma once

#include <QList>
#include <QString>

// duo-doctor analyze on a generated llm.log, side by side with grep -E (and rg) over the same patterns.
struct LogBenchRow {
    QString name;
    double value;
    QString unit;
    QString target;
    bool met;
};

QList<LogBenchRow> measureLogAnalysis(const QString& binDir, int megabytes);
