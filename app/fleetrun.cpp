#include "app/fleetrun.h"

#include "core/fleet/fleetrunner.h"
#include "core/profiles/profilestore.h"
#include "core/reports/fleetreport.h"
#include "core/reports/junitreport.h"
#include "core/reports/reportwriters.h"
#include "core/text/jsontext.h"
#include "core/text/redactor.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace duo::app {

namespace {

struct FleetText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Fleet)
};

void complain(const QString& message) {
    std::fprintf(stderr, "duo-doctor: %s\n", qPrintable(message));
}

// Each profile remembers its last run: one journal write and one disk sync for the whole fleet.
void recordRuns(const ProfileRuns& runs) {
    QList<Profile> updated;
    for (const auto& run : runs) {
        if (!run->ran)
            continue;
        updated.append(run->profile);
        updated.last().recordRun(run->report);
    }
    QString error;
    if (!ProfileStore().recordRuns(updated, &error))
        complain(FleetText::tr("could not record the last runs: %1").arg(error));
}

// --all-profiles: every saved profile.
std::optional<QList<Profile>> savedProfiles() {
    const ProfileStore::Listing listing = ProfileStore().list();
    for (const ProfileStore::Problem& problem : listing.problems)
        complain(FleetText::tr("cannot read the profile %1: %2").arg(problem.file, problem.message));
    if (listing.profiles.isEmpty()) {
        complain(FleetText::tr("--all-profiles: there are no saved profiles."));
        return std::nullopt;
    }
    return listing.profiles;
}

// The entries of a fleet file: an array (profiles export), {"profiles": [...]}, or one profile as the wizard
// exports it.
std::optional<QJsonArray> fleetFileEntries(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        complain(FleetText::tr("--fleet: cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        complain(FleetText::tr("--fleet: %1 is not valid JSON at byte %2: %3")
                     .arg(path)
                     .arg(parseError.offset)
                     .arg(parseError.errorString()));
        return std::nullopt;
    }
    const QJsonObject top = document.object();
    return document.isArray()                         ? document.array()
           : top.contains(QStringLiteral("profiles")) ? top.value(QStringLiteral("profiles")).toArray()
           : top.isEmpty()                            ? QJsonArray()
                                                      : QJsonArray{top};
}

// Entry `index` of a fleet file as a profile. Hand-written fleet files need no id, name, schema or version:
// they are not saved profiles. A version they do give is kept, so a newer one than we know is refused, not
// misread.
std::optional<Profile> fleetFileProfile(const QJsonValue& entry, qsizetype index, const QString& path) {
    if (!entry.isObject()) {
        complain(FleetText::tr("--fleet: entry %1 of %2 is not a profile (a JSON object with gitlab_url, "
                               "gateway_url or model_endpoint).")
                     .arg(index + 1)
                     .arg(path));
        return std::nullopt;
    }
    QJsonObject object = entry.toObject();
    if (!object.contains(QStringLiteral("schema")))
        object.insert(QStringLiteral("schema"), QStringLiteral("duo-doctor.profile"));
    if (!object.contains(QStringLiteral("version")))
        object.insert(QStringLiteral("version"), Profile::currentVersion);
    if (object.value(QStringLiteral("id")).toString().isEmpty())
        object.insert(QStringLiteral("id"), Profile::create({}).id);
    if (object.value(QStringLiteral("name")).toString().isEmpty())
        object.insert(QStringLiteral("name"), FleetText::tr("entry %1").arg(index + 1));
    QString error;
    std::optional<Profile> profile = Profile::fromJson(object, &error);
    if (!profile) {
        complain(FleetText::tr("--fleet: entry %1 of %2: %3").arg(index + 1).arg(path, error));
        return std::nullopt;
    }
    if (profile->gitlabUrl.isEmpty() && profile->gatewayUrl.isEmpty() && profile->modelEndpoint.isEmpty()) {
        complain(FleetText::tr("--fleet: entry %1 of %2 (%3) names no server: give gitlab_url, gateway_url "
                               "or model_endpoint.")
                     .arg(index + 1)
                     .arg(path, profile->name));
        return std::nullopt;
    }
    return profile;
}

