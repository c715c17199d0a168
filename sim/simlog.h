#pragma once

#include <QLoggingCategory>

namespace duo::sim {

Q_DECLARE_LOGGING_CATEGORY(lcSim) // "duo.sim"

} // namespace duo::sim
