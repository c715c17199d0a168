#pragma once

#include "core/profiles/profile.h"
#include "core/reports/report.h"
#include "core/secret.h"
#include "core/target.h"

#include <QList>
#include <QString>

#include <memory>

namespace duo {

// One profile's run in a fleet: its target (secrets resolved), then its report.
struct ProfileRun {
    Profile profile;
    Target target;
    Report report;
    bool ran = false;
    QString problem; // why it could not run
};
using ProfileRuns = QList<std::shared_ptr<ProfileRun>>;

// Each run's target: its profile's, with the secrets given for the whole fleet (empty when not given) or,
// when fromKeychain, the profile's own keychain entries. The keychain is read on this thread, all profiles at
// once, before any check starts; a profile whose entries cannot be read gets a problem and is not run.
void resolveFleetSecrets(const ProfileRuns& runs, const Secret& gitlabToken, const Secret& modelKey,
                         bool fromKeychain);

// Runs every profile without a problem, at most `concurrency` at a time over one worker thread per core;
// identical requests of the fleet go out once. Returns when the last one is done.
void runFleetProfiles(const ProfileRuns& runs, int concurrency);

} // namespace duo
