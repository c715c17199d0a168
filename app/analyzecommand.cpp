#include "app/analyzecommand.h"

#include "app/cliarguments.h"

#include "core/logs/loganalyzer.h"
#include "core/profiles/profilestore.h"
#include "core/text/jsontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

namespace duo::app {

namespace {

struct AnalyzeText {
    Q_DECLARE_TR_FUNCTIONS(duo::app::Analyze)
};

constexpr qint64 maxInputBytes = 16 * 1024 * 1024;

// The whole input, or why not. "-" reads standard input.
std::optional<QByteArray> readInput(const QString& name, QString* error) {
    QFile file;
    const bool opened = name == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(name), file.open(QIODevice::ReadOnly));
    if (!opened) {
        *error = AnalyzeText::tr("analyze: cannot read %1: %2").arg(name, file.errorString());
        return std::nullopt;
    }
    // A pipe hands over what it has so far: read until its end (or the limit), not once.
    QByteArray bytes;
    while (bytes.size() <= maxInputBytes) {
        const QByteArray chunk = file.read(maxInputBytes + 1 - bytes.size());
        if (chunk.isEmpty())
            break;
        bytes += chunk;
    }
    if (file.error() != QFileDevice::NoError && bytes.isEmpty()) {
        *error = AnalyzeText::tr("analyze: cannot read %1: %2").arg(name, file.errorString());
        return std::nullopt;
    }
    if (bytes.size() > maxInputBytes)
        bytes.truncate(maxInputBytes); // the analysis says it was truncated
    return bytes;
}

void addAnalyzeOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(AnalyzeText::tr(
        "Finds known failures in a log or a tool's output: GitLab's llm.log, the AI gateway's log, docker "
        "errors, "
        "Duo Chat error codes, the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the "
        "gateway's "
        "troubleshooting script. Secrets in the text are redacted before anything is shown or written.\n"
        "Exit codes: 0 nothing failed found, 1 a failure found, 2 bad input."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 AnalyzeText::tr("The text to read, or - for standard input."));
    parser.addOption({QStringLiteral("format"), AnalyzeText::tr("Output on stdout: text or json."),
                      QStringLiteral("text|json"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("report"),
                      AnalyzeText::tr("Also write the result to FILE (.json or .txt)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("profile"),
                      AnalyzeText::tr("Fill the fixes with the URLs and names of the saved profile NAME."),
                      QStringLiteral("NAME")});
    addLoggingOptions(parser);
}

// The saved profile's target, when --profile names one: its URLs and names fill the fixes.
std::optional<QString> readProfileTarget(const QCommandLineParser& parser, Target* target) {
    if (!parser.isSet(QStringLiteral("profile")))
        return std::nullopt;
    QString error;
    const auto profile = ProfileStore().find(parser.value(QStringLiteral("profile")), &error);
    if (!profile)
        return AnalyzeText::tr("--profile: %1").arg(error);
    *target = profile->target();
    return std::nullopt;
}

// The analysis on stdout (text or json) and in the report file, if one is named.
int printAnalysis(const LogAnalysis& analysis, const QString& format, const QString& reportFile) {
    const QByteArray json = jsonBytes(QJsonDocument(logAnalysisToJson(analysis)));
    const QByteArray text = logAnalysisToText(analysis).toUtf8();
    const QByteArray& printed = format == QLatin1String("json") ? json : text;
    std::fwrite(printed.constData(), 1, size_t(printed.size()), stdout);
    if (!reportFile.isEmpty()) {
        QSaveFile out(reportFile);
        const QByteArray bytes = reportFile.endsWith(QLatin1String(".json")) ? json : text;
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return failWith(
                AnalyzeText::tr("--report: cannot write %1: %2").arg(reportFile, out.errorString()));
    }
    const bool failed = std::any_of(analysis.findings.cbegin(), analysis.findings.cend(),
                                    [](const LogFinding& finding) { return finding.status == Status::Fail; });
    return int(failed ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

} // namespace

int runAnalyzeCommand(const QStringList& arguments) {
    QCommandLineParser parser;
    addAnalyzeOptions(parser);
    if (!parser.parse(QStringList{QStringLiteral("duo-doctor analyze")} + arguments))
        return failWith(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(subcommandHelp(parser, QStringLiteral("duo-doctor analyze")).toLocal8Bit().constData(),
                   stdout);
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return failWith(AnalyzeText::tr("analyze: name one file, or - for standard input."));
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("text") && format != QLatin1String("json"))
        return failWith(AnalyzeText::tr("--format: \"%1\" is not text or json.").arg(format));
    const QString reportFile = parser.value(QStringLiteral("report"));
    if (!reportFile.isEmpty() && !reportFile.endsWith(QLatin1String(".json")) &&
        !reportFile.endsWith(QLatin1String(".txt")))
        return failWith(AnalyzeText::tr("--report: %1 should end in .json or .txt.").arg(reportFile));
    Target target;
    if (const auto problem = readProfileTarget(parser, &target))
        return failWith(*problem);
    QString error;
    const auto input = readInput(files.constFirst(), &error);
    if (!input)
        return failWith(error);
    LogAnalysis analysis = analyzeLog(QString::fromUtf8(*input), target);
    analysis.truncated = analysis.truncated || input->size() >= maxInputBytes;
    return printAnalysis(analysis, format, reportFile);
}

} // namespace duo::app
