// The simulated stack speaks like the real servers: real HTTP on 127.0.0.1, their paths and error texts, and
// secrets that reach only the hosts they belong to.
#include "sim/simstack.h"
#include "tests/sim/simclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace duo::sim;

namespace {

// The model endpoint with the stack's resolve entry applied, as the desktop connects to it.
QUrl modelUrl(const SimInputs& inputs, const QString& path) {
    QUrl url = at(inputs.modelEndpoint, path);
    url.setHost("127.0.0.1");
    return url;
}

// A path at the model server's root, whatever path the endpoint has.
QUrl modelRoot(const SimInputs& inputs, const QString& path) {
    QUrl url = modelUrl(inputs, {});
    url.setPath(path);
    return url;
}

Headers bearer(const QString& key) {
    return {{"Authorization", "Bearer " + key.toUtf8()}};
}

QByteArray chatAgentBody(const SimInputs& inputs) {
    const QJsonObject payload{{"content", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Hello"}}}},
                              {"provider", "litellm"},
                              {"model", inputs.modelName},
                              {"model_endpoint", inputs.modelEndpoint.toString()},
                              {"model_api_key", inputs.modelKey},
                              {"model_identifier", inputs.modelIdentifier}};
    const QJsonObject component{{"type", "prompt"},
                                {"metadata", QJsonObject{{"source", "GitLab EE"}, {"version", "17.3.0"}}},
                                {"payload", payload}};
    return QJsonDocument(QJsonObject{{"prompt_components", QJsonArray{component}}, {"stream", false}})
        .toJson(QJsonDocument::Compact);
}

// The mutation as Duo Doctor sends it: no apiToken, so GitLab uses the key it stores.
QByteArray connectionCheckBody(const SimInputs& inputs) {
    const QJsonObject input{{"name", inputs.deploymentName},
                            {"model", inputs.modelName.toUpper()},
                            {"endpoint", inputs.modelEndpoint.toString()},
                            {"identifier", inputs.modelIdentifier}};
    return graphqlBody("mutation($input: AiSelfHostedModelConnectionCheckInput!) { "
                       "aiSelfHostedModelConnectionCheck(input: $input) { result { name success message } "
                       "errors } }",
                       {{"input", input}});
}

QList<QJsonObject> readLog(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QJsonObject> lines;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

// Servers whose recorded requests contain text anywhere (path, headers or body).
QSet<QString> serversThatSaw(const QList<QJsonObject>& log, const QString& text) {
    QSet<QString> servers;
    for (const QJsonObject& line : log) {
        if (QString::fromUtf8(QJsonDocument(line).toJson(QJsonDocument::Compact)).contains(text))
            servers.insert(line.value("server").toString());
    }
    return servers;
}

QList<QJsonObject> requestsTo(const QList<QJsonObject>& log, const QString& server, const QString& path) {
    QList<QJsonObject> found;
    for (const QJsonObject& line : log) {
        if (line.value("server").toString() == server && line.value("path").toString() == path)
            found.append(line);
    }
    return found;
}

QString sourceScenarioDoc() {
    QFile file(QStringLiteral(DUO_SCENARIOS_MD));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString simBinary() {
    const QString fromEnvironment = qEnvironmentVariable("DUO_SIM_BIN");
    return fromEnvironment.isEmpty() ? QCoreApplication::applicationDirPath() + "/duo-doctor-sim"
                                     : fromEnvironment;
}

// Raw bytes in, raw bytes out: for what QNetworkAccessManager hides (keep-alive, order, close). The servers
// live in this thread, so wait with the event loop running, never with the blocking waitFor* calls.
QByteArray rawExchange(quint16 port, const QByteArray& bytes, int expectedAnswers, bool* closed = nullptr) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    const bool complete = QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 ") >= expectedAnswers ||
                   socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    if (closed)
        *closed =
            QTest::qWaitFor([&socket] { return socket.state() == QAbstractSocket::UnconnectedState; }, 500);
    return complete ? received + socket.readAll() : received;
}

} // namespace

class TestSim : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_network;

    SimInputs started(SimStack& stack, const QString& scenario, const QString& logPath = {}) {
        if (!logPath.isEmpty())
            stack.setRequestLogFile(logPath);
        QString error;
        if (!stack.start(scenario, &error))
            qFatal("cannot start %s: %s", qPrintable(scenario), qPrintable(error));
        return stack.inputs();
    }

    Answer chatAgent(const SimInputs& inputs, int timeoutMs = 15000) {
        return request(m_network, "POST", at(inputs.gatewayUrl, "/v1/chat/agent"), chatAgentBody(inputs), {},
                       timeoutMs);
    }

    QJsonObject connectionCheck(const SimInputs& inputs) {
        const Answer answer = request(m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"),
                                      connectionCheckBody(inputs), gitlabAuth(inputs));
        return answer.json()
            .value("data")
            .toObject()
            .value("aiSelfHostedModelConnectionCheck")
            .toObject()
            .value("result")
            .toObject();
    }

    QJsonObject probe(const SimInputs& inputs, const QString& name) {
        const Answer answer =
            request(m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"),
                    graphqlBody("{ cloudConnectorStatus { success probeResults { name success message } } }"),
                    gitlabAuth(inputs));
        const QJsonArray probes =
            answer.json()["data"]["cloudConnectorStatus"].toObject().value("probeResults").toArray();
        for (const QJsonValue& value : probes) {
            if (value["name"].toString() == name)
                return value.toObject();
        }
        return {};
    }

private slots:
    void initTestCase() { m_network.setProxy(QNetworkProxy::NoProxy); }

    void scenarioTableMatchesTheDocs() {
        const QString doc = sourceScenarioDoc();
        QVERIFY2(!doc.isEmpty(), DUO_SCENARIOS_MD);
        QStringList documented;
        static const QRegularExpression row(R"(^\| `([a-z0-9-]+)` \|)", QRegularExpression::MultilineOption);
        for (auto it = row.globalMatch(doc); it.hasNext();)
            documented.append(it.next().captured(1));
        QStringList implemented;
        for (const ScenarioInfo& scenario : SimStack::scenarios()) {
            implemented.append(scenario.id);
            QVERIFY2(!scenario.description.isEmpty(), qPrintable(scenario.id));
        }
        QCOMPARE(implemented, documented);
        // The 28 of GitLab 17.6, and today's GitLab's as their checks leave the previews (issue 17).
        QVERIFY(implemented.size() >= 28);
    }

    void everyScenarioStartsWithCompleteInputs() {
        static const QRegularExpression token("^glpat-[A-Za-z0-9]{20}$");
        static const QRegularExpression key("^sk-sim-[A-Za-z0-9]{24}$");
        QSet<QString> secrets;
        for (const ScenarioInfo& scenario : SimStack::scenarios()) {
            SimStack stack;
            const SimInputs inputs = started(stack, scenario.id);
            const QJsonObject json = inputs.toJson();
            QCOMPARE(json.value("scenario").toString(), scenario.id);
            for (const char* field : {"gitlab_url", "gitlab_token", "gateway_url", "model_name",
                                      "model_endpoint", "model_identifier", "deployment_name", "model_key"}) {
                // Bedrock needs no endpoint (issue 18): the gateway calls AWS.
                if (QByteArray(field) == "model_endpoint" &&
                    scenario.id.startsWith(QLatin1String("bedrock-")))
                    continue;
                QVERIFY2(!json.value(field).toString().isEmpty(), qPrintable(scenario.id + ": " + field));
            }
            QVERIFY(json.value("resolve").isArray());
            QVERIFY(json.value("inference_timeout").isDouble());
            QVERIFY2(token.match(inputs.gitlabToken).hasMatch(), qPrintable(inputs.gitlabToken));
            QVERIFY2(key.match(inputs.modelKey).hasMatch(), qPrintable(inputs.modelKey));
            QVERIFY(!secrets.contains(inputs.gitlabToken) && !secrets.contains(inputs.modelKey));
            secrets << inputs.gitlabToken << inputs.modelKey;
            QCOMPARE(inputs.gitlabUrl.host(), QString("127.0.0.1"));
            QCOMPARE(inputs.gatewayUrl.host(), QString("127.0.0.1"));
            QCOMPARE(inputs.modelName, QString("mistral"));
            QVERIFY(inputs.gitlabUrl.port() > 0 && inputs.gatewayUrl.port() > 0 &&
                    (inputs.modelEndpoint.port() > 0 || scenario.id.startsWith(QLatin1String("bedrock-"))));
            // The endpoint is a name the resolve list maps to 127.0.0.1, except where loopback is the fault.
            const QString host = inputs.modelEndpoint.host();
            if (scenario.id == "model-localhost-in-container") {
                QCOMPARE(host, QString("127.0.0.1"));
                QVERIFY(inputs.resolve.isEmpty());
            } else if (scenario.id.startsWith(QLatin1String("bedrock-"))) {
                QVERIFY(inputs.resolve.isEmpty()); // no endpoint, nothing to resolve
            } else if (scenario.id == "split-network-auth-bypass-off") {
                // The desktop's route leads to the IPv6 loopback, where nothing listens.
                QCOMPARE(inputs.resolve,
                         QStringList{QString("%1:%2:[::1]").arg(host).arg(inputs.modelEndpoint.port())});
            } else {
                QCOMPARE(inputs.resolve,
                         QStringList{QString("%1:%2:127.0.0.1").arg(host).arg(inputs.modelEndpoint.port())});
            }
            QCOMPARE(inputs.modelEndpoint.path(),
                     scenario.id == "endpoint-missing-v1" ||
                             scenario.id.startsWith(QLatin1String("bedrock-")) ||
                             scenario.id.startsWith(QLatin1String("azure-")) // Azure: the resource URL
                         ? QString()
                         : QString("/v1"));
            QCOMPARE(inputs.inferenceTimeoutSeconds, scenario.id == "model-too-slow" ? 1 : 0);
        }
        SimStack stack;
        QString error;
        QVERIFY(!stack.start("nope", &error));
        QVERIFY(error.contains("nope") && error.contains("healthy") && error.contains("model-too-slow"));
    }

    void identifiersAndEndpointsPerScenario() {
        const QMap<QString, QPair<QString, QString>> expected{
            {"healthy", {"custom_openai/mistralai/Mistral-7B-Instruct-v0.3", "model.sim.test"}},
            {"ollama-healthy", {"custom_openai/mistral:latest", "model.sim.test"}},
            {"litellm-model-not-found", {"custom_openai/mistral-large", "model.sim.test"}},
            {"model-not-served", {"custom_openai/mistralai/Mixtral-8x7B-Instruct-v0.1", "model.sim.test"}},
            {"identifier-missing-prefix", {"mistralai/Mistral-7B-Instruct-v0.3", "model.sim.test"}},
            {"model-unreachable-from-gateway",
             {"custom_openai/mistralai/Mistral-7B-Instruct-v0.3", "llm.internal.test"}},
        };
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            SimStack stack;
            const SimInputs inputs = started(stack, it.key());
            QCOMPARE(inputs.modelIdentifier, it.value().first);
            QCOMPARE(inputs.modelEndpoint.host(), it.value().second);
        }
    }

