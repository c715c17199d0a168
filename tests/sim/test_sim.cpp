// The simulated stack speaks like the real servers: real HTTP on 127.0.0.1, their paths and error texts.
#include "core/sim/simstack.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

using namespace duo::sim;

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

Answer request(QNetworkAccessManager& network, const QByteArray& method, const QUrl& url,
               const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {},
               int timeoutMs = 10000) {
    QNetworkRequest networkRequest(url);
    networkRequest.setTransferTimeout(timeoutMs);
    networkRequest.setRawHeader("Content-Type", "application/json");
    for (const auto& [name, value] : headers)
        networkRequest.setRawHeader(name, value);
    QNetworkReply* reply = network.sendCustomRequest(networkRequest, method, body);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs + 5000))
        qFatal("no answer");
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                  reply->error()};
    reply->deleteLater();
    return answer;
}

// The model endpoint with the resolve entry applied, as the desktop would connect.
QUrl reachable(const SimInputs& inputs, const QString& path) {
    QUrl url = inputs.modelEndpoint;
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPath(url.path() + path);
    return url;
}

QByteArray chatAgent(const SimInputs& inputs) {
    const QJsonObject payload{{"content", QJsonArray{QJsonObject{{"role", "user"}, {"content", "Hello"}}}},
                              {"provider", "litellm"},
                              {"model", inputs.modelName},
                              {"model_endpoint", inputs.modelEndpoint.toString()},
                              {"model_api_key", inputs.modelKey},
                              {"model_identifier", inputs.modelIdentifier}};
    return QJsonDocument(QJsonObject{{"prompt_components",
                                      QJsonArray{QJsonObject{{"type", "prompt"}, {"payload", payload}}}},
                                     {"stream", false}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestSim : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_network;

private slots:
    void everyScenarioStartsWithCompleteInputs() {
        QCOMPARE(SimStack::scenarios().size(), 26);
        for (const ScenarioInfo& scenario : SimStack::scenarios()) {
            SimStack stack;
            QString error;
            QVERIFY2(stack.start(scenario.id, &error), qPrintable(error));
            const QJsonObject json = stack.inputs().toJson();
            for (const char* key :
                 {"gitlab_url", "gitlab_token", "gateway_url", "model_name", "model_endpoint", "model_key"})
                QVERIFY2(!json.value(QLatin1String(key)).toString().isEmpty(), key);
            QVERIFY(stack.inputs().gitlabToken.startsWith(QLatin1String("glpat-")));
            QVERIFY(stack.inputs().modelKey.startsWith(QLatin1String("sk-sim-")));
            QCOMPARE(stack.inputs().gitlabUrl.host(), QStringLiteral("127.0.0.1"));
        }
        SimStack stack;
        QString error;
        QVERIFY(!stack.start(QStringLiteral("nope"), &error));
        QVERIFY(error.contains(QLatin1String("healthy")));
    }

    void healthyStackAnswersEndToEndAndLogsRequests() {
        QTemporaryDir dir;
        SimStack stack;
        stack.setRequestLogFile(dir.filePath(QStringLiteral("log.jsonl")));
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        const SimInputs inputs = stack.inputs();
        const Answer models = request(m_network, "GET", reachable(inputs, QStringLiteral("/models")), {},
                                      {{"Authorization", "Bearer " + inputs.modelKey.toUtf8()}});
        QCOMPARE(models.status, 200);
        QVERIFY(models.body.contains("\"owned_by\":\"vllm\""));
        const Answer agent =
            request(m_network, "POST", inputs.gatewayUrl.resolved(QUrl(QStringLiteral("/v1/chat/agent"))),
                    chatAgent(inputs));
        QCOMPARE(agent.status, 200);
        QVERIFY(QJsonDocument::fromJson(agent.body).object().contains(QStringLiteral("response")));

        QFile log(dir.filePath(QStringLiteral("log.jsonl")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QStringList servers;
        for (const QByteArray& line : log.readAll().split('\n')) {
            if (!line.isEmpty())
                servers.append(
                    QJsonDocument::fromJson(line).object().value(QStringLiteral("server")).toString());
        }
        QCOMPARE(servers, (QStringList{"model", "gateway", "model"})); // the gateway really called the model
    }

    void modelServersUseTheirOwnErrorTexts() {
        SimStack vllm;
        QString error;
        QVERIFY(vllm.start(QStringLiteral("model-key-rejected"), &error));
        const Answer unauthorised =
            request(m_network, "GET", reachable(vllm.inputs(), QStringLiteral("/models")), {},
                    {{"Authorization", "Bearer " + vllm.inputs().modelKey.toUtf8()}});
        QCOMPARE(unauthorised.status, 401);
        QCOMPARE(unauthorised.body, QByteArray("{\"error\":\"Unauthorized\"}"));

        SimStack lite;
        QVERIFY(lite.start(QStringLiteral("litellm-model-not-found"), &error));
        const Answer chat =
            request(m_network, "POST", reachable(lite.inputs(), QStringLiteral("/chat/completions")),
                    QJsonDocument(QJsonObject{{"model", "other"}, {"messages", QJsonArray{}}})
                        .toJson(QJsonDocument::Compact),
                    {{"Authorization", "Bearer " + lite.inputs().modelKey.toUtf8()}});
        QCOMPARE(chat.status, 400);
        QVERIFY(chat.body.contains("Invalid model name passed in model=other"));

        SimStack noV1;
        QVERIFY(noV1.start(QStringLiteral("endpoint-missing-v1"), &error));
        QCOMPARE(request(m_network, "GET", reachable(noV1.inputs(), QStringLiteral("/models"))).status, 404);
    }

    void gatewayModes() {
        QString error;
        SimStack container;
        QVERIFY(container.start(QStringLiteral("model-localhost-in-container"), &error));
        const Answer agent = request(
            m_network, "POST", container.inputs().gatewayUrl.resolved(QUrl(QStringLiteral("/v1/chat/agent"))),
            chatAgent(container.inputs()));
        QCOMPARE(agent.status, 500);
        QVERIFY(agent.body.contains("APIConnectionError"));

        SimStack bypassOff;
        QVERIFY(bypassOff.start(QStringLiteral("gateway-auth-bypass-off"), &error));
        const Answer refused =
            request(m_network, "POST",
                    bypassOff.inputs().gatewayUrl.resolved(QUrl(QStringLiteral("/v1/chat/agent"))), "{}");
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.body.contains("No authorization header presented"));

        SimStack blackHole;
        QVERIFY(blackHole.start(QStringLiteral("gateway-black-hole"), &error));
        const Answer silent = request(
            m_network, "GET",
            blackHole.inputs().gatewayUrl.resolved(QUrl(QStringLiteral("/monitoring/healthz"))), {}, {}, 800);
        QCOMPARE(silent.status, 0);
        QCOMPARE(silent.error, QNetworkReply::OperationCanceledError); // Qt's transfer timeout fired
    }

    void gitlabKeepsItsOwnModelKey() {
        QTemporaryDir dir;
        SimStack stack;
        stack.setRequestLogFile(dir.filePath(QStringLiteral("log.jsonl")));
        QString error;
        QVERIFY(stack.start(QStringLiteral("healthy"), &error));
        const QJsonObject input{{"name", "mistral-self-hosted"},
                                {"model", "MISTRAL"},
                                {"endpoint", stack.inputs().modelEndpoint.toString()},
                                {"identifier", stack.inputs().modelIdentifier}};
        const QByteArray mutation =
            QJsonDocument(
                QJsonObject{
                    {"query",
                     "mutation($input: AiSelfHostedModelConnectionCheckInput!) { "
                     "aiSelfHostedModelConnectionCheck(input: $input) { result { success message } } }"},
                    {"variables", QJsonObject{{"input", input}}}})
                .toJson(QJsonDocument::Compact);
        const Answer answer = request(m_network, "POST",
                                      stack.inputs().gitlabUrl.resolved(QUrl(QStringLiteral("/api/graphql"))),
                                      mutation, {{"PRIVATE-TOKEN", stack.inputs().gitlabToken.toUtf8()}});
        QCOMPARE(answer.status, 200);
        QVERIFY2(answer.body.contains("Successfully connected to the self-hosted model"),
                 answer.body.constData());
        QFile log(dir.filePath(QStringLiteral("log.jsonl")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray all = log.readAll();
        QVERIFY(all.contains("gitlab-stored-"));
        QVERIFY(!all.contains(stack.inputs().modelKey.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestSim)
#include "test_sim.moc"
