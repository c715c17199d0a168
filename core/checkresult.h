#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace duo {

enum class Status { Queued, Running, Pass, Warn, Fail, Skip, Manual };
enum class Vantage { Desktop, GitLab, Gateway, Manual };

// Stable spellings used in JSON, the CLI and reports: a public contract.
QString statusKey(Status status);
QString vantageKey(Vantage vantage);
std::optional<Status> statusFromKey(const QString& key);
bool isFinal(Status status);

struct Command {
    QString label;
    QString command;
    bool operator==(const Command&) const = default;
};

struct CheckResult {
    QString id;
    Status status = Status::Queued;
    Vantage vantage = Vantage::Desktop;
    qint64 durationMs = 0;
    QString summary;     // one line: what was found
    QString details;     // what was checked and the evidence in words
    QString explanation; // why it matters / what it means (from the signature table)
    QString fix;         // what to do, with the admin's values
    QList<Command> commands;
    std::optional<QString> manualOutput; // redacted paste, for manual checks
    QJsonObject evidence;                // status code, server type, signature id...
    // A warn that still means "the thing could not be used" (e.g. a host only the container can resolve):
    // dependents skip as they would after a failure.
    bool blocksDependents = false;

    bool usableByDependents() const {
        return status == Status::Pass || (status == Status::Warn && !blocksDependents);
    }
};

} // namespace duo

Q_DECLARE_METATYPE(duo::CheckResult)
