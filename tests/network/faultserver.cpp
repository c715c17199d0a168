#include "tests/network/faultserver.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace duo::test {

bool FaultServer::listen() {
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
                socket->setProperty("buffer", buffer);
                if (!buffer.contains("\r\n\r\n"))
                    return;
                socket->setProperty("buffer", QByteArray());
                answer(socket, buffer.split(' ').value(1));
            });
        }
    });
    connect(&m_other, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_other.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                m_otherReceived += socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
            });
        }
    });
    return m_server.listen(QHostAddress::LocalHost) && m_other.listen(QHostAddress::LocalHost);
}

void FaultServer::answer(QTcpSocket* socket, const QByteArray& path) {
    QPointer<QTcpSocket> guarded(socket);
    if (path.startsWith("/reset")) {
        socket->abort();
    } else if (path.startsWith("/truncated")) {
        socket->write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":");
        socket->flush();
        socket->disconnectFromHost();
    } else if (path.startsWith("/drip")) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
        auto* timer = new QTimer(socket);
        connect(timer, &QTimer::timeout, socket, [socket] { socket->write(" "); });
        timer->start(300); // a byte now and then keeps Qt's inactivity timeout happy, not our deadline
    } else if (path.startsWith("/huge")) {
        constexpr qint64 total = 50 * 1024 * 1024;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(total) + "\r\n\r\n");
        auto sent = std::make_shared<qint64>(0);
        auto more = [guarded, sent] {
            const QByteArray chunk(256 * 1024, 'x');
            while (guarded && *sent < total && guarded->bytesToWrite() < 2 * chunk.size()) {
                guarded->write(chunk);
                *sent += chunk.size();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, socket, more);
        more();
    } else if (path.startsWith("/loop")) {
        socket->write("HTTP/1.1 302 Found\r\nLocation: " + path + "\r\nContent-Length: 0\r\n\r\n");
    } else if (path.startsWith("/login")) {
        const QByteArray page =
            "<!DOCTYPE html><html><head><title>Sign in · Example SSO</title></head><body><form method=post "
            "action=/sso/login><input name=username><input type=password name=password>"
            "<button>Sign in</button></form></body></html>";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                      QByteArray::number(page.size()) + "\r\n\r\n" + page);
    } else if (path.startsWith("/garbage")) {
        const QByteArray body = "{{{ this is not json ]]] \x01\x02";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
    } else if (path.startsWith("/http10")) {
        socket->write("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"status\":\"ok\"}");
        socket->flush();
        socket->disconnectFromHost();
    } else if (path.startsWith("/elsewhere")) {
        socket->write(
            "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:" + QByteArray::number(m_other.serverPort()) +
            "/api/v4/metadata\r\nContent-Length: 0\r\n\r\n");
    } else {
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }
}

} // namespace duo::test
