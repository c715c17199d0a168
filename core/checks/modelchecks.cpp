// Model server checks, from the desktop, over the OpenAI-compatible API the gateway uses.
#include "core/checks/modelrequests.h"
#include "core/checks/runners.h"
#include "core/engine/checkcontext.h"
#include "core/engine/evidence.h"
#include "core/knowledge/platforms.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>

namespace duo {

namespace {

struct ModelChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::ModelChecks)
};

bool isAzure(const Context& context) {
    return platformOf(context->target().modelIdentifier).platform == Platform::Azure;
}

HttpRequest modelRequest(const Context& context, const QUrl& url) {
    HttpRequest request;
    request.shareable = true; // a read: checks asking the same share one answer (POSTs say otherwise)
    request.url = url;
    request.addHeader("Accept", "application/json");
    const Secret& key = context->target().modelKey;
    if (!key.isEmpty() && isAzure(context))
        request.addHeader("api-key", key.reveal().toUtf8()); // Azure OpenAI's key header
    else if (!key.isEmpty())
        request.addHeader("Authorization", "Bearer " + key.reveal().toUtf8());
    return request;
}

// Azure OpenAI's paths for the OpenAI API's: the resource's model list, and the deployment's chat
// completions; each with ?api-version=.
QUrl azurePath(const Context& context, const QString& path) {
    const Target& target = context->target();
    const QString azurePath =
        path == QLatin1String("/chat/completions")
            ? QStringLiteral("/openai/deployments/%1/chat/completions").arg(modelPart(target.modelIdentifier))
            : QStringLiteral("/openai") + path;
    QUrl url = appendPath(target.modelEndpoint, azurePath);
    url.setQuery(QStringLiteral("api-version=") + (target.azureApiVersion.isEmpty()
                                                       ? QString::fromLatin1(defaultAzureApiVersion)
                                                       : target.azureApiVersion));
    return url;
}

QUrl endpointPath(const Context& context, const QString& path) {
    if (isAzure(context))
        return azurePath(context, path);
    return appendPath(context->target().modelEndpoint, path);
}

QUrl originPath(const Context& context, const QString& path) {
    QUrl url = context->target().modelEndpoint;
    url.setPath(path);
    return url;
}

HostKind hostKind(const QUrl& url) {
    const QString host = url.host();
    const QHostAddress address(host);
    if (host == QLatin1String("localhost") || address.isLoopback() || address == QHostAddress::AnyIPv4 ||
        address == QHostAddress::AnyIPv6)
        return HostKind::Loopback;
    if (address.isNull() && !host.contains(QLatin1Char('.')))
        return HostKind::Dotless;
    return HostKind::Other;
}

// evidence.host_kind: a public spelling.
QString hostKindKey(HostKind kind) {
    switch (kind) {
    case HostKind::Loopback:
        return QStringLiteral("loopback");
    case HostKind::Dotless:
        return QStringLiteral("dotless");
    case HostKind::Other:
        break;
    }
    return QStringLiteral("remote");
}

// The desktop's model checks apply to a platform this desktop can call, at an endpoint it was given;
// otherwise they skip, the platform named as the reason. True when the check was finished here.
bool skippedForPlatform(const Context& context) {
    const Target& target = context->target();
    const PlatformInfo& platform = platformOf(target.modelIdentifier);
    if (!platform.desktopCalls) {
        context->finish(context->makeResult(Status::Skip, platformSkipReason(platform)));
        return true;
    }
    if (!target.modelEndpoint.isEmpty())
        return false;
    context->finish(context->makeResult(
        Status::Skip,
        ModelChecks::tr("%1: no model endpoint given (--model-endpoint), model checks are skipped.")
            .arg(platformName(platform))));
    return true;
}

