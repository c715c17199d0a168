#pragma once

#include "core/net/rawconnection.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace duo {

// What a server speaks, read from its first bytes.
enum class Transport { None, H2c, Tls, Http1 };
QString transportKey(Transport transport); // "none", "h2c", "tls", "http1": evidence, part of the report

struct SniffResult {
    Transport transport = Transport::None;
    HttpResult connection; // the address; a failure to connect (error set) when nothing answered
    QByteArray firstBytes; // what the server sent first (plain text), at most a few hundred bytes
    QByteArray alpn;       // TLS: the protocol the server chose ("h2" for gRPC)
};

// Tells what a gRPC address speaks: opens a plain connection and sends the HTTP/2 client preface with an
// empty SETTINGS frame; an HTTP/2 server answers with its SETTINGS frame, an HTTP/1 server with "HTTP/1.x
// 400", a TLS server with an alert or by hanging up. In the last case a second connection offers TLS with
// ALPN h2 (any certificate: only the protocol is being learned). Goes direct: gRPC clients such as GitLab's
// connect to the service without the desktop's HTTP proxy.
class ProtocolSniffer : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const SniffResult&)>;

    ProtocolSniffer(RunOptions options, QObject* parent = nullptr);

    // Calls done once, within options.timeoutMs.
    void start(const QString& host, int port, Done done);

private:
    void onPlainReady();
    void onPlainBytes();
    void judgePlain();
    void tryTls(int remainingMs);
    void finish(Transport transport, const HttpResult& connection);
    RawTarget target(RawTarget::Tls tls) const;

    RunOptions m_options;
    QString m_host;
    int m_port = 0;
    Done m_done;
    QPointer<RawConnection> m_connection;
    QTimer m_listen; // how long the first bytes may take on the plain connection
    SniffResult m_result;
    bool m_finished = false;
};

} // namespace duo
