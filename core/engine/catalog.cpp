#include "core/engine/catalog.h"

#include "core/checks/runners.h"
#include "core/engine/evidence.h"
#include "core/knowledge/manualsteps.h"
#include "core/knowledge/pagesections.h"

#include <QHash>

#include <functional>

namespace duo {

namespace {

QStringList list(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

const QStringList gitlabApi = list({"gitlab.token", "gitlab.version"});

// Checks that read what only an administrator may see skip, naming the user, when the token is not one.
const Capability administratorToken{
    .check = "gitlab.token",
    .flag = &evidence::isAdmin,
    .unmet = QT_TRANSLATE_NOOP("duo::CheckEngine",
                               "Not run: needs an administrator's token; %1 is not an administrator."),
    .detail = &evidence::username};

// The automatic checks, in the order they are shown; the manual steps follow
// (core/knowledge/manualsteps.cpp).
// clang-format off
const QList<CheckDefinition> automaticChecks = {
    {.id = QStringLiteral("gitlab.reachable"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab answers"),
     .section = sections::gitlabToModel, .component = Component::GitLab,
     .segments = list({"gitlab"}),
     .run = runGitLabReachable, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.token"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Personal access token is valid"),
     .section = sections::gitlabToModel, .component = Component::GitLab,
     .dependsOn = list({"gitlab.reachable"}), .segments = list({"gitlab"}),
     .run = runGitLabToken, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.version"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab edition and version support self-hosted models"),
     .section = sections::beforeYouBegin, .component = Component::GitLab,
     .dependsOn = list({"gitlab.reachable", "gitlab.token"}), .segments = list({"gitlab"}),
     .run = runGitLabVersion, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.license"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "License is present and not expired"),
     .section = sections::userAccess, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_license"}),
     .needs = &administratorToken, .run = runGitLabLicense, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.user_access"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "User may use Code Suggestions"),
     .section = sections::userAccess, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_license", "gitlab_features", "gitlab_user"}),
     .run = runGitLabUserAccess, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.duo_seat"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "The user has a GitLab Duo seat"),
     .section = sections::userAccess, .component = Component::GitLab,
     .dependsOn = gitlabApi, .after = list({"gitlab.user_access"}), .segments = list({"gitlab_user"}),
     .needs = &administratorToken, .run = runGitLabDuoSeat, .sendsEarly = true, .rounds = 2},
    {.id = QStringLiteral("gitlab.self_hosted_features"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Code Suggestions use the self-hosted model"),
     .section = sections::instanceConfigured, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_features"}),
     .needs = &administratorToken, .run = runGitLabSelfHostedFeatures, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.model_config"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's self-hosted model matches this setup"),
     .section = sections::instanceConfigured, .component = Component::GitLab,
     .dependsOn = list({"gitlab.self_hosted_features"}), .segments = list({"gitlab_features"}),
     .needs = &administratorToken, .run = runGitLabModelConfig, .rounds = 0},
    {.id = QStringLiteral("gitlab.ai_gateway_url"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's AI gateway URL is this gateway"),
     .section = sections::gitlabEnv, .component = Component::GitLab,
     .dependsOn = gitlabApi, .after = list({"gitlab.gateway_probe"}), .segments = list({"gitlab_gateway_url"}),
     .needs = &administratorToken, .run = runGitLabAiGatewayUrl, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.code_suggestions"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "A code suggestion through GitLab"),
     .section = sections::gitlabToModel, .vantage = Vantage::GitLab, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_license", "gitlab_features", "gitlab_user", "gitlab_gateway_url", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}),
     .run = runGitLabCodeSuggestions, .sendsEarly = true, .rounds = 3},
    {.id = QStringLiteral("gitlab.gateway_probe"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab reaches the AI gateway"),
     .section = sections::gitlabToGateway, .vantage = Vantage::GitLab, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_gateway_url", "gitlab_to_gateway", "gateway"}),
     .run = runGitLabGatewayProbe, .sendsEarly = true, .rounds = 2},
    {.id = QStringLiteral("gitlab.model_connection"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab reaches the model through the gateway"),
     .section = sections::gitlabToModel, .vantage = Vantage::GitLab, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_gateway_url", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}),
     .needs = &administratorToken, .run = runGitLabModelConnection, .sendsEarly = true, .rounds = 3},
    {.id = QStringLiteral("gitlab.agent_platform_url"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's Agent Platform service address is HOST:PORT"),
     .section = sections::gitlabEnv, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_agent_platform_url"}),
     .needs = &administratorToken, .run = runGitLabAgentPlatformUrl, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.feature_routing"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Where each GitLab Duo feature is routed"),
     .section = sections::instanceConfigured, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_feature_routing"}),
     .needs = &administratorToken, .run = runGitLabFeatureRouting, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.duo_runner"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "A runner tagged gitlab--duo can run flows"),
     .section = sections::duoRunner, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab_runner"}),
     .needs = &administratorToken, .run = runGitLabDuoRunner, .sendsEarly = true},
    {.id = QStringLiteral("gitlab.agent_platform_websocket"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Agentic Chat's WebSocket opens through GitLab"),
     .section = sections::scripts, .component = Component::GitLab,
     .dependsOn = gitlabApi, .segments = list({"gitlab", "gitlab_websocket"}),
     .run = runGitLabAgentPlatformWebSocket},
    {.id = QStringLiteral("gateway.reachable"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway answers"),
     .section = sections::gatewayProcesses, .component = Component::Gateway,
     .segments = list({"gateway"}),
     .run = runGatewayReachable, .sendsEarly = true},
    {.id = QStringLiteral("gateway.health"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway can process requests"),
     .section = sections::gatewayProcesses, .component = Component::Gateway,
     .dependsOn = list({"gateway.reachable"}), .segments = list({"gateway"}),
     .run = runGatewayHealth, .sendsEarly = true},
    {.id = QStringLiteral("gateway.auth_bypass"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway accepts requests without a GitLab token"),
     .section = sections::gatewayEnv, .component = Component::Gateway,
     .dependsOn = list({"gateway.reachable"}), .segments = list({"gateway", "gateway_auth"}),
     .run = runGatewayAuthBypass, .sendsEarly = true},
    {.id = QStringLiteral("gateway.model_request"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway gets an answer from the model"),
     .section = sections::gatewayToModel, .component = Component::Gateway,
     .dependsOn = list({"gateway.reachable"}), .segments = list({"gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}),
     .run = runGatewayModelRequest, .sendsEarly = true, .rounds = 2},
    // The address is typed (--agent-platform) or learned from GitLab by gitlab.agent_platform_url. The service
    // checks and the WebSocket speak on sockets of their own, not through the answer board: they send when
    // they run.
    {.id = QStringLiteral("agent_platform.reachable"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Agent Platform service answers gRPC's HTTP/2"),
     .section = sections::gatewayProcesses, .component = Component::AgentPlatform,
     .after = list({"gitlab.agent_platform_url"}), .segments = list({"agent_platform"}),
     .run = runAgentPlatformReachable},
    {.id = QStringLiteral("agent_platform.health"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Agent Platform service reports SERVING"),
     .section = sections::gatewayProcesses, .component = Component::AgentPlatform,
     .dependsOn = list({"agent_platform.reachable"}), .segments = list({"agent_platform", "agent_platform_service"}),
     .run = runAgentPlatformHealth},
    {.id = QStringLiteral("model.platform"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "The identifier names a model platform, in its form"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .segments = list({"model_identifier"}),
     .run = runModelPlatform, .rounds = 0},
    {.id = QStringLiteral("model.endpoint_address"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "The gateway can reach the model's address"),
     .section = sections::localhost, .component = Component::Model,
     .after = list({"model.reachable", "gateway.model_request"}), .segments = list({"gateway_to_model"}),
     .run = runModelEndpointAddress, .rounds = 0},
    {.id = QStringLiteral("model.reachable"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model server answers"),
     .section = sections::modelFromGateway, .component = Component::Model,
     .segments = list({"model"}),
     .run = runModelReachable, .sendsEarly = true},
    {.id = QStringLiteral("model.server_type"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model server type"),
     .section = sections::modelFromGateway, .component = Component::Model,
     .dependsOn = list({"model.reachable"}), .segments = list({"model"}),
     .run = runModelServerType, .sendsEarly = true},
    {.id = QStringLiteral("model.endpoint_path"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Endpoint path serves the OpenAI API"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.reachable"}), .segments = list({"model"}),
     .run = runModelEndpointPath, .sendsEarly = true},
    {.id = QStringLiteral("model.auth"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model server accepts the API key"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.endpoint_path"}), .segments = list({"model"}),
     .run = runModelAuth, .sendsEarly = true},
    {.id = QStringLiteral("model.listed"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model server serves this model"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.auth"}), .segments = list({"model"}),
     .run = runModelListed, .rounds = 0},
    {.id = QStringLiteral("model.completion"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model generates an answer"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.listed"}), .segments = list({"model"}),
     .run = runModelCompletion, .sendsEarly = true},
    // What Agentic Chat and Agent Platform flows need beyond one completion (core/checks/agenticchecks.cpp).
    {.id = QStringLiteral("model.tool_calling"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model answers with tool calls (Agentic Chat, flows)"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.completion"}), .after = list({"model.server_type", "gitlab.token"}), .segments = list({"model"}),
     .run = runModelToolCalling, .sendsEarly = true},
    {.id = QStringLiteral("model.streaming"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model streams its answer as server-sent events"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.completion"}), .segments = list({"model"}),
     .run = runModelStreaming, .sendsEarly = true},
    {.id = QStringLiteral("model.parameters"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model accepts the parameters the gateway sends"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.completion"}), .segments = list({"model"}),
     .run = runModelParameters, .sendsEarly = true},
    {.id = QStringLiteral("model.context_length"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model's context window fits code generation"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.listed"}), .segments = list({"model"}),
     .run = runModelContextLength, .rounds = 0},
    {.id = QStringLiteral("model.latency"), .title = QT_TRANSLATE_NOOP("duo::Catalog", "Model writes code within GitLab's timeout"),
     .section = sections::gatewayToModel, .component = Component::Model,
     .dependsOn = list({"model.completion"}), .after = list({"gitlab.ai_gateway_url"}), .segments = list({"model"}),
     .run = runModelLatency, .sendsEarly = true},
};
// clang-format on

QList<CheckDefinition> buildCatalog() {
    QList<CheckDefinition> all = automaticChecks;
    for (const ManualStep& step : manualSteps())
        all.append({.id = QString::fromLatin1(step.id),
                    .title = step.title,
                    .section = step.section,
                    .vantage = Vantage::Manual,
                    .component = Component::Manual,
                    .after = list({"gitlab.version"}), // its commands follow GitLab's version
                    .segments = step.segments,
                    .run = runManualStep});
    return all;
}

// Built on first use: the manual-step table lives in another file, whose globals may not exist yet while
// this file's are initialised.
const QList<CheckDefinition>& catalogRows() {
    static const QList<CheckDefinition> rows = buildCatalog();
    return rows;
}

// model_identifier is the identifier GitLab's model settings hand the gateway: signatures blame it, no check
// exercises it alone.
// GitLab 18/19 adds a branch: GitLab's Agent Platform settings (address, feature routing, runners) → the
// service (reached, then healthy); Agentic Chat's WebSocket runs through GitLab's proxies.
const QStringList segments =
    list({"gitlab_license", "gitlab_features", "gitlab_feature_routing", "gitlab_user", "gitlab_gateway_url",
          "gitlab_agent_platform_url", "gitlab", "gitlab_runner", "gitlab_websocket", "gitlab_to_gateway",
          "gateway", "agent_platform", "agent_platform_service", "gateway_auth", "gateway_config",
          "model_identifier", "gateway_to_model", "model"});

struct ComponentName {
    Component component;
    const char* key;
    const char* title;
};
const ComponentName componentNames[] = {
    {Component::GitLab, "gitlab", QT_TRANSLATE_NOOP("duo::Catalog", "GitLab")},
    {Component::Gateway, "gateway", QT_TRANSLATE_NOOP("duo::Catalog", "AI Gateway")},
    {Component::AgentPlatform, "agent_platform", QT_TRANSLATE_NOOP("duo::Catalog", "Agent Platform service")},
    {Component::Model, "model", QT_TRANSLATE_NOOP("duo::Catalog", "Model")},
    {Component::Manual, "manual", QT_TRANSLATE_NOOP("duo::Catalog", "Manual steps")},
};

} // namespace

QString troubleshootingPageUrl() {
    return QStringLiteral("https://docs.gitlab.com/administration/gitlab_duo_self_hosted/troubleshooting/");
}

QString sectionUrl(const QString& section) {
    // GitLab's docs derive anchors from headings: lower case, punctuation dropped, spaces to hyphens.
    if (section == QLatin1String(sections::beforeYouBegin))
        return troubleshootingPageUrl();
    QString anchor;
    for (const QChar c : section.toLower()) {
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            anchor += c;
        else if (c.isSpace())
            anchor += QLatin1Char('-');
    }
    return troubleshootingPageUrl() + QLatin1Char('#') + anchor;
}

const QList<CheckDefinition>& checkCatalog() {
    return catalogRows();
}

const CheckDefinition* findCheck(const QString& id) {
    const int index = catalogIndex(id);
    return index < 0 ? nullptr : &catalogRows().at(index);
}

int catalogIndex(const QString& id) {
    static const QHash<QString, int> indexes = [] {
        QHash<QString, int> byId;
        for (int i = 0; i < catalogRows().size(); ++i)
            byId.insert(catalogRows().at(i).id, i);
        return byId;
    }();
    return indexes.value(id, -1);
}

const QList<int>& prerequisiteIndexes(int index) {
    static const QList<QList<int>> prerequisites = [] {
        QList<QList<int>> all;
        for (const CheckDefinition& definition : catalogRows()) {
            QList<int> indexes;
            for (const QString& id : definition.dependsOn + definition.after) {
                if (const int found = catalogIndex(id); found >= 0)
                    indexes.append(found);
            }
            all.append(indexes);
        }
        return all;
    }();
    return prerequisites.at(index);
}

const QStringList& pathSegments() {
    return segments;
}

const QList<Component>& components() {
    static const QList<Component> all = [] {
        QList<Component> out;
        for (const auto& name : componentNames)
            out.append(name.component);
        return out;
    }();
    return all;
}

QStringList dataDependencies(const CheckDefinition& definition) {
    return definition.sendsEarly ? QStringList() : definition.dependsOn + definition.after;
}

int criticalRounds(const QStringList& ids) {
    QHash<QString, int> memo;
    std::function<int(const QString&)> chain = [&](const QString& id) -> int {
        if (const auto found = memo.constFind(id); found != memo.cend())
            return found.value();
        const CheckDefinition* definition = findCheck(id);
        if (!definition)
            return 0;
        memo.insert(id, 0); // a cycle (none exists: test_integrity) would end here
        int before = 0;
        for (const QString& previous : dataDependencies(*definition)) {
            if (ids.isEmpty() || ids.contains(previous))
                before = std::max(before, chain(previous));
        }
        // A manual step sends nothing.
        const int own = definition->vantage == Vantage::Manual ? 0 : definition->rounds;
        memo.insert(id, before + own);
        return before + own;
    };
    int longest = 0;
    for (const CheckDefinition& definition : catalogRows()) {
        if (ids.isEmpty() || ids.contains(definition.id))
            longest = std::max(longest, chain(definition.id));
    }
    return longest;
}

QString componentKey(Component component) {
    for (const auto& name : componentNames) {
        if (name.component == component)
            return QString::fromLatin1(name.key);
    }
    return {};
}

QString componentTitle(Component component) {
    for (const auto& name : componentNames) {
        if (name.component == component)
            return QCoreApplication::translate("duo::Catalog", name.title);
    }
    return {};
}

} // namespace duo
