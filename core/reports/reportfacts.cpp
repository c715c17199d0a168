#include "core/reports/reportfacts.h"
#include "core/engine/evidence.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct ReportWriters {
    Q_DECLARE_TR_FUNCTIONS(duo::ReportWriters)
};

} // namespace

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

QString countsLine(const StatusCounts& counts) {
    return QStringList{ReportWriters::tr("%n passed", nullptr, counts.pass),
                       ReportWriters::tr("%n failed", nullptr, counts.fail),
                       ReportWriters::tr("%n warning(s)", nullptr, counts.warn),
                       ReportWriters::tr("%n skipped", nullptr, counts.skip),
                       ReportWriters::tr("%n manual", nullptr, counts.manual)}
        .join(QStringLiteral(", "));
}

} // namespace duo
