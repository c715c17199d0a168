#include "core/net/httpclient.h"

#include "core/net/networkpool.h"
#include "core/net/proxypolicy.h"
#include "core/net/replyerrors.h"
#include "core/net/requestcoalescer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <utility>

Q_LOGGING_CATEGORY(lcHttp, "duo.core.http")

namespace duo {

namespace {

constexpr int maxRedirects = 5;

bool sameOrigin(const QUrl& a, const QUrl& b) {
    return a.scheme() == b.scheme() && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 &&
           a.port(a.scheme() == QLatin1String("https") ? 443 : 80) ==
               b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

bool hasCredentialHeader(const HttpRequest& request) {
    for (const auto& [name, value] : request.headers) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
            name.compare("PRIVATE-TOKEN", Qt::CaseInsensitive) == 0 ||
            name.compare("api-key", Qt::CaseInsensitive) == 0) // Azure OpenAI's key
            return true;
    }
    return false;
}

} // namespace

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
    QList<QPair<qint64, qint64>> arrivals; // with recordsProgress: (elapsed ms, body size so far)
    // Shared with identical requests of other clients: the flight's key, and whether this one sends it.
    std::shared_ptr<RequestCoalescer> coalescer;
    QByteArray sharedKey;
    bool leads = false;

    // Out of the flight without an answer; when this one was sending, another member takes over.
    void leaveFlight() {
        if (coalescer)
            coalescer->leave(sharedKey, this);
    }
};

HttpClient::HttpClient(QNetworkAccessManager* network, RunOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(NetworkPool::managerFor(network, m_options))
    , m_sharedNetwork(network) {
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
    // Nobody is told: whoever asked is going away with us. Requests that others joined go on without us.
    for (const ExchangePtr& exchange : std::exchange(m_joined, {}))
        exchange->leaveFlight();
    // Replies outlive us otherwise and would call back into a dead object.
    const auto inFlight = std::exchange(m_inFlight, {});
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        it.key()->deleteLater();
        it.value()->leaveFlight();
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
    exchange->request.carriesSecret = request.carriesSecret || hasCredentialHeader(request);
    exchange->done = std::move(done);
    exchange->clock.start();
    startDeadline(exchange);
    if (m_coalescer) {
        share(exchange);
    } else {
        exchange->leads = true;
        issue(exchange);
    }
}

QNetworkAccessManager* HttpClient::laneFor(const QUrl& url) {
    const int sent = m_sentTo[url.scheme() + QLatin1Char(':') + url.authority()]++;
    const int lane = sent / NetworkPool::connectionsPerLane;
    return lane == 0 ? m_network : NetworkPool::laneFor(m_sharedNetwork, m_options, lane);
}

void HttpClient::startDeadline(const ExchangePtr& exchange) {
    // One deadline for the whole exchange, redirects and waiting for another client's answer included.
    auto* deadline = new QTimer(this);
    deadline->setSingleShot(true);
    // A coarse timer may fire 5% early: a 5 s deadline must not give up on an answer at 4.8 s.
    deadline->setTimerType(Qt::PreciseTimer);
    deadline->setInterval(exchange->request.generates ? m_options.inferenceTimeoutMs : m_options.timeoutMs);
    connect(deadline, &QTimer::timeout, this, [this, exchange] { onDeadline(exchange); });
    exchange->deadline = deadline;
    deadline->start();
}

void HttpClient::onDeadline(const ExchangePtr& exchange) {
    exchange->forced = NetError::Timeout;
    if (exchange->reply)
        exchange->reply->abort(); // onFinished() ends it
    else if (!exchange->completed)
        endJoined(exchange, NetError::Timeout);
}

void HttpClient::share(const ExchangePtr& exchange) {
    exchange->coalescer = m_coalescer;
    exchange->sharedKey = RequestCoalescer::keyFor(exchange->request, m_options);
    const std::weak_ptr<Exchange> weak = exchange;
    RequestCoalescer::Member member{
        .id = exchange.get(),
        .client = this,
        .answer =
            [this, weak](const HttpResult& result) {
                if (const ExchangePtr joined = weak.lock())
                    answerJoined(joined, result);
            },
        .takeOver =
            [this, weak] {
                if (const ExchangePtr joined = weak.lock())
                    takeOver(joined);
            },
    };
    if (m_coalescer->join(exchange->sharedKey, std::move(member)) == RequestCoalescer::Role::Leads) {
        exchange->leads = true;
        issue(exchange);
    } else {
        m_joined.append(exchange);
    }
}

void HttpClient::takeOver(const ExchangePtr& exchange) {
    if (exchange->completed)
        return;
    m_joined.removeOne(exchange);
    exchange->leads = true;
    issue(exchange);
}

void HttpClient::answerJoined(const ExchangePtr& exchange, const HttpResult& result) {
    if (exchange->completed)
        return;
    m_joined.removeOne(exchange);
    finish(exchange, result); // the leader's answer as it came, with its time
}

void HttpClient::endJoined(const ExchangePtr& exchange, NetError why) {
    m_joined.removeOne(exchange);
    exchange->leaveFlight();
    exchange->forced = why;
    HttpResult result = resultOf(*exchange, nullptr);
    readForcedEnd(*exchange, result);
    complete(exchange, std::move(result));
}

void HttpClient::issue(const ExchangePtr& exchange) {
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
    if (request.http2PriorKnowledge) {
        networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
        networkRequest.setAttribute(QNetworkRequest::Http2DirectAttribute,
                                    request.url.scheme() == QLatin1String("http"));
    }
    if (!hostHeader.isEmpty()) {
        networkRequest.setRawHeader("Host", hostHeader);
        networkRequest.setPeerVerifyName(request.url.host());
    }
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    QNetworkReply* reply =
        laneFor(networkRequest.url())->sendCustomRequest(networkRequest, request.method, request.body);
    exchange->reply = reply;
    exchange->body.clear();
    m_inFlight.insert(reply, exchange);
    qCDebug(lcHttp) << request.method
                    << request.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);

    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError>& errors) { onSslErrors(reply, errors); });
}

