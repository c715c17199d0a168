// The log analyzer against the corpus in tests/data/logs: every log pattern is exercised, each line maps to
// the expected signature, secrets never survive, fix texts carry the admin's values.
#include "core/knowledge/signatures.h"
#include "core/logs/loganalyzer.h"
#include "core/logs/logpatterns.h"

#include <zlib.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace duo;

namespace {

QString corpus(const QString& name) {
    QFile file(qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the corpus file %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

const char* const corpusFiles[] = {
    "llm.log",         "aigw-container.log",    "docker-run.txt",     "duo-chat.txt",
    "rake-verify.txt", "aigw-troubleshoot.txt", "model-curl.txt",     "healthy.log",
    "duo-chat-18.txt", "code-review-flow.txt",  "gitlab-18-llm.log",  "aigw-18.log",
    "sidekiq.log",     "runner-job.log",        "agent-platform.log", "model-platforms.log"};

QString corpusPath(const QString& name) {
    return qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/") + name;
}

LogInput fileInput(const QString& path) {
    QString error;
    const auto inputs = expandLogInputs({path}, &error);
    if (!inputs || inputs->size() != 1)
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(error));
    return inputs->constFirst();
}

LogAnalysis analyzeFiles(const QStringList& names, const Target& target = {}, LogScanOptions options = {}) {
    QList<LogInput> inputs;
    for (const QString& name : names)
        inputs.append(fileInput(name.startsWith(QLatin1Char('/')) ? name : corpusPath(name)));
    QString error;
    const auto analysis = analyzeLogInputs(inputs, target, options, &error);
    if (!analysis)
        qFatal("analysis failed: %s", qPrintable(error));
    return *analysis;
}

QString everyOutput(const LogAnalysis& analysis) {
    return QString::fromUtf8(QJsonDocument(logAnalysisToJson(analysis)).toJson()) +
           logAnalysisToText(analysis) + logAnalysisToMarkdown(analysis);
}

void writeGzip(const QString& path, const QByteArray& bytes) {
    gzFile file = gzopen(path.toLocal8Bit().constData(), "wb");
    QVERIFY(file);
    QCOMPARE(gzwrite(file, bytes.constData(), unsigned(bytes.size())), int(bytes.size()));
    QCOMPARE(gzclose(file), Z_OK);
}

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
        QTest::newRow("gateway")
            << "aigw-container.log"
            << QStringList{"2:log.jwks_unreachable",       "3:log.gateway_token_rejected",
                           "4:log.gateway_token_rejected", "5:gateway.rejects_gitlab",
                           "6:gateway.auth_bypass_off",    "7:model.endpoint_address.container_self",
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
        QTest::newRow("duo chat 18/19")
            << "duo-chat-18.txt" << QStringList{"1:log.duo_chat_m2000",      "2:log.duo_chat_m3003",
                                                "3:log.duo_chat_m3005",      "4:log.duo_chat_retry",
                                                "5:log.duo_chat_retry",      "6:log.duo_chat_retry",
                                                "7:log.duo_chat_wrong_page", "8:log.duo_chat_wrong_page",
                                                "9:log.duo_chat_wrong_page", "10:log.duo_chat_retry"};
        QTest::newRow("code review flow")
            << "code-review-flow.txt"
            << QStringList{"1:log.dcr_flow_disabled", "2:log.dcr_flow_disabled", "3:log.dcr_out_of_credits",
                           "4:log.dcr_permissions",   "5:log.dcr_permissions",   "6:log.dcr_tokens",
                           "7:log.dcr_permissions",   "8:log.dcr_flow_disabled", "9:log.dcr_retry",
                           "10:log.dcr_retry",        "11:log.dcr_no_runner",    "12:log.dcr_out_of_credits",
                           "13:log.dcr_retry",        "14:log.dcr_retry"};
        QTest::newRow("llm.log 18/19")
            << "gitlab-18-llm.log"
            << QStringList{"2:log.rails_gateway_tls", "4:log.read_timeout", "5:log.read_timeout"};
        QTest::newRow("gateway and agent platform 18/19")
            << "aigw-18.log"
            << QStringList{"3:model.endpoint_address.container_self",
                           "4:log.jwks_network",
                           "5:log.token_creation_failed",
                           "6:log.jwks_incomplete",
                           "7:log.jwks_incomplete",
                           "8:log.jwks_unreachable",
                           "9:log.gateway_token_rejected",
                           "10:log.dws_customer_portal",
                           "11:log.grpc_metadata_limit",
                           "12:log.workflow_empty_repo",
                           "13:gateway.model_connection_error"};
        QTest::newRow("sidekiq") << "sidekiq.log" << QStringList{"2:log.instance_id_mismatch"};
        QTest::newRow("runner") << "runner-job.log" << QStringList{"8:log.runner_ca", "10:log.runner_ca"};
        QTest::newRow("websocket") << "agent-platform.log"
                                   << QStringList{"1:log.websocket_1006", "2:log.websocket_1006"};
        QTest::newRow("model platforms")
            << "model-platforms.log"
            << QStringList{"1:log.bedrock_on_demand",          "2:log.bedrock_use_case",
                           "3:log.bedrock_access_denied",      "4:log.bedrock_throttling",
                           "5:log.bedrock_credentials",        "6:log.bedrock_assume_role",
                           "7:log.azure_deployment_not_found", "8:log.azure_access_denied",
                           "9:log.vllm_tool_parser",           "10:log.vllm_chat_template",
                           "11:log.reasoning_params",          "12:log.reasoning_params"};
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
        QVERIFY2(
            all.contains(QLatin1String("The gateway rejected a token: \"Signature verification failed\"")),
            qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("[error")), qPrintable(all));
        QVERIFY2(!all.contains(QLatin1String("token: \"***")), qPrintable(all));
    }

