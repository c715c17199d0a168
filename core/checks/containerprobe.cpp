#include "core/checks/containerprobe.h"

#include "core/engine/checkcontext.h"
#include "core/text/quoting.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QVersionNumber>

#include <algorithm>

namespace duo {

namespace {

struct ProbeText {
    Q_DECLARE_TR_FUNCTIONS(duo::ContainerProbe)
};

// {models_url:sh} and {gitlab_host:sh} are filled in; everything else is plain sh. Kept to what busybox sh,
// dash and bash all run: no arrays, no [[ ]], no $'…'.
const char* const scriptTemplate = R"SH(#!/bin/sh
# Duo Doctor container probe. Read-only: it makes four requests and prints one JSON object.
# Run it inside the AI gateway container, e.g.:
#   docker exec -i <ai-gateway-container> sh -s < duo-doctor-probe.sh
#   kubectl -n <namespace> exec -i <ai-gateway-pod> -- sh -s < duo-doctor-probe.sh
# For an authenticated model request, pass the key through the environment (never write it here):
#   docker exec -i -e DUO_MODEL_KEY <ai-gateway-container> sh -s < duo-doctor-probe.sh
# To compare the gateway's image with GitLab's version, pass its name the same way:
#   docker exec -i -e DUO_GATEWAY_IMAGE="$(docker inspect -f '{{.Config.Image}}' <ai-gateway-container>)" ...
MODELS_URL={models_url:sh}
GITLAB_HOST={gitlab_host:sh}
HEALTHZ_URL="http://localhost:${AIGW_FASTAPI__API_PORT:-5052}/monitoring/healthz"

# A JSON string: printable ASCII only, at most 300 characters, quotes and backslashes escaped.
js() {
    printf '"%s"' "$(printf '%s' "$1" | tr '\n\r\t' '   ' | LC_ALL=C tr -cd ' -~' | cut -c1-300 | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

if command -v curl >/dev/null 2>&1; then TOOL=curl
elif command -v python3 >/dev/null 2>&1; then TOOL=python3
else TOOL=none; fi

# fetch URL [auth]: prints the status on the first line (0: no answer), then the body or the error.
fetch() {
    case "$TOOL" in
    curl)
        if [ "$2" = auth ] && [ -n "${DUO_MODEL_KEY:-}" ]; then
            # The header reaches curl as a config on stdin (printf is built in): the key never shows in ps.
            out=$(printf 'header = "Authorization: Bearer %s"\n' "$(printf '%s' "$DUO_MODEL_KEY" | sed 's/[\\"]/\\&/g')" |
                curl -sS -m 10 -K - -w '\n%{http_code}' "$1" 2>&1)
        else
            out=$(curl -sS -m 10 -w '\n%{http_code}' "$1" 2>&1)
        fi
        rc=$?
        if [ $rc -ne 0 ]; then printf '0\ncurl exit %s: %s' "$rc" "$out"; return; fi
        printf '%s\n%s' "$(printf '%s' "$out" | tail -n 1)" "$(printf '%s' "$out" | sed '$d')"
        ;;
    python3)
        python3 -c '
import os, sys, urllib.request as r, urllib.error as e
q = r.Request(sys.argv[1])
k = os.environ.get("DUO_MODEL_KEY")
if sys.argv[2] == "auth" and k:
    q.add_header("Authorization", "Bearer " + k)
try:
    a = r.urlopen(q, timeout=10); print(a.status); sys.stdout.write(a.read(600).decode("ascii", "replace"))
except e.HTTPError as x:
    print(x.code); sys.stdout.write(x.read(600).decode("ascii", "replace"))
except Exception as x:
    print(0); sys.stdout.write(str(x))
' "$1" "${2:-none}" 2>&1
        ;;
    *) printf '0\nneither curl nor python3 in this container' ;;
    esac
}

answer() { # answer NAME URL [auth]
    res=$(fetch "$2" "$3")
    status=$(printf '%s' "$res" | head -n 1)
    rest=$(printf '%s' "$res" | sed '1d')
    case "$status" in ''|*[!0-9]*) status=0 ;; esac
    if [ "$status" = 0 ]; then body=""; err="$rest"; else body="$rest"; err=""; fi
    printf '"%s":{"url":%s,"status":%s,"body":%s,"error":%s}' "$1" "$(js "$2")" "$status" "$(js "$body")" "$(js "$err")"
}

