#pragma once

#include "sim/http2connection.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace duo::sim {

// What grpc.health.v1.Health/Check answers.
enum class ServiceHealth {
    Serving,       // SERVING (1)
    NotServing,    // NOT_SERVING (2)
    Unimplemented, // no health service registered: grpc-status 12 in the headers at once
};

struct AgentPlatformSettings {
    bool tls = false; // DUO_WORKFLOW_TLS__ENABLED: TLS with ALPN h2, else cleartext HTTP/2 (prior knowledge)
    ServiceHealth health = ServiceHealth::Serving;
};

class ServiceListener;

// The GitLab Duo Agent Platform service (DWS, port 50052 in a real gateway container): real gRPC over HTTP/2
// on 127.0.0.1. It answers the standard health call; every other method is UNIMPLEMENTED.
class FakeAgentPlatform : public QObject {
    Q_OBJECT
public:
    explicit FakeAgentPlatform(AgentPlatformSettings settings, QObject* parent = nullptr);
    ~FakeAgentPlatform() override;

    bool listen(QString* error); // 127.0.0.1, an ephemeral port; with TLS, makes its certificate first
    quint16 port() const;
    QByteArray certificatePem() const { return m_certificate; } // TLS only: self-signed, for 127.0.0.1
    QString certificateFile() const;                            // the same, as a PEM file

    // The gRPC answer to one request; public for the listener's connections.
    Http2Response answer(const Http2Request& request) const;

private:
    bool makeCertificate(QString* error);

    AgentPlatformSettings m_settings;
    ServiceListener* m_listener;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_certificate;
    QByteArray m_key;
};

} // namespace duo::sim
