// Reports as a colleague or a support engineer receives them: hostile server text stays text, secrets stay
// out.
#include "tests/support/simprocess.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace duo::test;

namespace {

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestReports : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_html, m_markdown, m_json, m_token, m_key;

private slots:
    void initTestCase() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("hostile-server-text"), {}, &error), qPrintable(error));
        m_token = sim.value("gitlab_token").toUtf8();
        m_key = sim.value("model_key").toUtf8();
        // A pasted output full of credentials: the known key, and shapes of others.
        const QString paste = m_dir.filePath(QStringLiteral("paste.txt"));
        QFile file(paste);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("curl -H 'PRIVATE-TOKEN: abcdefgh12345678' -H 'Authorization: Bearer "
                   "eyJhbGciOiJIUzI1NiJ9.e30.sig' " +
                   m_key +
                   "\nglpat-otherTokenXYZ12345 sk-live-1234567890abcdef\n<script>alert('pasted')</script>\n");
        // The known key again, one letter written as a JSON escape (issue 16, finding 1).
        file.write("{\"error\":\"key " + m_key.left(8) + "\\u" +
                   QByteArray::number(uchar(m_key.at(8)), 16).rightJustified(4, '0') + m_key.mid(9) +
                   "\"}\n");
        file.close();
        QStringList arguments = checkArguments(sim);
        arguments << QStringLiteral("--manual-output")
                  << QStringLiteral("manual.model_from_gateway=") + paste;
        for (const char* extension : {"html", "md", "json"})
            arguments << QStringLiteral("--report")
                      << m_dir.filePath(QStringLiteral("report.") + QLatin1String(extension));
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QCOMPARE(run.exitCode, 1);
        m_html = readAll(m_dir.filePath(QStringLiteral("report.html")));
        m_markdown = readAll(m_dir.filePath(QStringLiteral("report.md")));
        m_json = readAll(m_dir.filePath(QStringLiteral("report.json")));
        QVERIFY(!m_html.isEmpty() && !m_markdown.isEmpty() && !m_json.isEmpty());
    }

    void htmlIsSelfContainedAndInert() {
        QVERIFY(!m_html.contains("<script"));
        QVERIFY(!m_html.contains("<img"));
        QVERIFY(m_html.contains("&lt;script&gt;alert(&#x27;served&#x27;)") ||
                m_html.contains("&lt;script&gt;alert('served')"));
        QVERIFY(m_html.contains("Content-Security-Policy"));
        // Nothing to fetch: no external stylesheet, image or font (links to the troubleshooting page are
        // fine).
        QVERIFY(!QRegularExpression(QStringLiteral("src=\"(https?:)?//"))
                     .match(QString::fromUtf8(m_html))
                     .hasMatch());
        QVERIFY(!m_html.contains("<link"));
        QVERIFY(m_html.contains(
            "href=\"https://docs.gitlab.com/administration/gitlab_duo_self_hosted/troubleshooting/#"));
        QVERIFY(m_html.contains("@media print"));
        QVERIFY(m_html.contains("1 problem found"));
        QVERIFY(m_html.contains("self-hosted-v17.6.0-ee")); // the expected gateway image
        QVERIFY(m_html.contains("vllm"));                   // the model server type
    }

    void markdownRendersServerTextAsText() {
        QVERIFY(m_markdown.contains("\\<script\\>alert('served')\\</script\\>"));
        QVERIFY(m_markdown.contains("\\*\\*bold\\*\\*"));
        QVERIFY(m_markdown.contains("<details>"));
        QVERIFY(m_markdown.startsWith("### Duo Doctor: 1 problem, most likely:"));
        // The pasted output is fenced: its markup cannot escape the block.
        QVERIFY(m_markdown.contains("```\ncurl -H 'PRIVATE-TOKEN: ***'"));
    }

    void noSecretInAnyFormat_data() {
        QTest::addColumn<QByteArray>("secret");
        QTest::newRow("model key") << m_key;
        QTest::newRow("gitlab token") << m_token;
        QTest::newRow("private-token header") << QByteArray("abcdefgh12345678");
        QTest::newRow("bearer") << QByteArray("eyJhbGciOiJIUzI1NiJ9");
        QTest::newRow("other pat") << QByteArray("glpat-otherTokenXYZ12345");
        QTest::newRow("sk key") << QByteArray("sk-live-1234567890abcdef");
        QTest::newRow("model key with an escaped letter") << m_key.mid(9);
    }
    void noSecretInAnyFormat() {
        QFETCH(QByteArray, secret);
        QVERIFY(!m_html.contains(secret));
        QVERIFY(!m_markdown.contains(secret));
        QVERIFY(!m_json.contains(secret));
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "test_reports.moc"
