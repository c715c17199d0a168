#include "core/redactor.h"
#include "core/target.h"

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
