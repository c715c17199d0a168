#pragma once

#include "core/checkresult.h"
#include "core/text/quoting.h"

#include <QList>
#include <QString>

namespace duo {

// Ready-to-copy commands, by set. Each docker exec has a kubectl exec beside it. Secrets never appear:
// {model_api_key} is always the placeholder "<your-model-api-key>".
QList<Command> commandSet(const QString& id, const TemplateValues& values);
QList<Command> commandSets(const QStringList& ids, const TemplateValues& values);
bool hasCommandSet(const QString& id);

} // namespace duo
