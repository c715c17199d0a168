#pragma once

#include "core/reports/report.h"

#include <QByteArray>
#include <QString>

namespace duo {

enum class ReportFormat { Json, Text, Markdown, Html, JUnit };

// Picks the format from a file name's extension (.json, .html/.htm, .md, .txt, .xml for JUnit); nullopt if
// unknown.
std::optional<ReportFormat> reportFormatForFile(const QString& fileName);

// The report redacted once (RedactedReport), then written by the format's writer, which escapes what it
// embeds.
QByteArray writeReport(const Report& report, ReportFormat format, bool colour = false);

QString textTree(const RedactedReport& report, bool colour);

} // namespace duo
