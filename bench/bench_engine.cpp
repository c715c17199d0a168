// duo-doctor-bench [--quick] [--latency MS] [--verbose] [--logs [MB]]: Duo Doctor's speed as ratios measured
// side by side in one run, against the simulated stack with latency added to every answer of every simulated
// server. Prints a table; exits 0 unless something could not be measured (targets are reported, not enforced:
// see bench/RESULTS.md).
#include "bench/bench_logs.h"
#include "core/engine/catalog.h"
#include "core/engine/engine.h"
#include "core/knowledge/manualjudge.h"
#include "core/profiles/profilestore.h"
#include "sim/simstack.h"
#include "sim/simtarget.h"
#include "ui/diagnosispage.h"
#include "ui/doctorwizard.h"
#include "ui/pastejudging.h"
#include "ui/session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

using namespace duo;

struct Row {
    QString name;
    double value;
    QString unit;
    QString target;
    bool met;
};
QList<Row> rows;

void add(const QString& name, double value, const QString& unit, const QString& target, bool met) {
    rows.append({name, value, unit, target, met});
    std::printf("  %-58s %10.2f %-4s target %-10s %s\n", qPrintable(name), value, qPrintable(unit),
                qPrintable(target), met ? "ok" : "MISSED");
    std::fflush(stdout);
}

Report runOnce(const Target& target, const RunOptions& options, qint64* wallMs) {
    QNetworkAccessManager network;
    CheckEngine engine(&network);
    QEventLoop loop;
    Report report;
    QObject::connect(&engine, &CheckEngine::finished, &loop, [&](const Report& finished) {
        report = finished;
        loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    engine.start(target, options);
    loop.exec();
    *wallMs = clock.elapsed();
    return report;
}

// The longest chain of checks that must run one after another: each check's own time plus the longest chain
// among what it waits for. No scheduler can finish sooner.
qint64 criticalPath(const Report& report) {
    QHash<QString, qint64> finish;
    std::function<qint64(const QString&)> chain = [&](const QString& id) -> qint64 {
        if (finish.contains(id))
            return finish.value(id);
        const CheckDefinition* definition = findCheck(id);
        const CheckResult* result = report.find(id);
        qint64 before = 0;
        if (definition) {
            for (const QString& previous : definition->dependsOn + definition->after)
                before = std::max(before, chain(previous));
        }
        const qint64 total = before + (result ? result->durationMs : 0);
        finish.insert(id, total);
        return total;
    };
    qint64 longest = 0;
    for (const CheckResult& check : report.checks)
        longest = std::max(longest, chain(check.id));
    return longest;
}

// Runs a program under /usr/bin/time and returns its own peak resident set in MB (the event loop keeps
// serving the in-process simulated stack meanwhile).
double peakMb(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
              qint64* wallMs = nullptr) {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("rss"));
    QProcess process;
    process.setProcessEnvironment(environment);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral("/usr/bin/time"), QStringList{QStringLiteral("-f"), QStringLiteral("%M"),
                                                               QStringLiteral("-o"), out, program} +
                                                       arguments);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (wallMs)
        *wallMs = clock.elapsed();
    QFile file(out);
    // time(1) writes "Command exited with non-zero status N" first when the program fails: the figure is
    // last.
    return file.open(QIODevice::ReadOnly)
               ? file.readAll().trimmed().split('\n').constLast().toDouble() / 1024.0
               : -1;
}

// What every measurement works with: the run's settings and the healthy stack it measures against.
struct Bench {
    bool quick = false;
    int latencyMs = 0;
    QString binDir;
    sim::SimStack* stack = nullptr;
    Target target;
    RunOptions options;
};

