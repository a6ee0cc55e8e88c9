// painmdt: with a sub-command it runs without a display (demo, import, report); without one it
// opens the GUI on --db, on a fresh demo database (--demo), or on the user's own database.
#include "app/logging.h"
#include "app/signals.h"
#include "cli/cli.h"
#include "interchange/demogenerator.h"
#include "services/workspace.h"
#include "services/accountservice.h"
#include "services/startupcheck.h"
#include "ui/logindialog.h"
#include "ui/mainwindow.h"
#include "ui/samplefiles.h"

#include <QApplication>
#include <QGuiApplication>
#include <QIcon>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QMessageBox>
#include <QProcess>
#include <QProgressDialog>
#include <QStandardPaths>
#include <QStyleFactory>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>

namespace {

using namespace painmdt;

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("PainMDT"));
    QCoreApplication::setOrganizationName(QStringLiteral("PainMDT"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAINMDT_VERSION));
}

// Sub-commands never open a window, but PDF reports lay out text: a GUI application on the
// offscreen platform gives them fonts without needing a display.
int runCommand(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) { // else Qt warns on stderr, where the reason line goes
        const QByteArray runtime = QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(getuid());
        if (mkdir(runtime.constData(), 0700) == 0 || errno == EEXIST)
            qputenv("XDG_RUNTIME_DIR", runtime);
    }
    QGuiApplication app(argc, argv);
    describeApplication();
    app::setUpLogging(false);
    return cli::run(app.arguments());
}

void applyLook(QApplication &app)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette = app.palette();
    palette.setColor(QPalette::Highlight, QColor(0x00, 0x5E, 0xB8)); // NHS Blue, the one accent
    palette.setColor(QPalette::HighlightedText, Qt::white);
    app.setPalette(palette);
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
}

// The demo lives in one place, made afresh at each start and removed at exit: a demo stopped by
// a signal leaves one file behind, which the next demo replaces (not a copy in /tmp per try).
// The lock keeps a second demo from replacing the file under a running one.
QString demoDatabase(int patients, std::unique_ptr<QLockFile> &lock, QString &error)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (!QDir().mkpath(folder)) {
        error = QObject::tr("Cannot create the folder %1 for the demo database.").arg(folder);
        return {};
    }
    const QString path = folder + QStringLiteral("/demo.sqlite");
    lock = std::make_unique<QLockFile>(path + QStringLiteral(".lock"));
    lock->setStaleLockTime(0); // a lock is stale only when its process is gone
    if (!lock->tryLock()) {
        error = QObject::tr("A PainMDT demo is already open. Close it first, or open another database with --db.");
        return {};
    }
    removeDatabaseFiles(path);
    auto db = services::openDatabase(path);
    if (!db) {
        error = db.error();
        return {};
    }
    interchange::DemoOptions options;
    options.patients = patients;
    // Before the main window exists, but never a frozen screen: progress, and a way out.
    QProgressDialog progress(QObject::tr("Making a demo database of invented patients…"), QObject::tr("Cancel"), 0,
                             patients);
    progress.setMinimumDuration(300);
    options.progress = [&progress](int done, int) {
        progress.setValue(done);
        QCoreApplication::processEvents();
        return !progress.wasCanceled() && !app::terminationRequested();
    };
    if (const auto made = interchange::generateDemo(*db.value(), options); !made) {
        // Cancelled, or stopped by a signal: no error to show, only nothing to open.
        if (!progress.wasCanceled() && !app::terminationRequested())
            error = made.error();
        db = Error{}; // closed before its files go
        removeDatabaseFiles(path);
        return {};
    }
    return path;
}

void describeOptions(QCommandLineParser &parser)
{
    QString list;
    for (const auto &command : cli::commands())
        list += QStringLiteral("  %1 %2\n").arg(command.name, -12).arg(command.summary);
    parser.setApplicationDescription(
        QObject::tr("PainMDT: case management for a roaming chronic-pain team. Without a command it opens the app.\n\n"
                    "Commands (painmdt COMMAND --help says more):\n") +
        list + QLatin1Char('\n') +
        QObject::tr("Every command except restore into a new file logs in: --user NAME (or PAINMDT_USER) with the "
                    "password in\nPAINMDT_PASSWORD or --password-file FILE."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("db"), QObject::tr("Open this database (default: your PainMDT data folder)."), QObject::tr("DB")});
    parser.addOption({QStringLiteral("demo"), QObject::tr("Open a freshly generated demo database.")});
    parser.addOption({QStringLiteral("patients"), QObject::tr("Patients in the --demo database (default 5000)."),
                      QObject::tr("N"), QStringLiteral("5000")});
    parser.addOption({QStringLiteral("verbose"), QObject::tr("Show informational log lines on stderr.")});
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char *flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (qstrcmp(argv[i], flag) == 0)
                return true;
    return false;
}

