#pragma once
// What every sub-command shares: its output streams, the one-line failure, option parsing with
// --db and log-in, and opening the database as the logged-in user (interchange contract
// "Command line" and "Log-in").
#include "cli/cli.h"
#include "domain/access.h"
#include "domain/result.h"
#include "services/actor.h"
#include "services/workspace.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <memory>

namespace painmdt::cli {

QString tr(const char *text);
QTextStream &out();
QTextStream &err();

// Prints "painmdt: reason" on stderr and returns `code`.
int fail(const QString &reason, ExitCode code = Failed);
// An error from below: exit 3 when it is a refusal (not logged in, or not allowed), else 1.
int fail(const Error &error);
template <typename T>
int fail(const Result<T> &result) { return result.forbidden() ? fail(result.error(), NotAllowed) : fail(result.error()); }

// Adds --help, --db (or `databaseOption`), --user and --password-file, then parses. False (with
// the exit code) on a usage error or after printing help.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description, int &exitCode,
           const QString &databaseOption = QStringLiteral("db"));

// The database as the logged-in user. `created` says this command made the file: a command that
// then fails removes it again (nothing half-made is left behind).
struct Opened {
    std::shared_ptr<services::Database> db;
    services::StampSource session;
    bool created = false;
};

// Opens --db (creating it only with CreateIfMissing) and logs in with --user / PAINMDT_USER and
// the password from --password-file / PAINMDT_PASSWORD. A database without accounts makes that
// user its first administrator. `action` is checked at once, so a refusal comes before any work.
// `anonymousNew`: a new database may be made without a user (the demo, whose demo.admin account
// becomes its administrator). `databaseOption` as given to parse().
Result<Opened> openAs(const QCommandLineParser &parser, services::OpenMode mode, domain::Action action,
                      bool anonymousNew = false, const QString &databaseOption = QStringLiteral("db"));

// A password kept in a file: at most 4096 bytes, the trailing line end an editor adds removed.
// `what` names it in messages ("password", "passphrase"). Must be UTF-8.
Result<QString> readSecretFile(const QString &path, const QString &what = QStringLiteral("password"));

// Removes a database this command created (after a failure).
void discard(Opened &opened);

int runAudit(const QStringList &arguments); // admincommands.cpp
int runCheck(const QStringList &arguments); // admincommands.cpp
int runUser(const QStringList &arguments);
int runBackup(const QStringList &arguments);  // backupcommands.cpp
int runRestore(const QStringList &arguments); // backupcommands.cpp
int runCopy(const QStringList &arguments);    // backupcommands.cpp
int runSettings(const QStringList &arguments);

} // namespace painmdt::cli
