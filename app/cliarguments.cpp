#include "app/cliarguments.h"

#include "core/checks/containerprobe.h"
#include "core/engine/catalog.h"
#include "core/net/httpclient.h"
#include "core/profiles/profilestore.h"
#include "core/text/inputvalidation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>

namespace duo::app {

namespace {

struct Cli {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Cli)
};

constexpr qint64 maxManualOutputBytes = 1 << 20;

struct UrlOption {
    const char* name;
    UrlField field;
    QUrl Target::*member;
};
const UrlOption urlOptions[] = {
    {"gitlab-url", UrlField::GitLab, &Target::gitlabUrl},
    {"gateway-url", UrlField::Gateway, &Target::gatewayUrl},
    {"model-endpoint", UrlField::ModelEndpoint, &Target::modelEndpoint},
};

struct SecretOption {
    const char* name;
    Secret Target::*member;
};
const SecretOption secretOptions[] = {
    {"gitlab-token-env", &Target::gitlabToken},
    {"model-key-env", &Target::modelKey},
};

QString option(const char* name) {
    return QString::fromLatin1(name);
}

std::optional<QString> parseSeconds(const QCommandLineParser& parser, const char* name, int* milliseconds) {
    if (!parser.isSet(option(name)))
        return std::nullopt;
    bool ok = false;
    const double seconds = parser.value(option(name)).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 3600)
        return Cli::tr("--%1: expected a number of seconds between 0 and 3600, got \"%2\".")
            .arg(option(name), parser.value(option(name)));
    *milliseconds = int(seconds * 1000);
    return std::nullopt;
}

std::optional<QString> parseFormat(const QCommandLineParser& parser, ReportFormat* format) {
    const QString value = parser.value(QStringLiteral("format"));
    if (value == QLatin1String("text"))
        *format = ReportFormat::Text;
    else if (value == QLatin1String("json"))
        *format = ReportFormat::Json;
    else
        return Cli::tr("--format: expected text or json, got \"%1\".").arg(value);
    return std::nullopt;
}

std::optional<QString> checkReportFiles(const QStringList& files) {
    for (const QString& file : files) {
        if (!reportFormatForFile(file))
            return Cli::tr("--report %1: the file name must end in .json, .html, .md, .txt or .xml (JUnit).")
                .arg(file);
    }
    return std::nullopt;
}

// Read by the logging and translation set-up before parsing; declared here so --help shows them and the
// parser accepts them.
void addLoggingOptions(QCommandLineParser& parser) {
    parser.addOption({QStringLiteral("language"),
                      Cli::tr("Language of the output, e.g. de or fr (default: the system's)."),
                      QStringLiteral("LANG")});
    parser.addOption(
        {QStringLiteral("verbose"), Cli::tr("Log what happens (info level) on stderr and in the log file.")});
    parser.addOption(
        {QStringLiteral("log-level"),
         Cli::tr("trace, debug, info, warn, error or off (default: warn on stderr, info in the log file)."),
         QStringLiteral("LEVEL")});
}

void addOutputOptions(QCommandLineParser& parser) {
    addLoggingOptions(parser);
    parser.addOption({QStringLiteral("format"),
                      Cli::tr("Output on stdout: text (a tree) or json (the duo-doctor.report.v1 object)."),
                      QStringLiteral("text|json"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("report"),
                      Cli::tr("Also write the report to FILE (.json, .html, .md, .txt, or .xml for a JUnit "
                              "test report). Repeatable."),
                      QStringLiteral("FILE")});
}

} // namespace

