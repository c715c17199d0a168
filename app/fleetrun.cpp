#include "app/fleetrun.h"

#include "core/engine/engine.h"
#include "core/net/requestcoalescer.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretstore.h"
#include "core/reports/fleetreport.h"
#include "core/reports/junitreport.h"
#include "core/reports/reportwriters.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace duo::app {

namespace {

struct FleetText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Fleet)
};

// One profile's run: its target (secrets resolved), then its report.
struct ProfileRun {
    Profile profile;
    Target target;
    Report report;
    bool ran = false;
    QString problem; // why it could not run
};

// Secrets come from the environment flags, else from the keychain; the keychain is read on the main thread,
// all profiles at once, before any check starts.
void resolveSecrets(const CheckJob& job, const QList<std::shared_ptr<ProfileRun>>& runs, bool fromKeychain) {
    KeychainSecretStore keychain;
    QEventLoop loop;
    int reading = 0;
    for (const auto& run : runs) {
        run->target = run->profile.target();
        run->target.gitlabToken = job.target.gitlabToken;
        run->target.modelKey = job.target.modelKey;
        if (!fromKeychain || (!run->target.gitlabToken.isEmpty() && !run->target.modelKey.isEmpty()))
            continue;
        ++reading;
        readProfileSecrets(keychain, run->profile.id, [&reading, &loop, run](const ProfileSecrets& secrets) {
            if (!secrets.problem.ok())
                run->problem = secrets.problem.message;
            if (run->target.gitlabToken.isEmpty())
                run->target.gitlabToken = Secret(secrets.gitlabToken);
            if (run->target.modelKey.isEmpty())
                run->target.modelKey = Secret(secrets.modelKey);
            if (--reading == 0)
                loop.quit();
        });
    }
    if (reading > 0)
        loop.exec();
}

// The profiles not yet taken by a worker, in the order they were listed.
class FleetQueue {
public:
    explicit FleetQueue(const QList<std::shared_ptr<ProfileRun>>& runs) {
        for (const auto& run : runs) {
            if (run->problem.isEmpty())
                m_pending.append(run);
        }
    }
    std::shared_ptr<ProfileRun> take() {
        const QMutexLocker locker(&m_mutex);
        return m_pending.isEmpty() ? nullptr : m_pending.takeFirst();
    }

private:
    QMutex m_mutex;
    QList<std::shared_ptr<ProfileRun>> m_pending;
};

// One worker thread's share of the fleet: its own event loop, and a network manager per distinct set of
// connection settings (kept-alive connections serve every profile with the same proxy, CA file, pins and
// --resolve entries; a profile's proxy or pinned certificate never carries another's requests), at most
// `concurrency` profiles at a time. A fleet without latency is CPU-bound, so the work is spread over the
// cores; identical requests still go out once for all threads.
class FleetWorker {
public:
    FleetWorker(FleetQueue& queue, int concurrency, std::shared_ptr<RequestCoalescer> coalescer)
        : m_queue(queue)
        , m_concurrency(concurrency)
        , m_coalescer(std::move(coalescer)) {}

    // Runs on the worker's thread until the queue is empty and its last profile is done.
    void run() {
        std::map<QByteArray, std::unique_ptr<QNetworkAccessManager>> networks;
        std::vector<std::unique_ptr<CheckEngine>> engines; // destroyed before the network managers
        QEventLoop loop;
        int active = 0;
        std::function<void()> startNext = [&] {
            const std::shared_ptr<ProfileRun> run = m_queue.take();
            if (!run) {
                if (active == 0)
                    loop.quit();
                return;
            }
            ++active;
            std::unique_ptr<QNetworkAccessManager>& network =
                networks[connectionKey(run->profile.options)];
            if (!network)
                network = std::make_unique<QNetworkAccessManager>();
            auto* engine = engines.emplace_back(std::make_unique<CheckEngine>(network.get())).get();
            engine->setRequestCoalescer(m_coalescer);
            for (auto it = run->profile.manualOutputs.cbegin(); it != run->profile.manualOutputs.cend(); ++it)
                engine->setManualOutput(it.key(), it.value());
            QObject::connect(engine, &CheckEngine::finished, [&, run](const Report& report) {
                run->report = report;
                run->ran = true;
                --active;
                // Not from inside the engine's signal: the next profile starts from the event loop.
                QMetaObject::invokeMethod(&loop, startNext, Qt::QueuedConnection);
            });
            engine->start(run->target, run->profile.options);
        };
        for (int i = 0; i < m_concurrency; ++i)
            startNext();
        if (active > 0)
            loop.exec();
    }

private:
    FleetQueue& m_queue;
    int m_concurrency;
    std::shared_ptr<RequestCoalescer> m_coalescer;
};

