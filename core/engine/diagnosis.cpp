#include "core/engine/diagnosis.h"

#include "core/engine/catalog.h"

#include <QSet>

#include <algorithm>

namespace duo {

namespace {

QSet<QString> segmentsOf(const QString& id) {
    const CheckDefinition* definition = findCheck(id);
    return definition ? QSet<QString>(definition->segments.cbegin(), definition->segments.cend())
                      : QSet<QString>{};
}

bool dependsTransitively(const QString& dependent, const QString& on) {
    const CheckDefinition* definition = findCheck(dependent);
    if (!definition)
        return false;
    for (const QString& direct : definition->dependsOn) {
        if (direct == on || dependsTransitively(direct, on))
            return true;
    }
    return false;
}

bool explains(const QString& cause, const QString& effect) {
    const QSet<QString> causeSegments = segmentsOf(cause);
    const QSet<QString> effectSegments = segmentsOf(effect);
    if (causeSegments.isEmpty() || !effectSegments.contains(causeSegments))
        return false;
    if (causeSegments.size() < effectSegments.size())
        return true;
    return dependsTransitively(effect, cause);
}

int upstreamRank(const QString& id) {
    const CheckDefinition* definition = findCheck(id);
    int rank = int(pathSegments().size());
    if (definition) {
        for (const QString& segment : definition->segments)
            rank = std::min(rank, int(pathSegments().indexOf(segment)));
    }
    return rank;
}

// A skipped check is explained by the failures among the checks it (transitively) depends on.
bool causedSkip(const QString& failed, const CheckResult& skipped) {
    return skipped.status == Status::Skip && dependsTransitively(skipped.id, failed);
}

} // namespace

QList<RootCause> diagnose(const QList<CheckResult>& results) {
    QList<const CheckResult*> failed;
    for (const CheckResult& result : results) {
        if (result.status == Status::Fail)
            failed.append(&result);
    }

    QList<RootCause> causes;
    for (const CheckResult* candidate : failed) {
        const bool explainedByOther =
            std::any_of(failed.cbegin(), failed.cend(), [&](const CheckResult* other) {
                return other != candidate && explains(other->id, candidate->id) &&
                       !explains(candidate->id, other->id);
            });
        if (explainedByOther)
            continue;
        RootCause cause;
        cause.checkId = candidate->id;
        const CheckDefinition* definition = findCheck(candidate->id);
        cause.title = definition ? definition->translatedTitle() : candidate->id;
        cause.explanation = candidate->explanation.isEmpty() ? candidate->summary : candidate->explanation;
        cause.fix = candidate->fix;
        cause.commands = candidate->commands;
        for (const CheckResult& other : results) {
            if (other.id == candidate->id)
                continue;
            if ((other.status == Status::Fail && explains(candidate->id, other.id)) ||
                causedSkip(candidate->id, other))
                cause.explains.append(other.id);
        }
        causes.append(cause);
    }

    std::stable_sort(causes.begin(), causes.end(), [](const RootCause& a, const RootCause& b) {
        if (a.explains.size() != b.explains.size())
            return a.explains.size() > b.explains.size();
        return upstreamRank(a.checkId) < upstreamRank(b.checkId);
    });
    return causes;
}

} // namespace duo