    // Every alternative of a pattern holds one of its row's anchors: on every corpus line, a row that matches
    // is among the prefilter's candidates, so the one-pass prefilter never hides a finding.
    void thePrefilterNeverHidesAMatch() {
        const LogMatcher& matcher = LogMatcher::instance();
        for (const char* file : corpusFiles) {
            for (const QString& line : corpus(QString::fromLatin1(file)).split(QLatin1Char('\n'))) {
                const PatternSet candidates = matcher.candidatesIn(line.toUtf8());
                for (int row = 0; row < matcher.patterns().size(); ++row) {
                    if (matcher.patterns().at(row).expression.match(line).hasMatch())
                        QVERIFY2(candidates.test(row),
                                 qPrintable(QString::fromLatin1(matcher.patterns().at(row).row->signatureId) +
                                            QStringLiteral(" hidden on: ") + line));
                }
            }
        }
    }

    // GitLab's llm.log and the gateway's log: the lines of one correlation_id joined, in time order, from
    // both files; a time without a zone read as UTC and marked so.
    void aRequestIsFollowedAcrossFiles() {
        const LogAnalysis analysis =
            analyzeFiles({QStringLiteral("gitlab-18-llm.log"), QStringLiteral("aigw-18.log")});
        const auto request =
            std::find_if(analysis.requests.cbegin(), analysis.requests.cend(), [](const LogRequest& r) {
                return r.correlationId == QLatin1String("01JDR8B7TW2N");
            });
        QVERIFY(request != analysis.requests.cend());
        QStringList places;
        for (const LogRequestLine& line : request->lines)
            places << QFileInfo(line.file).fileName() + QLatin1Char(':') + QString::number(line.line);
        QCOMPARE(places, (QStringList{"gitlab-18-llm.log:3", "aigw-18.log:1", "aigw-18.log:2",
                                      "gitlab-18-llm.log:4", "gitlab-18-llm.log:5"}));
        QVERIFY(request->lines.at(1).assumedUtc);
        QCOMPARE(request->lines.at(1).time, QDateTime(QDate(2026, 11, 20), QTime(9, 40, 12, 102), Qt::UTC));
        QVERIFY(!request->lines.at(0).assumedUtc);
        QCOMPARE(request->findings.size(), 2);
        QCOMPARE(analysis.requestsTotal, 6);
        const QJsonObject json = logAnalysisToJson(analysis);
        QCOMPARE(json.value("findings_total").toInt(), analysis.findings.size());
        QCOMPARE(json.value("requests_total").toInt(), 6);
        const QJsonObject first = json.value("findings").toArray().first().toObject();
        QVERIFY(first.value("file").toString().endsWith(QLatin1String("gitlab-18-llm.log")));
        QCOMPARE(first.value("correlation_id").toString(), QStringLiteral("01JDR7Q3M5KX"));
        for (const QJsonValue& value : json.value("findings").toArray()) {
            if (value.toObject().value("signature").toString() == QLatin1String("log.token_creation_failed"))
                QVERIFY(!value.toObject().contains("correlation_id")); // the line has none
        }
        const QJsonObject lineJson =
            json.value("requests").toArray().at(1).toObject().value("lines").toArray().at(1).toObject();
        QCOMPARE(lineJson.value("time").toString(), QStringLiteral("2026-11-20T09:40:12.102Z"));
        QVERIFY(lineJson.value("time_zone_assumed").toBool());
        QVERIFY(logAnalysisToText(analysis).contains(QStringLiteral("request 01JDR8B7TW2N")));
        QVERIFY(logAnalysisToMarkdown(analysis).contains(QStringLiteral("01JDR8B7TW2N")));
        // The bearer token on a request's line is in no output.
        QVERIFY(!everyOutput(analysis).contains(QLatin1String("Q9wErTy8UiOp7AsDf6Gh")));
    }

