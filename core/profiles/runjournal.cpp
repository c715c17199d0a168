#include "core/profiles/runjournal.h"
#include "core/text/jsontext.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcJournal, "duo.core.journal")

namespace duo {

namespace {

struct JournalText {
    Q_DECLARE_TR_FUNCTIONS(duo::RunJournal)
};

// Far beyond what compaction lets it reach; a bigger file is not ours to read whole.
constexpr qint64 maxJournalBytes = 16 * 1024 * 1024;

QByteArray lineFor(const QString& id, const Profile::LastRun& run) {
    QJsonObject json = run.toJson();
    json.insert(QStringLiteral("id"), id);
    return jsonBytes(QJsonDocument(json), QJsonDocument::Compact) + '\n';
}

} // namespace

RunJournal::RunJournal(QString path)
    : m_path(std::move(path)) {}

QHash<QString, Profile::LastRun> RunJournal::latest() const {
    QHash<QString, Profile::LastRun> runs;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return runs; // no run recorded yet
    if (file.size() > maxJournalBytes) {
        qCWarning(lcJournal) << "ignoring" << m_path << "larger than" << maxJournalBytes << "bytes";
        return runs;
    }
    const QByteArray bytes = file.readAll();
    for (const QByteArray& line : bytes.split('\n')) {
        const QJsonObject json = QJsonDocument::fromJson(line).object();
        const QString id = json.value(QStringLiteral("id")).toString();
        const Profile::LastRun run = Profile::LastRun::fromJson(json);
        if (id.isEmpty() || !run.at.isValid())
            continue; // blank, torn or foreign
        const auto known = runs.constFind(id);
        if (known == runs.cend() || known->at <= run.at)
            runs.insert(id, run);
    }
    return runs;
}

bool RunJournal::append(const QList<std::pair<QString, Profile::LastRun>>& runs, QString* error) const {
    QByteArray bytes;
    for (const auto& [id, run] : runs)
        bytes += lineFor(id, run);
    const int fd =
        ::open(QFile::encodeName(m_path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error =
            JournalText::tr("cannot open %1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // One write: appends of two processes stay whole lines.
    const ssize_t written = ::write(fd, bytes.constData(), size_t(bytes.size()));
    const bool synced = ::fdatasync(fd) == 0;
    ::close(fd);
    if (written != bytes.size() || !synced) {
        *error = JournalText::tr("cannot write %1").arg(m_path);
        return false;
    }
    return true;
}

void RunJournal::compactIfLarger(qint64 maxBytes, const QSet<QString>& keep) const {
    if (QFile(m_path).size() <= maxBytes)
        return;
    const QHash<QString, Profile::LastRun> runs = latest();
    QByteArray bytes;
    for (auto it = runs.cbegin(); it != runs.cend(); ++it) {
        if (keep.contains(it.key()))
            bytes += lineFor(it.key(), it.value());
    }
    // A run appended by another process between reading and replacing is lost; it is only a summary.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        qCWarning(lcJournal) << "cannot compact" << m_path << file.errorString();
}

} // namespace duo
