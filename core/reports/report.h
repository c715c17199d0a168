#pragma once

#include "core/report.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

namespace duo {

class Redactor;

inline constexpr const char* reportSchemaId = "duo-doctor.report.v1";

// A report every text of which passed the redactor: after template filling, before any writer escapes or
// serialises it (a secret with a " or \ no longer matches once JSON, HTML or XML has written it). Writers
// take only this, so a new format cannot forget to redact, and none needs to redact its output.
class RedactedReport {
public:
    explicit RedactedReport(const Report& report);

    const Report& operator*() const { return m_report; }
    const Report* operator->() const { return &m_report; }

private:
    Report m_report;
};

// The same as a plain report, for callers that keep reports in their own lists (a fleet's JUnit runs).
Report redactedReport(const Report& report);

// The public JSON contract (docs/report.schema.json).
QJsonObject reportToJson(const RedactedReport& report);

} // namespace duo
