#include "storage/dialect.h"

#include "storage/migrations.h"
#include "storage/sqlerror.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

#include <sqlite3.h>

namespace painmdt::storage {

namespace {

constexpr int applicationId = 0x504D4454; // "PMDT" in the SQLite header identifies our files
constexpr char sqliteMagic[] = "SQLite format 3"; // plus its NUL: the first 16 bytes of every file

QString tr(const char *text) { return QCoreApplication::translate("Dialect", text); }

QString damaged(const QString &path, const QString &why)
{
    return tr("%1 is damaged: %2. Do not use it: restore the database from a backup.").arg(path, why);
}

// Reads the 100-byte file header before SQLite does, so that a file cut short (full disk,
// interrupted copy) is called damaged rather than "not a database", and SQLite never writes to it.
Status checkHeader(const QString &path)
{
    QFile file(path);
    if (!file.exists() || file.size() == 0)
        return success(); // new: the first migration stamps it as ours
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read %1: %2").arg(path, file.errorString())};
    const QByteArray header = file.read(100);
    const QByteArray magic(sqliteMagic, sizeof sqliteMagic);
    if (header.size() < 100) {
        if (!header.isEmpty() && magic.startsWith(header.left(magic.size())))
            return Error{damaged(path, tr("the file is only %1 bytes long, shorter than any database").arg(file.size()))};
        return success(); // not SQLite: the identity check says so
    }
    if (!header.startsWith(magic))
        return success();
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    const quint32 rawPageSize = qFromBigEndian<quint16>(bytes + 16);
    const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    const quint32 changeCounter = qFromBigEndian<quint32>(bytes + 24);
    const quint32 pages = qFromBigEndian<quint32>(bytes + 28);
    const quint32 validFor = qFromBigEndian<quint32>(bytes + 92); // the page count is valid only when equal
    // A checkpoint writes page 1 before the pages that grow the file: killed between, the file is
    // short, and SQLite rebuilds it from the WAL. Short with no WAL beside it is cut short.
    const bool walHolds = QFileInfo(path + QStringLiteral("-wal")).size() > 32; // more than its header
    if (pages > 0 && changeCounter == validFor && file.size() < pageSize * pages && !walHolds)
        return Error{damaged(path, tr("the file is %1 bytes long but its header says %2; it was cut short")
                                       .arg(file.size()).arg(pageSize * pages))};
    return success();
}

// Reads the file before anything is written to it, so a foreign file is never changed.
Status checkIdentity(const QSqlDatabase &db, const QString &path)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema")) || !q.next()) {
        const SqlFailure failure = classify(q.lastError());
        if (failure != SqlFailure::Damaged && failure != SqlFailure::Other)
            return Error{explain(q.lastError())};
        return Error{tr("%1 is not a PainMDT database (it is not an SQLite file). "
                        "Choose the right file, or a new file name to start a database.").arg(path)};
    }
    if (q.value(0).toInt() == 0)
        return success(); // a new, empty file: the first migration stamps it as ours
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next() || q.value(0).toInt() != applicationId)
        return Error{tr("%1 is an SQLite database but not a PainMDT one. "
                        "Choose the right file, or a new file name to start a database.").arg(path)};
    return success();
}

// Sets a PRAGMA, then checks the value the engine reports (from `read`, or from the setting
// itself when `read` is empty): a setting that did not take is an error, and so is a failure to
// run it, in the engine's own terms (a full disk is a full disk).
Status pragma(const QSqlDatabase &db, const QString &set, const QString &read, const QString &expected,
              const QString &refused)
{
    QSqlQuery q(db);
    if (!q.exec(set) || (!read.isEmpty() && !q.exec(read)))
        return Error{explain(q.lastError())};
    if (!q.next() || q.value(0).toString().toLower() != expected)
        return Error{refused};
    return success();
}

