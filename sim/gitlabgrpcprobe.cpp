#include "sim/gitlabgrpcprobe.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

namespace duo::sim {

namespace {

// The client's connection preface and an empty SETTINGS frame.
const QByteArray http2Preface =
    QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") + QByteArray("\0\0\0\x04\0\0\0\0\0", 9);
constexpr char settingsFrame = 0x04;

// One probe: finishes once, then goes.
class GrpcProbe : public QObject {
public:
    GrpcProbe(const GrpcTarget& target, QObject* context, std::function<void(const QString&)> done)
        : QObject(context)
        , m_target(target)
        , m_done(std::move(done))
        , m_socket(new QSslSocket(this)) {
        connect(m_socket, &QSslSocket::connected, this, [this] {
            if (!m_target.secure)
                m_socket->write(http2Preface);
        });
        connect(m_socket, &QSslSocket::encrypted, this, [this] { m_socket->write(http2Preface); });
        connect(m_socket, &QSslSocket::readyRead, this, &GrpcProbe::onReadyRead);
        connect(m_socket, &QSslSocket::errorOccurred, this, &GrpcProbe::onError);
        QTimer::singleShot(m_target.timeoutMs, this,
                           [this] { finish(QStringLiteral("4:Deadline Exceeded")); });
    }

    void start() {
        const qsizetype colon = m_target.address.lastIndexOf(QLatin1Char(':'));
        m_host = m_target.address.left(colon);
        const auto port = static_cast<quint16>(m_target.address.mid(colon + 1).toUInt());
        if (m_target.address.contains(QLatin1String("://")) || colon <= 0 || port == 0)
            return finish(QStringLiteral("14:DNS resolution failed for %1: Domain name not found")
                              .arg(m_target.address));
        if (!m_target.secure)
            return m_socket->connectToHost(m_host, port);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        if (!m_target.trustedPem.isEmpty())
            configuration.addCaCertificates(QSslCertificate::fromData(m_target.trustedPem, QSsl::Pem));
        configuration.setAllowedNextProtocols({QByteArrayLiteral("h2")});
        m_socket->setSslConfiguration(configuration);
        m_socket->connectToHostEncrypted(m_host, port);
    }

private:
    QString unavailable(const QString& why) const {
        return QStringLiteral("14:failed to connect to all addresses; last error: UNAVAILABLE: ipv4:%1: %2")
            .arg(m_target.address, why);
    }

    void onReadyRead() {
        m_received += m_socket->readAll();
        if (m_received.startsWith("HTTP/1."))
            finish(QStringLiteral("14:Trying to connect an http1.x server"));
        else if (m_received.size() >= 9 && m_received.at(3) == settingsFrame)
            finish({});
    }

    void onError(QAbstractSocket::SocketError error) {
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            return finish(
                unavailable(QStringLiteral("Failed to connect to remote host: Connection refused")));
        case QAbstractSocket::SslHandshakeFailedError:
            return finish(unavailable(
                QStringLiteral("Ssl handshake failed (TSI_PROTOCOL_FAILURE): SSL_ERROR_SSL: "
                               "error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER")));
        case QAbstractSocket::RemoteHostClosedError:
            return finish(QStringLiteral("14:Socket closed"));
        default:
            return finish(unavailable(m_socket->errorString()));
        }
    }

    void finish(const QString& error) {
        if (m_finished)
            return;
        m_finished = true;
        m_socket->abort();
        m_done(error);
        deleteLater();
    }

    GrpcTarget m_target;
    std::function<void(const QString&)> m_done;
    QSslSocket* m_socket;
    QString m_host;
    QByteArray m_received;
    bool m_finished = false;
};

} // namespace

void probeGrpcTarget(const GrpcTarget& target, QObject* context,
                     const std::function<void(const QString&)>& done) {
    (new GrpcProbe(target, context, done))->start();
}

} // namespace duo::sim
