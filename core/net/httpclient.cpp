#include "core/net/httpclient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>

#include "core/net/proxypolicy.h"
#include "core/net/requestcoalescer.h"
#include <QTimer>

Q_LOGGING_CATEGORY(lcHttp, "duo.core.http")

namespace duo {

namespace {

constexpr int maxRedirects = 5;

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

bool sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

} // namespace

QString netErrorKey(NetError error) {
    for (const auto& entry : netErrorNames) {
        if (entry.error == error)
            return QString::fromLatin1(entry.key);
    }
    return QStringLiteral("other");
}

struct HttpClient::Exchange {
    HttpRequest request;
    Callback done;
    QElapsedTimer clock;
    QPointer<QTimer> deadline;
    QPointer<QNetworkReply> reply;
    NetError forced = NetError::None; // why we aborted, when we did
    QByteArray body;
    int redirects = 0;
    bool completed = false;
    QList<QSslError> sslErrors;
    QList<CertificateInfo> chain;
    QList<QUrl> hops;
};

HttpClient::HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_options(std::move(options)) {
    // The proxy is decided per request in our code, as curl and GitLab decide it. A manager that served
    // other connection settings (another proxy, CA file or pinned certificate) drops its kept-alive
    // connections first: one accepted under a pin must not carry a request that has none.
    const QByteArray connection = RequestCoalescer::connectionKey(m_options);
    const char* const property = "duo.connectionSettings";
    if (m_network->property(property).toByteArray() != connection) {
        if (m_network->property(property).isValid())
            m_network->clearConnectionCache();
        m_network->setProperty(property, connection);
    }
    m_network->setProxyFactory(new PolicyProxyFactory(ProxyPolicy(m_options.proxy)));
    if (!m_options.caFile.isEmpty()) {
        QString error;
        m_extraCas = loadCaFile(m_options.caFile, &error);
        if (m_extraCas.isEmpty())
            qCWarning(lcHttp) << "CA file not used:" << error;
    }
}

QList<QSslCertificate> HttpClient::loadCaFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromData(file.read(4 * 1024 * 1024), QSsl::Pem);
    if (certificates.isEmpty())
        *error = tr("no PEM certificate in %1").arg(path);
    return certificates;
}

HttpClient::~HttpClient() {
    // Replies outlive us otherwise and would call back into a dead object.
    const auto inFlight = m_inFlight;
    m_inFlight.clear();
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
        if (it.value()->deadline)
            it.value()->deadline->deleteLater();
    }
}

QUrl HttpClient::resolvedUrl(const QUrl& url, QByteArray* hostHeader) const {
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    for (const ResolveEntry& entry : m_options.resolve) {
        if (entry.host.compare(url.host(), Qt::CaseInsensitive) == 0 && entry.port == url.port(defaultPort)) {
            QUrl rewritten = url;
            rewritten.setHost(entry.address);
            if (hostHeader) {
                *hostHeader = url.host(QUrl::FullyEncoded).toLatin1();
                if (url.port() != -1)
                    *hostHeader += ':' + QByteArray::number(url.port());
            }
            return rewritten;
        }
    }
    return url;
}

void HttpClient::send(const HttpRequest& request, Callback done) {
    if (m_coalescer) {
        const QByteArray key = RequestCoalescer::keyFor(request, m_options);
        if (m_coalescer->join(key, this, done))
            return;
        done = [coalescer = m_coalescer, key, done = std::move(done)](const HttpResult& result) {
            coalescer->complete(key, result);
            done(result);
        };
    }
    auto exchange = std::make_shared<Exchange>();
    exchange->request = request;
    for (const auto& [name, value] : request.headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
            name.compare("PRIVATE-TOKEN", Qt::CaseInsensitive) == 0)
            exchange->request.carriesSecret = true;
    }
    exchange->done = std::move(done);
    exchange->clock.start();

    // One deadline for the whole exchange, redirects included.
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    // A coarse timer may fire 5% early: a 5 s deadline must not give up on an answer at 4.8 s.
    deadline->setTimerType(Qt::PreciseTimer);
    deadline->setInterval(request.generates ? m_options.inferenceTimeoutMs : m_options.timeoutMs);
    connect(deadline, &QTimer::timeout, this, [exchange] {
        exchange->forced = NetError::Timeout;
        if (exchange->reply)
            exchange->reply->abort();
    });
    exchange->deadline = deadline;
    deadline->start();
    issue(exchange);
}

