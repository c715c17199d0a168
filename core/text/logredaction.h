#pragma once

#include <QString>

namespace duo {

// Every log line passes through here: the secrets of the current run and anything shaped like a credential
// become "***". The engine registers the secrets it is given.
void registerSecretForLogs(const QString& secret);
QString redactForLogs(const QString& message);

// $XDG_STATE_HOME/duo-doctor (Qt 6.4 has no state location): where the log file lives.
QString logDirectory();

} // namespace duo
