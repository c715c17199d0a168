#include "core/engine/catalog.h"
#include "core/knowledge/commandsets.h"

#include <QSet>
#include <QTest>

using namespace duo;

class TestCatalog : public QObject {
    Q_OBJECT
private slots:
    // The ids are a public contract: this list may grow, never shrink or change.
    void publicIdsArePresent() {
        const QStringList ids{"gitlab.reachable",
                              "gitlab.token",
                              "gitlab.version",
                              "gitlab.license",
                              "gitlab.user_access",
                              "gitlab.self_hosted_features",
                              "gitlab.ai_gateway_url",
                              "gitlab.code_suggestions",
                              "gitlab.gateway_probe",
                              "gitlab.model_connection",
                              "gateway.reachable",
                              "gateway.health",
                              "gateway.auth_bypass",
                              "gateway.model_request",
                              "model.endpoint_address",
                              "model.reachable",
                              "model.server_type",
                              "model.endpoint_path",
                              "model.auth",
                              "model.listed",
                              "model.completion"};
        for (const QString& id : ids)
            QVERIFY2(findCheck(id), qPrintable(id));
    }
    void rowsAreConsistent() {
        QSet<QString> seen;
        for (const CheckDefinition& definition : checkCatalog()) {
            QVERIFY2(!seen.contains(definition.id), qPrintable(definition.id));
            seen.insert(definition.id);
            QVERIFY(definition.run);
            QVERIFY(definition.title && *definition.title);
            QVERIFY(definition.section && *definition.section);
            QVERIFY(!definition.segments.isEmpty());
            for (const QString& segment : definition.segments)
                QVERIFY2(pathSegments().contains(segment),
                         qPrintable(definition.id + QLatin1Char(' ') + segment));
            for (const QString& dependency : definition.dependsOn + definition.after)
                QVERIFY2(findCheck(dependency), qPrintable(dependency));
        }
        QVERIFY(seen.size() >= 30);
    }
    void manualStepsHaveDockerAndKubectlWhereAContainerIsInvolved() {
        const TemplateValues values{
            {QStringLiteral("models_url"), QStringLiteral("http://m:8000/v1/models")}};
        const QList<Command> commands = commandSet(QStringLiteral("curl_model_from_gateway"), values);
        QCOMPARE(commands.size(), 2);
        QVERIFY(commands.at(0).command.startsWith(QLatin1String("docker exec")));
        QVERIFY(commands.at(1).command.startsWith(QLatin1String("kubectl")));
        QVERIFY(commands.at(0).command.contains(QLatin1String("<your-model-api-key>")));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "test_catalog.moc"
