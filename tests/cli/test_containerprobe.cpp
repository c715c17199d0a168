// The container probe's 18.x parts, run for real with sh inside a stand-in "container" (an environment of its
// own, once with curl and once with python3 only) against the simulated Agent Platform service: its gRPC
// health, the token keys' shapes (never their values), the CA bundles and the gateway image; then the
// findings as Duo Doctor judges them.
#include "core/checks/containerprobe.h"
#include "tests/support/simprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace duo;
using namespace duo::test;

namespace {

const QByteArray signingKey =
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-duo-secret-part\n"
    "-----END PRIVATE KEY-----\n";

// The probe script for a sim, run by sh with only `environment`; curl or, without it, python3 only.
QByteArray runProbe(const SimProcess& sim, QProcessEnvironment environment, bool withCurl,
                    const QTemporaryDir& dir) {
    const RunResult script = runDoctor({"probe-script", "--gitlab-url", sim.value("gitlab_url")});
    if (script.exitCode != 0)
        return {};
    QString shell = QStringLiteral("sh");
    if (withCurl) {
        environment.insert("PATH", qEnvironmentVariable("PATH"));
    } else {
        QProcess which;
        which.start("python3", {"-c", "import sys; print(sys.executable)"});
        which.waitForFinished(10000);
        QFile::link(QString::fromLocal8Bit(which.readAllStandardOutput().trimmed()), dir.filePath("python3"));
        for (const char* tool : {"sh", "tr", "cut", "sed", "awk", "sort", "head", "tail", "getent"})
            QFile::link(QStandardPaths::findExecutable(QString::fromLatin1(tool)),
                        dir.filePath(QString::fromLatin1(tool)));
        environment.insert("PATH", dir.path());
        shell = dir.filePath("sh");
    }
    QProcess sh;
    sh.setProcessEnvironment(environment);
    sh.start(shell, {"-s"});
    sh.waitForStarted();
    sh.write(script.out);
    sh.closeWriteChannel();
    sh.waitForFinished(60000);
    return sh.readAllStandardOutput();
}

QProcessEnvironment containerFor(const SimProcess& sim) {
    QProcessEnvironment container;
    container.insert("AIGW_FASTAPI__API_PORT", QString::number(QUrl(sim.value("gateway_url")).port()));
    container.insert("AIGW_CUSTOM_MODELS__ENABLED", "true");
    container.insert("AIGW_AUTH__BYPASS_EXTERNAL", "true");
    container.insert("AIGW_GITLAB_URL", sim.value("gitlab_url"));
    container.insert("ENABLE_DUO_WORKFLOW_SERVICE", "true");
    container.insert("PORT", sim.value("agent_platform").section(QLatin1Char(':'), -1));
    return container;
}

} // namespace

