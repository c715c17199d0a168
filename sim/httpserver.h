#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace duo::sim {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest {
    QByteArray method;
    QByteArray path; // as sent, without the query; percent-escapes kept (model_configuration%2Fcheck)
    QByteArray query;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

// Takes over a connection after its 101 Switching Protocols, with the bytes that came after the request.
using Upgrade = std::function<void(QTcpSocket* socket, const QByteArray& early)>;

// A body sent in pieces with chunked transfer encoding, as model servers stream server-sent events.
struct StreamedBody {
    QList<QByteArray> pieces;
    int firstDelayMs = 0; // before the first piece (a buffering proxy holds them all back)
    int intervalMs = 0;   // between pieces; 0: every piece in one write
    bool cut = false;     // the connection closes after the pieces, without the final empty chunk
};

struct HttpResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    HeaderList headers;   // extra headers of this answer
    Upgrade upgrade = {}; // with status 101: who speaks on the connection from then on
    std::shared_ptr<const StreamedBody> stream = {}; // set: the body comes in these pieces instead

    static HttpResponse json(int status, const QByteArray& body) {
        return {status, body, "application/json", {}, {}};
    }
    static HttpResponse text(int status, const QByteArray& body) {
        return {status, body, "text/plain; charset=utf-8", {}, {}};
    }
};

// Answers one request; may be called later (the gateway awaits the model first), at most once. Safe to call
// after the client or the server has gone: the answer is then dropped.
using Responder = std::function<void(const HttpResponse&)>;
using HttpHandler = std::function<void(const HttpRequest&, Responder)>;

class HttpConnection;

// A small HTTP/1.1 server on 127.0.0.1 for the simulated stack: keep-alive, Content-Length bodies up to
// 4 MiB, answers in request order even when they come later, upgrades (101, then the connection is handed
// over), and a "black hole" mode that accepts, reads and never answers.
class HttpServer : public QObject {
    Q_OBJECT
public:
    explicit HttpServer(QObject* parent = nullptr);

    bool listen(); // 127.0.0.1, an ephemeral port
    quint16 port() const;
    void setHandler(HttpHandler handler) { m_handler = std::move(handler); }
    void setBlackHole(bool on) { m_blackHole = on; }
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void setDefaultHeaders(const HeaderList& headers) { m_defaultHeaders = headers; } // e.g. server: uvicorn

signals:
    // Every complete request, black hole or not, before the handler sees it.
    void requestReceived(const duo::sim::HttpRequest& request);

private:
    friend class HttpConnection;
    void dispatch(const HttpRequest& request);
    QByteArray serialise(const HttpRequest& request, const HttpResponse& response, bool close) const;

    QTcpServer* m_server;
    HttpHandler m_handler;
    HeaderList m_defaultHeaders;
    bool m_blackHole = false;
    int m_latencyMs = 0;
};

} // namespace duo::sim
