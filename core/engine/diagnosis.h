#pragma once

#include "core/report.h"

#include <optional>

namespace duo {

// Finds the root causes among the failed checks: the most upstream failures that explain the others.
// A failure seen only from this desktop while GitLab or the gateway reach that server (splitViews) is ranked
// last and explains only the skips it caused.
// A failed check A explains a failed check B when A exercises a strict subset of B's path segments, or the
// same segments and B depends on A. Skipped checks are explained by the failure that made them skip and are
// never root causes themselves.
QList<RootCause> diagnose(const QList<CheckResult>& results);

// The most likely cause while checks still run, once nothing unfinished could outrank it: every check not
// yet final is one the cause would explain (its path holds the cause's, or it waits on it), and no split
// view could still demote it. nullopt while that is not certain, or nothing failed.
std::optional<RootCause> certainLeadingCause(const QList<CheckResult>& results);

} // namespace duo
