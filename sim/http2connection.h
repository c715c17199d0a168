#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

#include <cstdint>
#include <functional>
#include <map>

class QTcpSocket;
struct nghttp2_session;

namespace duo::sim {

using Http2Headers = QList<QPair<QByteArray, QByteArray>>;

struct Http2Request {
    Http2Headers headers; // as received, pseudo-headers (:method, :path…) included
    QByteArray body;

    QByteArray header(const QByteArray& lowerName) const;
};

// One answer: the headers (with :status), the body, then the trailers. Neither body nor trailers: the headers
// end the stream, as gRPC's Trailers-Only answer does.
struct Http2Response {
    Http2Headers headers;
    QByteArray body = {};
    Http2Headers trailers = {};
};

using Http2Handler = std::function<Http2Response(const Http2Request&)>;

// The server side of HTTP/2 on one connected socket, plain or already encrypted: nghttp2 frames, this glue
// moves the bytes. Its SETTINGS go out at once, as a gRPC server's do. A child of the socket.
class Http2Connection : public QObject {
public:
    Http2Connection(QTcpSocket* socket, Http2Handler handler);
    ~Http2Connection() override;

    Http2Connection(const Http2Connection&) = delete;
    Http2Connection& operator=(const Http2Connection&) = delete;

private:
    struct Stream {
        Http2Request request;
        Http2Response response;
        qsizetype sent = 0; // body bytes handed to nghttp2
    };

    void onReadyRead();
    void flush(); // everything nghttp2 wants to send, then closes when neither side wants more
    void respond(int32_t streamId);

    friend struct Http2Callbacks; // nghttp2's callbacks, with nghttp2's types (http2connection.cpp)

    QTcpSocket* m_socket;
    Http2Handler m_handler;
    nghttp2_session* m_session = nullptr;
    std::map<int32_t, Stream> m_streams;
};

} // namespace duo::sim
