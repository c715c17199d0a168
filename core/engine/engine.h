#pragma once

#include "core/checkresult.h"
#include "core/engine/catalog.h"
#include "core/report.h"
#include "core/target.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QNetworkAccessManager;

namespace duo {

class CheckContext;
class HttpClient;

// Runs the catalog against a target: independent checks concurrently on one injected network manager,
// dependents after their dependencies (skipped when one is not usable), then the diagnosis.
// Everything happens on the caller's event loop; nothing blocks.
class CheckEngine : public QObject {
    Q_OBJECT
public:
    explicit CheckEngine(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~CheckEngine() override;

    // Runs the whole catalog, or only the checks in `only` and what they depend on (a page's "Test" button).
    void start(const Target& target, const RunOptions& options, const QStringList& only = {});
    void cancel();
    bool isRunning() const { return m_running; }

    // Re-runs these checks and everything that depends on them (or runs after them).
    void rerun(const QStringList& ids);
    // Pasted output of a manual step: judged at once (also before start(), for the CLI).
    void setManualOutput(const QString& id, const QString& output);

    Report report() const;

    // A fleet run shares identical requests between its engines.
    void setRequestCoalescer(std::shared_ptr<class RequestCoalescer> coalescer) {
        m_coalescer = std::move(coalescer);
    }

signals:
    void started(const QStringList& ids);
    void checkStarted(const QString& id);
    void checkFinished(const duo::CheckResult& result);
    void progress(int done, int total);
    void finished(const duo::Report& report);
    // After a manual paste or a re-run changed the picture.
    void diagnosisChanged(const duo::Report& report);
    // Once per run, as soon as the most likely cause is certain: no check still running could outrank it
    // (often well before the last check ends).
    void likelyCauseKnown(const duo::RootCause& cause);

private:
    // Rehearses the runners of the checks among `indexes` that send early (catalog rows).
    void sendEarly(QList<int> indexes);
    // Emits likelyCauseKnown once, when the leading cause can no longer be outranked.
    void announceCertainCause();
    void schedule();
    void launch(int index);
    void record(CheckResult result);
    void finishRun();
    struct SkipReason {
        QString text;
        QString blockedBy; // the dependency that was not usable, if any
    };
    std::optional<SkipReason> skipReason(const CheckDefinition& definition) const;
    const CheckResult* resultOf(const QString& id) const;
    int finishedCount() const { return m_finishedCount; }
    // Every change of a result goes through here so the finished count stays right.
    void storeResult(int index, CheckResult result);
    void resetResults();

    QNetworkAccessManager* m_network;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<class AnswerBoard> m_answers; // the run's answers, over m_http
    std::shared_ptr<class RequestCoalescer> m_coalescer;
    Target m_target;
    RunOptions m_options;
    // Results by catalog position (a fleet runs this thousands of times: no hashing on the hot path).
    QList<CheckResult> m_results;
    QList<bool> m_inRun; // whether the catalog's check at this position belongs to the run
    int m_runSize = 0;
    int m_finishedCount = 0;
    QList<int> m_waiting; // catalog positions of queued checks, catalog order
    QHash<QString, QString> m_manualOutputs;
    QHash<QString, std::shared_ptr<CheckContext>> m_active;
    QDateTime m_startedAt;
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    quint64 m_generation = 0; // results of an older run or a cancelled one are ignored
    bool m_running = false;
    bool m_cancelled = false;
    bool m_hasRun = false;
    bool m_causeAnnounced = false; // likelyCauseKnown was emitted for this run
    bool m_partialRun = false;     // a pasted manual output re-judged one step: the run's duration stays
};

} // namespace duo
