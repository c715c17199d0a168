#include "core/engine/checkcontext.h"

#include "core/engine/evidence.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

namespace duo {

namespace {

struct ContextText {
    Q_DECLARE_TR_FUNCTIONS(duo::CheckContext)
};

} // namespace

CheckContext::CheckContext(const CheckDefinition& definition, const Target& target, AnswerBoard& answers,
                           ResultLookup lookup, std::optional<QString> manualOutput, Finish finish)
    : m_definition(definition)
    , m_target(target)
    , m_answers(answers)
    , m_lookup(std::move(lookup))
    , m_manualOutput(std::move(manualOutput))
    , m_finish(std::move(finish)) {
    m_clock.start();
    m_guard.setSingleShot(true);
    m_guard.setTimerType(Qt::PreciseTimer);
}

void CheckContext::startGuard() {
    // A weak pointer: the guard must not keep a finished check's context alive.
    QObject::connect(&m_guard, &QTimer::timeout, [weak = weak_from_this()] {
        if (const auto self = weak.lock())
            self->finishUnfinished();
    });
    armGuard(options().timeoutMs);
}

void CheckContext::armGuard(int deadlineMs) {
    const int remaining = m_guard.isActive() ? m_guard.remainingTime() : 0;
    m_guard.start(std::max(remaining, deadlineMs + finishGraceMs));
}

void CheckContext::finishUnfinished() {
    if (m_finished)
        return;
    CheckResult result = makeResult(Status::Fail, ContextText::tr("\"%1\" (%2) did not finish: Duo Doctor "
                                                                  "stopped waiting for it.")
                                                      .arg(m_definition.translatedTitle(), m_definition.id));
    result.explanation = ContextText::tr("The check neither finished nor waited for an answer within its "
                                         "deadline. This is a fault in Duo Doctor, not in your setup.");
    result.fix = ContextText::tr("Run the check again; if it happens again, report it with this report.");
    result.evidence.insert(evidence::didNotFinish, true);
    finish(std::move(result));
}

void CheckContext::send(const HttpRequest& request, HttpClient::Callback done) {
    if (m_rehearsing) {
        // A server not given (its checks will skip) is not asked, not even early.
        if (!request.url.host().isEmpty())
            m_answers.prefetch(request);
        return;
    }
    armGuard(request.generates ? options().inferenceTimeoutMs : options().timeoutMs);
    m_answers.ask(request, std::move(done));
}

void CheckContext::ask(const HttpRequest& request, Judge judge) {
    askAll({request}, [judge = std::move(judge)](CheckResult& result, const QList<HttpResult>& answers) {
        judge(result, answers.constFirst());
    });
}

void CheckContext::askAll(const QList<HttpRequest>& requests, JudgeAll judge) {
    struct Gathered {
        QList<HttpResult> answers;
        qsizetype missing = 0;
        JudgeAll judge;
    };
    const auto gathered = std::make_shared<Gathered>(
        Gathered{QList<HttpResult>(requests.size()), requests.size(), std::move(judge)});
    ++m_asking; // one judge to come, however many answers it waits for
    for (qsizetype index = 0; index < requests.size(); ++index) {
        send(requests.at(index), [self = shared_from_this(), gathered, index](const HttpResult& answer) {
            gathered->answers[index] = answer;
            if (--gathered->missing > 0)
                return;
            --self->m_asking;
            CheckResult result = self->makeResult(Status::Pass, QString());
            gathered->judge(result, gathered->answers);
            if (self->m_asking == 0)
                self->finish(std::move(result));
        });
    }
}

QUrl appendPath(const QUrl& base, const QString& path) {
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

namespace {

QString hostOf(const QUrl& url) {
    return url.host();
}
QString portOf(const QUrl& url) {
    return QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

} // namespace

QByteArray chatAgentBody(const Target& target, const QString& apiKey) {
    QJsonObject payload{
        {QStringLiteral("content"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("Hello")}}}},
        {QStringLiteral("provider"), QStringLiteral("litellm")},
        {QStringLiteral("model"), target.modelFamily},
        {QStringLiteral("model_endpoint"), target.modelEndpoint.toString()},
        {QStringLiteral("model_api_key"), apiKey},
    };
    if (!target.modelIdentifier.isEmpty())
        payload.insert(QStringLiteral("model_identifier"), target.modelIdentifier);
    const QJsonObject metadata{{QStringLiteral("source"), QStringLiteral("GitLab EE")},
                               {QStringLiteral("version"), QStringLiteral("17.3.0")}};
    const QJsonObject component{{QStringLiteral("type"), QStringLiteral("prompt")},
                                {QStringLiteral("metadata"), metadata},
                                {QStringLiteral("payload"), payload}};
    const QJsonObject body{{QStringLiteral("prompt_components"), QJsonArray{component}},
                           {QStringLiteral("stream"), false}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

TemplateValues targetValues(const Target& target) {
    auto orPlaceholder = [](const QString& value, const char* placeholder) -> QString {
        return value.isEmpty() ? QString::fromLatin1(placeholder) : value;
    };
    TemplateValues values;
    values.insert(QStringLiteral("gitlab_url"),
                  orPlaceholder(target.gitlabUrl.toString(), "<your-gitlab-url>"));
    values.insert(QStringLiteral("gitlab_api_url"),
                  target.hasGitLab() ? appendPath(target.gitlabUrl, QStringLiteral("/api/v4")).toString()
                                     : QStringLiteral("<your-gitlab-url>/api/v4"));
    values.insert(QStringLiteral("gitlab_host"), hostOf(target.gitlabUrl));
    values.insert(QStringLiteral("gitlab_port"), portOf(target.gitlabUrl));
    values.insert(QStringLiteral("gateway_url"),
                  orPlaceholder(target.gatewayUrl.toString(), "<your-ai-gateway-url>"));
    values.insert(QStringLiteral("gateway_host"),
                  orPlaceholder(hostOf(target.gatewayUrl), "<your-ai-gateway-host>"));
    values.insert(QStringLiteral("gateway_port"), portOf(target.gatewayUrl));
    values.insert(QStringLiteral("gateway_healthz_url"),
                  target.gatewayUrl.isEmpty()
                      ? QStringLiteral("<your-ai-gateway-url>/monitoring/healthz")
                      : appendPath(target.gatewayUrl, QStringLiteral("/monitoring/healthz")).toString());
    values.insert(QStringLiteral("model_name"), orPlaceholder(target.modelFamily, "<your-model-name>"));
    values.insert(QStringLiteral("model_endpoint"),
                  orPlaceholder(target.modelEndpoint.toString(), "<your-model-endpoint>"));
    values.insert(QStringLiteral("model_host"),
                  orPlaceholder(hostOf(target.modelEndpoint), "<your-model-host>"));
    values.insert(QStringLiteral("model_port"), portOf(target.modelEndpoint));
    values.insert(QStringLiteral("model_identifier"), target.modelIdentifier);
    values.insert(QStringLiteral("served_model_id"),
                  orPlaceholder(target.servedModelId(), "<served-model-id>"));
    values.insert(QStringLiteral("deployment_name"),
                  orPlaceholder(target.effectiveDeploymentName(), "<your-model-name>"));
    values.insert(QStringLiteral("models_url"),
                  target.modelEndpoint.isEmpty()
                      ? QStringLiteral("<your-model-endpoint>/models")
                      : appendPath(target.modelEndpoint, QStringLiteral("/models")).toString());
    values.insert(QStringLiteral("model_api_key"), QStringLiteral("<your-model-api-key>"));
    values.insert(QStringLiteral("chat_agent_body"),
                  QString::fromUtf8(chatAgentBody(target, QStringLiteral("<your-model-api-key>"))));
    return values;
}

TemplateValues learnedValues(const CheckContext::ResultLookup& lookup, const Target& target,
                             bool withDefaults) {
    TemplateValues values;
    if (withDefaults) {
        values.insert(QStringLiteral("gitlab_username"),
                      target.gitlabUsername.isEmpty() ? QStringLiteral("<username>") : target.gitlabUsername);
        values.insert(QStringLiteral("aigw_image"),
                      QStringLiteral("registry.gitlab.com/gitlab-org/ai-gateway/self-hosted:"
                                     "self-hosted-v<your-gitlab-version>-ee"));
        values.insert(QStringLiteral("gitlab_version"), QStringLiteral("<your-gitlab-version>"));
        values.insert(QStringLiteral("gitlab_gateway_url"), target.gatewayUrl.isEmpty()
                                                                ? QStringLiteral("<your-ai-gateway-url>")
                                                                : target.gatewayUrl.toString());
    } else if (!target.gitlabUsername.isEmpty()) {
        values.insert(QStringLiteral("gitlab_username"), target.gitlabUsername);
    }
    if (const CheckResult* token = lookup(QStringLiteral("gitlab.token"));
        token && target.gitlabUsername.isEmpty()) {
        const QString username = token->evidence.value(evidence::username).toString();
        if (!username.isEmpty())
            values.insert(QStringLiteral("gitlab_username"), username);
    }
    if (const CheckResult* version = lookup(QStringLiteral("gitlab.version"))) {
        const QString tag = version->evidence.value(evidence::aigwImageTag).toString();
        if (!tag.isEmpty())
            values.insert(QStringLiteral("aigw_image"),
                          QStringLiteral("registry.gitlab.com/gitlab-org/ai-gateway/self-hosted:") + tag);
        const QString number = version->evidence.value(evidence::version).toString();
        if (!number.isEmpty())
            values.insert(QStringLiteral("gitlab_version"), number);
    }
    if (const CheckResult* setting = lookup(QStringLiteral("gitlab.ai_gateway_url"))) {
        const QString url = setting->evidence.value(evidence::gitlabAiGatewayUrl).toString();
        if (!url.isEmpty())
            values.insert(QStringLiteral("gitlab_gateway_url"), url);
    }
    return values;
}

void fillLearnedValues(CheckResult& result, const TemplateValues& values) {
    result.summary = fillTemplate(result.summary, values);
    result.explanation = fillTemplate(result.explanation, values);
    result.fix = fillTemplate(result.fix, values);
    for (Command& command : result.commands)
        command.command = fillTemplate(command.command, values);
}

TemplateValues CheckContext::values() const {
    // The target's values are the same for every check of a run: build them once per target.
    static thread_local struct {
        QUrl gitlab, gateway, endpoint;
        QString family, identifier, deployment, username;
        int timeoutMs = 0, inferenceTimeoutMs = 0;
        TemplateValues values;
    } cache;
    const RunOptions& options = this->options();
    if (cache.values.isEmpty() || cache.gitlab != m_target.gitlabUrl ||
        cache.gateway != m_target.gatewayUrl || cache.endpoint != m_target.modelEndpoint ||
        cache.family != m_target.modelFamily || cache.identifier != m_target.modelIdentifier ||
        cache.deployment != m_target.deploymentName || cache.username != m_target.gitlabUsername ||
        cache.timeoutMs != options.timeoutMs || cache.inferenceTimeoutMs != options.inferenceTimeoutMs) {
        TemplateValues values = targetValues(m_target);
        values.insert(QStringLiteral("timeout"), QString::number(options.timeoutMs / 1000.0));
        values.insert(QStringLiteral("inference_timeout"),
                      QString::number(options.inferenceTimeoutMs / 1000.0));
        cache = {m_target.gitlabUrl,         m_target.gatewayUrl,
                 m_target.modelEndpoint,     m_target.modelFamily,
                 m_target.modelIdentifier,   m_target.deploymentName,
                 m_target.gitlabUsername,    options.timeoutMs,
                 options.inferenceTimeoutMs, values};
    }
    TemplateValues values = cache.values; // shared, copied only when something learned is added
    // What earlier checks learned, when they have run; the rest stays a {placeholder} until the run ends.
    const TemplateValues learned = learnedValues(m_lookup, m_target, false);
    for (auto it = learned.cbegin(); it != learned.cend(); ++it)
        values.insert(it.key(), it.value());
    return values;
}

CheckResult CheckContext::makeResult(Status status, const QString& summary) const {
    CheckResult result;
    result.id = m_definition.id;
    result.vantage = m_definition.vantage;
    result.status = status;
    result.summary = summary;
    return result;
}

void CheckContext::finish(CheckResult result) {
    if (m_finished || m_rehearsing)
        return;
    m_finished = true;
    m_guard.stop();
    result.id = m_definition.id;
    result.vantage = m_vantage.value_or(m_definition.vantage);
    result.durationMs = m_clock.elapsed();
    if (m_finish)
        m_finish(std::move(result));
}

const Signature* CheckContext::failFrom(CheckResult& result, const Observation& observation,
                                        TemplateValues extra) const {
    TemplateValues values = this->values();
    values.insert(QStringLiteral("http_status"), QString::number(observation.httpStatus));
    values.insert(QStringLiteral("message"), excerpt(observation.text, 300));
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        values.insert(it.key(), it.value());

    result.evidence.insert(evidence::httpStatus, observation.httpStatus);
    if (observation.netError != NetError::None)
        result.evidence.insert(evidence::networkError, netErrorKey(observation.netError));
    if (!observation.text.isEmpty())
        result.evidence.insert(evidence::message, excerpt(observation.text, 500));

    return judgeByTable(result, observation, values);
}

const Signature* CheckContext::conclude(CheckResult& result, Verdict verdict, TemplateValues extra) const {
    TemplateValues values = this->values();
    values.insert(extra);
    return judgeByTable(result, {.checkId = m_definition.id, .verdict = verdict}, values);
}

const Signature* CheckContext::judgeByTable(CheckResult& result, const Observation& observation,
                                            const TemplateValues& values) const {
    const Signature* signature = matchSignature(observation);
    if (signature) {
        applySignature(result, *signature, values);
        return signature;
    }
    result.status = Status::Fail;
    result.explanation =
        QCoreApplication::translate("duo::CheckContext", "An answer Duo Doctor does not recognise: %1")
            .arg(observation.httpStatus
                     ? QStringLiteral("HTTP %1 %2").arg(observation.httpStatus).arg(excerpt(observation.text))
                     : excerpt(observation.text));
    result.fix = QCoreApplication::translate(
        "duo::CheckContext",
        "Compare with the manual steps below and the server's log; the evidence shows the exact answer.");
    return nullptr;
}

void addTransportEvidence(CheckResult& result, const HttpResult& http) {
    result.evidence.insert(evidence::host, http.url.host());
    if (!http.proxy.isEmpty())
        result.evidence.insert(evidence::proxy, http.proxy);
    if (!http.problem.isEmpty())
        result.evidence.insert(evidence::problem, http.problem);
    if (!http.chain.isEmpty()) {
        QJsonArray chain;
        for (const CertificateInfo& certificate : http.chain)
            chain.append(QJsonObject{{QStringLiteral("subject"), certificate.subject},
                                     {QStringLiteral("issuer"), certificate.issuer},
                                     {QStringLiteral("valid_from"), certificate.validFrom},
                                     {QStringLiteral("valid_until"), certificate.validUntil},
                                     {QStringLiteral("sha256"), certificate.sha256}});
        result.evidence.insert(evidence::tlsChain, chain);
    }
    if (!http.redirects.isEmpty()) {
        QJsonArray hops;
        for (const QUrl& hop : http.redirects)
            hops.append(hop.toString(QUrl::RemoveUserInfo));
        result.evidence.insert(evidence::redirects, hops);
    }
}

TemplateValues transportValues(const HttpResult& http, const RunOptions& options) {
    TemplateValues values{
        {QStringLiteral("server_host"), http.url.host()},
        {QStringLiteral("proxy"), http.proxy.isEmpty() ? QStringLiteral("(none)") : http.proxy},
        {QStringLiteral("max_bytes"), QString::number(options.maxResponseBytes)}};
    if (!http.chain.isEmpty()) {
        const CertificateInfo& leaf = http.chain.constFirst();
        values.insert(QStringLiteral("tls_subject"), leaf.subject);
        values.insert(QStringLiteral("tls_issuer"),
                      leaf.issuer.isEmpty() ? QStringLiteral("an unknown issuer") : leaf.issuer);
        values.insert(QStringLiteral("tls_validity"),
                      leaf.validFrom + QStringLiteral(" – ") + leaf.validUntil);
        values.insert(QStringLiteral("tls_fingerprint"), leaf.sha256);
    }
    return values;
}

const Signature* CheckContext::failFromHttp(CheckResult& result, const HttpResult& http,
                                            TemplateValues extra) const {
    addTransportEvidence(result, http);
    TemplateValues values = transportValues(http, options());
    values.insert(extra);
    return failFrom(result, Observation::fromHttp(m_definition.id, http), values);
}

bool looksLikeHtmlLogin(const HttpResult& http) {
    static const QRegularExpression login(
        QStringLiteral("log ?in|sign ?in|password|single sign-on|\\bsso\\b|saml|oauth|authenticat"),
        QRegularExpression::CaseInsensitiveOption);
    const bool html = http.header("content-type").contains("html") || http.body.trimmed().startsWith("<");
    return html && login.match(QString::fromUtf8(http.body.left(64 * 1024))).hasMatch();
}

void warnAboutRedirects(CheckResult& result, const HttpResult& http, const QUrl& given) {
    if (http.redirects.isEmpty())
        return;
    QUrl final = http.redirects.constLast();
    final.setPath(given.path());
    final.setQuery(QString());
    if (final.scheme() == given.scheme() && final.host() == given.host() && final.port() == given.port())
        return;
    result.status = Status::Warn;
    result.explanation =
        QCoreApplication::translate("duo::CheckContext",
                                    "The server redirected %1 to %2: every request takes the detour, and "
                                    "requests carrying a token or key are not followed to another address.")
            .arg(given.toDisplayString(), final.toDisplayString());
    result.fix =
        QCoreApplication::translate(
            "duo::CheckContext", "Use %1 as the URL, here and wherever GitLab or the gateway is configured.")
            .arg(final.toDisplayString());
    result.evidence.insert(evidence::suggestedUrl, final.toString());
}

const Signature* CheckContext::failWithVerdict(CheckResult& result, const HttpResult& http, Verdict verdict,
                                               const QString& message) const {
    addTransportEvidence(result, http);
    const Observation observation{.checkId = m_definition.id,
                                  .httpStatus = http.status,
                                  .verdict = verdict,
                                  .text = message,
                                  .host = http.url.host()};
    return failFrom(result, observation, transportValues(http, options()));
}

const Signature* CheckContext::failWith(CheckResult& result, Verdict verdict, int httpStatus,
                                        const QString& message, TemplateValues extra) const {
    const Observation observation{
        .checkId = m_definition.id, .httpStatus = httpStatus, .verdict = verdict, .text = message};
    return failFrom(result, observation, std::move(extra));
}

QJsonObject parseObject(const QByteArray& body, bool* ok) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

QString excerpt(const QString& text, int maxChars) {
    QString simplified = text.simplified();
    if (simplified.size() > maxChars)
        simplified = simplified.left(maxChars - 1) + QChar(0x2026);
    return simplified;
}

QString describeHttp(const HttpResult& result) {
    if (result.status > 0 && result.error == NetError::None)
        return QCoreApplication::translate("duo::CheckContext", "HTTP %1 in %2 ms")
            .arg(result.status)
            .arg(result.elapsedMs);
    return result.errorText;
}

} // namespace duo
