// duo-doctor-sim: the simulated stack as a program. Prints what to type into Duo Doctor as one JSON line.
#include "sim/simstack.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGTERM/SIGINT end the event loop, so servers close their sockets cleanly.
void quitOnSignals(QCoreApplication& app) {
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

void addOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(QCoreApplication::translate(
        "duo::sim", "A simulated GitLab, AI gateway and model server on 127.0.0.1."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QCoreApplication::translate("duo::sim", "What to break (default: healthy)."),
                                 QStringLiteral("[SCENARIO]"));
    parser.addOption(
        {QStringLiteral("list"), QCoreApplication::translate("duo::sim", "List the scenarios.")});
    parser.addOption({QStringLiteral("latency"),
                      QCoreApplication::translate("duo::sim", "Delay every answer by MS milliseconds."),
                      QStringLiteral("MS")});
    parser.addOption(
        {QStringLiteral("record"),
         QCoreApplication::translate("duo::sim", "Record every request received to FILE (JSON lines)."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("exit-after"),
                      QCoreApplication::translate("duo::sim", "Stop after SECONDS."),
                      QStringLiteral("SECONDS")});
}

void listScenarios() {
    for (const duo::sim::ScenarioInfo& scenario : duo::sim::SimStack::scenarios())
        std::printf("%s\t%s\n", scenario.id.toUtf8().constData(), scenario.description.toUtf8().constData());
}

// Applies --latency and --record to the stack and reads --exit-after (0: never); false after saying why not.
bool configure(duo::sim::SimStack& stack, const QCommandLineParser& parser, double& exitAfter) {
    if (parser.isSet(QStringLiteral("latency"))) {
        bool ok = false;
        const int latency = parser.value(QStringLiteral("latency")).toInt(&ok);
        if (!ok || latency < 0) {
            std::fprintf(stderr, "duo-doctor-sim: --latency expects milliseconds\n");
            return false;
        }
        stack.setLatencyMs(latency);
    }
    if (parser.isSet(QStringLiteral("record")))
        stack.setRequestLogFile(parser.value(QStringLiteral("record")));
    exitAfter = 0;
    if (parser.isSet(QStringLiteral("exit-after"))) {
        bool ok = false;
        exitAfter = parser.value(QStringLiteral("exit-after")).toDouble(&ok);
        if (!ok || exitAfter <= 0) {
            std::fprintf(stderr, "duo-doctor-sim: --exit-after expects seconds\n");
            return false;
        }
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("duo-doctor-sim"));
    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    if (parser.isSet(QStringLiteral("list"))) {
        listScenarios();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "duo-doctor-sim: one scenario at most\n");
        return 2;
    }
    const QString scenario = positional.value(0, QStringLiteral("healthy"));
    duo::sim::SimStack stack;
    double exitAfter = 0;
    if (!configure(stack, parser, exitAfter))
        return 2;
    QString error;
    if (!stack.start(scenario, &error)) {
        std::fprintf(stderr, "duo-doctor-sim: %s\n", error.toUtf8().constData());
        return 2;
    }
    quitOnSignals(app);
    std::printf("%s\n", QJsonDocument(stack.inputs().toJson()).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (exitAfter > 0)
        QTimer::singleShot(static_cast<int>(exitAfter * 1000), &app, &QCoreApplication::quit);
    return QCoreApplication::exec();
}
