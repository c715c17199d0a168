#pragma once

#include "cliarguments.h"

namespace duo::app {

// `duo-doctor check --all-profiles`: every saved profile, at most job.concurrency at a time, on one network
// manager whose kept-alive connections the profiles share. Secrets come from the environment flags when
// given, else from each profile's keychain entries. Exit 0 when no check failed anywhere, 1 otherwise.
int runFleet(const CheckJob& job);

} // namespace duo::app