// How model servers give themselves away. First matching row wins; probes run concurrently.
struct Fingerprint {
    const char* server;
    const char* path; // "{endpoint}/…" is relative to the endpoint, else to the server's origin
    int status;
    const char* body;   // regular expression
    const char* header; // lower-case name, or nullptr
    const char* headerPattern;
};
const Fingerprint fingerprints[] = {
    {"ollama", "/", 200, "Ollama is running", nullptr, nullptr},
    {"litellm", "/health/liveliness", 200, "alive", nullptr, nullptr},
    {"vllm", "{endpoint}/models", 200, "\"owned_by\"\\s*:\\s*\"vllm\"", nullptr, nullptr},
    {"vllm", "/v1/models", 200, "\"owned_by\"\\s*:\\s*\"vllm\"", nullptr, nullptr},
    {"vllm", "/health", 200, "^$", "server", "uvicorn"},
    {"tgi", "/info", 200, "\"model_id\"", nullptr, nullptr},
    {"llamacpp", "/props", 200, "default_generation_settings", nullptr, nullptr},
    {"openai-compatible", "{endpoint}/models", 200, "\"data\"\\s*:\\s*\\[", nullptr, nullptr},
    {"openai-compatible", "/v1/models", 200, "\"data\"\\s*:\\s*\\[", nullptr, nullptr},
};

QUrl fingerprintUrl(const Context& context, const char* path) {
    const QString text = QString::fromLatin1(path);
    static const QString relative = QStringLiteral("{endpoint}");
    return text.startsWith(relative) ? endpointPath(context, text.mid(relative.size()))
                                     : originPath(context, text);
}

// Each fingerprint's patterns, compiled once, by its position in fingerprints[].
struct CompiledFingerprint {
    QRegularExpression body;
    QRegularExpression header;
};
const CompiledFingerprint& compiled(const Fingerprint& fingerprint) {
    static const QList<CompiledFingerprint> all = [] {
        QList<CompiledFingerprint> list;
        for (const Fingerprint& row : fingerprints)
            list.append({QRegularExpression(QString::fromLatin1(row.body)),
                         QRegularExpression(QString::fromLatin1(row.headerPattern ? row.headerPattern : ""),
                                            QRegularExpression::CaseInsensitiveOption)});
        return list;
    }();
    return all.at(&fingerprint - fingerprints);
}

bool matches(const Fingerprint& fingerprint, const HttpResult& http) {
    if (!http.answered() || http.status != fingerprint.status)
        return false;
    const CompiledFingerprint& patterns = compiled(fingerprint);
    if (!patterns.body.match(QString::fromUtf8(http.body.trimmed())).hasMatch())
        return false;
    return !fingerprint.header ||
           patterns.header.match(QString::fromUtf8(http.header(fingerprint.header))).hasMatch();
}

// vLLM lists each model's context window (max_model_len); other servers do not.
QJsonObject contextWindows(const QByteArray& body) {
    QJsonObject windows;
    for (const QJsonValue& entry : parseObject(body).value(QStringLiteral("data")).toArray()) {
        const QJsonObject model = entry.toObject();
        if (model.value(QStringLiteral("max_model_len")).isDouble())
            windows.insert(model.value(QStringLiteral("id")).toString(),
                           model.value(QStringLiteral("max_model_len")));
    }
    return windows;
}