// --fleet FILE: the profiles it lists, or nothing when one of them cannot be checked as written.
std::optional<QList<Profile>> fleetFileProfiles(const QString& path) {
    const std::optional<QJsonArray> entries = fleetFileEntries(path);
    if (!entries)
        return std::nullopt;
    QList<Profile> profiles;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        std::optional<Profile> profile = fleetFileProfile(entries->at(i), i, path);
        if (!profile)
            return std::nullopt;
        profiles.append(*profile);
    }
    if (profiles.isEmpty()) {
        complain(FleetText::tr("--fleet: %1 lists no profile; expected a JSON array of profiles or "
                               "{\"profiles\": [...]}.")
                     .arg(path));
        return std::nullopt;
    }
    return profiles;
}

// The fleet's profiles: the saved ones (--all-profiles) or those listed in a file (--fleet).
std::optional<QList<Profile>> fleetProfiles(const CheckJob& job, bool* saved) {
    *saved = job.fleetFile.isEmpty();
    return *saved ? savedProfiles() : fleetFileProfiles(job.fleetFile);
}

// A run as the fleet's outputs show it. Every text went through the redactor that knows all the fleet's
// secrets before any format escapes it: a secret with a " or \ no longer matches once JSON, HTML or XML has
// written it.
struct ShownRun {
    std::shared_ptr<ProfileRun> run;
    QString name;
    QString id;
    QString problem;
    QList<RootCause> rootCauses; // check, title and fix redacted

    bool failed() const { return !problem.isEmpty() || run->report.anyFailed(); }
};

QList<ShownRun> shownRuns(const ProfileRuns& runs, const Redactor& redactor) {
    QList<ShownRun> shown;
    for (const auto& run : runs) {
        ShownRun entry{run,
                       redactor.apply(run->profile.name),
                       redactor.apply(run->profile.id),
                       redactor.apply(run->problem),
                       {}};
        for (RootCause cause : run->report.rootCauses) {
            for (QString* text : {&cause.checkId, &cause.title, &cause.fix})
                *text = redactor.apply(*text);
            entry.rootCauses.append(cause);
        }
        shown.append(entry);
    }
    return shown;
}

// A profile's line of the table: counts and the first root cause, or why it did not run.
QString fleetTableLine(const ShownRun& shown, qsizetype width) {
    QString line = (shown.failed() ? QStringLiteral("✘  ") : QStringLiteral("✔  ")) +
                   shown.name.leftJustified(width) + QStringLiteral("  ");
    if (!shown.problem.isEmpty())
        return line + FleetText::tr("not run: %1").arg(shown.problem) + QLatin1Char('\n');
    const StatusCounts counts = shown.run->report.counts();
    line += QStringLiteral("%1 %2 %3 %4  ")
                .arg(counts.pass, 4)
                .arg(counts.fail, 4)
                .arg(counts.warn, 4)
                .arg(counts.manual, 6);
    if (!shown.rootCauses.isEmpty()) {
        const RootCause& cause = shown.rootCauses.constFirst();
        line += cause.checkId + QStringLiteral(" (") + cause.title + QLatin1Char(')');
    } else {
        line += QStringLiteral("-");
    }
    return line + QLatin1Char('\n');
}

// One line per profile, in aligned columns: status, name, counts, the first root cause.
QString fleetTable(const QList<ShownRun>& shown) {
    qsizetype width = FleetText::tr("Profile").size();
    for (const ShownRun& entry : shown)
        width = std::max(width, entry.name.size());
    QString out = QStringLiteral("   ") + FleetText::tr("Profile").leftJustified(width) +
                  QStringLiteral("  ") + FleetText::tr("pass fail warn manual  root cause") +
                  QLatin1Char('\n');
    for (const ShownRun& entry : shown)
        out += fleetTableLine(entry, width);
    return out;
}

