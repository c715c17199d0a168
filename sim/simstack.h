#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QFile;

namespace duo::sim {

struct ScenarioInfo {
    QString id;
    QString description;
    bool preview = false; // started by name only until its checks exist (sim/scenarios.h)
};

// What an admin would type into Duo Doctor for the running stack. Secrets are random per start.
struct SimInputs {
    QString scenario;
    QUrl gitlabUrl;
    QString gitlabToken;
    QUrl gatewayUrl;
    QString modelName;
    QUrl modelEndpoint;
    QString modelIdentifier;
    QString deploymentName;
    QString modelKey;
    QStringList resolve; // curl-style host:port:127.0.0.1 for names only the simulated network knows
    int inferenceTimeoutSeconds = 0; // 0: the default
    QString azureApiVersion;         // Azure OpenAI's api-version when it is not the default
    // GitLab 18.x / 19.x scenarios: where the Agent Platform service listens (host:port; a closed port when
    // it is down), and its certificate when it speaks TLS. GitLab's own address may differ on purpose (see
    // docs/scenarios.md). Empty, and left out of the JSON, where no service runs.
    QString agentPlatformAddress;
    QString agentPlatformCaFile;

    QJsonObject toJson() const;
};

class FakeServer;
class HttpServer;
struct Scenario;

// A fake GitLab, AI gateway and model server on 127.0.0.1 ephemeral ports, broken as a scenario says.
class SimStack : public QObject {
    Q_OBJECT
public:
    explicit SimStack(QObject* parent = nullptr);
    ~SimStack() override;

    bool start(const QString& scenario, QString* error);
    void stop();
    SimInputs inputs() const { return m_inputs; }
    void setLatencyMs(int ms); // extra delay on every answer, for benchmarks; also for later starts
    // JSONL, one line per request any fake server receives, flushed per line:
    // {"server":"gitlab|gateway|model","method","path","headers":{lower-case name: value},"body"}
    void setRequestLogFile(const QString& path);

    static QList<ScenarioInfo> scenarios();    // the listed ones: --list, the wizard
    static QList<ScenarioInfo> allScenarios(); // the previews too

private:
    void watch(HttpServer& server, const QString& name);
    // Starts server (the stack owns it) and records what it receives as name; its port, 0 when it cannot
    // listen.
    quint16 serve(FakeServer* server, const QString& name);
    // Starts the Agent Platform service a scenario asks for; false after saying why not.
    bool serveAgentPlatform(const Scenario& scenario, SimInputs& inputs, QByteArray& certificate,
                            QString* error);
    bool fail(const QString& text, QString* error); // stops what was started; false

    SimInputs m_inputs;
    QList<QObject*> m_servers;
    QList<HttpServer*> m_http;
    std::unique_ptr<QFile> m_log;
    int m_latencyMs = 0;
};

} // namespace duo::sim
