#include "core/engine/engine.h"
#include "core/engine/evidence.h"

#include "core/checks/containerprobe.h"
#include "core/engine/answerboard.h"
#include "core/engine/checkcontext.h"
#include "core/engine/diagnosis.h"
#include "core/net/httpclient.h"
#include "core/text/logredaction.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcEngine, "duo.core.engine")

namespace duo {

namespace {

struct EngineText {
    Q_DECLARE_TR_FUNCTIONS(duo::CheckEngine)
};

} // namespace

CheckEngine::CheckEngine(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network) {}

CheckEngine::~CheckEngine() {
    ++m_generation;
    if (m_http)
        m_http->cancelAll();
}

namespace {

QSet<QString> withDependencies(const QStringList& only) {
    QSet<QString> wanted(only.cbegin(), only.cend());
    QStringList pending = only;
    while (!pending.isEmpty()) {
        const CheckDefinition* definition = findCheck(pending.takeLast());
        if (!definition)
            continue;
        for (const QString& dependency : definition->dependsOn) {
            if (!wanted.contains(dependency)) {
                wanted.insert(dependency);
                pending.append(dependency);
            }
        }
    }
    return wanted;
}

} // namespace

void CheckEngine::resetResults() {
    const qsizetype size = checkCatalog().size();
    m_results = QList<CheckResult>(size);
    m_inRun = QList<bool>(size, false);
    m_runSize = 0;
    m_finishedCount = 0;
}

void CheckEngine::storeResult(int index, CheckResult result) {
    CheckResult& slot = m_results[index];
    m_finishedCount += int(isFinal(result.status)) - int(isFinal(slot.status));
    slot = std::move(result);
}

void CheckEngine::start(const Target& target, const RunOptions& options, const QStringList& only) {
    if (m_running)
        cancel();
    ++m_generation;
    m_target = target;
    m_options = options;
    registerSecretForLogs(target.gitlabToken.reveal());
    registerSecretForLogs(target.modelKey.reveal());
    m_http = std::make_unique<HttpClient>(m_network, options);
    m_http->setCoalescer(m_coalescer);
    m_answers = std::make_unique<AnswerBoard>(*m_http);
    resetResults();
    m_active.clear();
    m_running = true;
    m_partialRun = false;
    m_causeAnnounced = false;
    m_cancelled = false;
    m_hasRun = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();

    QStringList ids;
    const QSet<QString> wanted = withDependencies(only);
    m_waiting.clear();
    const QList<CheckDefinition>& catalog = checkCatalog();
    for (int index = 0; index < catalog.size(); ++index) {
        const CheckDefinition& definition = catalog.at(index);
        if (!only.isEmpty() && !wanted.contains(definition.id))
            continue;
        CheckResult queued;
        queued.id = definition.id;
        queued.vantage = definition.vantage;
        storeResult(index, std::move(queued));
        m_inRun[index] = true;
        ++m_runSize;
        m_waiting.append(index);
        ids.append(definition.id);
    }
    qCInfo(lcEngine) << "run started:" << ids.size() << "checks";
    emit started(ids);
    emit progress(0, m_runSize);
    // Start from the event loop so callers can connect to the first signals after start() returns.
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation != m_generation)
            return;
        sendEarly(m_waiting);
        schedule();
    });
}

void CheckEngine::sendEarly(QList<int> indexes) {
    // The longest chains first: a host serves only so many requests at a time (HTTP/1: six connections).
    std::stable_sort(indexes.begin(), indexes.end(), [](int left, int right) {
        return checkCatalog().at(left).rounds > checkCatalog().at(right).rounds;
    });
    for (const int index : indexes) {
        const CheckDefinition& definition = checkCatalog().at(index);
        if (!definition.sendsEarly)
            continue;
        // Requests only: answers wait on the board until the check may judge.
        auto rehearsal = std::make_shared<CheckContext>(
            definition, m_target, *m_answers, [](const QString&) { return nullptr; }, std::nullopt, nullptr);
        rehearsal->rehearse();
        definition.run(rehearsal);
    }
    qCDebug(lcEngine) << m_answers->sent() << "requests sent early";
}

void CheckEngine::cancel() {
    if (!m_running)
        return;
    m_cancelled = true;
    ++m_generation; // late callbacks of this run are ignored
    if (m_http)
        m_http->cancelAll();
    for (int index = 0; index < m_results.size(); ++index) {
        if (!m_inRun.at(index) || isFinal(m_results.at(index).status))
            continue;
        CheckResult cancelled = m_results.at(index);
        cancelled.status = Status::Skip;
        cancelled.summary = EngineText::tr("Cancelled before it finished.");
        storeResult(index, cancelled);
        emit checkFinished(cancelled);
    }
    m_active.clear();
    m_waiting.clear();
    finishRun();
}

