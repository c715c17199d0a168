// A day of llm.log: `megabytes` of GitLab's JSON lines, one known failure in 200 lines, read by
// `duo-doctor analyze` and, in the same run, by `LC_ALL=C.UTF-8 grep -E -i -f PATTERNS LOG > FILE` over the
// analyzer's own patterns written in ERE (and `rg -i -f` where installed). Throughput per CPU second (the
// best of three runs) and peak memory.
#include "bench/bench_logs.h"

#include "core/logs/logpatterns.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {

// The analyzer's patterns in POSIX ERE as GNU grep reads them: (?: is (, \d is [0-9].
QByteArray erePatterns() {
    QByteArray out;
    for (const duo::CompiledLogPattern& pattern : duo::LogMatcher::instance().patterns()) {
        QByteArray ere(pattern.row->pattern);
        ere.replace("(?:", "(").replace("\\d", "[0-9]");
        out += ere + '\n';
    }
    return out;
}

bool writeLog(const QString& path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray chunk;
    for (int line = 0; line < 200; ++line) {
        const QByteArray id = QByteArray::number(0x1000000 + line, 16);
        chunk +=
            line == 199
                ? QByteArray(
                      R"({"severity":"ERROR","time":"2026-11-20T09:41:12.400Z","correlation_id":"01JD)" + id +
                      R"(","message":"Error in request to AI Gateway","error":"Net::ReadTimeout with #<TCPSocket:(closed)>","error_class":"Net::ReadTimeout","duration_s":60.0})"
                      "\n")
                : QByteArray(
                      R"({"severity":"INFO","time":"2026-11-20T09:40:12.080Z","correlation_id":"01JD)" + id +
                      R"(","meta.caller_id":"Llm::CompletionWorker","message":"Performing request to AI Gateway","url":"https://aigw.internal.example:5052/v1/chat/agent","feature":"duo_chat","user_id":42,"duration_s":0.012})"
                      "\n");
    }
    for (qint64 written = 0; written < bytes; written += chunk.size()) {
        if (file.write(chunk) != chunk.size())
            return false;
    }
    return true;
}

// CPU seconds (user + system: on a machine shared with other jobs the wall clock measures them too) and the
// peak resident set of a command run under /usr/bin/time; timed() keeps the best of three runs.
std::pair<double, double> timedOnce(const QString& shellCommand) {
    QTemporaryDir dir;
    const QString rss = dir.filePath(QStringLiteral("rss"));
    QProcess::execute(QStringLiteral("/usr/bin/time"),
                      {QStringLiteral("-f"), QStringLiteral("%U %S %M"), QStringLiteral("-o"), rss,
                       QStringLiteral("sh"), QStringLiteral("-c"), shellCommand});
    QFile file(rss);
    if (!file.open(QIODevice::ReadOnly))
        return {1e9, -1};
    const QList<QByteArray> fields = file.readAll().trimmed().split('\n').constLast().split(' ');
    if (fields.size() != 3)
        return {1e9, -1};
    return {std::max(0.01, fields[0].toDouble() + fields[1].toDouble()), fields[2].toDouble() / 1024.0};
}

std::pair<double, double> timed(const QString& shellCommand) {
    std::pair<double, double> best = timedOnce(shellCommand);
    for (int run = 0; run < 2; ++run) {
        const auto next = timedOnce(shellCommand);
        best = {std::min(best.first, next.first), std::max(best.second, next.second)};
    }
    return best;
}

QString quoted(const QString& path) {
    return QLatin1Char('\'') + path + QLatin1Char('\'');
}

} // namespace

QList<LogBenchRow> measureLogAnalysis(const QString& binDir, int megabytes) {
    QTemporaryDir dir;
    const QString log = dir.filePath(QStringLiteral("llm.log"));
    const QString patterns = dir.filePath(QStringLiteral("patterns.ere"));
    QFile ere(patterns);
    if (!writeLog(log, qint64(megabytes) * 1024 * 1024) || !ere.open(QIODevice::WriteOnly) ||
        ere.write(erePatterns()) < 0)
        return {};
    ere.close();
    QProcess::execute(
        QStringLiteral("sh"),
        {QStringLiteral("-c"), QStringLiteral("sync; cat ") + quoted(log) + QStringLiteral(" > /dev/null")});
    const double mb = double(QFile(log).size()) / (1024.0 * 1024.0);
    const auto [ours, peak] =
        timed(quoted(binDir + QStringLiteral("/duo-doctor")) + QStringLiteral(" analyze --format json ") +
              quoted(log) + QStringLiteral(" > ") + quoted(dir.filePath(QStringLiteral("analysis.json"))));
    const auto [grep, grepPeak] =
        timed(QStringLiteral("LC_ALL=C.UTF-8 grep -E -i -f ") + quoted(patterns) + QLatin1Char(' ') +
              quoted(log) + QStringLiteral(" > ") + quoted(dir.filePath(QStringLiteral("grep.out"))));
    QList<LogBenchRow> rows{
        {QStringLiteral("analyze: %1 MB llm.log, 1 error line in 200").arg(mb, 0, 'f', 0), mb / ours,
         QStringLiteral("MB/s"), QStringLiteral(">= grep"), ours <= grep},
        {QStringLiteral("grep -E -i -f (same patterns in ERE)"), mb / grep, QStringLiteral("MB/s"), QString(),
         true},
        {QStringLiteral("analyze: peak memory"), peak, QStringLiteral("MB"), QStringLiteral("< 100"),
         peak > 0 && peak < 100},
    };
    const QString rg = QStandardPaths::findExecutable(QStringLiteral("rg"));
    if (!rg.isEmpty()) {
        const auto [rgSeconds, rgPeak] =
            timed(quoted(rg) + QStringLiteral(" -i -f ") + quoted(patterns) + QLatin1Char(' ') + quoted(log) +
                  QStringLiteral(" > /dev/null"));
        rows.append({QStringLiteral("rg -i -f (same patterns)"), mb / rgSeconds, QStringLiteral("MB/s"),
                     QString(), true});
    }
    return rows;
}
