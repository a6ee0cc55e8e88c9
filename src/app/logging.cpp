#include "app/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace painmdt::app {

namespace {

spdlog::level::level_enum levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return spdlog::level::debug;
    case QtInfoMsg: return spdlog::level::info;
    case QtWarningMsg: return spdlog::level::warn;
    case QtCriticalMsg: return spdlog::level::err;
    case QtFatalMsg: return spdlog::level::critical;
    }
    return spdlog::level::info;
}

void forwardQtMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    spdlog::log(levelOf(type), "[qt:{}] {}", context.category ? context.category : "default",
                message.toStdString());
}

} // namespace

QString logFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/logs/painmdt.log");
}

void setUpLogging(bool verbose)
{
    auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console->set_level(verbose ? spdlog::level::info : spdlog::level::warn);
    std::vector<spdlog::sink_ptr> sinks{console};
    const QString path = logFilePath();
    if (QDir().mkpath(QFileInfo(path).absolutePath())) {
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                path.toStdString(), 5 * 1024 * 1024, 3));
        } catch (const spdlog::spdlog_ex &) {
            // No log file (read-only home): stderr still works, and the app must still start.
        }
    }
    auto logger = std::make_shared<spdlog::logger>("painmdt", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    qInstallMessageHandler(forwardQtMessage);
}

} // namespace painmdt::app
