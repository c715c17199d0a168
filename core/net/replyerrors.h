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

} // namespace duo