QStringList servedIds(const QByteArray& body) {
    QStringList ids;
    for (const QJsonValue& entry : parseObject(body).value(QStringLiteral("data")).toArray())
        ids.append(entry.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

bool hasProviderPrefix(const QString& identifier) {
    static const QRegularExpression prefix(
        QStringLiteral("^(custom_openai|bedrock|azure|openai|ollama|anthropic|vertex_ai|gemini)/"));
    return prefix.match(identifier).hasMatch();
}

// Ollama lists "mistral:latest" for "mistral".
QString findServed(const QStringList& served, const QString& wanted) {
    for (const QString& id : served) {
        if (id == wanted || id == wanted + QStringLiteral(":latest") ||
            id + QStringLiteral(":latest") == wanted)
            return id;
    }
    return {};
}

QString bestGuess(const QStringList& served, const QString& wanted) {
    const QString tail = wanted.section(QLatin1Char('/'), -1).section(QLatin1Char(':'), 0, 0);
    for (const QString& id : served) {
        if (!tail.isEmpty() && id.contains(tail, Qt::CaseInsensitive))
            return id;
    }
    return served.value(0, QStringLiteral("<served-model-id>"));
}

} // namespace

void runModelReachable(const Context& context) {
    if (skippedForPlatform(context))
        return;
    const QUrl url = endpointPath(context, QString());
    context->ask(modelRequest(context, url), [context](CheckResult& result, const HttpResult& http) {
        result.details = ModelChecks::tr("GET %1 from this desktop: %2")
                             .arg(http.url.toDisplayString(QUrl::RemoveUserInfo), describeHttp(http));
        if (http.answered()) {
            result.summary = ModelChecks::tr("The model server answered in %1 ms.").arg(http.elapsedMs);
            addTransportEvidence(result, http);
            result.evidence.insert(evidence::httpStatus, http.status);
            result.evidence.insert(evidence::server, QString::fromUtf8(http.header("server")));
            return;
        }
        Observation observation = Observation::fromHttp(result.id, http);
        observation.hostKind = hostKind(context->target().modelEndpoint);
        result.summary = ModelChecks::tr("The model server did not answer: %1").arg(http.errorText);
        addTransportEvidence(result, http);
        context->failFrom(result, observation, transportValues(http, context->options()));
        if (result.status == Status::Warn) {
            result.summary =
                ModelChecks::tr(
                    "%1 does not resolve here; it may be a name only the gateway's network knows.")
                    .arg(context->target().modelEndpoint.host());
            result.blocksDependents = true;
        }
    });
}

void runModelServerType(const Context& context) {
    if (isAzure(context)) { // the platform says it; Azure answers none of the servers' own probes
        CheckResult result =
            context->makeResult(Status::Pass, ModelChecks::tr("The model server is Azure OpenAI."));
        result.evidence.insert(evidence::serverType, QStringLiteral("azure"));
        return context->finish(result);
    }
    // Each distinct probe URL is fetched once, all at the same time.
    QStringList urls;
    for (const Fingerprint& fingerprint : fingerprints) {
        const QString url = fingerprintUrl(context, fingerprint.path).toString();
        if (!urls.contains(url))
            urls.append(url);
    }
    QList<HttpRequest> requests;
    for (const QString& url : urls)
        requests.append(modelRequest(context, QUrl(url)));
    context->askAll(requests, [context, urls](CheckResult& result, const QList<HttpResult>& answers) {
        result.status = Status::Warn;
        QString server = QStringLiteral("unknown");
        for (const Fingerprint& fingerprint : fingerprints) {
            const QString probeUrl = fingerprintUrl(context, fingerprint.path).toString();
            if (matches(fingerprint, answers.at(urls.indexOf(probeUrl)))) {
                server = QString::fromLatin1(fingerprint.server);
                result.details = ModelChecks::tr("Recognised by %1").arg(QUrl(probeUrl).path());
                break;
            }
        }
        result.evidence.insert(evidence::serverType, server);
        if (server == QLatin1String("unknown")) {
            result.summary = ModelChecks::tr("Could not tell which model server this is.");
            context->conclude(result, Verdict::ServerTypeUnknown);
        } else {
            result.status = Status::Pass;
            result.summary = ModelChecks::tr("The model server is %1.").arg(server);
        }
    });
}

namespace {

// /models was not found: does the same server answer one level down, at /v1? Judges into the result of the
// first request.
void askOneLevelDown(const Context& context, const CheckResult& earlier, int status) {
    const QUrl corrected = endpointPath(context, QStringLiteral("/v1"));
    context->ask(modelRequest(context, appendPath(corrected, QStringLiteral("/models"))),
                 [context, earlier, corrected, status](CheckResult& result, const HttpResult& v1) {
                     result = earlier;
                     const bool v1Answers =
                         v1.answered() && (v1.status == 200 || v1.status == 401 || v1.status == 403);
                     const TemplateValues extra{{QStringLiteral("corrected_endpoint"), corrected.toString()}};
                     if (v1Answers) {
                         result.summary =
                             ModelChecks::tr("The endpoint lacks /v1: use %1.").arg(corrected.toString());
                         result.evidence.insert(evidence::correctedEndpoint, corrected.toString());
                         context->failWith(result, Verdict::EndpointMissingV1, status, {}, extra);
                     } else {
                         result.summary =
                             ModelChecks::tr("No OpenAI-compatible model list at this endpoint (HTTP %1).")
                                 .arg(status);
                         context->failWith(result, Verdict::NoOpenAiApi, status, {}, extra);
                     }
                 });
}

} // namespace

void runModelEndpointPath(const Context& context) {
    const QUrl modelsUrl = endpointPath(context, QStringLiteral("/models"));
    context->ask(modelRequest(context, modelsUrl), [context, modelsUrl](CheckResult& result,
                                                                        const HttpResult& http) {
        result.details = ModelChecks::tr("GET %1: %2").arg(modelsUrl.toDisplayString(), describeHttp(http));
        result.evidence.insert(evidence::httpStatus, http.status);
        bool json = false;
        const QJsonObject list = parseObject(http.body, &json);
        if (http.answered() && http.status == 200 &&
            (!json || !list.value(QStringLiteral("data")).isArray())) {
            result.summary = ModelChecks::tr("%1 answers, but not with an OpenAI model list.")
                                 .arg(modelsUrl.toDisplayString());
            context->failWithVerdict(result, http, Verdict::GarbledAnswer,
                                     excerpt(QString::fromUtf8(http.body), 120));
            return;
        }
        if (http.answered() && (http.status == 200 || http.status == 401 || http.status == 403)) {
            result.summary =
                http.status == 200
                    ? ModelChecks::tr("%1 answers with the OpenAI model list.")
                          .arg(modelsUrl.toDisplayString())
                    : ModelChecks::tr("%1 exists (it asks for a key; model.auth judges the key).")
                          .arg(modelsUrl.toDisplayString());
            return;
        }
        if ((!http.answered() && http.error != NetError::None) || isAzure(context)) {
            result.summary = http.answered() ? failedCompletion(http) : http.errorText;
            context->failFromHttp(result, http);
            return;
        }
        askOneLevelDown(context, result, http.status);
    });
}

void runModelAuth(const Context& context) {
    const QUrl modelsUrl = endpointPath(context, QStringLiteral("/models"));
    context->ask(modelRequest(context, modelsUrl), [context](CheckResult& result, const HttpResult& http) {
        const bool keyGiven = !context->target().modelKey.isEmpty();
        result.evidence.insert(evidence::httpStatus, http.status);
        result.evidence.insert(evidence::keySent, keyGiven);
        if (http.answered() && http.status == 200) {
            const QStringList served = servedIds(http.body);
            result.evidence.insert(evidence::servedModels, QJsonArray::fromStringList(served));
            if (const QJsonObject windows = contextWindows(http.body); !windows.isEmpty())
                result.evidence.insert(evidence::maxModelLen, windows);
            result.summary = keyGiven ? ModelChecks::tr("The model server accepts the key.")
                                      : ModelChecks::tr("The model server needs no key.");
            return;
        }
        if (http.answered() && (http.status == 401 || http.status == 403)) {
            result.summary =
                keyGiven ? ModelChecks::tr("The model server rejected the key (HTTP %1).").arg(http.status)
                         : ModelChecks::tr("The model server needs a key and none was given (HTTP %1).")
                               .arg(http.status);
            context->failWith(result, keyGiven ? Verdict::KeyRejected : Verdict::KeyMissing, http.status,
                              QString::fromUtf8(http.body));
            return;
        }
        result.summary = describeHttp(http);
        context->failFromHttp(result, http);
    });
}

namespace {

// Azure lists the resource's models, not its deployments: the deployment is found by calling it
// (model.completion), where Azure answers DeploymentNotFound.
void listedOnAzure(const Context& context) {
    const QString deployment = modelPart(context->target().modelIdentifier);
    CheckResult result = context->makeResult(
        Status::Pass, ModelChecks::tr("Azure lists models, not deployments: model.completion calls the "
                                      "deployment %1.")
                          .arg(deployment));
    result.evidence.insert(evidence::servedId, deployment);
    context->finish(result);
}

} // namespace

void runModelListed(const Context& context) {
    if (isAzure(context))
        return listedOnAzure(context);
    const CheckResult* auth = context->resultOf(QStringLiteral("model.auth"));
    QStringList served;
    for (const QJsonValue& id : auth ? auth->evidence.value(evidence::servedModels).toArray() : QJsonArray{})
        served.append(id.toString());
    const Target& target = context->target();
    const QString wanted = target.servedModelId();
    CheckResult result = context->makeResult(Status::Pass, QString());
    result.evidence.insert(evidence::servedModels, QJsonArray::fromStringList(served));
    result.evidence.insert(evidence::wanted, wanted);
    const QString found = findServed(served, wanted);
    TemplateValues extra{{QStringLiteral("served_models"),
                          served.isEmpty() ? ModelChecks::tr("nothing") : served.join(QStringLiteral(", "))}};

    if (!target.modelIdentifier.isEmpty() && !hasProviderPrefix(target.modelIdentifier)) {
        const QString suggestion =
            QStringLiteral("custom_openai/") + (found.isEmpty() ? bestGuess(served, wanted) : found);
        extra.insert(QStringLiteral("suggested_identifier"), suggestion);
        result.evidence.insert(evidence::suggestedIdentifier, suggestion);
        result.summary = ModelChecks::tr("The identifier lacks custom_openai/: use %1.").arg(suggestion);
        context->failWith(result, Verdict::IdentifierMissingPrefix, 0, {}, extra);
    } else if (found.isEmpty()) {
        const QString suggestion = QStringLiteral("custom_openai/") + bestGuess(served, wanted);
        extra.insert(QStringLiteral("suggested_identifier"), suggestion);
        result.evidence.insert(evidence::suggestedIdentifier, suggestion);
        result.summary = ModelChecks::tr("%1 is not served; the server serves: %2.")
                             .arg(wanted, extra.value(QStringLiteral("served_models")));
        context->failWith(result, Verdict::ModelNotServed, 0, {}, extra);
    } else {
        result.evidence.insert(evidence::servedId, found);
        result.summary = ModelChecks::tr("The server serves %1.").arg(found);
    }
    context->finish(result);
}

QString servedModel(const Context& context) {
    const CheckResult* listed = context->resultOf(QStringLiteral("model.listed"));
    const QString configured = context->target().servedModelId();
    return listed ? listed->evidence.value(evidence::servedId).toString(configured) : configured;
}

HttpRequest chatRequest(const Context& context, const QString& prompt, QJsonObject settings) {
    HttpRequest request = modelRequest(context, endpointPath(context, QStringLiteral("/chat/completions")));
    request.method = "POST";
    request.shareable = false;
    request.generates = true;
    request.addHeader("Content-Type", "application/json");
    settings.insert(QStringLiteral("model"), servedModel(context));
    settings.insert(QStringLiteral("messages"),
                    QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                           {QStringLiteral("content"), prompt}}});
    request.body = QJsonDocument(settings).toJson(QJsonDocument::Compact);
    return request;
}