class TestContainerProbe : public QObject {
    Q_OBJECT
private slots:
    void agentPlatformHealthFromInside_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<bool>("withCurl");
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("status");
        QTest::newRow("serving, curl") << "agent-platform-healthy" << true << "serving" << int(Status::Pass);
        QTest::newRow("serving, python3")
            << "agent-platform-healthy" << false << "serving" << int(Status::Pass);
        QTest::newRow("not serving, curl")
            << "agent-platform-not-serving" << true << "not_serving" << int(Status::Fail);
        QTest::newRow("not serving, python3")
            << "agent-platform-not-serving" << false << "not_serving" << int(Status::Fail);
        QTest::newRow("no health service, curl")
            << "agent-platform-without-health" << true << "grpc_status_12" << int(Status::Warn);
        QTest::newRow("no health service, python3")
            << "agent-platform-without-health" << false << "no_message" << int(Status::Warn);
        QTest::newRow("down, curl") << "agent-platform-down" << true << "error" << int(Status::Fail);
        QTest::newRow("down, python3") << "agent-platform-down" << false << "error" << int(Status::Fail);
    }
    void agentPlatformHealthFromInside() {
        QFETCH(QString, scenario);
        QFETCH(bool, withCurl);
        QFETCH(QString, state);
        QFETCH(int, status);
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(scenario, {}, &error), qPrintable(error));
        QTemporaryDir dir;
        const QByteArray output = runProbe(sim, containerFor(sim), withCurl, dir);
        QString parseError;
        const auto probe = parseContainerProbe(QString::fromUtf8(output), &parseError);
        QVERIFY2(probe, qPrintable(parseError + QString::fromUtf8(output)));
        QCOMPARE(probe->tool, withCurl ? QString("curl") : QString("python3"));
        QVERIFY2(probe->agentPlatform.state == state, output.constData());
        const auto verdict = judgeFromProbe(QStringLiteral("manual.aigw_health_inside"), *probe);
        QVERIFY(verdict);
        QVERIFY2(int(verdict->status) == status, qPrintable(verdict->summary));
    }

    // The keys' shapes are told, their values never: not in the output, not in the judged summary.
    void keysAreShapedNeverShown_data() {
        QTest::addColumn<bool>("withCurl");
        QTest::newRow("curl") << true;
        QTest::newRow("python3") << false;
    }
    void keysAreShapedNeverShown() {
        QFETCH(bool, withCurl);
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("agent-platform-healthy"), {}, &error), qPrintable(error));
        QTemporaryDir dir;
        QFile bundle(dir.filePath("private-ca.pem"));
        QVERIFY(bundle.open(QIODevice::WriteOnly));
        bundle.write("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        bundle.close();
        QProcessEnvironment container = containerFor(sim);
        container.insert("AIGW_SELF_SIGNED_JWT__SIGNING_KEY", QString::fromLatin1(signingKey));
        container.insert(
            "AIGW_SELF_SIGNED_JWT__VALIDATION_KEY",
            QStringLiteral("-----BEGIN PRIVATE KEY-----\\nduo-one-line-secret\\n-----END PRIVATE KEY-----"));
        container.insert("DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY", QStringLiteral("duo-not-a-pem-secret"));
        container.insert("SSL_CERT_FILE", bundle.fileName());
        container.insert("REQUESTS_CA_BUNDLE", dir.filePath("missing.pem"));
        container.insert(
            "DUO_GATEWAY_IMAGE",
            QStringLiteral("registry.gitlab.com/gitlab-org/ai-gateway/self-hosted:self-hosted-v18.1.0-ee"));
        const QByteArray output = runProbe(sim, container, withCurl, dir);
        for (const QByteArray& secret : {QByteArray("duo-secret-part"), QByteArray("duo-one-line-secret"),
                                         QByteArray("duo-not-a-pem-secret"), QByteArray("MIIEvQ")})
            QVERIFY2(!output.contains(secret), output.constData());
        QString parseError;
        const auto probe = parseContainerProbe(QString::fromUtf8(output), &parseError);
        QVERIFY2(probe, qPrintable(parseError));
        QCOMPARE(probe->jwtKeys.value("AIGW_SELF_SIGNED_JWT__SIGNING_KEY"), QString("pem"));
        QCOMPARE(probe->jwtKeys.value("AIGW_SELF_SIGNED_JWT__VALIDATION_KEY"), QString("one_line"));
        QCOMPARE(probe->jwtKeys.value("DUO_WORKFLOW_SELF_SIGNED_JWT__SIGNING_KEY"), QString("not_pem"));
        QCOMPARE(probe->jwtKeys.value("DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY"), QString("absent"));
        QVERIFY(probe->caFiles.value("SSL_CERT_FILE").readable);
        QCOMPARE(probe->caFiles.value("SSL_CERT_FILE").certificates, 1);
        QVERIFY(!probe->caFiles.value("REQUESTS_CA_BUNDLE").readable);

        const TemplateValues values{{QStringLiteral("gitlab_version"), QStringLiteral("18.2.1")},
                                    {QStringLiteral("gitlab_url"), sim.value("gitlab_url")}};
        const auto verdict = judgeFromProbe(QStringLiteral("manual.aigw_env"), *probe, values);
        QVERIFY(verdict);
        QCOMPARE(verdict->status, Status::Fail);
        QCOMPARE(verdict->signatureId, QString("probe.jwt_keys_missing"));
        for (const char* named : {"DUO_WORKFLOW_SELF_SIGNED_JWT__VALIDATION_KEY", "missing.pem", "one line",
                                  "self-hosted-v18.1.0-ee", "GitLab 18.2.1"})
            QVERIFY2(verdict->summary.contains(QLatin1String(named)), qPrintable(named + verdict->summary));
        QVERIFY(!verdict->summary.contains(QLatin1String("secret")));
    }

    // Issue 18: the model platforms' settings in the gateway, present or not, never their values; a Bedrock
    // model with neither credentials nor a region is a finding.
    void platformSettingsArePresentNeverShown() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("bedrock-healthy"), {}, &error), qPrintable(error));
        QTemporaryDir dir;
        QProcessEnvironment container = containerFor(sim);
        container.remove("ENABLE_DUO_WORKFLOW_SERVICE"); // no Agent Platform: its keys are another test's
        container.insert("AWS_ACCESS_KEY_ID", "AKIA-duo-planted-id");
        container.insert("AWS_SECRET_ACCESS_KEY", "duo-planted-aws-secret");
        container.insert("AWS_REGION_NAME", "duo-planted-region-1");
        container.insert("AWS_BEDROCK_RUNTIME_ENDPOINT", "https://duo-planted-vpce.example.test");
        container.insert("AZURE_API_KEY", "duo-planted-azure-key");
        container.insert("AZURE_API_BASE", "https://duo-planted.openai.azure.com");
        container.insert("AZURE_API_VERSION", "2024-10-21");
        const QByteArray output = runProbe(sim, container, true, dir);
        QVERIFY2(!output.contains("planted") && !output.contains("2024-10-21"), output.constData());
        QString parseError;
        const auto probe = parseContainerProbe(QString::fromUtf8(output), &parseError);
        QVERIFY2(probe, qPrintable(parseError + QString::fromUtf8(output)));
        for (const char* name :
             {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION_NAME", "AWS_BEDROCK_RUNTIME_ENDPOINT",
              "AZURE_API_KEY", "AZURE_API_BASE", "AZURE_API_VERSION"})
            QVERIFY2(probe->env.value(QLatin1String(name)) == QLatin1String("set"), name);
        QVERIFY(!probe->env.contains("AWS_REGION"));
        const TemplateValues bedrock{{QStringLiteral("model_identifier"), sim.value("model_identifier")}};
        const auto verdict = judgeFromProbe(QStringLiteral("manual.aigw_env"), *probe, bedrock);
        QVERIFY(verdict);
        QVERIFY2(verdict->status == Status::Pass, qPrintable(verdict->summary));
        QVERIFY2(verdict->summary.contains("AWS_REGION_NAME") && verdict->summary.contains("AZURE_API_KEY") &&
                     !verdict->summary.contains("planted"),
                 qPrintable(verdict->summary));

        // The region under the newer name counts as well; without credentials and region: the finding.
        ContainerProbe bare = *probe;
        for (const QString& name : bare.env.keys()) {
            if (name.startsWith("AWS_") || name.startsWith("AZURE_"))
                bare.env.remove(name);
        }
        bare.env.insert("AWS_REGION", "set");
        QCOMPARE(judgeFromProbe(QStringLiteral("manual.aigw_env"), bare, bedrock)->status, Status::Pass);
        bare.env.remove("AWS_REGION");
        const auto missing = judgeFromProbe(QStringLiteral("manual.aigw_env"), bare, bedrock);
        QCOMPARE(missing->status, Status::Warn);
        QCOMPARE(missing->signatureId, QString("probe.bedrock_settings_missing"));
        // Not a Bedrock model: nothing to say about AWS.
        const TemplateValues vllm{{QStringLiteral("model_identifier"), QStringLiteral("custom_openai/m")}};
        QCOMPARE(judgeFromProbe(QStringLiteral("manual.aigw_env"), bare, vllm)->status, Status::Pass);
    }
};

QTEST_GUILESS_MAIN(TestContainerProbe)
#include "test_containerprobe.moc"
