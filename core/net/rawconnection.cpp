#include "core/net/rawconnection.h"

#include "core/net/replyerrors.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>

Q_LOGGING_CATEGORY(lcRaw, "duo.core.raw")

namespace duo {

namespace {

struct RawText {
    Q_DECLARE_TR_FUNCTIONS(duo::HttpClient)
};

constexpr int maxTunnelAnswer = 16 * 1024;
constexpr int defaultProxyPort = 1080; // curl's

struct SocketErrorKind {
    QAbstractSocket::SocketError socket;
    NetError kind;
};
constexpr SocketErrorKind socketErrorKinds[] = {
    {QAbstractSocket::HostNotFoundError, NetError::HostNotFound},
    {QAbstractSocket::ConnectionRefusedError, NetError::ConnectionRefused},
    {QAbstractSocket::SocketTimeoutError, NetError::Timeout},
    {QAbstractSocket::RemoteHostClosedError, NetError::ConnectionClosed},
    {QAbstractSocket::SslHandshakeFailedError, NetError::Tls},
    {QAbstractSocket::SslInternalError, NetError::Tls},
    {QAbstractSocket::SslInvalidUserDataError, NetError::Tls},
};

NetError kindOf(QAbstractSocket::SocketError error) {
    for (const SocketErrorKind& entry : socketErrorKinds) {
        if (entry.socket == error)
            return entry.kind;
    }
    return NetError::Other;
}

// The value of one header in an HTTP/1 head, empty when absent.
QByteArray headerValue(const QByteArray& head, const QByteArray& lowerName) {
    for (const QByteArray& line : head.split('\n')) {
        const int colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == lowerName)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

RawConnection::RawConnection(RunOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &RawConnection::onDeadline);
}

RawConnection::~RawConnection() {
    if (m_socket)
        m_socket->disconnect(this);
}

void RawConnection::open(const RawTarget& target, int deadlineMs, Ready ready, Failed failed) {
    m_target = target;
    m_ready = std::move(ready);
    m_failed = std::move(failed);
    m_clock.start();
    m_deadline.start(deadlineMs);
    m_socket = new QSslSocket(this);
    m_socket->setProxy(QNetworkProxy::NoProxy); // a tunnel, when wanted, is ours: CONNECT below
    connect(m_socket, &QAbstractSocket::connected, this, &RawConnection::onConnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &RawConnection::onError);
    connect(m_socket, &QSslSocket::sslErrors, this, &RawConnection::onSslErrors);
    connect(m_socket, &QSslSocket::encrypted, this, &RawConnection::succeed);
    connectSocket();
}

void RawConnection::connectSocket() {
    const bool proxied = !m_target.proxy.isEmpty();
    const QString host = proxied ? m_target.proxy.host() : m_target.host;
    const int port = proxied ? m_target.proxy.port(defaultProxyPort) : m_target.port;
    QString address = host;
    for (const ResolveEntry& entry : m_options.resolve) {
        if (entry.host.compare(host, Qt::CaseInsensitive) == 0 && entry.port == port)
            address = entry.address;
    }
    qCDebug(lcRaw) << "connecting to" << host << port << (proxied ? "(proxy)" : "");
    m_socket->connectToHost(address, quint16(port));
}

void RawConnection::onConnected() {
    if (m_target.proxy.isEmpty())
        return m_target.tls == RawTarget::Tls::None ? succeed() : startTls();
    const QByteArray authority = m_target.host.toUtf8() + ':' + QByteArray::number(m_target.port);
    QByteArray head = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (!m_target.proxy.userName().isEmpty())
        head +=
            "Proxy-Authorization: Basic " +
            (m_target.proxy.userName() + QLatin1Char(':') + m_target.proxy.password()).toUtf8().toBase64() +
            "\r\n";
    m_socket->write(head + "\r\n");
    connect(m_socket, &QIODevice::readyRead, this, &RawConnection::onTunnelAnswer);
}

void RawConnection::onTunnelAnswer() {
    m_tunnelAnswer += m_socket->read(maxTunnelAnswer - m_tunnelAnswer.size());
    const int end = m_tunnelAnswer.indexOf("\r\n\r\n");
    if (end < 0 && m_tunnelAnswer.size() < maxTunnelAnswer)
        return;
    disconnect(m_socket, &QIODevice::readyRead, this, &RawConnection::onTunnelAnswer);
    const QByteArray head = m_tunnelAnswer.left(end);
    const QList<QByteArray> statusLine = head.left(head.indexOf('\r')).split(' ');
    const int status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    if (status >= 200 && status < 300)
        return m_target.tls == RawTarget::Tls::None ? succeed() : startTls();
    const QString proxy = m_target.proxy.toString(QUrl::RemoveUserInfo);
    fail(failure(NetError::Proxy, RawText::tr("the proxy %1 answered HTTP %2").arg(proxy).arg(status),
                 proxyProblem(status, headerValue(head, "x-squid-error"))));
}

void RawConnection::startTls() {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (m_target.tls == RawTarget::Tls::Probe) {
        tls.setPeerVerifyMode(QSslSocket::QueryPeer);
    } else if (!m_options.caFile.isEmpty()) {
        QString error;
        tls.addCaCertificates(HttpClient::loadCaFile(m_options.caFile, &error));
    }
    if (!m_target.alpn.isEmpty())
        tls.setAllowedNextProtocols(m_target.alpn);
    m_socket->setSslConfiguration(tls);
    m_socket->setPeerVerifyName(m_target.host);
    m_socket->startClientEncryption();
}

void RawConnection::onSslErrors(const QList<QSslError>& errors) {
    m_sslErrors = errors;
    m_chain.clear();
    QList<QSslCertificate> chain = m_socket->peerCertificateChain();
    if (chain.isEmpty() && !errors.isEmpty())
        chain = {errors.constFirst().certificate()};
    for (const QSslCertificate& certificate : chain)
        m_chain.append(describeCertificate(certificate));
    const QString leaf = m_chain.isEmpty() ? QString() : m_chain.constFirst().sha256;
    if (m_target.tls == RawTarget::Tls::Probe || isPinned(m_options.pinned, m_target.host, leaf))
        m_socket->ignoreSslErrors(errors);
}

void RawConnection::onError() {
    if (m_done)
        return; // the stream is the caller's now
    const QAbstractSocket::SocketError error = m_socket->error();
    NetError kind = kindOf(error);
    QString text = m_socket->errorString();
    QString problem;
    if (kind == NetError::Tls || !m_sslErrors.isEmpty()) {
        kind = NetError::Tls;
        problem = tlsProblem(m_sslErrors);
    } else if (!m_target.proxy.isEmpty() && m_tunnelAnswer.isEmpty() && !m_socket->isValid() &&
               (kind == NetError::ConnectionRefused || kind == NetError::HostNotFound)) {
        // The connection that could not be opened was the one to the proxy.
        problem =
            kind == NetError::ConnectionRefused ? QStringLiteral("refused") : QStringLiteral("not_found");
        kind = NetError::Proxy;
        text = RawText::tr("cannot connect to the proxy %1: %2")
                   .arg(m_target.proxy.toString(QUrl::RemoveUserInfo), text);
    }
    fail(failure(kind, text, problem));
}

void RawConnection::onDeadline() {
    const HttpResult timedOut = failure(
        NetError::Timeout,
        RawText::tr("no complete answer within %1 s").arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1));
    if (!m_done)
        return fail(timedOut);
    if (m_failed)
        m_failed(timedOut);
}

void RawConnection::succeed() {
    if (m_done)
        return;
    m_done = true;
    if (m_chain.isEmpty()) {
        for (const QSslCertificate& certificate : m_socket->peerCertificateChain())
            m_chain.append(describeCertificate(certificate));
    }
    if (m_ready)
        m_ready();
}

void RawConnection::fail(const HttpResult& failure) {
    if (m_done)
        return;
    m_done = true;
    m_socket->abort();
    if (m_failed)
        m_failed(failure);
}

int RawConnection::remainingMs() const {
    return m_deadline.isActive() ? m_deadline.remainingTime() : 0;
}

QByteArray RawConnection::negotiatedProtocol() const {
    return m_socket ? m_socket->sslConfiguration().nextNegotiatedProtocol() : QByteArray();
}

QUrl RawConnection::describedUrl() const {
    QUrl url;
    url.setScheme(m_target.tls == RawTarget::Tls::None ? QStringLiteral("http") : QStringLiteral("https"));
    url.setHost(m_target.host);
    url.setPort(m_target.port);
    return url;
}

HttpResult RawConnection::failure(NetError error, const QString& text, const QString& problem) const {
    HttpResult result;
    result.url = describedUrl();
    result.proxy = m_target.proxy.toString(QUrl::RemoveUserInfo);
    result.chain = m_chain;
    result.error = error;
    result.errorText = text;
    result.problem = problem;
    result.elapsedMs = m_clock.elapsed();
    return result;
}

void RawConnection::close() {
    m_deadline.stop();
    m_done = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

} // namespace duo
