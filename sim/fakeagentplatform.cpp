#include "sim/fakeagentplatform.h"

#include "sim/simlog.h"

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>

namespace duo::sim {

namespace {

const QByteArray healthPath = QByteArrayLiteral("/grpc.health.v1.Health/Check");

// A gRPC message on the wire: no compression, four bytes of big-endian length, the protobuf bytes.
QByteArray grpcFrame(const QByteArray& message) {
    const auto length = static_cast<quint32>(message.size());
    QByteArray frame(1, '\0');
    for (int shift = 24; shift >= 0; shift -= 8)
        frame += static_cast<char>((length >> shift) & 0xFF);
    return frame + message;
}

// HealthCheckRequest.service (field 1, a string), or empty: the whole server.
QByteArray requestedService(const QByteArray& body) {
    const QByteArray message = body.mid(5);
    if (message.size() < 2 || message.at(0) != 0x0A)
        return {};
    return message.mid(2, static_cast<unsigned char>(message.at(1)));
}

Http2Response trailersOnly(int grpcStatus, const QByteArray& message) {
    return {{{":status", "200"},
             {"content-type", "application/grpc"},
             {"grpc-status", QByteArray::number(grpcStatus)},
             {"grpc-message", message}}};
}

Http2Response healthAnswer(ServiceHealth health, const QByteArray& service) {
    if (!service.isEmpty())
        return trailersOnly(5, "unknown service"); // NOT_FOUND: only the server as a whole is registered
    // HealthCheckResponse { status = 1 (SERVING) | 2 (NOT_SERVING) }
    const char status = health == ServiceHealth::Serving ? 1 : 2;
    return {{{":status", "200"}, {"content-type", "application/grpc"}},
            grpcFrame(QByteArray("\x08", 1) + status),
            {{"grpc-status", "0"}}};
}

} // namespace

// Accepts connections itself so that a TLS connection is a QSslSocket from its first byte (Qt 6.4 has no
// QSslServer).
class ServiceListener : public QTcpServer {
public:
    ServiceListener(FakeAgentPlatform* service, bool tls)
        : QTcpServer(service)
        , m_service(service)
        , m_tls(tls) {}

    QSslConfiguration tlsConfiguration;

protected:
    void incomingConnection(qintptr descriptor) override {
        QTcpSocket* socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (!m_tls)
            return serve(socket);
        auto* secure = static_cast<QSslSocket*>(socket);
        secure->setSslConfiguration(tlsConfiguration);
        connect(secure, &QSslSocket::encrypted, this, [this, secure] { serve(secure); });
        // A client speaking plain text (an HTTP/2 preface) fails the handshake: hang up, as a TLS server
        // does.
        connect(secure, &QSslSocket::errorOccurred, secure, [secure] { secure->abort(); });
        secure->startServerEncryption();
    }

private:
    void serve(QTcpSocket* socket) {
        new Http2Connection(
            socket, [service = m_service](const Http2Request& request) { return service->answer(request); });
    }

    FakeAgentPlatform* m_service;
    bool m_tls;
};

FakeAgentPlatform::FakeAgentPlatform(AgentPlatformSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_listener(new ServiceListener(this, settings.tls)) {}

FakeAgentPlatform::~FakeAgentPlatform() = default;

bool FakeAgentPlatform::makeCertificate(QString* error) {
    m_dir = std::make_unique<QTemporaryDir>();
    const QString key = m_dir->filePath(QStringLiteral("service.key"));
    const QString certificate = m_dir->filePath(QStringLiteral("service.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("7"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), certificate});
    QFile keyFile(key);
    QFile certificateFile(certificate);
    if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0 || !keyFile.open(QIODevice::ReadOnly) ||
        !certificateFile.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot make the Agent Platform service's certificate with openssl: %1")
                         .arg(QString::fromLocal8Bit(openssl.readAllStandardError()).trimmed());
        return false;
    }
    m_key = keyFile.readAll();
    m_certificate = certificateFile.readAll();
    QSslConfiguration& configuration = m_listener->tlsConfiguration;
    configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(QSslCertificate(m_certificate, QSsl::Pem));
    configuration.setPrivateKey(QSslKey(m_key, QSsl::Ec, QSsl::Pem));
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setAllowedNextProtocols({QByteArrayLiteral("h2")});
    return true;
}

bool FakeAgentPlatform::listen(QString* error) {
    if (m_settings.tls && !makeCertificate(error))
        return false;
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = QStringLiteral("cannot listen on 127.0.0.1: %1").arg(m_listener->errorString());
        return false;
    }
    return true;
}

quint16 FakeAgentPlatform::port() const {
    return m_listener->serverPort();
}

QString FakeAgentPlatform::certificateFile() const {
    return m_dir ? m_dir->filePath(QStringLiteral("service.pem")) : QString();
}

Http2Response FakeAgentPlatform::answer(const Http2Request& request) const {
    const QByteArray path = request.header(":path");
    qCDebug(lcSim).noquote() << "Agent Platform service:" << request.header(":method") << path;
    if (request.header(":method") != "POST")
        return {{{":status", "405"}}};
    if (!request.header("content-type").startsWith("application/grpc"))
        return {{{":status", "415"}, {"content-type", "text/plain"}}, "Unsupported Media Type"};
    if (path == healthPath && m_settings.health != ServiceHealth::Unimplemented)
        return healthAnswer(m_settings.health, requestedService(request.body));
    return trailersOnly(12, "Method not found!");
}

} // namespace duo::sim
