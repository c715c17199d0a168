#pragma once

#include "core/reports/report.h"

#include <QList>
#include <QString>

#include <utility>

namespace duo {

// JUnit XML, as GitLab's pipeline test report reads it: one test suite per component, one test case per
// check. A failed check fails its case; the message names the root cause (for a root cause: its fix; for a
// check it explains: which root cause). Skipped and manual checks are skipped cases; warnings pass with the
// warning in system-out. Texts are escaped by the XML writer; characters XML cannot hold show as U+FFFD.
// Empty (and logged) should the XML writer still fail.
QString junitReport(const RedactedReport& report);
// Several runs (a fleet) in one document: each run's suites are named "<profile> / <component>". Each run
// is redacted with its own target's secrets.
QString junitFleetReport(const QList<std::pair<QString, Report>>& runs);

} // namespace duo