// Runs every profile, at most `concurrency` at a time over all threads, one thread per core.
void runAll(const QList<std::shared_ptr<ProfileRun>>& runs, int concurrency) {
    FleetQueue queue(runs);
    auto coalescer = std::make_shared<RequestCoalescer>();
    const int threads = std::max(1, std::min({QThread::idealThreadCount(), concurrency, int(runs.size())}));
    std::vector<std::unique_ptr<QThread>> workers;
    for (int i = 0; i < threads; ++i) {
        // Share the concurrency out: the first threads take the remainder.
        const int share = concurrency / threads + (i < concurrency % threads ? 1 : 0);
        workers.emplace_back(
            QThread::create([&queue, share, coalescer] { FleetWorker(queue, share, coalescer).run(); }));
        workers.back()->start();
    }
    for (const auto& worker : workers)
        worker->wait();
}

// Each profile remembers its last run: one journal write and one disk sync for the whole fleet.
void recordRuns(const QList<std::shared_ptr<ProfileRun>>& runs) {
    QList<Profile> updated;
    for (const auto& run : runs) {
        if (!run->ran)
            continue;
        updated.append(run->profile);
        updated.last().recordRun(run->report);
    }
    QString error;
    if (!ProfileStore().recordRuns(updated, &error))
        std::fprintf(stderr, "duo-doctor: %s\n",
                     qPrintable(FleetText::tr("could not record the last runs: %1").arg(error)));
}

} // namespace

