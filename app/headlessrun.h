#pragma once

#include "app/cliarguments.h"

namespace duo::app {

// Runs the engine on the current QCoreApplication's event loop, prints the report to stdout in the chosen
// format, writes the report files and returns the exit code of the check contract.
int runHeadless(CheckJob job);

// Colour only on a terminal and only when NO_COLOR is not set (https://no-color.org).
bool useColour();

} // namespace duo::app
