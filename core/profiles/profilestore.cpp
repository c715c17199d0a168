#include "core/profiles/profilestore.h"
#include "core/text/jsontext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>

Q_LOGGING_CATEGORY(lcProfiles, "duo.core.profiles")

namespace duo {

namespace {

struct StoreText {
    Q_DECLARE_TR_FUNCTIONS(duo::ProfileStore)
};

constexpr qint64 maxProfileBytes = 4 * 1024 * 1024;

std::optional<Profile> readProfile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    if (file.size() > maxProfileBytes) {
        *error = StoreText::tr("the file is larger than %1 bytes").arg(maxProfileBytes);
        return std::nullopt;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = StoreText::tr("not valid JSON at byte %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = StoreText::tr("the file holds no JSON object");
        return std::nullopt;
    }
    return Profile::fromJson(document.object(), error);
}

bool writeJson(const QString& path, const QJsonObject& json, QString* error) {
    QSaveFile file(path);
    const QByteArray bytes = jsonBytes(QJsonDocument(json));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = StoreText::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

ProfileStore::ProfileStore(QString directory)
    : m_directory(std::move(directory)) {}

QString ProfileStore::defaultDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/duo-doctor/profiles");
}

RunJournal ProfileStore::journal() const {
    return RunJournal(m_directory + QStringLiteral("/last-runs.jsonl"));
}

QString ProfileStore::fileFor(const QString& id) const {
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".json");
}

ProfileStore::Listing ProfileStore::list() const {
    Listing listing;
    const QDir dir(m_directory);
    for (const QFileInfo& info : dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QString error;
        if (auto profile = readProfile(info.absoluteFilePath(), &error))
            listing.profiles.append(*profile);
        else
            listing.problems.append({info.absoluteFilePath(), error});
    }
    const QHash<QString, Profile::LastRun> runs = journal().latest();
    for (Profile& profile : listing.profiles) {
        const auto run = runs.constFind(profile.id);
        if (run != runs.cend() && (!profile.lastRun || profile.lastRun->at <= run->at))
            profile.lastRun = *run;
    }
    std::sort(listing.profiles.begin(), listing.profiles.end(),
              [](const Profile& a, const Profile& b) { return a.name.localeAwareCompare(b.name) < 0; });
    for (const Problem& problem : listing.problems)
        qCWarning(lcProfiles) << "cannot read profile" << problem.file << problem.message;
    return listing;
}

std::optional<Profile> ProfileStore::find(const QString& nameOrId, QString* error) const {
    const Listing listing = list();
    for (const Profile& profile : listing.profiles) {
        if (profile.id == nameOrId)
            return profile;
    }
    for (const Profile& profile : listing.profiles) {
        if (profile.name.compare(nameOrId, Qt::CaseInsensitive) == 0)
            return profile;
    }
    QStringList names;
    for (const Profile& profile : listing.profiles)
        names.append(profile.name);
    *error =
        names.isEmpty()
            ? StoreText::tr("no profile named \"%1\"; there are no profiles in %2").arg(nameOrId, m_directory)
            : StoreText::tr("no profile named \"%1\"; there are: %2")
                  .arg(nameOrId, names.join(QStringLiteral(", ")));
    return std::nullopt;
}

bool ProfileStore::save(const Profile& profile, QString* error) const {
    if (!QDir().mkpath(m_directory)) {
        *error = StoreText::tr("cannot create %1").arg(m_directory);
        return false;
    }
    return writeJson(fileFor(profile.id), profile.toJson(), error);
}

bool ProfileStore::recordRuns(const QList<Profile>& profiles, QString* error) const {
    if (!QDir().mkpath(m_directory)) {
        *error = StoreText::tr("cannot create %1").arg(m_directory);
        return false;
    }
    QList<std::pair<QString, Profile::LastRun>> runs;
    QSet<QString> ids;
    for (const Profile& profile : profiles) {
        if (profile.lastRun)
            runs.append({profile.id, *profile.lastRun});
        ids.insert(profile.id);
    }
    const RunJournal runJournal = journal();
    if (!runJournal.append(runs, error))
        return false;
    // About a thousand runs of a fleet of a hundred; only the newest of each profile is kept then.
    for (const QString& file : QDir(m_directory).entryList({QStringLiteral("*.json")}, QDir::Files))
        ids.insert(QFileInfo(file).completeBaseName());
    runJournal.compactIfLarger(256 * 1024, ids);
    return true;
}

bool ProfileStore::remove(const QString& id, QString* error) const {
    QFile file(fileFor(id));
    if (file.exists() && !file.remove()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QJsonObject ProfileStore::exportJson(const Profile& profile) {
    QJsonObject json = profile.toJson();
    json.insert(QStringLiteral("secrets"),
                StoreText::tr("not included: enter the GitLab token and the model API key yourself"));
    return json;
}

bool ProfileStore::exportTo(const Profile& profile, const QString& path, QString* error) {
    return writeJson(path, exportJson(profile), error);
}

std::optional<Profile> ProfileStore::importFrom(const QString& path, QString* error) {
    auto profile = readProfile(path, error);
    if (profile)
        profile->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return profile;
}

} // namespace duo