QString failedCompletion(const HttpResult& http) {
    return http.answered()
               ? ModelChecks::tr("HTTP %1: %2")
                     .arg(QString::number(http.status), excerpt(QString::fromUtf8(http.body), 160))
               : http.errorText;
}

void runModelCompletion(const Context& context) {
    const HttpRequest request =
        chatRequest(context, QStringLiteral("ping"), QJsonObject{{QStringLiteral("max_tokens"), 1}});
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        result.details =
            ModelChecks::tr("POST /chat/completions with max_tokens 1: %1").arg(describeHttp(http));
        result.evidence.insert(evidence::httpStatus, http.status);
        result.evidence.insert(evidence::elapsedMs, http.elapsedMs);
        if (http.answered() && http.status == 200 &&
            parseObject(http.body).value(QStringLiteral("choices")).isArray()) {
            result.summary = ModelChecks::tr("The model generated a token in %1 ms.").arg(http.elapsedMs);
            return;
        }
        result.summary = failedCompletion(http);
        context->failFromHttp(result, http);
    });
}

namespace {

// Duo Doctor's rule of thumb, not a GitLab limit: code generation sends the code around the cursor and its
// instructions and asks for a few hundred tokens; below this window larger files fail with "maximum context
// length".
constexpr int recommendedContextTokens = 8192;
// GitLab waits this long for the gateway unless its AI gateway timeout setting says otherwise.
constexpr int defaultGitLabTimeoutSeconds = 60;

const char* const codeGenerationPrompt =
    "You are a coding assistant. Write a Python function parse_orders(path) that reads a CSV file of orders "
    "(columns: id, customer, amount, created_at), skips malformed rows, converts amount to Decimal and "
    "created_at to datetime, and returns a list of dataclass instances sorted by created_at. Include type "
    "hints "
    "and a docstring. Answer with code only.";

} // namespace