// --quick, --verbose and --latency MS; false after saying what is wrong.
bool readArguments(const QStringList& arguments, Bench& bench) {
    bench.quick = arguments.contains(QStringLiteral("--quick"));
    // The engine's per-request debug lines would bury the table; --verbose brings them back.
    if (!arguments.contains(QStringLiteral("--verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("duo.*.debug=false\nduo.*.info=false"));
    // --latency MS: what every simulated server adds to each answer (one hop of the critical path).
    bench.latencyMs = bench.quick ? 50 : 200;
    const qsizetype latencyAt = arguments.indexOf(QStringLiteral("--latency"));
    if (latencyAt >= 0) {
        bool ok = false;
        bench.latencyMs = arguments.value(latencyAt + 1).toInt(&ok);
        if (!ok || bench.latencyMs < 1 || bench.latencyMs > 5000) {
            std::fprintf(stderr, "duo-doctor-bench: --latency takes milliseconds from 1 to 5000\n");
            return false;
        }
    }
    return true;
}

// 1. Full diagnosis against the critical path; the run's wall time.
qint64 measureCriticalPath(const Bench& bench) {
    qint64 wall = 0;
    const Report report = runOnce(bench.target, bench.options, &wall);
    const qint64 critical = criticalPath(report);
    add(QStringLiteral("full diagnosis / critical path (%1 / %2 ms)").arg(wall).arg(critical),
        double(wall) / double(critical), QStringLiteral("x"), QStringLiteral("<= 1.2"),
        double(wall) <= 1.2 * double(critical));
    return wall;
}

// 2. Against the same walk by hand with curl, one request after another.
void measureCurlWalk(const Bench& bench, qint64 wall) {
    const sim::SimInputs inputs = bench.stack->inputs();
    QProcessEnvironment curlEnvironment = QProcessEnvironment::systemEnvironment();
    curlEnvironment.insert(QStringLiteral("GITLAB_TOKEN"), inputs.gitlabToken);
    curlEnvironment.insert(QStringLiteral("MODEL_KEY"), inputs.modelKey);
    QProcess curlWalk;
    curlWalk.setProcessEnvironment(curlEnvironment);
    QElapsedTimer curlClock;
    curlClock.start();
    curlWalk.start(QStringLiteral("bash"),
                   {QStringLiteral(DUO_SOURCE_DIR "/bench/curl_walk.sh"), inputs.gitlabUrl.toString(),
                    inputs.gatewayUrl.toString(), inputs.modelEndpoint.toString(), inputs.modelIdentifier,
                    inputs.resolve.value(0)});
    QEventLoop curlLoop; // the simulated stack lives in this process: keep serving while curl runs
    QObject::connect(&curlWalk, &QProcess::finished, &curlLoop, &QEventLoop::quit);
    curlLoop.exec();
    const qint64 curlMs = curlClock.elapsed();
    add(QStringLiteral("sequential curl walk / Duo Doctor (%1 / %2 ms)").arg(curlMs).arg(wall),
        double(curlMs) / double(wall), QStringLiteral("x"), QStringLiteral(">= 3"), curlMs >= 3 * wall);
}

// 3. One black-holed host costs one timeout in total.
void measureBlackHole(const Bench& bench) {
    sim::SimStack blackHole;
    QString error;
    blackHole.start(QStringLiteral("gateway-black-hole"), &error);
    Target gatewayAndModel = sim::targetFromSim(blackHole.inputs());
    gatewayAndModel.gitlabUrl = QUrl(); // GitLab's own waits on the black hole are GitLab's clock, not ours
    RunOptions options = sim::optionsFromSim(blackHole.inputs());
    options.timeoutMs = bench.quick ? 2000 : 5000;
    qint64 blackHoleMs = 0;
    runOnce(gatewayAndModel, options, &blackHoleMs);
    add(QStringLiteral("black-holed gateway, %1 s deadline: whole run").arg(options.timeoutMs / 1000),
        double(blackHoleMs) / 1000.0, QStringLiteral("s"),
        QStringLiteral("<= %1").arg(options.timeoutMs / 1000.0 + 0.3),
        blackHoleMs <= options.timeoutMs + 300);
}

// Ticks every 5 ms on the event loop while it lives: the longest gap between ticks is the GUI's worst stall.
class StallProbe {
public:
    StallProbe() {
        m_clock.start();
        m_ticker.setInterval(5);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const qint64 now = m_clock.elapsed();
            m_longest = std::max(m_longest, now - m_last - 5);
            m_last = now;
        });
        m_ticker.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QElapsedTimer m_clock;
    QTimer m_ticker;
    qint64 m_last = 0, m_longest = 0;
};

// 4. The GUI's longest event-loop stall while every check runs.
void measureGuiStall(const Bench& bench) {
    ui::DoctorWizard wizard;
    wizard.show();
    wizard.session()->target = bench.target;
    wizard.session()->options = bench.options;
    QEventLoop loop;
    QObject::connect(&wizard.session()->engine(), &CheckEngine::finished, &loop, &QEventLoop::quit);
    const StallProbe stalls;
    wizard.session()->engine().start(bench.target, bench.options);
    loop.exec();
    add(QStringLiteral("GUI: longest event-loop stall during %1 checks").arg(checkCatalog().size()),
        double(stalls.longestMs()), QStringLiteral("ms"), QStringLiteral("< 50"), stalls.longestMs() < 50);
}

// GitLab's verification task's output (tests/data/logs/rake-verify.txt) repeated to `chars` characters.
QString rakeOutput(qsizetype chars) {
    QFile file(QStringLiteral(DUO_SOURCE_DIR "/tests/data/logs/rake-verify.txt"));
    const QString unit =
        file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QStringLiteral("x\n");
    QString text;
    text.reserve(chars + unit.size());
    while (text.size() < chars)
        text += unit;
    text.truncate(chars);
    return text;
}

// The best time of eleven judgings of the output (the least disturbed by the machine's other work), each
// time one character shorter: the judge remembers the last large output it judged, and a different length
// tells it at once that this one is new.
double bestJudgeMs(QString output) {
    double best = 1e9;
    for (int i = 0; i < 11; ++i) {
        output.chop(1);
        QElapsedTimer clock;
        clock.start();
        judgeManualOutput(QStringLiteral("manual.rake_verify"), output);
        best = std::min(best, double(clock.nsecsElapsed()) / 1e6);
    }
    return best;
}

// 5. Judging a pasted output grows linearly with it: 1 MB (16 times 64 KB) costs at most 20 times as much.
void measureJudging() {
    const double small = bestJudgeMs(rakeOutput(64 * 1024));
    const double large = bestJudgeMs(rakeOutput(1024 * 1024));
    add(QStringLiteral("judging 1 MB / 64 KB of rake_verify output (%1 / %2 ms)")
            .arg(large, 0, 'f', 1)
            .arg(small, 0, 'f', 1),
        large / small, QStringLiteral("x"), QStringLiteral("<= 20"), large <= 20 * small);
}

// 6. The GUI's longest event-loop stall while a 1 MB paste is judged (on a worker thread, then by the
// engine).
void measurePasteStall() {
    ui::DoctorWizard wizard;
    wizard.show();
    CheckEngine& engine = wizard.session()->engine();
    QEventLoop loop;
    QObject::connect(&engine, &CheckEngine::finished, &loop, &QEventLoop::quit);
    engine.start(Target{}, RunOptions{}); // nothing to ask: every manual step is ready to be judged at once
    loop.exec();
    const StallProbe stalls;
    wizard.diagnosisPage()->pasteJudging()->submit(QStringLiteral("manual.rake_verify"),
                                                   rakeOutput(1024 * 1024));
    loop.exec();
    add(QStringLiteral("GUI: longest stall while 1 MB of output is judged"), double(stalls.longestMs()),
        QStringLiteral("ms"), QStringLiteral("< 50"), stalls.longestMs() < 50);
}

// The environment of the child processes: no display, the model key in MODEL_KEY.
QProcessEnvironment childEnvironment(const Bench& bench) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("MODEL_KEY"), bench.stack->inputs().modelKey);
    return environment;
}

