// The command line as a script would use it: flags, exit codes, messages that name the field.
#include "tests/support/simprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

using namespace duo::test;

namespace {

// The check `id` of a JSON report; empty when the report has none.
QJsonObject checkOf(const QByteArray& report, const QString& id) {
    for (const QJsonValue& value :
         QJsonDocument::fromJson(report).object().value(QStringLiteral("checks")).toArray()) {
        if (value.toObject().value(QStringLiteral("id")).toString() == id)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void analyzeFindsFailuresInALogFromStandardInputWithoutItsSecrets() {
        QFile corpus(qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/llm.log"));
        QVERIFY(corpus.open(QIODevice::ReadOnly));
        QTemporaryDir dir;
        const QString reportPath = dir.filePath(QStringLiteral("analysis.json"));
        QProcess process;
        process.start(qEnvironmentVariable("DUO_DOCTOR_BIN"),
                      {QStringLiteral("analyze"), QStringLiteral("-"), QStringLiteral("--format"),
                       QStringLiteral("json"), QStringLiteral("--report"), reportPath});
        QVERIFY(process.waitForStarted());
        process.write(corpus.readAll());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 1); // a failure was found
        const QByteArray out = process.readAllStandardOutput();
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json.value("schema").toString(), QString("duo-doctor.log-analysis.v1"));
        QCOMPARE(json.value("findings").toArray().size(), 4);
        QFile report(reportPath);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray written = report.readAll();
        QCOMPARE(written, out);
        for (const QByteArray& output : {out, written, process.readAllStandardError()})
            QVERIFY(!output.contains("glpat-Zx81QwErTyUiOpAsDfGh"));
    }
    void analyzeSaysWhenNothingIsWrongAndNamesAFileItCannotRead() {
        const RunResult healthy =
            runDoctor({QStringLiteral("analyze"), qEnvironmentVariable("DUO_SOURCE_DIR") +
                                                      QStringLiteral("/tests/data/logs/healthy.log")});
        QCOMPARE(healthy.exitCode, 0);
        QVERIFY2(healthy.out.contains("No known failure found (4 lines read)"), healthy.out.constData());
        const RunResult missing =
            runDoctor({QStringLiteral("analyze"), QStringLiteral("/nonexistent/llm.log")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("/nonexistent/llm.log"), missing.err.constData());
        const RunResult badFormat = runDoctor({QStringLiteral("analyze"), QStringLiteral("-"),
                                               QStringLiteral("--format"), QStringLiteral("xml")});
        QCOMPARE(badFormat.exitCode, 2);
        QVERIFY(badFormat.err.contains("--format"));
    }

    // Several inputs at once (a file, a directory, standard input), requests joined across them, Markdown
    // reports; a named path that does not exist is exit 2 naming it (issue 19).
    void analyzeReadsSeveralInputsAndFollowsRequests() {
        const QString logs = qEnvironmentVariable("DUO_SOURCE_DIR") + QStringLiteral("/tests/data/logs/");
        QTemporaryDir dir;
        QVERIFY(QFile::copy(logs + QStringLiteral("aigw-18.log"), dir.filePath(QStringLiteral("aigw.log"))));
        QFile llm(logs + QStringLiteral("gitlab-18-llm.log"));
        QVERIFY(llm.open(QIODevice::ReadOnly));
        const QString markdown = dir.filePath(QStringLiteral("analysis.md"));
        QProcess process;
        process.start(qEnvironmentVariable("DUO_DOCTOR_BIN"),
                      {QStringLiteral("analyze"), QStringLiteral("-"), dir.path(), QStringLiteral("--format"),
                       QStringLiteral("json"), QStringLiteral("--report"), markdown});
        QVERIFY(process.waitForStarted());
        process.write(llm.readAll());
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 1);
        const QByteArray out = process.readAllStandardOutput();
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QCOMPARE(json.value("requests_total").toInt(), 6);
        QCOMPARE(json.value("findings").toArray().first().toObject().value("file").toString(),
                 QStringLiteral("-"));
        bool followed = false;
        for (const QJsonValue& request : json.value("requests").toArray()) {
            if (request.toObject().value("correlation_id").toString() != QLatin1String("01JDR8B7TW2N"))
                continue;
            QStringList files;
            for (const QJsonValue& line : request.toObject().value("lines").toArray())
                files << QFileInfo(line.toObject().value("file").toString()).fileName();
            // In time order across both; standard input is read once: its lines are those read with or after
            // the request's first finding (here all three).
            QCOMPARE(files, (QStringList{"-", "aigw.log", "aigw.log", "-", "-"}));
            followed = true;
        }
        QVERIFY(followed);
        QFile report(markdown);
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QByteArray md = report.readAll();
        QVERIFY(md.contains("01JDR8B7TW2N"));
        for (const QByteArray& output : {out, md, process.readAllStandardError()})
            QVERIFY(!output.contains("Q9wErTy8UiOp7AsDf6Gh"));
        const RunResult missing = runDoctor({QStringLiteral("analyze"), logs + QStringLiteral("llm.log"),
                                             QStringLiteral("/nonexistent/aigw.log")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("/nonexistent/aigw.log"), missing.err.constData());
    }

    void helpAndVersion() {
        const RunResult version = runDoctor({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("duo-doctor "));
        const RunResult help = runDoctor({QStringLiteral("check"), QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char* flag :
             {"--gitlab-url", "--gitlab-token-env", "--gateway-url", "--model-name", "--model-endpoint",
              "--model-identifier", "--deployment-name", "--model-key-env", "--timeout",
              "--inference-timeout", "--manual-output", "--format", "--report"})
            QVERIFY2(help.out.contains(flag), flag);
    }

    void subcommandHelpNamesTheSubcommand() {
        for (const char* subcommand : {"check", "demo", "analyze"}) {
            const RunResult help = runDoctor({QString::fromLatin1(subcommand), QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(
                help.out.contains(QByteArray(QByteArray("Usage: duo-doctor ") + subcommand + " [options]")),
                help.out.left(200).constData());
        }
    }

    void importHelpInAnySpellingPrintsHelp() {
        for (const char* spelling : {"--help", "-h", "-help"}) {
            const RunResult help = runDoctor(
                {QStringLiteral("profiles"), QStringLiteral("import"), QString::fromLatin1(spelling)});
            QCOMPARE(help.exitCode, 0);
            QVERIFY(help.out.contains("--update"));
        }
    }

    void badInputExitsTwoNamingTheField_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("scheme") << QStringList{"check", "--gateway-url", "ftp://aigw:5052"}
                                << "--gateway-url";
        QTest::newRow("no scheme") << QStringList{"check", "--gitlab-url", "gitlab.example.com"} << "http://";
        QTest::newRow("spaces") << QStringList{"check", "--model-endpoint", "http://a b/v1", "--model-name",
                                               "mistral"}
                                << "--model-endpoint";
        QTest::newRow("unset env") << QStringList{"check", "--model-key-env", "DUO_SURELY_UNSET_VARIABLE"}
                                   << "DUO_SURELY_UNSET_VARIABLE";
        QTest::newRow("secret on the command line") << QStringList{"check", "sk-secret"} << "environment";
        QTest::newRow("timeout") << QStringList{"check", "--timeout", "soon"} << "--timeout";
        QTest::newRow("format") << QStringList{"check", "--format", "xml"} << "--format";
        QTest::newRow("report extension") << QStringList{"check", "--report", "out.pdf"} << "--report";
        QTest::newRow("manual id") << QStringList{"check", "--manual-output", "gitlab.token=/dev/null"}
                                   << "--manual-output";
        QTest::newRow("resolve") << QStringList{"check", "--resolve", "nonsense"} << "HOST:PORT:ADDRESS";
        QTest::newRow("agent platform with a scheme")
            << QStringList{"check", "--agent-platform", "http://aigw:50052"} << "--agent-platform";
        QTest::newRow("unknown flag") << QStringList{"check", "--frobnicate"} << "frobnicate";
        QTest::newRow("unknown command") << QStringList{"chekc"} << "unknown command";
    }
    void badInputExitsTwoNamingTheField() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const RunResult run = runDoctor(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(mentions), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // With several mistakes on one command line, the one reported is the first in a fixed order, whether
    // finding it needs a saved profile, a variable or a file read or not.
    void theFirstProblemInTheUsualOrderIsTheOneReported_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::addColumn<QString>("notMentions");
        QTest::newRow("profile before a URL")
            << QStringList{"check", "--gitlab-url", "nope", "--profile", "nosuch"} << "--profile"
            << "nope";
        QTest::newRow("profile before a timeout")
            << QStringList{"check", "--timeout", "soon", "--profile", "nosuch"} << "--profile"
            << "soon";
        QTest::newRow("selection before a profile")
            << QStringList{"check", "--jobs", "0", "--profile", "nosuch"} << "--jobs"
            << "--profile";
        QTest::newRow("URL before a variable")
            << QStringList{"check", "--gitlab-token-env", "DUO_SURELY_UNSET_VARIABLE", "--gitlab-url", "nope"}
            << "nope"
            << "DUO_SURELY_UNSET_VARIABLE";
        QTest::newRow("variable before a timeout")
            << QStringList{"check", "--timeout", "soon", "--gitlab-token-env", "DUO_SURELY_UNSET_VARIABLE"}
            << "DUO_SURELY_UNSET_VARIABLE"
            << "soon";
        QTest::newRow("model name before a timeout")
            << QStringList{"check", "--timeout", "soon", "--model-endpoint", "http://127.0.0.1:9/v1"}
            << "--model-name"
            << "soon";
        QTest::newRow("timeout before the CA file")
            << QStringList{"check", "--ca-file", "/nonexistent/ca.pem", "--timeout", "soon"} << "--timeout"
            << "--ca-file";
        QTest::newRow("CA file before a pin")
            << QStringList{"check", "--trust-cert", "nonsense", "--ca-file", "/nonexistent/ca.pem"}
            << "--ca-file"
            << "--trust-cert";
        QTest::newRow("proxy before resolve")
            << QStringList{"check", "--resolve", "nonsense", "--proxy", "ftp://proxy"} << "--proxy"
            << "--resolve";
        QTest::newRow("a pasted file read before the next one's ID")
            << QStringList{"check", "--manual-output", "manual.rake_verify=/nonexistent/rake.txt",
                           "--manual-output", "nonsense"}
            << "cannot read"
            << "nonsense";
        QTest::newRow("a pasted file read before the format")
            << QStringList{"check", "--format", "xml", "--container-probe", "/nonexistent/probe.txt"}
            << "--container-probe"
            << "--format";
    }
    void theFirstProblemInTheUsualOrderIsTheOneReported() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        QFETCH(QString, notMentions);
        QTemporaryDir config;
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        const RunResult run = runDoctor(arguments, environment);
        QCOMPARE(run.exitCode, 2);
        const QString err = QString::fromUtf8(run.err);
        QVERIFY2(err.contains(mentions) && !err.contains(notMentions), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    void nothingToCheckStillReportsEveryCheck() {
        const RunResult run =
            runDoctor({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        QVERIFY(report.value(QStringLiteral("checks")).toArray().size() >= 30);
        QCOMPARE(report.value(QStringLiteral("summary")).toObject().value(QStringLiteral("fail")).toInt(), 0);
    }

    // A token written with a JSON escape, decoded into the explanation, is redacted there too: no output of
    // analyze holds it, in any spelling (issue 16, finding 1).
    void analyzePrintsNoEscapedToken() {
        QTemporaryDir dir;
        const QString log = dir.filePath(QStringLiteral("llm.log"));
        {
            QFile file(log);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{\"message\":\"Connection refused glpat-\\u0041bcdefghijklmnop\"}\n"
                       "{\"error\":\"Connection refused sent Bearer\\u0020qrstuvwxyz012345\"}\n"
                       "Connection refused by PRIVATE-TOKEN:\rzyxwvutsrq\n");
        }
        QList<QByteArray> outputs;
        for (const auto& [format, report] : {std::pair{"text", "analysis.txt"}, {"json", "analysis.json"}}) {
            const RunResult run =
                runDoctor({QStringLiteral("analyze"), log, QStringLiteral("--format"), QLatin1String(format),
                           QStringLiteral("--report"), dir.filePath(QLatin1String(report))});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.out.contains("Connection refused"), run.out.constData());
            QFile file(dir.filePath(QLatin1String(report)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            outputs << run.out << run.err << file.readAll();
        }
        for (const QByteArray& output : outputs) {
            for (const char* secret : {"bcdefghijklmnop", "qrstuvwxyz012345", "zyxwvutsrq"})
                QVERIFY2(!output.contains(secret), output.constData());
        }
    }

    void pastedManualOutputIsJudgedAndRedacted() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        QTemporaryDir dir;
        const QString paste = dir.filePath(QStringLiteral("rake.txt"));
        {
            QFile file(paste);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(">> AI Gateway URL configured: http://aigw:5052 \xe2\x9c\x94\n>> AI Gateway returned "
                       "HTTP 503 \xe2\x9c\x97\nkey was ");
            file.write(sim.value("model_key").toUtf8());
        }
        QStringList arguments = checkArguments(sim);
        arguments << QStringLiteral("--format") << QStringLiteral("json") << QStringLiteral("--manual-output")
                  << QStringLiteral("manual.rake_verify=") + paste;
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.out.contains(sim.value("model_key").toUtf8()));
        const QJsonObject check = checkOf(run.out, QStringLiteral("manual.rake_verify"));
        QCOMPARE(check.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QVERIFY(
            check.value(QStringLiteral("manual_output")).toString().contains(QLatin1String("key was ***")));
        QCOMPARE(check.value(QStringLiteral("evidence"))
                     .toObject()
                     .value(QStringLiteral("lines"))
                     .toArray()
                     .size(),
                 2);
    }

    // A long paste is judged whole up to 1 MB: a failure near its end counts (it was cut at 256 KiB).
    void aFailureNearTheEndOfALongPasteCounts() {
        QTemporaryDir dir;
        const QString paste = dir.filePath(QStringLiteral("rake.txt"));
        {
            QFile file(paste);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 60'000; ++i) // about 1 MB of short lines
                file.write(">> step ok \xe2\x9c\x94\n");
            file.write(">> AI Gateway returned HTTP 503 \xe2\x9c\x97\n");
        }
        const RunResult run =
            runDoctor({QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"),
                       QStringLiteral("--manual-output"), QStringLiteral("manual.rake_verify=") + paste});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject check = checkOf(run.out, QStringLiteral("manual.rake_verify"));
        QCOMPARE(check.value(QStringLiteral("status")).toString(), QStringLiteral("fail"));
        QVERIFY2(check.value(QStringLiteral("summary")).toString().contains(QLatin1String("HTTP 503")),
                 qPrintable(check.value(QStringLiteral("summary")).toString()));
    }

    void junitReportHasACasePerCheckAndTheRootCauseAsFailureMessage() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("model-key-rejected"), {}, &error), qPrintable(error));
        QTemporaryDir dir;
        const QString xmlPath = dir.filePath(QStringLiteral("results.xml"));
        QStringList arguments = checkArguments(sim);
        arguments << QStringLiteral("--report") << xmlPath;
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QCOMPARE(run.exitCode, 1);
        QFile file(xmlPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(sim.value("model_key").toUtf8()));
        QVERIFY(!bytes.contains(sim.value("gitlab_token").toUtf8()));
        QXmlStreamReader xml(bytes);
        int cases = 0, failures = 0;
        QStringList rootCauseMessages;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == QLatin1String("testcase"))
                ++cases;
            if (xml.name() == QLatin1String("failure")) {
                ++failures;
                const QString message = xml.attributes().value(QStringLiteral("message")).toString();
                if (message.startsWith(QLatin1String("Root cause:")))
                    rootCauseMessages.append(message);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(cases >= 30);
        QVERIFY(failures >= 1);
        QCOMPARE(rootCauseMessages.size(), 1);
        QVERIFY2(rootCauseMessages.first().contains(QLatin1String("Fix:")),
                 qPrintable(rootCauseMessages.first()));
    }

    void aUrlThatIsNotGitLabIsNamedAsSuch() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        // The gateway's address typed as GitLab's: a web server answers, but not GitLab's API.
        const RunResult run =
            runDoctor({QStringLiteral("check"), QStringLiteral("--gitlab-url"), sim.value("gateway_url"),
                       QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        const QJsonObject cause = report.value(QStringLiteral("root_causes")).toArray().first().toObject();
        QCOMPARE(cause.value(QStringLiteral("check")).toString(), QStringLiteral("gitlab.reachable"));
        QVERIFY(cause.value(QStringLiteral("fix")).toString().contains(QLatin1String("external_url")));
    }

    void textTreeWithoutColourWhenNoColorIsSet() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("model-localhost-in-container"), {}, &error), qPrintable(error));
        const RunResult run = runDoctor(checkArguments(sim), secretEnvironment(sim));
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.out.contains("\x1b["));
        QVERIFY(run.out.contains("Root causes"));
        QVERIFY(run.out.contains("model.endpoint_address"));
        QVERIFY(run.out.contains("--network host"));
    }

    void profilesListReportsACorruptFileAndKeepsIt() {
        QTemporaryDir config;
        QProcessEnvironment environment;
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           QStringLiteral("unix:path=/nonexistent")); // no keychain
        const RunResult saved =
            runDoctor({QStringLiteral("profiles"), QStringLiteral("save"), QStringLiteral("lab"),
                       QStringLiteral("--gateway-url"), QStringLiteral("http://127.0.0.1:9")},
                      environment);
        QCOMPARE(saved.exitCode, 0);
        const QString corrupt = config.filePath(QStringLiteral("duo-doctor/profiles/broken.json"));
        {
            QFile file(corrupt);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{ not json");
        }
        const RunResult listed = runDoctor(
            {QStringLiteral("profiles"), QStringLiteral("--format"), QStringLiteral("json")}, environment);
        QCOMPARE(listed.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(listed.out).object();
        QCOMPARE(json.value(QStringLiteral("profiles")).toArray().size(), 1);
        QCOMPARE(json.value(QStringLiteral("profiles"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("lab"));
        QCOMPARE(json.value(QStringLiteral("problems"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("file"))
                     .toString(),
                 corrupt);
        QVERIFY(listed.err.contains("broken.json"));
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{ not json"));

        // The keychain is unreachable here: a clear refusal, not a silent run without the secrets.
        const RunResult refused = runDoctor(
            {QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("lab")}, environment);
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("keychain") && refused.err.contains("--model-key-env"),
                 refused.err.constData());
        const RunResult unknown = runDoctor(
            {QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("prod")}, environment);
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("lab"));
    }

    void theLogFileHoldsTheRunButNoSecret() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("model-key-rejected"), {}, &error), qPrintable(error));
        QTemporaryDir state;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert(QStringLiteral("XDG_STATE_HOME"), state.path());
        QStringList arguments = checkArguments(sim);
        arguments << QStringLiteral("--log-level") << QStringLiteral("debug") << QStringLiteral("--format")
                  << QStringLiteral("json");
        const RunResult run = runDoctor(arguments, environment);
        QCOMPARE(run.exitCode, 1);
        QFile log(state.filePath(QStringLiteral("duo-doctor/duo-doctor.log")));
        QVERIFY2(log.open(QIODevice::ReadOnly), "no log file in $XDG_STATE_HOME/duo-doctor");
        const QByteArray text = log.readAll();
        QVERIFY(text.contains("run started"));
        QVERIFY(text.contains("[duo.core.http]")); // one category per module, debug on
        QVERIFY(!text.contains(sim.value("model_key").toUtf8()));
        QVERIFY(!text.contains(sim.value("gitlab_token").toUtf8()));
        QVERIFY(!run.err.contains(sim.value("model_key").toUtf8()));
    }

    void aFleetOfProfilesInOneCall() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        QTemporaryDir config;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        QStringList target =
            checkArguments(sim).mid(1); // without "check", and without secrets: no keychain here
        for (const QString& flag : {QStringLiteral("--gitlab-token-env"), QStringLiteral("--model-key-env")})
            target.remove(target.indexOf(flag), 2);
        for (const char* name : {"eu", "us", "apac"})
            QCOMPARE(runDoctor(QStringList{QStringLiteral("profiles"), QStringLiteral("save"),
                                           QLatin1String(name)} +
                                   target,
                               environment)
                         .exitCode,
                     0);
        const RunResult run =
            runDoctor({QStringLiteral("check"), QStringLiteral("--all-profiles"), QStringLiteral("--jobs"),
                       QStringLiteral("2"), QStringLiteral("--gitlab-token-env"),
                       QStringLiteral("DUO_TEST_TOKEN"), QStringLiteral("--model-key-env"),
                       QStringLiteral("DUO_TEST_KEY"), QStringLiteral("--format"), QStringLiteral("json")},
                      environment);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject fleet = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(fleet.value(QStringLiteral("schema")).toString(), QStringLiteral("duo-doctor.fleet.v1"));
        const QJsonArray profiles = fleet.value(QStringLiteral("profiles")).toArray();
        QCOMPARE(profiles.size(), 3);
        for (const QJsonValue& entry : profiles)
            QCOMPARE(entry.toObject()
                         .value(QStringLiteral("summary"))
                         .toObject()
                         .value(QStringLiteral("fail"))
                         .toInt(),
                     0);
        QVERIFY(!run.out.contains(sim.value("model_key").toUtf8()));
        QVERIFY(!run.out.contains(sim.value("gitlab_token").toUtf8()));
    }

    // profiles export writes the fleet file --fleet reads; connection flags given with --fleet (here
    // --resolve, which the saved profiles lack) apply to every profile of it.
    void exportedProfilesAreAFleetFileAndFleetFlagsApplyToEachProfile() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        QTemporaryDir config;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        QStringList target = checkArguments(sim).mid(1);
        for (const QString& flag : {QStringLiteral("--gitlab-token-env"), QStringLiteral("--model-key-env"),
                                    QStringLiteral("--resolve")})
            target.remove(target.indexOf(flag), 2);
        for (const char* name : {"eu", "us"})
            QCOMPARE(runDoctor(QStringList{"profiles", "save", QLatin1String(name)} + target, environment)
                         .exitCode,
                     0);
        const QString fleetPath = config.filePath("fleet.json");
        const RunResult exported = runDoctor({"profiles", "export", "--output", fleetPath}, environment);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QFile fleetFile(fleetPath);
        QVERIFY(fleetFile.open(QIODevice::ReadOnly));
        const QByteArray fleetBytes = fleetFile.readAll();
        QCOMPARE(QJsonDocument::fromJson(fleetBytes).array().size(), 2);
        QVERIFY(!fleetBytes.contains(sim.value("model_key").toUtf8()));
        QVERIFY(!fleetBytes.contains(sim.value("gitlab_token").toUtf8()));
        QCOMPARE(runDoctor({"profiles", "export", "nowhere"}, environment).exitCode, 2);

        const QStringList secrets{"--gitlab-token-env", "DUO_TEST_TOKEN", "--model-key-env", "DUO_TEST_KEY"};
        const auto modelReachable = [](const QByteArray& fleetJson) {
            QStringList verdicts;
            for (const QJsonValue& entry :
                 QJsonDocument::fromJson(fleetJson).object().value("profiles").toArray())
                verdicts << entry.toObject()
                                .value("root_causes")
                                .toArray()
                                .first()
                                .toObject()
                                .value("check")
                                .toString();
            return verdicts;
        };
        // Without --resolve the model's name does not resolve: every profile fails there.
        const RunResult unresolved =
            runDoctor(QStringList{"check", "--fleet", fleetPath, "--format", "json"} + secrets, environment);
        QCOMPARE(unresolved.exitCode, 1);
        QCOMPARE(modelReachable(unresolved.out), QStringList({"model.reachable", "model.reachable"}));
        QStringList resolved{"check", "--fleet", fleetPath, "--format", "json"};
        for (const QJsonValue& resolve : sim.inputs().value("resolve").toArray())
            resolved << "--resolve" << resolve.toString();
        const RunResult run = runDoctor(resolved + secrets, environment);
        QVERIFY2(run.exitCode == 0, run.out.constData());

        // One profile as the wizard exports it is a fleet of one.
        const QString single = config.filePath("single.json");
        {
            QFile file(single);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(
                QJsonDocument(QJsonDocument::fromJson(fleetBytes).array().first().toObject()).toJson());
        }
        resolved.replace(resolved.indexOf(fleetPath), single);
        const RunResult one = runDoctor(resolved + secrets, environment);
        QVERIFY2(one.exitCode == 0, one.err.constData());
        QCOMPARE(QJsonDocument::fromJson(one.out).object().value("profiles").toArray().size(), 1);
    }

