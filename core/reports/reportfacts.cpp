#include "core/reports/reportfacts.h"
#include "core/engine/evidence.h"

namespace duo {

ReportFacts reportFacts(const Report& report) {
    ReportFacts facts;
    if (const CheckResult* server = report.find(QStringLiteral("model.server_type")))
        facts.serverType = server->evidence.value(evidence::serverType).toString();
    if (const CheckResult* version = report.find(QStringLiteral("gitlab.version"))) {
        facts.gitlabVersion = version->evidence.value(evidence::version).toString();
        facts.gatewayImageTag = version->evidence.value(evidence::aigwImageTag).toString();
    }
    facts.problems = int(report.rootCauses.size());
    return facts;
}

} // namespace duo