Status configureConnection(const QSqlDatabase &db)
{
    // foreign_keys is per connection and ignored inside a transaction: set it first, then check.
    if (Status s = pragma(db, QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("PRAGMA foreign_keys"),
                          QStringLiteral("1"), tr("The database refused to enforce foreign keys.")); !s)
        return s;
    // Temporary tables, indexes and statement journals stay in memory: page images of patient
    // records must never spill to an unlinked file in /var/tmp (issue 6, finding 8).
    if (Status s = pragma(db, QStringLiteral("PRAGMA temp_store = MEMORY"), QStringLiteral("PRAGMA temp_store"),
                          QStringLiteral("2"), tr("The database refused to keep temporary data in memory.")); !s)
        return s;
    // The answer is checked: only a journal_mode that really switched says "wal". A failure to
    // write (full disk) is reported as such, not blamed on the file system.
    if (Status s = pragma(db, QStringLiteral("PRAGMA journal_mode = WAL"), {}, QStringLiteral("wal"),
                          tr("The database could not switch to write-ahead logging (is it on a network "
                             "drive?). Keep the database on a local disk.")); !s)
        return s;
    // NORMAL is durable across application crashes in WAL mode; a 64 MB page cache keeps a
    // 100,000-patient database's indexes in memory and bulk writes from spilling early.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")) || !q.exec(QStringLiteral("PRAGMA cache_size = -65536")))
        return Error{explain(q.lastError())};
    return success();
}

} // namespace

Status SqliteDialect::prepareConnection(const QSqlDatabase &db, const QString &location) const
{
    if (Status s = checkIdentity(db, location); !s)
        return s;
    return configureConnection(db);
}

Status SqliteDialect::checkFile(const QString &location) const
{
    return checkHeader(location);
}

bool SqliteDialect::inTransaction(const QSqlDatabase &db) const
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *connection = *static_cast<sqlite3 *const *>(handle.data());
    return connection && sqlite3_get_autocommit(connection) == 0;
}

Status Dialect::execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    std::unique_ptr<QSqlQuery> &q = m_queries[sql];
    if (!q) {
        q = std::make_unique<QSqlQuery>(db);
        if (!q->prepare(sql)) {
            const Error refused = sqlError(q->lastError());
            m_queries.erase(sql);
            return refused;
        }
    }
    for (const QVariant &v : values)
        q->addBindValue(v);
    const Status ran = q->exec() ? success() : Status(sqlError(q->lastError()));
    q->finish();
    return ran;
}

