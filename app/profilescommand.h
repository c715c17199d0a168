#pragma once

#include <QStringList>

namespace duo::app {

// `duo-doctor profiles [list] [--format text|json]`, `profiles save NAME [check flags…]`, `profiles delete
// NAME`. Needs a running QCoreApplication (keychain jobs are asynchronous).
int runProfilesCommand(const QStringList& arguments);

} // namespace duo::app
