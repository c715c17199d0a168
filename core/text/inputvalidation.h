#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace duo {

enum class UrlField { GitLab, Gateway, ModelEndpoint };

// Why a typed URL will not do, as one sentence that says what to change; nullopt when it is fine.
// Shared by the CLI (exit 2) and the wizard (inline validation).
std::optional<QString> urlProblem(UrlField field, const QString& text);
QString urlFieldName(UrlField field);

// Parses a value urlProblem() accepted.
QUrl parseUrl(const QString& text);

} // namespace duo
