// AI gateway checks, from the desktop: the gateway's own endpoints and the seed's direct model request.
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace duo {

namespace {

struct GatewayChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::GatewayChecks)
};

HttpRequest gatewayRequest(const Context& context, const QString& path) {
    HttpRequest request;
    request.shareable = true; // a read: checks asking the same share one answer (POSTs say otherwise)
    request.url = appendPath(context->target().gatewayUrl, path);
    request.addHeader("Accept", "application/json");
    return request;
}

void noGateway(const Context& context) {
    context->finish(context->makeResult(
        Status::Skip, GatewayChecks::tr("No AI gateway URL given: gateway checks are skipped.")));
}

} // namespace

void runGatewayReachable(const Context& context) {
    if (context->target().gatewayUrl.isEmpty())
        return noGateway(context);
    context->ask(
        gatewayRequest(context, QStringLiteral("/")), [context](CheckResult& result, const HttpResult& http) {
            result.details = GatewayChecks::tr("GET %1 from this desktop: %2")
                                 .arg(http.url.toDisplayString(QUrl::RemoveUserInfo), describeHttp(http));
            if (!http.answered()) {
                result.summary = GatewayChecks::tr("The AI gateway did not answer: %1").arg(http.errorText);
                context->failFromHttp(result, http);
            } else {
                result.summary = GatewayChecks::tr("The AI gateway answered in %1 ms.").arg(http.elapsedMs);
                addTransportEvidence(result, http);
                warnAboutRedirects(result, http, context->target().gatewayUrl);
                result.evidence.insert(evidence::httpStatus, http.status);
                result.evidence.insert(evidence::server, QString::fromUtf8(http.header("server")));
            }
        });
}

void runGatewayHealth(const Context& context) {
    context->ask(gatewayRequest(context, QStringLiteral("/monitoring/healthz")),
                 [context](CheckResult& result, const HttpResult& http) {
                     result.details =
                         GatewayChecks::tr("GET /monitoring/healthz: %1").arg(describeHttp(http));
                     result.evidence.insert(evidence::httpStatus, http.status);
                     if (http.answered() && looksLikeHtmlLogin(http)) {
                         result.summary = GatewayChecks::tr("A login page answered instead of the gateway.");
                         context->failWithVerdict(result, http, Verdict::HtmlLoginPage);
                     } else if (http.answered() && http.status == 200) {
                         result.summary = GatewayChecks::tr("The AI gateway reports healthy.");
                     } else {
                         result.summary =
                             http.answered()
                                 ? GatewayChecks::tr("/monitoring/healthz answered HTTP %1.").arg(http.status)
                                 : http.errorText;
                         context->failFromHttp(result, http);
                     }
                 });
}

void runGatewayAuthBypass(const Context& context) {
    HttpRequest request = gatewayRequest(context, QStringLiteral("/v1/chat/agent"));
    request.method = "POST";
    request.shareable = false;
    request.addHeader("Content-Type", "application/json");
    request.body = "{}"; // invalid on purpose: a 422 proves the request got past authentication
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        result.details = GatewayChecks::tr("POST /v1/chat/agent without a token and with an empty body: %1")
                             .arg(describeHttp(http));
        result.evidence.insert(evidence::httpStatus, http.status);
        if (http.answered() && http.status != 401 && http.status != 403) {
            result.summary =
                GatewayChecks::tr("Requests without a GitLab token get past authentication (HTTP %1).")
                    .arg(http.status);
        } else {
            result.summary = http.answered()
                                 ? GatewayChecks::tr("Requests without a GitLab token are refused (HTTP %1).")
                                       .arg(http.status)
                                 : http.errorText;
            context->failFromHttp(result, http);
        }
    });
}

void runGatewayModelRequest(const Context& context) {
    const Target& target = context->target();
    // Bedrock and the hosted APIs need no endpoint: the gateway calls them with its own credentials.
    if (target.modelFamily.isEmpty() ||
        (target.modelEndpoint.isEmpty() && platformOf(target.modelIdentifier).needsEndpoint)) {
        context->finish(
            context->makeResult(Status::Skip, GatewayChecks::tr("Needs the model name and endpoint.")));
        return;
    }
    HttpRequest request = gatewayRequest(context, QStringLiteral("/v1/chat/agent"));
    request.method = "POST";
    request.shareable = false;
    request.generates = true;
    request.addHeader("Content-Type", "application/json");
    request.body = chatAgentBody(target, target.modelKey.reveal()); // the seed sends the key in the body
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        result.details =
            GatewayChecks::tr(
                "POST /v1/chat/agent with the troubleshooting page's body (model %1, endpoint %2): %3")
                .arg(context->target().modelFamily, context->target().modelEndpoint.toString(),
                     describeHttp(http));
        result.evidence.insert(evidence::httpStatus, http.status);
        const QJsonObject answer = parseObject(http.body);
        if (http.answered() && http.status == 200 && answer.contains(QStringLiteral("response"))) {
            result.summary = GatewayChecks::tr("The model answered through the gateway in %1 ms: \"%2\"")
                                 .arg(QString::number(http.elapsedMs),
                                      excerpt(answer.value(QStringLiteral("response")).toString(), 80));
            return;
        }
        Observation observation = Observation::fromHttp(result.id, http);
        const QJsonValue detail = answer.value(QStringLiteral("detail"));
        if (detail.isString())
            observation.text = detail.toString();
        else if (answer.contains(QStringLiteral("error")))
            observation.text = answer.value(QStringLiteral("error")).toString(observation.text);
        result.summary = http.answered()
                             ? GatewayChecks::tr("The gateway answered HTTP %1: %2")
                                   .arg(QString::number(http.status), excerpt(observation.text, 160))
                             : http.errorText;
        addTransportEvidence(result, http);
        context->failFrom(result, observation, transportValues(http, context->options()));
    });
}

} // namespace duo
