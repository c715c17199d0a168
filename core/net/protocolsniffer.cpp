#include "core/net/protocolsniffer.h"

#include <QSslSocket>

namespace duo {

namespace {

// The HTTP/2 client connection preface (RFC 9113, 3.4) followed by an empty SETTINGS frame.
const QByteArray http2Preface = QByteArrayLiteral("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") +
                                QByteArray("\x00\x00\x00\x04\x00\x00\x00\x00\x00", 9);

constexpr int listenWindowMs = 1500; // a server's first bytes come at once; TLS servers may say nothing
constexpr int keptBytes = 256;
constexpr int minimumTlsMs = 200;

struct TransportName {
    Transport transport;
    const char* key;
};
constexpr TransportName transportNames[] = {
    {Transport::None, "none"},
    {Transport::H2c, "h2c"},
    {Transport::Tls, "tls"},
    {Transport::Http1, "http1"},
};

// A frame header with type SETTINGS (4) on stream 0: the first thing an HTTP/2 server sends.
bool isSettingsFrame(const QByteArray& bytes) {
    return bytes.size() >= 9 && bytes.at(3) == '\x04' && (quint8(bytes.at(4)) & 0xfe) == 0 &&
           bytes.mid(5, 4) == QByteArray(4, '\0');
}

// A TLS record header: alert (21) or handshake (22), version 3.x.
bool isTlsRecord(const QByteArray& bytes) {
    return bytes.size() >= 2 && (bytes.at(0) == '\x15' || bytes.at(0) == '\x16') && bytes.at(1) == '\x03';
}

// What the first bytes say; nullopt while they may still become one of the known starts.
std::optional<Transport> recognise(const QByteArray& bytes) {
    if (isSettingsFrame(bytes))
        return Transport::H2c;
    if (bytes.startsWith("HTTP/1."))
        return Transport::Http1;
    if (isTlsRecord(bytes))
        return Transport::Tls;
    if (bytes.size() < 9)
        return std::nullopt;
    return Transport::None;
}

} // namespace

QString transportKey(Transport transport) {
    for (const TransportName& name : transportNames) {
        if (name.transport == transport)
            return QString::fromLatin1(name.key);
    }
    return QStringLiteral("none");
}

ProtocolSniffer::ProtocolSniffer(RunOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    m_listen.setSingleShot(true);
    connect(&m_listen, &QTimer::timeout, this, &ProtocolSniffer::judgePlain);
}

RawTarget ProtocolSniffer::target(RawTarget::Tls tls) const {
    RawTarget target{.host = m_host, .port = m_port, .tls = tls};
    if (tls != RawTarget::Tls::None)
        target.alpn = {QByteArrayLiteral("h2")};
    return target;
}

void ProtocolSniffer::start(const QString& host, int port, Done done) {
    m_host = host;
    m_port = port;
    m_done = std::move(done);
    m_connection = new RawConnection(m_options, this);
    m_connection->open(
        target(RawTarget::Tls::None), m_options.timeoutMs, [this] { onPlainReady(); },
        [this](const HttpResult& failure) {
            if (m_listen.isActive())
                return judgePlain();
            finish(Transport::None, failure);
        });
}

void ProtocolSniffer::onPlainReady() {
    m_result.connection = m_connection->failure(NetError::None, {});
    QSslSocket* socket = m_connection->socket();
    connect(socket, &QIODevice::readyRead, this, &ProtocolSniffer::onPlainBytes);
    connect(socket, &QAbstractSocket::disconnected, this, &ProtocolSniffer::judgePlain);
    socket->write(http2Preface);
    m_listen.start(std::min(listenWindowMs, m_connection->remainingMs()));
}

void ProtocolSniffer::onPlainBytes() {
    if (!m_listen.isActive() || !m_connection)
        return;
    m_result.firstBytes += m_connection->socket()->read(keptBytes - m_result.firstBytes.size());
    if (recognise(m_result.firstBytes) || m_result.firstBytes.size() >= keptBytes)
        judgePlain();
}

void ProtocolSniffer::judgePlain() {
    if (!m_listen.isActive() || !m_connection)
        return;
    m_listen.stop();
    m_result.firstBytes += m_connection->socket()->read(keptBytes - m_result.firstBytes.size());
    const std::optional<Transport> transport = recognise(m_result.firstBytes);
    const int remaining = m_connection->remainingMs();
    m_connection->close();
    m_connection->deleteLater();
    if (m_result.firstBytes.isEmpty() && remaining >= minimumTlsMs)
        return tryTls(remaining);
    finish(transport.value_or(Transport::None), m_result.connection);
}

void ProtocolSniffer::tryTls(int remainingMs) {
    m_connection = new RawConnection(m_options, this);
    m_connection->open(
        target(RawTarget::Tls::Probe), remainingMs,
        [this] {
            m_result.alpn = m_connection->negotiatedProtocol();
            finish(Transport::Tls, m_result.connection);
        },
        [this](const HttpResult&) { finish(Transport::None, m_result.connection); });
}

void ProtocolSniffer::finish(Transport transport, const HttpResult& connection) {
    if (m_finished)
        return;
    m_finished = true;
    m_listen.stop();
    if (m_connection) {
        m_connection->close();
        m_connection->deleteLater();
    }
    m_result.transport = transport;
    m_result.connection = connection;
    if (m_done)
        m_done(m_result);
}

} // namespace duo
