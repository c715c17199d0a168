#include "logging.h"

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace duo::app {

namespace {

void forwardToSpdlog(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const QByteArray text = message.toUtf8();
    const char* category = context.category ? context.category : "default";
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("[{}] {}", category, text.constData());
        break;
    case QtInfoMsg:
        spdlog::info("[{}] {}", category, text.constData());
        break;
    case QtWarningMsg:
        spdlog::warn("[{}] {}", category, text.constData());
        break;
    case QtCriticalMsg:
        spdlog::error("[{}] {}", category, text.constData());
        break;
    case QtFatalMsg:
        spdlog::critical("[{}] {}", category, text.constData());
        break;
    }
}

} // namespace

void installLogging() {
    auto logger = spdlog::stderr_color_mt("duo-doctor");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%H:%M:%S.%e %^%l%$ %v");
    const QByteArray level = qgetenv("DUO_DOCTOR_LOG");
    spdlog::set_level(level.isEmpty() ? spdlog::level::warn : spdlog::level::from_str(level.toStdString()));
    // Qt filters debug output per category before it reaches the handler: open the categories we own.
    if (spdlog::get_level() <= spdlog::level::debug)
        QLoggingCategory::setFilterRules(QStringLiteral("duo.*.debug=true"));
    qInstallMessageHandler(forwardToSpdlog);
}

} // namespace duo::app
