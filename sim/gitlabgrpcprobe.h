#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace duo::sim {

struct GrpcTarget {
    QString address;       // as GitLab stores it: host:port (a scheme there is the admin's mistake)
    bool secure = true;    // GitLab's "Use TLS for the GitLab Duo Agent Platform service"
    QByteArray trustedPem; // a certificate GitLab trusts besides the system's
    int timeoutMs = 3'000;
};

// GitLab's own Agent Platform probe, as far as the network goes: connects the way its gRPC client does (TLS
// with ALPN h2 when secure, else cleartext HTTP/2 with prior knowledge) and reads the server's first answer.
// done gets an empty text when an HTTP/2 server answered, else the words GitLab's gRPC client would report.
// The probe lives under context and is dropped with it.
void probeGrpcTarget(const GrpcTarget& target, QObject* context,
                     const std::function<void(const QString&)>& done);

} // namespace duo::sim
