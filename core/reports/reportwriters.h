#pragma once

#include "core/reports/report.h"

#include <QByteArray>
#include <QString>

namespace duo {

enum class ReportFormat { Json, Text, Markdown, Html, JUnit };

// Picks the format from a file name's extension (.json, .html/.htm, .md, .txt, .xml for JUnit); nullopt if
// unknown.
std::optional<ReportFormat> reportFormatForFile(const QString& fileName);

// Every writer redacts the target's secrets and escapes what it embeds.
QByteArray writeReport(const Report& report, ReportFormat format, bool colour = false);

QString textTree(const Report& report, bool colour);

} // namespace duo