ParsedCheck parseCheckArguments(const QStringList& arguments, const QProcessEnvironment& environment) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Runs every check of \"Troubleshooting GitLab Duo Self-Hosted Models\" without a display.\n"
                "Exit codes: 0 no check failed, 1 a check failed, 2 bad input, 3 internal error."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
    parser.addOption(
        {QStringLiteral("all-profiles"), Cli::tr("Check every saved profile (a fleet), a few at a time; "
                                                 "prints one line (or JSON object) per profile.")});
    parser.addOption(
        {QStringLiteral("fleet"),
         Cli::tr("Check the profiles listed in FILE (a JSON array of profiles, as `profiles export` writes "
                 "them, or {\"profiles\": [...]}), a few at a time. Secrets come from --gitlab-token-env and "
                 "--model-key-env."),
         QStringLiteral("FILE")});
    parser.addOption(
        {QStringLiteral("jobs"),
         Cli::tr(
             "With --all-profiles or --fleet: how many profiles are checked at the same time (default 8)."),
         QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("profile"),
         Cli::tr("Start from the saved profile NAME (or id); its secrets come from the keychain. "
                 "Other flags override its values."),
         QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("gitlab-url"),
                      Cli::tr("GitLab's external URL, e.g. https://gitlab.example.com."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("gitlab-token-env"),
                      Cli::tr("Name of the environment variable holding a GitLab personal access token."),
                      QStringLiteral("VAR")});
    parser.addOption({QStringLiteral("gateway-url"),
                      Cli::tr("The AI gateway's URL, e.g. http://aigw.example.com:5052."),
                      QStringLiteral("URL")});
    parser.addOption(
        {QStringLiteral("model-name"),
         Cli::tr("The model family GitLab knows: mistral, codestral, llama3, codegemma, general…"),
         QStringLiteral("FAMILY")});
    parser.addOption(
        {QStringLiteral("model-endpoint"),
         Cli::tr("The model server's OpenAI-compatible base URL, e.g. http://vllm.example.com:8000/v1."),
         QStringLiteral("URL")});
    parser.addOption({QStringLiteral("model-identifier"),
                      Cli::tr("The identifier, e.g. custom_openai/mistralai/Mistral-7B-Instruct-v0.3."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("deployment-name"),
                      Cli::tr("GitLab's name for the self-hosted model (default: the model name)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("model-key-env"),
                      Cli::tr("Name of the environment variable holding the model server's API key."),
                      QStringLiteral("VAR")});
    parser.addOption({QStringLiteral("timeout"), Cli::tr("Deadline per request in seconds (default 10)."),
                      QStringLiteral("SECONDS")});
    parser.addOption(
        {QStringLiteral("inference-timeout"),
         Cli::tr("Deadline for requests that make the model generate (default 60, GitLab's default)."),
         QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("max-response-bytes"),
                      Cli::tr("Largest answer accepted from a server (default 1048576)."),
                      QStringLiteral("BYTES")});
    parser.addOption(
        {QStringLiteral("resolve"),
         Cli::tr("Connect to ADDRESS when a URL names HOST:PORT, like curl --resolve. Repeatable."),
         QStringLiteral("HOST:PORT:ADDRESS")});
    parser.addOption(
        {QStringLiteral("ca-file"),
         Cli::tr(
             "Also trust the CA certificates in FILE (PEM), e.g. a private CA or a TLS-inspecting proxy's."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("trust-cert"),
                      Cli::tr("Trust the certificate whose SHA-256 fingerprint is given, for HOST only (as "
                              "shown in a report). "
                              "Repeatable."),
                      QStringLiteral("HOST=SHA256")});
    parser.addOption(
        {QStringLiteral("proxy"),
         Cli::tr("Proxy for every request: a URL such as http://proxy:3128, \"none\", or \"environment\" "
                 "(default: http_proxy, https_proxy and no_proxy, as curl reads them)."),
         QStringLiteral("URL|none|environment")});
    parser.addOption(
        {QStringLiteral("manual-output"),
         Cli::tr("Output of manual step ID (e.g. manual.rake_verify) saved in FILE. Repeatable."),
         QStringLiteral("ID=FILE")});
    parser.addOption(
        {QStringLiteral("container-probe"),
         Cli::tr("Output of Duo Doctor's container probe (duo-doctor probe-script), run inside the gateway "
                 "container and saved in FILE: answers the container-side manual steps."),
         QStringLiteral("FILE")});
    addOutputOptions(parser);

    if (!parser.parse(QStringList{QStringLiteral("duo-doctor check")} + arguments))
        return UsageError{parser.errorText()};
    if (parser.isSet(help))
        return HelpRequested{parser.helpText().replace(QStringLiteral("duo-doctor check [options]"),
                                                       QStringLiteral("duo-doctor check [options]"))};
    if (!parser.positionalArguments().isEmpty())
        return UsageError{
            Cli::tr("Unexpected argument \"%1\"; secrets are read from environment variables, see --help.")
                .arg(parser.positionalArguments().constFirst())};

    CheckJob job;
    job.allProfiles = parser.isSet(QStringLiteral("all-profiles"));
    job.fleetFile = parser.value(QStringLiteral("fleet"));
    if (int(job.allProfiles) + int(!job.fleetFile.isEmpty()) + int(parser.isSet(QStringLiteral("profile"))) >
        1)
        return UsageError{Cli::tr("--all-profiles, --fleet and --profile: choose one.")};
    // Pasted outputs belong to one setup: a fleet has a saved profile's own, never another's.
    if ((job.allProfiles || !job.fleetFile.isEmpty()) &&
        (parser.isSet(QStringLiteral("manual-output")) || parser.isSet(QStringLiteral("container-probe"))))
        return UsageError{Cli::tr("--manual-output and --container-probe describe one setup: use them with "
                                  "--profile or the setup's own flags, not with --all-profiles or --fleet.")};
    if (parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        job.concurrency = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || job.concurrency < 1 || job.concurrency > 64)
            return UsageError{Cli::tr("--jobs: expected a number between 1 and 64.")};
    }
    if (parser.isSet(QStringLiteral("profile"))) {
        QString error;
        job.profile = ProfileStore().find(parser.value(QStringLiteral("profile")), &error);
        if (!job.profile)
            return UsageError{QStringLiteral("--profile: ") + error};
        job.target = job.profile->target();
        job.options = job.profile->options;
        job.manualOutputs = job.profile->manualOutputs;
    }
    for (const UrlOption& url : urlOptions) {
        if (!parser.isSet(option(url.name)))
            continue;
        const QString value = parser.value(option(url.name));
        if (const auto problem = urlProblem(url.field, value))
            return UsageError{QStringLiteral("--%1 %2: %3").arg(option(url.name), value, *problem)};
        job.target.*url.member = parseUrl(value);
    }
    for (const SecretOption& secret : secretOptions) {
        if (!parser.isSet(option(secret.name)))
            continue;
        const QString variable = parser.value(option(secret.name));
        const QString value = environment.value(variable);
        if (value.isEmpty())
            return UsageError{Cli::tr("--%1: the environment variable %2 is not set or empty.")
                                  .arg(option(secret.name), variable)};
        job.target.*secret.member = Secret(value.trimmed());
    }
    struct TextOption {
        const char* name;
        QString Target::*member;
    };
    for (const TextOption& text : {TextOption{"model-name", &Target::modelFamily},
                                   TextOption{"model-identifier", &Target::modelIdentifier},
                                   TextOption{"deployment-name", &Target::deploymentName}}) {
        if (parser.isSet(option(text.name)))
            job.target.*text.member = parser.value(option(text.name)).trimmed();
    }
    job.target.modelFamily = job.target.modelFamily.toLower();
    if (!job.target.modelEndpoint.isEmpty() && job.target.modelFamily.isEmpty())
        return UsageError{
            Cli::tr("--model-name: required with --model-endpoint (the family GitLab knows, e.g. mistral).")};

    if (auto problem = parseSeconds(parser, "timeout", &job.options.timeoutMs))
        return UsageError{*problem};
    if (auto problem = parseSeconds(parser, "inference-timeout", &job.options.inferenceTimeoutMs))
        return UsageError{*problem};
    if (parser.isSet(QStringLiteral("max-response-bytes"))) {
        bool ok = false;
        job.options.maxResponseBytes = parser.value(QStringLiteral("max-response-bytes")).toLongLong(&ok);
        if (!ok || job.options.maxResponseBytes < 1024)
            return UsageError{Cli::tr("--max-response-bytes: expected a number of bytes of at least 1024.")};
    }
    if (parser.isSet(QStringLiteral("ca-file"))) {
        QString error;
        job.options.caFile = parser.value(QStringLiteral("ca-file"));
        if (HttpClient::loadCaFile(job.options.caFile, &error).isEmpty())
            return UsageError{Cli::tr("--ca-file %1: %2.").arg(job.options.caFile, error)};
    }
    for (const QString& value : parser.values(QStringLiteral("trust-cert"))) {
        const QString host = value.section(QLatin1Char('='), 0, 0).trimmed();
        const QString fingerprint =
            value.section(QLatin1Char('='), 1).remove(QLatin1Char(':')).trimmed().toLower();
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
        if (host.isEmpty() || !hex.match(fingerprint).hasMatch())
            return UsageError{Cli::tr("--trust-cert %1: expected HOST=SHA256 with the 64 hex digits of the "
                                      "certificate's SHA-256 fingerprint.")
                                  .arg(value)};
        job.options.pinned.append({host, fingerprint});
    }
    if (parser.isSet(QStringLiteral("proxy"))) {
        const QString value = parser.value(QStringLiteral("proxy")).trimmed();
        if (value == QLatin1String("none")) {
            job.options.proxy.mode = ProxySetting::Mode::None;
        } else if (value == QLatin1String("environment")) {
            job.options.proxy.mode = ProxySetting::Mode::Environment;
        } else {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return UsageError{Cli::tr("--proxy %1: expected none, environment or a URL such as "
                                          "http://proxy.example.com:3128.")
                                      .arg(value)};
            job.options.proxy = {ProxySetting::Mode::Manual, url};
        }
    }
    for (const char* name : {"timeout", "inference-timeout", "max-response-bytes", "ca-file", "trust-cert",
                             "proxy", "resolve"}) {
        if (parser.isSet(QLatin1String(name)))
            job.givenOptions.append(QLatin1String(name));
    }
    if (parser.isSet(QStringLiteral("resolve")))
        job.options.resolve.clear();
    for (const QString& value : parser.values(QStringLiteral("resolve"))) {
        const auto entry = parseResolve(value);
        if (!entry)
            return UsageError{
                Cli::tr("--resolve %1: expected HOST:PORT:ADDRESS, e.g. llm.internal:8000:10.0.0.5.")
                    .arg(value)};
        job.options.resolve.append(*entry);
    }
    for (const QString& value : parser.values(QStringLiteral("manual-output"))) {
        const QString id = value.section(QLatin1Char('='), 0, 0);
        const QString fileName = value.section(QLatin1Char('='), 1);
        const CheckDefinition* definition = findCheck(id);
        if (!definition || definition->vantage != Vantage::Manual || fileName.isEmpty())
            return UsageError{
                Cli::tr(
                    "--manual-output %1: expected ID=FILE with ID a manual step such as manual.rake_verify.")
                    .arg(value)};
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly))
            return UsageError{
                Cli::tr("--manual-output %1: cannot read %2: %3.").arg(id, fileName, file.errorString())};
        job.manualOutputs.insert(id, QString::fromUtf8(file.read(maxManualOutputBytes)));
    }
    if (parser.isSet(QStringLiteral("container-probe"))) {
        const QString fileName = parser.value(QStringLiteral("container-probe"));
        QFile file(fileName);
        if (!file.open(QIODevice::ReadOnly))
            return UsageError{
                Cli::tr("--container-probe: cannot read %1: %2.").arg(fileName, file.errorString())};
        const QString output = QString::fromUtf8(file.read(maxManualOutputBytes));
        QString error;
        if (!parseContainerProbe(output, &error))
            return UsageError{Cli::tr("--container-probe %1: %2.").arg(fileName, error)};
        for (const QString& id : containerProbeSteps())
            job.manualOutputs.insert(id, output);
    }
    if (auto problem = parseFormat(parser, &job.format))
        return UsageError{*problem};
    job.reportFiles = parser.values(QStringLiteral("report"));
    if (auto problem = checkReportFiles(job.reportFiles))
        return UsageError{*problem};
    return job;
}

