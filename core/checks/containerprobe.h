#pragma once

#include "core/checkresult.h"
#include "core/target.h"
#include "core/text/quoting.h"
#include "core/text/redactor.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace duo {

// What the probe script saw from inside the AI gateway container.
struct ContainerProbe {
    struct Answer {
        QString url;
        int status = -1; // HTTP status; 0 when no answer came; -1 not tried
        QString body;    // at most a few hundred printable characters
        QString error;   // why no answer came
    };
    QString tool; // "curl", "python3" or "none": what the container had to make requests
    // variable -> value; secrets, proxy URLs and the AWS_* / AZURE_* platform settings only as "set"; unset
    // ones absent
    QMap<QString, QString> env;
    Answer healthz; // the gateway's own /monitoring/healthz from inside
    Answer model;   // GET <endpoint>/models from inside
    bool modelAuthenticated = false;
    QString gitlabHost;
    QStringList gitlabAddresses; // empty: the container cannot resolve GitLab's host (when dnsChecked)
    bool dnsChecked = true;      // false: the container had no tool to look a name up
    // Since 18.x (empty from an older probe): the token keys' shapes ("absent", "empty", "pem", "one_line",
    // "not_pem"; never a value), the CA bundles, the image as the admin passed it, and the Agent Platform
    // service's gRPC health inside the container.
    QMap<QString, QString> jwtKeys;
    struct CaFile {
        bool readable = false;
        int certificates = 0;
    };
    QMap<QString, CaFile> caFiles; // SSL_CERT_FILE / REQUESTS_CA_BUNDLE, when set
    QString gatewayImage;
    struct Grpc {
        QString url;
        QString
            state; // serving, not_serving, service_unknown, grpc_status_N, no_message, http1, error, untried
        QString detail;
    } agentPlatform;
};

// A short POSIX sh script (needs only sh, and curl or python3 as found in the gateway image) filled in with
// the target's values. It changes nothing, holds no secret (an API key, if wanted, comes from DUO_MODEL_KEY
// in the container's environment) and prints one JSON object (schema duo-doctor.container-probe.v1).
QString containerProbeScript(const Target& target);

// Reads the probe's JSON from pasted text (terminal noise around it is fine); nullopt with a reason
// otherwise. Every text read is redacted after JSON decoding ("Bearer\\u0020…" in the paste is a token once
// decoded), with `redactor`'s secrets besides the usual token shapes.
std::optional<ContainerProbe> parseContainerProbe(const QString& text, QString* error,
                                                  const Redactor& redactor = Redactor());
bool looksLikeContainerProbe(const QString& text);

// The container-side manual steps the probe answers, and how it judges one of them. nullopt: the probe has
// nothing to say about this step (it stays a manual step).
struct ProbeVerdict {
    Status status = Status::Pass;
    QString summary;
    QString signatureId; // explanation and fix for a failure or a warning
    QString message;     // fills {message} in the signature's texts
    int httpStatus = -1; // of the answer judged, for {http_status}
};
QStringList containerProbeSteps();
// values: the check's template values; gitlab_version and gitlab_url, when known, are compared with what the
// container holds.
std::optional<ProbeVerdict> judgeFromProbe(const QString& checkId, const ContainerProbe& probe,
                                           const TemplateValues& values = {});

} // namespace duo
