// The GitLab Duo Agent Platform service (gRPC over HTTP/2, port 50052 in the gateway container; GitLab
// 18/19), from the desktop: what its address speaks, then its standard gRPC health call.
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/net/protocolsniffer.h"
#include "core/text/inputvalidation.h"

#include <QCoreApplication>

namespace duo {

namespace {

struct AgentPlatformChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::AgentPlatformChecks)
};

const QString gitlabSetting = QStringLiteral("gitlab.agent_platform_url");
const QString reachableCheck = QStringLiteral("agent_platform.reachable");

struct AddressInUse {
    ServiceAddress address;
    QString source; // "typed" or "gitlab"
};

// Typed (--agent-platform, the wizard) wins over what gitlab.agent_platform_url read from GitLab.
std::optional<AddressInUse> addressInUse(const Context& context, QString* unusable) {
    QString text = context->target().agentPlatformAddress;
    QString source = QStringLiteral("typed");
    if (text.isEmpty()) {
        if (const CheckResult* setting = context->resultOf(gitlabSetting))
            text = setting->evidence.value(evidence::agentPlatformAddress).toString();
        source = QStringLiteral("gitlab");
    }
    if (text.isEmpty())
        return std::nullopt;
    const std::optional<ServiceAddress> parsed = parseServiceAddress(text);
    if (!parsed) {
        *unusable = text;
        return std::nullopt;
    }
    return AddressInUse{*parsed, source};
}

TemplateValues addressValues(const ServiceAddress& address) {
    return {{QStringLiteral("agent_platform_address"), address.toString()},
            {QStringLiteral("agent_platform_host"), address.host},
            {QStringLiteral("agent_platform_port"), QString::number(address.port)}};
}

void skipWithoutAddress(const Context& context, const QString& unusable) {
    const QString summary =
        unusable.isEmpty()
            ? AgentPlatformChecks::tr("No Agent Platform service address: GitLab has none (or could not be "
                                      "asked) and none was given. Give it with --agent-platform HOST:PORT or "
                                      "in the Agent Platform field of the AI Gateway page.")
            : AgentPlatformChecks::tr("GitLab's Agent Platform service address \"%1\" is not HOST:PORT (see "
                                      "gitlab.agent_platform_url); give the right one with --agent-platform "
                                      "HOST:PORT to check the service anyway.")
                  .arg(unusable);
    context->finish(context->makeResult(Status::Skip, summary));
}

// The first bytes as text an admin can read: printable ASCII kept, the rest as dots.
QString printable(const QByteArray& bytes) {
    QString text;
    for (const char c : bytes.left(120))
        text += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QLatin1Char('.');
    return text;
}

void judgeSniff(const Context& context, const AddressInUse& in, const SniffResult& sniff) {
    CheckResult result = context->makeResult(Status::Pass, {});
    const QString address = in.address.toString();
    result.evidence.insert(evidence::agentPlatformAddress, address);
    result.evidence.insert(evidence::agentPlatformAddressSource, in.source);
    result.evidence.insert(evidence::transport, transportKey(sniff.transport));
    if (!sniff.alpn.isEmpty())
        result.evidence.insert(evidence::alpn, QString::fromLatin1(sniff.alpn));
    if (!sniff.firstBytes.isEmpty())
        result.evidence.insert(evidence::firstBytes, printable(sniff.firstBytes));
    result.details =
        AgentPlatformChecks::tr("A direct connection to %1 (%2), the HTTP/2 client preface sent: %3")
            .arg(address, in.source, transportKey(sniff.transport));
    TemplateValues values = addressValues(in.address);
    if (sniff.connection.error != NetError::None) {
        result.summary =
            AgentPlatformChecks::tr("Nothing answers at %1: %2").arg(address, sniff.connection.errorText);
        context->failFromHttp(result, sniff.connection, values);
    } else if (sniff.transport == Transport::H2c) {
        result.summary = AgentPlatformChecks::tr("%1 speaks HTTP/2 in plain text (h2c), as the service does "
                                                 "without TLS.")
                             .arg(address);
    } else if (sniff.transport == Transport::Tls) {
        result.summary =
            AgentPlatformChecks::tr("%1 speaks TLS (ALPN: %2), as the service does with "
                                    "DUO_WORKFLOW_TLS__ENABLED=true.")
                .arg(address, sniff.alpn.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(sniff.alpn));
    } else {
        const QString firstLine = printable(sniff.firstBytes.left(sniff.firstBytes.indexOf('\r')));
        result.summary =
            sniff.transport == Transport::Http1
                ? AgentPlatformChecks::tr("%1 answers in HTTP/1 (\"%2\"), not gRPC.").arg(address, firstLine)
                : AgentPlatformChecks::tr("%1 accepts connections but speaks neither HTTP/2, TLS nor "
                                          "HTTP/1.")
                      .arg(address);
        const QString seen =
            sniff.firstBytes.isEmpty() ? AgentPlatformChecks::tr("nothing") : printable(sniff.firstBytes);
        context->failWith(result,
                          sniff.transport == Transport::Http1 ? Verdict::ServiceSpeaksHttp1
                                                              : Verdict::ServiceSpeaksUnknown,
                          0, sniff.transport == Transport::Http1 ? firstLine : seen, values);
    }
    context->finish(std::move(result));
}

