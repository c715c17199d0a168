#include "core/engine/diagnosis.h"

#include <QTest>

using namespace duo;

namespace {

CheckResult make(const char* id, Status status) {
    CheckResult result;
    result.id = QString::fromLatin1(id);
    result.status = status;
    result.explanation = result.id + QStringLiteral(" explanation");
    return result;
}

QStringList rootIds(const QList<RootCause>& causes) {
    QStringList ids;
    for (const RootCause& cause : causes)
        ids.append(cause.checkId);
    return ids;
}

} // namespace

class TestDiagnosis : public QObject {
    Q_OBJECT
private slots:
    void nothingFailedNoCause() {
        QVERIFY(
            diagnose({make("gitlab.reachable", Status::Pass), make("model.auth", Status::Warn)}).isEmpty());
    }

    void upstreamModelFailureExplainsGatewayAndGitLab() {
        const auto causes = diagnose({make("model.auth", Status::Fail), make("model.listed", Status::Skip),
                                      make("gateway.model_request", Status::Fail),
                                      make("gitlab.model_connection", Status::Fail),
                                      make("gitlab.code_suggestions", Status::Fail)});
        QCOMPARE(rootIds(causes), QStringList{QStringLiteral("model.auth")});
        const QStringList explains = causes.constFirst().explains;
        QVERIFY(explains.contains(QLatin1String("model.listed")));
        QVERIFY(explains.contains(QLatin1String("gateway.model_request")));
        QVERIFY(explains.contains(QLatin1String("gitlab.code_suggestions")));
    }

    void gatewayToModelBeatsTheRequestsThatCrossIt() {
        const auto causes = diagnose(
            {make("model.reachable", Status::Pass), make("model.endpoint_address", Status::Fail),
             make("gateway.model_request", Status::Fail), make("gitlab.model_connection", Status::Fail)});
        QCOMPARE(rootIds(causes), QStringList{QStringLiteral("model.endpoint_address")});
    }

    void gitlabSettingExplainsGitLabProbes() {
        const auto causes =
            diagnose({make("gitlab.ai_gateway_url", Status::Fail), make("gitlab.gateway_probe", Status::Fail),
                      make("gitlab.model_connection", Status::Fail)});
        QCOMPARE(rootIds(causes), QStringList{QStringLiteral("gitlab.ai_gateway_url")});
        QCOMPARE(causes.constFirst().explains.size(), 2);
    }

    void skipIsNeverARootCause() {
        const auto causes =
            diagnose({make("gitlab.reachable", Status::Skip), make("gitlab.token", Status::Skip)});
        QVERIFY(causes.isEmpty());
    }

    void independentFailuresAreBothRootsMostExplainingFirst() {
        const auto causes =
            diagnose({make("gitlab.license", Status::Fail), make("gateway.health", Status::Fail),
                      make("gitlab.gateway_probe", Status::Fail)});
        QCOMPARE(rootIds(causes),
                 (QStringList{QStringLiteral("gateway.health"), QStringLiteral("gitlab.license")}));
    }

    void equalSegmentsNeedADependency() {
        // Same segment "model", no dependency between endpoint_path and server_type: both stay roots.
        const auto causes =
            diagnose({make("model.server_type", Status::Fail), make("model.endpoint_path", Status::Fail)});
        QCOMPARE(causes.size(), 2);
        // model.completion depends on model.listed: the upstream one explains it.
        const auto chained =
            diagnose({make("model.listed", Status::Fail), make("model.completion", Status::Fail)});
        QCOMPARE(rootIds(chained), QStringList{QStringLiteral("model.listed")});
    }
};

QTEST_GUILESS_MAIN(TestDiagnosis)
#include "test_diagnosis.moc"
