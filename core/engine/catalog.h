#pragma once

#include "core/checkresult.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace duo {

class CheckContext;
using CheckRunner = void (*)(const std::shared_ptr<CheckContext>& context);

enum class Component { GitLab, Gateway, AgentPlatform, Model, Manual };
// Every component, in the order reports and the wizard group checks.
const QList<Component>& components();
QString componentKey(Component component);
QString componentTitle(Component component);

// Something a check needs that another check finds out, such as an administrator's token: when that
// check's boolean evidence `flag` is false, the check skips with `unmet` (translated in "duo::CheckEngine";
// %1 is the `detail` evidence).
struct Capability {
    const char* check = nullptr;
    const QString* flag = nullptr; // a key of core/engine/evidence.h
    const char* unmet = nullptr;
    const QString* detail = nullptr;
};

// One row of the catalog. Adding a check is adding a row (and its runner); rows use designated initializers.
struct CheckDefinition {
    QString id{};                  // public contract: never rename
    const char* title = nullptr;   // translated through QCoreApplication::translate("duo::Catalog", title)
    const char* section = nullptr; // the troubleshooting page's section it implements
    Vantage vantage = Vantage::Desktop;
    Component component = Component::GitLab;
    QStringList dependsOn{}; // hard: skipped unless each of these is usable
    QStringList after{};     // soft: runs after these and reads their results
    QStringList
        segments{}; // the stretches of the path it exercises (see pathSegments()); drives the diagnosis
    const Capability* needs = nullptr;
    CheckRunner run = nullptr;
    // Its requests need only the target, no other check's answer: they go out when the run starts (a
    // rehearsal of the runner that only sends) and are judged when dependsOn/after are final. Otherwise its
    // requests wait for dependsOn and after: those are then the answers it needs, the data path.
    bool sendsEarly = false;
    // Answers on the way of its request (one per server passed): GitLab → gateway → model is 3.
    int rounds = 1;

    QString translatedTitle() const { return QCoreApplication::translate("duo::Catalog", title); }
};

const QList<CheckDefinition>& checkCatalog();

// The troubleshooting page online, and the link to one of its sections (the title is shown offline).
QString troubleshootingPageUrl();
QString sectionUrl(const QString& section);
const CheckDefinition* findCheck(const QString& id);
// Position of a check in checkCatalog(), or -1: lets the engine keep results in a plain array.
int catalogIndex(const QString& id);
// Catalog positions of what a check waits for (its dependsOn, then its after), computed once.
const QList<int>& prerequisiteIndexes(int index);
// The checks whose answers a check's requests need before they can go out: none when it sends early.
QStringList dataDependencies(const CheckDefinition& definition);
// The longest chain of requests that truly wait on each other's answers, in latency rounds, among `ids`
// (every check when empty): no scheduler finishes sooner on a network with that latency per answer.
int criticalRounds(const QStringList& ids = {});

// Along the request path, most upstream first. A failure on a segment explains failures of checks that
// exercise it and more; the order sorts root causes that explain equally much.
const QStringList& pathSegments();

} // namespace duo