void CheckEngine::rerun(const QStringList& ids) {
    if (m_running || !m_hasRun)
        return;
    // Reset the checks and, transitively, whatever reads them.
    QSet<QString> reset(ids.cbegin(), ids.cend());
    bool grew = true;
    while (grew) {
        grew = false;
        for (const CheckDefinition& definition : checkCatalog()) {
            if (reset.contains(definition.id))
                continue;
            const auto reads = definition.dependsOn + definition.after;
            if (std::any_of(reads.cbegin(), reads.cend(),
                            [&](const QString& id) { return reset.contains(id); })) {
                reset.insert(definition.id);
                grew = true;
            }
        }
    }
    ++m_generation;
    m_http = std::make_unique<HttpClient>(m_network, m_options);
    m_http->setCoalescer(m_coalescer);
    m_answers = std::make_unique<AnswerBoard>(*m_http);
    m_waiting.clear();
    const QList<CheckDefinition>& catalog = checkCatalog();
    for (int index = 0; index < catalog.size(); ++index) {
        const CheckDefinition& definition = catalog.at(index);
        if (!reset.contains(definition.id) || !m_inRun.at(index))
            continue;
        CheckResult queued;
        queued.id = definition.id;
        queued.vantage = definition.vantage;
        storeResult(index, queued);
        m_waiting.append(index);
        emit checkFinished(queued);
    }
    m_running = true;
    m_cancelled = false;
    m_causeAnnounced = false;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    emit progress(finishedCount(), m_runSize);
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation != m_generation)
            return;
        sendEarly(m_waiting);
        schedule();
    });
}

void CheckEngine::setManualOutput(const QString& id, const QString& output) {
    // One container probe answers every container-side step, whichever step it was pasted into.
    const QStringList ids = looksLikeContainerProbe(output) && containerProbeSteps().contains(id)
                                ? containerProbeSteps()
                                : QStringList{id};
    QList<int> rejudge;
    for (const QString& stepId : ids) {
        const int index = catalogIndex(stepId);
        if (index < 0 || checkCatalog().at(index).vantage != Vantage::Manual)
            continue;
        if (output.trimmed().isEmpty())
            m_manualOutputs.remove(stepId);
        else
            m_manualOutputs.insert(stepId, output);
        if (m_hasRun && !m_running && m_inRun.at(index))
            rejudge.append(index); // else judged when the run reaches it
    }
    if (rejudge.isEmpty())
        return;
    // Manual steps judge synchronously: re-run just these and recompute the diagnosis.
    for (const int index : rejudge) {
        CheckResult queued = m_results.at(index);
        queued.status = Status::Queued;
        storeResult(index, std::move(queued));
    }
    m_running = true;
    m_partialRun = true;
    for (const int index : rejudge)
        launch(index);
}

std::optional<CheckEngine::SkipReason> CheckEngine::skipReason(const CheckDefinition& definition) const {
    for (const QString& dependency : definition.dependsOn) {
        const CheckResult* result = resultOf(dependency);
        if (!result || result->usableByDependents())
            continue;
        const CheckDefinition* dependencyDefinition = findCheck(dependency);
        const QString title = dependencyDefinition ? dependencyDefinition->translatedTitle() : dependency;
        const char* why =
            result->status == Status::Fail
                ? QT_TRANSLATE_NOOP("duo::CheckEngine", "Not run: it needs \"%1\" (%2), which failed.")
            : result->status == Status::Skip
                ? QT_TRANSLATE_NOOP("duo::CheckEngine", "Not run: it needs \"%1\" (%2), which was skipped.")
                : QT_TRANSLATE_NOOP("duo::CheckEngine",
                                    "Not run: it needs \"%1\" (%2), which could not be checked from here.");
        return SkipReason{EngineText::tr(why).arg(title, dependency), dependency};
    }
    if (const Capability* needs = definition.needs) {
        const CheckResult* provider = resultOf(QString::fromLatin1(needs->check));
        const QJsonObject evidence = provider ? provider->evidence : QJsonObject();
        if (evidence.value(*needs->flag) == QJsonValue(false))
            return SkipReason{QCoreApplication::translate("duo::CheckEngine", needs->unmet)
                                  .arg(evidence.value(*needs->detail).toString()),
                              {}};
    }
    return std::nullopt;
}

const CheckResult* CheckEngine::resultOf(const QString& id) const {
    const int index = catalogIndex(id);
    return index < 0 || index >= m_results.size() || !m_inRun.at(index) ? nullptr : &m_results.at(index);
}

