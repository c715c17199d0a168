#pragma once

#include "report.h"

#include <QString>

namespace duo {

// One self-contained HTML file: inline CSS and SVG, no script, no external request; printable. Every text
// that came from a server or a paste is escaped; the caller redacts.
QString htmlReport(const Report& report);

} // namespace duo
