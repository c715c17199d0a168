#include "simstack.h"

#include "fakegateway.h"
#include "fakegitlab.h"
#include "fakemodelserver.h"
#include "scenarios.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>

namespace duo::sim {

namespace {

QString randomText(int length) {
    static const char alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString text;
    for (int i = 0; i < length; ++i)
        text += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return text;
}

// A port where nothing listens: bound once, then released.
quint16 closedPort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QUrl local(quint16 port) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

const QString modelHost = QStringLiteral("model.sim.test");
const QString firewalledHost = QStringLiteral("llm.internal.test");

QString servedIdFor(ModelServerKind kind) {
    switch (kind) {
    case ModelServerKind::Vllm:
        return QStringLiteral("mistralai/Mistral-7B-Instruct-v0.3");
    case ModelServerKind::Ollama:
        return QStringLiteral("mistral:latest");
    case ModelServerKind::LiteLlm:
        return QStringLiteral("mistral");
    }
    return {};
}

} // namespace

QJsonObject SimInputs::toJson() const {
    return {{QStringLiteral("scenario"), scenario},
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
}

SimStack::SimStack(QObject* parent)
    : QObject(parent) {}

SimStack::~SimStack() {
    stop();
}

QList<ScenarioInfo> SimStack::scenarios() {
    QList<ScenarioInfo> list;
    for (const Scenario& scenario : scenarioTable())
        list.append({QString::fromLatin1(scenario.id), QString::fromUtf8(scenario.description)});
    return list;
}

void SimStack::stop() {
    qDeleteAll(m_servers);
    m_servers.clear();
    m_http.clear();
}

void SimStack::setLatencyMs(int ms) {
    for (HttpServer* server : std::as_const(m_http))
        server->setLatencyMs(ms);
}

void SimStack::setRequestLogFile(const QString& path) {
    m_log = std::make_unique<QFile>(path);
    if (!m_log->open(QIODevice::WriteOnly | QIODevice::Truncate))
        m_log.reset();
}

void SimStack::watch(HttpServer& server, const QString& name) {
    m_http.append(&server);
    connect(&server, &HttpServer::requestReceived, this, [this, name](const SimRequest& request) {
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
        m_log->write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        m_log->flush();
    });
}

bool SimStack::start(const QString& id, QString* error) {
    stop();
    const Scenario* scenario = findScenario(id);
    if (!scenario) {
        QStringList names;
        for (const Scenario& row : scenarioTable())
            names.append(QString::fromLatin1(row.id));
        if (error)
            *error = QStringLiteral("unknown scenario \"%1\"; choose one of: %2")
                         .arg(id, names.join(QStringLiteral(", ")));
        return false;
    }
    SimInputs inputs;
    inputs.scenario = id;
    inputs.gitlabToken = QStringLiteral("glpat-") + randomText(20);
    inputs.modelKey = QStringLiteral("sk-sim-") + randomText(24);
    inputs.modelName = QStringLiteral("mistral");
    inputs.inferenceTimeoutSeconds = scenario->inferenceTimeoutSeconds;
    const QString storedKey = QStringLiteral("gitlab-stored-") + randomText(20);

    // Model server.
    ModelServerSettings modelSettings;
    modelSettings.kind = scenario->server;
    const QString served = servedIdFor(scenario->server);
    modelSettings.served = {served};
    if (scenario->hostileText)
        modelSettings.served.append(
            {QStringLiteral("<script>alert('served')</script>"),
             QStringLiteral("</td><img src=x onerror=alert(1)>|**bold**|[link](http://127.0.0.1:1/)")});
    if (scenario->modelNeedsKey)
        modelSettings.apiKeys = {scenario->modelRejectsAdminKey ? QStringLiteral("sk-sim-") + randomText(24)
                                                                : inputs.modelKey,
                                 storedKey};
    modelSettings.completionDelayMs = scenario->completionDelayMs;
    quint16 modelPort = closedPort();
    if (!scenario->modelDown) {
        auto* model = new FakeModelServer(modelSettings);
        m_servers.append(model);
        if (!model->http().listen()) {
            if (error)
                *error = QStringLiteral("cannot listen on 127.0.0.1");
            return false;
        }
        modelPort = model->http().port();
        watch(model->http(), QStringLiteral("model"));
    }
    const QString host = scenario->endpoint == EndpointForm::Loopback     ? QStringLiteral("127.0.0.1")
                         : scenario->endpoint == EndpointForm::Firewalled ? firewalledHost
                                                                          : modelHost;
    const bool withV1 =
        scenario->endpoint != EndpointForm::WithoutV1 && scenario->server != ModelServerKind::LiteLlm;
    inputs.modelEndpoint = QUrl(QStringLiteral("http://%1:%2%3")
                                    .arg(host)
                                    .arg(modelPort)
                                    .arg(withV1 ? QStringLiteral("/v1") : QString()));
    if (host != QLatin1String("127.0.0.1"))
        inputs.resolve.append(QStringLiteral("%1:%2:127.0.0.1").arg(host).arg(modelPort));
    switch (scenario->identifier) {
    case IdentifierForm::Served:
        inputs.modelIdentifier = QStringLiteral("custom_openai/") + served;
        break;
    case IdentifierForm::NotServed:
        inputs.modelIdentifier = scenario->server == ModelServerKind::LiteLlm
                                     ? QStringLiteral("custom_openai/mistral-large")
                                     : QStringLiteral("custom_openai/mistralai/Mixtral-8x7B-Instruct-v0.1");
        break;
    case IdentifierForm::WithoutPrefix:
        inputs.modelIdentifier = served;
        break;
    }
    inputs.deploymentName = QStringLiteral("mistral-self-hosted");

    // Gateway.
    GatewaySettings gatewaySettings;
    gatewaySettings.healthy = !scenario->gatewayUnhealthy;
    gatewaySettings.authBypass = scenario->authBypass;
    gatewaySettings.customModels = scenario->customModels;
    gatewaySettings.rejectsGitLab = scenario->rejectsGitLab;
    gatewaySettings.blackHole = scenario->gatewayBlackHole;
    gatewaySettings.resolve.insert(modelHost, QStringLiteral("127.0.0.1"));
    if (scenario->endpoint == EndpointForm::Firewalled)
        gatewaySettings.firewalledHosts.insert(firewalledHost);
    quint16 gatewayPort = closedPort();
    if (!scenario->gatewayDown) {
        auto* gateway = new FakeGateway(gatewaySettings);
        m_servers.append(gateway);
        if (!gateway->http().listen())
            return false;
        gatewayPort = gateway->http().port();
        watch(gateway->http(), QStringLiteral("gateway"));
    }
    inputs.gatewayUrl = local(gatewayPort);

    // GitLab.
    GitLabSettings gitlabSettings;
    gitlabSettings.version = scenario->enterprise ? QStringLiteral("17.6.0-ee") : QStringLiteral("17.6.0");
    gitlabSettings.enterprise = scenario->enterprise;
    gitlabSettings.token = inputs.gitlabToken;
    gitlabSettings.tokenRevoked = scenario->tokenRevoked;
    gitlabSettings.username = scenario->admin ? QStringLiteral("root") : QStringLiteral("alice");
    gitlabSettings.admin = scenario->admin;
    gitlabSettings.duoAccess = scenario->duoAccess;
    gitlabSettings.licenseExpired = scenario->licenseExpired;
    gitlabSettings.featureProvider =
        scenario->featuresVendored ? QStringLiteral("vendored") : QStringLiteral("self_hosted");
    gitlabSettings.aiGatewayUrl = scenario->gatewayUrlElsewhere ? local(closedPort()) : inputs.gatewayUrl;
    gitlabSettings.blocksLocalRequests = scenario->blocksLocalRequests;
    gitlabSettings.model = {inputs.deploymentName, QStringLiteral("MISTRAL"), inputs.modelEndpoint.toString(),
                            inputs.modelIdentifier, storedKey};
    quint16 gitlabPort = closedPort();
    if (!scenario->gitlabDown) {
        auto* gitlab = new FakeGitLab(gitlabSettings);
        m_servers.append(gitlab);
        if (!gitlab->http().listen())
            return false;
        gitlabPort = gitlab->http().port();
        watch(gitlab->http(), QStringLiteral("gitlab"));
    }
    inputs.gitlabUrl = local(gitlabPort);
    m_inputs = inputs;
    return true;
}

} // namespace duo::sim
