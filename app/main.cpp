// duo-doctor: the wizard by default; `check` and `demo` run headless on QCoreApplication.
#include "app/analyzecommand.h"
#include "app/cliarguments.h"
#include "app/fleetrun.h"
#include "app/headlessrun.h"
#include "app/logging.h"
#include "app/profilescommand.h"
#include "sim/simtarget.h"

#include "core/checks/containerprobe.h"
#include "core/translations.h"

#include "ui/doctorwizard.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>
#include <exception>
#include <optional>

namespace {

using namespace duo;
using namespace duo::app;

struct Main {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Main)
};

void printLine(FILE* stream, const QString& text) {
    std::fprintf(stream, "%s\n", text.toLocal8Bit().constData());
    std::fflush(stream);
}

QString topLevelHelp() {
    return Main::tr(
        "Usage: duo-doctor [check|demo] [options]\n\n"
        "Troubleshoots GitLab Duo with self-hosted models: GitLab -> AI gateway -> model server.\n\n"
        "  duo-doctor                 open the wizard\n"
        "  duo-doctor check [options] run every check headless (see duo-doctor check --help)\n"
        "  duo-doctor demo [SCENARIO] diagnose a simulated stack (see duo-doctor demo --help)\n"
        "  duo-doctor profiles        list, save or delete saved profiles (see duo-doctor profiles --help)\n"
        "  duo-doctor probe-script    a sh script to run inside the gateway container (see --help)\n"
        "  duo-doctor analyze FILE|-  find known failures in a log or a tool's output (see duo-doctor "
        "analyze --help)\n"
        "  duo-doctor --version       print the version");
}

// --language LANG (or --language=LANG) anywhere on the command line; empty: the system's language.
QString requestedLanguage(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument.startsWith("--language="))
            return QString::fromLocal8Bit(argument.mid(11));
        if (argument == "--language" && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
    }
    return {};
}

