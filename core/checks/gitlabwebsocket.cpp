// GitLab's Agent Platform WebSocket (/api/v4/ai/duo_workflows/ws, GitLab 18.2 and later): Agentic Chat and
// flows open it from the web UI and the IDEs, through every proxy in front of GitLab. Opened once and closed,
// as an IDE does.
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/net/websocketprobe.h"

#include <QCoreApplication>
#include <QVersionNumber>

namespace duo {

namespace {

struct WebSocketChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::WebSocketChecks)
};

const QString socketPath = QStringLiteral("/api/v4/ai/duo_workflows/ws");
const QVersionNumber socketSince(18, 2); // on self-managed GitLab, with Agentic Chat
constexpr int normalClosure = 1000;

// The 404 of a GitLab that predates the WebSocket is no failure: there is nothing to open yet.
Verdict notFoundVerdict(const Context& context) {
    const CheckResult* version = context->resultOf(QStringLiteral("gitlab.version"));
    const QVersionNumber number = QVersionNumber::fromString(
        version ? version->evidence.value(evidence::version).toString() : QString());
    return !number.isNull() && number < socketSince ? Verdict::WebSocketNotInVersion
                                                    : Verdict::WebSocketMissing;
}

void judgeUpgraded(const Context& context, CheckResult& result, const WebSocketOutcome& outcome) {
    if (!outcome.acceptValid) {
        result.summary = WebSocketChecks::tr("GitLab answered 101, but not with this handshake's "
                                             "Sec-WebSocket-Accept.");
        context->failWithVerdict(result, outcome.http, Verdict::WebSocketBadAccept,
                                 QString::fromLatin1(outcome.http.header("sec-websocket-accept")));
        return;
    }
    if (outcome.serverCloseCode != 0 && outcome.serverCloseCode != normalClosure) {
        result.evidence.insert(evidence::closeCode, outcome.serverCloseCode);
        result.summary =
            WebSocketChecks::tr("GitLab accepted the WebSocket (101), then closed it at once with "
                                "code %1.")
                .arg(outcome.serverCloseCode);
        context->conclude(result, Verdict::WebSocketClosedEarly,
                          {{QStringLiteral("close_code"), QString::number(outcome.serverCloseCode)}});
        return;
    }
    result.evidence.insert(evidence::closeCode, outcome.replyCloseCode);
    result.summary =
        outcome.replyCloseCode == normalClosure
            ? WebSocketChecks::tr("GitLab accepted the WebSocket (101) and closed it cleanly (1000).")
            : WebSocketChecks::tr("GitLab accepted the WebSocket (101).");
}

void judgeWebSocket(const Context& context, const WebSocketOutcome& outcome) {
    const HttpResult& http = outcome.http;
    CheckResult result = context->makeResult(Status::Pass, {});
    result.details =
        WebSocketChecks::tr("WebSocket upgrade of GET %1 with the token: %2")
            .arg(http.url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery), describeHttp(http));
    result.evidence.insert(evidence::httpStatus, http.status);
    addTransportEvidence(result, http);
    const bool answered = http.error == NetError::None && http.status > 0;
    if (answered && http.status == 101) {
        judgeUpgraded(context, result, outcome);
    } else if (!answered || http.status == 401 || http.status == 403 ||
               (http.status >= 300 && http.status < 400)) {
        result.summary = answered
                             ? WebSocketChecks::tr("GitLab answered HTTP %1 instead of 101.").arg(http.status)
                             : WebSocketChecks::tr("No WebSocket: %1").arg(http.errorText);
        context->failFromHttp(result, http);
    } else if (http.status == 404) {
        result.summary = WebSocketChecks::tr("GitLab has no Agent Platform WebSocket (HTTP 404).");
        context->failWithVerdict(result, http, notFoundVerdict(context),
                                 excerpt(QString::fromUtf8(http.body)));
    } else {
        result.summary = WebSocketChecks::tr("GitLab answered HTTP %1 instead of 101 Switching Protocols.")
                             .arg(http.status);
        context->failWithVerdict(result, http, Verdict::WebSocketUpgradeDropped,
                                 excerpt(QString::fromUtf8(http.body)));
    }
    context->finish(std::move(result));
}

} // namespace

void runGitLabAgentPlatformWebSocket(const Context& context) {
    const Target& target = context->target();
    WebSocketProbe::Headers headers;
    if (!target.gitlabToken.isEmpty())
        headers.append({QByteArrayLiteral("PRIVATE-TOKEN"), target.gitlabToken.reveal().toUtf8()});
    // Done within the run's timeout, so the check's guard never has to end it.
    auto* probe = new WebSocketProbe(context->options());
    probe->start(appendPath(target.gitlabUrl, socketPath), headers,
                 [context, probe](const WebSocketOutcome& outcome) {
                     probe->deleteLater();
                     judgeWebSocket(context, outcome);
                 });
}

} // namespace duo
