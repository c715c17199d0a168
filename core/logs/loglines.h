#pragma once

#include "core/target.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace duo {

// What one log line carries besides its words: the request it belongs to, its time, its message, and the
// values of the setup it names. Used only on the few lines that matter (findings and their requests).

// GitLab's JSON logs and the gateway's structured ones ("correlation_id":"…") and key=value lines
// (correlation_id=…). Empty when the line has none.
QByteArrayView correlationIdIn(QByteArrayView line);

struct LineTime {
    QDateTime utc;           // invalid when the line has no time
    bool assumedUtc = false; // the line gave no zone: read as UTC
};
// "time"/"timestamp" of a JSON line, time=…, or a timestamp the line starts with; ISO 8601.
LineTime timeOf(const QString& line);

// The message of a line, for the explanation: a JSON line's error or message, a console line without its
// timestamp and level; else the line.
QString messageOf(const QString& line);

// The setup's values the line names (model endpoint, GitLab's or the gateway's URL, model identifier),
// validated like typed values, where the target has none.
Target withLineValues(Target target, const QString& line);

} // namespace duo
