#pragma once

#include "core/reports/report.h"

#include <QString>

namespace duo {

// What a reader of a report wants at a glance, derived from the checks' evidence.
struct ReportFacts {
    QString serverType;      // model.server_type
    QString gitlabVersion;   // gitlab.version
    QString gatewayImageTag; // the self-hosted gateway image that matches GitLab
    int problems = 0;        // root causes
    bool healthy() const { return problems == 0; }
};

ReportFacts reportFacts(const Report& report);

// "3 passed, 1 failed, 1 warning, 0 skipped, 13 manual": each count with its plural form.
QString countsLine(const StatusCounts& counts);

} // namespace duo
