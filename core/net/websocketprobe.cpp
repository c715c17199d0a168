#include "core/net/websocketprobe.h"

#include "core/net/proxypolicy.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSslSocket>

#include <optional>

Q_LOGGING_CATEGORY(lcWebSocket, "duo.core.websocket")

namespace duo {

namespace {

constexpr int maxHead = 64 * 1024;
constexpr int maxBody = 64 * 1024;
constexpr int earlyCloseWindowMs = 300; // a session that fails right after 101 closes at once
constexpr int closeReplyWindowMs = 1000;
constexpr int bodyWindowMs = 500; // an error body without Content-Length
constexpr quint16 normalClosure = 1000;
constexpr quint16 noStatusCode = 1005;
constexpr quint16 abnormalClosure = 1006;
constexpr int closeOpcode = 8;

struct Frame {
    int opcode = 0;
    QByteArray payload;
};

// Takes one complete frame off the front of the buffer (RFC 6455, 5.2); nullopt while it is incomplete.
std::optional<Frame> takeFrame(QByteArray& buffer) {
    if (buffer.size() < 2)
        return std::nullopt;
    const auto byte = [&buffer](qsizetype i) { return quint64(quint8(buffer.at(i))); };
    quint64 length = byte(1) & 0x7f;
    qsizetype offset = 2;
    if (length == 126 || length == 127) {
        const int size = length == 126 ? 2 : 8;
        if (buffer.size() < 2 + size)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < size; ++i)
            length = (length << 8) | byte(2 + i);
        offset += size;
    }
    const bool masked = (byte(1) & 0x80) != 0;
    const qsizetype mask = offset;
    if (masked)
        offset += 4;
    if (length > quint64(maxBody) || quint64(buffer.size()) < quint64(offset) + length)
        return std::nullopt;
    Frame frame{int(byte(0) & 0x0f), buffer.mid(offset, qsizetype(length))};
    for (qsizetype i = 0; masked && i < frame.payload.size(); ++i)
        frame.payload[i] = char(frame.payload.at(i) ^ buffer.at(mask + i % 4));
    buffer.remove(0, offset + qsizetype(length));
    return frame;
}

int closeCodeOf(const QByteArray& payload) {
    return payload.size() >= 2 ? (quint8(payload.at(0)) << 8) | quint8(payload.at(1)) : noStatusCode;
}

// A client's frames are masked (RFC 6455, 5.3).
QByteArray maskedCloseFrame(quint16 code) {
    const quint32 mask = QRandomGenerator::system()->generate();
    QByteArray frame("\x88\x82", 2);
    for (int shift = 24; shift >= 0; shift -= 8)
        frame += char((mask >> shift) & 0xff);
    const char payload[2] = {char(code >> 8), char(code & 0xff)};
    for (int i = 0; i < 2; ++i)
        frame += char(payload[i] ^ frame.at(2 + i));
    return frame;
}

bool headerHas(const HttpResult& http, const QByteArray& name, const QByteArray& token) {
    return http.header(name).toLower().contains(token);
}

} // namespace

WebSocketProbe::WebSocketProbe(RunOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options)) {
    m_quiet.setSingleShot(true);
    connect(&m_quiet, &QTimer::timeout, this, &WebSocketProbe::onQuiet);
}

QByteArray WebSocketProbe::acceptFor(const QByteArray& key) {
    const QByteArray keyed = QByteArray(key).append("258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    return QCryptographicHash::hash(keyed, QCryptographicHash::Sha1).toBase64();
}

void WebSocketProbe::start(const QUrl& url, const Headers& headers, Done done) {
    m_url = url;
    m_done = std::move(done);
    QByteArray nonce(16, '\0');
    for (char& byte : nonce)
        byte = char(QRandomGenerator::system()->bounded(256));
    m_key = nonce.toBase64();
    const bool https = url.scheme() == QLatin1String("https");
    RawTarget target{.host = url.host(),
                     .port = url.port(https ? 443 : 80),
                     .proxy = ProxyPolicy(m_options.proxy).proxyFor(url),
                     .tls = https ? RawTarget::Tls::Verified : RawTarget::Tls::None};
    if (https)
        target.alpn = {QByteArrayLiteral("http/1.1")}; // an upgrade is HTTP/1.1 only
    m_connection = new RawConnection(m_options, this);
    m_connection->open(
        target, m_options.timeoutMs, [this, headers] { onReady(headers); },
        [this](const HttpResult& failure) {
            if (m_phase == Phase::Head)
                m_outcome.http = failure;
            finish();
        });
}

void WebSocketProbe::onReady(const Headers& headers) {
    m_outcome.http = m_connection->failure(NetError::None, {});
    m_outcome.http.url = m_url;
    // Workhorse accepts the upgrade only when Origin names the same host and port as Host.
    QByteArray authority = m_url.host(QUrl::FullyEncoded).toLatin1();
    if (m_url.port() != -1)
        authority += ':' + QByteArray::number(m_url.port());
    QByteArray path = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: " + authority +
                         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + m_key +
                         "\r\nSec-WebSocket-Version: 13\r\nOrigin: " + m_url.scheme().toLatin1() + "://" +
                         authority + "\r\nUser-Agent: duo-doctor/" DUO_VERSION "\r\n";
    for (const auto& [name, value] : headers)
        request += name + ": " + value + "\r\n";
    QSslSocket* socket = m_connection->socket();
    connect(socket, &QIODevice::readyRead, this, &WebSocketProbe::onBytes);
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        if (m_phase == Phase::Frames)
            m_outcome.serverCloseCode = abnormalClosure;
        if (m_phase == Phase::Head) {
            m_outcome.http.error = NetError::ConnectionClosed;
            m_outcome.http.errorText = tr("the server closed the connection before answering");
        }
        finish();
    });
    socket->write(request + "\r\n");
    qCDebug(lcWebSocket) << "upgrade requested for" << m_url.toDisplayString(QUrl::RemoveUserInfo);
}

