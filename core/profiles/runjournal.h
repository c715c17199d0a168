#pragma once

#include "core/profiles/profile.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace duo {

// The last run of each profile, kept apart from the profiles: one JSON line per run, appended. A fleet of
// 100 profiles records its runs with one write and one disk sync instead of rewriting 100 files, and the
// profile files change only when the admin changes them. A torn last line (a crash mid-write) is skipped;
// appends from two processes do not interleave (one write() per batch on O_APPEND).
class RunJournal {
public:
    explicit RunJournal(QString path);

    QString path() const { return m_path; }

    // The newest run recorded for each profile id.
    QHash<QString, Profile::LastRun> latest() const;
    bool append(const QList<std::pair<QString, Profile::LastRun>>& runs, QString* error) const;
    // Rewrites the journal with one line per id in `keep` once it has grown past `maxBytes`.
    void compactIfLarger(qint64 maxBytes, const QSet<QString>& keep) const;

private:
    QString m_path;
};

} // namespace duo
