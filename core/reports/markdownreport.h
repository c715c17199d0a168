#pragma once

#include "core/reports/report.h"

#include <QString>

namespace duo {

// Compact Markdown for a GitLab issue: root causes up front, the rest folded in <details>. Server and pasted
// text is escaped so it renders as text.
QString markdownReport(const RedactedReport& report);

} // namespace duo