env_json() {
    first=1
    printf '{'
    for name in AIGW_AUTH__BYPASS_EXTERNAL AIGW_CUSTOM_MODELS__ENABLED AIGW_CUSTOM_MODELS__DISABLE_STREAMING \
                AIGW_GITLAB_URL AIGW_GITLAB_API_URL AIGW_FASTAPI__API_PORT AIGW_FASTAPI__METRICS_PORT \
                SSL_CERT_FILE REQUESTS_CA_BUNDLE no_proxy NO_PROXY \
                ENABLE_DUO_WORKFLOW_SERVICE DUO_WORKFLOW_AUTH__ENABLED DUO_WORKFLOW_TLS__ENABLED \
                AIGW_CUSTOMER_PORTAL_URL DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL; do
        eval "isset=\${$name+x}"; eval "value=\${$name-}"
        [ -n "$isset" ] || continue
        [ $first = 1 ] || printf ','; first=0
        printf '"%s":%s' "$name" "$(js "$value")"
    done
    # Values that may hold credentials: only whether they are set.
    # The model platforms' settings (AWS Bedrock, Azure OpenAI) too: present or not, never what they hold.
    for name in http_proxy https_proxy HTTP_PROXY HTTPS_PROXY AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY \
                AWS_SESSION_TOKEN AWS_BEARER_TOKEN_BEDROCK AWS_PROFILE AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE \
                AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
                AWS_REGION AWS_REGION_NAME AWS_DEFAULT_REGION AWS_BEDROCK_RUNTIME_ENDPOINT \
                AZURE_API_KEY AZURE_API_BASE AZURE_API_VERSION; do
        eval "isset=\${$name+x}"
        [ -n "$isset" ] || continue
        [ $first = 1 ] || printf ','; first=0
        printf '"%s":"set"' "$name"
    done
    printf '}'
}

# The token keys: only their shape (absent, empty, pem, one_line with \n written out, not_pem), never a value.
NL='
'
jwt_json() {
    first=1
    printf '{'
    for name in AIGW_SELF_SIGNED_JWT__SIGNING_KEY AIGW_SELF_SIGNED_JWT__VALIDATION_KEY \
                DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY; do
        eval "isset=\${$name+x}"; eval "value=\${$name-}"
        if [ -z "$isset" ]; then shape=absent
        elif [ -z "$value" ]; then shape=empty
        else
            case "$value" in
            *"-----BEGIN "*"-----END "*) case "$value" in *"$NL"*) shape=pem ;; *) shape=one_line ;; esac ;;
            *) shape=not_pem ;;
            esac
        fi
        [ $first = 1 ] || printf ','; first=0
        printf '"%s":"%s"' "$name" "$shape"
    done
    printf '}'
}

# The CA bundles the gateway is told to use: readable here, and how many certificates they hold.
ca_json() {
    first=1
    printf '{'
    for name in SSL_CERT_FILE REQUESTS_CA_BUNDLE; do
        eval "path=\${$name-}"
        [ -n "$path" ] || continue
        [ $first = 1 ] || printf ','; first=0
        if [ -f "$path" ] && [ -r "$path" ]; then
            n=$(awk '/-----BEGIN CERTIFICATE-----/ { n++ } END { print n + 0 }' "$path" 2>/dev/null)
            case "$n" in ''|*[!0-9]*) n=0 ;; esac
            printf '"%s":{"readable":true,"certificates":%s}' "$name" "$n"
        else
            printf '"%s":{"readable":false,"certificates":0}' "$name"
        fi
    done
    printf '}'
}

# The Agent Platform service's gRPC health (grpc.health.v1.Health/Check) on its own port in this container.
# Prints the state (serving, not_serving, service_unknown, grpc_status_N, no_message, http1, error, untried)
# and a detail line. The certificate is made out to the service's outside name: not checked on this inner call.
DWS_PORT=${PORT:-50052}
case "${DUO_WORKFLOW_TLS__ENABLED:-}" in [Tt][Rr][Uu][Ee]|1) DWS_SCHEME=https ;; *) DWS_SCHEME=http ;; esac
DWS_URL="$DWS_SCHEME://localhost:$DWS_PORT/grpc.health.v1.Health/Check"

grpc_curl() {
    if [ "$DWS_SCHEME" = https ]; then h2=--http2; insecure=-k; else h2=--http2-prior-knowledge; insecure=; fi
    # The answer's binary bytes become letters (SERVING's message 00 00 00 00 02 08 01 reads aaaacib).
    out=$(printf '\000\000\000\000\000' | curl -sS -m 5 $h2 $insecure -H 'content-type: application/grpc' \
        -H 'te: trailers' --data-binary @- -D - -o - "$DWS_URL" 2>&1 | tr '\000\001\002\003\010\r' 'abcdi ')
    status=$(printf '%s\n' "$out" | sed -n 's/^[Gg][Rr][Pp][Cc]-[Ss][Tt][Aa][Tt][Uu][Ss]: *\([0-9][0-9]*\).*/\1/p' | head -n 1)
    case "$out" in
    *"curl: ("*) printf 'error\n%s' "$(printf '%s\n' "$out" | sed -n 's/.*\(curl: (.*\)/\1/p' | head -n 1)" ;;
    *aaaacib*) printf 'serving\n' ;;
    *aaaacic*) printf 'not_serving\n' ;;
    *aaaacid*) printf 'service_unknown\n' ;;
    *)
        if [ -n "$status" ] && [ "$status" != 0 ]; then printf 'grpc_status_%s\n' "$status"
        else printf 'error\n%s' "$(printf '%s\n' "$out" | head -n 1)"; fi ;;
    esac
}

