#pragma once

#include "core/sim/simstack.h"
#include "core/target.h"

namespace duo::app {

// What an admin would type, taken from a running simulated stack.
Target targetFromSim(const sim::SimInputs& inputs);
RunOptions optionsFromSim(const sim::SimInputs& inputs);

} // namespace duo::app
