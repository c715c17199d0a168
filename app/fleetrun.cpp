#include "fleetrun.h"

#include "core/engine.h"
#include "core/profilestore.h"
#include "core/requestcoalescer.h"
#include "core/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
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
void resolveSecrets(const CheckJob& job, const QList<std::shared_ptr<ProfileRun>>& runs) {
    KeychainSecretStore keychain;
    QEventLoop loop;
    int reading = 0;
    for (const auto& run : runs) {
        run->target = run->profile.target();
        run->target.gitlabToken = job.target.gitlabToken;
        run->target.modelKey = job.target.modelKey;
        if (!run->target.gitlabToken.isEmpty() && !run->target.modelKey.isEmpty())
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

// One worker thread's share of the fleet: its own event loop and network manager (kept-alive connections
// serve every profile it checks), at most `concurrency` profiles at a time. A fleet without latency is
// CPU-bound, so the work is spread over the cores; identical requests still go out once for all threads.
class FleetWorker {
public:
    FleetWorker(FleetQueue& queue, int concurrency, std::shared_ptr<RequestCoalescer> coalescer)
        : m_queue(queue)
        , m_concurrency(concurrency)
        , m_coalescer(std::move(coalescer)) {}

    // Runs on the worker's thread until the queue is empty and its last profile is done.
    void run() {
        QNetworkAccessManager network;
        std::vector<std::unique_ptr<CheckEngine>> engines; // destroyed before the network manager
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
            auto* engine = engines.emplace_back(std::make_unique<CheckEngine>(&network)).get();
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

// Each profile remembers its last run; written together, with one disk sync for the fleet.
void recordRuns(const QList<std::shared_ptr<ProfileRun>>& runs) {
    QList<Profile> updated;
    for (const auto& run : runs) {
        if (!run->ran)
            continue;
        updated.append(run->profile);
        updated.last().recordRun(run->report);
    }
    QString error;
    if (!ProfileStore().saveAll(updated, &error))
        std::fprintf(stderr, "duo-doctor: %s\n",
                     qPrintable(FleetText::tr("could not record the last runs: %1").arg(error)));
}

} // namespace

int runFleet(const CheckJob& job) {
    const ProfileStore::Listing listing = ProfileStore().list();
    for (const ProfileStore::Problem& problem : listing.problems)
        std::fprintf(
            stderr, "duo-doctor: %s\n",
            qPrintable(FleetText::tr("cannot read the profile %1: %2").arg(problem.file, problem.message)));
    if (listing.profiles.isEmpty()) {
        std::fprintf(stderr, "duo-doctor: %s\n",
                     qPrintable(FleetText::tr("--all-profiles: there are no saved profiles.")));
        return int(ExitCode::BadInput);
    }
    QList<std::shared_ptr<ProfileRun>> runs;
    for (const Profile& profile : listing.profiles) {
        auto run = std::make_shared<ProfileRun>();
        run->profile = profile;
        runs.append(run);
    }
    resolveSecrets(job, runs);
    runAll(runs, std::max(1, job.concurrency));
    recordRuns(runs);

    bool anyFailed = false;
    QJsonArray profiles;
    QString text;
    for (const auto& run : runs) {
        const bool failed = !run->problem.isEmpty() || run->report.anyFailed();
        anyFailed = anyFailed || failed;
        QJsonObject entry{{QStringLiteral("name"), run->profile.name},
                          {QStringLiteral("id"), run->profile.id}};
        if (!run->problem.isEmpty()) {
            entry.insert(QStringLiteral("problem"), run->problem);
            text +=
                FleetText::tr("✘ %1: not run: %2").arg(run->profile.name, run->problem) + QLatin1Char('\n');
        } else {
            // A fleet line per profile: its counts and root causes (a full report per profile is one
            // --profile away).
            if (job.format == ReportFormat::Json) {
                const StatusCounts counts = run->report.counts();
                entry.insert(QStringLiteral("summary"),
                             QJsonObject{{QStringLiteral("pass"), counts.pass},
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
            const StatusCounts counts = run->report.counts();
            text += failed ? FleetText::tr("✘ %1: %2 failed, root cause %3")
                                 .arg(run->profile.name)
                                 .arg(counts.fail)
                                 .arg(run->report.rootCauses.value(0).checkId)
                           : FleetText::tr("✔ %1: no check failed (%2 passed)")
                                 .arg(run->profile.name)
                                 .arg(counts.pass);
            text += QLatin1Char('\n');
        }
        profiles.append(entry);
    }
    if (job.format == ReportFormat::Json) {
        const QJsonObject root{{QStringLiteral("schema"), QStringLiteral("duo-doctor.fleet.v1")},
                               {QStringLiteral("profiles"), profiles}};
        std::fputs(QJsonDocument(root).toJson(QJsonDocument::Indented).constData(), stdout);
    } else {
        std::fputs(text.toUtf8().constData(), stdout);
    }
    return int(anyFailed ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

} // namespace duo::app
