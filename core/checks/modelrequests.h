#pragma once

#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"

#include <QJsonObject>

namespace duo {

// The model checks' requests, shared by modelchecks.cpp and agenticchecks.cpp.
// The id model.listed found on the server, else the one this setup names.
QString servedModel(const Context& context);
// A chat completion with one user message, as the gateway asks for one; `settings` adds max_tokens, tools and
// the like.
HttpRequest chatRequest(const Context& context, const QString& prompt, QJsonObject settings);
// The summary of a completion that did not come back.
QString failedCompletion(const HttpResult& http);

} // namespace duo
