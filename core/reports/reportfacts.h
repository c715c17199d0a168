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

} // namespace duo
