#pragma once

#include "core/report.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace duo {

inline constexpr const char* reportSchemaId = "duo-doctor.report.v1";

// A copy with every text the report shows passed through the redactor (before any escaping could hide a
// secret).
Report redactedReport(const Report& report);

// The public JSON contract (docs/report.schema.json). Every string passes the redactor.
QJsonObject reportToJson(const Report& report);

} // namespace duo