    void healthyStackWorksEndToEndAndKeysStayWhereTheyBelong() {
        QTemporaryDir dir;
        const QString logPath = dir.filePath("log.jsonl");
        SimStack stack;
        const SimInputs inputs = started(stack, "healthy", logPath);

        // vLLM, reached like the desktop does through the resolve entry.
        const Answer health = request(m_network, "GET", modelRoot(inputs, "/health"));
        QCOMPARE(health.status, 200);
        QVERIFY(health.body.isEmpty());
        QCOMPARE(health.headers.value("server"), QByteArray("uvicorn"));
        const Answer models =
            request(m_network, "GET", modelUrl(inputs, "/models"), {}, bearer(inputs.modelKey));
        QCOMPARE(models.status, 200);
        const QJsonObject entry = models.json()["data"].toArray().at(0).toObject();
        QCOMPARE(entry["id"].toString(), QString("mistralai/Mistral-7B-Instruct-v0.3"));
        QCOMPARE(entry["owned_by"].toString(), QString("vllm"));
        QCOMPARE(entry["max_model_len"].toInt(), 32768);
        QCOMPARE("custom_openai/" + entry["id"].toString(), inputs.modelIdentifier);
        const Answer version = request(m_network, "GET", modelRoot(inputs, "/version"));
        QVERIFY(version.json().value("version").toString().startsWith("0."));

        // The seed's direct request through the gateway reaches the model for real.
        const Answer agent = chatAgent(inputs);
        QCOMPARE(agent.status, 200);
        QCOMPARE(agent.json()["response"].toString(), QString("Hello! How can I help you today?"));
        QCOMPARE(agent.json()["metadata"]["provider"].toString(), QString("litellm"));
        QCOMPARE(agent.json()["metadata"]["model"].toString(), QString("mistral"));
        QVERIFY(agent.json()["metadata"]["timestamp"].toInteger() > 1'700'000'000);

        // GitLab -> gateway -> model, with the key GitLab stores.
        const QJsonObject check = connectionCheck(inputs);
        QCOMPARE(check["success"].toBool(), true);
        QCOMPARE(check["message"].toString(), QString("Successfully connected to the self-hosted model"));
        QCOMPARE(check["name"].toString(), inputs.deploymentName);

        const QList<QJsonObject> log = readLog(logPath);
        QVERIFY(!log.isEmpty());
        // The admin's key reached the model server and the gateway only, never GitLab.
        QCOMPARE(serversThatSaw(log, inputs.modelKey), (QSet<QString>{"model", "gateway"}));
        // The GitLab token reached GitLab only.
        QCOMPARE(serversThatSaw(log, inputs.gitlabToken), QSet<QString>{"gitlab"});
        // GitLab sent its own stored key, distinct from the admin's, with its own headers.
        const QList<QJsonObject> checks =
            requestsTo(log, "gateway", "/v1/prompts/model_configuration%2Fcheck");
        QCOMPARE(checks.size(), 1);
        const QJsonObject checkBody =
            QJsonDocument::fromJson(checks.at(0)["body"].toString().toUtf8()).object();
        const QString storedKey = checkBody["model_metadata"]["api_key"].toString();
        QVERIFY2(storedKey.startsWith("gitlab-stored-"), qPrintable(storedKey));
        QVERIFY(storedKey != inputs.modelKey);
        QCOMPARE(checkBody["model_metadata"]["provider"].toString(), QString("openai"));
        QCOMPARE(checkBody["model_metadata"]["identifier"].toString(), inputs.modelIdentifier);
        const QJsonObject gitlabHeaders = checks.at(0)["headers"].toObject();
        QVERIFY(gitlabHeaders["authorization"].toString().startsWith("Bearer "));
        QVERIFY(!gitlabHeaders["x-gitlab-instance-id"].toString().isEmpty());
        QCOMPARE(gitlabHeaders["x-gitlab-realm"].toString(), QString("self-managed"));
        // The gateway called the model with the served id, the key it was given and the name as Host.
        const QList<QJsonObject> calls = requestsTo(log, "model", "/v1/chat/completions");
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0)["headers"]["authorization"].toString(), "Bearer " + inputs.modelKey);
        QCOMPARE(calls.at(1)["headers"]["authorization"].toString(), "Bearer " + storedKey);
        QCOMPARE(calls.at(0)["headers"]["host"].toString(),
                 QString("model.sim.test:%1").arg(inputs.modelEndpoint.port()));
        QCOMPARE(QJsonDocument::fromJson(calls.at(0)["body"].toString().toUtf8())["model"].toString(),
                 QString("mistralai/Mistral-7B-Instruct-v0.3"));
        QCOMPARE(serversThatSaw(log, storedKey), (QSet<QString>{"gateway", "model"}));
    }

    void connectionCheckParsesInlineInput() {
        QTemporaryDir dir;
        SimStack stack;
        const SimInputs inputs = started(stack, "healthy", dir.filePath("log.jsonl"));
        const QString query =
            QString("mutation { aiSelfHostedModelConnectionCheck(input: {name: \"%1\", model: "
                    "MISTRAL, endpoint: \"%2\", identifier: \"%3\"}) { result { name success "
                    "message } errors } }")
                .arg(inputs.deploymentName, inputs.modelEndpoint.toString(), inputs.modelIdentifier);
        const Answer answer =
            request(m_network, "POST", at(inputs.gitlabUrl, "/api/v4/graphql"), graphqlBody(query),
                    {{"Authorization", "Bearer " + inputs.gitlabToken.toUtf8()}});
        const QJsonObject result =
            answer.json()["data"]["aiSelfHostedModelConnectionCheck"]["result"].toObject();
        QCOMPARE(result["success"].toBool(), true);
        QCOMPARE(result["name"].toString(), inputs.deploymentName);

        // An endpoint GitLab does not know: no stored key goes out, and vLLM refuses.
        const QString unknown =
            QString("mutation { aiSelfHostedModelConnectionCheck(input: {name: \"other\", model: "
                    "MISTRAL, endpoint: \"%1/\", identifier: \"%2\"}) { result { success "
                    "message } } }")
                .arg(QString(inputs.modelEndpoint.toString()).replace("/v1", "/v1/x"),
                     inputs.modelIdentifier);
        const Answer refused = request(m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"),
                                       graphqlBody(unknown), gitlabAuth(inputs));
        const QJsonObject failed =
            refused.json()["data"]["aiSelfHostedModelConnectionCheck"]["result"].toObject();
        QCOMPARE(failed["success"].toBool(), false);
        QVERIFY2(failed["message"].toString().contains("AuthenticationError"),
                 qPrintable(failed["message"].toString()));
    }

    void gitlabRestAndGraphql() {
        SimStack stack;
        const SimInputs inputs = started(stack, "healthy");
        const Answer anonymous = request(m_network, "GET", at(inputs.gitlabUrl, "/api/v4/metadata"));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.body, QByteArray(R"({"message":"401 Unauthorized"})"));
        QCOMPARE(anonymous.headers.value("x-gitlab-error-origin"), QByteArray("monolith"));
        const Answer metadata =
            request(m_network, "GET", at(inputs.gitlabUrl, "/api/v4/version"), {}, gitlabAuth(inputs));
        QCOMPARE(metadata.json()["version"].toString(), QString("17.6.0-ee"));
        QCOMPARE(metadata.json()["enterprise"].toBool(), true);
        QCOMPARE(metadata.json()["kas"]["enabled"].toBool(true), false);
        const Answer user =
            request(m_network, "GET", at(inputs.gitlabUrl, "/api/v4/user"), {}, gitlabAuth(inputs));
        QCOMPARE(user.json()["username"].toString(), QString("root"));
        QCOMPARE(user.json()["is_admin"].toBool(), true);
        const Answer token =
            request(m_network, "GET", at(inputs.gitlabUrl, "/api/v4/personal_access_tokens/self"), {},
                    gitlabAuth(inputs));
        QCOMPARE(token.json()["scopes"].toArray(), (QJsonArray{"api", "read_api"}));
        QCOMPARE(token.json()["active"].toBool(), true);
        const Answer license =
            request(m_network, "GET", at(inputs.gitlabUrl, "/api/v4/license"), {}, gitlabAuth(inputs));
        QCOMPARE(license.json()["plan"].toString(), QString("ultimate"));
        QCOMPARE(license.json()["expired"].toBool(true), false);
        QVERIFY(QDate::fromString(license.json()["expires_at"].toString(), Qt::ISODate) >
                QDate::currentDate());
        QCOMPARE(request(m_network, "GET", at(inputs.gitlabUrl, "/-/health")).status, 404);

        const Answer graph = request(
            m_network, "POST", at(inputs.gitlabUrl, "/api/graphql"),
            graphqlBody(
                "{ currentUser { username duoCodeSuggestionsAvailable duoChatAvailable } duoSettings { "
                "aiGatewayUrl aiGatewayTimeoutSeconds duoCoreFeaturesEnabled } aiSelfHostedModels { nodes { "
                "id name model endpoint identifier releaseState hasApiToken } } aiFeatureSettings { nodes { "
                "feature provider selfHostedModel { name model endpoint } } } }"),
            gitlabAuth(inputs));
        const QJsonObject data = graph.json()["data"].toObject();
        QVERIFY(!graph.json().contains("errors"));
        QCOMPARE(data["currentUser"]["duoCodeSuggestionsAvailable"].toBool(), true);
        QCOMPARE(QUrl(data["duoSettings"]["aiGatewayUrl"].toString()), inputs.gatewayUrl);
        const QJsonObject model = data["aiSelfHostedModels"]["nodes"].toArray().at(0).toObject();
        QCOMPARE(model["model"].toString(), QString("MISTRAL"));
        QCOMPARE(model["name"].toString(), inputs.deploymentName);
        QCOMPARE(model["endpoint"].toString(), inputs.modelEndpoint.toString());
        QCOMPARE(model["identifier"].toString(), inputs.modelIdentifier);
        QCOMPARE(model["hasApiToken"].toBool(), true);
        const QJsonArray features = data["aiFeatureSettings"]["nodes"].toArray();
        QCOMPARE(features.size(), 3);
        for (const QJsonValue& feature : features)
            QCOMPARE(feature["provider"].toString(), QString("self_hosted"));

        QCOMPARE(probe(inputs, "host_probe")["success"].toBool(), true);
        QCOMPARE(probe(inputs, "ai_gateway_healthz_probe")["success"].toBool(), true);
        QCOMPARE(probe(inputs, "ai_gateway_url_presence_probe")["success"].toBool(), true);
        QCOMPARE(probe(inputs, "code_suggestions_license_probe")["success"].toBool(), true);

        const Answer completion =
            request(m_network, "POST", at(inputs.gitlabUrl, "/api/v4/code_suggestions/completions"),
                    R"({"current_file":{"file_name":"hello.py","content_above_cursor":"def hello():"}})",
                    gitlabAuth(inputs));
        QCOMPARE(completion.status, 200);
        QCOMPARE(completion.json()["object"].toString(), QString("text_completion"));
        QCOMPARE(completion.json()["model"]["engine"].toString(), QString("custom_openai"));
        QVERIFY(!completion.json()["choices"][0]["text"].toString().isEmpty());
    }

    void gitlabModes() {
        SimStack revoked;
        const SimInputs revokedInputs = started(revoked, "gitlab-token-invalid");
        QCOMPARE(request(m_network, "GET", at(revokedInputs.gitlabUrl, "/api/v4/user"), {},
                         gitlabAuth(revokedInputs))
                     .status,
                 401);

        SimStack community;
        const SimInputs ce = started(community, "gitlab-community-edition");
        const Answer metadata =
            request(m_network, "GET", at(ce.gitlabUrl, "/api/v4/metadata"), {}, gitlabAuth(ce));
        QCOMPARE(metadata.json()["version"].toString(), QString("17.6.0"));
        QCOMPARE(metadata.json()["enterprise"].toBool(true), false);

        SimStack expired;
        const SimInputs expiredInputs = started(expired, "license-expired");
        const Answer license = request(m_network, "GET", at(expiredInputs.gitlabUrl, "/api/v4/license"), {},
                                       gitlabAuth(expiredInputs));
        QCOMPARE(license.json()["expired"].toBool(), true);
        QVERIFY(QDate::fromString(license.json()["expires_at"].toString(), Qt::ISODate) <
                QDate::currentDate());

        SimStack vendored;
        const SimInputs vendoredInputs = started(vendored, "features-not-self-hosted");
        const Answer features = request(m_network, "POST", at(vendoredInputs.gitlabUrl, "/api/graphql"),
                                        graphqlBody("{ aiFeatureSettings { nodes { feature provider } } }"),
                                        gitlabAuth(vendoredInputs));
        QCOMPARE(features.json()["data"]["aiFeatureSettings"]["nodes"][0]["provider"].toString(),
                 QString("vendored"));

        SimStack noSeat;
        const SimInputs user = started(noSeat, "user-without-access");
        const Answer settings = request(
            m_network, "POST", at(user.gitlabUrl, "/api/graphql"),
            graphqlBody("{ currentUser { duoCodeSuggestionsAvailable } duoSettings { aiGatewayUrl } }"),
            gitlabAuth(user));
        QVERIFY(settings.json()["data"].toObject().contains("duoSettings"));
        QVERIFY(settings.json()["data"]["duoSettings"].isNull());
        QVERIFY(settings.json()["errors"][0]["message"].toString().contains("you don't have permission"));
        QCOMPARE(settings.json()["data"]["currentUser"]["duoCodeSuggestionsAvailable"].toBool(true), false);
        QCOMPARE(request(m_network, "GET", at(user.gitlabUrl, "/api/v4/license"), {}, gitlabAuth(user)).body,
                 QByteArray(R"({"message":"403 Forbidden"})"));
        const Answer forbidden =
            request(m_network, "POST", at(user.gitlabUrl, "/api/v4/code_suggestions/completions"), "{}",
                    gitlabAuth(user));
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.body, QByteArray(R"({"message":"403 Forbidden"})"));

        SimStack blocked;
        const SimInputs blockedInputs = started(blocked, "gitlab-blocks-local-gateway");
        QCOMPARE(probe(blockedInputs, "host_probe")["message"].toString(),
                 QString("127.0.0.1:%1 is not reachable: Requests to the local network are not allowed")
                     .arg(blockedInputs.gatewayUrl.port()));
        QCOMPARE(probe(blockedInputs, "host_probe")["success"].toBool(true), false);
        QCOMPARE(connectionCheck(blockedInputs)["message"].toString(),
                 QString("Requests to the local network are not allowed"));

        SimStack elsewhere;
        const SimInputs mismatch = started(elsewhere, "gitlab-gateway-url-mismatch");
        const QJsonObject host = probe(mismatch, "host_probe");
        QCOMPARE(host["success"].toBool(true), false);
        QVERIFY2(host["message"].toString().contains("Connection refused"),
                 qPrintable(host["message"].toString()));
        const Answer duo = request(m_network, "POST", at(mismatch.gitlabUrl, "/api/graphql"),
                                   graphqlBody("{ duoSettings { aiGatewayUrl } }"), gitlabAuth(mismatch));
        QVERIFY(QUrl(duo.json()["data"]["duoSettings"]["aiGatewayUrl"].toString()).port() !=
                mismatch.gatewayUrl.port());

        SimStack down;
        const SimInputs unreachable = started(down, "gitlab-unreachable");
        QCOMPARE(request(m_network, "GET", at(unreachable.gitlabUrl, "/api/v4/metadata")).error,
                 QNetworkReply::ConnectionRefusedError);
    }

    // Issue 18: a fake Azure OpenAI resource wants the api-key header and ?api-version=, serves the
    // deployment's chat completions and the resource's model list, and answers Azure's bodies byte for byte.
    void azureResourceSpeaksAzure() {
        SimStack healthy;
        const SimInputs azure = started(healthy, "azure-healthy");
        QCOMPARE(azure.modelIdentifier, QString("azure/duo-gpt-4o"));
        const Headers key{{"api-key", azure.modelKey.toUtf8()}};
        const QString chatPath = "/openai/deployments/duo-gpt-4o/chat/completions";
        QUrl chat = modelRoot(azure, chatPath);
        chat.setQuery("api-version=2024-10-21");
        const QByteArray hello = R"({"messages":[{"role":"user","content":"Hello"}],"max_tokens":16})";
        const Answer works = request(m_network, "POST", chat, hello, key);
        QCOMPARE(works.status, 200);
        QCOMPARE(works.json()["model"].toString(), QString("gpt-4o-2024-08-06"));
        QUrl models = modelRoot(azure, "/openai/models");
        models.setQuery("api-version=2024-10-21");
        QCOMPARE(request(m_network, "GET", models, {}, key).json()["data"][0]["id"].toString(),
                 QString("gpt-4o-2024-08-06"));
        // The bearer header is not Azure's: 401 with Azure API Management's body.
        const Answer bearerOnly = request(m_network, "POST", chat, hello, bearer(azure.modelKey));
        QCOMPARE(bearerOnly.status, 401);
        QCOMPARE(
            bearerOnly.body,
            QByteArray(R"({"error":{"code":"401","message":"Access denied due to invalid subscription key )"
                       R"(or wrong API endpoint. Make sure to provide a valid key for an active )"
                       R"(subscription and use a correct regional API endpoint for your resource."}})"));
        const Answer noVersion = request(m_network, "POST", modelRoot(azure, chatPath), hello, key);
        QCOMPARE(noVersion.status, 404);
        QCOMPARE(noVersion.body, QByteArray(R"({"error":{"code":"404","message":"Resource not found"}})"));
        QUrl retired = chat;
        retired.setQuery("api-version=2023-03-15-preview");
        const Answer unsupported = request(m_network, "POST", retired, hello, key);
        QCOMPARE(unsupported.status, 400);
        QCOMPARE(unsupported.body,
                 QByteArray(R"({"error":{"code":"BadRequest","message":"API version not supported"}})"));
        QUrl model = modelRoot(azure, "/openai/deployments/gpt-4o/chat/completions");
        model.setQuery("api-version=2024-10-21");
        const Answer missing = request(m_network, "POST", model, hello, key);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body,
                 QByteArray(R"({"error":{"code":"DeploymentNotFound","message":"The API deployment for this )"
                            R"(resource does not exist. If you created the deployment within the last 5 )"
                            R"(minutes, please wait a moment and try again."}})"));
        // The gateway calls the deployment as LiteLLM does, with the key as api-key.
        const Answer agent = chatAgent(azure);
        QCOMPARE(agent.status, 200);
        QCOMPARE(agent.json()["response"].toString(), QString("Hello! How can I help you today?"));

        SimStack notFound;
        const Answer relayed = chatAgent(started(notFound, "azure-deployment-not-found"));
        QCOMPARE(relayed.status, 404);
        QVERIFY2(relayed.detail().startsWith("litellm.NotFoundError: AzureException - Error code: 404 - ") &&
                     relayed.detail().contains("DeploymentNotFound"),
                 qPrintable(relayed.detail()));
        SimStack version;
        const SimInputs old = started(version, "azure-api-version-unsupported");
        QCOMPARE(old.toJson().value("azure_api_version").toString(), QString("2023-03-15-preview"));
        QVERIFY(chatAgent(old).detail().contains("API version not supported"));
        SimStack rejected;
        QCOMPARE(chatAgent(started(rejected, "azure-key-rejected")).status, 401);
    }

    void modelServersUseTheirOwnErrorTexts() {
        SimStack rejected;
        const SimInputs vllm = started(rejected, "model-key-rejected");
        const Answer unauthorised =
            request(m_network, "GET", modelUrl(vllm, "/models"), {}, bearer(vllm.modelKey));
        QCOMPARE(unauthorised.status, 401);
        QCOMPARE(unauthorised.body, QByteArray(R"({"error":"Unauthorized"})"));
        const Answer viaGateway = chatAgent(vllm);
        QCOMPARE(viaGateway.status, 401);
        QCOMPARE(
            viaGateway.detail(),
            QString(
                R"(litellm.AuthenticationError: OpenAIException - Error code: 401 - {"error":"Unauthorized"})"));

        SimStack notServed;
        const SimInputs missing = started(notServed, "model-not-served");
        const Answer notFound = chatAgent(missing);
        QCOMPARE(notFound.status, 404);
        QVERIFY2(notFound.detail().startsWith("litellm.NotFoundError: OpenAIException - Error code: 404 - "),
                 qPrintable(notFound.detail()));
        QVERIFY(
            notFound.detail().contains("The model `mistralai/Mixtral-8x7B-Instruct-v0.1` does not exist."));

        SimStack lite;
        const SimInputs litellm = started(lite, "litellm-model-not-found");
        const Answer noKey = request(m_network, "GET", modelUrl(litellm, "/models"));
        QCOMPARE(noKey.status, 401);
        QCOMPARE(noKey.json()["error"]["message"].toString(),
                 QString("Authentication Error, No api key passed in."));
        QCOMPARE(
            request(m_network, "GET", modelRoot(litellm, "/models"), {}, bearer(litellm.modelKey)).status,
            200);
        QCOMPARE(request(m_network, "GET", modelRoot(litellm, "/health/liveliness")).status, 200);
        const Answer invalid = chatAgent(litellm);
        QCOMPARE(invalid.status, 400);
        QVERIFY2(invalid.detail().startsWith("litellm.BadRequestError: OpenAIException - Error code: 400 - "),
                 qPrintable(invalid.detail()));
        QVERIFY(invalid.detail().contains("Invalid model name passed in model=mistral-large"));

        SimStack noV1;
        const SimInputs bare = started(noV1, "endpoint-missing-v1");
        const Answer wrongPath =
            request(m_network, "GET", modelUrl(bare, "/models"), {}, bearer(bare.modelKey));
        QCOMPARE(wrongPath.status, 404);
        QCOMPARE(wrongPath.body, QByteArray(R"({"detail":"Not Found"})"));
        QCOMPARE(request(m_network, "GET", modelUrl(bare, "/v1/models"), {}, bearer(bare.modelKey)).status,
                 200);
        QCOMPARE(chatAgent(bare).status, 404);

        SimStack ollama;
        const SimInputs llama = started(ollama, "ollama-healthy");
        const Answer root = request(m_network, "GET", modelRoot(llama, "/"));
        QCOMPARE(root.body, QByteArray("Ollama is running"));
        QVERIFY(!root.headers.contains("server"));
        QCOMPARE(
            request(m_network, "GET", modelRoot(llama, "/api/tags")).json()["models"][0]["name"].toString(),
            QString("mistral:latest"));
        const Answer pull = request(m_network, "POST", modelUrl(llama, "/chat/completions"),
                                    R"({"model":"x","messages":[]})");
        QCOMPARE(pull.status, 404);
        QCOMPARE(pull.json()["error"]["message"].toString(),
                 QString(R"(model "x" not found, try pulling it first)"));
        QCOMPARE(chatAgent(llama).status, 200);

        SimStack hostile;
        const SimInputs markup = started(hostile, "hostile-server-text");
        const Answer listed =
            request(m_network, "GET", modelUrl(markup, "/models"), {}, bearer(markup.modelKey));
        QVERIFY(listed.body.contains("<script>"));
        for (const QJsonValue& entry : listed.json()["data"].toArray())
            QVERIFY("custom_openai/" + entry["id"].toString() != markup.modelIdentifier);

        SimStack slow;
        const SimInputs tooSlow = started(slow, "model-too-slow");
        const Answer late =
            request(m_network, "POST", modelUrl(tooSlow, "/chat/completions"),
                    QByteArray(R"({"model":"mistralai/Mistral-7B-Instruct-v0.3","messages":[]})"),
                    bearer(tooSlow.modelKey), 1000);
        QCOMPARE(late.error, QNetworkReply::OperationCanceledError);

        SimStack down;
        const SimInputs gone = started(down, "model-unreachable");
        QCOMPARE(request(m_network, "GET", modelUrl(gone, "/models")).error,
                 QNetworkReply::ConnectionRefusedError);
        const Answer refused = chatAgent(gone);
        QCOMPARE(refused.status, 500);
        QCOMPARE(refused.detail(),
                 QString("litellm.APIConnectionError: OpenAIException - Connection error."));
    }

    void gatewayModes() {
        QTemporaryDir dir;
        SimStack container;
        const SimInputs local =
            started(container, "model-localhost-in-container", dir.filePath("container.jsonl"));
        QCOMPARE(
            request(m_network, "GET", at(local.modelEndpoint, "/models"), {}, bearer(local.modelKey)).status,
            200); // the desktop reaches it
        const Answer agent = chatAgent(local);
        QCOMPARE(agent.status, 500);
        QCOMPARE(agent.detail(), QString("litellm.APIConnectionError: OpenAIException - Connection error."));
        QVERIFY(
            requestsTo(readLog(dir.filePath("container.jsonl")), "model", "/v1/chat/completions").isEmpty());

        SimStack firewall;
        const SimInputs walled = started(firewall, "model-unreachable-from-gateway");
        QCOMPARE(request(m_network, "GET", modelUrl(walled, "/models"), {}, bearer(walled.modelKey)).status,
                 200);
        const Answer timedOut = chatAgent(walled);
        QCOMPARE(timedOut.status, 500);
        QCOMPARE(timedOut.detail(),
                 QString("litellm.APIConnectionError: OpenAIException - Connection error. (timed out)"));
        QVERIFY(timedOut.elapsedMs >= 900);

        SimStack bypassOff;
        const SimInputs noBypass = started(bypassOff, "gateway-auth-bypass-off");
        const Answer refused = chatAgent(noBypass);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.body, QByteArray(R"({"error":"No authorization header presented"})"));
        QCOMPARE(request(m_network, "POST", at(noBypass.gatewayUrl, "/v1/chat/agent"),
                         chatAgentBody(noBypass), {{"Authorization", "Bearer not-a-gitlab-token"}})
                     .body,
                 QByteArray(R"({"error":"Forbidden by auth provider"})"));
        QCOMPARE(connectionCheck(noBypass)["success"].toBool(), true); // GitLab's signed token passes

        SimStack rejects;
        const SimInputs mismatch = started(rejects, "gateway-rejects-gitlab");
        QCOMPARE(chatAgent(mismatch).status, 200); // the desktop's request carries no GitLab headers
        const QJsonObject check = connectionCheck(mismatch);
        QCOMPARE(check["success"].toBool(true), false);
        QCOMPARE(check["message"].toString(),
                 QString("AI Gateway returned HTTP 401: Header mismatch 'X-Gitlab-Instance-Id'"));

        SimStack disabled;
        const SimInputs custom = started(disabled, "gateway-custom-models-disabled");
        const Answer off = chatAgent(custom);
        QCOMPARE(off.status, 422);
        QVERIFY(off.detail().contains("Custom models are disabled"));
        QVERIFY(off.detail().contains("AIGW_CUSTOM_MODELS__ENABLED"));

        SimStack prefix;
        const SimInputs noPrefix = started(prefix, "identifier-missing-prefix", dir.filePath("prefix.jsonl"));
        const Answer provider = chatAgent(noPrefix);
        QCOMPARE(provider.status, 400);
        QCOMPARE(
            provider.detail(),
            QString(
                "litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are trying "
                "to call. You passed model=mistralai/Mistral-7B-Instruct-v0.3"));
        QVERIFY(requestsTo(readLog(dir.filePath("prefix.jsonl")), "model", "/v1/chat/completions").isEmpty());
        const QJsonObject gitlabCheck = connectionCheck(noPrefix);
        QVERIFY(gitlabCheck["message"].toString().startsWith(
            "AI Gateway returned HTTP 421: 400: litellm.BadRequestError"));

        SimStack unhealthy;
        const SimInputs sick = started(unhealthy, "gateway-unhealthy");
        QCOMPARE(request(m_network, "GET", at(sick.gatewayUrl, "/monitoring/healthz")).status, 503);
        QCOMPARE(probe(sick, "ai_gateway_healthz_probe")["success"].toBool(true), false);
        QCOMPARE(probe(sick, "host_probe")["success"].toBool(), true);

        SimStack healthy;
        const SimInputs fine = started(healthy, "healthy");
        const Answer healthz = request(m_network, "GET", at(fine.gatewayUrl, "/monitoring/healthz"));
        QCOMPARE(healthz.body, QByteArray(R"({"status":"ok"})"));
        QCOMPARE(healthz.headers.value("server"), QByteArray("uvicorn"));
        QCOMPARE(request(m_network, "GET", at(fine.gatewayUrl, "/monitoring/ready")).status, 200);
        const Answer definitions = request(m_network, "GET", at(fine.gatewayUrl, "/v1/models/definitions"));
        QVERIFY(definitions.json()["models"].toArray().contains(
            QJsonObject{{"name", "Mistral"}, {"identifier", "mistral"}}));
        const Answer unknown = request(m_network, "GET", at(fine.gatewayUrl, "/v1/nope"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.body, QByteArray(R"({"detail":"Not Found"})"));

        SimStack blackHole;
        const SimInputs silent = started(blackHole, "gateway-black-hole", dir.filePath("hole.jsonl"));
        const Answer nothing =
            request(m_network, "GET", at(silent.gatewayUrl, "/monitoring/healthz"), {}, {}, 800);
        QCOMPARE(nothing.status, 0);
        QCOMPARE(nothing.error,
                 QNetworkReply::OperationCanceledError); // connected, then Qt's transfer timeout
        QCOMPARE(requestsTo(readLog(dir.filePath("hole.jsonl")), "gateway", "/monitoring/healthz").size(), 1);

        SimStack down;
        const SimInputs gone = started(down, "gateway-unreachable");
        QCOMPARE(request(m_network, "GET", at(gone.gatewayUrl, "/monitoring/healthz")).error,
                 QNetworkReply::ConnectionRefusedError);
    }

    void httpServerKeepAliveOrderAndLimits() {
        SimStack stack;
        const SimInputs inputs = started(stack, "healthy");
        const quint16 port = static_cast<quint16>(inputs.gatewayUrl.port());
        // Two pipelined requests on one connection: both answered, in order, connection kept.
        bool closed = true;
        const QByteArray two = rawExchange(port,
                                           "GET /monitoring/healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                           "GET /nope HTTP/1.1\r\nHOST: x\r\n\r\n",
                                           2, &closed);
        QVERIFY2(two.startsWith("HTTP/1.1 200 OK\r\n"), two.constData());
        QVERIFY(two.indexOf("HTTP/1.1 404 Not Found") > two.indexOf("{\"status\":\"ok\"}"));
        QVERIFY(two.contains("content-length: 15\r\n"));
        QVERIFY(!closed);
        // Connection: close is honoured.
        const QByteArray once =
            rawExchange(port, "GET /monitoring/healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 1, &closed);
        QVERIFY(once.contains("connection: close"));
        QVERIFY(closed);
        // Bodies over 4 MiB are refused before they are read.
        const QByteArray large =
            rawExchange(port, "POST /v1/chat/agent HTTP/1.1\r\nContent-Length: 5000000\r\n\r\n", 1);
        QVERIFY2(large.startsWith("HTTP/1.1 413 "), large.constData());
        // A body split over several writes is awaited; header names are case-insensitive.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(inputs.gitlabUrl.port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = R"({"query":"{ currentUser { username } }"})";
        socket.write("POST /api/graphql HTTP/1.1\r\npRiVaTe-ToKeN: " + inputs.gitlabToken.toUtf8() +
                     "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body.left(15));
        socket.flush();
        QTest::qWait(100);
        socket.write(body.mid(15));
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("\"username\":\"root\""), 5000);

        // Latency applies to every answer.
        stack.setLatencyMs(300);
        const Answer delayed = request(m_network, "GET", at(inputs.gatewayUrl, "/monitoring/healthz"));
        QCOMPARE(delayed.status, 200);
        QVERIFY(delayed.elapsedMs >= 280);
    }

    void programPrintsInputsAndStopsOnSigterm() {
        const QString binary = simBinary();
        if (!QFile::exists(binary))
            QSKIP("duo-doctor-sim not built");
        QProcess list;
        list.start(binary, {"--list"});
        QVERIFY(list.waitForFinished(10000));
        const QList<QByteArray> lines = list.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), SimStack::scenarios().size());
        QVERIFY(lines.at(0).startsWith("healthy\t"));

        QProcess unknown;
        unknown.start(binary, {"no-such-scenario"});
        QVERIFY(unknown.waitForFinished(10000));
        QCOMPARE(unknown.exitCode(), 2);
        QVERIFY(unknown.readAllStandardError().contains("gateway-black-hole"));

        QTemporaryDir dir;
        QProcess sim;
        sim.start(binary, {"ollama-healthy", "--record", dir.filePath("record.jsonl"), "--exit-after", "60"});
        QVERIFY(sim.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(sim.canReadLine(), 10000);
        const QJsonObject inputs = QJsonDocument::fromJson(sim.readLine()).object();
        QCOMPARE(inputs["scenario"].toString(), QString("ollama-healthy"));
        QCOMPARE(inputs.keys(), (QStringList{"deployment_name", "gateway_url", "gitlab_token", "gitlab_url",
                                             "inference_timeout", "model_endpoint", "model_identifier",
                                             "model_key", "model_name", "resolve", "scenario"}));
        const Answer health =
            request(m_network, "GET", at(QUrl(inputs["gateway_url"].toString()), "/monitoring/healthz"));
        QCOMPARE(health.status, 200);
        QCOMPARE(requestsTo(readLog(dir.filePath("record.jsonl")), "gateway", "/monitoring/healthz").size(),
                 1);
        ::kill(static_cast<pid_t>(sim.processId()), SIGTERM);
        QVERIFY(sim.waitForFinished(5000));
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSim)
#include "test_sim.moc"