void runModelContextLength(const Context& context) {
    const CheckResult* auth = context->resultOf(QStringLiteral("model.auth"));
    const QString served = servedModel(context);
    const QJsonObject windows = auth ? auth->evidence.value(evidence::maxModelLen).toObject() : QJsonObject();
    if (!windows.contains(served)) {
        context->finish(context->makeResult(
            Status::Skip,
            ModelChecks::tr("The server does not list the model's context window (vLLM lists it as "
                            "max_model_len); check the server's settings by hand.")));
        return;
    }
    const int window = windows.value(served).toInt();
    CheckResult result = context->makeResult(Status::Pass, QString());
    result.evidence.insert(evidence::maxModelLen, window);
    result.evidence.insert(evidence::recommended, recommendedContextTokens);
    if (window >= recommendedContextTokens) {
        result.summary = ModelChecks::tr("%1 has a context window of %2 tokens.").arg(served).arg(window);
    } else {
        result.summary =
            ModelChecks::tr("%1 has a context window of only %2 tokens.").arg(served).arg(window);
        context->conclude(
            result, Verdict::ContextWindowSmall,
            {{QStringLiteral("recommended_tokens"), QString::number(recommendedContextTokens)}});
    }
    context->finish(result);
}

namespace {

// How long a code answer may take: GitLab's AI gateway timeout, or this run's inference timeout when that is
// shorter; and how long one token took (model.completion), for comparison.
struct LatencyBudget {
    int gitlabSeconds = defaultGitLabTimeoutSeconds;
    qint64 budgetMs = 0;
    qint64 oneTokenMs = 0;
};

LatencyBudget latencyBudget(const Context& context) {
    LatencyBudget budget;
    if (const CheckResult* gitlab = context->resultOf(QStringLiteral("gitlab.ai_gateway_url")))
        budget.gitlabSeconds =
            gitlab->evidence.value(evidence::aiGatewayTimeoutSeconds).toInt(defaultGitLabTimeoutSeconds);
    budget.budgetMs =
        std::min<qint64>(qint64(budget.gitlabSeconds) * 1000, context->options().inferenceTimeoutMs);
    if (const CheckResult* completion = context->resultOf(QStringLiteral("model.completion")))
        budget.oneTokenMs = completion->evidence.value(evidence::elapsedMs).toInteger();
    return budget;
}

void judgeLatency(const Context& context, CheckResult& result, const HttpResult& http,
                  const LatencyBudget& budget) {
    result.details =
        ModelChecks::tr("POST /chat/completions with a code-generation prompt and max_tokens 256: %1")
            .arg(describeHttp(http));
    result.evidence.insert(evidence::elapsedMs, http.elapsedMs);
    result.evidence.insert(evidence::oneTokenMs, budget.oneTokenMs);
    result.evidence.insert(evidence::budgetMs, budget.budgetMs);
    result.evidence.insert(evidence::gitlabTimeoutSeconds, budget.gitlabSeconds);
    if (!http.answered() || http.status != 200) {
        result.summary = failedCompletion(http);
        context->failFromHttp(result, http);
        return;
    }
    const int share = int(http.elapsedMs * 100 / std::max<qint64>(budget.budgetMs, 1));
    result.evidence.insert(evidence::shareOfBudgetPercent, share);
    result.summary =
        ModelChecks::tr("1 token in %1 ms; a code answer (up to 256 tokens) in %2 ms, %3% of the "
                        "%4 s GitLab waits.")
            .arg(budget.oneTokenMs)
            .arg(http.elapsedMs)
            .arg(share)
            .arg(budget.budgetMs / 1000.0);
    if (share >= 50)
        context->conclude(result, Verdict::SlowForGitLabTimeout);
}

} // namespace

