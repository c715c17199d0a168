#pragma once

#include <QStringList>

namespace duo::app {

// `duo-doctor analyze FILE|- [--format text|json] [--report FILE] [--profile NAME]`: finds known failures in
// a log or a tool's output. Exit 0 when nothing failed was found, 1 when something was, 2 on bad input.
int runAnalyzeCommand(const QStringList& arguments);

} // namespace duo::app
