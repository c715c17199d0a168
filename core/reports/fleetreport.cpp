#include "core/reports/fleetreport.h"

#include "core/reports/htmlreport.h"
#include "core/text/redactor.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct FleetText {
    Q_DECLARE_TR_FUNCTIONS(duo::FleetReport)
};

QString anchorFor(int index) {
    return QStringLiteral("profile-%1").arg(index + 1);
}

// One profile as the page shows it: every text redacted with the profile's own secrets before anything is
// escaped.
struct ShownEntry {
    QString name;
    std::optional<RedactedReport> report;
    QString result; // counts and the most likely cause, or why it did not run
    bool failed = true;
};

ShownEntry shownEntry(const FleetEntry& entry) {
    const Redactor redactor = entry.report ? Redactor::forTarget(entry.report->target) : Redactor();
    ShownEntry shown{.name = redactor.apply(entry.name),
                     .report = std::nullopt,
                     .result = {},
                     .failed = !entry.report || entry.report->anyFailed()};
    if (!entry.report) {
        shown.result = redactor.apply(FleetText::tr("Not run: %1").arg(entry.problem));
        return shown;
    }
    const Report& report = *shown.report.emplace(*entry.report);
    const StatusCounts counts = report.counts();
    shown.result =
        shown.failed
            ? FleetText::tr("%1 failed; most likely: %2")
                  .arg(counts.fail)
                  .arg(report.rootCauses.value(0).title)
            : FleetText::tr("No check failed (%1 passed, %2 warnings)").arg(counts.pass).arg(counts.warn);
    return shown;
}

} // namespace

QString fleetHtmlReport(const QList<FleetEntry>& entries) {
    int failing = 0;
    QString rows;
    QString sections;
    for (int i = 0; i < entries.size(); ++i) {
        const ShownEntry entry = shownEntry(entries.at(i));
        failing += entry.failed ? 1 : 0;
        const Status status = entry.failed ? Status::Fail : Status::Pass;
        rows += QStringLiteral(
                    "<tr><td class=\"status %1\">%2</td><td><a href=\"#%3\">%4</a></td><td>%5</td></tr>\n")
                    .arg(statusKey(status), htmlStatusIcon(status), anchorFor(i), htmlEscape(entry.name),
                         htmlEscape(entry.result));
        const QString body = entry.report
                                 ? htmlReportBody(*entry.report)
                                 : QStringLiteral("<p class=\"fail\">%1</p>\n").arg(htmlEscape(entry.result));
        sections += QStringLiteral("<section class=\"group profile\" id=\"%1\"><h1>%2</h1>\n%3</section>\n")
                        .arg(anchorFor(i), htmlEscape(entry.name), body);
    }
    const QString summary =
        QStringLiteral(
            "<h1>%1</h1>\n<p class=\"muted\">%2</p>\n<table><colgroup><col class=\"t\"><col "
            "class=\"c\"><col></colgroup><thead><tr><th></th><th>%3</th><th>%4</th></tr></thead><tbody>\n%5"
            "</tbody></table>\n")
            .arg(htmlEscape(FleetText::tr("Duo Doctor fleet report")),
                 htmlEscape(FleetText::tr("%1 profiles checked, %2 with a failure.")
                                .arg(entries.size())
                                .arg(failing)),
                 htmlEscape(FleetText::tr("Profile")), htmlEscape(FleetText::tr("Result")), rows);
    return htmlPage(FleetText::tr("Duo Doctor fleet report"), summary + sections);
}

} // namespace duo