grpc_python() {
    python3 -c '
import socket, ssl, struct, sys
port, tls = int(sys.argv[1]), sys.argv[2] == "https"
def field(name, value):  # HPACK: a literal field, never indexed, no Huffman coding
    return b"\0" + bytes([len(name)]) + name.encode() + bytes([len(value)]) + value.encode()
def frame(kind, flags, stream, payload):
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload
try:
    c = socket.create_connection(("localhost", port), 5)
    c.settimeout(5)
    if tls:
        x = ssl.create_default_context()
        x.check_hostname = False
        x.verify_mode = ssl.CERT_NONE
        x.set_alpn_protocols(["h2"])
        c = x.wrap_socket(c, server_hostname="localhost")
    head = (field(":method", "POST") + field(":scheme", "https" if tls else "http")
            + field(":path", "/grpc.health.v1.Health/Check") + field(":authority", "localhost:%d" % port)
            + field("content-type", "application/grpc") + field("te", "trailers"))
    c.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b"") + frame(1, 4, 1, head)
              + frame(0, 1, 1, b"\0" * 5))
    buf, data, done = b"", b"", False
    while not done:
        while len(buf) < 9 or len(buf) < 9 + int.from_bytes(buf[:3], "big"):
            more = c.recv(65536)
            if buf[:5] == b"HTTP/" or more[:5] == b"HTTP/":
                print("http1"); print((buf + more).split(b"\r\n")[0].decode("ascii", "replace")); sys.exit()
            if not more:
                raise EOFError("the connection closed before the answer ended")
            buf += more
        size, kind, flags = int.from_bytes(buf[:3], "big"), buf[3], buf[4]
        stream = int.from_bytes(buf[5:9], "big") & 0x7FFFFFFF
        payload, buf = buf[9:9 + size], buf[9 + size:]
        if kind == 4 and not flags & 1:
            c.sendall(frame(4, 1, 0, b""))
        if kind == 7:
            raise EOFError("the service sent GOAWAY")
        if stream == 1 and kind == 3:
            raise EOFError("the service reset the call")
        if stream == 1 and kind == 0:
            data += payload
        done = stream == 1 and kind in (0, 1) and flags & 1
    states = {b"\x08\x01": "serving", b"\x08\x02": "not_serving", b"\x08\x03": "service_unknown"}
    print(states.get(data[5:], "no_message") if len(data) >= 5 else "no_message"); print(data[5:].hex())
except Exception as e:
    print("error"); print(e)
' "$DWS_PORT" "$DWS_SCHEME" 2>&1
}

grpc_health() {
    if [ "$TOOL" = curl ] && curl -V 2>/dev/null | awk '/^Features:/ && /HTTP2/ { f = 1 } END { exit !f }'; then
        grpc_curl
    elif command -v python3 >/dev/null 2>&1; then
        grpc_python
    else
        printf 'untried\nneither curl with HTTP/2 nor python3 in this container'
    fi
}

agent_platform_json() {
    res=$(grpc_health)
    printf '{"url":%s,"state":%s,"detail":%s}' "$(js "$DWS_URL")" "$(js "$(printf '%s' "$res" | head -n 1)")" \
        "$(js "$(printf '%s' "$res" | sed '1d')")"
}

# Without getent or python3 nothing can look a name up: say so, rather than report it unresolvable.
if command -v getent >/dev/null 2>&1; then RESOLVER=getent
elif command -v python3 >/dev/null 2>&1; then RESOLVER=python3
else RESOLVER=none; fi

resolve() {
    case "$RESOLVER" in
    getent) getent hosts "$1" 2>/dev/null | awk '{print $1}' | sort -u | tr '\n' ' ' ;;
    python3) python3 -c 'import socket, sys
try: print(" ".join(sorted(set(socket.gethostbyname_ex(sys.argv[1])[2]))))
except Exception: pass' "$1" ;;
    esac
}

authenticated=false
[ -n "${DUO_MODEL_KEY:-}" ] && authenticated=true
printf '{"schema":"duo-doctor.container-probe.v1","tool":"%s","env":%s,' "$TOOL" "$(env_json)"
answer healthz "$HEALTHZ_URL"; printf ','
answer model "$MODELS_URL" auth
printf ',"model_authenticated":%s,"gitlab_dns":{"host":%s,"addresses":%s,"resolver":"%s"},' "$authenticated" "$(js "$GITLAB_HOST")" "$(js "$(resolve "$GITLAB_HOST")")" "$RESOLVER"
printf '"jwt_keys":%s,"ca_files":%s,"gateway_image":%s,"agent_platform":%s}\n' "$(jwt_json)" "$(ca_json)" "$(js "${DUO_GATEWAY_IMAGE:-}")" "$(agent_platform_json)"
)SH";

ContainerProbe::Answer answerFrom(const QJsonObject& json) {
    ContainerProbe::Answer answer;
    answer.url = json.value(QStringLiteral("url")).toString();
    answer.status = json.value(QStringLiteral("status")).toInt(-1);
    answer.body = json.value(QStringLiteral("body")).toString();
    answer.error = json.value(QStringLiteral("error")).toString();
    return answer;
}

// What probes since 18.x print besides: absent from an older probe's output, which then says nothing of them.
void readNewerParts(const QJsonObject& json, ContainerProbe& probe) {
    const QJsonObject keys = json.value(QStringLiteral("jwt_keys")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it)
        probe.jwtKeys.insert(it.key(), it.value().toString());
    const QJsonObject bundles = json.value(QStringLiteral("ca_files")).toObject();
    for (auto it = bundles.begin(); it != bundles.end(); ++it) {
        const QJsonObject bundle = it.value().toObject();
        probe.caFiles.insert(it.key(), {bundle.value(QStringLiteral("readable")).toBool(),
                                        bundle.value(QStringLiteral("certificates")).toInt()});
    }
    probe.gatewayImage = json.value(QStringLiteral("gateway_image")).toString();
    const QJsonObject service = json.value(QStringLiteral("agent_platform")).toObject();
    probe.agentPlatform = {service.value(QStringLiteral("url")).toString(),
                           service.value(QStringLiteral("state")).toString(),
                           service.value(QStringLiteral("detail")).toString()};
}