// 7. Cold start to the wizard shown, and peak memory (children, smallest first); no latency added from here.
void measureStartAndMemory(const Bench& bench) {
    const sim::SimInputs inputs = bench.stack->inputs();
    QProcessEnvironment environment = childEnvironment(bench);
    QStringList cliArguments{QStringLiteral("check"),         QStringLiteral("--gateway-url"),
                             inputs.gatewayUrl.toString(),    QStringLiteral("--model-name"),
                             QStringLiteral("mistral"),       QStringLiteral("--model-endpoint"),
                             inputs.modelEndpoint.toString(), QStringLiteral("--model-key-env"),
                             QStringLiteral("MODEL_KEY"),     QStringLiteral("--resolve"),
                             inputs.resolve.value(0)};
    bench.stack->setLatencyMs(0);
    const double cliMb = peakMb(bench.binDir + QStringLiteral("/duo-doctor"), cliArguments, environment);
    add(QStringLiteral("CLI check: peak memory"), cliMb, QStringLiteral("MB"), QStringLiteral("<= 40"),
        cliMb <= 40);
    environment.insert(QStringLiteral("DUO_DOCTOR_QUIT_WHEN_SHOWN"), QStringLiteral("1"));
    QTemporaryDir config;
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    qint64 startMs = 0;
    const double guiMb = peakMb(bench.binDir + QStringLiteral("/duo-doctor"), {}, environment, &startMs);
    add(QStringLiteral("GUI: cold start to the wizard shown"), startMs / 1000.0, QStringLiteral("s"),
        QStringLiteral("<= 0.5"), startMs <= 500);
    add(QStringLiteral("GUI: peak memory"), guiMb, QStringLiteral("MB"), QStringLiteral("<= 80"),
        guiMb <= 80);
}

