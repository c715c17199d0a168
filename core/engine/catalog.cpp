#include "core/engine/catalog.h"

#include "core/checks/runners.h"

#include <QHash>

namespace duo {

namespace {

QStringList list(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* item : items)
        out.append(QString::fromLatin1(item));
    return out;
}

// Sections are the headings of the troubleshooting page each check implements.
constexpr const char* secUserAccess = "Check if a user can request Code Suggestions";
constexpr const char* secInstanceConfigured =
    "Check if GitLab instance is configured to use self-hosted-models";
constexpr const char* secGitLabEnv = "Check that GitLab environmental variables are set up correctly";
constexpr const char* secGitLabToGateway = "Check if GitLab can make an HTTP request to AI Gateway";
constexpr const char* secGitLabToModel = "Check if GitLab can make a request to the model";
constexpr const char* secGatewayProcesses = "Check if AI Gateway can process requests";
constexpr const char* secGatewayEnv = "Check that AI Gateway environmental variables are set up correctly";
constexpr const char* secGatewayToModel = "Check if AI Gateway can make a request to the model";
constexpr const char* secModelFromGateway = "Check if the model is reachable from AI Gateway";
constexpr const char* secLocalhost = "LLM server is not available inside AI Gateway container";
constexpr const char* secBeforeYouBegin = "Before you begin troubleshooting";
constexpr const char* secScripts = "Use debugging scripts";
constexpr const char* secPlatform = "The image's platform does not match the host";

const QStringList gitlabApi = list({"gitlab.token", "gitlab.version"});

// clang-format off
const QList<CheckDefinition> catalog = {
    {QStringLiteral("gitlab.reachable"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab answers"), secGitLabToModel, Vantage::Desktop, Component::GitLab,
     {}, {}, list({"gitlab"}), false, runGitLabReachable},
    {QStringLiteral("gitlab.token"), QT_TRANSLATE_NOOP("duo::Catalog", "Personal access token is valid"), secGitLabToModel, Vantage::Desktop, Component::GitLab,
     list({"gitlab.reachable"}), {}, list({"gitlab"}), false, runGitLabToken},
    {QStringLiteral("gitlab.version"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab edition and version support self-hosted models"), secBeforeYouBegin, Vantage::Desktop, Component::GitLab,
     list({"gitlab.reachable", "gitlab.token"}), {}, list({"gitlab"}), false, runGitLabVersion},
    {QStringLiteral("gitlab.license"), QT_TRANSLATE_NOOP("duo::Catalog", "License is present and not expired"), secUserAccess, Vantage::Desktop, Component::GitLab,
     gitlabApi, {}, list({"gitlab_license"}), true, runGitLabLicense},
    {QStringLiteral("gitlab.user_access"), QT_TRANSLATE_NOOP("duo::Catalog", "User may use Code Suggestions"), secUserAccess, Vantage::Desktop, Component::GitLab,
     gitlabApi, {}, list({"gitlab_license", "gitlab_features", "gitlab_user"}), false, runGitLabUserAccess},
    {QStringLiteral("gitlab.duo_seat"), QT_TRANSLATE_NOOP("duo::Catalog", "The user has a GitLab Duo seat"), secUserAccess, Vantage::Desktop, Component::GitLab,
     gitlabApi, list({"gitlab.user_access"}), list({"gitlab_user"}), true, runGitLabDuoSeat},
    {QStringLiteral("gitlab.self_hosted_features"), QT_TRANSLATE_NOOP("duo::Catalog", "Code Suggestions use the self-hosted model"), secInstanceConfigured, Vantage::Desktop, Component::GitLab,
     gitlabApi, {}, list({"gitlab_features"}), true, runGitLabSelfHostedFeatures},
    {QStringLiteral("gitlab.model_config"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's self-hosted model matches this setup"), secInstanceConfigured, Vantage::Desktop, Component::GitLab,
     list({"gitlab.self_hosted_features"}), {}, list({"gitlab_features"}), true, runGitLabModelConfig},
    {QStringLiteral("gitlab.ai_gateway_url"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's AI gateway URL is this gateway"), secGitLabEnv, Vantage::Desktop, Component::GitLab,
     gitlabApi, list({"gitlab.gateway_probe"}), list({"gitlab_gateway_url"}), true, runGitLabAiGatewayUrl},
    {QStringLiteral("gitlab.code_suggestions"), QT_TRANSLATE_NOOP("duo::Catalog", "A code suggestion through GitLab"), secGitLabToModel, Vantage::GitLab, Component::GitLab,
     gitlabApi, {}, list({"gitlab_license", "gitlab_features", "gitlab_user", "gitlab_gateway_url", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), false, runGitLabCodeSuggestions},
    {QStringLiteral("gitlab.gateway_probe"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab reaches the AI gateway"), secGitLabToGateway, Vantage::GitLab, Component::GitLab,
     gitlabApi, {}, list({"gitlab_gateway_url", "gitlab_to_gateway", "gateway"}), false, runGitLabGatewayProbe},
    {QStringLiteral("gitlab.model_connection"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab reaches the model through the gateway"), secGitLabToModel, Vantage::GitLab, Component::GitLab,
     gitlabApi, {}, list({"gitlab_gateway_url", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), true, runGitLabModelConnection},

    {QStringLiteral("gateway.reachable"), QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway answers"), secGatewayProcesses, Vantage::Desktop, Component::Gateway,
     {}, {}, list({"gateway"}), false, runGatewayReachable},
    {QStringLiteral("gateway.health"), QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway can process requests"), secGatewayProcesses, Vantage::Desktop, Component::Gateway,
     list({"gateway.reachable"}), {}, list({"gateway"}), false, runGatewayHealth},
    {QStringLiteral("gateway.auth_bypass"), QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway accepts requests without a GitLab token"), secGatewayEnv, Vantage::Desktop, Component::Gateway,
     list({"gateway.reachable"}), {}, list({"gateway", "gateway_auth"}), false, runGatewayAuthBypass},
    {QStringLiteral("gateway.model_request"), QT_TRANSLATE_NOOP("duo::Catalog", "AI gateway gets an answer from the model"), secGatewayToModel, Vantage::Desktop, Component::Gateway,
     list({"gateway.reachable"}), {}, list({"gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), false, runGatewayModelRequest},

    {QStringLiteral("model.endpoint_address"), QT_TRANSLATE_NOOP("duo::Catalog", "The gateway can reach the model's address"), secLocalhost, Vantage::Desktop, Component::Model,
     {}, list({"model.reachable", "gateway.model_request"}), list({"gateway_to_model"}), false, runModelEndpointAddress},
    {QStringLiteral("model.reachable"), QT_TRANSLATE_NOOP("duo::Catalog", "Model server answers"), secModelFromGateway, Vantage::Desktop, Component::Model,
     {}, {}, list({"model"}), false, runModelReachable},
    {QStringLiteral("model.server_type"), QT_TRANSLATE_NOOP("duo::Catalog", "Model server type"), secModelFromGateway, Vantage::Desktop, Component::Model,
     list({"model.reachable"}), {}, list({"model"}), false, runModelServerType},
    {QStringLiteral("model.endpoint_path"), QT_TRANSLATE_NOOP("duo::Catalog", "Endpoint path serves the OpenAI API"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.reachable"}), {}, list({"model"}), false, runModelEndpointPath},
    {QStringLiteral("model.auth"), QT_TRANSLATE_NOOP("duo::Catalog", "Model server accepts the API key"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.endpoint_path"}), {}, list({"model"}), false, runModelAuth},
    {QStringLiteral("model.listed"), QT_TRANSLATE_NOOP("duo::Catalog", "Model server serves this model"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.auth"}), {}, list({"model"}), false, runModelListed},
    {QStringLiteral("model.completion"), QT_TRANSLATE_NOOP("duo::Catalog", "Model generates an answer"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.listed"}), {}, list({"model"}), false, runModelCompletion},
    {QStringLiteral("model.context_length"), QT_TRANSLATE_NOOP("duo::Catalog", "Model's context window fits code generation"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.listed"}), {}, list({"model"}), false, runModelContextLength},
    {QStringLiteral("model.latency"), QT_TRANSLATE_NOOP("duo::Catalog", "Model writes code within GitLab's timeout"), secGatewayToModel, Vantage::Desktop, Component::Model,
     list({"model.completion"}), list({"gitlab.ai_gateway_url"}), list({"model"}), false, runModelLatency},

    {QStringLiteral("manual.expanded_ai_logging"), QT_TRANSLATE_NOOP("duo::Catalog", "Log GitLab's AI requests (expanded_ai_logging)"), secBeforeYouBegin, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab"}), false, runManualStep},
    {QStringLiteral("manual.rake_verify"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's verification task"), secScripts, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab_license", "gitlab_features", "gitlab_user", "gitlab_gateway_url", "gitlab", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), false, runManualStep},
    {QStringLiteral("manual.aigw_script"), QT_TRANSLATE_NOOP("duo::Catalog", "The gateway's troubleshooting script"), secScripts, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), false, runManualStep},
    {QStringLiteral("manual.gitlab_env"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's AI_GATEWAY_URL (Rails console)"), secGitLabEnv, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab_gateway_url"}), false, runManualStep},
    {QStringLiteral("manual.gitlab_http_gateway"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's HTTP request to the gateway (Rails console)"), secGitLabToGateway, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab_gateway_url", "gitlab_to_gateway", "gateway"}), false, runManualStep},
    {QStringLiteral("manual.console_model_request"), QT_TRANSLATE_NOOP("duo::Catalog", "GitLab's request to the model (Rails console)"), secGitLabToModel, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab_user", "gitlab_gateway_url", "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"}), false, runManualStep},
    {QStringLiteral("manual.user_access"), QT_TRANSLATE_NOOP("duo::Catalog", "User may access Code Suggestions (Rails console)"), secUserAccess, Vantage::Manual, Component::Manual,
     {}, {}, list({"gitlab_license", "gitlab_features", "gitlab_user"}), false, runManualStep},
    {QStringLiteral("manual.aigw_env"), QT_TRANSLATE_NOOP("duo::Catalog", "Gateway environment variables (container shell)"), secGatewayEnv, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway_auth", "gateway_config"}), false, runManualStep},
    {QStringLiteral("manual.aigw_health_inside"), QT_TRANSLATE_NOOP("duo::Catalog", "Gateway health from inside its container"), secGatewayProcesses, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway"}), false, runManualStep},
    {QStringLiteral("manual.aigw_model_request_inside"), QT_TRANSLATE_NOOP("duo::Catalog", "Model request from inside the gateway container"), secGatewayToModel, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway", "gateway_config", "gateway_to_model", "model"}), false, runManualStep},
    {QStringLiteral("manual.model_from_gateway"), QT_TRANSLATE_NOOP("duo::Catalog", "Model reachable from inside the gateway container"), secModelFromGateway, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway_to_model", "model"}), false, runManualStep},
    {QStringLiteral("manual.image_platform"), QT_TRANSLATE_NOOP("duo::Catalog", "Gateway image platform matches the host"), secPlatform, Vantage::Manual, Component::Manual,
     {}, {}, list({"gateway"}), false, runManualStep},
};
// clang-format on

const QStringList segments =
    list({"gitlab_license", "gitlab_features", "gitlab_user", "gitlab_gateway_url", "gitlab",
          "gitlab_to_gateway", "gateway", "gateway_auth", "gateway_config", "gateway_to_model", "model"});

struct ComponentName {
    Component component;
    const char* key;
    const char* title;
};
const ComponentName componentNames[] = {
    {Component::GitLab, "gitlab", QT_TRANSLATE_NOOP("duo::Catalog", "GitLab")},
    {Component::Gateway, "gateway", QT_TRANSLATE_NOOP("duo::Catalog", "AI Gateway")},
    {Component::Model, "model", QT_TRANSLATE_NOOP("duo::Catalog", "Model")},
    {Component::Manual, "manual", QT_TRANSLATE_NOOP("duo::Catalog", "Manual steps")},
};

} // namespace

QString troubleshootingPageUrl() {
    return QStringLiteral("https://docs.gitlab.com/administration/gitlab_duo_self_hosted/troubleshooting/");
}

QString sectionUrl(const QString& section) {
    // GitLab's docs derive anchors from headings: lower case, punctuation dropped, spaces to hyphens.
    if (section == QLatin1String(secBeforeYouBegin))
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
    return catalog;
}

const CheckDefinition* findCheck(const QString& id) {
    const int index = catalogIndex(id);
    return index < 0 ? nullptr : &catalog.at(index);
}

int catalogIndex(const QString& id) {
    static const QHash<QString, int> indexes = [] {
        QHash<QString, int> byId;
        for (int i = 0; i < catalog.size(); ++i)
            byId.insert(catalog.at(i).id, i);
        return byId;
    }();
    return indexes.value(id, -1);
}

const QList<int>& prerequisiteIndexes(int index) {
    static const QList<QList<int>> prerequisites = [] {
        QList<QList<int>> all;
        for (const CheckDefinition& definition : catalog) {
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
