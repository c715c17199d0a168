#include "tests/support/simprocess.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace duo::test {

SimProcess::~SimProcess() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
}

bool SimProcess::start(const QString& scenario, const QString& recordFile, QString* error) {
    QStringList arguments{scenario};
    if (!recordFile.isEmpty())
        arguments << QStringLiteral("--record") << recordFile;
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(qEnvironmentVariable("DUO_SIM_BIN"), arguments);
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("cannot start duo-doctor-sim: ") + m_process.errorString();
        return false;
    }
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(15000)) {
            *error = QStringLiteral("duo-doctor-sim printed no inputs: ") +
                     QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
    }
    m_inputs = QJsonDocument::fromJson(m_process.readLine()).object();
    if (m_inputs.isEmpty()) {
        *error = QStringLiteral("duo-doctor-sim printed no JSON");
        return false;
    }
    return true;
}

RunResult runDoctor(const QStringList& arguments, const QProcessEnvironment& extra, int timeoutMs) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    for (const QString& key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    process.start(qEnvironmentVariable("DUO_DOCTOR_BIN"), arguments);
    RunResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "timed out";
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList checkArguments(const SimProcess& sim) {
    QStringList arguments{QStringLiteral("check"),          QStringLiteral("--gitlab-url"),
                          sim.value("gitlab_url"),          QStringLiteral("--gitlab-token-env"),
                          QStringLiteral("DUO_TEST_TOKEN"), QStringLiteral("--gateway-url"),
                          sim.value("gateway_url"),         QStringLiteral("--model-name"),
                          sim.value("model_name"),          QStringLiteral("--model-key-env"),
                          QStringLiteral("DUO_TEST_KEY")};
    if (!sim.value("model_endpoint").isEmpty()) // Bedrock has none: the gateway calls AWS
        arguments << QStringLiteral("--model-endpoint") << sim.value("model_endpoint");
    if (!sim.value("model_identifier").isEmpty())
        arguments << QStringLiteral("--model-identifier") << sim.value("model_identifier");
    if (!sim.value("deployment_name").isEmpty())
        arguments << QStringLiteral("--deployment-name") << sim.value("deployment_name");
    for (const QJsonValue& resolve : sim.inputs().value(QStringLiteral("resolve")).toArray())
        arguments << QStringLiteral("--resolve") << resolve.toString();
    if (!sim.value("azure_api_version").isEmpty())
        arguments << QStringLiteral("--azure-api-version") << sim.value("azure_api_version");
    const int inference = sim.inputs().value(QStringLiteral("inference_timeout")).toInt();
    if (inference > 0)
        arguments << QStringLiteral("--inference-timeout") << QString::number(inference);
    return arguments;
}

QProcessEnvironment secretEnvironment(const SimProcess& sim) {
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("DUO_TEST_TOKEN"), sim.value("gitlab_token"));
    environment.insert(QStringLiteral("DUO_TEST_KEY"), sim.value("model_key"));
    return environment;
}

} // namespace duo::test
