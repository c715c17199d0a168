#include "core/net/replyerrors.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>

namespace duo {

namespace {

// The texts keep the context they were translated in.
struct HttpText {
    Q_DECLARE_TR_FUNCTIONS(duo::HttpClient)
};

struct NetErrorName {
    NetError error;
    const char* key;
};
constexpr NetErrorName netErrorNames[] = {
    {NetError::None, "none"},
    {NetError::HostNotFound, "host_not_found"},
    {NetError::ConnectionRefused, "connection_refused"},
    {NetError::Timeout, "timeout"},
    {NetError::Tls, "tls"},
    {NetError::ConnectionClosed, "connection_closed"},
    {NetError::TooLarge, "too_large"},
    {NetError::Proxy, "proxy"},
    {NetError::RedirectRefused, "redirect_refused"},
    {NetError::Cancelled, "cancelled"},
    {NetError::Other, "other"},
};

struct QtErrorKind {
    QNetworkReply::NetworkError qt;
    NetError kind;
};
constexpr QtErrorKind qtErrorKinds[] = {
    {QNetworkReply::HostNotFoundError, NetError::HostNotFound},
    {QNetworkReply::ConnectionRefusedError, NetError::ConnectionRefused},
    {QNetworkReply::TimeoutError, NetError::Timeout},
    {QNetworkReply::SslHandshakeFailedError, NetError::Tls},
    {QNetworkReply::RemoteHostClosedError, NetError::ConnectionClosed},
    {QNetworkReply::ProxyConnectionRefusedError, NetError::Proxy},
    {QNetworkReply::ProxyConnectionClosedError, NetError::Proxy},
    {QNetworkReply::ProxyNotFoundError, NetError::Proxy},
    {QNetworkReply::ProxyTimeoutError, NetError::Proxy},
    {QNetworkReply::ProxyAuthenticationRequiredError, NetError::Proxy},
    {QNetworkReply::OperationCanceledError, NetError::Cancelled},
    {QNetworkReply::TooManyRedirectsError, NetError::RedirectRefused},
    {QNetworkReply::InsecureRedirectError, NetError::RedirectRefused},
};

NetError kindOf(QNetworkReply::NetworkError error) {
    for (const auto& entry : qtErrorKinds) {
        if (entry.qt == error)
            return entry.kind;
    }
    return NetError::Other;
}

// What went wrong in a TLS handshake, most telling first.
struct TlsKind {
    QSslError::SslError error;
    const char* problem;
};
const TlsKind tlsKinds[] = {
    {QSslError::CertificateExpired, "expired"},
    {QSslError::CertificateNotYetValid, "expired"},
    {QSslError::HostNameMismatch, "hostname_mismatch"},
    {QSslError::SelfSignedCertificate, "self_signed"},
    {QSslError::SelfSignedCertificateInChain, "untrusted"},
    {QSslError::UnableToGetLocalIssuerCertificate, "untrusted"},
    {QSslError::UnableToGetIssuerCertificate, "untrusted"},
    {QSslError::UnableToVerifyFirstCertificate, "untrusted"},
    {QSslError::CertificateUntrusted, "untrusted"},
};

} // namespace

QString tlsProblem(const QList<QSslError>& errors) {
    for (const TlsKind& kind : tlsKinds) {
        for (const QSslError& error : errors) {
            if (error.error() == kind.error)
                return QString::fromLatin1(kind.problem);
        }
    }
    return QStringLiteral("handshake");
}

namespace {

struct ProxyKind {
    QNetworkReply::NetworkError error;
    const char* problem;
};
const ProxyKind proxyKinds[] = {
    {QNetworkReply::ProxyConnectionRefusedError, "refused"},
    {QNetworkReply::ProxyConnectionClosedError, "closed"},
    {QNetworkReply::ProxyNotFoundError, "not_found"},
    {QNetworkReply::ProxyTimeoutError, "timeout"},
    {QNetworkReply::ProxyAuthenticationRequiredError, "auth_required"},
    {QNetworkReply::UnknownProxyError, "error"},
};

// Squid and friends answer for the target when they cannot or may not reach it.
QString proxyVerdict(const QByteArray& squidError) {
    if (squidError.startsWith("ERR_ACCESS_DENIED"))
        return QStringLiteral("denied");
    if (squidError.startsWith("ERR_CACHE_ACCESS_DENIED"))
        return QStringLiteral("auth_required");
    return QStringLiteral("cannot_reach");
}

// The error kind Qt's error stands for, with the TLS or proxy problem it names.
void classify(QNetworkReply::NetworkError qtError, const QList<QSslError>& sslErrors, HttpResult& result) {
    result.error = kindOf(qtError);
    if (result.error == NetError::Tls) {
        result.problem = tlsProblem(sslErrors);
        return;
    }
    for (const ProxyKind& kind : proxyKinds) {
        if (kind.error == qtError) {
            result.error = NetError::Proxy;
            result.problem = QString::fromLatin1(kind.problem);
        }
    }
    // Through a proxy, the connection Qt could not open was the one to the proxy.
    if (!result.proxy.isEmpty() &&
        (result.error == NetError::ConnectionRefused || result.error == NetError::HostNotFound)) {
        result.problem = result.error == NetError::ConnectionRefused ? QStringLiteral("refused")
                                                                     : QStringLiteral("not_found");
        result.error = NetError::Proxy;
        result.errorText =
            HttpText::tr("cannot connect to the proxy %1: %2").arg(result.proxy, result.errorText);
    }
}

} // namespace

QString netErrorKey(NetError error) {
    for (const auto& entry : netErrorNames) {
        if (entry.error == error)
            return QString::fromLatin1(entry.key);
    }
    return QStringLiteral("other");
}

bool readTransportFailure(const QNetworkReply& reply, const QList<QSslError>& sslErrors, HttpResult& result) {
    const QNetworkReply::NetworkError qtError = reply.error();
    // Below 200 Qt's errors are about the connection or the proxy, even after a status line arrived (a
    // truncated body); from 200 on they only echo the HTTP status, which the checks read themselves.
    const bool transportFailed = qtError != QNetworkReply::NoError && int(qtError) < 200;
    if (transportFailed && result.status > 0 && kindOf(qtError) == NetError::ConnectionClosed)
        result.problem = QStringLiteral("truncated");
    if ((result.status != 0 && !transportFailed) || qtError == QNetworkReply::NoError)
        return false;
    result.status = 0;
    result.errorText = reply.errorString();
    classify(qtError, sslErrors, result);
    return true;
}

bool readProxyAnswer(HttpResult& result) {
    if (result.proxy.isEmpty() || (result.status != 407 && !result.headers.contains("x-squid-error")))
        return false;
    result.error = NetError::Proxy;
    result.problem = proxyProblem(result.status, result.headers.value("x-squid-error"));
    result.errorText = HttpText::tr("the proxy %1 answered HTTP %2 %3")
                           .arg(result.proxy)
                           .arg(result.status)
                           .arg(QString::fromUtf8(result.headers.value("x-squid-error")));
    return true;
}

QString proxyProblem(int status, const QByteArray& squidError) {
    return status == 407 ? QStringLiteral("auth_required") : proxyVerdict(squidError);
}

bool isPinned(const QList<PinnedCertificate>& pins, const QString& host, const QString& leafSha256) {
    for (const PinnedCertificate& pin : pins) {
        if (pin.host.compare(host, Qt::CaseInsensitive) == 0 && !leafSha256.isEmpty() &&
            QString(pin.sha256).remove(QLatin1Char(':')).compare(leafSha256, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

CertificateInfo describeCertificate(const QSslCertificate& certificate) {
    auto name = [](const QStringList& parts) { return parts.join(QStringLiteral(", ")); };
    return {name(certificate.subjectInfo(QSslCertificate::CommonName)),
            name(certificate.issuerInfo(QSslCertificate::CommonName)),
            certificate.effectiveDate().toUTC().toString(Qt::ISODate),
            certificate.expiryDate().toUTC().toString(Qt::ISODate),
            QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex())};
}

} // namespace duo
