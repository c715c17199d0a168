#pragma once

#include "core/profiles/profile.h"
#include "core/reports/reportwriters.h"
#include "core/target.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QProcessEnvironment>
#include <QStringList>

#include <optional>
#include <variant>

namespace duo::app {

// The translation context of the command line's flags and messages.
struct Cli {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Cli)
};

enum class ExitCode { NoFailure = 0, SomeCheckFailed = 1, BadInput = 2, InternalError = 3 };

struct CheckJob {
    Target target;
    RunOptions options;
    QHash<QString, QString> manualOutputs; // check id -> pasted output
    ReportFormat format = ReportFormat::Text;
    QStringList reportFiles;
    std::optional<Profile> profile; // --profile: the base of the target; its secrets come from the keychain
    bool allProfiles = false;       // --all-profiles: every saved profile, a few at a time
    QString fleetFile;              // --fleet FILE: the profiles listed in a JSON file, a few at a time
    int concurrency = 8;            // --jobs: profiles checked at the same time
    QStringList givenOptions;       // the connection flags given (timeout, resolve…), for fleets

    // A fleet profile's options with the connection flags given on the command line laid over them.
    RunOptions optionsFor(const Profile& fleetProfile) const;
};

struct UsageError {
    QString message; // one line naming the field and the problem
};

struct HelpRequested {
    QString text;
};

using ParsedCheck = std::variant<CheckJob, UsageError, HelpRequested>;

// `duo-doctor check …`: arguments after the subcommand. Secrets come only from the named variables.
// parseCheckRequest() (checkrequest.h) reads the arguments; then the profile, variables and files they name
// are read.
ParsedCheck parseCheckArguments(const QStringList& arguments, const QProcessEnvironment& environment);

// `duo-doctor demo [SCENARIO] [--format text|json] [--report FILE]… [--text]`
struct DemoJob {
    QString scenario = QStringLiteral("healthy");
    ReportFormat format = ReportFormat::Text;
    QStringList reportFiles;
    bool forceText = false;
    bool listScenarios = false;
};
using ParsedDemo = std::variant<DemoJob, UsageError, HelpRequested>;
ParsedDemo parseDemoArguments(const QStringList& arguments);

// Says "duo-doctor: MESSAGE" on stderr; returns the exit code.
int failWith(const QString& message, ExitCode code = ExitCode::BadInput);

// One flag as --help shows it.
struct FlagSpec {
    const char* name;
    const char* valueName = nullptr; // nullptr: a switch
    const char* help;                // QT_TRANSLATE_NOOP("duo::app::Cli", …)
    const char* defaultValue = nullptr;
};
void addFlag(QCommandLineParser& parser, const FlagSpec& flag);

// -h and --help.
QCommandLineOption addHelpOption(QCommandLineParser& parser);
// The parser's help with the subcommand as its usage ("Usage: duo-doctor check [options]"): Qt names the
// program as it was started instead.
QString subcommandHelp(const QCommandLineParser& parser, const QString& subcommand);
// --language, --verbose and --log-level: read by the logging and translation set-up before any parser runs;
// declared so --help shows them and the parser accepts them.
void addLoggingOptions(QCommandLineParser& parser);
// The logging flags, then --format and --report.
void addOutputOptions(QCommandLineParser& parser);
// --format and --report as addOutputOptions() declared them; the problem with them, if any.
std::optional<QString> readOutputOptions(const QCommandLineParser& parser, ReportFormat* format,
                                         QStringList* reportFiles);

} // namespace duo::app
