#pragma once

namespace duo::app {

// Routes Qt's messages (qDebug/qInfo/qWarning with their categories) into spdlog on stderr, so stdout stays
// clean for --format json. DUO_DOCTOR_LOG=debug|info|warn|error sets the level (default warn).
void installLogging();

} // namespace duo::app
