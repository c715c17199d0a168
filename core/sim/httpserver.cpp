#include "httpserver.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace duo::sim {

namespace {

constexpr qsizetype maxRequestBytes = 4 * 1024 * 1024;

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 413:
        return "Payload Too Large";
    case 421:
        return "Misdirected Request";
    case 422:
        return "Unprocessable Entity";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Returns true and fills the request when the buffer holds a complete one; consumes it from the buffer.
bool takeRequest(QByteArray& buffer, SimRequest& request, bool* tooLarge) {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        *tooLarge = buffer.size() > 64 * 1024;
        return false;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request = {};
    request.method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                   lines.at(i).mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (length > maxRequestBytes) {
        *tooLarge = true;
        return false;
    }
    if (buffer.size() < headerEnd + 4 + length)
        return false;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return true;
}

} // namespace

HttpServer::HttpServer(QObject* parent)
    : QObject(parent)
    , m_server(new QTcpServer(this)) {
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool HttpServer::listen() {
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 HttpServer::port() const {
    return m_server->serverPort();
}

void HttpServer::onReadyRead(QTcpSocket* socket) {
    QByteArray buffer = socket->property("duoBuffer").toByteArray() + socket->readAll();
    if (m_blackHole) {
        socket->setProperty("duoBuffer", QByteArray()); // swallow everything, answer nothing
        return;
    }
    SimRequest request;
    bool tooLarge = false;
    while (takeRequest(buffer, request, &tooLarge)) {
        emit requestReceived(request);
        QPointer<QTcpSocket> guarded(socket);
        Respond respond = [this, guarded](const SimResponse& response) {
            if (!guarded)
                return;
            if (m_latencyMs > 0)
                QTimer::singleShot(m_latencyMs, this, [this, guarded, response] {
                    if (guarded)
                        send(guarded, response);
                });
            else
                send(guarded, response);
        };
        if (m_handler)
            m_handler(request, respond);
        else
            respond(SimResponse::json(404, R"({"detail":"Not Found"})"));
    }
    if (tooLarge) {
        send(socket, SimResponse::text(413, "request too large"));
        socket->disconnectFromHost();
        return;
    }
    socket->setProperty("duoBuffer", buffer);
}

void HttpServer::send(QTcpSocket* socket, const SimResponse& response) {
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (!m_serverHeader.isEmpty())
        out += "Server: " + m_serverHeader + "\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n" + response.body;
    socket->write(out);
}

} // namespace duo::sim
