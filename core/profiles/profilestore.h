#pragma once

#include "core/profiles/profile.h"
#include "core/profiles/runjournal.h"

#include <QList>
#include <QString>

namespace duo {

// One JSON file per profile, written atomically, plus the run journal beside them (last-runs.jsonl). A file
// that cannot be read is reported with its name and left untouched; the others still load.
class ProfileStore {
public:
    explicit ProfileStore(QString directory = defaultDirectory());

    struct Problem {
        QString file;
        QString message;
    };
    struct Listing {
        QList<Profile> profiles; // by name
        QList<Problem> problems;
    };

    static QString defaultDirectory(); // <config>/duo-doctor/profiles
    QString directory() const { return m_directory; }

    Listing list() const;
    // By id, or by name (case-insensitive) when no id matches.
    std::optional<Profile> find(const QString& nameOrId, QString* error) const;
    bool save(const Profile& profile, QString* error) const;
    // Remembers each profile's lastRun in the run journal (one write and one disk sync for a whole fleet);
    // list() and find() show the newest run of each profile, from its file or from the journal.
    bool recordRuns(const QList<Profile>& profiles, QString* error) const;
    bool remove(const QString& id, QString* error) const;

    // A file to hand to a colleague: the profile without secrets (there are none in it), said so inside.
    static bool exportTo(const Profile& profile, const QString& path, QString* error);
    // What exportTo writes, for a list of profiles in one file (a fleet file).
    static QJsonObject exportJson(const Profile& profile);
    // Reads an exported file as a new profile (a fresh id, so it never overwrites one of ours).
    static std::optional<Profile> importFrom(const QString& path, QString* error);

private:
    QString fileFor(const QString& id) const;
    RunJournal journal() const;

    QString m_directory;
};

} // namespace duo
