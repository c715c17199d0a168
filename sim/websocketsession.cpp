#include "sim/websocketsession.h"

#include <QCryptographicHash>
#include <QTcpSocket>

#include <optional>

namespace duo::sim {

namespace {

constexpr int opcodeClose = 0x8;
constexpr int opcodePing = 0x9;
constexpr int opcodePong = 0xA;
constexpr quint16 normalClosure = 1000;
constexpr quint16 protocolError = 1002;

quint64 bigEndian(const QByteArray& bytes, qsizetype from, int count) {
    quint64 value = 0;
    for (int i = 0; i < count; ++i)
        value = (value << 8) | static_cast<unsigned char>(bytes.at(from + i));
    return value;
}

struct Frame {
    int opcode = 0;
    bool masked = false;
    QByteArray payload;
    qsizetype size = 0; // bytes the frame takes in the buffer
};

// The first complete frame of buffer, its payload unmasked; none while more bytes are needed.
std::optional<Frame> parseFrame(const QByteArray& buffer) {
    if (buffer.size() < 2)
        return std::nullopt;
    Frame frame;
    frame.opcode = buffer.at(0) & 0x0F;
    frame.masked = (buffer.at(1) & 0x80) != 0;
    quint64 length = buffer.at(1) & 0x7F;
    qsizetype offset = 2;
    const int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    if (buffer.size() < offset + extended)
        return std::nullopt;
    if (extended > 0)
        length = bigEndian(buffer, offset, extended);
    offset += extended;
    const qsizetype maskAt = offset;
    offset += frame.masked ? 4 : 0;
    if (length > quint64(1 << 20) || quint64(buffer.size() - offset) < length)
        return std::nullopt;
    frame.payload = buffer.mid(offset, static_cast<qsizetype>(length));
    for (qsizetype i = 0; frame.masked && i < frame.payload.size(); ++i)
        frame.payload[i] = static_cast<char>(frame.payload.at(i) ^ buffer.at(maskAt + i % 4));
    frame.size = offset + static_cast<qsizetype>(length);
    return frame;
}

} // namespace

QByteArray webSocketAccept(const QByteArray& key) {
    const QByteArray keyAndGuid = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    return QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
}

QByteArray webSocketFrame(int opcode, const QByteArray& payload) {
    QByteArray frame(1, static_cast<char>(0x80 | opcode));
    if (payload.size() < 126) {
        frame += static_cast<char>(payload.size());
    } else {
        frame += static_cast<char>(126);
        frame += static_cast<char>((payload.size() >> 8) & 0xFF);
        frame += static_cast<char>(payload.size() & 0xFF);
    }
    return frame + payload;
}

WebSocketSession::WebSocketSession(QTcpSocket* socket, const QByteArray& early, int closeCode)
    : QObject(socket)
    , m_socket(socket)
    , m_buffer(early) {
    if (closeCode > 0) {
        close(static_cast<quint16>(closeCode));
        return;
    }
    connect(socket, &QTcpSocket::readyRead, this, &WebSocketSession::onReadyRead);
    onReadyRead();
}

void WebSocketSession::onReadyRead() {
    m_buffer += m_socket->readAll();
    while (!m_closed && takeFrame()) {
    }
}

bool WebSocketSession::takeFrame() {
    const std::optional<Frame> frame = parseFrame(m_buffer);
    if (!frame)
        return false;
    m_buffer.remove(0, frame->size);
    if (!frame->masked) // a client masks every frame
        close(protocolError);
    else if (frame->opcode == opcodeClose)
        close(frame->payload.size() >= 2 ? static_cast<quint16>(bigEndian(frame->payload, 0, 2))
                                         : normalClosure);
    else if (frame->opcode == opcodePing)
        m_socket->write(webSocketFrame(opcodePong, frame->payload));
    return true;
}

void WebSocketSession::close(quint16 code) {
    m_closed = true;
    QByteArray payload;
    payload += static_cast<char>(code >> 8);
    payload += static_cast<char>(code & 0xFF);
    m_socket->write(webSocketFrame(opcodeClose, payload));
    m_socket->disconnectFromHost();
}

} // namespace duo::sim
