#pragma once

#include <QStringList>

namespace duo::app {

// `duo-doctor analyze INPUT… [--format text|json|markdown] [--report FILE] [--profile NAME]`: finds known
// failures in logs or a tool's output (files, directories, gzip, standard input) and the requests they belong
// to. Exit 0 when nothing failed was found, 1 when something was, 2 on bad input.
int runAnalyzeCommand(const QStringList& arguments);

} // namespace duo::app
