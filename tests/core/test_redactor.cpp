#include "core/target.h"
#include "core/text/logredaction.h"
#include "core/text/quoting.h"
#include "core/text/redactor.h"

#include <QTest>

using namespace duo;

class TestRedactor : public QObject {
    Q_OBJECT
private slots:
    void knownSecretsAndTokenShapes() {
        Target target;
        target.modelKey = Secret(QStringLiteral("my-very-own-key-123"));
        target.gitlabToken = Secret(QStringLiteral("glpat-abcdefghijklmnopqrst"));
        const Redactor redactor = Redactor::forTarget(target);
        const QString out = redactor.apply(QStringLiteral(
            "key my-very-own-key-123, token glpat-abcdefghijklmnopqrst, other glpat-zzzzzzzzzzzz, "
            "Authorization: Bearer eyJhbGciOi.abc.def, sk-1234567890abcdef"));
        QVERIFY(!out.contains(QLatin1String("my-very-own-key-123")));
        QVERIFY(!out.contains(QLatin1String("glpat-")));
        QVERIFY(!out.contains(QLatin1String("eyJhbGciOi")));
        QVERIFY(!out.contains(QLatin1String("sk-1234567890abcdef")));
        QVERIFY(out.contains(QLatin1String("Bearer ***")));
    }
    // Credentials nobody told us about, recognised by their name or place (llm.log with expanded logging,
    // headers, environment lines, URLs), whatever the case.
    void credentialsByTheirNameOrPlace_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("kept");
        QTest::newRow("llm.log JSON") << "{\"model_api_key\":\"vllm-secret-1234567\"}"
                                      << "vllm-secret-1234567"
                                      << "\"model_api_key\":\"***\"";
        QTest::newRow("lower-case bearer") << "authorization: bearer abcd1234efgh5678"
                                           << "abcd1234efgh5678"
                                           << "authorization: bearer ***";
        QTest::newRow("basic auth") << "Authorization: Basic dXNlcjpwYXNzd29yZA=="
                                    << "dXNlcjpwYXNzd29yZA"
                                    << "Authorization: Basic ***";
        QTest::newRow("x-api-key") << "x-api-key: 0123abcd4567"
                                   << "0123abcd4567"
                                   << "x-api-key: ***";
        QTest::newRow("aws") << "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCY"
                             << "wJalrXUtnFEMI"
                             << "AWS_SECRET_ACCESS_KEY=***";
        QTest::newRow("password") << "password: hunter22"
                                  << "hunter22"
                                  << "password: ***";
        QTest::newRow("url password") << "proxy http://user:s3cretpw@proxy.example:3128"
                                      << "s3cretpw"
                                      << "http://user:***@proxy.example:3128";
    }
    void credentialsByTheirNameOrPlace() {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QString, kept);
        const QString out = Redactor().apply(text);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(kept), qPrintable(out));
    }

    // Placeholders in the commands we show, and prose, stay as they are.
    void placeholdersAndProseStay_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("placeholder header") << "curl -H 'Authorization: Bearer <your-model-api-key>' URL";
        QTest::newRow("shell variable") << "curl -H \"Authorization: Bearer $DUO_MODEL_KEY\" \"$1\"";
        QTest::newRow("ruby placeholder") << "api_token: '<your-model-api-key>'";
        QTest::newRow("prose") << "Secrets: GitLab token given, model key given";
        QTest::newRow("max tokens") << "{\"max_tokens\": 256, \"token_count\": 12}";
        QTest::newRow("plain url") << "http://aigw.example.com:5052/v1/chat/agent";
        // Our own prose quoting a server's message, and French typography (issue 16, finding 5).
        QTest::newRow("quoted message after token:")
            << "The gateway rejected a token: \"2026-11-20 09:30:05 [error    ] Signature verification "
               "failed  "
               "[ai_gateway.auth.user]\". Malformed (\"Not enough segments\")";
        QTest::newRow("space before colon")
            << "Le trousseau n'a pas pu supprimer le secret : org.freedesktop.Secret.Error.IsLocked";
        QTest::newRow("percent and backslash") << "100% done in C:\\temp\\duo, 50%25 left";
    }
    void placeholdersAndProseStay() {
        QFETCH(QString, text);
        QCOMPARE(Redactor().apply(text), text);
    }

    // Secrets that hide behind an escape or an invisible character: JSON and URL escapes are decoded and
    // zero-width and control characters read as separators before matching (issue 16, findings 1 and 2).
    // Nothing of the secret survives, neither as written nor once a terminal shows it, and a second pass
    // changes nothing.
    void hiddenSecretsAreFound_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        const QString token = QStringLiteral("abcdefghijklmnop");
        QTest::newRow("json escape in a token")
            << "{\"message\":\"Connection refused glpat-\\u0041bcdefghijklmnop\"}"
            << "bcdefghijklmnop";
        QTest::newRow("escaped space after Bearer")
            << "{\"message\":\"curl said Bearer\\u0020abcdefghijklmnop\"}" << token;
        QTest::newRow("url password with \\u0040")
            << "{\"proxy\":\"http://user:s3cretpw\\u0040proxy.example:3128\"}"
            << "s3cretpw";
        QTest::newRow("url password with %40") << "proxy http://user:s3cretpw%40proxy.example:3128"
                                               << "s3cretpw";
        QTest::newRow("escaped quotes") << "payload={\\\"api_token\\\":\\\"abc123def456\\\"}"
                                        << "abc123def456";
        QTest::newRow("escape in an escape")
            << "{\"m\":\"{\\\"t\\\":\\\"glpat-\\\\u0041bcdefghijklmnop\\\"}\"}"
            << "bcdefghijklmnop";
        for (const char16_t invisible : {u'\u200b', u'\u200c', u'\u200d', u'\u2060', u'\ufeff', u'\u00a0'})
            QTest::addRow("U+%04X after Bearer", unsigned(invisible))
                << QStringLiteral("Bearer") + QChar(invisible) + token << token;
        QTest::newRow("zero-width space after Bearer ") << QStringLiteral("Bearer \u200b") + token << token;
        // Half a surrogate pair anywhere makes a regular expression refuse the whole text.
        QTest::newRow("lone surrogate before a token")
            << QStringLiteral("odd ") + QChar(0xd800) + QStringLiteral(" then glpat-abcdefghijklmnop")
            << "abcdefghijklmnop";
        for (const char* control : {"\r", "\t", "\v", "\x1b"})
            QTest::addRow("PRIVATE-TOKEN:%s", QByteArray(control).toPercentEncoding().constData())
                << QStringLiteral("PRIVATE-TOKEN:") + QLatin1String(control) + QStringLiteral("abcdefghij")
                << "abcdefghij";
    }
    void hiddenSecretsAreFound() {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        const QString out = Redactor().apply(text);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(!printableText(out).contains(secret), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("***")), qPrintable(out));
        QCOMPARE(Redactor().apply(out), out);
    }

    // The target's own secret written with one escaped letter, as a JSON log line would.
    void aKnownSecretWrittenWithAnEscapeIsFound() {
        Target target;
        target.modelKey = Secret(QStringLiteral("my-very-own-key-xyz"));
        const Redactor redactor = Redactor::forTarget(target);
        for (const QString& text : {QStringLiteral("{\"error\":\"key my-very-\\u006fwn-key-xyz rejected\"}"),
                                    QStringLiteral("key=my-very-%6Fwn-key-xyz&x=1")}) {
            const QString out = redactor.apply(text);
            QVERIFY2(!out.contains(QLatin1String("wn-key-xyz")), qPrintable(out));
            QVERIFY2(out.contains(QLatin1String("***")), qPrintable(out));
        }
    }

    // What was not a secret reads the same after the normalised pass: escapes are decoded only to look.
    void escapesStayAsWritten() {
        const QString text =
            QStringLiteral("{\"msg\":\"line\\nbreak \\u00e9t\\u00e9 100%25\", \"token\":\"***\"}");
        QCOMPARE(Redactor().apply(text), text);
    }

    // A log line is what QDebug wrote: strings quoted, " and \\ escaped, invisible characters as \\u escapes.
    void logLinesAsQDebugWritesThem() {
        const QString secret = QStringLiteral("lo\"g-secret\\7e1f0a9c");
        registerSecretForLogs(secret);
        QString line;
        QDebug(&line) << "sending" << secret << QStringLiteral("Bearer\u200babcdefghijklmnop");
        const QString out = redactForLogs(line);
        QVERIFY2(!out.contains(QLatin1String("7e1f0a9c")), qPrintable(out));
        QVERIFY2(!out.contains(QLatin1String("abcdefghijklmnop")), qPrintable(out));
        QVERIFY2(out.startsWith(QLatin1String("sending")), qPrintable(out));
    }

    void secretTypePrintsMasked() {
        const Secret secret(QStringLiteral("hunter2hunter2"));
        QString printed;
        QDebug(&printed) << secret;
        QVERIFY(!printed.contains(QLatin1String("hunter2")));
        QCOMPARE(secret.masked(), QStringLiteral("***"));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "test_redactor.moc"