// --- gRPC health ----------------------------------------------------------------------------------------

// An empty HealthCheckRequest: no compression, length 0.
const QByteArray emptyRequest(5, '\0');

// HealthCheckResponse.status names (grpc/health/v1/health.proto).
const char* const servingStatusNames[] = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

// The status of a unary answer's HealthCheckResponse: 1 byte flag, 4 bytes length, field 1 as a varint; -1
// when the body is no such message.
int servingStatus(const QByteArray& body) {
    if (body.size() < 5 || body.at(0) != '\0')
        return -1;
    const QByteArray message = body.mid(5);
    if (message.isEmpty())
        return 0; // proto3 leaves the default (UNKNOWN) out
    return message.size() >= 2 && message.at(0) == '\x08' ? quint8(message.at(1)) : -1;
}

// grpc-status as a number: Qt merges the trailers into the headers, sometimes twice ("0, 0").
int grpcStatus(const HttpResult& http) {
    const QByteArray value = http.header("grpc-status").trimmed();
    qsizetype digits = 0;
    while (digits < value.size() && std::isdigit(static_cast<unsigned char>(value.at(digits))))
        ++digits;
    return digits == 0 ? -1 : value.left(digits).toInt();
}

HttpRequest healthRequest(const ServiceAddress& address, bool tls) {
    HttpRequest request;
    request.method = "POST";
    request.url.setScheme(tls ? QStringLiteral("https") : QStringLiteral("http"));
    request.url.setHost(address.host);
    request.url.setPort(address.port);
    request.url.setPath(QStringLiteral("/grpc.health.v1.Health/Check"));
    request.http2PriorKnowledge = true;
    request.addHeader("Content-Type", "application/grpc");
    request.addHeader("TE", "trailers");
    request.body = emptyRequest;
    return request;
}

// GitLab's "Use TLS for the GitLab Duo Agent Platform service", where gitlab.agent_platform_url read it.
std::optional<bool> gitlabUsesTls(const Context& context) {
    const CheckResult* setting = context->resultOf(gitlabSetting);
    if (!setting || !setting->evidence.contains(evidence::agentPlatformTls))
        return std::nullopt;
    return setting->evidence.value(evidence::agentPlatformTls).toBool();
}

