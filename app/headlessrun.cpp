#include "app/headlessrun.h"

#include "core/engine/engine.h"
#include "core/profiles/profilestore.h"
#include "core/profiles/secretstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QSaveFile>

#include <cstdio>
#include <unistd.h>

namespace duo::app {

namespace {

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

// Fills the secrets a --profile keeps in the keychain, unless given through the environment. False (after
// saying why on stderr) when the keychain cannot be read: never a silent run without them.
bool addProfileSecrets(CheckJob& job) {
    if (!job.profile || (!job.target.gitlabToken.isEmpty() && !job.target.modelKey.isEmpty()))
        return true; // both given through the environment: the keychain is not needed
    KeychainSecretStore keychain;
    QEventLoop loop;
    ProfileSecrets secrets;
    readProfileSecrets(keychain, job.profile->id, [&](const ProfileSecrets& read) {
        secrets = read;
        loop.quit();
    });
    loop.exec();
    if (!secrets.problem.ok()) {
        std::fprintf(
            stderr, "duo-doctor: %s\n",
            qPrintable(
                Cli::tr("--profile %1: %2 — give the secrets with --gitlab-token-env and --model-key-env "
                        "instead.")
                    .arg(job.profile->name, secrets.problem.message)));
        return false;
    }
    if (job.target.gitlabToken.isEmpty())
        job.target.gitlabToken = Secret(secrets.gitlabToken);
    if (job.target.modelKey.isEmpty())
        job.target.modelKey = Secret(secrets.modelKey);
    return true;
}

// The profile remembers this run's summary and the (redacted) manual outputs.
void recordInProfile(const CheckJob& job, const Report& report) {
    if (!job.profile)
        return;
    Profile profile = *job.profile;
    profile.recordRun(report);
    QString error;
    if (!ProfileStore().save(profile, &error))
        std::fprintf(
            stderr, "duo-doctor: %s\n",
            qPrintable(
                Cli::tr("--profile %1: the run's summary was not saved: %2").arg(profile.name, error)));
}

int runHeadless(CheckJob job) {
    if (!addProfileSecrets(job))
        return int(ExitCode::BadInput);
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

    recordInProfile(job, report);
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
