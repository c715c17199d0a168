#include "headlessrun.h"

#include "core/engine.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

namespace duo::app {

namespace {

struct Cli {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Cli)
};

bool writeFile(const QString& fileName, const QByteArray& content) {
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(Cli::tr("--report %1: cannot write: %2").arg(fileName, file.errorString())));
        return false;
    }
    return true;
}

} // namespace

bool useColour() {
    return qEnvironmentVariableIsEmpty("NO_COLOR") && isatty(fileno(stdout));
}

int runHeadless(const CheckJob& job) {
    QNetworkAccessManager network;
    CheckEngine engine(&network);
    for (auto it = job.manualOutputs.cbegin(); it != job.manualOutputs.cend(); ++it)
        engine.setManualOutput(it.key(), it.value());

    QEventLoop loop;
    Report report;
    QObject::connect(&engine, &CheckEngine::finished, &loop, [&](const Report& finished) {
        report = finished;
        loop.quit();
    });
    engine.start(job.target, job.options);
    loop.exec();

    const QByteArray out = writeReport(report, job.format, job.format == ReportFormat::Text && useColour());
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);

    bool written = true;
    for (const QString& fileName : job.reportFiles)
        written = writeFile(fileName, writeReport(report, *reportFormatForFile(fileName))) && written;
    if (!written)
        return int(ExitCode::BadInput);
    return int(report.anyFailed() ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

} // namespace duo::app
