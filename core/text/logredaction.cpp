#include "core/text/logredaction.h"

#include "core/text/redactor.h"

#include <QDir>
#include <QMutex>
#include <QStringList>

namespace duo {

namespace {

QMutex& lock() {
    static QMutex mutex;
    return mutex;
}

QStringList& secrets() {
    static QStringList list;
    return list;
}

} // namespace

void registerSecretForLogs(const QString& secret) {
    if (secret.size() < 4)
        return;
    const QMutexLocker locker(&lock());
    if (!secrets().contains(secret))
        secrets().append(secret);
}

QString redactForLogs(const QString& message) {
    QStringList known;
    {
        const QMutexLocker locker(&lock());
        known = secrets();
    }
    return Redactor(known).apply(message);
}

QString logDirectory() {
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    if (state.isEmpty())
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return state + QStringLiteral("/duo-doctor");
}

} // namespace duo
