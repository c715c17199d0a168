// Today's GitLab in the simulated stack: the Agent Platform service speaks real gRPC over HTTP/2 (plain or
// TLS), GitLab 18.x/19.x answers its settings, runners, feature routing, its own probe and the WebSocket
// upgrade, and a 17.x GitLab answers none of it. Real sockets throughout.
#include "sim/fakegitlab.h"
#include "sim/simstack.h"
#include "tests/sim/simclient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QNetworkProxy>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

using namespace duo::sim;

namespace {

const QByteArray emptyHealthRequest(5, '\0');
const QByteArray serving = QByteArray::fromHex("00000000020801");
const QByteArray notServing = QByteArray::fromHex("00000000020802");
const QByteArray sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="; // RFC 6455's example: its accept value is known
const QByteArray sampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

// A unary gRPC call over cleartext HTTP/2 with prior knowledge, or over TLS (ALPN h2) trusting caFile.
Answer grpcCall(QNetworkAccessManager& network, const QString& address, const QByteArray& method,
                const QString& caFile = {}) {
    const bool tls = !caFile.isEmpty();
    QNetworkRequest request(QUrl(QStringLiteral("%1://%2%3").arg(tls ? "https" : "http", address, method)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/grpc"));
    request.setRawHeader("te", "trailers");
    if (tls) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(caFile);
        request.setSslConfiguration(configuration);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    } else {
        request.setAttribute(QNetworkRequest::Http2DirectAttribute, true);
    }
    return send(network, request, "POST", emptyHealthRequest, 5000);
}

// Whatever a raw connection receives after sending bytes (none: only listen), until enough or closed.
QByteArray rawRead(const QString& address, const QByteArray& bytes,
                   const std::function<bool(const QByteArray&)>& enough, bool* closed = nullptr) {
    const qsizetype colon = address.lastIndexOf(':');
    QTcpSocket socket;
    socket.connectToHost(address.left(colon), static_cast<quint16>(address.mid(colon + 1).toUInt()));
    if (!QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    if (!bytes.isEmpty())
        socket.write(bytes);
    QByteArray received;
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return enough(received) || socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    if (closed)
        *closed =
            QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::UnconnectedState; }, 2000);
    return received + socket.readAll();
}

QString gitlabAddress(const SimInputs& inputs) {
    return QStringLiteral("127.0.0.1:%1").arg(inputs.gitlabUrl.port());
}

// A WebSocket handshake as an IDE sends it, with extra header lines.
QByteArray handshake(const QByteArray& extra, const QByteArray& key = sampleKey) {
    return "GET /api/v4/ai/duo_workflows/ws HTTP/1.1\r\nHost: gitlab.sim.test\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Key: " +
           key + "\r\nSec-WebSocket-Version: 13\r\nOrigin: http://gitlab.sim.test\r\n" + extra + "\r\n";
}

QByteArray tokenHeader(const SimInputs& inputs) {
    return "PRIVATE-TOKEN: " + inputs.gitlabToken.toUtf8() + "\r\n";
}

// A client's masked close frame with code 1000.
QByteArray maskedClose() {
    const QByteArray mask = QByteArray::fromHex("11223344");
    QByteArray payload = QByteArray::fromHex("03e8");
    for (int i = 0; i < payload.size(); ++i)
        payload[i] = static_cast<char>(payload.at(i) ^ mask.at(i % 4));
    return QByteArray::fromHex("8882") + mask + payload;
}

bool headEnds(const QByteArray& received) {
    return received.contains("\r\n\r\n");
}

} // namespace

