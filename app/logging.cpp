#include "app/logging.h"

#include "core/text/logredaction.h"

#include <QByteArray>
#include <QDir>
#include <QLoggingCategory>
#include <QString>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace duo::app {

namespace {

spdlog::level::level_enum spdlogLevel(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::critical;
}

// Qt's own messages known to be harmless, kept at debug level: Qt 6.4 complains about a cache nobody set up
// after every HTTP/2 answer with trailers (the gRPC health call).
constexpr const char* harmlessQtMessages[] = {"caching was enabled after some bytes had been written"};

spdlog::level::level_enum levelOf(QtMsgType type, const QString& message) {
    for (const char* harmless : harmlessQtMessages) {
        if (message.contains(QLatin1String(harmless)))
            return spdlog::level::debug;
    }
    return spdlogLevel(type);
}

void forwardToSpdlog(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QByteArray text = redactForLogs(message).toUtf8();
    const char* category = context.category ? context.category : "default";
    spdlog::log(levelOf(type, message), "[{}] {}", category, text.constData());
}

// The level asked for on the command line (scanned before any parser runs), else the environment.
QByteArray requestedLevel(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--verbose")
            return "info";
        if (argument.startsWith("--log-level="))
            return argument.mid(12);
        if (argument == "--log-level" && i + 1 < argc)
            return QByteArray(argv[i + 1]);
    }
    return qgetenv("DUO_DOCTOR_LOG");
}

} // namespace

QString logFilePath() {
    return logDirectory() + QStringLiteral("/duo-doctor.log");
}

void installLogging(int argc, char** argv) {
    const QByteArray level = requestedLevel(argc, argv);
    auto stderrSink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    stderrSink->set_level(level.isEmpty() ? spdlog::level::warn
                                          : spdlog::level::from_str(level.toStdString()));
    std::vector<spdlog::sink_ptr> sinks{stderrSink};
    if (QDir().mkpath(logDirectory())) {
        try {
            auto fileSink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                logFilePath().toStdString(), 1024 * 1024, 3);
            fileSink->set_level(level.isEmpty() ? spdlog::level::info
                                                : spdlog::level::from_str(level.toStdString()));
            sinks.push_back(fileSink);
        } catch (const spdlog::spdlog_ex&) {
            // An unwritable state directory must not stop the program; stderr still works.
        }
    }
    auto logger = std::make_shared<spdlog::logger>("duo-doctor", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::trace);
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
    // Qt drops debug output per category before the handler sees it: open ours when asked for.
    if (spdlog::level::from_str(level.toStdString()) <= spdlog::level::debug && !level.isEmpty())
        QLoggingCategory::setFilterRules(QStringLiteral("duo.*.debug=true"));
    else
        QLoggingCategory::setFilterRules(QStringLiteral("duo.*.debug=false"));
    qInstallMessageHandler(forwardToSpdlog);
}

} // namespace duo::app
