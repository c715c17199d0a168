// The engine against the in-process simulated stack: signals, cancel, re-run, pasted manual output.
#include "core/engine/diagnosis.h"
#include "core/engine/engine.h"
#include "sim/simstack.h"
#include "sim/simtarget.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace duo;

class TestEngine : public QObject {
    Q_OBJECT
private:
    QNetworkAccessManager m_network;

    static Report waitForFinish(CheckEngine& engine, int timeoutMs = 30000) {
        QSignalSpy finished(&engine, &CheckEngine::finished);
        if (!finished.wait(timeoutMs))
            qFatal("the run did not finish");
        return finished.takeFirst().at(0).value<Report>();
    }

private slots:
    void initTestCase() { qRegisterMetaType<Report>("duo::Report"); }

    void everyCheckReportsStartAndFinishWithProgress() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        QSignalSpy started(&engine, &CheckEngine::started);
        QSignalSpy finishedChecks(&engine, &CheckEngine::checkFinished);
        QSignalSpy progress(&engine, &CheckEngine::progress);
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()));
        QVERIFY(engine.isRunning());
        const Report report = waitForFinish(engine);
        QCOMPARE(started.count(), 1);
        const QStringList ids = started.constFirst().at(0).toStringList();
        QCOMPARE(ids.size(), checkCatalog().size());
        // Every check reports once it is final (texts completed at the end of the run may report again).
        QSet<QString> finishedIds;
        for (const QList<QVariant>& arguments : finishedChecks)
            finishedIds.insert(arguments.at(0).value<CheckResult>().id);
        QCOMPARE(finishedIds.size(), ids.size());
        QCOMPARE(progress.constLast().at(0).toInt(), int(ids.size()));
        QVERIFY(report.rootCauses.isEmpty());
        QVERIFY(!engine.isRunning());
    }

    // GitLab 17.11 rejects a document naming duoAgentPlatformServiceUrl (undefinedField): the checks of
    // GitLab's Agent Platform settings skip, naming the version, and fail nothing.
    void agentPlatformChecksSkipNamingTheVersionWhereGitLabLacksTheField() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("gitlab-17-agent-platform"), &error), qPrintable(error));
        Target target = sim::targetFromSim(stack.inputs());
        target.agentPlatformAddress = QStringLiteral("aigw.example.com:50052");
        CheckEngine engine(&m_network);
        const QStringList ids{QStringLiteral("gitlab.agent_platform_url"),
                              QStringLiteral("gitlab.duo_runner"), QStringLiteral("gitlab.feature_routing")};
        engine.start(target, sim::optionsFromSim(stack.inputs()), ids);
        const Report report = waitForFinish(engine);
        for (const QString& id : ids) {
            const CheckResult* result = report.find(id);
            QVERIFY2(result && result->status == Status::Skip, qPrintable(id));
            QVERIFY2(result->summary.contains(QLatin1String("GitLab 17.11.0")), qPrintable(result->summary));
        }
        // The typed address still reaches the service checks.
        const CheckResult* url = report.find(ids.first());
        QCOMPARE(url->evidence.value(QStringLiteral("agent_platform_address")).toString(),
                 QStringLiteral("aigw.example.com:50052"));
        QCOMPARE(url->evidence.value(QStringLiteral("agent_platform_address_source")).toString(),
                 QStringLiteral("typed"));
    }

    // What the service checks read: GitLab's address without its scheme, and GitLab's TLS setting; a typed
    // address overrides it.
    void agentPlatformAddressEvidence() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("agent-platform-url-with-scheme"), &error), qPrintable(error));
        const QString listening = stack.inputs().agentPlatformAddress;
        for (const QString& typed : {QString(), QStringLiteral("[::1]:50052")}) {
            Target target = sim::targetFromSim(stack.inputs());
            target.agentPlatformAddress = typed;
            CheckEngine engine(&m_network);
            engine.start(target, sim::optionsFromSim(stack.inputs()),
                         {QStringLiteral("gitlab.agent_platform_url")});
            const Report report = waitForFinish(engine); // find() points into it
            const CheckResult* url = report.find(QStringLiteral("gitlab.agent_platform_url"));
            QVERIFY(url);
            QCOMPARE(url->status, Status::Fail);
            QCOMPARE(url->evidence.value(QStringLiteral("gitlab_agent_platform_url")).toString(),
                     QStringLiteral("http://") + listening);
            QCOMPARE(url->evidence.value(QStringLiteral("agent_platform_address")).toString(),
                     typed.isEmpty() ? listening : typed);
            QCOMPARE(url->evidence.value(QStringLiteral("agent_platform_address_source")).toString(),
                     typed.isEmpty() ? QStringLiteral("gitlab") : QStringLiteral("typed"));
            QCOMPARE(url->evidence.value(QStringLiteral("agent_platform_tls")), QJsonValue(false));
            QVERIFY2(url->fix.contains(listening), qPrintable(url->fix));
        }
    }

    void agentPlatformGitLabChecksPassOnAHealthyGitLab19() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("agent-platform-healthy"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        const QStringList ids{QStringLiteral("gitlab.agent_platform_url"),
                              QStringLiteral("gitlab.duo_runner"), QStringLiteral("gitlab.feature_routing"),
                              QStringLiteral("gitlab.gateway_probe")};
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()), ids);
        const Report report = waitForFinish(engine);
        for (const QString& id : ids)
            QVERIFY2(report.find(id)->status == Status::Pass,
                     qPrintable(id + ": " + report.find(id)->summary));
        const QJsonArray features = report.find(QStringLiteral("gitlab.feature_routing"))
                                        ->evidence.value(QStringLiteral("features"))
                                        .toArray();
        QCOMPARE(features.size(), 5);
        for (const QJsonValue& feature : features)
            QCOMPARE(feature[QStringLiteral("provider")].toString(), QStringLiteral("self_hosted"));
        QCOMPARE(report.find(QStringLiteral("gitlab.gateway_probe"))
                     ->evidence.value(QStringLiteral("agent_platform_probe"))[QStringLiteral("success")],
                 QJsonValue(true));
        QCOMPARE(report.find(QStringLiteral("gitlab.duo_runner"))
                     ->evidence.value(QStringLiteral("runners"))[0][QStringLiteral("executor")],
                 QJsonValue(QStringLiteral("docker")));
    }

    // The leading cause is announced once it is certain: the key the model server refuses, while the
    // gateway's request to the model (which it explains) is still on its way.
    void theLeadingCauseIsAnnouncedOnceCertain() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("model-key-rejected"), &error), qPrintable(error));
        stack.setLatencyMs(200);
        CheckEngine engine(&m_network);
        bool runningWhenAnnounced = false;
        QStringList announced;
        connect(&engine, &CheckEngine::likelyCauseKnown, this, [&](const RootCause& cause) {
            runningWhenAnnounced = engine.isRunning();
            announced.append(cause.checkId);
        });
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()));
        const Report report = waitForFinish(engine);
        QCOMPARE(announced, QStringList{QStringLiteral("model.auth")});
        QVERIFY(runningWhenAnnounced);
        QCOMPARE(report.rootCauses.constFirst().checkId, QStringLiteral("model.auth"));
    }

    // Nothing is announced while a check still running could still outrank the leading failure.
    void noCauseIsCertainWhileAnUnrelatedCheckRuns() {
        CheckResult failed;
        failed.id = QStringLiteral("model.auth");
        failed.status = Status::Fail;
        CheckResult running;
        running.id = QStringLiteral("gitlab.token");
        running.status = Status::Running;
        QVERIFY(!certainLeadingCause({failed, running}));
        running.id = QStringLiteral("gateway.model_request"); // its path holds the model's
        QCOMPARE(certainLeadingCause({failed, running})->checkId, QStringLiteral("model.auth"));
    }

    void onlyRunsTheAskedChecksAndTheirDependencies() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()),
                     {QStringLiteral("gitlab.version")});
        const Report report = waitForFinish(engine);
        QCOMPARE(report.checks.size(), 3);
        QCOMPARE(report.find(QStringLiteral("gitlab.version"))->status, Status::Pass);
    }

    void cancelEndsARunStuckOnABlackHoleAtOnce() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("gateway-black-hole"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        RunOptions options = sim::optionsFromSim(stack.inputs());
        options.timeoutMs = 30000;
        QSignalSpy finished(&engine, &CheckEngine::finished);
        engine.start(sim::targetFromSim(stack.inputs()), options);
        QTest::qWait(500);
        QElapsedTimer clock;
        clock.start();
        engine.cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(clock.elapsed() < 1000);
        const Report report = finished.constFirst().at(0).value<Report>();
        QVERIFY(report.cancelled);
        for (const CheckResult& check : report.checks)
            QVERIFY2(isFinal(check.status), qPrintable(check.id));
        QCOMPARE(report.find(QStringLiteral("gateway.reachable"))->status, Status::Skip);
    }

    void pastedOutputChangesTheDiagnosis() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()));
        waitForFinish(engine);
        QSignalSpy changed(&engine, &CheckEngine::diagnosisChanged);
        engine.setManualOutput(QStringLiteral("manual.aigw_env"), QStringLiteral("true\n\n"));
        QVERIFY(changed.wait(5000));
        const Report report = changed.constLast().at(0).value<Report>();
        QCOMPARE(report.find(QStringLiteral("manual.aigw_env"))->status, Status::Fail);
        QCOMPARE(report.rootCauses.constFirst().checkId, QStringLiteral("manual.aigw_env"));
        engine.setManualOutput(QStringLiteral("manual.aigw_env"), QStringLiteral("true\ntrue\n"));
        QVERIFY(changed.wait(5000));
        QVERIFY(changed.constLast().at(0).value<Report>().rootCauses.isEmpty());
    }

    void aSlowModelWarnsWhenItNearsGitLabsTimeout() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        stack.setLatencyMs(700);
        CheckEngine engine(&m_network);
        RunOptions options = sim::optionsFromSim(stack.inputs());
        options.inferenceTimeoutMs = 1200; // the budget: 700 ms is more than half of it
        options.timeoutMs = 5000;
        engine.start(sim::targetFromSim(stack.inputs()), options,
                     {QStringLiteral("model.latency"), QStringLiteral("model.context_length")});
        const Report report = waitForFinish(engine, 30000);
        const CheckResult* latency = report.find(QStringLiteral("model.latency"));
        QVERIFY(latency);
        QCOMPARE(latency->status, Status::Warn);
        QVERIFY2(latency->summary.contains(QStringLiteral("% of the 1.2 s")), qPrintable(latency->summary));
        QVERIFY(latency->fix.contains(QStringLiteral("AI gateway request timeout")));
        QCOMPARE(report.find(QStringLiteral("model.context_length"))->status, Status::Pass);
    }

    void rerunResetsTheCheckAndItsDependents() {
        sim::SimStack stack;
        QString error;
        QVERIFY2(stack.start(QStringLiteral("healthy"), &error), qPrintable(error));
        CheckEngine engine(&m_network);
        engine.start(sim::targetFromSim(stack.inputs()), sim::optionsFromSim(stack.inputs()));
        waitForFinish(engine);
        QSignalSpy startedChecks(&engine, &CheckEngine::checkStarted);
        engine.rerun({QStringLiteral("model.auth")});
        const Report report = waitForFinish(engine);
        QStringList rerun;
        for (const QList<QVariant>& arguments : startedChecks)
            rerun.append(arguments.at(0).toString());
        rerun.sort();
        // model.parameters, model.streaming and model.tool_calling wait on model.completion (issue 18).
        QCOMPARE(rerun,
                 (QStringList{QStringLiteral("model.auth"), QStringLiteral("model.completion"),
                              QStringLiteral("model.context_length"), QStringLiteral("model.latency"),
                              QStringLiteral("model.listed"), QStringLiteral("model.parameters"),
                              QStringLiteral("model.streaming"), QStringLiteral("model.tool_calling")}));
        QCOMPARE(report.find(QStringLiteral("model.completion"))->status, Status::Pass);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "test_engine.moc"