// The median wall time of a few runs of duo-doctor: one process start is noisy at this scale.
qint64 medianRunMs(const Bench& bench, const QStringList& arguments, const QProcessEnvironment& environment) {
    QList<qint64> samples;
    for (int i = 0; i < 5; ++i) {
        QProcess process;
        process.setProcessEnvironment(environment);
        QElapsedTimer clock;
        clock.start();
        process.start(bench.binDir + QStringLiteral("/duo-doctor"), arguments);
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        loop.exec();
        samples.append(clock.elapsed());
    }
    std::sort(samples.begin(), samples.end());
    return samples.at(samples.size() / 2);
}

// The command line an admin types for the whole stack (secrets in variables) and the variables it names.
QStringList fullCheckArguments(const sim::SimInputs& inputs) {
    QStringList arguments{QStringLiteral("check"),
                          QStringLiteral("--gitlab-url"),
                          inputs.gitlabUrl.toString(),
                          QStringLiteral("--gitlab-token-env"),
                          QStringLiteral("GITLAB_TOKEN"),
                          QStringLiteral("--gateway-url"),
                          inputs.gatewayUrl.toString(),
                          QStringLiteral("--model-name"),
                          inputs.modelName,
                          QStringLiteral("--model-endpoint"),
                          inputs.modelEndpoint.toString(),
                          QStringLiteral("--model-identifier"),
                          inputs.modelIdentifier,
                          QStringLiteral("--deployment-name"),
                          inputs.deploymentName,
                          QStringLiteral("--model-key-env"),
                          QStringLiteral("MODEL_KEY"),
                          QStringLiteral("--format"),
                          QStringLiteral("json")};
    for (const QString& entry : inputs.resolve)
        arguments << QStringLiteral("--resolve") << entry;
    return arguments;
}

// 1. A whole `duo-doctor check` process, start to exit, in latency rounds, against a stack with `latencyMs`
// added to every answer; beside it the longest chain of requests that truly wait on each other's answers.
qint64 measureRounds(const Bench& bench, sim::SimStack& stack, const QString& name) {
    const sim::SimInputs inputs = stack.inputs();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("GITLAB_TOKEN"), inputs.gitlabToken);
    environment.insert(QStringLiteral("MODEL_KEY"), inputs.modelKey);
    stack.setLatencyMs(bench.latencyMs);
    const qint64 wall = medianRunMs(bench, fullCheckArguments(inputs), environment);
    const double rounds = double(wall) / double(bench.latencyMs);
    add(QStringLiteral("check process, %1 stack: rounds (%2 ms / %3 ms; critical path %4)")
            .arg(name)
            .arg(wall)
            .arg(bench.latencyMs)
            .arg(criticalRounds()),
        rounds, QStringLiteral("rnd"), QStringLiteral("<= 4"), rounds <= 4.0);
    return wall;
}

