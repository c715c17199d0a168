#include "core/engine/engine.h"
#include "core/knowledge/manualjudge.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace duo;

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

    void emptyOutputStaysManual() {
        QCOMPARE(judgeManualOutput(QStringLiteral("manual.user_access"), QStringLiteral("  \n")).status,
                 Status::Manual);
    }
};

QTEST_GUILESS_MAIN(TestManualJudge)
#include "test_manualjudge.moc"