ParsedDemo parseDemoArguments(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Cli::tr("Starts a simulated GitLab, AI gateway and model server on 127.0.0.1 and diagnoses them."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Cli::tr("Show this help."));
    parser.addOption(help);
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
        return HelpRequested{parser.helpText()};
    DemoJob job;
    job.forceText = parser.isSet(QStringLiteral("text"));
    job.listScenarios = parser.isSet(QStringLiteral("list"));
    if (parser.positionalArguments().size() > 1)
        return UsageError{Cli::tr("demo takes one scenario, got %1.")
                              .arg(parser.positionalArguments().join(QLatin1Char(' ')))};
    if (!parser.positionalArguments().isEmpty())
        job.scenario = parser.positionalArguments().constFirst();
    if (auto problem = parseFormat(parser, &job.format))
        return UsageError{*problem};
    job.reportFiles = parser.values(QStringLiteral("report"));
    if (auto problem = checkReportFiles(job.reportFiles))
        return UsageError{*problem};
    return job;
}

// Each connection flag and what it sets; --trust-cert adds to the profile's pins, the others replace.
RunOptions CheckJob::optionsFor(const Profile& fleetProfile) const {
    using Overlay = void (*)(RunOptions & to, const RunOptions& from);
    static const std::pair<const char*, Overlay> overlays[] = {
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
    RunOptions result = fleetProfile.options;
    for (const auto& [name, overlay] : overlays) {
        if (givenOptions.contains(QLatin1String(name)))
            overlay(result, options);
    }
    return result;
}

} // namespace duo::app