namespace {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

// The engine's failure as QSQLITE reports one, so that sqlError() words it the same way.
Error sqliteFailure(sqlite3 *connection)
{
    return sqlError(QSqlError(QString(), QString::fromUtf8(sqlite3_errmsg(connection)), QSqlError::StatementError,
                              QString::number(sqlite3_extended_errcode(connection))));
}

// NULL exactly where QSQLITE binds one: Qt 6's isNull() is false for a null QString, an invalid
// date and so on, which the driver still stores as NULL.
bool boundAsNull(const QVariant &v)
{
    if (v.isNull())
        return true;
    switch (v.typeId()) {
    case QMetaType::QString: return static_cast<const QString *>(v.constData())->isNull();
    case QMetaType::QByteArray: return static_cast<const QByteArray *>(v.constData())->isNull();
    case QMetaType::QDate: return !v.toDate().isValid();
    case QMetaType::QTime: return !v.toTime().isValid();
    case QMetaType::QDateTime: return !v.toDateTime().isValid();
    default: return false;
    }
}

// Binds `v` at `index`; text is bound in place (the caller's list outlives the step).
int bindValue(sqlite3_stmt *statement, int index, const QVariant &v)
{
    if (boundAsNull(v))
        return sqlite3_bind_null(statement, index);
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Bool:
        return sqlite3_bind_int64(statement, index, v.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(statement, index, v.toDouble());
    case QMetaType::QString: {
        const QString &text = *static_cast<const QString *>(v.constData());
        return sqlite3_bind_text16(statement, index, text.unicode(), int(text.size() * 2), SQLITE_STATIC);
    }
    case QMetaType::QByteArray: {
        const QByteArray &bytes = *static_cast<const QByteArray *>(v.constData());
        return sqlite3_bind_blob(statement, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
    }
    default: {
        const QString text = v.toString();
        return sqlite3_bind_text16(statement, index, text.unicode(), int(text.size() * 2), SQLITE_TRANSIENT);
    }
    }
}

} // namespace

Status SqliteDialect::execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    sqlite3 *connection = sqliteHandle(db);
    if (!connection || !sameLibrary(db))
        return Dialect::execBound(db, sql, values);
    sqlite3_stmt *&statement = m_bound[sql];
    if (!statement) {
        const QByteArray text = sql.toUtf8();
        if (sqlite3_prepare_v3(connection, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                               nullptr) != SQLITE_OK) {
            const Error failed = sqliteFailure(connection);
            m_bound.erase(sql);
            return failed;
        }
    }
    for (int i = 0; i < values.size(); ++i)
        if (bindValue(statement, i + 1, values[i]) != SQLITE_OK) {
            const Error failed = sqliteFailure(connection);
            sqlite3_clear_bindings(statement);
            return failed;
        }
    const int stepped = sqlite3_step(statement);
    const Status result = stepped == SQLITE_DONE || stepped == SQLITE_ROW ? success() : Status(sqliteFailure(connection));
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return result;
}

bool SqliteDialect::sameLibrary(const QSqlDatabase &db)
{
    // Qt's SQLite plugin may carry its own SQLite (a Qt built with -qt-sqlite): a handle is only
    // ours to drive when both are the one library this program links (Debian's).
    if (!m_sameLibrary) {
        QSqlQuery q(db);
        m_sameLibrary = q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next()
                        && q.value(0).toString() == QString::fromLatin1(sqlite3_sourceid());
    }
    return *m_sameLibrary;
}

void SqliteDialect::releaseStatements()
{
    for (auto &[sql, statement] : m_bound)
        sqlite3_finalize(statement);
    m_bound.clear();
    Dialect::releaseStatements();
}

namespace {

// A private in-memory database (SQLite's memdb VFS, so that sqlite3_serialize can hand over
// its pages without a second copy).
struct MemoryDatabase {
    sqlite3 *handle = nullptr;
    MemoryDatabase() { sqlite3_open_v2("file:painmdt-snapshot?vfs=memdb", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr); }
    ~MemoryDatabase() { sqlite3_close_v2(handle); }
};

// Copies every page of `from` into `to` in one step: a reader sees the source as of one commit.
int copyWhole(sqlite3 *from, sqlite3 *to)
{
    sqlite3_backup *backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup)
        return sqlite3_errcode(to);
    sqlite3_backup_step(backup, -1);
    return sqlite3_backup_finish(backup);
}

} // namespace

