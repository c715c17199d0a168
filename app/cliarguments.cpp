#include "app/cliarguments.h"

#include "app/checkrequest.h"

#include "core/checks/containerprobe.h"
#include "core/net/httpclient.h"
#include "core/profiles/profilestore.h"

#include <QFile>

#include <cstdio>

namespace duo::app {

namespace {

using Problem = std::optional<QString>;

constexpr qint64 maxManualOutputBytes = 1 << 20;

const FlagSpec loggingFlags[] = {
    {.name = "language",
     .valueName = "LANG",
     .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                               "Language of the output, e.g. de or fr (default: the system's).")},
    {.name = "verbose",
     .help =
         QT_TRANSLATE_NOOP("duo::app::Cli", "Log what happens (info level) on stderr and in the log file.")},
    {.name = "log-level",
     .valueName = "LEVEL",
     .help = QT_TRANSLATE_NOOP(
         "duo::app::Cli",
         "trace, debug, info, warn, error or off (default: warn on stderr, info in the log file).")},
};

const FlagSpec outputFlags[] = {
    {.name = "format",
     .valueName = "text|json",
     .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                               "Output on stdout: text (a tree) or json (the duo-doctor.report.v1 object)."),
     .defaultValue = "text"},
    {.name = "report",
     .valueName = "FILE",
     .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                               "Also write the report to FILE (.json, .html, .md, .txt, or .xml for a JUnit "
                               "test report). Repeatable.")},
};

// What a file holds (up to the limit of a pasted output), or why it cannot be read.
std::optional<QString> readPastedOutput(const QString& fileName, QString* error) {
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    return QString::fromUtf8(file.read(maxManualOutputBytes));
}

// Reads what a request names, in CheckStep order; each fills the job or says what is wrong.
using Resolver = Problem (*)(const CheckRequest& request, const QProcessEnvironment& environment,
                             CheckJob& job);

// Each part of the target given on the command line replaces the profile's.
void applyTargetFlags(const CheckRequest& request, Target& target) {
    target.gitlabUrl = request.gitlabUrl.value_or(target.gitlabUrl);
    target.gatewayUrl = request.gatewayUrl.value_or(target.gatewayUrl);
    target.modelEndpoint = request.modelEndpoint.value_or(target.modelEndpoint);
    target.modelFamily = request.modelFamily.value_or(target.modelFamily);
    target.modelIdentifier = request.modelIdentifier.value_or(target.modelIdentifier);
    target.deploymentName = request.deploymentName.value_or(target.deploymentName);
    target.agentPlatformAddress = request.agentPlatformAddress.value_or(target.agentPlatformAddress);
    target.azureApiVersion = request.azureApiVersion.value_or(target.azureApiVersion);
}

// The saved profile, if one is named, is the base; the flags given are laid over it.
Problem startFromProfile(const CheckRequest& request, const QProcessEnvironment&, CheckJob& job) {
    RunOptions base;
    if (request.profileName) {
        QString error;
        job.profile = ProfileStore().find(*request.profileName, &error);
        if (!job.profile)
            return QStringLiteral("--profile: ") + error;
        job.target = job.profile->target();
        base = job.profile->options;
        job.manualOutputs = job.profile->manualOutputs;
    }
    applyTargetFlags(request, job.target);
    job.target.modelFamily = job.target.modelFamily.toLower();
    job.options = withConnectionFlags(base, request.connection, request.givenOptions);
    return std::nullopt;
}

