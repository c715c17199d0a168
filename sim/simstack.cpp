#include "sim/simstack.h"

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

bool SimStack::start(const QString& id, QString* error) {
    stop();
    auto fail = [this, error](const QString& text) {
        if (error)
            *error = text;
        stop();
        return false;
    };
    const Scenario* scenario = findScenario(id);
    if (!scenario) {
        QStringList names;
        for (const Scenario& row : scenarioTable())
            names.append(QString::fromLatin1(row.id));
        return fail(QStringLiteral("unknown scenario \"%1\"; choose one of: %2")
                        .arg(id, names.join(QStringLiteral(", "))));
    }
    const ServerProfile& profile = serverProfile(scenario->server);
    const QString served = QString::fromLatin1(profile.servedId);
    SimInputs inputs;
    inputs.scenario = id;
    inputs.gitlabToken = QStringLiteral("glpat-") + randomText(20);
    inputs.modelKey = QStringLiteral("sk-sim-") + randomText(24);
    inputs.modelName = QStringLiteral("mistral");
    inputs.deploymentName = QString::fromLatin1(profile.deploymentName);
    inputs.inferenceTimeoutSeconds = scenario->inferenceTimeoutSeconds;
    // GitLab keeps its own key for the model: never the one the admin types into Duo Doctor.
    const QString storedKey = QStringLiteral("gitlab-stored-") + randomText(24);
    const QString signedToken = QStringLiteral("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.") + randomText(40) +
                                QLatin1Char('.') + randomText(43);

    // Model server.
    ModelServerSettings modelSettings;
    modelSettings.kind = scenario->server;
    modelSettings.served = {served};
    if (scenario->hostileText) // markup next to the real id; the identifier names neither
        modelSettings.served.append(
            {QStringLiteral("<script>alert('served')</script>"),
             QStringLiteral("</td><img src=x onerror=alert(1)>|**bold**|[link](http://127.0.0.1:1/)")});
    if (scenario->modelNeedsKey)
        modelSettings.apiKeys = {scenario->modelRejectsAdminKey ? QStringLiteral("sk-sim-") + randomText(24)
                                                                : inputs.modelKey,
                                 storedKey};
    modelSettings.completionDelayMs = scenario->completionDelayMs;
    quint16 modelPort = 0;
    if (scenario->modelDown) {
        modelPort = closedPort();
    } else {
        auto* model = new FakeModelServer(modelSettings, this);
        m_servers.append(model);
        if (!model->http().listen())
            return fail(QStringLiteral("cannot listen on 127.0.0.1 for the model server"));
        modelPort = model->http().port();
        watch(model->http(), QStringLiteral("model"));
    }
    const QString host = scenario->endpoint == EndpointForm::Loopback     ? QStringLiteral("127.0.0.1")
                         : scenario->endpoint == EndpointForm::Firewalled ? firewalledHost
                                                                          : modelHost;
    const bool withV1 = scenario->endpoint != EndpointForm::WithoutV1;
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
        inputs.modelIdentifier = QStringLiteral("custom_openai/") + QString::fromLatin1(profile.notServedId);
        break;
    case IdentifierForm::WithoutPrefix:
        inputs.modelIdentifier = served;
        break;
    }

    // Gateway: in a container whose DNS knows model.sim.test, behind a firewall for llm.internal.test.
    GatewaySettings gatewaySettings;
    gatewaySettings.healthy = !scenario->gatewayUnhealthy;
    gatewaySettings.authBypass = scenario->authBypass;
    gatewaySettings.customModels = scenario->customModels;
    gatewaySettings.rejectsGitLab = scenario->rejectsGitLab;
    gatewaySettings.blackHole = scenario->gatewayBlackHole;
    gatewaySettings.inContainer = true;
    gatewaySettings.resolve.insert(modelHost, QStringLiteral("127.0.0.1"));
    gatewaySettings.firewalledHosts.insert(firewalledHost);
    gatewaySettings.gitlabSignedToken = signedToken;
    quint16 gatewayPort = 0;
    if (scenario->gatewayDown) {
        gatewayPort = closedPort();
    } else {
        auto* gateway = new FakeGateway(gatewaySettings, this);
        m_servers.append(gateway);
        if (!gateway->http().listen())
            return fail(QStringLiteral("cannot listen on 127.0.0.1 for the AI gateway"));
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
    gitlabSettings.signedToken = signedToken;
    gitlabSettings.instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    gitlabSettings.model = {inputs.deploymentName, QStringLiteral("MISTRAL"), inputs.modelEndpoint.toString(),
                            inputs.modelIdentifier, storedKey};
    if (scenario->gitlabListsUnsafeModel) {
        QUrl unsafe = inputs.modelEndpoint;
        unsafe.setUserInfo(QStringLiteral("bob:sim-url-password-") + randomText(12));
        gitlabSettings.otherModels.append({QStringLiteral("lab\x1b[31m-red"),
                                           QStringLiteral("MISTRAL"),
                                           unsafe.toString(),
                                           inputs.modelIdentifier,
                                           {}});
    }
    quint16 gitlabPort = 0;
    if (scenario->gitlabDown) {
        gitlabPort = closedPort();
    } else {
        auto* gitlab = new FakeGitLab(gitlabSettings, this);
        m_servers.append(gitlab);
        if (!gitlab->http().listen())
            return fail(QStringLiteral("cannot listen on 127.0.0.1 for GitLab"));
        gitlabPort = gitlab->http().port();
        watch(gitlab->http(), QStringLiteral("gitlab"));
    }
    inputs.gitlabUrl = local(gitlabPort);
    setLatencyMs(m_latencyMs);
    m_inputs = inputs;
    qCDebug(lcSim).noquote() << "scenario" << id << "GitLab" << inputs.gitlabUrl.toString() << "gateway"
                             << inputs.gatewayUrl.toString() << "model" << inputs.modelEndpoint.toString();
    return true;
}

} // namespace duo::sim
