#include "core/engine/engine.h"
#include "core/knowledge/commandsets.h"
#include "core/knowledge/manualjudge.h"
#include "core/knowledge/manualsteps.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace duo;

namespace {

QString sample(const char* name) {
    QFile file(qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/manual/") +
               QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

QString commandsFor(const char* set, const char* version) {
    TemplateValues values{{QStringLiteral("gateway_url"), QStringLiteral("http://aigw:5052")}};
    if (version)
        values.insert(QStringLiteral("gitlab_version"), QLatin1String(version));
    QStringList texts;
    for (const Command& command : commandSet(QLatin1String(set), values))
        texts.append(command.command);
    return texts.join(QLatin1Char('\n'));
}

} // namespace

class TestManualJudge : public QObject {
    Q_OBJECT
private slots:
    void simpleAnswers_data() {
        QTest::addColumn<QString>("check");
        QTest::addColumn<QString>("output");
        QTest::addColumn<int>("status");
        QTest::newRow("can? true") << "manual.user_access"
                                   << "=> true" << int(Status::Pass);
        QTest::newRow("can? false") << "manual.user_access"
                                    << "=> false\n"
                                    << int(Status::Fail);
        QTest::newRow("env equals") << "manual.gitlab_env"
                                    << "true" << int(Status::Pass);
        QTest::newRow("env nil") << "manual.gitlab_env"
                                 << "=> nil" << int(Status::Fail);
        QTest::newRow("httparty 200") << "manual.gitlab_http_gateway"
                                      << "=> 200" << int(Status::Pass);
        QTest::newRow("httparty 503") << "manual.gitlab_http_gateway"
                                      << "=> 503" << int(Status::Fail);
        QTest::newRow("httparty refused")
            << "manual.gitlab_http_gateway"
            << "Errno::ECONNREFUSED: Connection refused - connect(2)" << int(Status::Fail);
        QTest::newRow("console response")
            << "manual.console_model_request"
            << "{\"response\"=> \"Hello! an error-free day\",\n \"metadata\"=>{\"provider\"=>\"litellm\"}}"
            << int(Status::Pass);
        QTest::newRow("console timeout")
            << "manual.console_model_request"
            << "Net::ReadTimeout with #<TCPSocket:(closed)>" << int(Status::Fail);
        QTest::newRow("env both true") << "manual.aigw_env"
                                       << "true\ntrue\n"
                                       << int(Status::Pass);
        QTest::newRow("env one empty") << "manual.aigw_env"
                                       << "true\n\n"
                                       << int(Status::Fail);
        QTest::newRow("env false") << "manual.aigw_env"
                                   << "false\ntrue" << int(Status::Fail);
        QTest::newRow("health 200") << "manual.aigw_health_inside"
                                    << "200\n"
                                    << int(Status::Pass);
        QTest::newRow("model list") << "manual.model_from_gateway"
                                    << R"({"object":"list","data":[{"id":"m"}]})" << int(Status::Pass);
        QTest::newRow("model refused")
            << "manual.model_from_gateway"
            << "curl: (7) Failed to connect to localhost port 8000: Connection refused" << int(Status::Fail);
        QTest::newRow("platform mismatch") << "manual.image_platform"
                                           << "WARNING: The requested image's platform (linux/amd64) does "
                                              "not match the detected host platform"
                                           << int(Status::Fail);
        QTest::newRow("something else") << "manual.gitlab_http_gateway"
                                        << "hello" << int(Status::Warn);
    }
    void simpleAnswers() {
        QFETCH(QString, check);
        QFETCH(QString, output);
        QFETCH(int, status);
        QCOMPARE(int(judgeManualOutput(check, output).status), status);
    }
    void rakeTaskLinesBecomeResults() {
        const QString output =
            QStringLiteral("System information\n"
                           ">> AI Gateway URL configured: http://aigw:5052 \u2714\n"
                           ">> AI Gateway (aigw:5052) reachable, but TLS certificate is NOT trusted \u26a0\n"
                           "Verifying license access to code suggestions... \u2714\n"
                           ">> AI Gateway returned HTTP 503 \u2717\n"
                           "Cannot access AI Gateway. Possible causes:\n");
        const ManualVerdict verdict = judgeManualOutput(QStringLiteral("manual.rake_verify"), output);
        QCOMPARE(verdict.status, Status::Fail);
        QVERIFY(verdict.summary.contains(QLatin1String("HTTP 503")));
        QCOMPARE(verdict.lines.size(), 5);
        QCOMPARE(verdict.lines.at(0).status, Status::Pass);
        QCOMPARE(verdict.lines.at(1).status, Status::Warn);
        QCOMPARE(verdict.lines.at(3).status, Status::Fail);
    }
    void rakeTaskAllGood() {
        const ManualVerdict verdict =
            judgeManualOutput(QStringLiteral("manual.rake_verify"),
                              QStringLiteral(">> AI Gateway URL configured: http://aigw:5052 \u2714\n>> AI "
                                             "Gateway server is accessible \u2714\n"));
        QCOMPARE(verdict.status, Status::Pass);
        QCOMPARE(verdict.lines.size(), 2);
    }
    void gatewayScript() {
        const ManualVerdict failing =
            judgeManualOutput(QStringLiteral("manual.aigw_script"),
                              QStringLiteral(">> AI Gateway is up and running \u2714\n>> "
                                             "AIGW_CUSTOM_MODELS__ENABLED must be set to true\n"));
        QCOMPARE(failing.status, Status::Fail);
        QVERIFY(failing.summary.contains(QLatin1String("AIGW_CUSTOM_MODELS__ENABLED")));
        const ManualVerdict passing =
            judgeManualOutput(QStringLiteral("manual.aigw_script"),
                              QStringLiteral(">> Env variables are set correctly \u2714\n>> Successfully "
                                             "accessed the mistral model \u2714\n"));
        QCOMPARE(passing.status, Status::Pass);
    }
    // Every line matching the fail pattern, a megabyte of them: judged in one pass of each expression
    // (issue 16, finding 3: a minute once, and quadratic again if each line's search checked the whole text).
    void aMegabyteOfFailingLinesIsJudgedInLinearTime() {
        QString output;
        while (output.size() < 1024 * 1024)
            output += QStringLiteral("Error\n");
        QElapsedTimer clock;
        clock.start();
        const ManualVerdict verdict = judgeManualOutput(QStringLiteral("manual.rake_verify"), output);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(verdict.status, Status::Fail);
        QCOMPARE(verdict.lines.size(), maxJudgedLines); // the first ones; the summary names the first failure
        QCOMPARE(verdict.summary, QStringLiteral("The output reports a failure: Error"));
    }

    // Beyond 1 MB the step says that only the first megabyte was judged (the cut was silent at 256 KiB).
    void aPasteBeyondTheCapSaysSo() {
        qRegisterMetaType<Report>("duo::Report");
        QNetworkAccessManager network;
        CheckEngine engine(&network);
        QString output = QStringLiteral(">> AI Gateway URL configured: http://aigw:5052 \u2714\n");
        output += QString(1024 * 1024, QLatin1Char('x'));
        engine.setManualOutput(QStringLiteral("manual.rake_verify"), output);
        QSignalSpy finished(&engine, &CheckEngine::finished);
        engine.start(Target{}, RunOptions{});
        QVERIFY(finished.wait(30000));
        const CheckResult* step =
            finished.constFirst().at(0).value<Report>().find(QStringLiteral("manual.rake_verify"));
        QVERIFY(step);
        QCOMPARE(step->status, Status::Pass);
        QVERIFY2(step->details.contains(QLatin1String("longer than 1 MB: only its first 1 MB were judged")),
                 qPrintable(step->details));
        QCOMPARE(step->manualOutput->size(), 1024 * 1024);
    }

    // GitLab 19's task: its Agent Platform and WebSocket lines fail, and so do the same sections of its JSON
    // summary; the JSON's own "error" keys are not read as lines; the fix names the proxy's upgrade headers.
    void newestRakeTaskAndItsSummary() {
        const ManualVerdict verdict =
            judgeManualOutput(QStringLiteral("manual.rake_verify"), sample("rake-verify-19.txt"));
        QCOMPARE(verdict.status, Status::Fail);
        QCOMPARE(verdict.finding, QStringLiteral(">> Duo Workflow Service is not reachable \u2717"));
        QStringList failed, passed;
        for (const JudgedLine& line : verdict.lines)
            (line.status == Status::Fail ? failed : passed).append(line.text);
        QVERIFY2(failed.contains(QStringLiteral(
                     ">> WebSocket upgrade did not complete (HTTP 200 instead of 101) \u2717")),
                 qPrintable(failed.join('\n')));
        QVERIFY(
            failed.contains(QStringLiteral("DIAGNOSTIC SUMMARY agent_platform_websocket: ERROR (HTTP 200)")));
        QVERIFY(
            failed.contains(QStringLiteral("DIAGNOSTIC SUMMARY duo_workflow_service: ERROR \u2014 Duo Agent "
                                           "Platform service: SSL handshake failed (wrong_version_number)")));
        QVERIFY(passed.contains(QStringLiteral("DIAGNOSTIC SUMMARY ai_gateway_health: OK")));
        QVERIFY(passed.contains(QStringLiteral(
            "DIAGNOSTIC SUMMARY transport_connectivity AI Gateway (aigw.example.com:5052): OK")));
        QCOMPARE(failed.size(), 4); // nothing in the JSON besides its two sections
        QVERIFY(manualHint(QStringLiteral("manual.rake_verify"), verdict.finding));
        QVERIFY(QString::fromUtf8(manualHint(QStringLiteral("manual.rake_verify"), failed.at(1)))
                    .contains(QLatin1String("proxy_set_header Upgrade")));
    }

    // What support tickets often carry: the summary alone, judged by its sections.
    void rakeSummaryAlone() {
        const ManualVerdict verdict = judgeManualOutput(QStringLiteral("manual.rake_verify"),
                                                        sample("rake-verify-19-summary-only.txt"));
        QCOMPARE(verdict.status, Status::Fail);
        // Sections in the JSON's key order.
        QCOMPARE(verdict.finding,
                 QStringLiteral("DIAGNOSTIC SUMMARY agent_platform_websocket: ERROR (HTTP 200)"));
        QVERIFY(QString::fromUtf8(manualHint(QStringLiteral("manual.rake_verify"), verdict.finding))
                    .contains(QLatin1String("proxy_set_header Upgrade")));
        QVERIFY(
            QString::fromUtf8(manualHint(QStringLiteral("manual.rake_verify"),
                                         QStringLiteral("DIAGNOSTIC SUMMARY duo_workflow_service: ERROR")))
                .contains(QLatin1String("DUO_WORKFLOW_TLS__ENABLED")));
        int passes = 0;
        for (const JudgedLine& line : verdict.lines)
            passes += line.status == Status::Pass ? 1 : 0;
        QCOMPARE(passes, 6); // gateway URL, endpoint, gateway health, models, features, request flow
    }

    void rakeSummaryThatIsNotJsonIsReadAsLines() {
        const ManualVerdict verdict = judgeManualOutput(
            QStringLiteral("manual.rake_verify"),
            QStringLiteral(">> AI Gateway server is accessible \u2714\nDIAGNOSTIC SUMMARY\n{ "
                           "\"cut\": \n>> Duo Workflow Service is reachable \u2714\n"));
        QCOMPARE(verdict.status, Status::Pass);
        QCOMPARE(verdict.lines.size(), 2);
    }

    // gitlab:duo:verify_setup: ✗ no in its informative rows is a value, not a failure; no runner is.
    void verifySetup() {
        const ManualVerdict verdict =
            judgeManualOutput(QStringLiteral("manual.verify_setup"), sample("verify-setup-19.txt"));
        QCOMPARE(verdict.status, Status::Fail);
        QCOMPARE(verdict.finding,
                 QStringLiteral("\u2717  No eligible runners found with the 'gitlab--duo' tag"));
        for (const JudgedLine& line : verdict.lines)
            QVERIFY2(!line.text.contains(QLatin1String("add-on purchase")), qPrintable(line.text));
        QVERIFY(QString::fromUtf8(manualHint(QStringLiteral("manual.verify_setup"), verdict.finding))
                    .contains(QLatin1String("gitlab--duo")));
        const ManualVerdict missingTask = judgeManualOutput(
            QStringLiteral("manual.verify_setup"),
            QStringLiteral("rake aborted!\nDon't know how to build task 'gitlab:duo:verify_setup'"));
        QCOMPARE(missingTask.status, Status::Fail);
        QVERIFY(QString::fromUtf8(manualHint(QStringLiteral("manual.verify_setup"), missingTask.finding))
                    .contains(QLatin1String("18.8")));
    }

    // Commands follow GitLab's version; without one they are those of 17.x, as before.
    void commandsFollowGitLabsVersion() {
        QVERIFY(commandsFor("rails_gateway_url", nullptr).contains(QLatin1String("ENV[\"AI_GATEWAY_URL\"]")));
        QVERIFY(
            commandsFor("rails_gateway_url", "17.8.2").contains(QLatin1String("ENV[\"AI_GATEWAY_URL\"]")));
        const QString since179 = commandsFor("rails_gateway_url", "17.9.0");
        QVERIFY(
            since179.contains(QLatin1String("Ai::Setting.instance.ai_gateway_url == \"http://aigw:5052\"")));
        QVERIFY(!since179.contains(QLatin1String("AI_GATEWAY_URL")));
        QVERIFY(commandsFor("expanded_ai_logging", nullptr).contains(QLatin1String("Feature.enable")));
        QVERIFY(commandsFor("expanded_ai_logging", "17.11.0").contains(QLatin1String("Feature.enable")));
        const QString logs18 = commandsFor("expanded_ai_logging", "18.3.1");
        QVERIFY(logs18.contains(QLatin1String("enabled_instance_verbose_ai_logs: true")));
        QVERIFY(!logs18.contains(QLatin1String("expanded_ai_logging")));
        QVERIFY(commandsFor("gateway_recreate", "18.6.0").contains(QLatin1String("-p 50052:50052")));
        QVERIFY(!commandsFor("gateway_recreate", nullptr).contains(QLatin1String("50052")));
        QVERIFY(commandsFor("verify_setup", "19.1.0").contains(QLatin1String("gitlab-rake")));
        QVERIFY(commandsFor("verify_setup", "18.9.0").contains(QLatin1String("gitlab-rails runner")));
        QVERIFY(!commandsFor("verify_setup", nullptr).isEmpty());
    }

    void emptyOutputStaysManual() {
        QCOMPARE(judgeManualOutput(QStringLiteral("manual.user_access"), QStringLiteral("  \n")).status,
                 Status::Manual);
    }
};

QTEST_GUILESS_MAIN(TestManualJudge)
#include "test_manualjudge.moc"
