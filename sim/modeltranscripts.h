#pragma once

#include "sim/fakemodelserver.h"
#include "sim/httpserver.h"

#include <QJsonObject>

#include <optional>

namespace duo::sim {

// What a model server answers to what Agentic Chat and flows ask beyond one completion: a tool, a stream, the
// parameters reasoning models refuse. Each answer copies a real server's bytes; the source is beside it.
// request is the parsed body of POST /v1/chat/completions, model the id it names.
std::optional<HttpResponse> agenticAnswer(const ModelServerSettings& settings, const QJsonObject& request,
                                          const QString& model);

} // namespace duo::sim