void HttpClient::issue(const std::shared_ptr<Exchange>& exchange) {
    const HttpRequest& request = exchange->request;
    QByteArray hostHeader;
    QNetworkRequest networkRequest(resolvedUrl(request.url, &hostHeader));
    if (!m_extraCas.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_extraCas);
        networkRequest.setSslConfiguration(tls);
    }
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setRawHeader("User-Agent", "duo-doctor/" DUO_VERSION);
    if (!hostHeader.isEmpty()) {
        networkRequest.setRawHeader("Host", hostHeader);
        networkRequest.setPeerVerifyName(request.url.host());
    }
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    QNetworkReply* reply = m_network->sendCustomRequest(networkRequest, request.method, request.body);
    exchange->reply = reply;
    exchange->body.clear();
    m_inFlight.insert(reply, exchange);
    qCDebug(lcHttp) << request.method
                    << request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);

    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        const auto current = m_inFlight.value(reply);
        if (!current)
            return;
        current->body += reply->readAll();
        if (current->body.size() > m_options.maxResponseBytes) {
            current->forced = NetError::TooLarge;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError>& errors) { onSslErrors(reply, errors); });
}

namespace {

CertificateInfo describe(const QSslCertificate& certificate) {
    auto name = [](const QStringList& parts) { return parts.join(QStringLiteral(", ")); };
    return {name(certificate.subjectInfo(QSslCertificate::CommonName)),
            name(certificate.issuerInfo(QSslCertificate::CommonName)),
            certificate.effectiveDate().toUTC().toString(Qt::ISODate),
            certificate.expiryDate().toUTC().toString(Qt::ISODate),
            QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex())};
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

QString tlsProblem(const QList<QSslError>& errors) {
    for (const TlsKind& kind : tlsKinds) {
        for (const QSslError& error : errors) {
            if (error.error() == kind.error)
                return QString::fromLatin1(kind.problem);
        }
    }
    return QStringLiteral("handshake");
}

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

} // namespace

void HttpClient::onSslErrors(QNetworkReply* reply, const QList<QSslError>& errors) {
    const auto exchange = m_inFlight.value(reply);
    if (!exchange)
        return;
    exchange->sslErrors = errors;
    qCDebug(lcHttp) << "TLS errors for" << exchange->request.url.host() << errors;
    exchange->chain.clear();
    QList<QSslCertificate> chain = reply->sslConfiguration().peerCertificateChain();
    if (chain.isEmpty() && !errors.isEmpty())
        chain = {errors.constFirst().certificate()};
    for (const QSslCertificate& certificate : chain)
        exchange->chain.append(describe(certificate));
    // A certificate the admin pinned for this host is trusted whatever the CA store says; nothing else is.
    const QString host = exchange->request.url.host();
    const QString leaf = exchange->chain.isEmpty() ? QString() : exchange->chain.constFirst().sha256;
    for (const PinnedCertificate& pin : m_options.pinned) {
        if (pin.host.compare(host, Qt::CaseInsensitive) == 0 && !leaf.isEmpty() &&
            QString(pin.sha256).remove(QLatin1Char(':')).compare(leaf, Qt::CaseInsensitive) == 0) {
            qCInfo(lcHttp) << "certificate pinned for" << host << "accepted";
            reply->ignoreSslErrors(errors);
            return;
        }
    }
}

