#pragma once

#include "app/cliarguments.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <variant>

namespace duo::app {

// The order in which the problems of a `check` command line are looked for; the first one found is the one
// reported. Reading what a flag names (a profile, a variable, a file) has its place in this order too, so a
// profile that does not exist is reported before a bad --timeout, as it always was.
enum class CheckStep {
    Selection,      // --all-profiles, --fleet, --profile, --jobs
    Profile,        // the saved profile read
    Urls,           // --gitlab-url, --gateway-url, --agent-platform, --model-endpoint
    Secrets,        // the variables of --gitlab-token-env and --model-key-env read
    ModelName,      // --model-name, required with --model-endpoint
    Limits,         // --timeout, --inference-timeout, --max-response-bytes
    CaFile,         // the --ca-file read
    Trust,          // --trust-cert, --proxy
    Resolve,        // --resolve
    ManualOutputs,  // --manual-output, each file read after its ID=FILE is checked
    ContainerProbe, // the --container-probe file read
    Output,         // --format, --report
};

struct ManualOutputFile {
    QString checkId;
    QString fileName;
};

// What a `check` command line asks for, as given: names of variables and files, not what they hold.
struct CheckRequest {
    bool allProfiles = false;
    QString fleetFile;
    int concurrency = 8;
    std::optional<QString> profileName;
    std::optional<QUrl> gitlabUrl, gatewayUrl, modelEndpoint;
    std::optional<QString> modelFamily, modelIdentifier, deploymentName; // trimmed
    std::optional<QString> agentPlatformAddress;                         // HOST:PORT, checked
    std::optional<QString> azureApiVersion;                              // --azure-api-version
    std::optional<QString> gitlabTokenVariable, modelKeyVariable;        // names of environment variables
    RunOptions connection;    // the defaults with the connection flags given laid over them
    QStringList givenOptions; // the connection flags given (timeout, resolve…)
    QList<ManualOutputFile> manualOutputFiles;
    std::optional<QString> containerProbeFile;
    ReportFormat format = ReportFormat::Text;
    QStringList reportFiles;

    struct Problem {
        CheckStep step;
        QString message;
    };
    // The first problem found. The flags of later steps are not read; those of earlier steps are, so what
    // they name can still be read (and fail) first.
    std::optional<Problem> problem;
};

using ParsedCheckRequest = std::variant<CheckRequest, UsageError, HelpRequested>;

// Reads nothing but its arguments: no file, no environment variable, no keychain, no saved profile.
ParsedCheckRequest parseCheckRequest(const QStringList& arguments);

// The connection flags named in `given` taken from `flags` and laid over `base`: --trust-cert adds to base's
// pins, the others replace.
RunOptions withConnectionFlags(RunOptions base, const RunOptions& flags, const QStringList& given);

} // namespace duo::app
