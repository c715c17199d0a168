#pragma once

#include "app/cliarguments.h"

namespace duo::app {

// `duo-doctor check --all-profiles`: every saved profile, at most job.concurrency at a time, spread over one
// worker thread per core; identical requests of the fleet go out once. Secrets come from the environment
// flags when given, else from each profile's keychain entries. Exit 0 when no check failed anywhere, 1
// otherwise.
int runFleet(const CheckJob& job);

} // namespace duo::app
