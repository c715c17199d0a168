#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace duo::sim {

struct SimRequest {
    QByteArray method;
    QByteArray path; // without the query
    QByteArray query;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const QByteArray& lowerName) const { return headers.value(lowerName); }
};

struct SimResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static SimResponse json(int status, const QByteArray& body) {
        return {status, body, "application/json", {}};
    }
    static SimResponse text(int status, const QByteArray& body) {
        return {status, body, "text/plain; charset=utf-8", {}};
    }
};

using Respond = std::function<void(const SimResponse&)>;
using Handler = std::function<void(const SimRequest&, Respond)>;

// A small HTTP/1.1 server on 127.0.0.1 for the simulated stack: keep-alive, Content-Length bodies, answers
// that may come later (the gateway awaits the model), and a "black hole" mode that accepts and never answers.
class HttpServer : public QObject {
    Q_OBJECT
public:
    explicit HttpServer(QObject* parent = nullptr);

    bool listen();
    quint16 port() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setBlackHole(bool on) { m_blackHole = on; }
    void setLatencyMs(int ms) { m_latencyMs = ms; }
    void setServerHeader(const QByteArray& value) { m_serverHeader = value; }

signals:
    void requestReceived(const duo::sim::SimRequest& request);

private:
    void onReadyRead(QTcpSocket* socket);
    void send(QTcpSocket* socket, const SimResponse& response);

    QTcpServer* m_server;
    Handler m_handler;
    QByteArray m_serverHeader;
    bool m_blackHole = false;
    int m_latencyMs = 0;
};

} // namespace duo::sim
