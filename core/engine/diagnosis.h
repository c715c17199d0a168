#pragma once

#include "core/report.h"

namespace duo {

// Finds the root causes among the failed checks: the most upstream failures that explain the others.
// A failed check A explains a failed check B when A exercises a strict subset of B's path segments, or the
// same segments and B depends on A. Skipped checks are explained by the failure that made them skip and are
// never root causes themselves.
QList<RootCause> diagnose(const QList<CheckResult>& results);

} // namespace duo
