#pragma once

#include "core/net/httpclient.h"
#include "core/target.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QSslError>
#include <QTimer>
#include <QUrl>

#include <functional>

class QSslSocket;

namespace duo {

// Where a raw connection goes and how.
struct RawTarget {
    QString host{};
    int port = 0;
    QUrl proxy{}; // an HTTP proxy to tunnel through with CONNECT; empty: direct
    enum class Tls {
        None,     // plain TCP
        Verified, // TLS, trusted as every request is: the system store, --ca-file, pinned certificates
        Probe,    // TLS with any certificate, only to learn whether the peer speaks TLS
    } tls = Tls::None;
    QList<QByteArray> alpn{}; // protocols offered in the ClientHello, e.g. "h2"
};

// One byte stream to HOST:PORT for the checks that must see the wire themselves (the Agent Platform service's
// first bytes, GitLab's WebSocket handshake; Qt's HTTP stack hides both): the run's --resolve entries, an
// optional CONNECT tunnel, optional TLS, one deadline for everything, and failures classified in HttpResult's
// terms (network error, TLS or proxy problem, certificate chain), so the signature table reads them like any
// request's.
class RawConnection : public QObject {
    Q_OBJECT
public:
    using Ready = std::function<void()>;
    using Failed = std::function<void(const HttpResult& failure)>;

    RawConnection(RunOptions options, QObject* parent = nullptr);
    ~RawConnection() override;

    // ready: the stream may be written and read through socket(). failed: no stream, or the deadline passed
    // while the caller was still using it. Exactly one of them is called for the opening; a later deadline
    // calls failed once more (the caller tells by its own state).
    void open(const RawTarget& target, int deadlineMs, Ready ready, Failed failed);
    QSslSocket* socket() const { return m_socket; }
    int remainingMs() const;
    // What the TLS handshake negotiated (ALPN), the peer's chain, and a failure with this connection's facts.
    QByteArray negotiatedProtocol() const;
    HttpResult failure(NetError error, const QString& text, const QString& problem = {}) const;
    void close();

private:
    void connectSocket();
    void onConnected();
    void onTunnelAnswer();
    void startTls();
    void onSslErrors(const QList<QSslError>& errors);
    void onError();
    void onDeadline();
    void succeed();
    void fail(const HttpResult& failure);
    QUrl describedUrl() const;

    RunOptions m_options;
    RawTarget m_target;
    QSslSocket* m_socket = nullptr;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QByteArray m_tunnelAnswer;
    QList<QSslError> m_sslErrors;
    QList<CertificateInfo> m_chain;
    Ready m_ready;
    Failed m_failed;
    bool m_done = false; // opened or failed: errors now belong to the caller
};

} // namespace duo
