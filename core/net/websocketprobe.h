#pragma once

#include "core/net/rawconnection.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace duo {

// How a WebSocket handshake and its close went.
struct WebSocketOutcome {
    HttpResult http;          // the handshake's answer (status, headers, body), or why none came
    bool acceptValid = false; // 101 with Upgrade: websocket and the right Sec-WebSocket-Accept
    int serverCloseCode = 0;  // the server closed first, right after 101 (1006: it hung up without a frame)
    int replyCloseCode = 0;   // the server's answer to our close 1000 (0: none in time)
};

// Opens one WebSocket the way an IDE does — an HTTP/1.1 upgrade on a raw socket (Qt's QWebSocket hides a
// failed handshake's status and headers), through the run's proxy with CONNECT, TLS trusted as every request
// is — then closes it properly: a masked close frame 1000, and the server's close read briefly.
class WebSocketProbe : public QObject {
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Done = std::function<void(const WebSocketOutcome&)>;

    WebSocketProbe(RunOptions options, QObject* parent = nullptr);

    // url: http:// or https://; headers: extra request headers (a token: never logged). Calls done once,
    // within options.timeoutMs.
    void start(const QUrl& url, const Headers& headers, Done done);

    // Sec-WebSocket-Accept for a key (RFC 6455: SHA-1 of the key and a fixed GUID, in base64).
    static QByteArray acceptFor(const QByteArray& key);

private:
    enum class Phase { Head, Body, Frames, Closing, Done };

    void onReady(const Headers& headers);
    void onBytes();
    void readHead();
    void readBody();
    void readFrames();
    void onQuiet();
    void sendClose(quint16 code);
    void finish();

    RunOptions m_options;
    QUrl m_url;
    QByteArray m_key;
    Done m_done;
    QPointer<RawConnection> m_connection;
    Phase m_phase = Phase::Head;
    QByteArray m_buffer;
    qint64 m_bodyLength = -1;
    QTimer m_quiet; // how long to wait for a server's close, or for the rest of an error body
    WebSocketOutcome m_outcome;
};

} // namespace duo