void HttpClient::onReadyRead(QNetworkReply* reply) {
    const auto current = m_inFlight.value(reply);
    if (!current)
        return;
    current->body += reply->readAll();
    if (current->request.recordsProgress)
        current->arrivals.append({current->clock.elapsed(), current->body.size()});
    if (current->body.size() > m_options.maxResponseBytes) {
        current->forced = NetError::TooLarge;
        reply->abort();
    }
}

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
        exchange->chain.append(describeCertificate(certificate));
    // A certificate the admin pinned for this host is trusted whatever the CA store says; nothing else is.
    const QString host = exchange->request.url.host();
    const QString leaf = exchange->chain.isEmpty() ? QString() : exchange->chain.constFirst().sha256;
    if (isPinned(m_options.pinned, host, leaf)) {
        qCInfo(lcHttp) << "certificate pinned for" << host << "accepted";
        reply->ignoreSslErrors(errors);
    }
}

void HttpClient::onFinished(QNetworkReply* reply) {
    reply->deleteLater();
    const auto exchange = m_inFlight.take(reply);
    if (!exchange || exchange->completed)
        return;
    if (exchange->forced == NetError::None) {
        const QByteArray rest = reply->readAll();
        exchange->body += rest;
        if (exchange->request.recordsProgress && !rest.isEmpty())
            exchange->arrivals.append({exchange->clock.elapsed(), exchange->body.size()});
    }
    HttpResult result = resultOf(*exchange, reply);
    if (exchange->request.recordsProgress) {
        // What a stream delivered before it ended, however it ended.
        result.arrivals = exchange->arrivals;
        result.body = exchange->body;
    }
    if (exchange->forced != NetError::None) {
        readForcedEnd(*exchange, result);
    } else if (!readTransportFailure(*reply, exchange->sslErrors, result)) {
        if (readProxyAnswer(result))
            result.body = exchange->body;
        else if (followRedirect(exchange, *reply, result))
            return;
        else if (result.error == NetError::None)
            result.body = std::move(exchange->body);
    }
    complete(exchange, std::move(result));
}

HttpResult HttpClient::resultOf(const Exchange& exchange, const QNetworkReply* reply) const {
    HttpResult result;
    result.url = exchange.request.url;
    result.proxy = ProxyPolicy(m_options.proxy).proxyFor(exchange.request.url).toString(QUrl::RemoveUserInfo);
    result.chain = exchange.chain;
    result.redirects = exchange.hops;
    if (reply) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
    }
    return result;
}

void HttpClient::readForcedEnd(const Exchange& exchange, HttpResult& result) const {
    result.error = exchange.forced;
    if (exchange.forced != NetError::TooLarge)
        result.status = 0;
    const qint64 limit = exchange.request.generates ? m_options.inferenceTimeoutMs : m_options.timeoutMs;
    switch (exchange.forced) {
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
}

bool HttpClient::followRedirect(const ExchangePtr& exchange, const QNetworkReply& reply, HttpResult& result) {
    const QUrl location = reply.attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (result.status < 300 || result.status >= 400 || !location.isValid())
        return false;
    const QUrl next = exchange->request.url.resolved(location);
    // A request carrying a credential never follows to another origin: the token or key would go there too.
    if (!sameOrigin(next, exchange->request.url) && exchange->request.carriesSecret) {
        result.error = NetError::RedirectRefused;
        result.errorText = tr("redirected to another server (%1); not followed")
                               .arg(next.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
        result.body = exchange->body;
        return false;
    }
    if (++exchange->redirects > maxRedirects) {
        result.error = NetError::RedirectRefused;
        result.errorText = tr("more than %1 redirects (a redirect loop?)").arg(maxRedirects);
        return false;
    }
    exchange->request.url = next;
    exchange->hops.append(next);
    issue(exchange);
    return true;
}

void HttpClient::complete(const ExchangePtr& exchange, HttpResult result) {
    result.elapsedMs = exchange->clock.elapsed();
    // The sender answers the clients that joined first; a cancelled one hands the request to one of them.
    if (exchange->leads && exchange->coalescer)
        exchange->coalescer->complete(exchange->sharedKey, exchange.get(), result);
    finish(exchange, result);
}

void HttpClient::finish(const ExchangePtr& exchange, const HttpResult& result) {
    exchange->completed = true;
    if (exchange->deadline)
        exchange->deadline->deleteLater();
    auto done = std::move(exchange->done);
    if (done)
        done(result);
}

void HttpClient::cancelAll() {
    // Joined requests leave their flights first: a flight this client sends then goes to another client.
    for (const ExchangePtr& exchange : std::exchange(m_joined, {}))
        endJoined(exchange, NetError::Cancelled);
    const auto inFlight = m_inFlight;
    for (auto it = inFlight.cbegin(); it != inFlight.cend(); ++it) {
        it.value()->forced = NetError::Cancelled;
        it.key()->abort();
    }
}

} // namespace duo
