// GitLab 18/19, GitLab's side of the Agent Platform: the service address it stores, the runners flows run on,
// and where each feature is routed. The new fields are asked in documents of their own: a GitLab that lacks
// one rejects only that document (undefinedField), and the check skips naming the version.
#include "core/checks/gitlabapi.h"
#include "core/engine/evidence.h"
#include "core/text/inputvalidation.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace duo {

using namespace gitlabapi;

namespace {

struct GitLabChecks {
    Q_DECLARE_TR_FUNCTIONS(duo::GitLabChecks)
};

// One field per document where GitLab added it later: the service URL (18.4), its TLS setting (18.10).
const QString serviceUrlQuery = QStringLiteral("{ duoSettings { duoAgentPlatformServiceUrl } }");
const QString serviceTlsQuery = QStringLiteral("{ duoSettings { selfHostedDuoAgentPlatformServiceSecure } }");
const QString featuresQuery = QStringLiteral(
    "{ aiFeatureSettings { nodes { feature title mainFeature provider selfHostedModel { name } } } }");
const QString runnersQuery = QStringLiteral(
    R"({ runners(tagList: ["gitlab--duo"]) { nodes { status paused executorName runnerType } } })");
const QString duoRunnerTag = QStringLiteral("gitlab--duo");
constexpr int defaultServicePort = 50052;

QJsonObject duoSettingsOf(const GraphQlAnswer& answer) {
    return answer.data.value(QStringLiteral("duoSettings")).toObject();
}

QString storedServiceUrl(const GraphQlAnswer& answer) {
    return duoSettingsOf(answer).value(QStringLiteral("duoAgentPlatformServiceUrl")).toString().trimmed();
}

// A GitLab without the Agent Platform's settings (before 18.4) rejects the service URL's document.
bool skippedWithoutAgentPlatform(const Context& context, CheckResult& result, const GraphQlAnswer& answer) {
    if (!fieldUnknown(answer))
        return false;
    const QString version = gitlabVersion(context);
    result = context->makeResult(
        Status::Skip,
        GitLabChecks::tr("GitLab %1 has no GitLab Duo Agent Platform settings (they came with GitLab 18.4): "
                         "nothing to check.")
            .arg(version.isEmpty() ? GitLabChecks::tr("(version unknown)") : version));
    return true;
}

// --- The service address
// ------------------------------------------------------------------------------------

// GitLab's stored address read as the service checks use it: HOST:PORT, a scheme or path taken off.
struct StoredAddress {
    QString raw{};
    QString address{};       // normalised HOST:PORT, or the corrected one; empty when none can be made
    bool wellFormed = false; // raw is HOST:PORT as it is
    bool hasScheme = false;
};

StoredAddress readStoredAddress(const QString& raw) {
    StoredAddress stored{.raw = raw};
    if (raw.isEmpty())
        return stored;
    if (const std::optional<ServiceAddress> parsed = parseServiceAddress(raw)) {
        stored.address = parsed->toString();
        stored.wellFormed = true;
        return stored;
    }
    stored.hasScheme = raw.contains(QStringLiteral("://"));
    const QString hostPort =
        (stored.hasScheme ? raw.section(QStringLiteral("://"), 1) : raw).section(QLatin1Char('/'), 0, 0);
    if (const std::optional<ServiceAddress> parsed = parseServiceAddress(hostPort))
        stored.address = parsed->toString();
    else if (const std::optional<ServiceAddress> withPort =
                 parseServiceAddress(hostPort + QLatin1Char(':') + QString::number(defaultServicePort)))
        stored.address = withPort->toString();
    return stored;
}

QString typedAddress(const Context& context) {
    const std::optional<ServiceAddress> typed = parseServiceAddress(context->target().agentPlatformAddress);
    return typed ? typed->toString() : QString();
}

// The address the service checks use: the typed one overrides GitLab's.
void addAddressEvidence(const Context& context, CheckResult& result, const QString& fromGitLab) {
    const QString typed = typedAddress(context);
    const QString address = typed.isEmpty() ? fromGitLab : typed;
    if (address.isEmpty())
        return;
    result.evidence.insert(evidence::agentPlatformAddress, address);
    result.evidence.insert(evidence::agentPlatformAddressSource,
                           typed.isEmpty() ? QStringLiteral("gitlab") : QStringLiteral("typed"));
}

// GitLab's "Use TLS for the GitLab Duo Agent Platform service", where GraphQL has it (18.10).
void addTlsEvidence(CheckResult& result, const GraphQlAnswer& answer) {
    const QJsonValue secure =
        duoSettingsOf(answer).value(QStringLiteral("selfHostedDuoAgentPlatformServiceSecure"));
    if (secure.isBool())
        result.evidence.insert(evidence::agentPlatformTls, secure.toBool());
}

// --- Feature routing
// ----------------------------------------------------------------------------------------

struct RoutedFeature {
    QString feature{};
    QString title{};
    QString provider{}; // a key of providerNames
    QString model{};    // GitLab's name of the self-hosted model, if any
};

struct ProviderName {
    const char* gitlab; // GitLab's provider
    const char* key;    // the evidence's
    const char* label;  // in context duo::GitLabChecks
};
const ProviderName providerNames[] = {
    {"self_hosted", "self_hosted", QT_TRANSLATE_NOOP("duo::GitLabChecks", "self-hosted model")},
    {"vendored", "gitlab_managed", QT_TRANSLATE_NOOP("duo::GitLabChecks", "GitLab-managed")},
    {"disabled", "disabled", QT_TRANSLATE_NOOP("duo::GitLabChecks", "disabled")},
    {"unassigned", "unassigned", QT_TRANSLATE_NOOP("duo::GitLabChecks", "no model")},
};

QString providerKey(const QString& gitlab) {
    for (const ProviderName& name : providerNames) {
        if (gitlab == QLatin1String(name.gitlab))
            return QString::fromLatin1(name.key);
    }
    return gitlab;
}

bool isAgentPlatformFeature(const RoutedFeature& feature) {
    return feature.feature.startsWith(QLatin1String("duo_agent_platform"));
}

bool hasNoModel(const RoutedFeature& feature) {
    return feature.provider == QLatin1String("unassigned") ||
           (feature.provider == QLatin1String("self_hosted") && feature.model.isEmpty());
}

QList<RoutedFeature> routedFeatures(const GraphQlAnswer& answer) {
    QList<RoutedFeature> features;
    for (const QJsonValue& value : nodesOf(answer.data, QStringLiteral("aiFeatureSettings"))) {
        const QJsonObject node = value.toObject();
        const QString feature = node.value(QStringLiteral("feature")).toString();
        features.append({.feature = feature,
                         .title = node.value(QStringLiteral("title")).toString(feature),
                         .provider = providerKey(node.value(QStringLiteral("provider")).toString()),
                         .model = node.value(QStringLiteral("selfHostedModel"))
                                      .toObject()
                                      .value(QStringLiteral("name"))
                                      .toString()});
    }
    return features;
}

QJsonArray featuresJson(const QList<RoutedFeature>& features) {
    QJsonArray rows;
    for (const RoutedFeature& feature : features)
        rows.append(QJsonObject{{QStringLiteral("feature"), feature.feature},
                                {QStringLiteral("title"), feature.title},
                                {QStringLiteral("provider"), feature.provider},
                                {QStringLiteral("model"), feature.model}});
    return rows;
}

// The titles of the Agent Platform features that match, e.g. "Agents and flows, Agentic Chat".
QString agentFeatureTitles(const QList<RoutedFeature>& features, bool (*matches)(const RoutedFeature&)) {
    QStringList titles;
    for (const RoutedFeature& feature : features) {
        if (isAgentPlatformFeature(feature) && matches(feature))
            titles.append(feature.title);
    }
    return titles.join(QStringLiteral(", "));
}

QString routingSummary(const QList<RoutedFeature>& features) {
    QStringList parts;
    for (const ProviderName& name : providerNames) {
        const auto count = std::count_if(features.cbegin(), features.cend(), [&name](const RoutedFeature& f) {
            return f.provider == QLatin1String(name.key);
        });
        if (count > 0)
            parts.append(QStringLiteral("%1: %2").arg(GitLabChecks::tr(name.label)).arg(count));
    }
    return GitLabChecks::tr("Features by provider: %1.").arg(parts.join(QStringLiteral(", ")));
}

// GitLab-managed features leave the instance: worth saying whatever else is found.
QString gitlabManagedNote(const QList<RoutedFeature>& features) {
    QStringList titles;
    for (const RoutedFeature& feature : features) {
        if (feature.provider == QLatin1String("gitlab_managed"))
            titles.append(feature.title);
    }
    if (titles.isEmpty())
        return {};
    return GitLabChecks::tr(
               "GitLab-managed features (%1) are sent to GitLab's cloud AI gateway: GitLab needs "
               "internet access and an online license (cloud licensing) for them; an offline "
               "license cannot use them.")
        .arg(titles.join(QStringLiteral(", ")));
}

// --- gitlab.agent_platform_url
// ------------------------------------------------------------------------------

void judgeUnsetAddress(const Context& context, CheckResult& result, const GraphQlAnswer& featuresAnswer) {
    const QString typed = typedAddress(context);
    result.summary = typed.isEmpty()
                         ? GitLabChecks::tr("Not configured: GitLab has no Agent Platform service address.")
                         : GitLabChecks::tr("Not configured in GitLab; the service checks use the address "
                                            "given here, %1.")
                               .arg(typed);
    const QString routed = agentFeatureTitles(routedFeatures(featuresAnswer), [](const RoutedFeature& f) {
        return f.provider == QLatin1String("self_hosted");
    });
    if (routed.isEmpty())
        return;
    result.summary =
        GitLabChecks::tr("Not configured, yet %1 are routed to a self-hosted model.").arg(routed);
    context->conclude(result, Verdict::AgentPlatformUnsetFeaturesRouted,
                      {{QStringLiteral("agent_features"), routed}});
}

void judgeMalformedAddress(const Context& context, CheckResult& result, const StoredAddress& stored,
                           int httpStatus) {
    const QString corrected =
        stored.address.isEmpty() ? QStringLiteral("<host>:%1").arg(defaultServicePort) : stored.address;
    result.summary =
        stored.hasScheme
            ? GitLabChecks::tr("GitLab's Agent Platform service address %1 has a scheme; GitLab expects "
                               "HOST:PORT: %2.")
                  .arg(stored.raw, corrected)
            : GitLabChecks::tr("GitLab's Agent Platform service address %1 is not HOST:PORT.")
                  .arg(stored.raw);
    context->failWith(
        result, stored.hasScheme ? Verdict::AgentPlatformUrlHasScheme : Verdict::AgentPlatformUrlMalformed,
        httpStatus, {},
        {{QStringLiteral("gitlab_agent_platform_url"), stored.raw},
         {QStringLiteral("agent_platform_address"), corrected}});
}

void summariseAddress(const Context& context, CheckResult& result, const StoredAddress& stored) {
    const QString typed = typedAddress(context);
    if (typed.isEmpty() || typed == stored.address) {
        result.summary =
            GitLabChecks::tr("GitLab's Agent Platform service address is %1.").arg(stored.address);
        return;
    }
    result.summary = GitLabChecks::tr("GitLab's Agent Platform service address is %1; the service checks use "
                                      "the address given here, %2.")
                         .arg(stored.address, typed);
}

void judgeServiceUrl(const Context& context, CheckResult& result, const QList<HttpResult>& answers) {
    const GraphQlAnswer url = graphQlAnswer(answers.at(0));
    if (skippedWithoutAgentPlatform(context, result, url) ||
        nothingToJudge(context, result, url,
                       {{UnavailableWhen::PermissionDenied,
                         QT_TRANSLATE_NOOP("duo::GitLabChecks", "GitLab refused to show its Duo settings: it "
                                                                "needs an administrator's token.")}})) {
        addAddressEvidence(context, result, {});
        return;
    }
    const StoredAddress stored = readStoredAddress(storedServiceUrl(url));
    result.evidence.insert(evidence::gitlabAgentPlatformUrl, stored.raw);
    addTlsEvidence(result, graphQlAnswer(answers.at(1)));
    addAddressEvidence(context, result, stored.address);
    if (stored.raw.isEmpty())
        judgeUnsetAddress(context, result, graphQlAnswer(answers.at(2)));
    else if (!stored.wellFormed)
        judgeMalformedAddress(context, result, stored, url.http.status);
    else
        summariseAddress(context, result, stored);
}

// --- gitlab.duo_runner
// --------------------------------------------------------------------------------------

struct DuoRunner {
    QString status{}; // lower case: online, offline, stale, never_contacted
    bool paused = false;
    QString executor{}; // empty when GitLab did not say (REST)
    QString type{};
};

bool runsContainers(const DuoRunner& runner) {
    return runner.executor.isEmpty() || runner.executor.startsWith(QLatin1String("docker")) ||
           runner.executor == QLatin1String("kubernetes");
}

bool usable(const DuoRunner& runner) {
    return runsContainers(runner) && runner.status == QLatin1String("online") && !runner.paused;
}

QList<DuoRunner> graphQlRunners(const GraphQlAnswer& answer) {
    QList<DuoRunner> runners;
    for (const QJsonValue& value : nodesOf(answer.data, QStringLiteral("runners"))) {
        const QJsonObject node = value.toObject();
        runners.append({.status = node.value(QStringLiteral("status")).toString().toLower(),
                        .paused = node.value(QStringLiteral("paused")).toBool(),
                        .executor = node.value(QStringLiteral("executorName")).toString().toLower(),
                        .type = node.value(QStringLiteral("runnerType")).toString().toLower()});
    }
    return runners;
}

QList<DuoRunner> restRunners(const QByteArray& body) {
    QList<DuoRunner> runners;
    for (const QJsonValue& value : QJsonDocument::fromJson(body).array()) {
        const QJsonObject node = value.toObject();
        runners.append({.status = node.value(QStringLiteral("status")).toString().toLower(),
                        .paused = node.value(QStringLiteral("paused")).toBool(),
                        .type = node.value(QStringLiteral("runner_type")).toString().toLower()});
    }
    return runners;
}

QJsonArray runnersJson(const QList<DuoRunner>& runners) {
    QJsonArray rows;
    for (const DuoRunner& runner : runners)
        rows.append(QJsonObject{{QStringLiteral("status"), runner.status},
                                {QStringLiteral("paused"), runner.paused},
                                {QStringLiteral("executor"), runner.executor},
                                {QStringLiteral("type"), runner.type}});
    return rows;
}

void judgeRunnerList(const Context& context, CheckResult& result, const QList<DuoRunner>& runners) {
    result.evidence.insert(evidence::runners, runnersJson(runners));
    const auto ready = std::find_if(runners.cbegin(), runners.cend(), usable);
    if (ready != runners.cend()) {
        result.summary =
            ready->executor.isEmpty()
                ? GitLabChecks::tr("An online runner tagged gitlab--duo is ready (%1 tagged; GitLab's REST "
                                   "API does not name executors: make sure it is Docker or Kubernetes).")
                      .arg(runners.size())
                : GitLabChecks::tr("An online runner tagged gitlab--duo with the %1 executor is ready for "
                                   "flows (%2 tagged).")
                      .arg(ready->executor)
                      .arg(runners.size());
        return;
    }
    QStringList executors;
    for (const DuoRunner& runner : runners)
        executors.append(runner.executor);
    executors.removeDuplicates();
    const bool anyContainers = std::any_of(runners.cbegin(), runners.cend(), runsContainers);
    const Verdict verdict = runners.isEmpty() ? Verdict::DuoRunnerMissing
                            : anyContainers   ? Verdict::DuoRunnerOffline
                                              : Verdict::DuoRunnerShellOnly;
    result.summary =
        runners.isEmpty() ? GitLabChecks::tr("No runner is tagged gitlab--duo.")
        : anyContainers
            ? GitLabChecks::tr("No runner tagged gitlab--duo is online and unpaused (%1 tagged).")
                  .arg(runners.size())
            : GitLabChecks::tr("The runners tagged gitlab--duo use the %1 executor, not Docker or "
                               "Kubernetes.")
                  .arg(executors.join(QStringLiteral(", ")));
    context->conclude(result, verdict,
                      {{QStringLiteral("runner_executors"), executors.join(QStringLiteral(", "))}});
}

// GitLab's REST list, for a GitLab whose GraphQL cannot list runners by tag: it lacks the executor.
void askRestRunners(const Context& context) {
    HttpRequest request = gitlabRequest(context, QStringLiteral("/runners/all"));
    request.url.setQuery(QStringLiteral("tag_list=") + duoRunnerTag);
    context->ask(request, [context](CheckResult& result, const HttpResult& http) {
        if (http.status == 403) {
            result = context->makeResult(
                Status::Skip,
                GitLabChecks::tr("GitLab refused to list its runners: it needs an administrator's "
                                 "token."));
            return;
        }
        if (failedHttp(context, result, http))
            return;
        result.details =
            GitLabChecks::tr("From GET /api/v4/runners/all?tag_list=gitlab--duo (GraphQL could not "
                             "list them).");
        judgeRunnerList(context, result, restRunners(http.body));
    });
}

void judgeDuoRunners(const Context& context, CheckResult& result, const QList<HttpResult>& answers) {
    const GraphQlAnswer url = graphQlAnswer(answers.at(0));
    if (skippedWithoutAgentPlatform(context, result, url))
        return;
    if (url.errors.isEmpty() && storedServiceUrl(url).isEmpty() && typedAddress(context).isEmpty()) {
        result = context->makeResult(
            Status::Skip, GitLabChecks::tr("GitLab has no Agent Platform service address: flows cannot run, "
                                           "so their runner is not checked."));
        return;
    }
    const GraphQlAnswer runners = graphQlAnswer(answers.at(1));
    if (!runners.http.answered() || runners.http.status != 200 || !runners.errors.isEmpty() ||
        !runners.data.contains(QStringLiteral("runners")))
        return askRestRunners(context);
    judgeRunnerList(context, result, graphQlRunners(runners));
}

// --- gitlab.feature_routing
// ---------------------------------------------------------------------------------

void judgeRouting(const Context& context, CheckResult& result, const QList<HttpResult>& answers) {
    const GraphQlAnswer url = graphQlAnswer(answers.at(0));
    if (skippedWithoutAgentPlatform(context, result, url))
        return;
    const GraphQlAnswer settings = graphQlAnswer(answers.at(1));
    if (nothingToJudge(
            context, result, settings,
            {{UnavailableWhen::Either,
              QT_TRANSLATE_NOOP("duo::GitLabChecks",
                                "GitLab does not list its feature routing to this token or version; "
                                "see Admin > GitLab Duo > Self-hosted models > AI-native features.")}}))
        return;
    const QList<RoutedFeature> features = routedFeatures(settings);
    result.evidence.insert(evidence::features, featuresJson(features));
    result.summary = routingSummary(features);
    result.details = gitlabManagedNote(features);
    const bool serviceConfigured = !storedServiceUrl(url).isEmpty() || !typedAddress(context).isEmpty();
    const QString withoutModel = agentFeatureTitles(features, hasNoModel);
    if (!serviceConfigured || withoutModel.isEmpty())
        return;
    result.summary = GitLabChecks::tr("%1 have no model, while an Agent Platform service is configured.")
                         .arg(withoutModel);
    context->conclude(result, Verdict::AgentPlatformFeaturesWithoutModel,
                      {{QStringLiteral("agent_features"), withoutModel}});
}

} // namespace

void runGitLabAgentPlatformUrl(const Context& context) {
    context->askAll({graphQlRequest(context, serviceUrlQuery), graphQlRequest(context, serviceTlsQuery),
                     graphQlRequest(context, featuresQuery)},
                    [context](CheckResult& result, const QList<HttpResult>& answers) {
                        judgeServiceUrl(context, result, answers);
                    });
}

void runGitLabDuoRunner(const Context& context) {
    context->askAll({graphQlRequest(context, serviceUrlQuery), graphQlRequest(context, runnersQuery)},
                    [context](CheckResult& result, const QList<HttpResult>& answers) {
                        judgeDuoRunners(context, result, answers);
                    });
}

void runGitLabFeatureRouting(const Context& context) {
    context->askAll({graphQlRequest(context, serviceUrlQuery), graphQlRequest(context, featuresQuery)},
                    [context](CheckResult& result, const QList<HttpResult>& answers) {
                        judgeRouting(context, result, answers);
                    });
}

} // namespace duo
