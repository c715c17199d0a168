#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace duo::test {

// The simulated stack as its own process (duo-doctor-sim), as an admin's real servers would be.
class SimProcess {
public:
    ~SimProcess();
    // Starts the scenario, records every request it receives into recordFile, waits for its inputs line.
    bool start(const QString& scenario, const QString& recordFile, QString* error);
    const QJsonObject& inputs() const { return m_inputs; }
    QString value(const char* key) const { return m_inputs.value(QLatin1String(key)).toString(); }

private:
    QProcess m_process;
    QJsonObject m_inputs;
};

struct RunResult {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs duo-doctor with arguments and extra environment; never inherits a display.
RunResult runDoctor(const QStringList& arguments, const QProcessEnvironment& extra = {},
                    int timeoutMs = 120000);

// `duo-doctor check` arguments for a running sim, secrets through DUO_TEST_TOKEN / DUO_TEST_KEY.
QStringList checkArguments(const SimProcess& sim);
QProcessEnvironment secretEnvironment(const SimProcess& sim);

} // namespace duo::test