void CheckEngine::schedule() {
    if (!m_running)
        return;
    // Another pass only after a skip: a skipped check may decide its dependents at once.
    bool skippedAny = true;
    while (skippedAny) {
        skippedAny = false;
        // Only what still waits is looked at: a run calls this once per finished check.
        const QList<int> waiting = std::exchange(m_waiting, {});
        for (const int index : waiting) {
            if (m_results.at(index).status != Status::Queued)
                continue;
            const QList<int>& prerequisites = prerequisiteIndexes(index);
            const bool ready = std::all_of(prerequisites.cbegin(), prerequisites.cend(), [this](int other) {
                return !m_inRun.at(other) || isFinal(m_results.at(other).status);
            });
            if (!ready) {
                m_waiting.append(index);
                continue;
            }
            const CheckDefinition& definition = checkCatalog().at(index);
            if (const auto reason = skipReason(definition)) {
                CheckResult skipped;
                skipped.id = definition.id;
                skipped.vantage = definition.vantage;
                skipped.status = Status::Skip;
                skipped.summary = reason->text;
                if (!reason->blockedBy.isEmpty())
                    skipped.evidence.insert(evidence::skippedBecause, reason->blockedBy);
                record(skipped);
                skippedAny = true;
                continue;
            }
            launch(index); // its result arrives later and schedules again
        }
    }
    if (m_active.isEmpty() && finishedCount() == m_runSize)
        finishRun();
}

void CheckEngine::launch(int index) {
    const CheckDefinition& definition = checkCatalog().at(index);
    CheckResult running = m_results.at(index);
    running.status = Status::Running;
    storeResult(index, std::move(running));
    emit checkStarted(definition.id);
    const quint64 generation = m_generation;
    auto lookup = [this](const QString& id) { return resultOf(id); };
    std::optional<QString> manual;
    if (const auto it = m_manualOutputs.constFind(definition.id); it != m_manualOutputs.cend())
        manual = it.value();
    auto context = std::make_shared<CheckContext>(definition, m_target, *m_answers, lookup, manual,
                                                  [this, generation, id = definition.id](CheckResult result) {
                                                      if (generation != m_generation)
                                                          return;
                                                      // Release the context after its callback has returned.
                                                      QTimer::singleShot(0, this, [this, generation, id] {
                                                          if (generation == m_generation)
                                                              m_active.remove(id);
                                                          schedule();
                                                      });
                                                      record(std::move(result));
                                                  });
    m_active.insert(definition.id, context);
    context->startGuard();
    definition.run(context);
}

void CheckEngine::record(CheckResult result) {
    const int index = catalogIndex(result.id);
    if (index < 0)
        return;
    qCDebug(lcEngine) << result.id << statusKey(result.status) << result.durationMs << "ms";
    storeResult(index, std::move(result));
    emit checkFinished(m_results.at(index));
    emit progress(finishedCount(), m_runSize);
    announceCertainCause();
}

void CheckEngine::announceCertainCause() {
    if (!m_running || m_partialRun || m_causeAnnounced || finishedCount() == m_runSize)
        return; // the finished report says it anyway
    QList<CheckResult> results;
    for (int index = 0; index < m_results.size(); ++index) {
        if (m_inRun.at(index))
            results.append(m_results.at(index));
    }
    if (const auto cause = certainLeadingCause(results)) {
        m_causeAnnounced = true;
        qCInfo(lcEngine) << "most likely cause known with" << (m_runSize - finishedCount())
                         << "checks still to finish:" << cause->checkId;
        emit likelyCauseKnown(*cause);
    }
}

void CheckEngine::finishRun() {
    if (!m_running)
        return;
    // Texts written before GitLab's version or the token's owner were known get them now.
    const TemplateValues learned =
        learnedValues([this](const QString& id) { return resultOf(id); }, m_target, true);
    for (int index = 0; index < m_results.size(); ++index) {
        if (!m_inRun.at(index))
            continue;
        const CheckResult& current = m_results.at(index);
        CheckResult filled = current;
        fillLearnedValues(filled, learned);
        if (filled.fix != current.fix || filled.explanation != current.explanation ||
            filled.summary != current.summary || filled.commands != current.commands) {
            storeResult(index, filled);
            emit checkFinished(filled);
        }
    }
    m_running = false;
    if (!m_partialRun)
        m_durationMs = m_clock.elapsed();
    m_partialRun = false;
    const Report current = report();
    qCInfo(lcEngine) << "run finished in" << m_durationMs << "ms;" << current.rootCauses.size()
                     << "root causes";
    emit finished(current);
    emit diagnosisChanged(current);
}

Report CheckEngine::report() const {
    Report report;
    report.startedAt = m_startedAt;
    report.durationMs = m_running ? m_clock.elapsed() : m_durationMs;
    report.target = m_target;
    report.options = m_options;
    report.cancelled = m_cancelled;
    for (int index = 0; index < m_results.size(); ++index) {
        if (m_inRun.at(index))
            report.checks.append(m_results.at(index));
    }
    report.rootCauses = diagnose(report.checks);
    return report;
}

} // namespace duo