// Secrets come from the environment variables named, never from the command line itself.
Problem readSecrets(const CheckRequest& request, const QProcessEnvironment& environment, CheckJob& job) {
    const struct {
        const char* flag;
        const std::optional<QString> CheckRequest::*variable;
        Secret Target::*secret;
    } secrets[] = {{"gitlab-token-env", &CheckRequest::gitlabTokenVariable, &Target::gitlabToken},
                   {"model-key-env", &CheckRequest::modelKeyVariable, &Target::modelKey}};
    for (const auto& [flag, variable, secret] : secrets) {
        if (!(request.*variable))
            continue;
        const QString value = environment.value(*(request.*variable));
        if (value.isEmpty())
            return Cli::tr("--%1: the environment variable %2 is not set or empty.")
                .arg(QLatin1String(flag), *(request.*variable));
        job.target.*secret = Secret(value.trimmed());
    }
    return std::nullopt;
}

Problem requireModelName(const CheckRequest&, const QProcessEnvironment&, CheckJob& job) {
    if (!job.target.modelEndpoint.isEmpty() && job.target.modelFamily.isEmpty())
        return Cli::tr(
            "--model-name: required with --model-endpoint (the family GitLab knows, e.g. mistral).");
    return std::nullopt;
}

Problem loadCaFile(const CheckRequest& request, const QProcessEnvironment&, CheckJob&) {
    if (!request.givenOptions.contains(QLatin1String("ca-file")))
        return std::nullopt;
    QString error;
    if (HttpClient::loadCaFile(request.connection.caFile, &error).isEmpty())
        return Cli::tr("--ca-file %1: %2.").arg(request.connection.caFile, error);
    return std::nullopt;
}

Problem readManualOutputs(const CheckRequest& request, const QProcessEnvironment&, CheckJob& job) {
    for (const ManualOutputFile& pasted : request.manualOutputFiles) {
        QString error;
        const auto output = readPastedOutput(pasted.fileName, &error);
        if (!output)
            return Cli::tr("--manual-output %1: cannot read %2: %3.")
                .arg(pasted.checkId, pasted.fileName, error);
        job.manualOutputs.insert(pasted.checkId, *output);
    }
    return std::nullopt;
}

// The probe's output answers each container-side manual step.
Problem readContainerProbe(const CheckRequest& request, const QProcessEnvironment&, CheckJob& job) {
    if (!request.containerProbeFile)
        return std::nullopt;
    const QString& fileName = *request.containerProbeFile;
    QString error;
    const auto output = readPastedOutput(fileName, &error);
    if (!output)
        return Cli::tr("--container-probe: cannot read %1: %2.").arg(fileName, error);
    if (!parseContainerProbe(*output, &error))
        return Cli::tr("--container-probe %1: %2.").arg(fileName, error);
    for (const QString& id : containerProbeSteps())
        job.manualOutputs.insert(id, *output);
    return std::nullopt;
}

const std::pair<CheckStep, Resolver> resolvers[] = {
    {CheckStep::Profile, startFromProfile},        {CheckStep::Secrets, readSecrets},
    {CheckStep::ModelName, requireModelName},      {CheckStep::CaFile, loadCaFile},
    {CheckStep::ManualOutputs, readManualOutputs}, {CheckStep::ContainerProbe, readContainerProbe},
};

// The job a request asks for, with what it names read; a problem of the request itself is reported once
// everything that comes before it in CheckStep order was read.
ParsedCheck resolveCheckRequest(const CheckRequest& request, const QProcessEnvironment& environment) {
    CheckJob job;
    job.allProfiles = request.allProfiles;
    job.fleetFile = request.fleetFile;
    job.concurrency = request.concurrency;
    job.givenOptions = request.givenOptions;
    job.format = request.format;
    job.reportFiles = request.reportFiles;
    for (const auto& [step, resolve] : resolvers) {
        if (request.problem && request.problem->step < step)
            break;
        if (const Problem problem = resolve(request, environment, job))
            return UsageError{*problem};
    }
    if (request.problem)
        return UsageError{request.problem->message};
    return job;
}

} // namespace

int failWith(const QString& message, ExitCode code) {
    std::fprintf(stderr, "duo-doctor: %s\n", message.toLocal8Bit().constData());
    return int(code);
}

