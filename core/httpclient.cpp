#include "httpclient.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
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
};

HttpClient::HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_options(std::move(options)) {}

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
    auto exchange = std::make_shared<Exchange>();
    exchange->request = request;
    exchange->done = std::move(done);
    exchange->clock.start();

    // One deadline for the whole exchange, redirects included.
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
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
    if (result.status == 0 && qtError != QNetworkReply::NoError) {
        result.error = kindOf(qtError);
        result.errorText = reply->errorString();
        complete(exchange, std::move(result));
        return;
    }

    const QUrl location = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (result.status >= 300 && result.status < 400 && location.isValid()) {
        const QUrl next = exchange->request.url.resolved(location);
        if (!sameOrigin(next, exchange->request.url)) {
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
