#pragma once

#include "core/reports/report.h"

#include <QList>
#include <QString>

#include <optional>

namespace duo {

// One profile of a fleet run: its report, or why it could not run.
struct FleetEntry {
    QString name;
    std::optional<Report> report;
    QString problem;
};

// One self-contained HTML file for a whole fleet: a table with a line per profile (linked to its section),
// then each profile's full report. Redacts every profile's secrets.
QString fleetHtmlReport(const QList<FleetEntry>& entries);

} // namespace duo
