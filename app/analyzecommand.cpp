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

void addAnalyzeOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(AnalyzeText::tr(
        "Finds known failures in a log or a tool's output: GitLab's llm.log, the AI gateway's log, docker "
        "errors, "
        "Duo Chat error codes, the output of gitlab-rake gitlab:duo:verify_self_hosted_setup or of the "
        "gateway's "
        "troubleshooting script. Secrets in the text are redacted before anything is shown or written.\n"
        "Exit codes: 0 nothing failed found, 1 a failure found, 2 bad input."));
    parser.addPositionalArgument(
        QStringLiteral("MORE"),
        AnalyzeText::tr("More inputs: files, directories (their files), gzip-compressed files, or -. Lines "
                        "sharing a correlation_id are shown together as one request."),
        QStringLiteral("[MORE…]"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 AnalyzeText::tr("The text to read, or - for standard input."));
    parser.addOption({QStringLiteral("format"), AnalyzeText::tr("Output on stdout: text, json or markdown."),
                      QStringLiteral("text|json|markdown"), QStringLiteral("text")});
    parser.addOption({QStringLiteral("report"),
                      AnalyzeText::tr("Also write the result to FILE (.json, .txt or .md)."),
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

// The bytes of one output format: text, json or markdown (by flag or by a report's extension).
QByteArray formatted(const LogAnalysis& analysis, const QString& format) {
    if (format == QLatin1String("json"))
        return jsonBytes(QJsonDocument(logAnalysisToJson(analysis)));
    if (format == QLatin1String("markdown"))
        return logAnalysisToMarkdown(analysis).toUtf8();
    return logAnalysisToText(analysis).toUtf8();
}

QString reportFormat(const QString& file) {
    if (file.endsWith(QLatin1String(".json")))
        return QStringLiteral("json");
    if (file.endsWith(QLatin1String(".md")))
        return QStringLiteral("markdown");
    return file.endsWith(QLatin1String(".txt")) ? QStringLiteral("text") : QString();
}

// The analysis on stdout and in the report file, if one is named.
int printAnalysis(const LogAnalysis& analysis, const QString& format, const QString& reportFile) {
    const QByteArray printed = formatted(analysis, format);
    std::fwrite(printed.constData(), 1, size_t(printed.size()), stdout);
    if (!reportFile.isEmpty()) {
        QSaveFile out(reportFile);
        const QByteArray bytes = formatted(analysis, reportFormat(reportFile));
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return failWith(
                AnalyzeText::tr("--report: cannot write %1: %2").arg(reportFile, out.errorString()));
    }
    const bool failed = std::any_of(analysis.findings.cbegin(), analysis.findings.cend(),
                                    [](const LogFinding& finding) { return finding.status == Status::Fail; });
    return int(failed ? ExitCode::SomeCheckFailed : ExitCode::NoFailure);
}

// The flags' values, or the message that refuses them.
std::optional<QString> formatProblem(const QString& format, const QString& reportFile) {
    if (format != QLatin1String("text") && format != QLatin1String("json") &&
        format != QLatin1String("markdown"))
        return AnalyzeText::tr("--format: \"%1\" is not text, json or markdown.").arg(format);
    if (!reportFile.isEmpty() && reportFormat(reportFile).isEmpty())
        return AnalyzeText::tr("--report: %1 should end in .json, .txt or .md.").arg(reportFile);
    return std::nullopt;
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
    const QStringList names = parser.positionalArguments();
    if (names.isEmpty())
        return failWith(AnalyzeText::tr("analyze: name a file, a directory, or - for standard input."));
    const QString format = parser.value(QStringLiteral("format"));
    const QString reportFile = parser.value(QStringLiteral("report"));
    if (const auto problem = formatProblem(format, reportFile))
        return failWith(*problem);
    Target target;
    if (const auto problem = readProfileTarget(parser, &target))
        return failWith(*problem);
    QString error;
    const auto inputs = expandLogInputs(names, &error);
    if (!inputs)
        return failWith(error);
    const auto analysis = analyzeLogInputs(*inputs, target, {}, &error);
    if (!analysis)
        return failWith(error);
    return printAnalysis(*analysis, format, reportFile);
}

} // namespace duo::app
