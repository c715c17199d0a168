#include "core/target.h"
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
    }
    void placeholdersAndProseStay() {
        QFETCH(QString, text);
        QCOMPARE(Redactor().apply(text), text);
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
