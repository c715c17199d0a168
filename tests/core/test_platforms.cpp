// The identifier decides the platform (core/knowledge/platforms.cpp), and model.platform judges its form.
#include "core/knowledge/platforms.h"

#include <QTest>

using namespace duo;

class TestPlatforms : public QObject {
    Q_OBJECT
private slots:
    void prefixDecidesThePlatform_data() {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("model");
        QTest::newRow("custom") << "custom_openai/mistralai/Mistral-7B"
                                << "custom_openai"
                                << "mistralai/Mistral-7B";
        QTest::newRow("none") << ""
                              << "custom_openai"
                              << "";
        QTest::newRow("no prefix") << "mistral"
                                   << "custom_openai"
                                   << "mistral";
        QTest::newRow("bedrock") << "bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0"
                                 << "bedrock"
                                 << "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
        QTest::newRow("mantle") << "bedrock_mantle/openai.gpt-oss-120b"
                                << "bedrock_mantle"
                                << "openai.gpt-oss-120b";
        QTest::newRow("azure") << "azure/gpt-4o-prod"
                               << "azure"
                               << "gpt-4o-prod";
        QTest::newRow("vertex") << "vertex_ai/claude-sonnet-4"
                                << "vertex_ai"
                                << "claude-sonnet-4";
        QTest::newRow("anthropic") << "anthropic/claude-sonnet-4"
                                   << "anthropic"
                                   << "claude-sonnet-4";
        QTest::newRow("openai") << "openai/gpt-4o"
                                << "openai"
                                << "gpt-4o";
    }
    void prefixDecidesThePlatform() {
        QFETCH(QString, identifier);
        QFETCH(QString, key);
        QFETCH(QString, model);
        QCOMPARE(QString::fromLatin1(platformOf(identifier).key), key);
        QCOMPARE(modelPart(identifier), model);
    }

    void onlyPlatformsTheDesktopCannotCallHaveASkipReason() {
        QVERIFY(platformSkipReason(platformOf(QStringLiteral("bedrock/x"))).contains(QStringLiteral("AWS")));
        QVERIFY(platformSkipReason(platformOf(QStringLiteral("azure/x"))).isEmpty());
        QVERIFY(!platformOf(QStringLiteral("bedrock/x")).needsEndpoint);
        QVERIFY(platformOf(QStringLiteral("azure/x")).needsEndpoint);
    }

    void bedrockInferenceProfiles() {
        QVERIFY(needsInferenceProfile(QStringLiteral("anthropic.claude-3-7-sonnet-20250219-v1:0")));
        QVERIFY(needsInferenceProfile(QStringLiteral("anthropic.claude-sonnet-4-20250514-v1:0")));
        QVERIFY(!needsInferenceProfile(QStringLiteral("us.anthropic.claude-3-7-sonnet-20250219-v1:0")));
        QVERIFY(!needsInferenceProfile(QStringLiteral("global.anthropic.claude-sonnet-4-20250514-v1:0")));
        QVERIFY(!needsInferenceProfile(QStringLiteral("anthropic.claude-3-haiku-20240307-v1:0")));
        QVERIFY(isApplicationProfileArn(QStringLiteral(
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz")));
        QVERIFY(!isApplicationProfileArn(QStringLiteral("anthropic.claude-3-7-sonnet-20250219-v1:0")));
    }

    void azureApiVersions() {
        QVERIFY(isAzureApiVersion(QString::fromLatin1(defaultAzureApiVersion)));
        QVERIFY(isAzureApiVersion(QStringLiteral("2025-04-01-preview")));
        QVERIFY(!isAzureApiVersion(QStringLiteral("0613")));
        QVERIFY(!isAzureApiVersion(QStringLiteral("v1")));
    }
};

QTEST_GUILESS_MAIN(TestPlatforms)
#include "test_platforms.moc"
