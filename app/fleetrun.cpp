#include "fleetrun.h"

#include "core/engine.h"
#include "core/profilestore.h"
#include "core/requestcoalescer.h"
#include "core/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <cstdio>
#include <memory>

namespace duo::app {

namespace {

struct FleetText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Fleet)
};

// One profile's run: its engine, alive until the report is in.
struct ProfileRun {
    Profile profile;
    std::unique_ptr<CheckEngine> engine;
    Report report;
    QString problem; // why it could not run
};

class Fleet {
public:
    Fleet(const CheckJob& job, QList<Profile> profiles)
        : m_job(job) {
        for (Profile& profile : profiles)
            m_pending.append(std::move(profile));
    }

    void run() {
        QEventLoop loop;
        m_loop = &loop;
        for (int i = 0; i < m_job.concurrency; ++i)
            startNext();
        if (m_active > 0)
            loop.exec();
    }

    const QList<std::shared_ptr<ProfileRun>>& runs() const { return m_runs; }

private:
    void startNext() {
        if (m_pending.isEmpty()) {
            if (m_active == 0 && m_loop)
                m_loop->quit();
            return;
        }
        auto run = std::make_shared<ProfileRun>();
        run->profile = m_pending.takeFirst();
        m_runs.append(run);
        ++m_active;
        Target target = run->profile.target();
        target.gitlabToken = m_job.target.gitlabToken;
        target.modelKey = m_job.target.modelKey;
        if (!target.gitlabToken.isEmpty() && !target.modelKey.isEmpty()) {
            start(run, target);
            return;
        }
        readProfileSecrets(m_keychain, run->profile.id,
                           [this, run, target](const ProfileSecrets& secrets) mutable {
                               if (!secrets.problem.ok()) {
                                   run->problem = secrets.problem.message;
                                   done();
                                   return;
                               }
                               if (target.gitlabToken.isEmpty())
                                   target.gitlabToken = Secret(secrets.gitlabToken);
                               if (target.modelKey.isEmpty())
                                   target.modelKey = Secret(secrets.modelKey);
                               start(run, target);
                           });
    }

    void start(const std::shared_ptr<ProfileRun>& run, const Target& target) {
        run->engine = std::make_unique<CheckEngine>(&m_network);
        run->engine->setRequestCoalescer(m_coalescer);
        for (auto it = run->profile.manualOutputs.cbegin(); it != run->profile.manualOutputs.cend(); ++it)
            run->engine->setManualOutput(it.key(), it.value());
        QObject::connect(run->engine.get(), &CheckEngine::finished, [this, run](const Report& report) {
            run->report = report;
            Profile updated = run->profile;
            updated.recordRun(report);
            QString error;
            ProfileStore().save(updated, &error);
            done();
        });
        run->engine->start(target, run->profile.options);
    }

    void done() {
        --m_active;
        startNext();
    }

    const CheckJob& m_job;
    QList<Profile> m_pending;
    QList<std::shared_ptr<ProfileRun>> m_runs;
    KeychainSecretStore m_keychain;
    // One manager for the whole fleet: its kept-alive connections serve every profile that shares a server,
    // which costs far less than opening new ones per profile (the fleet is CPU-bound, not network-bound).
    QNetworkAccessManager m_network;
    // Profiles that share a server ask it the same things: each distinct request goes out once per fleet run.
    std::shared_ptr<RequestCoalescer> m_coalescer = std::make_shared<RequestCoalescer>();
    QEventLoop* m_loop = nullptr;
    int m_active = 0;
};

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
    Fleet fleet(job, listing.profiles);
    fleet.run();

    bool anyFailed = false;
    QJsonArray profiles;
    QString text;
    for (const auto& run : fleet.runs()) {
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