// 8. A fleet: N profiles in one call against one profile, no injected latency, bounded concurrency.
void measureFleet(const Bench& bench) {
    const int fleetSize = bench.quick ? 20 : 100;
    QTemporaryDir fleetConfig;
    ProfileStore store(fleetConfig.path() + QStringLiteral("/duo-doctor/profiles"));
    Profile profile = Profile::create(QStringLiteral("bench"));
    profile.setTarget(bench.target);
    profile.options = bench.options;
    QString error;
    for (int i = 0; i < fleetSize; ++i) {
        profile.id = Profile::create({}).id;
        profile.name = QStringLiteral("bench-%1").arg(i, 3, 10, QLatin1Char('0'));
        store.save(profile, &error);
    }
    QProcessEnvironment environment = childEnvironment(bench);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), fleetConfig.path());
    environment.insert(QStringLiteral("GITLAB_TOKEN"), bench.stack->inputs().gitlabToken);
    const QStringList secrets{QStringLiteral("--gitlab-token-env"), QStringLiteral("GITLAB_TOKEN"),
                              QStringLiteral("--model-key-env"),    QStringLiteral("MODEL_KEY"),
                              QStringLiteral("--format"),           QStringLiteral("json")};
    const qint64 oneMs = medianRunMs(
        bench,
        QStringList{QStringLiteral("check"), QStringLiteral("--profile"), QStringLiteral("bench-000")} +
            secrets,
        environment);
    const qint64 fleetMs = medianRunMs(
        bench, QStringList{QStringLiteral("check"), QStringLiteral("--all-profiles")} + secrets, environment);
    add(QStringLiteral("%1 profiles in one call / one profile (%2 / %3 ms)")
            .arg(fleetSize)
            .arg(fleetMs)
            .arg(oneMs),
        double(fleetMs) / double(oneMs), QStringLiteral("x"), QStringLiteral("<= 3"), fleetMs <= 3 * oneMs);
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Bench bench;
    if (!readArguments(app.arguments(), bench))
        return 2;
    bench.binDir = QCoreApplication::applicationDirPath();
    // --logs [MB]: only the log analyzer against grep (500 MB; 50 with --quick).
    if (const qsizetype logsAt = app.arguments().indexOf(QStringLiteral("--logs")); logsAt >= 0) {
        const int megabytes = app.arguments().value(logsAt + 1).toInt();
        for (const LogBenchRow& row : measureLogAnalysis(bench.binDir, megabytes > 0 ? megabytes
                                                                       : bench.quick ? 50
                                                                                     : 500))
            add(row.name, row.value, row.unit, row.target, row.met);
        return rows.isEmpty() ? 1 : 0;
    }
    std::printf("duo-doctor benchmarks%s: %d ms added to every simulated answer\n\n",
                bench.quick ? " (quick)" : "", bench.latencyMs);

    sim::SimStack stack;
    QString error;
    if (!stack.start(QStringLiteral("healthy"), &error)) {
        std::fprintf(stderr, "sim: %s\n", qPrintable(error));
        return 1;
    }
    stack.setLatencyMs(bench.latencyMs);
    bench.stack = &stack;
    bench.target = sim::targetFromSim(stack.inputs());
    bench.options = sim::optionsFromSim(stack.inputs());

    measureCriticalPath(bench);
    const qint64 wall = measureRounds(bench, stack, QStringLiteral("healthy"));
    {
        sim::SimStack broken; // a failure is diagnosed as fast as a pass
        if (broken.start(QStringLiteral("model-key-rejected"), &error))
            measureRounds(bench, broken, QStringLiteral("broken (model-key-rejected)"));
    }
    measureCurlWalk(bench, wall);
    measureBlackHole(bench);
    measureGuiStall(bench);
    measureJudging();
    measurePasteStall();
    measureStartAndMemory(bench);
    measureFleet(bench);
    for (const LogBenchRow& row : measureLogAnalysis(bench.binDir, bench.quick ? 50 : 500))
        add(row.name, row.value, row.unit, row.target, row.met);

    const auto missed = std::count_if(rows.cbegin(), rows.cend(), [](const Row& row) { return !row.met; });
    std::printf("\n%lld of %lld targets met\n", static_cast<long long>(rows.size() - missed),
                static_cast<long long>(rows.size()));
    return 0;
}
