#pragma once

#include "core/net/httpclient.h"

#include <QList>

class QNetworkReply;
class QSslCertificate;
class QSslError;

namespace duo {

// What a finished reply's failure means, in HttpResult's terms: the network error, the TLS or proxy problem,
// a text for the admin.

// A failure below HTTP (no usable answer; Qt's errors from 200 on only echo the HTTP status): fills in the
// error, its text and problem and returns true. A truncated answer keeps the status line's problem.
bool readTransportFailure(const QNetworkReply& reply, const QList<QSslError>& sslErrors, HttpResult& result);

// The proxy answered instead of the target (407, or Squid's error page): fills in the error and returns true.
bool readProxyAnswer(HttpResult& result);

CertificateInfo describeCertificate(const QSslCertificate& certificate);

// What went wrong in a TLS handshake, most telling first (HttpResult::problem): expired, hostname_mismatch,
// self_signed, untrusted, or handshake.
QString tlsProblem(const QList<QSslError>& errors);

// A proxy's answer for the target (HttpResult::problem): auth_required, denied or cannot_reach.
QString proxyProblem(int status, const QByteArray& squidError);

// A certificate the admin pinned for this host (by the SHA-256 of its leaf, hex) is trusted whatever the CA
// store says; nothing else is.
bool isPinned(const QList<PinnedCertificate>& pins, const QString& host, const QString& leafSha256);

} // namespace duo