void HttpClient::onFinished(QNetworkReply* reply) {
    reply->deleteLater();
    const auto exchange = m_inFlight.take(reply);
    if (!exchange || exchange->completed)
        return;
    if (exchange->forced == NetError::None)
        exchange->body += reply->readAll();

    HttpResult result;
    result.url = exchange->request.url;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.proxy =
        ProxyPolicy(m_options.proxy).proxyFor(exchange->request.url).toString(QUrl::RemoveUserInfo);
    result.chain = exchange->chain;
    result.redirects = exchange->hops;
    for (const auto& [name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);

    if (exchange->forced != NetError::None) {
        result.error = exchange->forced;
        result.status = exchange->forced == NetError::TooLarge ? result.status : 0;
        const qint64 limit = exchange->request.generates ? m_options.inferenceTimeoutMs : m_options.timeoutMs;
        switch (exchange->forced) {
        case NetError::Timeout:
            result.errorText = tr("no complete answer within %1 s").arg(double(limit) / 1000.0);
            break;
        case NetError::TooLarge:
            result.errorText = tr("the answer is larger than %1 bytes").arg(m_options.maxResponseBytes);
            break;
        default:
            result.errorText = tr("cancelled");
            break;
        }
        complete(exchange, std::move(result));
        return;
    }

    const QNetworkReply::NetworkError qtError = reply->error();
    // Below 200 Qt's errors are about the connection or the proxy, even after a status line arrived (a
    // truncated body); from 200 on they only echo the HTTP status, which the checks read themselves.
    const bool transportFailed = qtError != QNetworkReply::NoError && int(qtError) < 200;
    if (transportFailed && result.status > 0 && kindOf(qtError) == NetError::ConnectionClosed)
        result.problem = QStringLiteral("truncated");
    if ((result.status == 0 || transportFailed) && qtError != QNetworkReply::NoError) {
        result.status = 0;
        result.error = kindOf(qtError);
        result.errorText = reply->errorString();
        if (result.error == NetError::Tls || qtError == QNetworkReply::SslHandshakeFailedError) {
            result.error = NetError::Tls;
            result.problem = tlsProblem(exchange->sslErrors);
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
            result.errorText = tr("cannot connect to the proxy %1: %2").arg(result.proxy, result.errorText);
        }
        complete(exchange, std::move(result));
        return;
    }
    // The proxy answered instead of the target.
    if (!result.proxy.isEmpty() && (result.status == 407 || result.headers.contains("x-squid-error"))) {
        result.error = NetError::Proxy;
        result.problem = result.status == 407 ? QStringLiteral("auth_required")
                                              : proxyVerdict(result.headers.value("x-squid-error"));
        result.errorText = tr("the proxy %1 answered HTTP %2 %3")
                               .arg(result.proxy)
                               .arg(result.status)
                               .arg(QString::fromUtf8(result.headers.value("x-squid-error")));
        result.body = exchange->body;
        complete(exchange, std::move(result));
        return;
    }

    const QUrl location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (result.status >= 300 && result.status < 400 && location.isValid()) {
        const QUrl next = exchange->request.url.resolved(location);
        // A request carrying a credential never follows to another origin: the token or key would go there
        // too.
        if (!sameOrigin(next, exchange->request.url) && exchange->request.carriesSecret) {
            result.error = NetError::RedirectRefused;
            result.errorText = tr("redirected to another server (%1); not followed")
                                   .arg(next.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
            result.body = exchange->body;
            complete(exchange, std::move(result));
            return;
        }
        if (++exchange->redirects > maxRedirects) {
            result.error = NetError::RedirectRefused;
            result.errorText = tr("more than %1 redirects (a redirect loop?)").arg(maxRedirects);
            complete(exchange, std::move(result));
            return;
        }
        exchange->request.url = next;
        exchange->hops.append(next);
        issue(exchange);
        return;
    }

    result.body = std::move(exchange->body);
    complete(exchange, std::move(result));
}

void HttpClient::complete(const std::shared_ptr<Exchange>& exchange, HttpResult result) {
    exchange->completed = true;
    if (exchange->deadline)
        exchange->deadline->deleteLater();
    result.elapsedMs = exchange->clock.elapsed();
    auto done = std::move(exchange->done);
    if (done)
        done(result);
}

void HttpClient::cancelAll() {
    const auto inFlight = m_inFlight;
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it) {
        it.value()->forced = NetError::Cancelled;
        it.key()->abort();
    }
}

} // namespace duo
