#pragma once

#include "core/logs/loganalyzer.h"
#include "core/logs/loglines.h"
#include "core/text/redactor.h"

#include <QHash>
#include <QSet>

#include <climits>
#include <map>

namespace duo {

class LogMatcher;

// One pass of the analyzer over its inputs (internal to core/logs): the matches of the first pass, the
// requests they belong to, and the lines of those requests gathered on a second pass.
class LogScan {
public:
    LogScan(QList<LogInput> inputs, const Target& target, const LogScanOptions& options);
    std::optional<LogAnalysis> run(QString* error);

private:
    struct Match {
        int input = 0;
        qint64 line = 0;
        int row = 0;
        QString text{};
        QString correlationId{};
        LineTime time{};
    };
    using Key = std::pair<qint64, qint64>; // the line's time in ms (else the last one before it), order read

    bool readInput(int input, bool gather, QString* error);
    void scanLines(int input, QByteArrayView block, qint64 firstLine);
    void gatherLines(int input, QByteArrayView block, qint64 firstLine);
    void addMatch(int input, qint64 line, int row, QByteArrayView bytes);
    void keepRequest(const Key& key, const Match& match);
    void dropOldestRequest();
    bool stopped() const;
    LogFinding findingFor(const Match& match) const;
    LogRequest requestFor(const QString& id) const;
    LogAnalysis result() const;

    const LogMatcher& m_matcher;
    QList<LogInput> m_inputs;
    Target m_target;
    LogScanOptions m_options;
    Redactor m_redactor;
    std::map<Key, Match> m_findings; // the newest ones
    qint64 m_findingsTotal = 0;
    qint64 m_order = 0;
    qint64 m_lastTime = LLONG_MIN;
    struct RequestState {
        Key newest;
        QList<Match> matches;
    };
    QHash<QString, RequestState> m_requests; // the newest ones
    QSet<size_t> m_requestHashes;            // their ids' hashes, to skip other lines cheaply
    QSet<QString> m_requestIds;              // every request with a finding, for the count
    QHash<QString, QList<LogRequestLine>> m_lines;
    QHash<QString, qint64> m_lineCounts;
    QList<LogFileSummary> m_files;
    qint64 m_bytesTotal = 0;
    qint64 m_bytesDone = 0;
};

} // namespace duo
