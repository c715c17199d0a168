#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTest>

// duo-doctor run as an admin runs it (`check … --format json`, its own process) and its JSON report read
// back: shared by the network tests.
namespace duo::test {

struct Run {
    int exitCode = -1;
    QJsonObject report;
    QByteArray err;

    QJsonObject check(const QString& id) const {
        for (const QJsonValue& value : report.value(QStringLiteral("checks")).toArray()) {
            if (value.toObject().value(QStringLiteral("id")).toString() == id)
                return value.toObject();
        }
        return {};
    }
    QString status(const QString& id) const { return check(id).value(QStringLiteral("status")).toString(); }
    QString status(const char* id) const { return status(QLatin1String(id)); }
    QJsonObject evidence(const QString& id) const {
        return check(id).value(QStringLiteral("evidence")).toObject();
    }
    // One evidence value as text.
    QString evidence(const char* id, const char* key) const {
        return evidence(QLatin1String(id)).value(QLatin1String(key)).toVariant().toString();
    }
    QString signature(const QString& id) const {
        return evidence(id).value(QStringLiteral("signature")).toString();
    }
    // The SHA-256 of the server's own certificate, as a report shows it for pinning.
    QString fingerprint(const QString& id) const {
        return evidence(id)
            .value(QStringLiteral("tls_chain"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("sha256"))
            .toString();
    }
};

// duo-doctor in its own process; this process keeps serving (fault server, simulated stack) meanwhile.
inline Run doctor(QStringList arguments, const QProcessEnvironment& extra = {}) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY", "DISPLAY"})
        environment.remove(QLatin1String(name));
    for (const QString& key : extra.keys())
        environment.insert(key, extra.value(key));
    process.setProcessEnvironment(environment);
    arguments.prepend(QStringLiteral("check"));
    arguments << QStringLiteral("--format") << QStringLiteral("json");
    process.start(qEnvironmentVariable("DUO_DOCTOR_BIN"), arguments);
    Run run;
    if (!process.waitForStarted() ||
        !QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 90000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.report = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace duo::test