// What the answer's gRPC status and message say, once it came over HTTP/2.
void judgeGrpc(const Context& context, CheckResult& result, const HttpResult& http,
               const TemplateValues& values) {
    const int status = grpcStatus(http);
    const int serving = servingStatus(http.body);
    if (status >= 0)
        result.evidence.insert(evidence::grpcStatus, status);
    if (serving >= 0 && serving < int(std::size(servingStatusNames)))
        result.evidence.insert(evidence::healthStatus, QString::fromLatin1(servingStatusNames[serving]));
    const QString message = QString::fromUtf8(QByteArray::fromPercentEncoding(http.header("grpc-message")));
    if (status == 0 && serving == 1) {
        result.summary = AgentPlatformChecks::tr("The Agent Platform service reports SERVING (%1 ms).")
                             .arg(http.elapsedMs);
        return;
    }
    if (status == 12) {
        result.summary =
            AgentPlatformChecks::tr("The service answers gRPC but has no health service (UNIMPLEMENTED).");
        context->failWith(result, Verdict::ServiceHealthMissing, http.status, message, values);
    } else if (status == 0 && serving >= 0) {
        const QString name = serving < int(std::size(servingStatusNames))
                                 ? QString::fromLatin1(servingStatusNames[serving])
                                 : QString::number(serving);
        result.summary = AgentPlatformChecks::tr("The Agent Platform service reports %1.").arg(name);
        context->failWith(result, Verdict::ServiceNotServing, http.status, name, values);
    } else if (status > 0) {
        result.summary = AgentPlatformChecks::tr("The health call failed with gRPC status %1: %2")
                             .arg(status)
                             .arg(message);
        TemplateValues extra = values;
        extra.insert(QStringLiteral("grpc_status"), QString::number(status));
        context->failWith(result, Verdict::ServiceGrpcError, http.status, message, extra);
    } else {
        result.summary = AgentPlatformChecks::tr("HTTP/2 answered (HTTP %1), but not gRPC.").arg(http.status);
        context->failWithVerdict(result, http, Verdict::ServiceNotGrpc,
                                 excerpt(QString::fromUtf8(http.body)));
    }
}

void judgeHealth(const Context& context, CheckResult& result, const HttpResult& http,
                 const ServiceAddress& address, bool tls) {
    result.details = AgentPlatformChecks::tr("POST %1 (gRPC, HTTP/2): %2")
                         .arg(http.url.toDisplayString(), describeHttp(http));
    result.evidence.insert(evidence::agentPlatformAddress, address.toString());
    result.evidence.insert(evidence::transport, tls ? QStringLiteral("tls") : QStringLiteral("h2c"));
    TemplateValues values = addressValues(address);
    values.insert(transportValues(http, context->options()));
    if (const std::optional<bool> gitlabTls = gitlabUsesTls(context); gitlabTls && *gitlabTls != tls) {
        result.summary =
            tls ? AgentPlatformChecks::tr("The service speaks TLS, GitLab connects to it in plain text.")
                : AgentPlatformChecks::tr("The service speaks plain text, GitLab connects to it with TLS.");
        context->conclude(result, tls ? Verdict::ServiceTlsGitLabPlain : Verdict::ServicePlainGitLabTls,
                          values);
        return;
    }
    if (!http.answered()) {
        result.summary = AgentPlatformChecks::tr("The health call got no answer: %1").arg(http.errorText);
        context->failFromHttp(result, http, values);
        return;
    }
    result.evidence.insert(evidence::http2, http.http2);
    if (!http.http2) {
        result.summary =
            AgentPlatformChecks::tr(
                "The health call came back over HTTP/1.1 (HTTP %1): HTTP/2 was downgraded on the way.")
                .arg(http.status);
        context->failWithVerdict(result, http, Verdict::ServiceHttp2Downgraded,
                                 excerpt(QString::fromUtf8(http.body)));
        return;
    }
    judgeGrpc(context, result, http, values);
}

} // namespace

void runAgentPlatformHealth(const Context& context) {
    const CheckResult* reachable = context->resultOf(reachableCheck);
    const std::optional<ServiceAddress> address =
        reachable ? parseServiceAddress(reachable->evidence.value(evidence::agentPlatformAddress).toString())
                  : std::nullopt;
    if (!address) {
        context->finish(
            context->makeResult(Status::Skip, AgentPlatformChecks::tr("No Agent Platform service address.")));
        return;
    }
    const bool tls = reachable->evidence.value(evidence::transport).toString() == QLatin1String("tls");
    context->ask(healthRequest(*address, tls),
                 [context, address = *address, tls](CheckResult& result, const HttpResult& http) {
                     judgeHealth(context, result, http, address, tls);
                 });
}

void runAgentPlatformReachable(const Context& context) {
    QString unusable;
    const std::optional<AddressInUse> in = addressInUse(context, &unusable);
    if (!in)
        return skipWithoutAddress(context, unusable);
    // Done within the run's timeout, so the check's guard never has to end it.
    auto* sniffer = new ProtocolSniffer(context->options());
    sniffer->start(in->address.host, in->address.port,
                   [context, in = *in, sniffer](const SniffResult& sniff) {
                       sniffer->deleteLater();
                       judgeSniff(context, in, sniff);
                   });
}

} // namespace duo