    // Fleet files that cannot be checked as written are refused with the entry named, never run as "healthy";
    // a secret from the environment never goes to a second server.
    void badFleetFilesAndSharedSecretsAreRefused_data() {
        QTest::addColumn<QByteArray>("fleet");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("message");
        QTest::newRow("not objects") << QByteArray("[1, \"x\", null]") << QStringList{} << "entry 1";
        QTest::newRow("newer version")
            << QByteArray("[{\"version\": 99, \"gitlab_url\": \"https://a.example\"}]") << QStringList{}
            << "version";
        QTest::newRow("no server") << QByteArray("[{\"name\": \"empty\"}]") << QStringList{}
                                   << "names no server";
        QTest::newRow("token for two GitLabs")
            << QByteArray(
                   "[{\"gitlab_url\": \"https://a.example\"}, {\"gitlab_url\": \"https://b.example\"}]")
            << QStringList{"--gitlab-token-env", "DUO_TEST_TOKEN"} << "2 different servers";
        QTest::newRow("key for two model servers")
            << QByteArray("[{\"model_endpoint\": \"http://m1.example/v1\", \"model_name\": \"mistral\"},"
                          " {\"model_endpoint\": \"http://m2.example/v1\", \"model_name\": \"mistral\"}]")
            << QStringList{"--model-key-env", "DUO_TEST_KEY"} << "--model-key-env";
        QTest::newRow("pasted output")
            << QByteArray("[{\"gitlab_url\": \"https://a.example\"}]")
            << QStringList{"--manual-output", "manual.rake_verify=/dev/null"} << "one setup";
    }
    void badFleetFilesAndSharedSecretsAreRefused() {
        QFETCH(QByteArray, fleet);
        QFETCH(QStringList, extra);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath("fleet.json");
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(fleet);
        }
        QProcessEnvironment environment;
        environment.insert("DUO_TEST_TOKEN", "glpat-fleet-token-0123456789");
        environment.insert("DUO_TEST_KEY", "sk-fleet-key-0123456789");
        const RunResult run = runDoctor(QStringList{"check", "--fleet", path} + extra, environment);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
        QVERIFY(run.out.isEmpty()); // nothing was checked
        QVERIFY(!run.err.contains("glpat-fleet-token") && !run.err.contains("sk-fleet-key"));
    }

    void aFleetFileWithCombinedHtmlAndJUnitReports() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        QTemporaryDir dir;
        const QJsonObject healthy{{"schema", "duo-doctor.profile"},
                                  {"version", 2},
                                  {"name", "eu"},
                                  {"gitlab_url", sim.value("gitlab_url")},
                                  {"gateway_url", sim.value("gateway_url")},
                                  {"model_name", sim.value("model_name")},
                                  {"model_endpoint", sim.value("model_endpoint")},
                                  {"model_identifier", sim.value("model_identifier")},
                                  {"deployment_name", sim.value("deployment_name")},
                                  {"resolve", sim.inputs().value("resolve").toArray()}};
        QJsonObject broken = healthy;
        broken.insert("name", "us (gateway down)");
        broken.insert("gateway_url", "http://127.0.0.1:9"); // nothing listens on the discard port
        const QString fleetPath = dir.filePath("fleet.json");
        {
            QFile file(fleetPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(QJsonObject{{"profiles", QJsonArray{healthy, broken}}}).toJson());
        }
        const QString html = dir.filePath("fleet.html");
        const QString junit = dir.filePath("results.xml");
        const RunResult run =
            runDoctor({"check", "--fleet", fleetPath, "--gitlab-token-env", "DUO_TEST_TOKEN",
                       "--model-key-env", "DUO_TEST_KEY", "--report", html, "--report", junit},
                      secretEnvironment(sim));
        QVERIFY2(run.exitCode == 1, run.err.constData());
        // One line per profile, the failing one with its root cause.
        const QString table = QString::fromUtf8(run.out);
        QVERIFY2(table.contains(QRegularExpression("✔ +eu ")), run.out.constData());
        QVERIFY2(table.contains(QRegularExpression("✘ +us \\(gateway down\\) .*gateway.reachable")),
                 run.out.constData());
        QFile htmlFile(html), junitFile(junit);
        QVERIFY(htmlFile.open(QIODevice::ReadOnly) && junitFile.open(QIODevice::ReadOnly));
        const QByteArray htmlBytes = htmlFile.readAll(), junitBytes = junitFile.readAll();
        QVERIFY(htmlBytes.contains("href=\"#profile-2\""));
        QVERIFY(htmlBytes.contains("us (gateway down)"));
        QVERIFY(junitBytes.contains("name=\"eu / GitLab\""));
        QVERIFY(junitBytes.contains("name=\"us (gateway down) / AI Gateway\""));
        for (const QByteArray& output : {run.out, run.err, htmlBytes, junitBytes}) {
            QVERIFY(!output.contains(sim.value("model_key").toUtf8()));
            QVERIFY(!output.contains(sim.value("gitlab_token").toUtf8()));
        }
        // Fleet files are not saved profiles: nothing was written next to them.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
    }

    // Secrets with a quote or a backslash: every fleet output and report hides them, whatever escaping its
    // format applies (JSON writes \" and \\, HTML and XML &quot;). Here they sit in a profile's name.
    void fleetOutputsHideSecretsWithQuotesAndBackslashes() {
        const QString token = QStringLiteral("tok\"en\\5b8d1e4f92"),
                      key = QStringLiteral("ke\\y\"7f3a9c2e51");
        const QList<QByteArray> cores{"5b8d1e4f92", "7f3a9c2e51"}; // what any escaped form still shows
        QTemporaryDir dir;
        const QString fleetPath = dir.filePath("profiles.json");
        {
            QFile file(fleetPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            // Nothing listens on the discard port: the checks fail fast, the outputs are written all the
            // same.
            const QString name = "eu " + token + " " + key;
            file.write(QJsonDocument(QJsonArray{QJsonObject{{"name", name},
                                                            {"gitlab_url", "http://127.0.0.1:9"},
                                                            {"model_name", "mistral"},
                                                            {"model_endpoint", "http://127.0.0.1:9/v1"}}})
                           .toJson());
        }
        QProcessEnvironment environment;
        environment.insert("DUO_TEST_TOKEN", token);
        environment.insert("DUO_TEST_KEY", key);
        const QStringList secrets{"--gitlab-token-env", "DUO_TEST_TOKEN", "--model-key-env", "DUO_TEST_KEY"};
        QStringList reports;
        for (const char* name : {"fleet.json", "fleet.txt", "fleet.md", "fleet.html", "results.xml"})
            reports << "--report" << dir.filePath(QLatin1String(name));
        const RunResult json = runDoctor(
            QStringList{"check", "--fleet", fleetPath, "--format", "json"} + secrets + reports, environment);
        QCOMPARE(json.exitCode, 1);
        const QJsonArray profiles = QJsonDocument::fromJson(json.out).object().value("profiles").toArray();
        QCOMPARE(profiles.size(), 1);
        QCOMPARE(profiles.first().toObject().value("name").toString(), QStringLiteral("eu *** ***"));
        const RunResult table = runDoctor(QStringList{"check", "--fleet", fleetPath} + secrets, environment);
        QCOMPARE(table.exitCode, 1);
        QVERIFY2(table.out.contains("eu *** ***"), table.out.constData());
        QList<QByteArray> outputs{json.out, json.err, table.out, table.err};
        for (qsizetype i = 1; i < reports.size(); i += 2) {
            QFile file(reports.at(i));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(reports.at(i)));
            outputs << file.readAll();
        }
        for (const QByteArray& output : outputs) {
            for (const QByteArray& core : cores)
                QVERIFY2(!output.contains(core), output.constData());
        }
    }

    // The container probe script, run for real with sh against the simulated stack (once with curl, once with
    // python3 only), turns the container-side manual steps into results seen from the gateway.
    void containerProbeRunsWithShAndAnswersTheContainerSteps_data() {
        QTest::addColumn<bool>("withCurl");
        QTest::newRow("curl") << true;
        QTest::newRow("python3 only") << false;
    }
    void containerProbeRunsWithShAndAnswersTheContainerSteps() {
        QFETCH(bool, withCurl);
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        const QUrl gateway(sim.value("gateway_url"));
        // Inside a container the model's name resolves by DNS; here the sim's port on 127.0.0.1 stands in.
        QUrl endpoint(sim.value("model_endpoint"));
        endpoint.setHost(QStringLiteral("127.0.0.1"));
        const RunResult script =
            runDoctor({"probe-script", "--gitlab-url", sim.value("gitlab_url"), "--gateway-url",
                       gateway.toString(), "--model-endpoint", endpoint.toString(), "--model-identifier",
                       sim.value("model_identifier"), "--model-name", sim.value("model_name")});
        QCOMPARE(script.exitCode, 0);
        QVERIFY(script.out.startsWith("#!/bin/sh"));
        QVERIFY(!script.out.contains(sim.value("model_key").toUtf8()));
        QTemporaryDir dir;
        QProcessEnvironment container;
        container.insert("AIGW_FASTAPI__API_PORT", QString::number(gateway.port()));
        container.insert("AIGW_CUSTOM_MODELS__ENABLED", "true");
        container.insert("AIGW_AUTH__BYPASS_EXTERNAL", "true");
        container.insert("AIGW_GITLAB_URL", sim.value("gitlab_url"));
        container.insert("DUO_MODEL_KEY", sim.value("model_key"));
        if (withCurl) {
            container.insert("PATH", qEnvironmentVariable("PATH"));
        } else { // a container with python3 but no curl
            // The interpreter itself, not a wrapper script (pyenv's shims need more than this PATH).
            QProcess which;
            which.start("python3", {"-c", "import sys; print(sys.executable)"});
            QVERIFY(which.waitForFinished(10000));
            QVERIFY(QFile::link(QString::fromLocal8Bit(which.readAllStandardOutput().trimmed()),
                                dir.filePath("python3")));
            for (const char* tool : {"sh", "tr", "cut", "sed", "awk", "sort", "head", "tail", "getent"}) {
                const QString found = QStandardPaths::findExecutable(QString::fromLatin1(tool));
                QVERIFY2(!found.isEmpty(), tool);
                QVERIFY(QFile::link(found, dir.filePath(QString::fromLatin1(tool))));
            }
            container.insert("PATH", dir.path());
        }
        QProcess sh;
        sh.setProcessEnvironment(container);
        sh.start(withCurl ? QStringLiteral("sh") : dir.filePath("sh"), {"-s"});
        QVERIFY(sh.waitForStarted());
        sh.write(script.out);
        sh.closeWriteChannel();
        QVERIFY(sh.waitForFinished(60000));
        const QByteArray probe = sh.readAllStandardOutput();
        QCOMPARE(sh.exitCode(), 0);
        QVERIFY2(!probe.contains(sim.value("model_key").toUtf8()), probe.constData());
        const QJsonObject probeJson = QJsonDocument::fromJson(probe).object();
        QCOMPARE(probeJson.value("tool").toString(), withCurl ? QString("curl") : QString("python3"));
        // The key went along (curl takes it as a config on stdin, never on its command line) and was
        // accepted.
        QVERIFY(probeJson.value("model_authenticated").toBool());
        QCOMPARE(probeJson.value("model").toObject().value("status").toInt(), 200);
        const QString probePath = dir.filePath("probe.json");
        {
            QFile file(probePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(probe);
        }
        QStringList arguments = checkArguments(sim);
        arguments << "--container-probe" << probePath << "--format"
                  << "json";
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QCOMPARE(run.exitCode, 0);
        QStringList answered;
        for (const QJsonValue& value : QJsonDocument::fromJson(run.out).object().value("checks").toArray()) {
            const QJsonObject check = value.toObject();
            if (check.value("vantage").toString() != QLatin1String("gateway"))
                continue;
            QCOMPARE(check.value("status").toString(), QString("pass"));
            answered.append(check.value("id").toString());
        }
        QCOMPARE(answered,
                 QStringList({"manual.aigw_env", "manual.aigw_health_inside", "manual.model_from_gateway"}));
    }

    // What the probe printed, pasted with the terminal's noise around it: each step is judged on its own
    // answer (the model's 404, not the health check's 200), and a container that had no way to look a
    // name up is not said to be unable to resolve GitLab.
    void containerProbeOutputIsJudgedStepByStep() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        const QJsonObject probe{
            {"schema", "duo-doctor.container-probe.v1"},
            {"tool", "curl"},
            {"env", QJsonObject{{"AIGW_CUSTOM_MODELS__ENABLED", "true"},
                                {"AIGW_AUTH__BYPASS_EXTERNAL", "true"},
                                {"AIGW_GITLAB_URL", sim.value("gitlab_url")}}},
            {"healthz", QJsonObject{{"url", "http://localhost:5052/monitoring/healthz"}, {"status", 200}}},
            {"model", QJsonObject{{"url", "http://model.internal:8000/v1/models"},
                                  {"status", 404},
                                  {"body", "{\"detail\":\"Not Found\"}"}}},
            {"model_authenticated", true},
            {"gitlab_dns", QJsonObject{{"host", "127.0.0.1"}, {"addresses", ""}, {"resolver", "none"}}}};
        QTemporaryDir dir;
        const QString probePath = dir.filePath("probe.txt");
        {
            QFile file(probePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[root@aigw {run 1}]# sh -s < duo-doctor-probe.sh\n" +
                       QJsonDocument(probe).toJson(QJsonDocument::Compact) + "\n[root@aigw {run 1}]# \n");
        }
        QStringList arguments = checkArguments(sim);
        arguments << "--container-probe" << probePath << "--format"
                  << "json";
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QVERIFY2(run.exitCode == 1, run.err.constData());
        QHash<QString, QJsonObject> checks;
        for (const QJsonValue& value : QJsonDocument::fromJson(run.out).object().value("checks").toArray())
            checks.insert(value.toObject().value("id").toString(), value.toObject());
        QCOMPARE(checks.value("manual.aigw_env").value("status").toString(), QString("pass"));
        QCOMPARE(checks.value("manual.aigw_health_inside").value("status").toString(), QString("pass"));
        const QJsonObject model = checks.value("manual.model_from_gateway");
        QCOMPARE(model.value("status").toString(), QString("fail"));
        QVERIFY2(model.value("explanation").toString().contains("HTTP 404"),
                 qPrintable(model.value("explanation").toString()));
        QVERIFY(!model.value("explanation").toString().contains("HTTP 200"));
    }

    void theModelAnswersTheDesktopButNotTheGateway() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        // The gateway container is pointed at a port nothing listens on: only the container fails.
        const RunResult script =
            runDoctor({"probe-script", "--gitlab-url", sim.value("gitlab_url"), "--model-endpoint",
                       "http://127.0.0.1:9/v1", "--model-name", "mistral"});
        QCOMPARE(script.exitCode, 0);
        QProcess sh;
        QProcessEnvironment container = QProcessEnvironment::systemEnvironment();
        container.insert("AIGW_FASTAPI__API_PORT", QString::number(QUrl(sim.value("gateway_url")).port()));
        container.insert("AIGW_CUSTOM_MODELS__ENABLED", "true");
        container.insert("AIGW_AUTH__BYPASS_EXTERNAL", "true");
        container.insert("AIGW_GITLAB_URL", sim.value("gitlab_url"));
        sh.setProcessEnvironment(container);
        sh.start("sh", {"-s"});
        QVERIFY(sh.waitForStarted());
        sh.write(script.out);
        sh.closeWriteChannel();
        QVERIFY(sh.waitForFinished(60000));
        QTemporaryDir dir;
        const QString probePath = dir.filePath("probe.json");
        {
            QFile file(probePath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(sh.readAllStandardOutput());
        }
        QStringList arguments = checkArguments(sim);
        arguments << "--container-probe" << probePath << "--format"
                  << "json";
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        const QJsonObject cause = report.value("root_causes").toArray().first().toObject();
        QCOMPARE(cause.value("check").toString(), QString("manual.model_from_gateway"));
        for (const QJsonValue& value : report.value("checks").toArray()) {
            if (value.toObject().value("id").toString() == QLatin1String("model.reachable"))
                QCOMPARE(value.toObject().value("status").toString(),
                         QString("pass")); // the desktop reaches it
        }
    }

    // Issue 18: a Bedrock model has no endpoint in GitLab, an Azure one the resource's URL; both import.
    void importTakesBedrockAndAzureModels_data() {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("bedrock") << "bedrock-healthy";
        QTest::newRow("azure") << "azure-healthy";
    }
    void importTakesBedrockAndAzureModels() {
        QFETCH(QString, scenario);
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(scenario, {}, &error), qPrintable(error));
        QTemporaryDir config;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert("XDG_CONFIG_HOME", config.path());
        const RunResult run = runDoctor({"profiles", "import", "--gitlab-url", sim.value("gitlab_url"),
                                         "--gitlab-token-env", "DUO_TEST_TOKEN", "--format", "json"},
                                        environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray profiles = QJsonDocument::fromJson(run.out).object().value("profiles").toArray();
        QCOMPARE(profiles.size(), 1);
        const QJsonObject entry = profiles.first().toObject();
        QVERIFY2(entry.value("action").toString() == QLatin1String("created"), run.out.constData());
        QFile saved(config.filePath("duo-doctor/profiles/" + entry.value("id").toString() + ".json"));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject profile = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(profile.value("model_identifier").toString(), sim.value("model_identifier"));
        QCOMPARE(profile.value("model_endpoint").toString(), sim.value("model_endpoint"));
    }

    void importMakesAProfilePerGitLabModelAndShowsDifferences() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("healthy"), {}, &error), qPrintable(error));
        QTemporaryDir config;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert("XDG_CONFIG_HOME", config.path());
        const QStringList import{
            "profiles",           "import",         "--gitlab-url", sim.value("gitlab_url"),
            "--gitlab-token-env", "DUO_TEST_TOKEN", "--format",     "json"};
        const RunResult first = runDoctor(import, environment);
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonArray created = QJsonDocument::fromJson(first.out).object().value("profiles").toArray();
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().toObject().value("action").toString(), QString("created"));
        const QString name = created.first().toObject().value("name").toString();
        QVERIFY(name.endsWith(sim.value("deployment_name")));
        // GitLab's feature settings say what the model serves.
        QCOMPARE(created.first().toObject().value("features").toArray(),
                 QJsonArray({"code_completions", "code_generations", "duo_chat"}));
        // Saved profiles hold no secret.
        QDirIterator files(config.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains(sim.value("gitlab_token").toUtf8()));
        }
        // Imported again: nothing to change.
        const RunResult again = runDoctor(import, environment);
        QCOMPARE(QJsonDocument::fromJson(again.out)
                     .object()
                     .value("profiles")
                     .toArray()
                     .first()
                     .toObject()
                     .value("action")
                     .toString(),
                 QString("unchanged"));

        // The admin changed the profile since: shown with the difference and kept, until --update.
        const QString profileFile = config.filePath(
            "duo-doctor/profiles/" + created.first().toObject().value("id").toString() + ".json");
        QFile edited(profileFile);
        QVERIFY(edited.open(QIODevice::ReadOnly));
        QJsonObject profileJson = QJsonDocument::fromJson(edited.readAll()).object();
        edited.close();
        profileJson.insert("model_identifier", "custom_openai/edited-by-hand");
        profileJson.insert("timeout_ms", 30000); // the admin's own connection settings survive --update
        profileJson.insert("resolve", QJsonArray{"gitlab.internal:443:10.0.0.7"});
        QVERIFY(edited.open(QIODevice::WriteOnly | QIODevice::Truncate));
        edited.write(QJsonDocument(profileJson).toJson());
        edited.close();
        const auto importedEntry = [](const RunResult& result) {
            return QJsonDocument::fromJson(result.out)
                .object()
                .value("profiles")
                .toArray()
                .first()
                .toObject();
        };
        const QJsonObject differs = importedEntry(runDoctor(import, environment));
        QCOMPARE(differs.value("action").toString(), QString("differs"));
        const QJsonObject edit = differs.value("differences").toArray().first().toObject();
        QCOMPARE(edit.value("field").toString(), QString("identifier"));
        QCOMPARE(edit.value("profile").toString(), QString("custom_openai/edited-by-hand"));
        QCOMPARE(edit.value("gitlab").toString(), sim.value("model_identifier"));
        QVERIFY(edited.open(QIODevice::ReadOnly));
        QVERIFY(edited.readAll().contains("edited-by-hand"));
        edited.close();
        QCOMPARE(importedEntry(runDoctor(QStringList(import) << "--update", environment))
                     .value("action")
                     .toString(),
                 QString("updated"));
        QVERIFY(edited.open(QIODevice::ReadOnly));
        const QJsonObject updated = QJsonDocument::fromJson(edited.readAll()).object();
        edited.close();
        QCOMPARE(updated.value("model_identifier").toString(), sim.value("model_identifier"));
        QCOMPARE(updated.value("timeout_ms").toInt(), 30000);
        QCOMPARE(updated.value("resolve").toArray(), QJsonArray{"gitlab.internal:443:10.0.0.7"});

        // A setup that disagrees with GitLab's copy: gitlab.model_config names the difference.
        QStringList arguments = checkArguments(sim);
        const int identifier = arguments.indexOf("--model-identifier");
        arguments[identifier + 1] = "custom_openai/some-other-model";
        arguments << "--format"
                  << "json";
        const RunResult run = runDoctor(arguments, secretEnvironment(sim));
        for (const QJsonValue& value : QJsonDocument::fromJson(run.out).object().value("checks").toArray()) {
            const QJsonObject check = value.toObject();
            if (check.value("id").toString() != QLatin1String("gitlab.model_config"))
                continue;
            QCOMPARE(check.value("status").toString(), QString("warn"));
            const QJsonObject difference =
                check.value("evidence").toObject().value("differences").toArray().first().toObject();
            QCOMPARE(difference.value("field").toString(), QString("identifier"));
            QCOMPARE(difference.value("gitlab").toString(), sim.value("model_identifier"));
            return;
        }
        QFAIL("no gitlab.model_config in the report");
    }

    // GitLab's values are checked like typed ones: a model whose endpoint carries a password is not imported
    // (and says why), a name's escape sequence never reaches the terminal, and no report shows the password.
    void importSkipsUnsafeValuesFromGitLab() {
        SimProcess sim;
        QString error;
        QVERIFY2(sim.start(QStringLiteral("gitlab-lists-unsafe-model"), {}, &error), qPrintable(error));
        QTemporaryDir config;
        QProcessEnvironment environment = secretEnvironment(sim);
        environment.insert("XDG_CONFIG_HOME", config.path());
        const RunResult run = runDoctor({"profiles", "import", "--gitlab-url", sim.value("gitlab_url"),
                                         "--gitlab-token-env", "DUO_TEST_TOKEN", "--format", "json"},
                                        environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QStringList actions;
        for (const QJsonValue& entry : QJsonDocument::fromJson(run.out).object().value("profiles").toArray())
            actions << entry.toObject().value("action").toString();
        QCOMPARE(actions, QStringList({"created", "skipped"}));
        QVERIFY2(run.err.contains("not imported"), run.err.constData());
        for (const QByteArray& output : {run.out, run.err}) {
            QVERIFY(!output.contains("sim-url-password-"));
            QVERIFY(!output.contains('\x1b'));
        }
        QDirIterator files(config.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains("sim-url-password-"));
        }
        // A check run shows GitLab's list in its evidence: the password is redacted there too.
        QTemporaryDir reports;
        QStringList arguments = checkArguments(sim);
        arguments << "--format"
                  << "json"
                  << "--report" << reports.filePath("r.html");
        const RunResult checked = runDoctor(arguments, secretEnvironment(sim));
        QVERIFY2(checked.out.contains("bob:***@"), "GitLab's list is not in the evidence");
        QVERIFY(!checked.out.contains("sim-url-password-"));
        QFile html(reports.filePath("r.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(!html.readAll().contains("sim-url-password-"));
    }

    void demoRunsTheSimulatedStackAndExitsZero() {
        const RunResult run = runDoctor({QStringLiteral("demo"), QStringLiteral("gateway-auth-bypass-off")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("gateway.auth_bypass"));
        QVERIFY(run.out.contains("AIGW_AUTH__BYPASS_EXTERNAL=true"));
        const RunResult unknown = runDoctor({QStringLiteral("demo"), QStringLiteral("no-such-scenario")});
        QCOMPARE(unknown.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