namespace {

// The fleet's profiles: the saved ones (--all-profiles) or those listed in a file (--fleet).
std::optional<QList<Profile>> fleetProfiles(const CheckJob& job, bool* saved) {
    const auto complain = [](const QString& message) {
        std::fprintf(stderr, "duo-doctor: %s\n", qPrintable(message));
    };
    *saved = job.fleetFile.isEmpty();
    if (*saved) {
        const ProfileStore::Listing listing = ProfileStore().list();
        for (const ProfileStore::Problem& problem : listing.problems)
            complain(FleetText::tr("cannot read the profile %1: %2").arg(problem.file, problem.message));
        if (listing.profiles.isEmpty()) {
            complain(FleetText::tr("--all-profiles: there are no saved profiles."));
            return std::nullopt;
        }
        return listing.profiles;
    }
    QFile file(job.fleetFile);
    if (!file.open(QIODevice::ReadOnly)) {
        complain(FleetText::tr("--fleet: cannot read %1: %2").arg(job.fleetFile, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        complain(FleetText::tr("--fleet: %1 is not valid JSON at byte %2: %3")
                     .arg(job.fleetFile)
                     .arg(parseError.offset)
                     .arg(parseError.errorString()));
        return std::nullopt;
    }
    // An array (profiles export), {"profiles": [...]}, or one profile as the wizard exports it.
    const QJsonObject top = document.object();
    const QJsonArray entries = document.isArray() ? document.array()
                               : top.contains(QStringLiteral("profiles"))
                                   ? top.value(QStringLiteral("profiles")).toArray()
                               : top.isEmpty() ? QJsonArray()
                                               : QJsonArray{top};
    QList<Profile> profiles;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        // Hand-written fleet files need no id, name, schema or version: they are not saved profiles. A
        // version they do give is kept, so a newer one than we know is refused, not misread.
        if (!entries.at(i).isObject()) {
            complain(FleetText::tr("--fleet: entry %1 of %2 is not a profile (a JSON object with gitlab_url, "
                                   "gateway_url or model_endpoint).")
                         .arg(i + 1)
                         .arg(job.fleetFile));
            return std::nullopt;
        }
        QJsonObject object = entries.at(i).toObject();
        if (!object.contains(QStringLiteral("schema")))
            object.insert(QStringLiteral("schema"), QStringLiteral("duo-doctor.profile"));
        if (!object.contains(QStringLiteral("version")))
            object.insert(QStringLiteral("version"), Profile::currentVersion);
        if (object.value(QStringLiteral("id")).toString().isEmpty())
            object.insert(QStringLiteral("id"), Profile::create({}).id);
        if (object.value(QStringLiteral("name")).toString().isEmpty())
            object.insert(QStringLiteral("name"), FleetText::tr("entry %1").arg(i + 1));
        QString error;
        std::optional<Profile> profile = Profile::fromJson(object, &error);
        if (!profile) {
            complain(FleetText::tr("--fleet: entry %1 of %2: %3").arg(i + 1).arg(job.fleetFile, error));
            return std::nullopt;
        }
        if (profile->gitlabUrl.isEmpty() && profile->gatewayUrl.isEmpty() &&
            profile->modelEndpoint.isEmpty()) {
            complain(
                FleetText::tr("--fleet: entry %1 of %2 (%3) names no server: give gitlab_url, gateway_url "
                              "or model_endpoint.")
                    .arg(i + 1)
                    .arg(job.fleetFile, profile->name));
            return std::nullopt;
        }
        profiles.append(*profile);
    }
    if (profiles.isEmpty()) {
        complain(FleetText::tr("--fleet: %1 lists no profile; expected a JSON array of profiles or "
                               "{\"profiles\": [...]}.")
                     .arg(job.fleetFile));
        return std::nullopt;
    }
    return profiles;
}

// One line per profile, in aligned columns: status, name, counts, the first root cause.
QString fleetTable(const QList<std::shared_ptr<ProfileRun>>& runs) {
    qsizetype width = FleetText::tr("Profile").size();
    for (const auto& run : runs)
        width = std::max(width, run->profile.name.size());
    QString out = QStringLiteral("   ") + FleetText::tr("Profile").leftJustified(width) +
                  QStringLiteral("  ") + FleetText::tr("pass fail warn manual  root cause") +
                  QLatin1Char('\n');
    for (const auto& run : runs) {
        const bool failed = !run->problem.isEmpty() || run->report.anyFailed();
        out += (failed ? QStringLiteral("✘  ") : QStringLiteral("✔  ")) +
               run->profile.name.leftJustified(width) + QStringLiteral("  ");
        if (!run->problem.isEmpty()) {
            out += FleetText::tr("not run: %1").arg(run->problem) + QLatin1Char('\n');
            continue;
        }
        const StatusCounts counts = run->report.counts();
        out += QStringLiteral("%1 %2 %3 %4  ")
                   .arg(counts.pass, 4)
                   .arg(counts.fail, 4)
                   .arg(counts.warn, 4)
                   .arg(counts.manual, 6);
        if (!run->report.rootCauses.isEmpty()) {
            const RootCause& cause = run->report.rootCauses.constFirst();
            out += cause.checkId + QStringLiteral(" (") + cause.title + QLatin1Char(')');
        } else {
            out += QStringLiteral("-");
        }
        out += QLatin1Char('\n');
    }
    return out;
}

QJsonObject fleetJson(const QList<std::shared_ptr<ProfileRun>>& runs) {
    QJsonArray profiles;
    for (const auto& run : runs) {
        QJsonObject entry{{QStringLiteral("name"), run->profile.name},
                          {QStringLiteral("id"), run->profile.id}};
        if (!run->problem.isEmpty()) {
            entry.insert(QStringLiteral("problem"), run->problem);
        } else {
            // Each profile's counts and root causes: a full report per profile is one --profile away.
            const StatusCounts counts = run->report.counts();
            entry.insert(QStringLiteral("summary"), QJsonObject{{QStringLiteral("pass"), counts.pass},
                                                                {QStringLiteral("fail"), counts.fail},
                                                                {QStringLiteral("warn"), counts.warn},
                                                                {QStringLiteral("skip"), counts.skip},
                                                                {QStringLiteral("manual"), counts.manual}});
            QJsonArray causes;
            for (const RootCause& cause : run->report.rootCauses)
                causes.append(QJsonObject{{QStringLiteral("check"), cause.checkId},
                                          {QStringLiteral("title"), cause.title},
                                          {QStringLiteral("fix"), cause.fix}});
            entry.insert(QStringLiteral("root_causes"), causes);
        }
        profiles.append(entry);
    }
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("duo-doctor.fleet.v1")},
                       {QStringLiteral("profiles"), profiles}};
}

