// What Agentic Chat and Agent Platform flows need from a model beyond one completion: tool calls, streamed
// answers and the parameters the gateway sends. From the desktop, over the OpenAI-compatible API; each
// request asks for a handful of tokens and changes nothing.
#include "core/checks/gitlabapi.h"
#include "core/checks/modelrequests.h"
#include "core/checks/runners.h"
#include "core/engine/evidence.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace duo {

namespace {

struct AgenticChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::AgenticChecks)
};

// --- GitLab's routing: which features that need tools use this model ---------------------------------

// GitLab's feature values (ee/app/models/ai/feature_setting.rb, GraphQL AiFeatures) of the Agent Platform,
// whose every request carries tools.
const char* const featuresNeedingTools[] = {"duo_agent_platform", "duo_agent_platform_agentic_chat"};

struct Routing {
    QString state;        // evidence.routing: read, not_admin, no_gitlab, unavailable
    QStringList features; // features needing tools that use this model
};

// Why the routing cannot be read, or empty when GitLab may be asked.
QString routingUnreadable(const Context& context) {
    const CheckResult* token = context->resultOf(QStringLiteral("gitlab.token"));
    if (!context->target().hasGitLab() || context->target().gitlabToken.isEmpty() || !token ||
        token->status == Status::Skip)
        return QStringLiteral("no_gitlab");
    if (token->status == Status::Fail)
        return QStringLiteral("unavailable");
    return token->evidence.value(evidence::isAdmin).toBool() ? QString() : QStringLiteral("not_admin");
}

// The same request gitlab.self_hosted_features sends: shared, it goes out once per run.
HttpRequest routingRequest(const Context& context) {
    return gitlabapi::graphQlRequest(context, QString::fromLatin1(gitlabapi::featureSettingsQuery));
}

QString withoutTrailingSlash(QString text) {
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

// GitLab's self-hosted model is this setup's model: same identifier, endpoint or name.
bool isThisModel(const QJsonObject& model, const Target& target) {
    const QString identifier = model.value(QStringLiteral("identifier")).toString();
    const QString endpoint = model.value(QStringLiteral("endpoint")).toString();
    const QString name = model.value(QStringLiteral("name")).toString();
    return (!identifier.isEmpty() && identifier == target.modelIdentifier) ||
           (!endpoint.isEmpty() &&
            withoutTrailingSlash(endpoint) == withoutTrailingSlash(target.modelEndpoint.toString())) ||
           (!name.isEmpty() && name == target.effectiveDeploymentName());
}

Routing readRouting(const HttpResult& http, const Target& target) {
    const QJsonObject root = parseObject(http.body);
    const QJsonValue settings =
        root.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiFeatureSettings"));
    if (!http.answered() || http.status != 200 || !settings.isObject()) {
        const bool denied =
            QString::fromUtf8(http.body).contains(QLatin1String("permission"), Qt::CaseInsensitive);
        return {denied ? QStringLiteral("not_admin") : QStringLiteral("unavailable"), {}};
    }
    Routing routing{QStringLiteral("read"), {}};
    for (const QJsonValue& value : settings.toObject().value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject node = value.toObject();
        const QString feature = node.value(QStringLiteral("feature")).toString().toLower();
        const bool needsTools = std::any_of(std::begin(featuresNeedingTools), std::end(featuresNeedingTools),
                                            [&](const char* name) { return feature == QLatin1String(name); });
        if (needsTools &&
            node.value(QStringLiteral("provider"))
                    .toString()
                    .compare(QLatin1String("self_hosted"), Qt::CaseInsensitive) == 0 &&
            isThisModel(node.value(QStringLiteral("selfHostedModel")).toObject(), target))
            routing.features.append(feature);
    }
    return routing;
}

// The sentence on what GitLab's routing makes of a broken tool call.
QString routingSentence(const Routing& routing) {
    if (!routing.features.isEmpty())
        return AgenticChecks::tr("GitLab routes %1 to this model: they cannot work.")
            .arg(routing.features.join(QStringLiteral(", ")));
    if (routing.state == QLatin1String("read"))
        return AgenticChecks::tr("No feature that needs tools uses this model in GitLab yet.");
    if (routing.state == QLatin1String("no_gitlab"))
        return AgenticChecks::tr(
            "Whether Agentic Chat uses this model is unknown: GitLab was not asked (give its URL "
            "and an administrator's token).");
    if (routing.state == QLatin1String("not_admin"))
        return AgenticChecks::tr(
            "Whether Agentic Chat uses this model is unknown: only an administrator's token "
            "shows GitLab's feature routing.");
    return AgenticChecks::tr(
        "Whether Agentic Chat uses this model is unknown: GitLab's feature routing could "
        "not be read.");
}

// --- Tool calls -----------------------------------------------------------------------------------------

const char* const probeTool = "get_current_weather";

QJsonObject toolSettings() {
    const QJsonObject parameters{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("location"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                  {QStringLiteral("description"), QStringLiteral("City and country")}}}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("location")}}};
    const QJsonObject function{
        {QStringLiteral("name"), QString::fromLatin1(probeTool)},
        {QStringLiteral("description"), QStringLiteral("Get the current weather in a location")},
        {QStringLiteral("parameters"), parameters}};
    return {
        {QStringLiteral("tools"), QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                                         {QStringLiteral("function"), function}}}},
        {QStringLiteral("tool_choice"), QStringLiteral("auto")},
        {QStringLiteral("max_tokens"), 64}};
}

