// The log analyzer against the corpus in tests/data/logs: every log pattern is exercised, each line maps to
// the expected signature, secrets never survive, fix texts carry the admin's values.
#include "core/knowledge/signatures.h"
#include "core/logs/loganalyzer.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace duo;

namespace {

QString corpus(const QString& name) {
    QFile file(qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the corpus file %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

const char* const corpusFiles[] = {"llm.log",        "aigw-container.log", "docker-run.txt",
                                   "duo-chat.txt",   "rake-verify.txt",    "aigw-troubleshoot.txt",
                                   "model-curl.txt", "healthy.log"};

} // namespace

class TestLogAnalyzer : public QObject {
    Q_OBJECT
private slots:
    void eachLineMapsToItsSignature_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected"); // "line:signature", in order
        QTest::newRow("llm.log") << "llm.log"
                                 << QStringList{"2:gitlab.outbound.unreachable",
                                                "3:gitlab.outbound.local_blocked", "4:log.read_timeout",
                                                "5:gitlab.outbound.proxy"};
        QTest::newRow("gateway") << "aigw-container.log"
                                 << QStringList{
                                        "2:log.jwks_unreachable",       "3:log.gateway_token_rejected",
                                        "4:log.gateway_token_rejected", "5:gateway.rejects_gitlab",
                                        "6:gateway.auth_bypass_off",    "7:gateway.model_connection_error",
                                        "8:gateway.model_not_found",    "9:gateway.llm_provider_missing",
                                        "10:gateway.model_auth",        "11:model.completion.context",
                                        "12:log.gateway_tls_verify",    "13:gateway.custom_models_disabled",
                                        "14:log.gateway_version",       "15:log.gateway_token_rejected",
                                        "16:gateway.model_auth"};
        QTest::newRow("docker") << "docker-run.txt"
                                << QStringList{"2:log.image_platform", "3:log.port_in_use",
                                               "4:log.image_platform"};
        QTest::newRow("duo chat") << "duo-chat.txt"
                                  << QStringList{"1:log.duo_chat_a1001",
                                                 "2:log.read_timeout",
                                                 "3:log.duo_chat_a1003",
                                                 "4:log.duo_chat_a1002",
                                                 "5:log.duo_chat_a1004",
                                                 "6:log.duo_chat_a1005",
                                                 "7:log.duo_chat_agent_gave_up",
                                                 "8:log.duo_chat_agent_platform",
                                                 "9:log.duo_chat_no_access",
                                                 "10:log.duo_chat_turned_off",
                                                 "11:log.duo_chat_default_namespace",
                                                 "12:log.duo_chat_agent_gave_up"};
        QTest::newRow("rake") << "rake-verify.txt"
                              << QStringList{"3:log.tls_not_trusted",
                                             "5:log.license_no_code_suggestions",
                                             "6:gitlab.user.no_access",
                                             "7:gitlab.outbound.unreachable",
                                             "8:gitlab.outbound.unreachable",
                                             "9:gitlab.outbound.unreachable",
                                             "10:log.gitlab_gateway_url_invalid",
                                             "12:log.rake_identifier_prefix"};
        QTest::newRow("gateway script")
            << "aigw-troubleshoot.txt"
            << QStringList{"3:gateway.custom_models_disabled", "4:log.aigw_gitlab_url_unset",
                           "5:log.bedrock_credentials", "6:log.gateway_model_failed"};
        QTest::newRow("model server") << "model-curl.txt" << QStringList{"2:gateway.model_auth"};
        QTest::newRow("healthy") << "healthy.log" << QStringList{};
    }
    void eachLineMapsToItsSignature() {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        const LogAnalysis analysis = analyzeLog(corpus(file));
        QStringList found;
        for (const LogFinding& finding : analysis.findings) {
            found.append(QStringLiteral("%1:%2").arg(finding.line).arg(finding.signatureId));
            QVERIFY(!finding.explanation.isEmpty());
            QVERIFY(!finding.fix.isEmpty());
        }
        QCOMPARE(found, expected);
    }

    void theCorpusCoversEveryLogPattern() {
        QSet<QString> seen;
        for (const char* file : corpusFiles) {
            for (const LogFinding& finding : analyzeLog(corpus(QString::fromLatin1(file))).findings)
                seen.insert(finding.signatureId);
        }
        for (const QString& id : logPatternSignatures()) {
            QVERIFY2(findSignature(id), qPrintable(id + " is not in the signature table"));
            QVERIFY2(seen.contains(id), qPrintable(id + " is never matched by tests/data/logs"));
        }
    }

    // Beyond the part that is analyzed (8 M characters) the text is still shown again only redacted.
    void aSecretPastTheAnalyzedPartIsRedactedToo() {
        Target target;
        target.modelKey = Secret(QStringLiteral("my-own-model-key-123"));
        QString text(9 * 1024 * 1024, QLatin1Char('x'));
        text += QStringLiteral("\nkey my-own-model-key-123 and glpat-Zx81QwErTyUiOpAsDfGh\n");
        const LogAnalysis analysis = analyzeLog(text, target);
        QVERIFY(analysis.truncated);
        QVERIFY(!analysis.redactedText.contains(QLatin1String("my-own-model-key-123")));
        QVERIFY(!analysis.redactedText.contains(QLatin1String("glpat-Zx81QwErTyUiOpAsDfGh")));
        QVERIFY(analysis.redactedText.endsWith(QStringLiteral("key *** and ***\n")));
    }

    void secretsAreRedactedBeforeAnythingIsKept() {
        Target target;
        target.modelKey = Secret(QStringLiteral("my-own-model-key-123"));
        const QString text =
            corpus(QStringLiteral("llm.log")) + corpus(QStringLiteral("aigw-container.log")) +
            QStringLiteral("\nlitellm.AuthenticationError: key my-own-model-key-123 rejected\n");
        const LogAnalysis analysis = analyzeLog(text, target);
        const QByteArray json = QJsonDocument(logAnalysisToJson(analysis)).toJson();
        const QString all = QString::fromUtf8(json) + logAnalysisToText(analysis) + analysis.redactedText;
        for (const char* secret :
             {"glpat-Zx81QwErTyUiOpAsDfGh", "sk-live-4f9a8b7c6d5e4f3a2b1c", "my-own-model-key-123"})
            QVERIFY2(!all.contains(QLatin1String(secret)), secret);
        QVERIFY(all.contains(QStringLiteral("***")));
    }

    void fixesCarryTheAdminsValuesAndNoRawPlaceholder() {
        Target target;
        target.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
        target.gatewayUrl = QUrl(QStringLiteral("http://aigw.example.com:5052"));
        target.modelEndpoint = QUrl(QStringLiteral("http://vllm.example.com:8000/v1"));
        target.modelIdentifier = QStringLiteral("custom_openai/mistralai/Mistral-7B-Instruct-v0.3");
        QString all;
        for (const char* file : corpusFiles) {
            for (const LogFinding& finding : analyzeLog(corpus(QString::fromLatin1(file)), target).findings) {
                all += finding.explanation + finding.fix;
                for (const Command& command : finding.commands)
                    all += command.command;
            }
        }
        QVERIFY(all.contains(QStringLiteral("aigw.example.com")));
        QVERIFY(all.contains(QStringLiteral("https://gitlab.example.com")));
        // curl's own -w '%{http_code}' is not one of ours.
        static const QRegularExpression raw(QStringLiteral("(?<!%)\\{[a-z_]+(:[a-z]+)?\\}"));
        const auto match = raw.match(all);
        QVERIFY2(!match.hasMatch(), qPrintable(match.captured(0)));
    }

    void jsonLinesExplainWithTheirMessageNotTheWholeLine() {
        const LogAnalysis analysis = analyzeLog(corpus(QStringLiteral("llm.log")));
        QVERIFY(analysis.findings.first().explanation.contains(
            QStringLiteral("\"Failed to open TCP connection to 10.0.4.12:5052")));
        QVERIFY(!analysis.findings.first().explanation.contains(QStringLiteral("correlation_id")));
    }

    // A secret that hides behind a JSON escape or an invisible separator comes out of no output, not even
    // once the analyzer has decoded the message into its explanation (issue 16, findings 1 and 2).
    void hiddenSecretsStayOutOfEveryOutput_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("secret");
        QTest::newRow("escaped letter in a token")
            << "{\"message\":\"Connection refused glpat-\\u0041bcdefghijklmnop\"}"
            << "bcdefghijklmnop";
        QTest::newRow("escaped space after Bearer")
            << "{\"message\":\"Connection refused, sent Bearer\\u0020abcdefghijklmnop\"}"
            << "abcdefghijklmnop";
        QTest::newRow("url password with \\u0040")
            << "{\"message\":\"Connection refused by http://user:s3cretpw\\u0040proxy.example:3128\"}"
            << "s3cretpw";
        QTest::newRow("the target's key with one escaped letter")
            << "{\"message\":\"Connection refused, key my-own-m\\u006fdel-key-123\"}"
            << "del-key-123";
        QTest::newRow("zero-width space after Bearer")
            << QStringLiteral("Connection refused, sent Bearer\u200babcdefghijklmnop") << "abcdefghijklmnop";
        QTest::newRow("carriage return after PRIVATE-TOKEN:")
            << QStringLiteral("Connection refused, PRIVATE-TOKEN:\rabcdefghij") << "abcdefghij";
    }
    void hiddenSecretsStayOutOfEveryOutput() {
        QFETCH(QString, line);
        QFETCH(QString, secret);
        Target target;
        target.modelKey = Secret(QStringLiteral("my-own-model-key-123"));
        const LogAnalysis analysis = analyzeLog(line + QLatin1Char('\n'), target);
        QCOMPARE(analysis.findings.size(), 1);
        const QString all = QString::fromUtf8(QJsonDocument(logAnalysisToJson(analysis)).toJson()) +
                            logAnalysisToText(analysis) + analysis.redactedText;
        QVERIFY2(!all.contains(secret), qPrintable(all));
        QVERIFY2(analysis.findings.first().explanation.contains(QLatin1String("***")),
                 qPrintable(analysis.findings.first().explanation));
    }

