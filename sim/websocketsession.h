#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace duo::sim {

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455: SHA-1 of key and GUID, in base64).
QByteArray webSocketAccept(const QByteArray& key);

// A WebSocket frame as a server sends it: final, unmasked.
QByteArray webSocketFrame(int opcode, const QByteArray& payload);

// The server's side of an upgraded connection, as GitLab's /api/v4/ai/duo_workflows/ws keeps it: answers
// pings, and a client's close with the same close (1000 when the client gave no code), then hangs up. With a
// closeCode it closes with that code at once instead, as a session that fails right after 101 does. A child
// of the socket.
class WebSocketSession : public QObject {
public:
    WebSocketSession(QTcpSocket* socket, const QByteArray& early, int closeCode = 0);

private:
    void onReadyRead();
    bool takeFrame(); // false when the buffer holds no complete frame
    void close(quint16 code);

    QTcpSocket* m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
};

} // namespace duo::sim
