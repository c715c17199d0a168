#pragma once

#include <QStringList>

namespace duo::app {

// `duo-doctor profiles import --gitlab-url URL --gitlab-token-env VAR [--gateway-url URL] [--update]
// [--format text|json]`: reads the self-hosted models GitLab has (an administrator's token) and makes a
// profile per model; where a profile of that name exists and disagrees with GitLab, shows the differences and
// takes GitLab's values only with --update. Reads GitLab only; changes nothing there.
int runImportCommand(const QStringList& arguments);

} // namespace duo::app
