#pragma once

#include "core/checkresult.h"
#include "core/text/quoting.h"

#include <QList>
#include <QString>
#include <QVersionNumber>

namespace duo {

// Ready-to-copy commands, by set. Some rows hold for some GitLab versions only: values["gitlab_version"] (as
// learned from gitlab.version) chooses them; without it, the 17.x rows are shown. Each docker exec has a
// kubectl exec beside it. Secrets never appear: {model_api_key} is always the placeholder
// "<your-model-api-key>".
QList<Command> commandSet(const QString& id, const TemplateValues& values);
QList<Command> commandSets(const QStringList& ids, const TemplateValues& values);
bool hasCommandSet(const QString& id);
// GitLab's version from the values, or 17.0 (the page's GitLab) when it is not known.
QVersionNumber gitlabVersionOf(const TemplateValues& values);

} // namespace duo
