#include "engine.h"

#include "checkcontext.h"
#include "diagnosis.h"
#include "httpclient.h"
#include "logredaction.h"

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
    m_results.clear();
    m_active.clear();
    m_running = true;
    m_partialRun = false;
    m_cancelled = false;
    m_hasRun = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();

    QStringList ids;
    const QSet<QString> wanted = withDependencies(only);
    m_waiting.clear();
    for (const CheckDefinition& definition : checkCatalog()) {
        if (!only.isEmpty() && !wanted.contains(definition.id))
            continue;
        CheckResult queued;
        queued.id = definition.id;
        queued.vantage = definition.vantage;
        m_results.insert(definition.id, queued);
        m_waiting.append(&definition);
        ids.append(definition.id);
    }
    qCInfo(lcEngine) << "run started:" << ids.size() << "checks";
    emit started(ids);
    emit progress(0, int(ids.size()));
    // Start from the event loop so callers can connect to the first signals after start() returns.
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation)
            schedule();
    });
}

void CheckEngine::cancel() {
    if (!m_running)
        return;
    m_cancelled = true;
    const quint64 generation = ++m_generation; // late callbacks of this run are ignored
    if (m_http)
        m_http->cancelAll();
    for (auto it = m_results.begin(); it != m_results.end(); ++it) {
        if (!isFinal(it->status)) {
            it->status = Status::Skip;
            it->summary = EngineText::tr("Cancelled before it finished.");
            emit checkFinished(*it);
        }
    }
    m_active.clear();
    m_waiting.clear();
    Q_UNUSED(generation)
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
    m_waiting.clear();
    for (const CheckDefinition& definition : checkCatalog()) {
        if (!reset.contains(definition.id) || !m_results.contains(definition.id))
            continue;
        CheckResult queued;
        queued.id = definition.id;
        queued.vantage = definition.vantage;
        m_results.insert(definition.id, queued);
        m_waiting.append(&definition);
        emit checkFinished(queued);
    }
    m_running = true;
    m_cancelled = false;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    emit progress(finishedCount(), int(m_results.size()));
    const quint64 generation = m_generation;
    QTimer::singleShot(0, this, [this, generation] {
        if (generation == m_generation)
            schedule();
    });
}

void CheckEngine::setManualOutput(const QString& id, const QString& output) {
    const CheckDefinition* definition = findCheck(id);
    if (!definition || definition->vantage != Vantage::Manual)
        return;
    if (output.trimmed().isEmpty())
        m_manualOutputs.remove(id);
    else
        m_manualOutputs.insert(id, output);
    if (!m_hasRun || m_running)
        return; // judged when the run reaches it
    // Manual steps judge synchronously: re-run just this one and recompute the diagnosis.
    CheckResult& slot = m_results[id];
    slot.status = Status::Queued;
    m_running = true;
    m_partialRun = true;
    launch(*definition);
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
    if (definition.adminOnly) {
        const CheckResult* token = resultOf(QStringLiteral("gitlab.token"));
        if (token && token->evidence.value(QStringLiteral("is_admin")) == QJsonValue(false))
            return SkipReason{
                EngineText::tr("Not run: needs an administrator's token; %1 is not an administrator.")
                    .arg(token->evidence.value(QStringLiteral("username")).toString()),
                {}};
    }
    return std::nullopt;
}

const CheckResult* CheckEngine::resultOf(const QString& id) const {
    const auto it = m_results.constFind(id);
    return it == m_results.cend() ? nullptr : &it.value();
}

int CheckEngine::finishedCount() const {
    return int(std::count_if(m_results.cbegin(), m_results.cend(),
                             [](const CheckResult& r) { return isFinal(r.status); }));
}

void CheckEngine::schedule() {
    if (!m_running)
        return;
    // Another pass only after a skip: a skipped check may decide its dependents at once.
    bool skippedAny = true;
    while (skippedAny) {
        skippedAny = false;
        // Only what still waits is looked at: a run calls this once per finished check.
        const QList<const CheckDefinition*> waiting = std::exchange(m_waiting, {});
        for (const CheckDefinition* waitingDefinition : waiting) {
            const CheckDefinition& definition = *waitingDefinition;
            const CheckResult* current = resultOf(definition.id);
            if (!current || current->status != Status::Queued)
                continue;
            const auto finished = [this](const QString& id) {
                const CheckResult* result = resultOf(id);
                return !result || isFinal(result->status);
            };
            const bool ready =
                std::all_of(definition.dependsOn.cbegin(), definition.dependsOn.cend(), finished) &&
                std::all_of(definition.after.cbegin(), definition.after.cend(), finished);
            if (!ready) {
                m_waiting.append(waitingDefinition);
                continue;
            }
            if (const auto reason = skipReason(definition)) {
                CheckResult skipped;
                skipped.id = definition.id;
                skipped.vantage = definition.vantage;
                skipped.status = Status::Skip;
                skipped.summary = reason->text;
                if (!reason->blockedBy.isEmpty())
                    skipped.evidence.insert(QStringLiteral("skipped_because"), reason->blockedBy);
                record(skipped);
                skippedAny = true;
                continue;
            }
            launch(definition); // its result arrives later and schedules again
        }
    }
    if (m_active.isEmpty() && finishedCount() == m_results.size())
        finishRun();
}

void CheckEngine::launch(const CheckDefinition& definition) {
    m_results[definition.id].status = Status::Running;
    emit checkStarted(definition.id);
    const quint64 generation = m_generation;
    auto lookup = [this](const QString& id) { return resultOf(id); };
    std::optional<QString> manual;
    if (m_manualOutputs.contains(definition.id))
        manual = m_manualOutputs.value(definition.id);
    auto context = std::make_shared<CheckContext>(definition, m_target, *m_http, lookup, manual,
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
    definition.run(context);
}

void CheckEngine::record(CheckResult result) {
    const QString id = result.id;
    qCDebug(lcEngine) << id << statusKey(result.status) << result.durationMs << "ms";
    m_results.insert(id, std::move(result));
    emit checkFinished(m_results.value(id));
    emit progress(finishedCount(), int(m_results.size()));
}

void CheckEngine::finishRun() {
    if (!m_running)
        return;
    // Texts written before GitLab's version or the token's owner were known get them now.
    const TemplateValues learned =
        learnedValues([this](const QString& id) { return resultOf(id); }, m_target, true);
    for (auto it = m_results.begin(); it != m_results.end(); ++it) {
        CheckResult filled = it.value();
        fillLearnedValues(filled, learned);
        if (filled.fix != it->fix || filled.explanation != it->explanation || filled.summary != it->summary ||
            filled.commands != it->commands) {
            it.value() = filled;
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
    for (const CheckDefinition& definition : checkCatalog()) {
        if (const CheckResult* result = resultOf(definition.id))
            report.checks.append(*result);
    }
    report.rootCauses = diagnose(report.checks);
    return report;
}

} // namespace duo
