#pragma once

#include <QByteArray>
#include <QTcpServer>

namespace duo::test {

// A server that misbehaves on purpose, one way per path prefix: /reset, /truncated, /drip, /huge (50 MB),
// /loop, /login (an SSO page), /garbage (not JSON), /http10 (no length, close-delimited), /elsewhere
// (redirect to another origin, which records whatever reaches it).
class FaultServer : public QObject {
    Q_OBJECT
public:
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    QByteArray receivedOnOtherOrigin() const { return m_otherReceived; }

private:
    void answer(QTcpSocket* socket, const QByteArray& path);

    QTcpServer m_server;
    QTcpServer m_other;
    QByteArray m_otherReceived;
};

} // namespace duo::test