class TestSimAgentPlatform : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_network;

    SimInputs started(SimStack& stack, const QString& scenario) {
        QString error;
        if (!stack.start(scenario, &error))
            qFatal("cannot start %s: %s", qPrintable(scenario), qPrintable(error));
        return stack.inputs();
    }

    const QJsonObject graphql(const SimInputs& inputs, const QString& query) {
        return request(m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"), graphqlBody(query),
                       gitlabAuth(inputs))
            .json();
    }

    QJsonObject agentPlatformProbe(const SimInputs& inputs) {
        const QJsonObject answer = graphql(
            inputs, "{ cloudConnectorStatus { success probeResults { name success message errors } } }");
        for (const QJsonValue& probe : answer["data"]["cloudConnectorStatus"]["probeResults"].toArray()) {
            if (probe["name"].toString() == "duo_agent_platform_probe")
                return probe.toObject();
        }
        return {};
    }

    QJsonArray duoRunners(const SimInputs& inputs) {
        return graphql(
                   inputs,
                   R"({ runners(tagList: ["gitlab--duo"]) { nodes { status paused executorName runnerType } } })")
            ["data"]["runners"]["nodes"]
                .toArray();
    }

private slots:
    void initTestCase() { m_network.setProxy(QNetworkProxy::NoProxy); }

    void previewsAreDocumentedStartableAndNotListed() {
        QFile file(QStringLiteral(DUO_SCENARIOS_MD));
        QVERIFY(file.open(QIODevice::ReadOnly));
        static const QRegularExpression row(R"(^\| `([a-z0-9-]+)` \(preview\) \|)",
                                            QRegularExpression::MultilineOption);
        QStringList documented;
        for (auto it = row.globalMatch(QString::fromUtf8(file.readAll())); it.hasNext();)
            documented.append(it.next().captured(1));
        QStringList previews;
        for (const ScenarioInfo& scenario : SimStack::allScenarios()) {
            if (scenario.preview)
                previews.append(scenario.id);
        }
        QCOMPARE(previews, documented);
        for (const ScenarioInfo& listed : SimStack::scenarios())
            QVERIFY2(!listed.preview && !previews.contains(listed.id), qPrintable(listed.id));
        QCOMPARE(SimStack::scenarios().size() + previews.size(), SimStack::allScenarios().size());
    }

    void previewsStartWithTheServiceAddress() {
        static const QRegularExpression hostPort("^127\\.0\\.0\\.1:[0-9]+$");
        for (const ScenarioInfo& scenario : SimStack::allScenarios()) {
            if (!scenario.preview)
                continue;
            SimStack stack;
            const SimInputs inputs = started(stack, scenario.id);
            const QJsonObject json = inputs.toJson();
            const bool service = scenario.id != "gitlab-17-agent-platform";
            QCOMPARE(json.contains("agent_platform"), service);
            if (service)
                QVERIFY2(hostPort.match(json["agent_platform"].toString()).hasMatch(),
                         qPrintable(scenario.id));
            QCOMPARE(json.contains("agent_platform_ca_file"), scenario.id == "agent-platform-tls-mismatch");
        }
        SimStack old;
        QVERIFY(!started(old, "healthy").toJson().contains("agent_platform"));
    }

    void programPrintsTheServiceAddress() {
        const QString binary =
            qEnvironmentVariable("DUO_SIM_BIN", QCoreApplication::applicationDirPath() + "/duo-doctor-sim");
        if (!QFile::exists(binary))
            QSKIP("duo-doctor-sim not built");
        QProcess sim;
        sim.start(binary, {"agent-platform-healthy", "--exit-after", "30"});
        QTRY_VERIFY_WITH_TIMEOUT(sim.canReadLine(), 10000);
        const QJsonObject inputs = QJsonDocument::fromJson(sim.readLine()).object();
        const Answer health =
            grpcCall(m_network, inputs["agent_platform"].toString(), "/grpc.health.v1.Health/Check");
        QCOMPARE(health.body, serving);
        QProcess list;
        list.start(binary, {"--list"});
        QVERIFY(list.waitForFinished(10000));
        // Out of preview once its checks exist: listed.
        QVERIFY(list.readAllStandardOutput().contains("agent-platform-healthy"));
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
    }

    void grpcHealthAnswers() {
        SimStack healthy;
        const SimInputs fine = started(healthy, "agent-platform-healthy");
        const Answer ok = grpcCall(m_network, fine.agentPlatformAddress, "/grpc.health.v1.Health/Check");
        QCOMPARE(ok.error, QNetworkReply::NoError);
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.body, serving);
        QVERIFY(ok.headers.value("content-type").startsWith("application/grpc")); // Qt repeats some values
        QVERIFY2(ok.headers.value("grpc-status").startsWith("0"),
                 ok.headers.value("grpc-status").constData());
        const Answer unknown = grpcCall(m_network, fine.agentPlatformAddress, "/DuoWorkflow/NoSuchMethod");
        QCOMPARE(unknown.headers.value("grpc-status"), QByteArray("12"));
        QVERIFY(unknown.body.isEmpty());

        SimStack sick;
        const SimInputs down = started(sick, "agent-platform-not-serving");
        const Answer notOk = grpcCall(m_network, down.agentPlatformAddress, "/grpc.health.v1.Health/Check");
        QCOMPARE(notOk.body, notServing);
        QVERIFY(notOk.headers.value("grpc-status").startsWith("0"));

        SimStack bare;
        const SimInputs noHealth = started(bare, "agent-platform-without-health");
        const Answer unimplemented =
            grpcCall(m_network, noHealth.agentPlatformAddress, "/grpc.health.v1.Health/Check");
        QCOMPARE(unimplemented.status, 200);
        QCOMPARE(unimplemented.headers.value("grpc-status"), QByteArray("12"));
        QVERIFY(unimplemented.body.isEmpty());

        SimStack gone;
        const SimInputs refused = started(gone, "agent-platform-down");
        QCOMPARE(grpcCall(m_network, refused.agentPlatformAddress, "/grpc.health.v1.Health/Check").error,
                 QNetworkReply::ConnectionRefusedError);
    }

    void serviceSpeaksFirstAndHangsUpOnHttp1() {
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-healthy");
        // A gRPC server's SETTINGS frame arrives before the client says anything.
        const QByteArray first = rawRead(inputs.agentPlatformAddress, {},
                                         [](const QByteArray& bytes) { return bytes.size() >= 9; });
        QVERIFY2(first.size() >= 9, first.toHex().constData());
        QCOMPARE(first.at(3), char(0x04));
        QCOMPARE(first.at(8), char(0)); // stream 0
        // An HTTP/1 request is no HTTP/2: GOAWAY, then the connection ends.
        bool closed = false;
        const QByteArray answer = rawRead(
            inputs.agentPlatformAddress, "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            [](const QByteArray&) { return false; }, &closed);
        QVERIFY(closed);
        QVERIFY2(answer.contains(QByteArray::fromHex("00000807")),
                 answer.toHex().constData()); // GOAWAY: 8 bytes, type 7
    }

    void gatewayHttpPortAnswersHttp1ToAnything() {
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-http-port");
        const QString stored =
            graphql(inputs, "{ duoSettings { duoAgentPlatformServiceUrl } }")["data"]["duoSettings"]
                                                                             ["duoAgentPlatformServiceUrl"]
                                                                                 .toString();
        QCOMPARE(stored, QString("127.0.0.1:%1").arg(inputs.gatewayUrl.port()));
        QVERIFY(stored != inputs.agentPlatformAddress);
        const QByteArray preface = QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") + QByteArray(9, '\0');
        const QByteArray toH2 = rawRead(stored, preface, headEnds);
        QVERIFY2(toH2.startsWith("HTTP/1.1 400 Bad Request\r\n"), toH2.constData());
        const QByteArray tlsHello = QByteArray::fromHex("16030100c8010000c40303");
        const QByteArray toTls = rawRead(stored, tlsHello, headEnds);
        QVERIFY2(toTls.startsWith("HTTP/1."), toTls.toHex().constData());
        QVERIFY(toTls.contains("Invalid HTTP request received."));
        QCOMPARE(agentPlatformProbe(inputs)["errors"][0].toString(),
                 QString("14:Trying to connect an http1.x server"));
    }

    void tlsServiceNegotiatesH2() {
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-tls-mismatch");
        QVERIFY(QFile::exists(inputs.agentPlatformCaFile));
        QSslSocket socket;
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.addCaCertificates(inputs.agentPlatformCaFile);
        configuration.setAllowedNextProtocols({"h2"});
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(
            "127.0.0.1", static_cast<quint16>(inputs.agentPlatformAddress.section(':', 1).toUInt()));
        QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 5000);
        QCOMPARE(socket.sslConfiguration().nextNegotiatedProtocol(), QByteArray("h2"));
        QVERIFY(socket.sslHandshakeErrors().isEmpty());
        QByteArray settings;
        QTRY_VERIFY_WITH_TIMEOUT((settings += socket.readAll()).size() >= 9, 5000);
        QCOMPARE(settings.at(3), char(0x04));

        const Answer health = grpcCall(m_network, inputs.agentPlatformAddress, "/grpc.health.v1.Health/Check",
                                       inputs.agentPlatformCaFile);
        QCOMPARE(health.error, QNetworkReply::NoError);
        QCOMPARE(health.body, serving);
        QVERIFY(health.headers.value("grpc-status").startsWith("0"));
        // Cleartext HTTP/2 to the TLS service: the handshake fails and the service hangs up.
        QVERIFY(grpcCall(m_network, inputs.agentPlatformAddress, "/grpc.health.v1.Health/Check").error !=
                QNetworkReply::NoError);
        // GitLab expects plain text: its own probe fails, and its setting says so.
        const QJsonObject probe = agentPlatformProbe(inputs);
        QCOMPARE(probe["success"].toBool(true), false);
        QCOMPARE(probe["errors"][0].toString(), QString("14:Socket closed"));
        QCOMPARE(graphql(inputs, "{ duoSettings { selfHostedDuoAgentPlatformServiceSecure } }")
                     ["data"]["duoSettings"]["selfHostedDuoAgentPlatformServiceSecure"]
                         .toBool(true),
                 false);
    }

    void webSocketUpgradesAndClosesCleanly() {
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-healthy");
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(inputs.gitlabUrl.port()));
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::ConnectedState, 5000);
        socket.write(handshake(tokenHeader(inputs)));
        QByteArray head;
        QTRY_VERIFY_WITH_TIMEOUT(headEnds(head += socket.readAll()), 5000);
        QVERIFY2(head.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), head.constData());
        QVERIFY2(head.contains(QByteArray("\r\nsec-websocket-accept: " + sampleAccept + "\r\n")),
                 head.constData());
        QVERIFY(head.toLower().contains("\r\nupgrade: websocket\r\n"));
        QVERIFY(head.toLower().contains("\r\nconnection: upgrade\r\n"));
        QVERIFY(!head.toLower().contains("content-length"));
        QCOMPARE(head.size(), head.indexOf("\r\n\r\n") + 4); // nothing after the head until the client speaks
        socket.write(maskedClose());
        QByteArray close;
        QTRY_VERIFY_WITH_TIMEOUT((close += socket.readAll()).size() >= 4, 5000);
        QCOMPARE(close.left(4), QByteArray::fromHex("880203e8"));
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);

        // The accept value is SHA-1 of key and GUID, whatever the key.
        const QByteArray key = QByteArray("0123456789abcdef").toBase64();
        const QByteArray other =
            rawRead(gitlabAddress(inputs), handshake(tokenHeader(inputs), key), headEnds);
        const QByteArray keyAndGuid = key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        const QByteArray expected = QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
        QVERIFY2(other.contains(QByteArray("sec-websocket-accept: " + expected + "\r\n")), other.constData());
    }

    void webSocketRefusals() {
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-healthy");
        const QByteArray anonymous = rawRead(gitlabAddress(inputs), handshake({}), headEnds);
        QVERIFY2(anonymous.startsWith("HTTP/1.1 401 "), anonymous.constData());
        const QByteArray plain =
            rawRead(gitlabAddress(inputs),
                    "GET /api/v4/ai/duo_workflows/ws HTTP/1.1\r\n" + tokenHeader(inputs) + "\r\n", headEnds);
        QVERIFY2(plain.startsWith("HTTP/1.1 400 Bad Request\r\n"), plain.constData());

        SimStack stripped;
        const SimInputs proxied = started(stripped, "websocket-upgrade-stripped");
        const QByteArray dropped = rawRead(gitlabAddress(proxied), handshake(tokenHeader(proxied)), headEnds);
        QVERIFY2(dropped.startsWith("HTTP/1.1 400 Bad Request\r\n"), dropped.constData());
        QVERIFY(dropped.contains("Sec-Websocket-Version: 13\r\n"));
        QVERIFY(!dropped.contains("sec-websocket-accept"));

        SimStack old;
        const SimInputs seventeen = started(old, "healthy");
        const QByteArray missing =
            rawRead(gitlabAddress(seventeen), handshake(tokenHeader(seventeen)), headEnds);
        QVERIFY2(missing.startsWith("HTTP/1.1 404 Not Found\r\n"), missing.constData());
        SimStack older;
        const SimInputs eleven = started(older, "gitlab-17-agent-platform");
        QVERIFY(rawRead(gitlabAddress(eleven), handshake(tokenHeader(eleven)), headEnds)
                    .startsWith("HTTP/1.1 404 "));
    }

    void webSocketModesOfOneGitLab() {
        GitLabSettings settings;
        settings.version = "19.2.0-ee";
        settings.token = "glpat-sim-websocket-mode-test";
        settings.tokenScopes = {"read_api"};
        FakeGitLab scoped(settings);
        QVERIFY(scoped.http().listen());
        const QString scopedAddress = QString("127.0.0.1:%1").arg(scoped.http().port());
        const QByteArray token = "PRIVATE-TOKEN: glpat-sim-websocket-mode-test\r\n";
        const QByteArray insufficient = rawRead(scopedAddress, handshake(token),
                                                [](const QByteArray& bytes) { return bytes.contains("}"); });
        QVERIFY2(insufficient.startsWith("HTTP/1.1 403 Forbidden\r\n"), insufficient.constData());
        QVERIFY(insufficient.contains(R"("error":"insufficient_scope")"));
        QVERIFY(insufficient.contains("ai_workflows"));
        QVERIFY(insufficient.contains("WWW-Authenticate: Bearer"));

        settings.tokenScopes = {"ai_workflows"};
        settings.agentPlatform.websocketCloseCode = 1011;
        FakeGitLab failing(settings);
        QVERIFY(failing.http().listen());
        bool closed = false;
        const QByteArray abrupt = rawRead(
            QString("127.0.0.1:%1").arg(failing.http().port()), handshake(token),
            [](const QByteArray&) { return false; }, &closed);
        QVERIFY2(abrupt.startsWith("HTTP/1.1 101 "), abrupt.constData());
        QVERIFY(abrupt.endsWith(QByteArray::fromHex("880203f3")));
        QVERIFY(closed);
    }

    void duoSettingsByVersion() {
        SimStack healthy;
        const SimInputs fine = started(healthy, "agent-platform-healthy");
        const QJsonObject settings =
            graphql(fine, "{ duoSettings { duoAgentPlatformServiceUrl aiGatewayUrl aiGatewayTimeoutSeconds "
                          "selfHostedDuoAgentPlatformServiceSecure } }")["data"]["duoSettings"]
                .toObject();
        QCOMPARE(settings["duoAgentPlatformServiceUrl"].toString(), fine.agentPlatformAddress);
        QCOMPARE(QUrl(settings["aiGatewayUrl"].toString()), fine.gatewayUrl);
        QCOMPARE(settings["aiGatewayTimeoutSeconds"].toInt(), 60);
        QCOMPARE(settings["selfHostedDuoAgentPlatformServiceSecure"].toBool(true), false);
        QCOMPARE(request(m_network, "GET", at(fine.gitlabUrl, "/api/v4/version"), {}, gitlabAuth(fine))
                     .json()["version"]
                     .toString(),
                 QString("19.2.0-ee"));

        SimStack scheme;
        const SimInputs withScheme = started(scheme, "agent-platform-url-with-scheme");
        QCOMPARE(graphql(withScheme,
                         "{ duoSettings { duoAgentPlatformServiceUrl } }")["data"]["duoSettings"]
                                                                          ["duoAgentPlatformServiceUrl"]
                                                                              .toString(),
                 "http://" + withScheme.agentPlatformAddress);
        QVERIFY(
            agentPlatformProbe(withScheme)["errors"][0].toString().startsWith("14:DNS resolution failed"));

        for (const char* scenario : {"healthy", "gitlab-17-agent-platform"}) {
            SimStack old;
            const SimInputs inputs = started(old, scenario);
            const QJsonObject rejected =
                graphql(inputs, "{ duoSettings { duoAgentPlatformServiceUrl aiGatewayUrl } }");
            QVERIFY2(!rejected.contains("data"), scenario); // the whole document fails validation
            QCOMPARE(rejected["errors"][0]["message"].toString(),
                     QString("Field 'duoAgentPlatformServiceUrl' doesn't exist on type 'DuoSettings'"));
            QCOMPARE(rejected["errors"][0]["extensions"]["code"].toString(), QString("undefinedField"));
            // Asked alone, the old fields still answer, exactly as before.
            const QJsonObject alone =
                graphql(inputs, "{ duoSettings { aiGatewayUrl } }")["data"]["duoSettings"].toObject();
            QCOMPARE(alone.keys(),
                     (QStringList{"aiGatewayTimeoutSeconds", "aiGatewayUrl", "duoCoreFeaturesEnabled"}));
            QVERIFY(agentPlatformProbe(inputs).isEmpty());
        }
    }

    void runnersPerScenario() {
        struct Expected {
            const char* scenario;
            QList<QPair<QString, QString>> duoRunners; // status, executor
        };
        const Expected expectations[] = {
            {"agent-platform-healthy", {{"ONLINE", "docker"}}},
            {"duo-runner-missing", {}},
            {"duo-runner-shell-only", {{"ONLINE", "shell"}}},
            {"duo-runner-offline", {{"OFFLINE", "docker"}}},
            {"healthy", {}},
        };
        for (const Expected& expected : expectations) {
            SimStack stack;
            const SimInputs inputs = started(stack, expected.scenario);
            const QJsonArray nodes = duoRunners(inputs);
            QCOMPARE(nodes.size(), expected.duoRunners.size());
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                QCOMPARE(nodes[i]["status"].toString(), expected.duoRunners[i].first);
                QCOMPARE(nodes[i]["executorName"].toString(), expected.duoRunners[i].second);
                QCOMPARE(nodes[i]["paused"].toBool(true), false);
                QCOMPARE(nodes[i]["runnerType"].toString(), QString("INSTANCE_TYPE"));
            }
            const Answer rest =
                request(m_network, "GET",
                        QUrl(inputs.gitlabUrl.toString() + "/api/v4/runners/all?tag_list=gitlab--duo"), {},
                        gitlabAuth(inputs));
            QCOMPARE(rest.status, 200);
            const QJsonArray listed = QJsonDocument::fromJson(rest.body).array();
            QCOMPARE(listed.size(), expected.duoRunners.size());
            for (qsizetype i = 0; i < listed.size(); ++i) {
                QCOMPARE(listed[i]["status"].toString(), expected.duoRunners[i].first.toLower());
                QVERIFY(!listed[i].toObject().contains("executor_name"));
            }
        }
        SimStack stack;
        const SimInputs inputs = started(stack, "agent-platform-healthy");
        // Without a tag every runner comes back, the untagged shell runner too; variables work like inline
        // lists.
        QCOMPARE(graphql(inputs, "{ runners { nodes { executorName } } }")["data"]["runners"]["nodes"]
                     .toArray()
                     .size(),
                 2);
        const Answer viaVariables = request(
            m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"),
            graphqlBody("query($tags: [String!]) { runners(tagList: $tags) { nodes { executorName } } }",
                        {{"tags", QJsonArray{"gitlab--duo"}}}),
            gitlabAuth(inputs));
        QCOMPARE(viaVariables.json()["data"]["runners"]["nodes"].toArray().size(), 1);
        SimStack user;
        const SimInputs noAdmin = started(user, "user-without-access");
        QCOMPARE(
            request(m_network, "GET", at(noAdmin.gitlabUrl, "/api/v4/runners/all"), {}, gitlabAuth(noAdmin))
                .status,
            403);
    }

    void featureRoutingPerScenario() {
        const QString query =
            "{ aiFeatureSettings { nodes { feature title mainFeature provider selfHostedModel { name } } } }";
        SimStack healthy;
        const SimInputs fine = started(healthy, "agent-platform-healthy");
        QStringList features;
        for (const QJsonValue& node : graphql(fine, query)["data"]["aiFeatureSettings"]["nodes"].toArray()) {
            features.append(node["feature"].toString());
            QCOMPARE(node["provider"].toString(), QString("self_hosted"));
            QCOMPARE(node["selfHostedModel"]["name"].toString(), fine.deploymentName);
            QVERIFY(!node["title"].toString().isEmpty());
        }
        QCOMPARE(features, (QStringList{"code_completions", "code_generations", "duo_chat",
                                        "duo_agent_platform", "duo_agent_platform_agentic_chat"}));

        SimStack unrouted;
        const SimInputs without = started(unrouted, "agent-platform-features-without-model");
        for (const QJsonValue& node :
             graphql(without, query)["data"]["aiFeatureSettings"]["nodes"].toArray()) {
            const bool agentPlatform = node["feature"].toString().startsWith("duo_agent_platform");
            QCOMPARE(node["provider"].toString(),
                     agentPlatform ? QString("unassigned") : QString("self_hosted"));
            QCOMPARE(node["selfHostedModel"].isNull(), agentPlatform);
        }

        SimStack old;
        const SimInputs seventeen = started(old, "gitlab-17-agent-platform");
        const QJsonArray oldNodes = graphql(seventeen, query)["data"]["aiFeatureSettings"]["nodes"].toArray();
        QCOMPARE(oldNodes.size(), 3);
        QVERIFY(!oldNodes[0].toObject().contains("title"));
    }

    void gitlabsOwnServiceProbe() {
        SimStack healthy;
        const SimInputs fine = started(healthy, "agent-platform-healthy");
        const QJsonObject ok = agentPlatformProbe(fine);
        QCOMPARE(ok["success"].toBool(), true);
        QCOMPARE(ok["message"].toString(), fine.agentPlatformAddress + " reachable.");
        QCOMPARE(ok["errors"].toArray(), QJsonArray{});

        SimStack down;
        const SimInputs gone = started(down, "agent-platform-down");
        const QJsonObject refused = agentPlatformProbe(gone);
        QCOMPARE(refused["success"].toBool(true), false);
        QCOMPARE(
            refused["message"].toString(),
            QString("Duo Agent Platform Service URL %1 is not reachable..").arg(gone.agentPlatformAddress));
        QVERIFY2(refused["errors"][0].toString().contains("Connection refused"),
                 qPrintable(refused["errors"][0].toString()));

        SimStack sick;
        const SimInputs notServing = started(sick, "agent-platform-not-serving");
        QCOMPARE(agentPlatformProbe(notServing)["success"].toBool(),
                 true); // reached: GitLab does not ask health
    }
};

QTEST_GUILESS_MAIN(TestSimAgentPlatform)
#include "test_sim_agent_platform.moc"