Result<QByteArray> SqliteDialect::snapshot(const QSqlDatabase &db)
{
    sqlite3 *source = sqliteHandle(db);
    if (!source || !sameLibrary(db))
        return Error{QObject::tr("This build of PainMDT cannot back up through its SQLite driver."), false, true};
    MemoryDatabase memory;
    if (!memory.handle)
        return Error{QObject::tr("Not enough memory to take a copy of the database."), false, true};
    if (copyWhole(source, memory.handle) != SQLITE_OK)
        return sqliteFailure(memory.handle);
    sqlite3_int64 size = 0;
    unsigned char *pages = sqlite3_serialize(memory.handle, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (!pages)
        return Error{QObject::tr("Not enough memory to take a copy of the database."), false, true};
    return QByteArray(reinterpret_cast<const char *>(pages), qsizetype(size));
}

Status SqliteDialect::replaceFrom(const QSqlDatabase &db, const QString &source)
{
    sqlite3 *target = sqliteHandle(db);
    if (!target || !sameLibrary(db))
        return Error{QObject::tr("This build of PainMDT cannot restore through its SQLite driver."), false, true};
    releaseStatements(); // a prepared statement on the target would make the copy fail (SQLITE_BUSY)
    sqlite3 *from = nullptr;
    const QByteArray path = source.toUtf8();
    if (sqlite3_open_v2(path.constData(), &from, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        Error e = sqliteFailure(from);
        sqlite3_close_v2(from);
        return e;
    }
    const int copied = copyWhole(from, target);
    sqlite3_close_v2(from);
    if (copied != SQLITE_OK)
        return sqliteFailure(target);
    return success();
}

QStringList Dialect::statementsOf(const QString &migration) const
{
    return splitStatements(migration);
}

Status Dialect::configure(QSqlDatabase &db, const QString &location)
{
    db.setDatabaseName(location);
    db.setConnectOptions(connectOptions());
    return success();
}

QString SqliteDialect::monthsFromSql(const QString &d, int months) const
{
    const QString first = QStringLiteral("date(%1, 'start of month', '%2%3 months')").arg(d).arg(months >= 0 ? "+" : "").arg(months);
    return QStringLiteral("min(date(%1, '+' || (CAST(strftime('%d', %2) AS INTEGER) - 1) || ' days'), date(%1, '+1 month', '-1 day'))")
        .arg(first, d);
}

QString SqliteDialect::auditGuardSql() const
{
    return QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN "
                          "('change_log_no_update', 'change_log_no_delete', 'change_log_no_replace')");
}

Result<QString> SqliteDialect::dropIndexForLoad(const QSqlDatabase &db, const QString &name) const
{
    QSqlQuery q(db); // the migration's own definition, so the rebuilt index is the same one
    q.prepare(QStringLiteral("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return Error{explain(q.lastError())};
    if (!q.next())
        return QString(); // not in this schema: nothing to drop
    const QString create = q.value(0).toString();
    q.finish();
    if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name)))
        return Error{explain(q.lastError())};
    return create;
}

Result<bool> Dialect::hasIndex(const QSqlDatabase &db, const QString &name) const
{
    QSqlQuery q(db);
    q.prepare(indexNamedSql());
    q.addBindValue(name);
    if (!q.exec())
        return Error{explain(q.lastError())};
    return q.next();
}

Status SqliteDialect::quickCheck(const QSqlDatabase &db, const QString &location) const
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
        return Error{explain(q.lastError()), false, true}; // could not check: not the same as damage
    if (q.value(0).toString() != QLatin1String("ok"))
        return Error{tr("%1 is damaged: its own check found broken pages. Do not use it: restore the database "
                        "from a backup.").arg(location)};
    return success();
}

Result<QStringList> SqliteDialect::integrityProblems(const QSqlDatabase &db, int limit) const
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check(%1)").arg(limit)))
        return Error{explain(q.lastError())};
    QStringList problems;
    while (q.next())
        if (const QString line = q.value(0).toString(); line != QLatin1String("ok"))
            problems << line;
    if (q.lastError().isValid())
        return Error{explain(q.lastError())};
    return problems;
}

Result<QStringList> SqliteDialect::foreignKeyProblems(const QSqlDatabase &db, int limit) const
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return Error{explain(q.lastError())};
    QStringList problems;
    while (q.next() && problems.size() < limit) // table, rowid, parent, fkid
        problems << tr("%1 row %2 refers to a %3 row that is not there")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    if (q.lastError().isValid())
        return Error{explain(q.lastError())};
    return problems;
}

bool isServerLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

std::unique_ptr<Dialect> dialectFor(const QString &location)
{
    if (isServerLocation(location))
        return std::make_unique<PostgresDialect>();
    return std::make_unique<SqliteDialect>();
}

} // namespace painmdt::storage
