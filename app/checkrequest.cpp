#include "app/checkrequest.h"

#include "core/engine/catalog.h"
#include "core/text/inputvalidation.h"

#include <QRegularExpression>

namespace duo::app {

namespace {

using Problem = std::optional<QString>;
// Validates one value of a flag and stores it in the request.
using Store = Problem (*)(CheckRequest& request, const QString& flag, const QString& value);

struct CheckOption {
    FlagSpec spec;
    CheckStep step; // where its problems stand in the order they are looked for
    Store store;
    bool repeatable = false; // every value counts; otherwise the last one given
};

Problem storeAllProfiles(CheckRequest& request, const QString&, const QString&) {
    request.allProfiles = true;
    return std::nullopt;
}

Problem storeFleet(CheckRequest& request, const QString&, const QString& value) {
    request.fleetFile = value;
    return std::nullopt;
}

Problem storeJobs(CheckRequest& request, const QString&, const QString& value) {
    bool ok = false;
    request.concurrency = value.toInt(&ok);
    if (!ok || request.concurrency < 1 || request.concurrency > 64)
        return Cli::tr("--jobs: expected a number between 1 and 64.");
    return std::nullopt;
}

// A name of a profile, a variable or a file: read after parsing.
template <std::optional<QString> CheckRequest::*member>
Problem storeName(CheckRequest& request, const QString&, const QString& value) {
    request.*member = value;
    return std::nullopt;
}

template <std::optional<QString> CheckRequest::*member>
Problem storeText(CheckRequest& request, const QString&, const QString& value) {
    request.*member = value.trimmed();
    return std::nullopt;
}

template <UrlField field, std::optional<QUrl> CheckRequest::*member>
Problem storeUrl(CheckRequest& request, const QString& flag, const QString& value) {
    if (const auto problem = urlProblem(field, value))
        return QStringLiteral("--%1 %2: %3").arg(flag, value, *problem);
    request.*member = parseUrl(value);
    return std::nullopt;
}

Problem storeAgentPlatform(CheckRequest& request, const QString& flag, const QString& value) {
    if (const auto problem = serviceAddressProblem(value))
        return QStringLiteral("--%1 %2: %3").arg(flag, value, *problem);
    request.agentPlatformAddress = parseServiceAddress(value)->toString();
    return std::nullopt;
}

template <int RunOptions::*member>
Problem storeSeconds(CheckRequest& request, const QString& flag, const QString& value) {
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600)
        return Cli::tr("--%1: expected a number of seconds between 0 and 3600, got \"%2\".").arg(flag, value);
    request.connection.*member = int(seconds * 1000);
    return std::nullopt;
}

Problem storeMaxResponseBytes(CheckRequest& request, const QString&, const QString& value) {
    bool ok = false;
    request.connection.maxResponseBytes = value.toLongLong(&ok);
    if (!ok || request.connection.maxResponseBytes < 1024)
        return Cli::tr("--max-response-bytes: expected a number of bytes of at least 1024.");
    return std::nullopt;
}

Problem storeCaFile(CheckRequest& request, const QString&, const QString& value) {
    request.connection.caFile = value;
    return std::nullopt;
}

Problem storeTrustedCertificate(CheckRequest& request, const QString&, const QString& value) {
    const QString host = value.section(QLatin1Char('='), 0, 0).trimmed();
    const QString fingerprint =
        value.section(QLatin1Char('='), 1).remove(QLatin1Char(':')).trimmed().toLower();
    static const QRegularExpression hex(QRegularExpression::anchoredPattern(QStringLiteral("[0-9a-f]{64}")));
    if (host.isEmpty() || !hex.match(fingerprint).hasMatch())
        return Cli::tr("--trust-cert %1: expected HOST=SHA256 with the 64 hex digits of the "
                       "certificate's SHA-256 fingerprint.")
            .arg(value);
    request.connection.pinned.append({host, fingerprint});
    return std::nullopt;
}

Problem storeProxy(CheckRequest& request, const QString&, const QString& given) {
    const QString value = given.trimmed();
    ProxySetting& proxy = request.connection.proxy;
    if (value == QLatin1String("none")) {
        proxy.mode = ProxySetting::Mode::None;
    } else if (value == QLatin1String("environment")) {
        proxy.mode = ProxySetting::Mode::Environment;
    } else {
        const QUrl url(value, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return Cli::tr("--proxy %1: expected none, environment or a URL such as "
                           "http://proxy.example.com:3128.")
                .arg(value);
        proxy = {ProxySetting::Mode::Manual, url};
    }
    return std::nullopt;
}

Problem storeResolve(CheckRequest& request, const QString&, const QString& value) {
    const auto entry = parseResolve(value);
    if (!entry)
        return Cli::tr("--resolve %1: expected HOST:PORT:ADDRESS, e.g. llm.internal:8000:10.0.0.5.")
            .arg(value);
    request.connection.resolve.append(*entry);
    return std::nullopt;
}

Problem storeManualOutput(CheckRequest& request, const QString&, const QString& value) {
    const QString id = value.section(QLatin1Char('='), 0, 0);
    const QString fileName = value.section(QLatin1Char('='), 1);
    const CheckDefinition* definition = findCheck(id);
    if (!definition || definition->vantage != Vantage::Manual || fileName.isEmpty())
        return Cli::tr(
                   "--manual-output %1: expected ID=FILE with ID a manual step such as manual.rake_verify.")
            .arg(value);
    request.manualOutputFiles.append({id, fileName});
    return std::nullopt;
}

// In the order --help shows them; --format, --report and the logging flags come after them
// (addOutputOptions).
const CheckOption checkOptions[] = {
    {.spec = {.name = "all-profiles",
              .help =
                  QT_TRANSLATE_NOOP("duo::app::Cli", "Check every saved profile (a fleet), a few at a time; "
                                                     "prints one line (or JSON object) per profile.")},
     .step = CheckStep::Selection,
     .store = storeAllProfiles},
    {.spec =
         {.name = "fleet",
          .valueName = "FILE",
          .help = QT_TRANSLATE_NOOP(
              "duo::app::Cli",
              "Check the profiles listed in FILE (a JSON array of profiles, as `profiles export` writes "
              "them, or {\"profiles\": [...]}), a few at a time. Secrets come from --gitlab-token-env and "
              "--model-key-env.")},
     .step = CheckStep::Selection,
     .store = storeFleet},
    {.spec =
         {.name = "jobs",
          .valueName = "N",
          .help = QT_TRANSLATE_NOOP(
              "duo::app::Cli",
              "With --all-profiles or --fleet: how many profiles are checked at the same time (default 8).")},
     .step = CheckStep::Selection,
     .store = storeJobs},
    {.spec = {.name = "profile",
              .valueName = "NAME",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli", "Start from the saved profile NAME (or id); its secrets come from the "
                                   "keychain. Other flags override its values.")},
     .step = CheckStep::Profile,
     .store = storeName<&CheckRequest::profileName>},
    {.spec = {.name = "gitlab-url",
              .valueName = "URL",
              .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                                        "GitLab's external URL, e.g. https://gitlab.example.com.")},
     .step = CheckStep::Urls,
     .store = storeUrl<UrlField::GitLab, &CheckRequest::gitlabUrl>},
    {.spec = {.name = "gitlab-token-env",
              .valueName = "VAR",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Name of the environment variable holding a GitLab personal access token.")},
     .step = CheckStep::Secrets,
     .store = storeName<&CheckRequest::gitlabTokenVariable>},
    {.spec = {.name = "gateway-url",
              .valueName = "URL",
              .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                                        "The AI gateway's URL, e.g. http://aigw.example.com:5052.")},
     .step = CheckStep::Urls,
     .store = storeUrl<UrlField::Gateway, &CheckRequest::gatewayUrl>},
    {.spec = {.name = "agent-platform",
              .valueName = "HOST:PORT",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "The GitLab Duo Agent Platform service (gRPC, GitLab 18 and later), e.g. "
                  "aigw.example.com:50052, without http://. Default: the address GitLab stores.")},
     .step = CheckStep::Urls,
     .store = storeAgentPlatform},
    {.spec = {.name = "model-name",
              .valueName = "FAMILY",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "The model family GitLab knows: mistral, codestral, llama3, codegemma, general…")},
     .step = CheckStep::ModelName,
     .store = storeText<&CheckRequest::modelFamily>},
    {.spec = {.name = "model-endpoint",
              .valueName = "URL",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "The model server's OpenAI-compatible base URL, e.g. http://vllm.example.com:8000/v1.")},
     .step = CheckStep::Urls,
     .store = storeUrl<UrlField::ModelEndpoint, &CheckRequest::modelEndpoint>},
    {.spec = {.name = "model-identifier",
              .valueName = "ID",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli", "The identifier, e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3.")},
     .step = CheckStep::ModelName,
     .store = storeText<&CheckRequest::modelIdentifier>},
    {.spec = {.name = "deployment-name",
              .valueName = "NAME",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli", "GitLab's name for the self-hosted model (default: the model name).")},
     .step = CheckStep::ModelName,
     .store = storeText<&CheckRequest::deploymentName>},
    {.spec = {.name = "azure-api-version",
              .valueName = "VERSION",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Azure OpenAI's api-version for azure/ identifiers (default 2024-10-21).")},
     .step = CheckStep::ModelName,
     .store = storeText<&CheckRequest::azureApiVersion>},
    {.spec = {.name = "model-key-env",
              .valueName = "VAR",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli", "Name of the environment variable holding the model server's API key.")},
     .step = CheckStep::Secrets,
     .store = storeName<&CheckRequest::modelKeyVariable>},
    {.spec = {.name = "timeout",
              .valueName = "SECONDS",
              .help = QT_TRANSLATE_NOOP("duo::app::Cli", "Deadline per request in seconds (default 10).")},
     .step = CheckStep::Limits,
     .store = storeSeconds<&RunOptions::timeoutMs>},
    {.spec = {.name = "inference-timeout",
              .valueName = "SECONDS",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Deadline for requests that make the model generate (default 60, GitLab's default).")},
     .step = CheckStep::Limits,
     .store = storeSeconds<&RunOptions::inferenceTimeoutMs>},
    {.spec = {.name = "max-response-bytes",
              .valueName = "BYTES",
              .help = QT_TRANSLATE_NOOP("duo::app::Cli",
                                        "Largest answer accepted from a server (default 1048576).")},
     .step = CheckStep::Limits,
     .store = storeMaxResponseBytes},
    {.spec = {.name = "resolve",
              .valueName = "HOST:PORT:ADDRESS",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Connect to ADDRESS when a URL names HOST:PORT, like curl --resolve. Repeatable.")},
     .step = CheckStep::Resolve,
     .store = storeResolve,
     .repeatable = true},
    {.spec = {.name = "ca-file",
              .valueName = "FILE",
              .help = QT_TRANSLATE_NOOP("duo::app::Cli", "Also trust the CA certificates in FILE (PEM), e.g. "
                                                         "a private CA or a TLS-inspecting proxy's.")},
     .step = CheckStep::CaFile,
     .store = storeCaFile},
    {.spec = {.name = "trust-cert",
              .valueName = "HOST=SHA256",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Trust the certificate whose SHA-256 fingerprint is given, for HOST only (as "
                  "shown in a report). "
                  "Repeatable.")},
     .step = CheckStep::Trust,
     .store = storeTrustedCertificate,
     .repeatable = true},
    {.spec = {.name = "proxy",
              .valueName = "URL|none|environment",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Proxy for every request: a URL such as http://proxy:3128, \"none\", or \"environment\" "
                  "(default: http_proxy, https_proxy and no_proxy, as curl reads them).")},
     .step = CheckStep::Trust,
     .store = storeProxy},
    {.spec = {.name = "manual-output",
              .valueName = "ID=FILE",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Output of manual step ID (e.g. manual.rake_verify) saved in FILE. Repeatable.")},
     .step = CheckStep::ManualOutputs,
     .store = storeManualOutput,
     .repeatable = true},
    {.spec = {.name = "container-probe",
              .valueName = "FILE",
              .help = QT_TRANSLATE_NOOP(
                  "duo::app::Cli",
                  "Output of Duo Doctor's container probe (duo-doctor probe-script), run inside the gateway "
                  "container and saved in FILE: answers the container-side manual steps.")},
     .step = CheckStep::ContainerProbe,
     .store = storeName<&CheckRequest::containerProbeFile>},
};

// The connection flags, which a fleet's profiles take from the command line, and what each one sets.
using Overlay = void (*)(RunOptions& to, const RunOptions& from);
const std::pair<const char*, Overlay> connectionFlags[] = {
    {"timeout", [](RunOptions& to, const RunOptions& from) { to.timeoutMs = from.timeoutMs; }},
    {"inference-timeout",
     [](RunOptions& to, const RunOptions& from) { to.inferenceTimeoutMs = from.inferenceTimeoutMs; }},
    {"max-response-bytes",
     [](RunOptions& to, const RunOptions& from) { to.maxResponseBytes = from.maxResponseBytes; }},
    {"ca-file", [](RunOptions& to, const RunOptions& from) { to.caFile = from.caFile; }},
    {"trust-cert", [](RunOptions& to, const RunOptions& from) { to.pinned += from.pinned; }},
    {"proxy", [](RunOptions& to, const RunOptions& from) { to.proxy = from.proxy; }},
    {"resolve", [](RunOptions& to, const RunOptions& from) { to.resolve = from.resolve; }},
};

// Problems between flags, looked for before any flag's own.
Problem selectionProblem(const QCommandLineParser& parser) {
    const bool allProfiles = parser.isSet(QStringLiteral("all-profiles"));
    const bool fleet = !parser.value(QStringLiteral("fleet")).isEmpty();
    if (int(allProfiles) + int(fleet) + int(parser.isSet(QStringLiteral("profile"))) > 1)
        return Cli::tr("--all-profiles, --fleet and --profile: choose one.");
    // Pasted outputs belong to one setup: a fleet has a saved profile's own, never another's.
    if ((allProfiles || fleet) &&
        (parser.isSet(QStringLiteral("manual-output")) || parser.isSet(QStringLiteral("container-probe"))))
        return Cli::tr("--manual-output and --container-probe describe one setup: use them with "
                       "--profile or the setup's own flags, not with --all-profiles or --fleet.");
    return std::nullopt;
}

// Each flag's values stored, step by step; stops at the first problem.
std::optional<CheckRequest::Problem> storeFlags(const QCommandLineParser& parser, CheckRequest& request) {
    if (const Problem problem = selectionProblem(parser))
        return CheckRequest::Problem{CheckStep::Selection, *problem};
    for (int step = int(CheckStep::Selection); step < int(CheckStep::Output); ++step) {
        for (const CheckOption& option : checkOptions) {
            const QString flag = QLatin1String(option.spec.name);
            if (int(option.step) != step || !parser.isSet(flag))
                continue;
            const QStringList values =
                option.repeatable ? parser.values(flag) : QStringList{parser.value(flag)};
            for (const QString& value : values) {
                if (const Problem problem = option.store(request, flag, value))
                    return CheckRequest::Problem{option.step, *problem};
            }
        }
    }
    if (const Problem problem = readOutputOptions(parser, &request.format, &request.reportFiles))
        return CheckRequest::Problem{CheckStep::Output, *problem};
    return std::nullopt;
}

QCommandLineOption addCheckOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(
        Cli::tr("Runs every check of \"Troubleshooting GitLab Duo Self-Hosted Models\" without a display.\n"
                "Exit codes: 0 no check failed, 1 a check failed, 2 bad input, 3 internal error."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help = addHelpOption(parser);
    for (const CheckOption& option : checkOptions)
        addFlag(parser, option.spec);
    addOutputOptions(parser);
    return help;
}

} // namespace

ParsedCheckRequest parseCheckRequest(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption help = addCheckOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("duo-doctor check")} + arguments))
        return UsageError{parser.errorText()};
    if (parser.isSet(help))
        return HelpRequested{subcommandHelp(parser, QStringLiteral("duo-doctor check"))};
    if (!parser.positionalArguments().isEmpty())
        return UsageError{
            Cli::tr("Unexpected argument \"%1\"; secrets are read from environment variables, see --help.")
                .arg(parser.positionalArguments().constFirst())};
    CheckRequest request;
    request.problem = storeFlags(parser, request);
    for (const auto& [name, overlay] : connectionFlags) {
        if (parser.isSet(QLatin1String(name)))
            request.givenOptions.append(QLatin1String(name));
    }
    return request;
}

RunOptions withConnectionFlags(RunOptions base, const RunOptions& flags, const QStringList& given) {
    for (const auto& [name, overlay] : connectionFlags) {
        if (given.contains(QLatin1String(name)))
            overlay(base, flags);
    }
    return base;
}

} // namespace duo::app