// Every report file named with --report, for the whole fleet: .html one combined report, .xml JUnit with
// suites per profile, .json the fleet object, .txt/.md the table.
bool writeFleetReports(const CheckJob& job, const QList<std::shared_ptr<ProfileRun>>& runs,
                       const Redactor& redactor) {
    // HTML and JUnit redact each report before escaping it; the JSON and the table are redacted as a whole.
    const auto htmlReport = [&runs] {
        QList<FleetEntry> entries;
        for (const auto& run : runs)
            entries.append({run->profile.name,
                            run->problem.isEmpty() ? std::optional<Report>(run->report) : std::nullopt,
                            run->problem});
        return fleetHtmlReport(entries);
    };
    const auto junitReport = [&runs] {
        QList<std::pair<QString, Report>> junitRuns;
        for (const auto& run : runs) {
            if (run->problem.isEmpty())
                junitRuns.append({run->profile.name, redactedReport(run->report)});
        }
        return junitFleetReport(junitRuns);
    };
    bool ok = true;
    for (const QString& path : job.reportFiles) {
        QByteArray bytes;
        switch (reportFormatForFile(path).value_or(ReportFormat::Text)) {
        case ReportFormat::Html:
            bytes = htmlReport().toUtf8();
            break;
        case ReportFormat::JUnit:
            bytes = junitReport().toUtf8();
            break;
        case ReportFormat::Json:
            bytes =
                redactor
                    .apply(QString::fromUtf8(QJsonDocument(fleetJson(runs)).toJson(QJsonDocument::Indented)))
                    .toUtf8();
            break;
        case ReportFormat::Text:
        case ReportFormat::Markdown:
            bytes = redactor.apply(fleetTable(runs)).toUtf8();
            break;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            std::fprintf(
                stderr, "duo-doctor: %s\n",
                qPrintable(FleetText::tr("--report: cannot write %1: %2").arg(path, file.errorString())));
            ok = false;
        }
    }
    return ok;
}

// A secret given by --gitlab-token-env or --model-key-env goes to every profile of the fleet: it must not
// reach a server it does not belong to, so the fleet may name only one GitLab (one model server) for it.
QString sharedSecretProblem(const CheckJob& job, const QList<std::shared_ptr<ProfileRun>>& runs) {
    struct Shared {
        const char* flag;
        bool given;
        QUrl Target::*url;
    };
    const Shared shared[] = {{"--gitlab-token-env", !job.target.gitlabToken.isEmpty(), &Target::gitlabUrl},
                             {"--model-key-env", !job.target.modelKey.isEmpty(), &Target::modelEndpoint}};
    for (const Shared& secret : shared) {
        if (!secret.given)
            continue;
        QStringList origins;
        for (const auto& run : runs) {
            const QUrl url = run->profile.target().*secret.url;
            if (!url.isEmpty())
                origins.append(url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                            QUrl::RemoveUserInfo)
                                   .toString());
        }
        origins.removeDuplicates();
        if (origins.size() > 1)
            return FleetText::tr(
                       "%1: this fleet names %2 different servers (%3), and one secret belongs to one "
                       "of them. Save each setup as a profile with its own secrets in the keychain "
                       "(duo-doctor profiles save) and run --all-profiles without %1, or run one "
                       "fleet per server.")
                .arg(QLatin1String(secret.flag))
                .arg(origins.size())
                .arg(origins.join(QStringLiteral(", ")));
    }
    return {};
}

} // namespace

int runFleet(const CheckJob& job) {
    bool saved = false;
    const std::optional<QList<Profile>> profiles = fleetProfiles(job, &saved);
    if (!profiles)
        return int(ExitCode::BadInput);
    QList<std::shared_ptr<ProfileRun>> runs;
    for (const Profile& profile : *profiles) {
        auto run = std::make_shared<ProfileRun>();
        run->profile = profile;
        run->profile.options = job.optionsFor(profile); // the connection flags given apply to every profile
        runs.append(run);
    }
    if (const QString problem = sharedSecretProblem(job, runs); !problem.isEmpty()) {
        std::fprintf(stderr, "duo-doctor: %s\n", qPrintable(problem));
        return int(ExitCode::BadInput);
    }
    resolveSecrets(job, runs, saved);
    runAll(runs, std::max(1, job.concurrency));
    // Recording the last runs mostly waits for the disk: let it, while the output is built.
    std::unique_ptr<QThread> recorder;
    if (saved) {
        recorder.reset(QThread::create([&runs] { recordRuns(runs); }));
        recorder->start();
    }
    // What leaves the process passes one redactor that knows every profile's secrets.
    QStringList secrets;
    for (const auto& run : runs)
        secrets << run->target.gitlabToken.reveal() << run->target.modelKey.reveal();
    const Redactor redactor(secrets);

    const bool reportsWritten = writeFleetReports(job, runs, redactor);
    const QByteArray out = job.format == ReportFormat::Json
                               ? QJsonDocument(fleetJson(runs)).toJson(QJsonDocument::Indented)
                               : fleetTable(runs).toUtf8();
    std::fputs(redactor.apply(QString::fromUtf8(out)).toUtf8().constData(), stdout);
    if (recorder)
        recorder->wait();
    const bool anyFailed = std::any_of(runs.cbegin(), runs.cend(), [](const auto& run) {
        return !run->problem.isEmpty() || run->report.anyFailed();
    });
    if (!reportsWritten)
        return int(ExitCode::BadInput);
    return int(anyFailed ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

} // namespace duo::app
