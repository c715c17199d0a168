#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace duo {

enum class UrlField { GitLab, Gateway, ModelEndpoint };

// Why a typed URL will not do, as one sentence that says what to change; nullopt when it is fine.
// Shared by the CLI (exit 2) and the wizard (inline validation).
// A pasted 22 KB blob is no URL; browsers and proxies draw the line about here.
constexpr int maxUrlChars = 2048;
std::optional<QString> urlProblem(UrlField field, const QString& text);
QString urlFieldName(UrlField field);

// Parses a value urlProblem() accepted.
QUrl parseUrl(const QString& text);

// A gRPC service's address as GitLab stores it: HOST:PORT, no scheme (e.g. aigw.example.com:50052,
// [fd00::5]:50052).
struct ServiceAddress {
    QString host;
    int port = 0;
    QString toString() const;
};

// Why a typed Agent Platform address will not do (an http:// in front is the classic mistake), as one
// sentence; nullopt when it is fine. Shared by the CLI and the wizard.
std::optional<QString> serviceAddressProblem(const QString& text);
// Parses HOST:PORT; nullopt when serviceAddressProblem() has one.
std::optional<ServiceAddress> parseServiceAddress(const QString& text);

} // namespace duo