bool isTrue(const QString& value) {
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

// --- The gateway's settings: each finding one function, in the order they are reported --------------------

using Finding = std::optional<ProbeVerdict> (*)(const ContainerProbe&, const TemplateValues&);

QString envValue(const ContainerProbe& probe, const char* name) {
    return probe.env.value(QLatin1String(name));
}

std::optional<ProbeVerdict> customModelsOff(const ContainerProbe& probe, const TemplateValues&) {
    if (isTrue(envValue(probe, "AIGW_CUSTOM_MODELS__ENABLED")))
        return std::nullopt;
    return ProbeVerdict{
        Status::Fail,
        ProbeText::tr("Inside the gateway container AIGW_CUSTOM_MODELS__ENABLED is \"%1\", not true.")
            .arg(envValue(probe, "AIGW_CUSTOM_MODELS__ENABLED")),
        QStringLiteral("gateway.custom_models_disabled"),
        {}};
}

std::optional<ProbeVerdict> authBypassOff(const ContainerProbe& probe, const TemplateValues&) {
    if (isTrue(envValue(probe, "AIGW_AUTH__BYPASS_EXTERNAL")))
        return std::nullopt;
    return ProbeVerdict{
        Status::Fail,
        ProbeText::tr("Inside the gateway container AIGW_AUTH__BYPASS_EXTERNAL is \"%1\", not true.")
            .arg(envValue(probe, "AIGW_AUTH__BYPASS_EXTERNAL")),
        QStringLiteral("gateway.auth_bypass_off"),
        {}};
}

std::optional<ProbeVerdict> gitlabUrlUnset(const ContainerProbe& probe, const TemplateValues&) {
    if (!envValue(probe, "AIGW_GITLAB_URL").isEmpty())
        return std::nullopt;
    return ProbeVerdict{Status::Warn,
                        ProbeText::tr("AIGW_GITLAB_URL is not set in the gateway container."),
                        QStringLiteral("log.aigw_gitlab_url_unset"),
                        {}};
}

std::optional<ProbeVerdict> gitlabUnresolvable(const ContainerProbe& probe, const TemplateValues&) {
    if (probe.gitlabHost.isEmpty() || !probe.gitlabAddresses.isEmpty() || !probe.dnsChecked)
        return std::nullopt;
    return ProbeVerdict{
        Status::Warn,
        ProbeText::tr("The gateway container cannot resolve GitLab's host %1.").arg(probe.gitlabHost),
        QStringLiteral("log.jwks_unreachable"),
        ProbeText::tr("%1 does not resolve inside the container").arg(probe.gitlabHost)};
}

// The Agent Platform service runs here: the image starts it (ENABLE_DUO_WORKFLOW_SERVICE), it is configured,
// or it answered.
bool agentPlatformExpected(const ContainerProbe& probe) {
    const bool configured = std::any_of(probe.env.keyBegin(), probe.env.keyEnd(), [](const QString& name) {
        return name.startsWith(QLatin1String("DUO_WORKFLOW_"));
    });
    const bool keyGiven = std::any_of(probe.jwtKeys.cbegin(), probe.jwtKeys.cend(),
                                      [](const QString& shape) { return shape != QLatin1String("absent"); });
    return !envValue(probe, "ENABLE_DUO_WORKFLOW_SERVICE").isEmpty() || configured || keyGiven ||
           probe.agentPlatform.state == QLatin1String("serving");
}

QStringList keysShaped(const ContainerProbe& probe, std::initializer_list<const char*> shapes) {
    QStringList names;
    for (auto it = probe.jwtKeys.cbegin(); it != probe.jwtKeys.cend(); ++it) {
        if (std::any_of(shapes.begin(), shapes.end(),
                        [&](const char* shape) { return it.value() == QLatin1String(shape); }))
            names.append(it.key());
    }
    return names;
}

std::optional<ProbeVerdict> jwtKeysMissing(const ContainerProbe& probe, const TemplateValues&) {
    const QStringList absent = keysShaped(probe, {"absent", "empty"});
    const QStringList notPem = keysShaped(probe, {"not_pem"});
    if (probe.jwtKeys.isEmpty() || !agentPlatformExpected(probe) || (absent.isEmpty() && notPem.isEmpty()))
        return std::nullopt;
    QStringList problems;
    if (!absent.isEmpty())
        problems.append(ProbeText::tr("%1 not set").arg(absent.join(QStringLiteral(", "))));
    if (!notPem.isEmpty())
        problems.append(ProbeText::tr("%1 not a PEM key").arg(notPem.join(QStringLiteral(", "))));
    const QString message = problems.join(QStringLiteral("; "));
    return ProbeVerdict{
        Status::Fail,
        ProbeText::tr("The Agent Platform service's token keys are not usable: %1.").arg(message),
        QStringLiteral("probe.jwt_keys_missing"), message};
}

std::optional<ProbeVerdict> jwtKeysOnOneLine(const ContainerProbe& probe, const TemplateValues&) {
    const QStringList oneLine = keysShaped(probe, {"one_line"});
    if (oneLine.isEmpty())
        return std::nullopt;
    const QString names = oneLine.join(QStringLiteral(", "));
    return ProbeVerdict{Status::Warn, ProbeText::tr("%1 hold a PEM key on one line.").arg(names),
                        QStringLiteral("probe.jwt_keys_one_line"), names};
}

std::optional<ProbeVerdict> agentPlatformAuthOff(const ContainerProbe& probe, const TemplateValues&) {
    const QString auth = envValue(probe, "DUO_WORKFLOW_AUTH__ENABLED");
    if (keysShaped(probe, {"pem", "one_line"}).isEmpty() || isTrue(auth))
        return std::nullopt;
    return ProbeVerdict{
        Status::Warn,
        ProbeText::tr("DUO_WORKFLOW_AUTH__ENABLED is \"%1\" in the gateway container, not true.").arg(auth),
        QStringLiteral("probe.agent_platform_auth_off"), auth};
}

std::optional<ProbeVerdict> caBundleUnreadable(const ContainerProbe& probe, const TemplateValues&) {
    for (auto it = probe.caFiles.cbegin(); it != probe.caFiles.cend(); ++it) {
        if (it.value().readable)
            continue;
        const QString message = ProbeText::tr("%1 names %2, which the container cannot read")
                                    .arg(it.key(), probe.env.value(it.key()));
        return ProbeVerdict{Status::Fail, message + QLatin1Char('.'),
                            QStringLiteral("probe.ca_bundle_unreadable"), message};
    }
    return std::nullopt;
}

// Fewer certificates than this: a private CA alone, without the public roots.
constexpr int fewestCertificatesWithRoots = 2;

std::optional<ProbeVerdict> caBundleIncomplete(const ContainerProbe& probe, const TemplateValues&) {
    QString message;
    if (probe.caFiles.size() == 1)
        message =
            ProbeText::tr("only %1 is set (Python's requests reads REQUESTS_CA_BUNDLE, the other clients "
                          "SSL_CERT_FILE)")
                .arg(probe.caFiles.firstKey());
    for (auto it = probe.caFiles.cbegin(); it != probe.caFiles.cend() && message.isEmpty(); ++it) {
        if (it.value().readable && it.value().certificates < fewestCertificatesWithRoots)
            message = ProbeText::tr("%1 holds %n certificate(s), so not the public roots", nullptr,
                                    it.value().certificates)
                          .arg(it.key());
    }
    if (message.isEmpty())
        return std::nullopt;
    return ProbeVerdict{Status::Warn,
                        ProbeText::tr("The gateway's CA settings are incomplete: %1.").arg(message),
                        QStringLiteral("probe.ca_bundle_incomplete"), message};
}

std::optional<ProbeVerdict> customerPortalElsewhere(const ContainerProbe& probe,
                                                    const TemplateValues& values) {
    const char* const names[] = {"AIGW_CUSTOMER_PORTAL_URL", "DUO_WORKFLOW_AUTH__OIDC_CUSTOMER_PORTAL_URL"};
    const QString gitlabHost = QUrl(values.value(QStringLiteral("gitlab_url"))).host();
    QStringList set, elsewhere;
    for (const char* name : names) {
        const QString value = envValue(probe, name);
        if (value.isEmpty())
            continue;
        set.append(QLatin1String(name));
        const QString host = QUrl(value).host();
        if (host != QLatin1String("customers.gitlab.com") && (gitlabHost.isEmpty() || host != gitlabHost))
            elsewhere.append(QStringLiteral("%1=%2").arg(QLatin1String(name), value));
    }
    QString message;
    if (set.size() == 1)
        message = ProbeText::tr("only %1 is set").arg(set.constFirst());
    else if (!elsewhere.isEmpty() && !gitlabHost.isEmpty())
        message = ProbeText::tr("%1 is neither GitLab's URL nor GitLab's customer portal")
                      .arg(elsewhere.join(QStringLiteral(", ")));
    if (message.isEmpty())
        return std::nullopt;
    return ProbeVerdict{Status::Warn, ProbeText::tr("Customer portal URLs: %1.").arg(message),
                        QStringLiteral("probe.customer_portal_elsewhere"), message};
}

// self-hosted-v18.2.1-ee and the like: GitLab's version the image was built for.
QVersionNumber imageVersion(const QString& image) {
    static const QRegularExpression tag(QStringLiteral(R"(self-hosted-v?(\d+\.\d+(?:\.\d+)?))"));
    const QRegularExpressionMatch match = tag.match(image);
    return match.hasMatch() ? QVersionNumber::fromString(match.captured(1)) : QVersionNumber();
}

std::optional<ProbeVerdict> gatewayVersionMismatch(const ContainerProbe& probe,
                                                   const TemplateValues& values) {
    const QVersionNumber gitlab =
        QVersionNumber::fromString(values.value(QStringLiteral("gitlab_version"))).normalized();
    if (probe.gatewayImage.isEmpty() || gitlab.segmentCount() < 2)
        return std::nullopt;
    const QVersionNumber gateway = imageVersion(probe.gatewayImage);
    if (!gateway.isNull() && gateway.majorVersion() == gitlab.majorVersion() &&
        gateway.minorVersion() == gitlab.minorVersion())
        return std::nullopt;
    const QString message =
        gateway.isNull() ? ProbeText::tr("%1, a tag that names no GitLab version").arg(probe.gatewayImage)
                         : probe.gatewayImage;
    return ProbeVerdict{
        Status::Warn,
        ProbeText::tr("The gateway image %1 does not match GitLab %2.").arg(message, gitlab.toString()),
        QStringLiteral("probe.gateway_version_mismatch"), message};
}

// The model platforms' variables the probe reports (as set or not): AWS Bedrock's credentials, where an
// instance role, IRSA or a Bedrock API key stand in for keys; its region under any of LiteLLM's and boto's
// names; Azure OpenAI's.
const char* const awsCredentialVariables[] = {"AWS_ACCESS_KEY_ID",
                                              "AWS_BEARER_TOKEN_BEDROCK",
                                              "AWS_PROFILE",
                                              "AWS_ROLE_ARN",
                                              "AWS_WEB_IDENTITY_TOKEN_FILE",
                                              "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                                              "AWS_CONTAINER_CREDENTIALS_FULL_URI"};
const char* const awsRegionVariables[] = {"AWS_REGION", "AWS_REGION_NAME", "AWS_DEFAULT_REGION"};
const char* const platformVariables[] = {"AWS_ACCESS_KEY_ID",
                                         "AWS_SECRET_ACCESS_KEY",
                                         "AWS_SESSION_TOKEN",
                                         "AWS_BEARER_TOKEN_BEDROCK",
                                         "AWS_PROFILE",
                                         "AWS_ROLE_ARN",
                                         "AWS_WEB_IDENTITY_TOKEN_FILE",
                                         "AWS_REGION",
                                         "AWS_REGION_NAME",
                                         "AWS_DEFAULT_REGION",
                                         "AWS_BEDROCK_RUNTIME_ENDPOINT",
                                         "AZURE_API_KEY",
                                         "AZURE_API_BASE",
                                         "AZURE_API_VERSION"};

template <std::size_t N> bool anySet(const ContainerProbe& probe, const char* const (&names)[N]) {
    return std::any_of(std::begin(names), std::end(names),
                       [&probe](const char* name) { return probe.env.contains(QLatin1String(name)); });
}

// A Bedrock model, and nothing in the container that gives the gateway AWS credentials or a region. An
// instance role is invisible from the environment: a warning, not a failure.
std::optional<ProbeVerdict> bedrockSettingsMissing(const ContainerProbe& probe,
                                                   const TemplateValues& values) {
    if (!values.value(QStringLiteral("model_identifier")).startsWith(QLatin1String("bedrock")) ||
        anySet(probe, awsCredentialVariables) || anySet(probe, awsRegionVariables))
        return std::nullopt;
    return ProbeVerdict{Status::Warn,
                        ProbeText::tr("The model runs on AWS Bedrock, but the gateway container has neither "
                                      "AWS credentials nor a region (AWS_REGION or AWS_REGION_NAME)."),
                        QStringLiteral("probe.bedrock_settings_missing"),
                        {}};
}

const Finding environmentFindings[] = {
    customModelsOff,        authBypassOff,           jwtKeysMissing,     caBundleUnreadable,
    gitlabUrlUnset,         gitlabUnresolvable,      jwtKeysOnOneLine,   agentPlatformAuthOff,
    gatewayVersionMismatch, customerPortalElsewhere, caBundleIncomplete, bedrockSettingsMissing,
};

// What the newer parts of the probe saw, for a summary that passes.
QString newerFacts(const ContainerProbe& probe) {
    QStringList facts;
    if (const int pem = int(keysShaped(probe, {"pem"}).size()); pem > 0)
        facts.append(ProbeText::tr("%n of the four token keys PEM-shaped", nullptr, pem));
    if (!probe.gatewayImage.isEmpty())
        facts.append(ProbeText::tr("image %1").arg(probe.gatewayImage));
    for (auto it = probe.caFiles.cbegin(); it != probe.caFiles.cend(); ++it)
        facts.append(
            ProbeText::tr("%1 with %n certificate(s)", nullptr, it.value().certificates).arg(it.key()));
    QStringList platform;
    for (const char* name : platformVariables) {
        if (probe.env.contains(QLatin1String(name)))
            platform.append(QLatin1String(name));
    }
    if (!platform.isEmpty())
        facts.append(
            ProbeText::tr("model platform settings set: %1").arg(platform.join(QStringLiteral(", "))));
    return facts.isEmpty() ? QString()
                           : QLatin1Char(' ') + facts.join(QStringLiteral("; ")) + QLatin1Char('.');
}

// The first failure (else warning) explains; the others are named after it.
std::optional<ProbeVerdict> judgeEnvironment(const ContainerProbe& probe, const TemplateValues& values) {
    QList<ProbeVerdict> findings;
    for (const Finding finding : environmentFindings) {
        if (std::optional<ProbeVerdict> found = finding(probe, values))
            findings.append(*found);
    }
    if (findings.isEmpty())
        return ProbeVerdict{
            Status::Pass,
            ProbeText::tr("Custom models on, external auth bypassed, AIGW_GITLAB_URL=%1; GitLab's host "
                          "resolves to %2.")
                    .arg(envValue(probe, "AIGW_GITLAB_URL"),
                         probe.gitlabAddresses.isEmpty() ? ProbeText::tr("(not checked)")
                                                         : probe.gitlabAddresses.join(QStringLiteral(", "))) +
                newerFacts(probe),
            {},
            {}};
    const auto first = std::find_if(findings.cbegin(), findings.cend(),
                                    [](const ProbeVerdict& f) { return f.status == Status::Fail; });
    ProbeVerdict verdict = first == findings.cend() ? findings.constFirst() : *first;
    QStringList others;
    for (const ProbeVerdict& finding : findings) {
        if (finding.signatureId != verdict.signatureId)
            others.append(finding.summary);
    }
    if (!others.isEmpty())
        verdict.summary += QLatin1Char(' ') + ProbeText::tr("Also: %1").arg(others.join(QLatin1Char(' ')));
    return verdict;
}

// --- Health inside the container: the gateway's, then the Agent Platform service's ---------------------

struct GrpcState {
    const char* state;
    Status status;
    const char* signatureId; // nullptr: a pass
};
const GrpcState grpcStates[] = {
    {"serving", Status::Pass, nullptr},
    {"not_serving", Status::Fail, "probe.agent_platform_not_serving"},
    {"service_unknown", Status::Fail, "probe.agent_platform_not_serving"},
    {"grpc_status_12", Status::Warn, "probe.agent_platform_no_health"},
    {"no_message", Status::Warn, "probe.agent_platform_no_health"},
};

std::optional<ProbeVerdict> judgeAgentPlatformInside(const ContainerProbe& probe, ProbeVerdict gateway) {
    const ContainerProbe::Grpc& service = probe.agentPlatform;
    if (service.state.isEmpty() || service.state == QLatin1String("untried"))
        return gateway;
    for (const GrpcState& known : grpcStates) {
        if (service.state != QLatin1String(known.state))
            continue;
        if (!known.signatureId)
            return ProbeVerdict{
                Status::Pass,
                gateway.summary + QLatin1Char(' ') +
                    ProbeText::tr("The Agent Platform service answers SERVING at %1.").arg(service.url),
                {},
                {}};
        const QString state = service.state.toUpper();
        return ProbeVerdict{known.status,
                            ProbeText::tr("Inside the container the Agent Platform service answers %1 at %2.")
                                .arg(state, service.url),
                            QString::fromLatin1(known.signatureId), state};
    }
    if (!agentPlatformExpected(probe))
        return gateway; // nothing says it should run here
    const QString message = QStringLiteral("%1 (%2)").arg(service.detail, service.url);
    return ProbeVerdict{
        Status::Fail,
        ProbeText::tr("Inside the container the Agent Platform service does not answer at %1: %2")
            .arg(service.url, service.detail),
        QStringLiteral("probe.agent_platform_down"), message};
}

std::optional<ProbeVerdict> judgeHealth(const ContainerProbe& probe, const TemplateValues&) {
    const ContainerProbe::Answer& healthz = probe.healthz;
    if (healthz.status < 0 || probe.tool == QLatin1String("none"))
        return std::nullopt;
    if (healthz.status == 200)
        return judgeAgentPlatformInside(
            probe,
            ProbeVerdict{
                Status::Pass,
                ProbeText::tr("The gateway answers its own health check inside the container (HTTP 200)."),
                {},
                {}});
    return ProbeVerdict{
        Status::Fail,
        healthz.status == 0
            ? ProbeText::tr("Inside the container nothing answers %1: %2").arg(healthz.url, healthz.error)
            : ProbeText::tr("Inside the container the gateway's health check answers HTTP %1.")
                  .arg(healthz.status),
        QStringLiteral("gateway.unhealthy"), healthz.body.isEmpty() ? healthz.error : healthz.body,
        healthz.status};
}

std::optional<ProbeVerdict> judgeModel(const ContainerProbe& probe, const TemplateValues&) {
    const ContainerProbe::Answer& model = probe.model;
    if (model.status < 0 || probe.tool == QLatin1String("none"))
        return std::nullopt;
    if (model.status == 200)
        return ProbeVerdict{
            Status::Pass,
            ProbeText::tr("The model server answers the gateway container (HTTP 200 from %1).")
                .arg(model.url),
            {},
            {}};
    if (model.status == 0)
        return ProbeVerdict{Status::Fail,
                            ProbeText::tr("The gateway container cannot reach the model at %1: %2")
                                .arg(model.url, model.error),
                            QStringLiteral("model.endpoint_address.unreachable_from_gateway"), model.error,
                            model.status};
    if (model.status == 401 || model.status == 403)
        return ProbeVerdict{
            probe.modelAuthenticated ? Status::Fail : Status::Warn,
            probe.modelAuthenticated
                ? ProbeText::tr("The model server refuses the key from inside the container (HTTP %1).")
                      .arg(model.status)
                : ProbeText::tr("The model server answers the container but wants a key (HTTP %1); run the "
                                "probe with DUO_MODEL_KEY to check it.")
                      .arg(model.status),
            QStringLiteral("gateway.model_auth"), model.body, model.status};
    if (model.status == 404)
        return ProbeVerdict{Status::Fail,
                            ProbeText::tr("Inside the container %1 is not found (HTTP 404).").arg(model.url),
                            QStringLiteral("model.endpoint_path.no_api"), model.body, model.status};
    return ProbeVerdict{
        Status::Fail,
        ProbeText::tr("Inside the container %1 answers HTTP %2.").arg(model.url).arg(model.status),
        QStringLiteral("gateway.model_connection_error"), model.body, model.status};
}

struct ProbeStep {
    const char* checkId;
    std::optional<ProbeVerdict> (*judge)(const ContainerProbe&, const TemplateValues&);
};
const ProbeStep probeSteps[] = {
    {"manual.aigw_env", judgeEnvironment},
    {"manual.aigw_health_inside", judgeHealth},
    {"manual.model_from_gateway", judgeModel},
};

} // namespace

QString containerProbeScript(const Target& target) {
    TemplateValues values = targetValues(target);
    return fillTemplate(QString::fromUtf8(scriptTemplate), values);
}

bool looksLikeContainerProbe(const QString& text) {
    return text.contains(QLatin1String("duo-doctor.container-probe.v1"));
}

namespace {

// Redact last: the values as decoded, each on its own.
void redactValues(ContainerProbe& probe, const Redactor& redactor) {
    for (QString* value :
         {&probe.tool, &probe.gitlabHost, &probe.gatewayImage, &probe.healthz.url, &probe.healthz.body,
          &probe.healthz.error, &probe.model.url, &probe.model.body, &probe.model.error,
          &probe.agentPlatform.url, &probe.agentPlatform.state, &probe.agentPlatform.detail})
        *value = redactor.apply(*value);
    for (QString& address : probe.gitlabAddresses)
        address = redactor.apply(address);
    for (QMap<QString, QString>* map : {&probe.env, &probe.jwtKeys}) {
        QMap<QString, QString> redacted;
        for (auto it = map->cbegin(); it != map->cend(); ++it)
            redacted.insert(redactor.apply(it.key()), redactor.apply(it.value()));
        *map = redacted;
    }
}

} // namespace

std::optional<ContainerProbe> parseContainerProbe(const QString& text, QString* error,
                                                  const Redactor& redactor) {
    const QByteArray bytes = text.toUtf8();
    if (!bytes.contains('{')) {
        *error = ProbeText::tr("no JSON object in the pasted text: paste the line the probe printed");
        return std::nullopt;
    }
    if (!looksLikeContainerProbe(text)) {
        *error = ProbeText::tr("this is not the output of Duo Doctor's container probe");
        return std::nullopt;
    }
    // The probe's object wherever it stands among the terminal's other text (a prompt with braces in it,
    // say): the first '{' from which a probe object parses, with anything after it ignored.
    QJsonObject json;
    QJsonParseError parseError{};
    int candidates = 0;
    for (qsizetype at = bytes.indexOf('{'); at >= 0 && json.isEmpty() && candidates < 50;
         at = bytes.indexOf('{', at + 1), ++candidates) {
        const QByteArray rest = bytes.mid(at);
        QJsonDocument document = QJsonDocument::fromJson(rest, &parseError);
        if (parseError.error == QJsonParseError::GarbageAtEnd)
            document = QJsonDocument::fromJson(rest.left(parseError.offset), &parseError);
        if (parseError.error == QJsonParseError::NoError &&
            document.object().value(QStringLiteral("schema")).toString() ==
                QLatin1String("duo-doctor.container-probe.v1"))
            json = document.object();
    }
    if (json.isEmpty()) {
        *error = ProbeText::tr("the probe's output is not valid JSON (%1): paste it whole")
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    ContainerProbe probe;
    probe.tool = json.value(QStringLiteral("tool")).toString();
    const QJsonObject env = json.value(QStringLiteral("env")).toObject();
    for (auto it = env.begin(); it != env.end(); ++it)
        probe.env.insert(it.key(), it.value().toString());
    probe.healthz = answerFrom(json.value(QStringLiteral("healthz")).toObject());
    probe.model = answerFrom(json.value(QStringLiteral("model")).toObject());
    probe.modelAuthenticated = json.value(QStringLiteral("model_authenticated")).toBool();
    const QJsonObject dns = json.value(QStringLiteral("gitlab_dns")).toObject();
    probe.gitlabHost = dns.value(QStringLiteral("host")).toString();
    probe.gitlabAddresses =
        dns.value(QStringLiteral("addresses")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    probe.dnsChecked = dns.value(QStringLiteral("resolver")).toString() != QLatin1String("none");
    readNewerParts(json, probe);
    redactValues(probe, redactor);
    return probe;
}

QStringList containerProbeSteps() {
    QStringList ids;
    for (const ProbeStep& step : probeSteps)
        ids.append(QString::fromLatin1(step.checkId));
    return ids;
}

std::optional<ProbeVerdict> judgeFromProbe(const QString& checkId, const ContainerProbe& probe,
                                           const TemplateValues& values) {
    for (const ProbeStep& step : probeSteps) {
        if (checkId == QLatin1String(step.checkId))
            return step.judge(probe, values);
    }
    return std::nullopt;
}

} // namespace duo
