#include "core/fleet/fleetrunner.h"

#include "core/engine/engine.h"
#include "core/net/requestcoalescer.h"
#include "core/profiles/secretstore.h"

#include <QEventLoop>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QThread>

#include <algorithm>
#include <functional>
#include <vector>

namespace duo {

void resolveFleetSecrets(const ProfileRuns& runs, const Secret& gitlabToken, const Secret& modelKey,
                         bool fromKeychain) {
    KeychainSecretStore keychain;
    QEventLoop loop;
    int reading = 0;
    for (const auto& run : runs) {
        run->target = run->profile.target();
        run->target.gitlabToken = gitlabToken;
        run->target.modelKey = modelKey;
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

namespace {

// The profiles not yet taken by a worker, in the order they were listed.
class FleetQueue {
public:
    explicit FleetQueue(const ProfileRuns& runs) {
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
    ProfileRuns m_pending;
};

// One worker thread's share of the fleet: its own event loop and network manager (whose NetworkPool gives
// each distinct set of connection settings its own kept-alive connections: a profile's proxy or pinned
// certificate never carries another's requests), at most `concurrency` profiles at a time. A fleet without
// latency is CPU-bound, so the work is spread over the cores; identical requests still go out once for all
// threads.
class FleetWorker {
public:
    FleetWorker(FleetQueue& queue, int concurrency, std::shared_ptr<RequestCoalescer> coalescer)
        : m_queue(queue)
        , m_concurrency(concurrency)
        , m_coalescer(std::move(coalescer)) {}

    // Runs on the worker's thread until the queue is empty and its last profile is done.
    void run() {
        for (int i = 0; i < m_concurrency; ++i)
            startNext();
        if (m_active > 0)
            m_loop.exec();
        m_engines.clear(); // before the network manager
    }

private:
    void startNext() {
        const std::shared_ptr<ProfileRun> run = m_queue.take();
        if (!run) {
            if (m_active == 0)
                m_loop.quit();
            return;
        }
        ++m_active;
        auto* engine = m_engines.emplace_back(std::make_unique<CheckEngine>(&m_network)).get();
        engine->setRequestCoalescer(m_coalescer);
        for (auto it = run->profile.manualOutputs.cbegin(); it != run->profile.manualOutputs.cend(); ++it)
            engine->setManualOutput(it.key(), it.value());
        QObject::connect(engine, &CheckEngine::finished, &m_loop, [this, run](const Report& report) {
            run->report = report;
            run->ran = true;
            --m_active;
            // Not from inside the engine's signal: the next profile starts from the event loop.
            QMetaObject::invokeMethod(
                &m_loop, [this] { startNext(); }, Qt::QueuedConnection);
        });
        engine->start(run->target, run->profile.options);
    }

    FleetQueue& m_queue;
    int m_concurrency;
    std::shared_ptr<RequestCoalescer> m_coalescer;
    QNetworkAccessManager m_network;
    std::vector<std::unique_ptr<CheckEngine>> m_engines;
    QEventLoop m_loop;
    int m_active = 0;
};

} // namespace

void runFleetProfiles(const ProfileRuns& runs, int concurrency) {
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

} // namespace duo
