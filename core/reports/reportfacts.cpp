#include "core/reports/reportfacts.h"

namespace duo {

ReportFacts reportFacts(const Report& report) {
    ReportFacts facts;
    if (const CheckResult* server = report.find(QStringLiteral("model.server_type")))
        facts.serverType = server->evidence.value(QStringLiteral("server_type")).toString();
    if (const CheckResult* version = report.find(QStringLiteral("gitlab.version"))) {
        facts.gitlabVersion = version->evidence.value(QStringLiteral("version")).toString();
        facts.gatewayImageTag = version->evidence.value(QStringLiteral("aigw_image_tag")).toString();
    }
    facts.problems = int(report.rootCauses.size());
    return facts;
}

} // namespace duo
