#include "core/checks/containerprobe.h"

#include "core/engine/checkcontext.h"
#include "core/text/quoting.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace duo {

namespace {

struct ProbeText {
    Q_DECLARE_TR_FUNCTIONS(duo::ContainerProbe)
};

// {models_url:sh} and {gitlab_host:sh} are filled in; everything else is plain sh. Kept to what busybox sh,
// dash and bash all run: no arrays, no [[ ]], no $'…'.
const char* const scriptTemplate = R"SH(#!/bin/sh
# Duo Doctor container probe. Read-only: it makes three requests and prints one JSON object.
# Run it inside the AI gateway container, e.g.:
#   docker exec -i <ai-gateway-container> sh -s < duo-doctor-probe.sh
#   kubectl -n <namespace> exec -i <ai-gateway-pod> -- sh -s < duo-doctor-probe.sh
# For an authenticated model request, pass the key through the environment (never write it here):
#   docker exec -i -e DUO_MODEL_KEY <ai-gateway-container> sh -s < duo-doctor-probe.sh
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
                SSL_CERT_FILE REQUESTS_CA_BUNDLE no_proxy NO_PROXY; do
        eval "isset=\${$name+x}"; eval "value=\${$name-}"
        [ -n "$isset" ] || continue
        [ $first = 1 ] || printf ','; first=0
        printf '"%s":%s' "$name" "$(js "$value")"
    done
    # Values that may hold credentials: only whether they are set.
    for name in http_proxy https_proxy HTTP_PROXY HTTPS_PROXY AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY; do
        eval "isset=\${$name+x}"
        [ -n "$isset" ] || continue
        [ $first = 1 ] || printf ','; first=0
        printf '"%s":"set"' "$name"
    done
    printf '}'
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
printf ',"model_authenticated":%s,"gitlab_dns":{"host":%s,"addresses":%s,"resolver":"%s"}}\n' "$authenticated" "$(js "$GITLAB_HOST")" "$(js "$(resolve "$GITLAB_HOST")")" "$RESOLVER"
)SH";

ContainerProbe::Answer answerFrom(const QJsonObject& json) {
    ContainerProbe::Answer answer;
    answer.url = json.value(QStringLiteral("url")).toString();
    answer.status = json.value(QStringLiteral("status")).toInt(-1);
    answer.body = json.value(QStringLiteral("body")).toString();
    answer.error = json.value(QStringLiteral("error")).toString();
    return answer;
}

bool isTrue(const QString& value) {
    return value.trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

std::optional<ProbeVerdict> judgeEnvironment(const ContainerProbe& probe) {
    const auto value = [&](const char* name) { return probe.env.value(QLatin1String(name)); };
    if (!isTrue(value("AIGW_CUSTOM_MODELS__ENABLED")))
        return ProbeVerdict{
            Status::Fail,
            ProbeText::tr("Inside the gateway container AIGW_CUSTOM_MODELS__ENABLED is \"%1\", not true.")
                .arg(value("AIGW_CUSTOM_MODELS__ENABLED")),
            QStringLiteral("gateway.custom_models_disabled"),
            {}};
    if (!isTrue(value("AIGW_AUTH__BYPASS_EXTERNAL")))
        return ProbeVerdict{
            Status::Fail,
            ProbeText::tr("Inside the gateway container AIGW_AUTH__BYPASS_EXTERNAL is \"%1\", not true.")
                .arg(value("AIGW_AUTH__BYPASS_EXTERNAL")),
            QStringLiteral("gateway.auth_bypass_off"),
            {}};
    if (value("AIGW_GITLAB_URL").isEmpty())
        return ProbeVerdict{Status::Warn,
                            ProbeText::tr("AIGW_GITLAB_URL is not set in the gateway container."),
                            QStringLiteral("log.aigw_gitlab_url_unset"),
                            {}};
    if (!probe.gitlabHost.isEmpty() && probe.gitlabAddresses.isEmpty() && probe.dnsChecked)
        return ProbeVerdict{
            Status::Warn,
            ProbeText::tr("The gateway container cannot resolve GitLab's host %1.").arg(probe.gitlabHost),
            QStringLiteral("log.jwks_unreachable"),
            ProbeText::tr("%1 does not resolve inside the container").arg(probe.gitlabHost)};
    return ProbeVerdict{
        Status::Pass,
        ProbeText::tr("Custom models on, external auth bypassed, AIGW_GITLAB_URL=%1; GitLab's host "
                      "resolves to %2.")
            .arg(value("AIGW_GITLAB_URL"), probe.gitlabAddresses.isEmpty()
                                               ? ProbeText::tr("(not checked)")
                                               : probe.gitlabAddresses.join(QStringLiteral(", "))),
        {},
        {}};
}

std::optional<ProbeVerdict> judgeHealth(const ContainerProbe& probe) {
    const ContainerProbe::Answer& healthz = probe.healthz;
    if (healthz.status < 0 || probe.tool == QLatin1String("none"))
        return std::nullopt;
    if (healthz.status == 200)
        return ProbeVerdict{
            Status::Pass,
            ProbeText::tr("The gateway answers its own health check inside the container (HTTP 200)."),
            {},
            {}};
    return ProbeVerdict{
        Status::Fail,
        healthz.status == 0
            ? ProbeText::tr("Inside the container nothing answers %1: %2").arg(healthz.url, healthz.error)
            : ProbeText::tr("Inside the container the gateway's health check answers HTTP %1.")
                  .arg(healthz.status),
        QStringLiteral("gateway.unhealthy"), healthz.body.isEmpty() ? healthz.error : healthz.body,
        healthz.status};
}

std::optional<ProbeVerdict> judgeModel(const ContainerProbe& probe) {
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
    std::optional<ProbeVerdict> (*judge)(const ContainerProbe&);
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

std::optional<ContainerProbe> parseContainerProbe(const QString& text, QString* error) {
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
    return probe;
}

QStringList containerProbeSteps() {
    QStringList ids;
    for (const ProbeStep& step : probeSteps)
        ids.append(QString::fromLatin1(step.checkId));
    return ids;
}

std::optional<ProbeVerdict> judgeFromProbe(const QString& checkId, const ContainerProbe& probe) {
    for (const ProbeStep& step : probeSteps) {
        if (checkId == QLatin1String(step.checkId))
            return step.judge(probe);
    }
    return std::nullopt;
}

} // namespace duo
