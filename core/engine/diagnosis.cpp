#include "core/engine/diagnosis.h"

#include "core/engine/catalog.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace duo {

namespace {

// A failure seen only from this desktop, while checks that reach the same server from GitLab's or the
// gateway's vantage passed: a split network (a name only the gateway's network knows, a firewall in front
// of the desktop). It is its own finding, ranked after every cause the other vantages confirm.
struct SplitView {
    const char* failed; // the desktop's check
    // Proofs that the same server is reachable where it matters: every check of any one proof passed.
    // GitLab's requests count only where GitLab's model is the one typed here (gitlab.model_config).
    QList<QStringList> contradictedBy;
    const char* finding;
};
const char* const splitViewFix = QT_TRANSLATE_NOOP(
    "duo::Diagnosis",
    "Nothing to fix for GitLab Duo here. For this desktop's own checks, give it the route the gateway's "
    "network has: a --resolve HOST:PORT:ADDRESS entry (in the wizard: Advanced, on the AI gateway page), or "
    "run Duo Doctor on a host of that network.");
const SplitView splitViews[] = {
    {.failed = "model.reachable",
     .contradictedBy = {{QStringLiteral("gateway.model_request")},
                        {QStringLiteral("gitlab.model_connection"), QStringLiteral("gitlab.model_config")},
                        {QStringLiteral("gitlab.code_suggestions"), QStringLiteral("gitlab.model_config")}},
     .finding = QT_TRANSLATE_NOOP("duo::Diagnosis",
                                  "This desktop cannot reach the model server; GitLab and the gateway can.")},
};

bool allPassed(const QStringList& ids, const QList<CheckResult>& results) {
    return std::all_of(ids.cbegin(), ids.cend(), [&results](const QString& id) {
        return std::any_of(results.cbegin(), results.cend(), [&id](const CheckResult& result) {
            return result.id == id && result.status == Status::Pass;
        });
    });
}

const SplitView* splitViewOf(const CheckResult& failed, const QList<CheckResult>& results) {
    for (const SplitView& view : splitViews) {
        if (failed.id != QLatin1String(view.failed))
            continue;
        for (const QStringList& proof : view.contradictedBy) {
            if (allPassed(proof, results))
                return &view;
        }
    }
    return nullptr;
}

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

RootCause causeFrom(const CheckResult& failed, const SplitView* view) {
    RootCause cause;
    cause.checkId = failed.id;
    const CheckDefinition* definition = findCheck(failed.id);
    cause.title = definition ? definition->translatedTitle() : failed.id;
    cause.explanation = failed.explanation.isEmpty() ? failed.summary : failed.explanation;
    cause.fix = failed.fix;
    cause.commands = failed.commands;
    if (view) {
        cause.title = QCoreApplication::translate("duo::Diagnosis", view->finding);
        cause.explanation = cause.title + QLatin1Char(' ') + cause.explanation;
        cause.fix = QCoreApplication::translate("duo::Diagnosis", splitViewFix) +
                    (failed.fix.isEmpty() ? QString() : QStringLiteral("\n\n") + failed.fix);
    }
    return cause;
}

} // namespace

QList<RootCause> diagnose(const QList<CheckResult>& results) {
    QList<const CheckResult*> failed;
    for (const CheckResult& result : results) {
        if (result.status == Status::Fail)
            failed.append(&result);
    }

    // A desktop-only failure explains only the skips it caused: the other vantages' failures are not its.
    QSet<QString> desktopOnly;
    for (const CheckResult* candidate : failed) {
        if (splitViewOf(*candidate, results))
            desktopOnly.insert(candidate->id);
    }
    const auto accounts = [&desktopOnly](const QString& cause, const QString& effect) {
        return !desktopOnly.contains(cause) && explains(cause, effect);
    };

    QList<RootCause> causes;
    for (const CheckResult* candidate : failed) {
        const bool explainedByOther =
            std::any_of(failed.cbegin(), failed.cend(), [&](const CheckResult* other) {
                return other != candidate && accounts(other->id, candidate->id) &&
                       !accounts(candidate->id, other->id);
            });
        if (explainedByOther)
            continue;
        RootCause cause = causeFrom(*candidate, splitViewOf(*candidate, results));
        for (const CheckResult& other : results) {
            if (other.id == candidate->id)
                continue;
            if ((other.status == Status::Fail && accounts(candidate->id, other.id)) ||
                causedSkip(candidate->id, other))
                cause.explains.append(other.id);
        }
        causes.append(cause);
    }

    std::stable_sort(causes.begin(), causes.end(), [&desktopOnly](const RootCause& a, const RootCause& b) {
        const bool aSplit = desktopOnly.contains(a.checkId);
        if (aSplit != desktopOnly.contains(b.checkId))
            return !aSplit; // what GitLab or the gateway confirm comes first
        if (a.explains.size() != b.explains.size())
            return a.explains.size() > b.explains.size();
        return upstreamRank(a.checkId) < upstreamRank(b.checkId);
    });
    return causes;
}

std::optional<RootCause> certainLeadingCause(const QList<CheckResult>& results) {
    const QList<RootCause> causes = diagnose(results);
    if (causes.isEmpty())
        return std::nullopt;
    const RootCause& leading = causes.constFirst();
    for (const SplitView& view : splitViews) {
        if (leading.checkId == QLatin1String(view.failed))
            return std::nullopt; // a proof still to come may make it a desktop-only finding
    }
    for (const CheckResult& result : results) {
        if (isFinal(result.status))
            continue;
        // Whatever this check ends as, the leading cause accounts for it: its count can only grow.
        if (!explains(leading.checkId, result.id) && !dependsTransitively(result.id, leading.checkId))
            return std::nullopt;
    }
    return leading;
}

} // namespace duo