    // The explanation quotes the gateway's message whole: its timestamp is not taken for a token (issue 16,
    // finding 5).
    void theExplanationQuotesTheMessageUngarbled() {
        const LogAnalysis analysis = analyzeLog(corpus(QStringLiteral("aigw-container.log")));
        QStringList explanations;
        for (const LogFinding& finding : analysis.findings)
            explanations << finding.explanation;
        const QString all = explanations.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("The gateway rejected a token: \"2026-11-20 09:30:05 [error    ] "
                                            "Signature verification failed")),
                 qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("token: \"***")), qPrintable(all));
    }

    void hugeAndGarbledInputIsBoundedAndSaysSo() {
        QString huge;
        huge.reserve(9 * 1024 * 1024);
        while (huge.size() < 9 * 1024 * 1024)
            huge += QStringLiteral("\x01\xff garbage without meaning ") + QChar(0xFFFD) + QLatin1Char('\n');
        huge += QStringLiteral("Error code: A1001\n"); // beyond the cap: not read
        const LogAnalysis analysis = analyzeLog(huge);
        QVERIFY(analysis.truncated);
        QVERIFY(analysis.findings.isEmpty());
        QVERIFY(logAnalysisToText(analysis).contains(QStringLiteral("No known failure")));
    }
};

QTEST_GUILESS_MAIN(TestLogAnalyzer)
#include "test_loganalyzer.moc"