bool hasDisplay() {
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (!platform.isEmpty())
        return platform != "offscreen" && platform != "minimal";
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

// Logging and the language asked for, set up for a command that has its application object.
void setUpCommand(QCoreApplication& app, int argc, char** argv) {
    installLogging(argc, argv);
    installTranslations(app, requestedLanguage(argc, argv));
}

// The help printed or the usage error said: the exit code; nothing when there is a job to run.
template <typename Parsed> std::optional<int> helpOrUsageError(const Parsed& parsed) {
    if (const auto* help = std::get_if<HelpRequested>(&parsed)) {
        printLine(stdout, help->text);
        return int(ExitCode::NoFailure);
    }
    if (const auto* error = std::get_if<UsageError>(&parsed))
        return failWith(error->message);
    return std::nullopt;
}

int runCheck(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    setUpCommand(app, argc, argv);
    const ParsedCheck parsed =
        parseCheckArguments(app.arguments().mid(2), QProcessEnvironment::systemEnvironment());
    if (const auto exitCode = helpOrUsageError(parsed))
        return *exitCode;
    const CheckJob& job = std::get<CheckJob>(parsed);
    return job.allProfiles || !job.fleetFile.isEmpty() ? runFleet(job) : runHeadless(job);
}

int runDemo(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    setUpCommand(app, argc, argv);
    const ParsedDemo parsed = parseDemoArguments(app.arguments().mid(2));
    if (const auto exitCode = helpOrUsageError(parsed))
        return *exitCode;
    const DemoJob& demo = std::get<DemoJob>(parsed);
    if (demo.listScenarios) {
        for (const sim::ScenarioInfo& scenario : sim::SimStack::scenarios())
            printLine(stdout, scenario.id + QLatin1Char('\t') + scenario.description);
        return int(ExitCode::NoFailure);
    }
    sim::SimStack stack;
    QString error;
    if (!stack.start(demo.scenario, &error))
        return failWith(Main::tr("demo: %1").arg(error));
    CheckJob job;
    job.target = sim::targetFromSim(stack.inputs());
    job.options = sim::optionsFromSim(stack.inputs());
    job.format = demo.format;
    job.reportFiles = demo.reportFiles;
    if (demo.format == ReportFormat::Text)
        printLine(stdout, Main::tr("Simulated stack \"%1\" on 127.0.0.1. Checking it as an admin would…\n")
                              .arg(demo.scenario));
    const int code = runHeadless(job);
    // The demo completed: whatever it found is the point of the demo.
    return code == int(ExitCode::SomeCheckFailed) ? int(ExitCode::NoFailure) : code;
}

// The wizard; with a scenario, the simulated stack starts in-process and the run begins at once.
int runGui(int argc, char** argv, const QString& demoScenario = {}) {
    QApplication app(argc, argv);
    setUpCommand(app, argc, argv);
    QApplication::setApplicationName(QStringLiteral("duo-doctor"));
    QApplication::setOrganizationName(QStringLiteral("duo-doctor"));
    QApplication::setApplicationDisplayName(Main::tr("Duo Doctor"));
    QApplication::setDesktopFileName(QStringLiteral("io.gitlab.DuoDoctor"));
    ui::DoctorWizard wizard;
    wizard.show();
    // For the start-up benchmark: leave as soon as the first frame is out.
    if (!qEnvironmentVariableIsEmpty("DUO_DOCTOR_QUIT_WHEN_SHOWN"))
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    if (!demoScenario.isEmpty() && !wizard.startSimulated(demoScenario))
        return failWith(
            Main::tr("demo: unknown scenario \"%1\"; duo-doctor demo --list shows them.").arg(demoScenario));
    return QApplication::exec();
}

int runProfiles(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    setUpCommand(app, argc, argv);
    return runProfilesCommand(app.arguments().mid(2));
}

// The container probe for a target given like `check`'s (URLs only; it never holds a secret).
int runProbeScript(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    installTranslations(app, requestedLanguage(argc, argv));
    const ParsedCheck parsed =
        parseCheckArguments(app.arguments().mid(2), QProcessEnvironment::systemEnvironment());
    if (std::holds_alternative<HelpRequested>(parsed)) {
        printLine(stdout, Main::tr("Usage: duo-doctor probe-script [--profile NAME | --gitlab-url URL "
                                   "--model-endpoint URL …] > duo-doctor-probe.sh\n"
                                   "Prints a POSIX sh script to run inside the AI gateway container; "
                                   "pass what it prints to duo-doctor check --container-probe FILE "
                                   "or paste it into the wizard."));
        return 0;
    }
    if (const auto* usage = std::get_if<UsageError>(&parsed))
        return failWith(usage->message);
    std::fputs(containerProbeScript(std::get<CheckJob>(parsed).target).toUtf8().constData(), stdout);
    return 0;
}

int runAnalyze(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    setUpCommand(app, argc, argv);
    return runAnalyzeCommand(app.arguments().mid(2));
}

// Headless when there is no display or when any flag is given; otherwise the wizard runs the scenario.
int runDemoCommand(int argc, char** argv) {
    bool text = !hasDisplay();
    for (int i = 2; i < argc; ++i)
        text = text || QByteArray(argv[i]).startsWith('-'); // --text, --format, --report, --list, --help
    if (text)
        return runDemo(argc, argv);
    return runGui(argc, argv, argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("healthy"));
}

int printVersion(int, char**) {
    std::printf("duo-doctor %s\n", DUO_VERSION);
    return 0;
}

int printHelp(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    printLine(stdout, topLevelHelp());
    return 0;
}

struct Subcommand {
    const char* name;
    int (*run)(int argc, char** argv);
};
const Subcommand subcommands[] = {
    {.name = "check", .run = runCheck},
    {.name = "profiles", .run = runProfiles},
    {.name = "probe-script", .run = runProbeScript},
    {.name = "analyze", .run = runAnalyze},
    {.name = "demo", .run = runDemoCommand},
    {.name = "--version", .run = printVersion},
    {.name = "-v", .run = printVersion},
    {.name = "--help", .run = printHelp},
    {.name = "-h", .run = printHelp},
    {.name = "help", .run = printHelp},
};

} // namespace

int main(int argc, char** argv) {
    try {
        const QByteArray command = argc > 1 ? QByteArray(argv[1]) : QByteArray();
        for (const Subcommand& known : subcommands) {
            if (command == known.name)
                return known.run(argc, argv);
        }
        if (!command.isEmpty() && !command.startsWith('-')) {
            QCoreApplication app(argc, argv);
            return failWith(
                Main::tr("unknown command \"%1\".\n%2").arg(QString::fromLocal8Bit(command), topLevelHelp()));
        }
        return runGui(argc, argv);
    } catch (const std::exception& exception) {
        std::fprintf(stderr, "duo-doctor: internal error: %s\n", exception.what());
        return int(ExitCode::InternalError);
    }
}