    // The line's own values fill the fix where no profile gives them; a profile's values win.
    void theLogsOwnValuesFillTheFix() {
        const LogAnalysis analysis = analyzeFiles({QStringLiteral("aigw-18.log")});
        QHash<QString, LogFinding> bySignature;
        for (const LogFinding& finding : analysis.findings)
            bySignature.insert(finding.signatureId, finding);
        const LogFinding loopback =
            bySignature.value(QStringLiteral("model.endpoint_address.container_self"));
        QVERIFY2(loopback.explanation.contains(QLatin1String("http://localhost:11434/v1")),
                 qPrintable(loopback.explanation));
        QVERIFY(!loopback.explanation.contains(QLatin1String("<your-model-endpoint>")));
        const LogFinding jwks = bySignature.value(QStringLiteral("log.jwks_network"));
        QVERIFY2(jwks.fix.contains(QLatin1String("https://gitlab.internal.example")), qPrintable(jwks.fix));
        QVERIFY2(jwks.explanation.startsWith(QLatin1String(
                     "The gateway could not fetch GitLab's signing keys because of the network")),
                 qPrintable(jwks.explanation));
        Target target;
        target.gitlabUrl = QUrl(QStringLiteral("https://gitlab.example.com"));
        for (const LogFinding& finding : analyzeFiles({QStringLiteral("aigw-18.log")}, target).findings) {
            if (finding.signatureId == QLatin1String("log.jwks_network"))
                QVERIFY(finding.fix.contains(QLatin1String("https://gitlab.example.com")) &&
                        !finding.fix.contains(QLatin1String("internal")));
        }
        // In a command the line's value is quoted like a typed one.
        const LogAnalysis tls = analyzeFiles({QStringLiteral("gitlab-18-llm.log")});
        QVERIFY2(tls.findings.first().explanation.contains(QLatin1String("10.0.4.12")),
                 qPrintable(tls.findings.first().explanation));
    }

    // The whole input is read, however long: a failure past 8 Mi characters of a file is found.
    void aWholeFileIsReadAndFindingsPastTheLimitAreCounted() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray filler = QByteArray(180, 'x') + '\n';
        for (int block = 0; block < 12; ++block) {
            QByteArray chunk;
            for (int line = 0; line < 5000; ++line)
                chunk += filler;
            chunk += QByteArrayLiteral(
                "I'm sorry, I couldn't respond in time. Please try again. Error code: A1000\n");
            file.write(chunk);
        }
        file.write("no newline at the end: Error code: A1001");
        file.close();
        LogScanOptions options;
        options.maxFindings = 5;
        const LogAnalysis analysis = analyzeFiles({path}, {}, options);
        QCOMPARE(analysis.findingsTotal, 13);
        QCOMPARE(analysis.findings.size(), 5);
        QCOMPARE(analysis.findings.last().signatureId,
                 QStringLiteral("log.duo_chat_a1001")); // the newest kept
        QCOMPARE(analysis.findings.last().line, 12 * 5001 + 1);
        QCOMPARE(analysis.linesRead, 12 * 5001 + 1);
        QVERIFY(logAnalysisToText(analysis).contains(QStringLiteral("The newest 5 are listed.")));
    }

    // gzip by its magic bytes (even without .gz), several members, beside plain files of a directory.
    void gzipAndDirectoriesAreRead() {
        QTemporaryDir dir;
        const QByteArray chat = corpus(QStringLiteral("duo-chat-18.txt")).toUtf8();
        writeGzip(dir.filePath(QStringLiteral("b-chat.log.1")), chat);
        QFile plain(dir.filePath(QStringLiteral("a-runner.log")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write(corpus(QStringLiteral("runner-job.log")).toUtf8());
        plain.close();
        QDir(dir.path()).mkdir(QStringLiteral("sub")); // not entered
        QString error;
        const auto inputs = expandLogInputs({dir.path()}, &error);
        QVERIFY2(inputs, qPrintable(error));
        QCOMPARE(inputs->size(), 2);
        const auto analysis = analyzeLogInputs(*inputs, {}, {}, &error);
        QVERIFY2(analysis, qPrintable(error));
        QCOMPARE(analysis->findingsTotal, 12);
        QCOMPARE(analysis->files.size(), 2);
        QVERIFY(!analysis->files.at(0).compressed);
        QVERIFY(analysis->files.at(1).compressed);
        QCOMPARE(analysis->files.at(1).linesRead, 10);
        QVERIFY(analysis->findings.last().file.endsWith(QLatin1String("b-chat.log.1")));
        QCOMPARE(analysis->findings.last().line, 10);
        // Two members in one file read on.
        const QString twice = dir.filePath(QStringLiteral("twice.gz"));
        writeGzip(twice, chat);
        QFile append(twice);
        QVERIFY(append.open(QIODevice::ReadOnly));
        const QByteArray member = append.readAll();
        append.close();
        QVERIFY(append.open(QIODevice::Append));
        append.write(member);
        append.close();
        QCOMPARE(analyzeFiles({twice}).findingsTotal, 20);
        QVERIFY(!expandLogInputs({dir.filePath(QStringLiteral("missing.log"))}, &error));
        QVERIFY(error.contains(QLatin1String("missing.log")));
    }

    void aCancelledAnalysisSaysSo() {
        std::atomic_bool cancel{true};
        LogScanOptions options;
        options.cancel = &cancel;
        const LogAnalysis analysis = analyzeFiles({QStringLiteral("llm.log")}, {}, options);
        QVERIFY(analysis.cancelled);
        QVERIFY(logAnalysisToText(analysis).contains(QStringLiteral("Cancelled")));
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
