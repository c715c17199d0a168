#include "sim/simstack.h"

#include "sim/fakeagentplatform.h"
#include "sim/fakeazure.h"
#include "sim/fakegateway.h"
#include "sim/fakegitlab.h"
#include "sim/fakemodelserver.h"
#include "sim/httpserver.h"
#include "sim/scenarios.h"
#include "sim/simjson.h"
#include "sim/simlog.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QUuid>

namespace duo::sim {

namespace {

QString randomText(int length) {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return text;
}

// A port where nothing listens: bound once, then released.
quint16 closedPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 9; // discard: nothing listens there on a test machine either
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QUrl local(quint16 port) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

const QString modelHost = QStringLiteral("model.sim.test");         // the gateway's DNS and --resolve know it
const QString firewalledHost = QStringLiteral("llm.internal.test"); // the desktop reaches it, the gateway not

// The secrets of one start, random each time.
struct Secrets {
    QString gitlabToken = QStringLiteral("glpat-") + randomText(20);
    QString modelKey = QStringLiteral("sk-sim-") + randomText(24);
    // GitLab keeps its own key for the model: never the one the admin types into Duo Doctor.
    QString storedKey = QStringLiteral("gitlab-stored-") + randomText(24);
    // What GitLab's requests to the gateway carry as Bearer.
    QString signedToken = QStringLiteral("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.") + randomText(40) +
                          QLatin1Char('.') + randomText(43);
};

QString unknownScenario(const QString& id) {
    QStringList names;
    for (const Scenario& row : scenarioTable())
        names.append(QString::fromLatin1(row.id));
    return QStringLiteral("unknown scenario \"%1\"; choose one of: %2")
        .arg(id, names.join(QStringLiteral(", ")));
}

ModelServerSettings modelSettingsFor(const Scenario& scenario, const Secrets& secrets) {
    ModelServerSettings settings;
    settings.kind = scenario.server;
    settings.served = {QString::fromLatin1(serverProfile(scenario.server).servedId)};
    if (scenario.hostileText) // markup next to the real id; the identifier names neither
        settings.served.append(
            {QStringLiteral("<script>alert('served')</script>"),
             QStringLiteral("</td><img src=x onerror=alert(1)>|**bold**|[link](http://127.0.0.1:1/)")});
    if (scenario.modelNeedsKey)
        settings.apiKeys = {scenario.modelRejectsAdminKey ? QStringLiteral("sk-sim-") + randomText(24)
                                                          : secrets.modelKey,
                            secrets.storedKey};
    settings.completionDelayMs = scenario.completionDelayMs;
    settings.quirk = scenario.modelQuirk;
    return settings;
}

// The api-versions the simulated Azure resource serves, and the retired one a scenario asks for instead.
const QStringList azureApiVersions{QStringLiteral("2024-06-01"), QStringLiteral("2024-10-21"),
                                   QStringLiteral("2025-01-01-preview")};
const QString retiredAzureApiVersion = QStringLiteral("2023-03-15-preview");
const QString azureDeployment = QStringLiteral("duo-gpt-4o");

AzureSettings azureSettingsFor(AzureAnswer answer, const Secrets& secrets) {
    return {.deployments = {azureDeployment},
            .model = QStringLiteral("gpt-4o-2024-08-06"),
            .apiKeys = answer == AzureAnswer::KeyRejected ? QStringList{randomText(32)}
                                                          // the resource's real keys: nobody typed them
                                                          : QStringList{secrets.modelKey, secrets.storedKey},
            .apiVersions = azureApiVersions};
}

// Azure: the resource URL (LiteLLM appends /openai/deployments/…), the deployment's name or the model's.
void setAzureInputs(SimInputs& inputs, AzureAnswer answer, quint16 port) {
    inputs.modelEndpoint = QUrl(QStringLiteral("http://%1:%2").arg(modelHost).arg(port));
    inputs.resolve.append(QStringLiteral("%1:%2:127.0.0.1").arg(modelHost).arg(port));
    inputs.modelIdentifier =
        QStringLiteral("azure/") +
        (answer == AzureAnswer::DeploymentNotFound ? QStringLiteral("gpt-4o") : azureDeployment);
    if (answer == AzureAnswer::ApiVersionUnsupported)
        inputs.azureApiVersion = retiredAzureApiVersion;
    inputs.deploymentName = QStringLiteral("gpt-4o-azure"); // GitLab's name for the self-hosted model
}

// An OpenAI-compatible model server, or an Azure OpenAI resource.
FakeServer* modelServerFor(const Scenario& scenario, const Secrets& secrets, QObject* parent) {
    if (scenario.azure)
        return new FakeAzureOpenAI(azureSettingsFor(*scenario.azure, secrets), parent);
    return new FakeModelServer(modelSettingsFor(scenario, secrets), parent);
}

// The model's endpoint, identifier and --resolve entry as the admin would type them, the server at port.
void setModelInputs(SimInputs& inputs, const Scenario& scenario, quint16 port) {
    if (scenario.azure)
        return setAzureInputs(inputs, *scenario.azure, port);
    if (scenario.bedrock) { // no endpoint: the gateway calls AWS; a model without on-demand throughput
        inputs.modelIdentifier = *scenario.bedrock == BedrockAnswer::OnDemand
                                     ? QStringLiteral("bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0")
                                     : QStringLiteral("bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0");
        return;
    }
    const ServerProfile& profile = serverProfile(scenario.server);
    const QString served = QString::fromLatin1(profile.servedId);
    const QString host = scenario.endpoint == EndpointForm::Loopback     ? QStringLiteral("127.0.0.1")
                         : scenario.endpoint == EndpointForm::Firewalled ? firewalledHost
                                                                         : modelHost;
    const bool withV1 = scenario.endpoint != EndpointForm::WithoutV1;
    inputs.modelEndpoint = QUrl(
        QStringLiteral("http://%1:%2%3").arg(host).arg(port).arg(withV1 ? QStringLiteral("/v1") : QString()));
    const QString desktopAddress = scenario.endpoint == EndpointForm::GatewayNetworkOnly
                                       ? QStringLiteral("[::1]")
                                       : QStringLiteral("127.0.0.1");
    if (host != QLatin1String("127.0.0.1"))
        inputs.resolve.append(QStringLiteral("%1:%2:%3").arg(host).arg(port).arg(desktopAddress));
    switch (scenario.identifier) {
    case IdentifierForm::Served:
        inputs.modelIdentifier = QStringLiteral("custom_openai/") + served;
        break;
    case IdentifierForm::NotServed:
        inputs.modelIdentifier = QStringLiteral("custom_openai/") + QString::fromLatin1(profile.notServedId);
        break;
    case IdentifierForm::WithoutPrefix:
        inputs.modelIdentifier = served;
        break;
    }
}

// The gateway runs in a container whose DNS knows model.sim.test, behind a firewall for llm.internal.test.
GatewaySettings gatewaySettingsFor(const Scenario& scenario, const Secrets& secrets) {
    GatewaySettings settings;
    settings.healthy = !scenario.gatewayUnhealthy;
    settings.authBypass = scenario.authBypass;
    settings.customModels = scenario.customModels;
    settings.rejectsGitLab = scenario.rejectsGitLab;
    settings.blackHole = scenario.gatewayBlackHole;
    settings.bedrock = scenario.bedrock.value_or(BedrockAnswer::Works);
    if (scenario.azure == AzureAnswer::ApiVersionUnsupported) // AZURE_API_VERSION as the admin set it
        settings.azureApiVersion = retiredAzureApiVersion;
    settings.inContainer = true;
    settings.resolve.insert(modelHost, QStringLiteral("127.0.0.1"));
    settings.firewalledHosts.insert(firewalledHost);
    settings.gitlabSignedToken = secrets.signedToken;
    return settings;
}

QString gitlabVersion(const Scenario& scenario) {
    if (scenario.gitlabVersion)
        return QString::fromLatin1(scenario.gitlabVersion);
    if (scenario.agentPlatform)
        return QStringLiteral("19.2.0-ee");
    return scenario.enterprise ? QStringLiteral("17.6.0-ee") : QStringLiteral("17.6.0");
}

// An Agent Platform GitLab's runners: an untagged shell runner for builds, and what the scenario says is
// tagged gitlab--duo.
QList<SimRunner> runnersFor(const Scenario& scenario) {
    QList<SimRunner> runners{{.description = QStringLiteral("build-shell"),
                              .executor = QStringLiteral("shell"),
                              .tags = {QStringLiteral("build")}}};
    const QStringList duo{QStringLiteral("gitlab--duo"), QStringLiteral("docker")};
    switch (scenario.duoRunner) {
    case DuoRunner::Docker:
        runners.append({.description = QStringLiteral("duo-docker"), .tags = duo});
        break;
    case DuoRunner::Offline:
        runners.append(
            {.description = QStringLiteral("duo-docker"), .status = QStringLiteral("OFFLINE"), .tags = duo});
        break;
    case DuoRunner::ShellOnly:
        runners.append({.description = QStringLiteral("duo-shell"),
                        .executor = QStringLiteral("shell"),
                        .tags = {QStringLiteral("gitlab--duo")}});
        break;
    case DuoRunner::Missing:
        break;
    }
    return runners;
}

// What GitLab stores as the service's address, and how it would connect.
AgentPlatformGitLab agentPlatformGitLab(const Scenario& scenario, const SimInputs& inputs,
                                        const QByteArray& certificate) {
    if (!scenario.agentPlatform)
        return {};
    AgentPlatformGitLab settings;
    switch (scenario.gitlabServiceAddress) {
    case ServiceAddress::AsListening:
        settings.serviceUrl = inputs.agentPlatformAddress;
        break;
    case ServiceAddress::GatewayHttpPort:
        settings.serviceUrl = QStringLiteral("127.0.0.1:%1").arg(inputs.gatewayUrl.port());
        break;
    case ServiceAddress::WithScheme:
        settings.serviceUrl = QStringLiteral("http://") + inputs.agentPlatformAddress;
        break;
    }
    settings.serviceSecure = scenario.gitlabServiceTls;
    settings.trustedPem = certificate;
    settings.runners = runnersFor(scenario);
    settings.featuresWithoutModel = scenario.agentFeaturesWithoutModel;
    settings.proxyStripsUpgrade = scenario.websocketUpgradeStripped;
    return settings;
}

GitLabSettings gitlabSettingsFor(const Scenario& scenario, const SimInputs& inputs, const Secrets& secrets) {
    GitLabSettings settings;
    settings.version = gitlabVersion(scenario);
    settings.enterprise = scenario.enterprise;
    settings.token = inputs.gitlabToken;
    settings.tokenRevoked = scenario.tokenRevoked;
    settings.username = scenario.admin ? QStringLiteral("root") : QStringLiteral("alice");
    settings.admin = scenario.admin;
    settings.duoAccess = scenario.duoAccess;
    settings.licenseExpired = scenario.licenseExpired;
    settings.featureProvider =
        scenario.featuresVendored ? QStringLiteral("vendored") : QStringLiteral("self_hosted");
    settings.aiGatewayUrl = scenario.gatewayUrlElsewhere ? local(closedPort()) : inputs.gatewayUrl;
    settings.blocksLocalRequests = scenario.blocksLocalRequests;
    settings.signedToken = secrets.signedToken;
    settings.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    settings.model = {inputs.deploymentName, QStringLiteral("MISTRAL"), inputs.modelEndpoint.toString(),
                      inputs.modelIdentifier, secrets.storedKey};
    if (scenario.gitlabListsUnsafeModel) {
        QUrl unsafe = inputs.modelEndpoint;
        unsafe.setUserInfo(QStringLiteral("bob:sim-url-password-") + randomText(12));
        settings.otherModels.append({QStringLiteral("lab\x1b[31m-red"),
                                     QStringLiteral("MISTRAL"),
                                     unsafe.toString(),
                                     inputs.modelIdentifier,
                                     {}});
    }
    return settings;
}

} // namespace

QJsonObject SimInputs::toJson() const {
    QJsonObject json{{QStringLiteral("scenario"), scenario},
                     {QStringLiteral("gitlab_url"), gitlabUrl.toString()},
                     {QStringLiteral("gitlab_token"), gitlabToken},
                     {QStringLiteral("gateway_url"), gatewayUrl.toString()},
                     {QStringLiteral("model_name"), modelName},
                     {QStringLiteral("model_endpoint"), modelEndpoint.toString()},
                     {QStringLiteral("model_identifier"), modelIdentifier},
                     {QStringLiteral("deployment_name"), deploymentName},
                     {QStringLiteral("model_key"), modelKey},
                     {QStringLiteral("resolve"), QJsonArray::fromStringList(resolve)},
                     {QStringLiteral("inference_timeout"), inferenceTimeoutSeconds}};
    if (!azureApiVersion.isEmpty())
        json.insert(QStringLiteral("azure_api_version"), azureApiVersion);
    if (!agentPlatformAddress.isEmpty())
        json.insert(QStringLiteral("agent_platform"), agentPlatformAddress);
    if (!agentPlatformCaFile.isEmpty())
        json.insert(QStringLiteral("agent_platform_ca_file"), agentPlatformCaFile);
    return json;
}

SimStack::SimStack(QObject* parent)
    : QObject(parent) {}

SimStack::~SimStack() {
    stop();
}

QList<ScenarioInfo> SimStack::allScenarios() {
    QList<ScenarioInfo> list;
    for (const Scenario& scenario : scenarioTable())
        list.append(
            {QString::fromLatin1(scenario.id), QString::fromUtf8(scenario.description), scenario.preview});
    return list;
}

QList<ScenarioInfo> SimStack::scenarios() {
    QList<ScenarioInfo> list = allScenarios();
    list.removeIf([](const ScenarioInfo& scenario) { return scenario.preview; });
    return list;
}

void SimStack::stop() {
    qDeleteAll(m_servers);
    m_servers.clear();
    m_http.clear();
}

void SimStack::setLatencyMs(int ms) {
    m_latencyMs = ms;
    for (HttpServer* server : std::as_const(m_http))
        server->setLatencyMs(ms);
}

void SimStack::setRequestLogFile(const QString& path) {
    m_log = std::make_unique<QFile>(path);
    if (!m_log->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qCWarning(lcSim).noquote() << "cannot write the request log" << path << m_log->errorString();
        m_log.reset();
    }
}

void SimStack::watch(HttpServer& server, const QString& name) {
    m_http.append(&server);
    connect(&server, &HttpServer::requestReceived, this, [this, name](const HttpRequest& request) {
        if (!m_log)
            return;
        QJsonObject headers;
        for (auto it = request.headers.cbegin(); it != request.headers.cend(); ++it)
            headers.insert(QString::fromLatin1(it.key()), QString::fromUtf8(it.value()));
        const QJsonObject line{
            {QStringLiteral("server"), name},
            {QStringLiteral("method"), QString::fromLatin1(request.method)},
            {QStringLiteral("path"),
             QString::fromUtf8(request.path +
                               (request.query.isEmpty() ? QByteArray() : "?" + request.query))},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body"), QString::fromUtf8(request.body)}};
        m_log->write(compact(line) + '\n');
        m_log->flush();
    });
}

quint16 SimStack::serve(FakeServer* server, const QString& name) {
    m_servers.append(server);
    if (!server->http().listen())
        return 0;
    watch(server->http(), name);
    return server->http().port();
}

bool SimStack::fail(const QString& text, QString* error) {
    if (error)
        *error = text;
    stop();
    return false;
}

bool SimStack::serveAgentPlatform(const Scenario& scenario, SimInputs& inputs, QByteArray& certificate,
                                  QString* error) {
    if (!scenario.agentPlatform)
        return true;
    if (scenario.serviceTransport == ServiceTransport::Down) {
        inputs.agentPlatformAddress = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        return true;
    }
    const bool tls = scenario.serviceTransport == ServiceTransport::Tls;
    auto* service = new FakeAgentPlatform({.tls = tls, .health = scenario.serviceHealth}, this);
    m_servers.append(service);
    QString why;
    if (!service->listen(&why))
        return fail(QStringLiteral("Agent Platform service: %1").arg(why), error);
    inputs.agentPlatformAddress = QStringLiteral("127.0.0.1:%1").arg(service->port());
    inputs.agentPlatformCaFile = service->certificateFile();
    certificate = service->certificatePem();
    return true;
}

bool SimStack::start(const QString& id, QString* error) {
    stop();
    const Scenario* scenario = findScenario(id);
    if (!scenario)
        return fail(unknownScenario(id), error);
    const Secrets secrets;
    SimInputs inputs;
    inputs.scenario = id;
    inputs.gitlabToken = secrets.gitlabToken;
    inputs.modelKey = secrets.modelKey;
    inputs.modelName = QStringLiteral("mistral");
    inputs.deploymentName = QString::fromLatin1(serverProfile(scenario->server).deploymentName);
    inputs.inferenceTimeoutSeconds = scenario->inferenceTimeoutSeconds;

    const quint16 modelPort = scenario->modelDown
                                  ? closedPort()
                                  : serve(modelServerFor(*scenario, secrets, this), QStringLiteral("model"));
    if (modelPort == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1 for the model server"), error);
    setModelInputs(inputs, *scenario, modelPort);

    const quint16 gatewayPort =
        scenario->gatewayDown
            ? closedPort()
            : serve(new FakeGateway(gatewaySettingsFor(*scenario, secrets), this), QStringLiteral("gateway"));
    if (gatewayPort == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1 for the AI gateway"), error);
    inputs.gatewayUrl = local(gatewayPort);
    QByteArray certificate;
    if (!serveAgentPlatform(*scenario, inputs, certificate, error))
        return false;

    GitLabSettings gitlab = gitlabSettingsFor(*scenario, inputs, secrets);
    gitlab.agentPlatform = agentPlatformGitLab(*scenario, inputs, certificate);
    const quint16 gitlabPort =
        scenario->gitlabDown ? closedPort() : serve(new FakeGitLab(gitlab, this), QStringLiteral("gitlab"));
    if (gitlabPort == 0)
        return fail(QStringLiteral("cannot listen on 127.0.0.1 for GitLab"), error);
    inputs.gitlabUrl = local(gitlabPort);

    setLatencyMs(m_latencyMs);
    m_inputs = inputs;
    qCDebug(lcSim).noquote() << "scenario" << id << "GitLab" << inputs.gitlabUrl.toString() << "gateway"
                             << inputs.gatewayUrl.toString() << "model" << inputs.modelEndpoint.toString();
    return true;
}

} // namespace duo::sim
