#include "core/text/quoting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace duo;

class TestQuoting : public QObject {
    Q_OBJECT
private slots:
    void shellQuoteSurvivesARealShell_data() {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << QStringLiteral("http://vllm.internal:8000/v1");
        QTest::newRow("single quote") << QStringLiteral("it's");
        QTest::newRow("metacharacters") << QStringLiteral("$(rm -rf /); `id` && echo \"x\" | cat > /tmp/no");
        QTest::newRow("spaces and newline") << QStringLiteral("a b\nc");
        QTest::newRow("empty") << QString();
        // "$" matches before a final newline: a value ending in one must be quoted (issue 16, finding 4).
        QTest::newRow("final newline") << QStringLiteral("abc\n");
        QTest::newRow("final newline in a URL") << QStringLiteral("http://vllm.internal:8000/v1\n");
    }
    void shellQuoteSurvivesARealShell() {
        QFETCH(QString, value);
        QProcess shell;
        shell.start(QStringLiteral("/bin/sh"),
                    {QStringLiteral("-c"), QStringLiteral("printf '%s' ") + shellQuote(value)});
        QVERIFY(shell.waitForFinished(5000));
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), value);
    }
    void plainWordsStayUnquoted() {
        QCOMPARE(shellQuote(QStringLiteral("mistral")), QStringLiteral("mistral"));
    }
    void aFinalNewlineIsQuoted() { QCOMPARE(shellQuote(QStringLiteral("abc\n")), QStringLiteral("'abc\n'")); }
    void rubyQuoteEscapesInterpolation() {
        QCOMPARE(rubyQuote(QStringLiteral("a\"b#{system('id')}\\")),
                 QStringLiteral("\"a\\\"b\\#{system('id')}\\\\\""));
        QCOMPARE(rubyQuote(QStringLiteral("line\nbreak")), QStringLiteral("\"line\\nbreak\""));
    }
    void jsonQuote() { QCOMPARE(duo::jsonQuote(QStringLiteral("a\"b")), QStringLiteral("\"a\\\"b\"")); }
    // Found by fuzzing: a raw U+FEFF opening a string is dropped by Qt's JSON reader; written escaped, it
    // reads back.
    void jsonQuoteKeepsAByteOrderMark() {
        const QString value = QStringLiteral("\uFEFFmistral");
        QCOMPARE(duo::jsonQuote(value), QStringLiteral("\"\\ufeffmistral\""));
        const QByteArray array = "[" + duo::jsonQuote(value).toUtf8() + "]";
        QCOMPARE(QJsonDocument::fromJson(array).array().first().toString(), value);
    }
    void fillTemplateAppliesModifiers() {
        const TemplateValues values{{QStringLiteral("url"), QStringLiteral("http://h/it's")},
                                    {QStringLiteral("name"), QStringLiteral("m")}};
        QCOMPARE(fillTemplate(QStringLiteral("curl {url:sh} -d {name}; x = {url:rb}"), values),
                 QStringLiteral("curl 'http://h/it'\\''s' -d m; x = \"http://h/it's\""));
    }
    void unknownPlaceholdersStayVisible() {
        QCOMPARE(fillTemplate(QStringLiteral("curl -w '%{http_code}' {missing}"), {}),
                 QStringLiteral("curl -w '%{http_code}' {missing}"));
    }
};

QTEST_GUILESS_MAIN(TestQuoting)
#include "test_quoting.moc"
