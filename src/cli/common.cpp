#include "cli/common.h"

#include "interchange/outputfile.h"
#include "services/accountservice.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace painmdt::cli {

namespace {

struct Credentials {
    QString user;
    QString password;
};

// --user or PAINMDT_USER; the password from --password-file or PAINMDT_PASSWORD (never an option:
// the command line is visible to every user of the machine).
Result<std::optional<Credentials>> credentials(const QCommandLineParser &parser)
{
    QString user = parser.value(QStringLiteral("user"));
    if (user.isEmpty())
        user = qEnvironmentVariable("PAINMDT_USER");
    if (user.isEmpty())
        return std::optional<Credentials>{};
    if (parser.isSet(QStringLiteral("password-file"))) {
        const auto password = readSecretFile(parser.value(QStringLiteral("password-file")));
        if (!password)
            return Error{password.error(), true};
        return std::optional<Credentials>{{user, password.value()}};
    }
    if (qEnvironmentVariable("PAINMDT_PASSWORD").isEmpty())
        return Error{tr("--user %1 needs a password: set PAINMDT_PASSWORD or give --password-file FILE.").arg(user), true};
    return std::optional<Credentials>{{user, qEnvironmentVariable("PAINMDT_PASSWORD")}};
}

// A database with no accounts yet: a new file, or a server database whose schema an earlier
// command made (one without --user, which was then refused).
bool hasNoAccounts(services::Database &db)
{
    const auto count = services::AccountService(db).accountCount();
    return count && count.value() == 0;
}

Result<services::StampSource> logIn(services::Database &db, const std::optional<Credentials> &given)
{
    services::AccountService accounts(db);
    const auto count = accounts.accountCount();
    if (!count)
        return Error{count.error()};
    if (!given)
        return Error{count.value() == 0
                         ? tr("this database has no accounts yet: give --user NAME and a password (PAINMDT_PASSWORD "
                              "or --password-file FILE); that user becomes its first administrator.")
                         : tr("not logged in: give --user NAME (or PAINMDT_USER) and the password in PAINMDT_PASSWORD "
                              "or --password-file FILE."),
                     true};
    if (count.value() == 0)
        return accounts.createFirstAdmin(given->user, given->password);
    return accounts.logIn(given->user, given->password);
}

} // namespace

QString tr(const char *text) { return QCoreApplication::translate("Cli", text); }

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &reason, ExitCode code)
{
    err() << "painmdt: " << reason << Qt::endl;
    return code;
}

int fail(const Error &error)
{
    return fail(error.message, error.forbidden ? NotAllowed : Failed);
}

QString helpText(const QCommandLineParser &parser, const QString &program)
{
    QString text = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    if (const QString binary = QCoreApplication::arguments().value(0); text.startsWith(usage + binary))
        text.replace(usage.size(), binary.size(), program);
    return text;
}

bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description, int &exitCode,
           const QString &databaseOption)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption({databaseOption, tr("The database: a SQLite file, or postgresql://USER@HOST:PORT/NAME on the team "
                                         "server (only import, demo and init make a new one)."), tr("DB")});
    parser.addOption({QStringLiteral("user"), tr("Log in as NAME (default: $PAINMDT_USER)."), tr("NAME")});
    parser.addOption({QStringLiteral("password-file"),
                      tr("Read the password from FILE (default: $PAINMDT_PASSWORD)."), tr("FILE")});
    if (!parser.parse(arguments)) {
        exitCode = fail(parser.errorText(), Usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        out() << helpText(parser, arguments.value(0));
        exitCode = Ok;
        return false;
    }
    if (parser.value(databaseOption).isEmpty()) {
        exitCode = fail(tr("--%1 DB is required (a database file, or the team server's postgresql:// address).")
                            .arg(databaseOption), Usage);
        return false;
    }
    return true;
}

Result<Opened> openAs(const QCommandLineParser &parser, services::OpenMode mode, domain::Action action, bool anonymousNew,
                      const QString &databaseOption)
{
    const QString path = parser.value(databaseOption);
    const auto given = credentials(parser);
    if (!given)
        return Error{given.error(), true};
    // A file is known to be new before it is made; an empty server database only once opened,
    // and logging in to it then asks for its first administrator.
    const bool newFile = !services::isServerLocation(path) && QFileInfo(path).size() == 0;
    if (newFile && !given.value() && !anonymousNew && mode == services::OpenMode::CreateIfMissing)
        return Error{tr("a new database needs its first administrator: give --user NAME and a password "
                        "(PAINMDT_PASSWORD or --password-file FILE). Nothing was created."), true};
    auto db = services::openDatabase(path, mode);
    if (!db)
        return Error{db.error()};
    Opened opened{db.value(), services::StampSource(), db.value()->createdNow()};
    if (!given.value() && anonymousNew && (opened.created || hasNoAccounts(*opened.db))) {
        // the demo: its own demo.admin becomes the administrator
        opened.session = services::StampSource(QStringLiteral("demo"), [] { return QDateTime::currentDateTimeUtc(); },
                                               domain::Role::Admin);
        return opened;
    }
    auto session = logIn(*opened.db, given.value());
    if (!session) {
        discard(opened);
        return Error{session.error(), session.forbidden()};
    }
    opened.session = session.value();
    if (Status allowed = opened.session.require(action); !allowed) {
        discard(opened);
        return Error{allowed.error(), true};
    }
    return opened;
}

Result<QString> readSecretFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("cannot read the %1 file %2: %3").arg(what, path, file.errorString())};
    const QByteArray bytes = file.read(4097);
    if (bytes.size() > 4096)
        return Error{tr("the %1 file %2 is longer than 4096 bytes; it must hold the %1 only.").arg(what, path)};
    QStringDecoder utf8(QStringDecoder::Utf8);
    QString secret = utf8(bytes);
    if (utf8.hasError()) // two different byte strings must never become the same secret
        return Error{tr("the %1 file %2 is not UTF-8 text; save it as UTF-8.").arg(what, path)};
    while (secret.endsWith(QLatin1Char('\n')) || secret.endsWith(QLatin1Char('\r')))
        secret.chop(1); // the line end an editor adds is not part of the secret
    return secret;
}

void discard(Opened &opened)
{
    if (!opened.created || !opened.db || services::isServerLocation(opened.db->location()))
        return; // a server database is the administrator's: its new, empty schema stays
    const QString path = opened.db->location();
    opened.db.reset();
    for (const QString &file : interchange::databaseFiles(path))
        QFile::remove(file);
}

} // namespace painmdt::cli
