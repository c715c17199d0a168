#pragma once

#include <QString>

namespace duo::app {

// Qt's messages (every duo.* category) go to spdlog: a rotating file in $XDG_STATE_HOME/duo-doctor (info and
// up, or the chosen level) and stderr (warnings, or the chosen level), each line redacted first. stdout stays
// clean for
// --format json. The level: --log-level LEVEL, --verbose (= info), DUO_DOCTOR_LOG; default warn on stderr.
void installLogging(int argc, char** argv);
QString logFilePath();

} // namespace duo::app
