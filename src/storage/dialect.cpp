#include "storage/dialect.h"

#include <QSqlDatabase>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>

namespace painmdt::storage {

namespace {

constexpr int applicationId = 0x504D4454; // "PMDT" in the SQLite header identifies our files

// Reads the file before anything is written to it, so a foreign file is never changed.
Status checkIdentity(const QSqlDatabase &db, const QString &path)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema")) || !q.next())
        return Error{QObject::tr("%1 is not a PainMDT database (it is not an SQLite file). "
                                 "Choose the right file, or a new file name to start a database.").arg(path)};
    if (q.value(0).toInt() == 0)
        return success(); // a new, empty file: the first migration stamps it as ours
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next() || q.value(0).toInt() != applicationId)
        return Error{QObject::tr("%1 is an SQLite database but not a PainMDT one. "
                                 "Choose the right file, or a new file name to start a database.").arg(path)};
    return success();
}

Status configureConnection(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    // foreign_keys is per connection and ignored inside a transaction: set it first, then check.
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))
        || !q.exec(QStringLiteral("PRAGMA foreign_keys")) || !q.next() || q.value(0).toInt() != 1)
        return Error{QObject::tr("The database refused to enforce foreign keys.")};
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next()
        || q.value(0).toString().toLower() != QLatin1String("wal"))
        return Error{QObject::tr("The database could not switch to write-ahead logging (is it on a "
                                 "network drive?). Keep the database on a local disk.")};
    // NORMAL is durable across application crashes in WAL mode; a 64 MB page cache keeps a
    // 100,000-patient database's indexes in memory and bulk writes from spilling early.
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")) || !q.exec(QStringLiteral("PRAGMA cache_size = -65536")))
        return Error{q.lastError().text()};
    return success();
}

} // namespace

Status SqliteDialect::prepareConnection(const QSqlDatabase &db, const QString &location) const
{
    if (Status s = checkIdentity(db, location); !s)
        return s;
    return configureConnection(db);
}

std::unique_ptr<Dialect> dialectFor(const QString &)
{
    // Only SQLite for now; a postgresql:// URL will select the PostgreSQL dialect.
    return std::make_unique<SqliteDialect>();
}

} // namespace painmdt::storage