QJsonObject fleetJson(const QList<ShownRun>& shown) {
    QJsonArray profiles;
    for (const ShownRun& run : shown) {
        QJsonObject entry{{QStringLiteral("name"), run.name}, {QStringLiteral("id"), run.id}};
        if (!run.problem.isEmpty()) {
            entry.insert(QStringLiteral("problem"), run.problem);
        } else {
            // Each profile's counts and root causes: a full report per profile is one --profile away.
            const StatusCounts counts = run.run->report.counts();
            entry.insert(QStringLiteral("summary"), QJsonObject{{QStringLiteral("pass"), counts.pass},
                                                                {QStringLiteral("fail"), counts.fail},
                                                                {QStringLiteral("warn"), counts.warn},
                                                                {QStringLiteral("skip"), counts.skip},
                                                                {QStringLiteral("manual"), counts.manual}});
            QJsonArray causes;
            for (const RootCause& cause : run.rootCauses)
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

// The fleet object (Json) or the table (any other format). Their values were redacted before: the JSON is not
// redacted again as serialised text (an escaped quote or backslash would hide a secret from that pass).
QByteArray fleetSummary(ReportFormat format, const QList<ShownRun>& shown, const Redactor& redactor) {
    if (format == ReportFormat::Json)
        return jsonBytes(QJsonDocument(fleetJson(shown)));
    return redactor.apply(fleetTable(shown)).toUtf8();
}

// One report file for the whole fleet: .html one combined report, .xml JUnit with suites per profile, .json
// the fleet object, .txt/.md the table. HTML and JUnit redact each report before escaping it.
QByteArray fleetReport(ReportFormat format, const QList<ShownRun>& shown, const Redactor& redactor) {
    if (format == ReportFormat::Html) {
        QList<FleetEntry> entries;
        for (const ShownRun& run : shown)
            entries.append({run.name,
                            run.problem.isEmpty() ? std::optional<Report>(run.run->report) : std::nullopt,
                            run.problem});
        return fleetHtmlReport(entries).toUtf8();
    }
    if (format == ReportFormat::JUnit) {
        QList<std::pair<QString, Report>> junitRuns;
        for (const ShownRun& run : shown) {
            if (run.problem.isEmpty())
                junitRuns.append({run.name, redactedReport(run.run->report)});
        }
        return junitFleetReport(junitRuns).toUtf8();
    }
    return fleetSummary(format, shown, redactor);
}

// Every report file named with --report.
bool writeFleetReports(const CheckJob& job, const QList<ShownRun>& shown, const Redactor& redactor) {
    bool ok = true;
    for (const QString& path : job.reportFiles) {
        const QByteArray bytes =
            fleetReport(reportFormatForFile(path).value_or(ReportFormat::Text), shown, redactor);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            complain(FleetText::tr("--report: cannot write %1: %2").arg(path, file.errorString()));
            ok = false;
        }
    }
    return ok;
}

// A secret given by --gitlab-token-env or --model-key-env goes to every profile of the fleet: it must not
// reach a server it does not belong to, so the fleet may name only one GitLab (one model server) for it.
QString sharedSecretProblem(const CheckJob& job, const ProfileRuns& runs) {
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

ProfileRuns profileRuns(const CheckJob& job, const QList<Profile>& profiles) {
    ProfileRuns runs;
    for (const Profile& profile : profiles) {
        auto run = std::make_shared<ProfileRun>();
        run->profile = profile;
        run->profile.options = job.optionsFor(profile); // the connection flags given apply to every profile
        runs.append(run);
    }
    return runs;
}

// What leaves the process passes one redactor that knows every profile's secrets.
Redactor fleetRedactor(const ProfileRuns& runs) {
    QStringList secrets;
    for (const auto& run : runs)
        secrets << run->target.gitlabToken.reveal() << run->target.modelKey.reveal();
    return Redactor(secrets);
}

} // namespace

int runFleet(const CheckJob& job) {
    bool saved = false;
    const std::optional<QList<Profile>> profiles = fleetProfiles(job, &saved);
    if (!profiles)
        return int(ExitCode::BadInput);
    const ProfileRuns runs = profileRuns(job, *profiles);
    if (const QString problem = sharedSecretProblem(job, runs); !problem.isEmpty()) {
        complain(problem);
        return int(ExitCode::BadInput);
    }
    resolveFleetSecrets(runs, job.target.gitlabToken, job.target.modelKey, saved);
    runFleetProfiles(runs, std::max(1, job.concurrency));
    // Recording the last runs mostly waits for the disk: let it, while the output is built.
    std::unique_ptr<QThread> recorder;
    if (saved) {
        recorder.reset(QThread::create([&runs] { recordRuns(runs); }));
        recorder->start();
    }
    const Redactor redactor = fleetRedactor(runs);
    const QList<ShownRun> shown = shownRuns(runs, redactor);
    const bool reportsWritten = writeFleetReports(job, shown, redactor);
    const ReportFormat summary = job.format == ReportFormat::Json ? ReportFormat::Json : ReportFormat::Text;
    std::fputs(fleetSummary(summary, shown, redactor).constData(), stdout);
    if (recorder)
        recorder->wait();
    const bool anyFailed =
        std::any_of(shown.cbegin(), shown.cend(), [](const ShownRun& run) { return run.failed(); });
    if (!reportsWritten)
        return int(ExitCode::BadInput);
    return int(anyFailed ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

} // namespace duo::app
