// Every report format from one report whose texts hide secrets behind escapes, quote a server's message after
// "token:" and hold characters XML cannot: redacted as values before any writer escapes them (issue 16,
// findings 1, 5 and 6).
#include "core/reports/junitreport.h"
#include "core/reports/reportwriters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

using namespace duo;

namespace {

// What any spelling of a secret in these tests still shows, escaped or not.
const QList<QByteArray> secretCores{"wn-key-xyz", "7f3a9c2e51", "bcdefghijklmnop", "pw12345678"};

const ReportFormat allFormats[] = {ReportFormat::Json, ReportFormat::Text, ReportFormat::Markdown,
                                   ReportFormat::Html, ReportFormat::JUnit};

const QString quotedMessage = QStringLiteral(
    "The gateway rejected a token: \"2026-11-20 09:30:05 [error    ] Signature verification failed\".");

CheckResult failedCheck(const QString& id, const QString& summary, const QString& explanation) {
    CheckResult check;
    check.id = id;
    check.status = Status::Fail;
    check.summary = summary;
    check.explanation = explanation;
    check.fix = QStringLiteral("Run it again.");
    return check;
}

Report hostileReport() {
    Report report;
    report.startedAt = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    report.target.gitlabUrl = QUrl(QStringLiteral("https://admin:pw12345678@gitlab.example.com"));
    report.target.modelKey = Secret(QStringLiteral("my-very-own-key-xyz"));
    report.target.gitlabToken = Secret(QStringLiteral("tok\"en\\7f3a9c2e51"));
    report.checks << failedCheck(QStringLiteral("gitlab.reachable"),
                                 QStringLiteral("The key my-very-\\u006fwn-key-xyz was refused."),
                                 quotedMessage)
                  << failedCheck(
                         QStringLiteral("gitlab.token"),
                         QStringLiteral("GitLab said: glpat-\\u0041bcdefghijklmnop and tok\"en\\7f3a9c2e51"),
                         QStringLiteral("Bell \x07, escape \x1b[31m, lone ") + QChar(0xD800) +
                             QStringLiteral(" and Bearer") + QChar(0x200B) +
                             QStringLiteral("abcdefghijklmnop."));
    report.rootCauses << RootCause{.checkId = QStringLiteral("gitlab.reachable"),
                                   .title = QStringLiteral("GitLab answers"),
                                   .explanation = quotedMessage,
                                   .fix = QStringLiteral("Run it again."),
                                   .commands = {},
                                   .explains = {QStringLiteral("gitlab.token")}};
    return report;
}

} // namespace

class TestReportRedaction : public QObject {
    Q_OBJECT
private slots:
    void noSpellingOfASecretInAnyFormat_data() {
        QTest::addColumn<int>("format");
        for (const ReportFormat format : allFormats)
            QTest::addRow("%d", int(format)) << int(format);
    }
    void noSpellingOfASecretInAnyFormat() {
        QFETCH(int, format);
        const QByteArray out = writeReport(hostileReport(), ReportFormat(format));
        QVERIFY(!out.isEmpty());
        for (const QByteArray& core : secretCores)
            QVERIFY2(!out.contains(core), QByteArray(core + " in\n" + out).constData());
    }

    // The explanation quotes the message whole in every format: no pass over written text takes the
    // timestamp after "token: \"" for a credential.
    void proseIsNotTakenForACredential() {
        const QString json = QString::fromUtf8(writeReport(hostileReport(), ReportFormat::Json));
        QVERIFY2(json.contains(QLatin1String("token: \\\"2026-11-20 09:30:05 [error    ]")),
                 qPrintable(json));
        for (const ReportFormat format : {ReportFormat::Text, ReportFormat::JUnit}) {
            const QByteArray out = writeReport(hostileReport(), format);
            QVERIFY2(out.contains("2026-11-20 09:30:05"), out.constData());
            QVERIFY2(!out.contains("token: \"***") && !out.contains("token: &quot;***"), out.constData());
        }
    }

    // Characters XML cannot hold show as U+FFFD; the document stays well-formed (issue 16, finding 6).
    void junitReplacesWhatXmlCannotHoldVisibly() {
        const QByteArray xml = writeReport(hostileReport(), ReportFormat::JUnit);
        QXmlStreamReader reader(xml);
        while (!reader.atEnd())
            reader.readNext();
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        const QString text = QString::fromUtf8(xml);
        QVERIFY2(text.contains(QStringLiteral("Bell \uFFFD, escape \uFFFD[31m, lone \uFFFD and")),
                 qPrintable(text));
    }

    // Found by fuzzing (tests/fuzz/regressions/reports): Qt's JSON reader drops a raw U+FEFF that opens a
    // string, so a text that began with a byte order mark did not read back from the JSON report.
    void jsonReportKeepsAByteOrderMark() {
        Report report = hostileReport();
        report.checks.first().summary = QStringLiteral("\uFEFFpasted from a file");
        const QJsonDocument json = QJsonDocument::fromJson(writeReport(report, ReportFormat::Json));
        const QString summary =
            json.object().value("checks").toArray().first().toObject().value("summary").toString();
        QCOMPARE(summary, report.checks.first().summary);
    }

    // A fleet's JUnit redacts each run, names included.
    void junitFleetRedactsEachRun() {
        const Report report = hostileReport();
        const QByteArray xml =
            junitFleetReport({{QStringLiteral("eu my-very-own-key-xyz"), report}}).toUtf8();
        QVERIFY(xml.contains("eu *** / "));
        for (const QByteArray& core : secretCores)
            QVERIFY2(!xml.contains(core), xml.constData());
    }
};

QTEST_GUILESS_MAIN(TestReportRedaction)
#include "test_reportredaction.moc"