int printHelpOrVersion(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    QCommandLineParser parser;
    describeOptions(parser);
    const bool help = parser.parse(app.arguments()) && (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")));
    if (!help)
        parser.process(app); // prints the version, or the error, and exits
    std::fputs(qPrintable(cli::helpText(parser, QStringLiteral("painmdt"))), stdout);
    return 0;
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    describeApplication();
    QCommandLineParser parser;
    describeOptions(parser);
    parser.process(app);
    app::setUpLogging(parser.isSet(QStringLiteral("verbose")));
    applyLook(app);
    // The menu entry's name: desktops match windows to it (and to its icon) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.painmdt.PainMDT"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/app/painmdt.svg")));
    app::closeWindowsOnTerminationSignals();

    QString location = parser.value(QStringLiteral("db"));
    QString error;
    const bool demo = parser.isSet(QStringLiteral("demo"));
    std::unique_ptr<QLockFile> demoLock;
    if (demo) {
        location = demoDatabase(parser.value(QStringLiteral("patients")).toInt(), demoLock, error);
        if (location.isEmpty() && error.isEmpty())
            return 0; // the user cancelled the demo, or a signal stopped it: nothing left behind
    } else if (location.isEmpty()) {
        location = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/painmdt.sqlite");
    }
    // Only the user's own default database is made on first use; a mistyped --db is an error.
    const auto mode = parser.isSet(QStringLiteral("db")) ? services::OpenMode::MustExist : services::OpenMode::CreateIfMissing;
    auto db = error.isEmpty() ? services::openDatabase(location, mode) : Result<std::shared_ptr<services::Database>>(Error{error});
    if (!db) {
        spdlog::error("cannot open the database");
        QMessageBox::critical(nullptr, QObject::tr("PainMDT cannot start"), db.error());
        return 1;
    }
    // Checked in the background while the user logs in; writes wait for it (services/startupcheck.h).
    auto check = std::make_shared<services::StartupCheck>(location);
    check->guard(*db.value());
    services::AccountService accounts(*db.value());
    ui::LoginDialog login(accounts, QFileInfo(location).fileName(), demo);
    if (app::terminationRequested() || login.exec() != QDialog::Accepted) {
        db = Error{};
        if (demo)
            removeDatabaseFiles(location);
        // From the start page of a new database: the demo in a process of its own.
        if (login.next() == ui::LoginDialog::Next::Demo
            && !QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--demo")})) {
            QMessageBox::critical(nullptr, QObject::tr("PainMDT"),
                                  QObject::tr("The demo could not be started. Run painmdt --demo from a terminal."));
            return 1;
        }
        return 0;
    }
    int code = 0;
    {
        ui::MainWindow window(db.value(), login.session());
        window.watchStartupCheck(check);
        window.show();
        if (login.next() == ui::LoginDialog::Next::Import)
            QMetaObject::invokeMethod(&window, [&window] {
                const QString samples = ui::sampleFilesFolder();
                window.openImportWizard(samples.isEmpty() ? QString() : samples + QStringLiteral("/patients.csv"));
            }, Qt::QueuedConnection);
        code = app.exec();
    }
    db = Error{}; // closes the database before its files go
    if (demo)
        removeDatabaseFiles(location); // a demo leaves nothing behind
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // Everything PainMDT creates (database, its WAL and SHM, rejects, reports, logs, folders)
    // holds patient data: owner-only, whatever the user's umask.
    ::umask(0077);
    // Any first word that is not an option is a sub-command; a mistyped one gets "unknown
    // command" instead of silently opening the GUI on the default database.
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!first.isEmpty() && !first.startsWith(QLatin1Char('-')))
        return runCommand(argc, argv);
    if (asksForHelpOrVersion(argc, argv))
        return printHelpOrVersion(argc, argv); // works on a machine without a display
    return runGui(argc, argv);
}
