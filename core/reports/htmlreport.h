#pragma once

#include "core/reports/report.h"

#include <QString>

namespace duo {

// One self-contained HTML file: inline CSS and SVG, no script, no external request; printable. Every text
// that came from a server or a paste is escaped.
QString htmlReport(const RedactedReport& report);

// The parts, for reports that hold several runs (a fleet): a page with the style and icons around a body, one
// run's body (everything below the title), an escaper and a status icon.
QString htmlPage(const QString& title, const QString& body);
QString htmlReportBody(const RedactedReport& report);
QString htmlEscape(const QString& text);
QString htmlStatusIcon(Status status);

} // namespace duo
