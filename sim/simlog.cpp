#include "sim/simlog.h"

namespace duo::sim {

Q_LOGGING_CATEGORY(lcSim, "duo.sim", QtInfoMsg)

} // namespace duo::sim
