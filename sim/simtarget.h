#pragma once

#include "core/target.h"
#include "sim/simstack.h"

namespace duo::sim {

// What an admin would type, taken from a running simulated stack.
Target targetFromSim(const SimInputs& inputs);
RunOptions optionsFromSim(const SimInputs& inputs);

} // namespace duo::sim