void addFlag(QCommandLineParser& parser, const FlagSpec& flag) {
    QCommandLineOption option(QLatin1String(flag.name),
                              QCoreApplication::translate("duo::app::Cli", flag.help));
    if (flag.valueName)
        option.setValueName(QLatin1String(flag.valueName));
    if (flag.defaultValue)
        option.setDefaultValue(QLatin1String(flag.defaultValue));
    parser.addOption(option);
}

QCommandLineOption addHelpOption(QCommandLineParser& parser) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
    return help;
}

QString subcommandHelp(const QCommandLineParser& parser, const QString& subcommand) {
    return parser.helpText().replace(QCoreApplication::arguments().value(0) + QStringLiteral(" [options]"),
                                     subcommand + QStringLiteral(" [options]"));
}

void addLoggingOptions(QCommandLineParser& parser) {
    for (const FlagSpec& flag : loggingFlags)
        addFlag(parser, flag);
}

void addOutputOptions(QCommandLineParser& parser) {
    addLoggingOptions(parser);
    for (const FlagSpec& flag : outputFlags)
        addFlag(parser, flag);
}

std::optional<QString> readOutputOptions(const QCommandLineParser& parser, ReportFormat* format,
                                         QStringList* reportFiles) {
    const QString value = parser.value(QStringLiteral("format"));
    if (value == QLatin1String("text"))
        *format = ReportFormat::Text;
    else if (value == QLatin1String("json"))
        *format = ReportFormat::Json;
    else
        return Cli::tr("--format: expected text or json, got \"%1\".").arg(value);
    *reportFiles = parser.values(QStringLiteral("report"));
    for (const QString& file : *reportFiles) {
        if (!reportFormatForFile(file))
            return Cli::tr("--report %1: the file name must end in .json, .html, .md, .txt or .xml (JUnit).")
                .arg(file);
    }
    return std::nullopt;
}

ParsedCheck parseCheckArguments(const QStringList& arguments, const QProcessEnvironment& environment) {
    const ParsedCheckRequest parsed = parseCheckRequest(arguments);
    if (const auto* request = std::get_if<CheckRequest>(&parsed))
        return resolveCheckRequest(*request, environment);
    if (const auto* help = std::get_if<HelpRequested>(&parsed))
        return *help;
    return std::get<UsageError>(parsed);
}

ParsedDemo parseDemoArguments(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Starts a simulated GitLab, AI gateway and model server on 127.0.0.1 and diagnoses them."));
    const QCommandLineOption help = addHelpOption(parser);
    parser.addOption(
        {QStringLiteral("text"), Cli::tr("Print the diagnosis even when a display is available.")});
    parser.addOption({QStringLiteral("list"), Cli::tr("List the scenarios.")});
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 Cli::tr("What to break (default: healthy). See --list."),
                                 QStringLiteral("[SCENARIO]"));
    addOutputOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("duo-doctor demo")} + arguments))
        return UsageError{parser.errorText()};
    if (parser.isSet(help))
        return HelpRequested{subcommandHelp(parser, QStringLiteral("duo-doctor demo"))};
    DemoJob job;
    job.forceText = parser.isSet(QStringLiteral("text"));
    job.listScenarios = parser.isSet(QStringLiteral("list"));
    if (parser.positionalArguments().size() > 1)
        return UsageError{Cli::tr("demo takes one scenario, got %1.")
                              .arg(parser.positionalArguments().join(QLatin1Char(' ')))};
    if (!parser.positionalArguments().isEmpty())
        job.scenario = parser.positionalArguments().constFirst();
    if (const Problem problem = readOutputOptions(parser, &job.format, &job.reportFiles))
        return UsageError{*problem};
    return job;
}

// Each connection flag given on the command line over the fleet profile's own.
RunOptions CheckJob::optionsFor(const Profile& fleetProfile) const {
    return withConnectionFlags(fleetProfile.options, options, givenOptions);
}

} // namespace duo::app