void runModelLatency(const Context& context) {
    const LatencyBudget budget = latencyBudget(context);
    const HttpRequest request =
        chatRequest(context, QString::fromLatin1(codeGenerationPrompt),
                    QJsonObject{{QStringLiteral("max_tokens"), 256}, {QStringLiteral("temperature"), 0}});
    context->ask(request, [context, budget](CheckResult& result, const HttpResult& http) {
        judgeLatency(context, result, http, budget);
    });
}

void runModelEndpointAddress(const Context& context) {
    const QUrl endpoint = context->target().modelEndpoint;
    if (skippedForPlatform(context))
        return;
    const HostKind kind = hostKind(endpoint);
    const CheckResult* desktop = context->resultOf(QStringLiteral("model.reachable"));
    const CheckResult* gateway = context->resultOf(QStringLiteral("gateway.model_request"));
    const bool desktopReaches = desktop && desktop->status == Status::Pass;
    const bool gatewayCannot =
        gateway && gateway->status == Status::Fail &&
        gateway->evidence.value(evidence::blames).toString() == QLatin1String("gateway_to_model");
    const bool gatewayReaches = gateway && gateway->status == Status::Pass;

    CheckResult result = context->makeResult(Status::Pass, QString());
    result.evidence.insert(evidence::hostKind, hostKindKey(kind));
    if (gatewayCannot && desktopReaches) {
        result.summary =
            kind == HostKind::Loopback
                ? ModelChecks::tr("%1 is the gateway container itself: this desktop reaches the model, the "
                                  "gateway does not.")
                      .arg(endpoint.host())
                : ModelChecks::tr("This desktop reaches %1, the gateway does not.").arg(endpoint.host());
        const Observation observation{.checkId = result.id,
                                      .text = gateway->evidence.value(evidence::message).toString(),
                                      .hostKind = kind};
        context->failFrom(result, observation);
    } else if (kind == HostKind::Loopback && !gatewayReaches) {
        result.summary = ModelChecks::tr("The endpoint names the local host (%1): the gateway reaches it "
                                         "only when it runs on the host network.")
                             .arg(endpoint.host());
        context->conclude(result, Verdict::EndpointNamesLocalHost);
    } else if (kind == HostKind::Loopback) {
        result.summary = ModelChecks::tr(
            "The endpoint names the local host and the gateway reaches it (it shares the host's network).");
    } else if (gatewayCannot) {
        result.status = Status::Skip;
        result.summary = ModelChecks::tr(
            "Cannot compare: this desktop does not reach the model either (see model.reachable).");
    } else {
        result.summary = ModelChecks::tr("The endpoint names a host (%1), not the gateway's own container.")
                             .arg(endpoint.host());
    }
    context->finish(result);
}

} // namespace duo