void WebSocketProbe::onBytes() {
    if (!m_connection)
        return;
    m_buffer += m_connection->socket()->readAll();
    switch (m_phase) {
    case Phase::Head:
        return readHead();
    case Phase::Body:
        return readBody();
    case Phase::Frames:
    case Phase::Closing:
        return readFrames();
    case Phase::Done:
        return;
    }
}

void WebSocketProbe::readHead() {
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > maxHead) {
            m_outcome.http.error = NetError::TooLarge;
            m_outcome.http.errorText = tr("the answer's head is larger than %1 bytes").arg(maxHead);
            finish();
        }
        return;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
    HttpResult& http = m_outcome.http;
    http.status =
        statusLine.size() > 1 && statusLine.constFirst().startsWith("HTTP/1.") ? statusLine.at(1).toInt() : 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            http.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                lines.at(i).mid(colon + 1).trimmed());
    }
    m_buffer.remove(0, end + 4);
    if (http.status == 0) {
        http.error = NetError::Other;
        http.errorText = tr("not an HTTP/1.1 answer");
        return finish();
    }
    if (http.status != 101) {
        bool ok = false;
        m_bodyLength = http.header("content-length").toLongLong(&ok);
        if (!ok)
            m_bodyLength = -1;
        m_phase = Phase::Body;
        m_quiet.start(std::min(bodyWindowMs, m_connection->remainingMs()));
        return readBody();
    }
    m_outcome.acceptValid = headerHas(http, "upgrade", "websocket") &&
                            headerHas(http, "connection", "upgrade") &&
                            http.header("sec-websocket-accept") == acceptFor(m_key);
    if (!m_outcome.acceptValid)
        return finish();
    m_phase = Phase::Frames;
    m_quiet.start(std::min(earlyCloseWindowMs, m_connection->remainingMs()));
    readFrames();
}

void WebSocketProbe::readBody() {
    m_outcome.http.body += m_buffer.left(maxBody - m_outcome.http.body.size());
    m_buffer.clear();
    if (m_outcome.http.body.size() >= maxBody ||
        (m_bodyLength >= 0 && m_outcome.http.body.size() >= m_bodyLength))
        finish();
}

void WebSocketProbe::readFrames() {
    while (const std::optional<Frame> frame = takeFrame(m_buffer)) {
        if (frame->opcode != closeOpcode)
            continue; // Agent Platform messages: not ours to read
        const int code = closeCodeOf(frame->payload);
        if (m_phase == Phase::Frames) {
            m_outcome.serverCloseCode = code;
            sendClose(quint16(code == noStatusCode ? normalClosure : code)); // echo, as RFC 6455 asks
        } else {
            m_outcome.replyCloseCode = code;
        }
        return finish();
    }
}

void WebSocketProbe::onQuiet() {
    if (m_phase == Phase::Frames) {
        sendClose(normalClosure);
        m_phase = Phase::Closing;
        m_quiet.start(std::min(closeReplyWindowMs, std::max(m_connection->remainingMs(), 1)));
        return;
    }
    finish();
}

void WebSocketProbe::sendClose(quint16 code) {
    if (m_connection)
        m_connection->socket()->write(maskedCloseFrame(code));
}

void WebSocketProbe::finish() {
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_quiet.stop();
    if (m_connection) {
        m_connection->socket()->flush();
        m_connection->close();
        m_connection->deleteLater();
    }
    if (m_done)
        m_done(m_outcome);
}

} // namespace duo
