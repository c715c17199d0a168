#include "core/profiles/profilestore.h"
#include "core/profiles/runjournal.h"
#include "core/profiles/secretstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace duo;

namespace {

Profile sample() {
    Profile profile = Profile::create("production");
    profile.gitlabUrl = QUrl("https://gitlab.example.com");
    profile.gatewayUrl = QUrl("http://aigw.example.com:5052");
    profile.modelFamily = "mistral";
    profile.modelEndpoint = QUrl("http://vllm.example.com:8000/v1");
    profile.modelIdentifier = "custom_openai/mistralai/Mistral-7B-Instruct-v0.3";
    profile.deploymentName = "mistral-prod";
    profile.options.resolve.append({"vllm.example.com", 8000, "10.0.0.5"});
    profile.manualOutputs.insert("manual.user_access", "=> true");
    return profile;
}

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

template <typename Call> SecretResult wait(Call call) {
    SecretResult result;
    bool done = false;
    call([&](const SecretResult& r) {
        result = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        qFatal("no answer from the secret store");
    return result;
}

} // namespace

class TestProfiles : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEverythingButSecrets() {
        Profile profile = sample();
        Target target = profile.target();
        target.modelKey = Secret("sk-must-not-be-saved-123");
        profile.setTarget(target);
        QString error;
        const auto back = Profile::fromJson(profile.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->id, profile.id);
        QCOMPARE(back->modelIdentifier, profile.modelIdentifier);
        QCOMPARE(back->deploymentName, QString("mistral-prod"));
        QCOMPARE(back->options.resolve.size(), 1);
        QCOMPARE(back->options.resolve.first().address, QString("10.0.0.5"));
        QCOMPARE(back->manualOutputs.value("manual.user_access"), QString("=> true"));
        QVERIFY(!QJsonDocument(profile.toJson()).toJson().contains("sk-must-not-be-saved"));
    }

    void theAgentPlatformAddressIsKeptOnlyWhenTyped() {
        Profile profile = sample();
        QVERIFY(!profile.toJson().contains(QStringLiteral("agent_platform")));
        Target target = profile.target();
        target.agentPlatformAddress = QStringLiteral("aigw.internal:50052");
        profile.setTarget(target);
        QString error;
        const auto back = Profile::fromJson(profile.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->target().agentPlatformAddress, QStringLiteral("aigw.internal:50052"));
    }

    // Found by fuzzing (tests/fuzz/regressions/profiles): the entry was written with chained arg(), so the
    // port filled the host's "%1" and the address the port's place.
    void aResolveHostHoldingPercentOneIsSavedAsWritten() {
        Profile profile = sample();
        profile.options.resolve = {{"a%1b", 443, "10.0.0.1"}};
        QCOMPARE(profile.toJson().value("resolve").toArray().first().toString(),
                 QString("a%1b:443:10.0.0.1"));
        QString error;
        const auto back = Profile::fromJson(profile.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->options.resolve.size(), 1);
        QCOMPARE(back->options.resolve.first().host, QString("a%1b"));
        QCOMPARE(back->options.resolve.first().port, 443);
    }

    // Found by fuzzing: Qt's JSON reader drops a raw U+FEFF that opens a string, so a name or a pasted output
    // that began with a byte order mark lost it on every save.
    void aByteOrderMarkSurvivesSaveAndReload() {
        QTemporaryDir dir;
        const ProfileStore store(dir.path());
        Profile profile = sample();
        profile.name = QStringLiteral("\uFEFFproduction");
        profile.manualOutputs.insert("manual.rake_verify", QStringLiteral("\uFEFF=> true"));
        QString error;
        QVERIFY2(store.save(profile, &error), qPrintable(error));
        const auto back = store.find(profile.id, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->name, profile.name);
        QCOMPARE(back->manualOutputs, profile.manualOutputs);
    }

    void versionOneMigrates() {
        const QJsonObject old{{"version", 1},
                              {"id", "abc"},
                              {"name", "old one"},
                              {"gitlab", QJsonObject{{"url", "https://gitlab.example.com"}}},
                              {"gateway", QJsonObject{{"url", "http://aigw:5052"}}},
                              {"model", QJsonObject{{"name", "codestral"},
                                                    {"endpoint", "http://m:8000/v1"},
                                                    {"identifier", "custom_openai/codestral"},
                                                    {"deployment", "cs"}}}};
        QString error;
        const auto profile = Profile::fromJson(old, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->name, QString("old one"));
        QCOMPARE(profile->modelFamily, QString("codestral"));
        QCOMPARE(profile->gatewayUrl, QUrl("http://aigw:5052"));
        QCOMPARE(profile->deploymentName, QString("cs"));
        QCOMPARE(profile->toJson().value("version").toInt(), Profile::currentVersion);
    }

    void storeSavesRenamesAndDeletes() {
        QTemporaryDir dir;
        const ProfileStore store(dir.path());
        Profile profile = sample();
        QString error;
        QVERIFY2(store.save(profile, &error), qPrintable(error));
        QCOMPARE(store.list().profiles.size(), 1);
        profile.name = "prod (EU)";
        QVERIFY(store.save(profile, &error));
        const auto found = store.find("PROD (eu)", &error);
        QVERIFY2(found, qPrintable(error));
        QCOMPARE(found->id, profile.id); // a rename keeps the id, so the keychain entries still match
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
        QVERIFY(!store.find("staging", &error));
        QVERIFY(error.contains("prod (EU)"));
        QVERIFY(store.remove(profile.id, &error));
        QVERIFY(store.list().profiles.isEmpty());
    }

    void fleetRunsGoToTheJournalAndLeaveProfileFilesAlone() {
        QTemporaryDir dir;
        const ProfileStore store(dir.path());
        QList<Profile> profiles;
        QString error;
        QHash<QString, QByteArray> filesBefore;
        for (const char* name : {"prod", "staging", "lab"}) {
            Profile profile = sample();
            profile.id = Profile::create({}).id;
            profile.name = QString::fromLatin1(name);
            QVERIFY2(store.save(profile, &error), qPrintable(error));
            filesBefore.insert(profile.id, readFile(dir.filePath(profile.id + ".json")));
            Profile::LastRun run;
            run.at = QDateTime::currentDateTimeUtc();
            run.counts.fail = int(profiles.size());
            run.firstRootCause = QStringLiteral("model.reachable");
            profile.lastRun = run;
            profiles.append(profile);
        }
        QVERIFY2(store.recordRuns(profiles, &error), qPrintable(error));
        for (const Profile& profile : store.list().profiles) {
            QVERIFY2(profile.lastRun, qPrintable(profile.name));
            QCOMPARE(profile.lastRun->firstRootCause, QStringLiteral("model.reachable"));
            QCOMPARE(readFile(dir.filePath(profile.id + ".json")), filesBefore.value(profile.id));
        }
        const auto lab = store.find("lab", &error);
        QVERIFY2(lab && lab->lastRun, qPrintable(error));
        QCOMPARE(lab->lastRun->counts.fail, 2);
        QCOMPARE(store.list().problems.size(), 0); // the journal is not mistaken for a profile
    }

    void theNewestRunWinsAndATornJournalLineIsSkipped() {
        QTemporaryDir dir;
        const ProfileStore store(dir.path());
        QString error;
        Profile profile = sample();
        Profile::LastRun older;
        older.at = QDateTime::currentDateTimeUtc().addSecs(-3600);
        older.counts.fail = 7;
        profile.lastRun = older;
        QVERIFY(store.save(profile, &error)); // the wizard's run, in the profile file

        Profile::LastRun newer = older;
        newer.at = older.at.addSecs(60);
        newer.counts.fail = 1;
        profile.lastRun = newer;
        QVERIFY2(store.recordRuns({profile}, &error), qPrintable(error));
        QFile journal(dir.filePath("last-runs.jsonl"));
        QVERIFY(journal.open(QIODevice::Append));
        journal.write("{\"id\":\"" + profile.id.toUtf8() +
                      "\",\"at\":\"2099-01-01T00:0"); // a crash mid-write
        journal.close();
        const auto found = store.find(profile.id, &error);
        QVERIFY2(found && found->lastRun, qPrintable(error));
        QCOMPARE(found->lastRun->counts.fail, 1);

        Profile::LastRun newest = newer;
        newest.at = newer.at.addSecs(60);
        newest.counts.fail = 0;
        profile.lastRun = newest;
        QVERIFY(store.save(profile, &error)); // a later wizard run beats the journal
        QCOMPARE(store.find(profile.id, &error)->lastRun->counts.fail, 0);
    }

    void theJournalIsCompactedToOneLinePerExistingProfile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("last-runs.jsonl");
        const RunJournal journal(path);
        QString error;
        Profile::LastRun run;
        run.at = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 200; ++i) {
            run.at = run.at.addSecs(1);
            run.counts.pass = i;
            QVERIFY2(journal.append({{"kept", run}, {"deleted", run}}, &error), qPrintable(error));
        }
        const qint64 grown = QFileInfo(path).size();
        journal.compactIfLarger(grown + 1, {"kept"});
        QCOMPARE(QFileInfo(path).size(), grown); // below the limit: untouched
        journal.compactIfLarger(1024, {"kept"});
        const QHash<QString, Profile::LastRun> latest = journal.latest();
        QCOMPARE(latest.size(), 1);
        QCOMPARE(latest.value("kept").counts.pass, 199);
        QCOMPARE(readFile(path).count('\n'), 1);
    }

    void corruptFilesAreNamedLeftAloneAndDoNotHideTheOthers() {
        QTemporaryDir dir;
        const ProfileStore store(dir.path());
        QString error;
        QVERIFY(store.save(sample(), &error));
        const QString garbled = dir.filePath("garbled.json");
        const QString future = dir.filePath("future.json");
        const QString nameless = dir.filePath("nameless.json");
        writeFile(garbled, "{ this is not json");
        writeFile(future, "{\"schema\":\"duo-doctor.profile\",\"version\":99,\"id\":\"x\",\"name\":\"y\"}");
        writeFile(nameless, "{\"schema\":\"duo-doctor.profile\",\"version\":2,\"id\":\"z\"}");
        const ProfileStore::Listing listing = store.list();
        QCOMPARE(listing.profiles.size(), 1);
        QCOMPARE(listing.problems.size(), 3);
        for (const ProfileStore::Problem& problem : listing.problems) {
            QVERIFY(problem.file.startsWith(dir.path()));
            QVERIFY(!problem.message.isEmpty());
        }
        QCOMPARE(readFile(garbled), QByteArray("{ this is not json"));
        bool newer = false;
        for (const ProfileStore::Problem& problem : listing.problems)
            newer = newer || (problem.file == future && problem.message.contains("newer"));
        QVERIFY(newer);
    }

    void exportSaysSecretsAreNotIncludedAndImportGetsANewId() {
        QTemporaryDir dir;
        const Profile profile = sample();
        QString error;
        const QString path = dir.filePath("handover.json");
        QVERIFY(ProfileStore::exportTo(profile, path, &error));
        QVERIFY(readFile(path).contains("\"secrets\": \"not included"));
        const auto imported = ProfileStore::importFrom(path, &error);
        QVERIFY2(imported, qPrintable(error));
        QVERIFY(imported->id != profile.id);
        QCOMPARE(imported->gatewayUrl, profile.gatewayUrl);
    }

    void memorySecretStoreBehavesLikeAKeychain() {
        MemorySecretStore store;
        QCOMPARE(wait([&](auto done) { store.read("p1", SecretKind::ModelKey, done); }).error,
                 SecretError::NotFound);
        QVERIFY(wait([&](auto done) { store.write("p1", SecretKind::ModelKey, "sk-1", done); }).ok());
        QCOMPARE(wait([&](auto done) { store.read("p1", SecretKind::ModelKey, done); }).value,
                 QString("sk-1"));
        QVERIFY(wait([&](auto done) { store.remove("p1", SecretKind::ModelKey, done); }).ok());
        QCOMPARE(store.count(), 0);
        store.failWith(SecretError::Unavailable);
        const SecretResult locked =
            wait([&](auto done) { store.write("p1", SecretKind::ModelKey, "sk-1", done); });
        QCOMPARE(locked.error, SecretError::Unavailable);
        QVERIFY(locked.message.contains("locked"));
    }

    void bothSecretsOfAProfile() {
        MemorySecretStore store;
        bool written = false;
        writeProfileSecrets(store, "p2", "glpat-abc", "", [&](const SecretResult& r) { written = r.ok(); });
        QTRY_VERIFY(written);
        ProfileSecrets secrets;
        bool read = false;
        readProfileSecrets(store, "p2", [&](const ProfileSecrets& s) {
            secrets = s;
            read = true;
        });
        QTRY_VERIFY(read);
        QCOMPARE(secrets.gitlabToken, QString("glpat-abc"));
        QVERIFY(secrets.modelKey.isEmpty());
        QVERIFY(secrets.problem.ok()); // a secret never stored is not a problem
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "test_profiles.moc"
