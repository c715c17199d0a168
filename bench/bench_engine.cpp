// How much the engine's concurrency buys, as ratios (not seconds: machines differ).
//  - latency ratio: wall time of a full run / the slowest chain of dependent requests. Near 1 means checks
//  that can
//    run together do; the sum of all check durations shows what a one-by-one run would cost.
//  - black hole ratio: wall time of a run against a gateway that never answers / the request deadline. Near 1
//  means
//    the dead host cost one timeout, not one per check.
#include "core/sim/simtarget.h"
#include "core/engine.h"
#include "core/sim/simstack.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <cstdio>

namespace {

duo::Report runOnce(const duo::sim::SimStack& stack, int timeoutMs, qint64* wallMs) {
    QNetworkAccessManager network;
    duo::CheckEngine engine(&network);
    duo::RunOptions options = duo::sim::optionsFromSim(stack.inputs());
    options.timeoutMs = timeoutMs;
    QEventLoop loop;
    duo::Report report;
    QObject::connect(&engine, &duo::CheckEngine::finished, &loop, [&](const duo::Report& finished) {
        report = finished;
        loop.quit();
    });
    QElapsedTimer clock;
    clock.start();
    engine.start(duo::sim::targetFromSim(stack.inputs()), options);
    loop.exec();
    *wallMs = clock.elapsed();
    return report;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    constexpr int latencyMs = 40;

    duo::sim::SimStack healthy;
    QString error;
    if (!healthy.start(QStringLiteral("healthy"), &error)) {
        std::fprintf(stderr, "sim: %s\n", qPrintable(error));
        return 1;
    }
    healthy.setLatencyMs(latencyMs);
    qint64 wall = 0;
    const duo::Report report = runOnce(healthy, 10'000, &wall);
    qint64 sum = 0;
    for (const duo::CheckResult& check : report.checks)
        sum += check.durationMs;
    std::printf("healthy run with %d ms latency per answer: wall %lld ms, sum of check durations %lld ms\n",
                latencyMs, static_cast<long long>(wall), static_cast<long long>(sum));
    std::printf("concurrency ratio (sum / wall, higher is better): %.2f\n", double(sum) / double(wall));

    duo::sim::SimStack blackHole;
    if (!blackHole.start(QStringLiteral("gateway-black-hole"), &error)) {
        std::fprintf(stderr, "sim: %s\n", qPrintable(error));
        return 1;
    }
    constexpr int timeoutMs = 2000;
    qint64 gatewayWall = 0;
    const duo::Report dead = runOnce(blackHole, timeoutMs, &gatewayWall);
    qint64 gatewayChecks = 0;
    for (const duo::CheckResult& check : dead.checks) {
        if (check.id.startsWith(QLatin1String("gateway.")))
            gatewayChecks = std::max(gatewayChecks, check.durationMs);
    }
    std::printf("black-holed gateway, %d ms deadline: slowest gateway check %lld ms, whole run %lld ms\n",
                timeoutMs, static_cast<long long>(gatewayChecks), static_cast<long long>(gatewayWall));
    std::printf("black hole ratio (slowest gateway check / deadline, 1.0 = one timeout in total): %.2f\n",
                double(gatewayChecks) / timeoutMs);
    return 0;
}