// How a model writes a tool call as text when no parser turns it into tool_calls: a JSON object naming the
// tool, or a model's own markers (Mistral, Hermes/Qwen, Llama 3).
bool looksLikeCallInText(const QString& content) {
    static const QRegularExpression markers(
        QStringLiteral(R"(\[TOOL_CALLS\]|<tool_call>|<\|python_tag\|>|"name"\s*:\s*"%1")")
            .arg(QString::fromLatin1(probeTool)));
    return markers.match(content).hasMatch();
}

QString serverType(const Context& context) {
    const CheckResult* type = context->resultOf(QStringLiteral("model.server_type"));
    return type ? type->evidence.value(evidence::serverType).toString() : QString();
}

// The answer to the tool request: a pass, or the failure its signature names (before the routing decides).
void judgeToolAnswer(const Context& context, CheckResult& result, const HttpResult& http) {
    const QJsonObject message = parseObject(http.body)
                                    .value(QStringLiteral("choices"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toObject();
    const bool ok = http.answered() && http.status == 200 && !message.isEmpty();
    if (ok && !message.value(QStringLiteral("tool_calls")).toArray().isEmpty()) {
        result.evidence.insert(evidence::toolCall, QStringLiteral("structured"));
        result.summary =
            AgenticChecks::tr("The model answered with a tool call in %1 ms.").arg(http.elapsedMs);
        return;
    }
    Observation observation = Observation::fromHttp(result.id, http);
    observation.serverType = serverType(context);
    if (ok) {
        const QString content = message.value(QStringLiteral("content")).toString();
        const bool inText = looksLikeCallInText(content);
        observation.verdict = inText ? Verdict::ToolCallInText : Verdict::ToolsIgnored;
        observation.text = excerpt(content, 200);
        result.evidence.insert(evidence::toolCall,
                               inText ? QStringLiteral("in_text") : QStringLiteral("prose"));
        result.summary = inText
                             ? AgenticChecks::tr("The model wrote its tool call as text; the server did not "
                                                 "turn it into tool_calls.")
                             : AgenticChecks::tr("The model answered in prose and ignored the tool.");
    } else {
        result.evidence.insert(evidence::toolCall, QStringLiteral("refused"));
        result.summary = AgenticChecks::tr("A request with a tool failed: %1").arg(failedCompletion(http));
    }
    addTransportEvidence(result, http);
    context->failFrom(result, observation, transportValues(http, context->options()));
}

// A broken tool call fails only where GitLab sends tool requests to this model; elsewhere it warns.
void applyRouting(CheckResult& result, const Routing& routing) {
    result.evidence.insert(evidence::routing, routing.state);
    result.evidence.insert(evidence::featuresNeedingTools, QJsonArray::fromStringList(routing.features));
    if (result.status == Status::Pass)
        return;
    if (routing.features.isEmpty() && result.status == Status::Fail)
        result.status = Status::Warn;
    result.summary += QLatin1Char(' ') + routingSentence(routing);
}

} // namespace

void runModelToolCalling(const Context& context) {
    QList<HttpRequest> requests{chatRequest(
        context, QStringLiteral("What is the weather in Paris right now? Use the tool."), toolSettings())};
    const QString unreadable = routingUnreadable(context);
    if (unreadable.isEmpty())
        requests.append(routingRequest(context));
    context->askAll(requests, [context, unreadable](CheckResult& result, const QList<HttpResult>& answers) {
        const HttpResult& http = answers.constFirst();
        result.details = AgenticChecks::tr("POST /chat/completions with one tool, tool_choice \"auto\" and "
                                           "max_tokens 64: %1")
                             .arg(describeHttp(http));
        judgeToolAnswer(context, result, http);
        applyRouting(result, answers.size() > 1 ? readRouting(answers.at(1), context->target())
                                                : Routing{unreadable, {}});
    });
}

// --- Streams --------------------------------------------------------------------------------------------

namespace {

// Duo Doctor's rule for a buffering proxy, not a server's: every token within burstWindowMs, after at least
// bufferedSilenceMs without one. A model streaming token by token spreads them over its generation time.
constexpr qint64 bufferedSilenceMs = 1000;
constexpr qint64 burstWindowMs = 50;
constexpr int minimumBurstTokens = 3;

struct StreamReading {
    int events = 0;
    int tokens = 0; // events with content
    bool done = false;
    QString finishReason;
    qint64 firstTokenMs = -1;
    qint64 lastTokenMs = -1;
};

// When the byte at offset arrived (HttpResult::arrivals).
qint64 arrivalOf(const HttpResult& http, qint64 offset) {
    for (const auto& [elapsed, size] : http.arrivals) {
        if (size >= offset)
            return elapsed;
    }
    return http.elapsedMs;
}

void readEvent(StreamReading& reading, const QByteArray& data, qint64 arrived) {
    ++reading.events;
    if (data == "[DONE]") {
        reading.done = true;
        return;
    }
    const QJsonObject choice = parseObject(data).value(QStringLiteral("choices")).toArray().at(0).toObject();
    const QJsonObject delta = choice.value(QStringLiteral("delta")).toObject();
    if (!delta.value(QStringLiteral("content")).toString().isEmpty() ||
        !delta.value(QStringLiteral("tool_calls")).toArray().isEmpty()) {
        ++reading.tokens;
        if (reading.firstTokenMs < 0)
            reading.firstTokenMs = arrived;
        reading.lastTokenMs = arrived;
    }
    if (choice.value(QStringLiteral("finish_reason")).isString())
        reading.finishReason = choice.value(QStringLiteral("finish_reason")).toString();
}

// Server-sent events: "data: …" lines, events separated by a blank line.
StreamReading readStream(const HttpResult& http) {
    StreamReading reading;
    const QByteArray& body = http.body;
    qsizetype start = 0;
    while (start < body.size()) {
        qsizetype end = body.indexOf("\n\n", start);
        if (end < 0)
            break; // an unfinished event: the stream was cut in its middle
        for (const QByteArray& line : body.mid(start, end - start).split('\n')) {
            if (line.startsWith("data:"))
                readEvent(reading, line.mid(5).trimmed(), arrivalOf(http, end));
        }
        start = end + 2;
    }
    return reading;
}

void recordStream(CheckResult& result, const StreamReading& reading) {
    result.evidence.insert(evidence::events, reading.events);
    result.evidence.insert(evidence::doneSeen, reading.done);
    result.evidence.insert(evidence::finishReason, reading.finishReason);
    result.evidence.insert(evidence::timeToFirstTokenMs, reading.firstTokenMs);
    if (reading.tokens > 0)
        result.evidence.insert(evidence::burstMs, reading.lastTokenMs - reading.firstTokenMs);
}

bool looksBuffered(const StreamReading& reading) {
    return reading.tokens >= minimumBurstTokens && reading.firstTokenMs >= bufferedSilenceMs &&
           reading.lastTokenMs - reading.firstTokenMs <= burstWindowMs;
}

// A stream that came back whole: judged by how it ended and how its tokens arrived.
void judgeCompleteStream(const Context& context, CheckResult& result, const HttpResult& http,
                         const StreamReading& reading) {
    const bool finished =
        reading.finishReason == QLatin1String("stop") || reading.finishReason == QLatin1String("length");
    if (!finished) {
        result.summary =
            AgenticChecks::tr("The stream reached [DONE] without a finish_reason of stop or length.");
        context->failWithVerdict(result, http, Verdict::GarbledAnswer,
                                 AgenticChecks::tr("finish_reason \"%1\"").arg(reading.finishReason));
        return;
    }
    if (looksBuffered(reading)) {
        const QString gap =
            AgenticChecks::tr("all %1 tokens arrived within %2 ms, after %3 ms without one (a "
                              "stream counts as buffered when every token comes within %4 ms "
                              "after at least %5 ms)")
                .arg(reading.tokens)
                .arg(reading.lastTokenMs - reading.firstTokenMs)
                .arg(reading.firstTokenMs)
                .arg(burstWindowMs)
                .arg(bufferedSilenceMs);
        result.summary = AgenticChecks::tr("The stream arrived in one burst: %1.").arg(gap);
        context->failWithVerdict(result, http, Verdict::StreamBuffered, gap);
        return;
    }
    result.summary = AgenticChecks::tr("%1 events until [DONE] (finish_reason %2); first token after %3 ms.")
                         .arg(reading.events)
                         .arg(reading.finishReason)
                         .arg(reading.firstTokenMs);
}

void judgeStream(const Context& context, CheckResult& result, const HttpResult& http) {
    const StreamReading reading = readStream(http);
    recordStream(result, reading);
    const bool gotEvents = reading.events > 0;
    if ((!gotEvents && !http.answered()) || (http.answered() && http.status != 200) ||
        (!reading.done && http.error == NetError::Timeout)) {
        result.summary = failedCompletion(http);
        context->failFromHttp(result, http);
    } else if (!gotEvents && parseObject(http.body).value(QStringLiteral("choices")).isArray()) {
        result.summary = AgenticChecks::tr("Asked to stream, the server sent one JSON answer.");
        context->failWithVerdict(result, http, Verdict::StreamNotEvents);
    } else if (!reading.done) {
        const QString what =
            AgenticChecks::tr("%1 events, then the connection ended (%2)")
                .arg(reading.events)
                .arg(http.errorText.isEmpty() ? AgenticChecks::tr("closed") : http.errorText);
        result.summary = AgenticChecks::tr("The stream stopped before [DONE]: %1.").arg(what);
        context->failWithVerdict(result, http, Verdict::StreamCut, what);
    } else {
        judgeCompleteStream(context, result, http, reading);
    }
}

} // namespace

void runModelStreaming(const Context& context) {
    HttpRequest request =
        chatRequest(context, QStringLiteral("Say hello in one short sentence."),
                    QJsonObject{{QStringLiteral("stream"), true}, {QStringLiteral("max_tokens"), 16}});
    request.recordsProgress = true;
    request.addHeader("Accept", "text/event-stream");
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        result.details = AgenticChecks::tr("POST /chat/completions with stream true and max_tokens 16: %1")
                             .arg(describeHttp(http));
        judgeStream(context, result, http);
    });
}

// --- The gateway's parameters ---------------------------------------------------------------------------

void runModelParameters(const Context& context) {
    // What the gateway sends with its prompts: a token limit and a temperature.
    const QJsonObject parameters{{QStringLiteral("max_tokens"), 8}, {QStringLiteral("temperature"), 0}};
    context->ask(chatRequest(context, QStringLiteral("ping"), parameters),
                 [context, parameters](CheckResult& result, const HttpResult& http) {
                     result.details =
                         AgenticChecks::tr("POST /chat/completions with max_tokens 8 and temperature "
                                           "0: %1")
                             .arg(describeHttp(http));
                     result.evidence.insert(evidence::parametersSent, parameters);
                     if (http.answered() && http.status == 200 &&
                         parseObject(http.body).value(QStringLiteral("choices")).isArray()) {
                         result.summary = AgenticChecks::tr(
                             "The model accepts max_tokens and temperature as the gateway sends them.");
                         return;
                     }
                     result.summary = failedCompletion(http);
                     context->failFromHttp(result, http);
                 });
}

} // namespace duo
