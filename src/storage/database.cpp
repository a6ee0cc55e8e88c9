#include "storage/database.h"

#include "storage/dialect.h"
#include "storage/migrations.h"
#include "storage/sqlerror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace painmdt::storage {

namespace {

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("painmdt-%1").arg(++counter);
}

Status checkWritable(const QString &path)
{
    const QFileInfo file(path);
    const QFileInfo dir(file.absolutePath());
    if (file.exists() && file.isDir())
        return Error{QObject::tr("%1 is a folder, not a database file. Give the path of a file.").arg(path)};
    if (!dir.exists() && !QDir().mkpath(dir.absoluteFilePath()))
        return Error{QObject::tr("Cannot create the folder %1. Check the path and your permissions.")
                         .arg(dir.absoluteFilePath())};
    // The mode bits are checked too: root may write anything, but a file marked read-only was
    // meant to stay unchanged.
    if (file.exists() && (!file.isWritable() || !(file.permissions() & QFileDevice::WriteOwner)))
        return Error{QObject::tr("The database %1 is read-only. PainMDT must be able to write to it: "
                                 "ask for write access, or copy it to a folder of your own.").arg(path)};
    if (!QFileInfo(dir.absoluteFilePath()).isWritable())
        return Error{QObject::tr("The folder %1 is read-only. PainMDT keeps a journal beside the "
                                 "database: ask for write access, or move the file.").arg(dir.absoluteFilePath())};
    return success();
}

QString noDatabase(const QString &location)
{
    return QObject::tr("There is no PainMDT database at %1. Check the path; to start a new database "
                       "there, run: painmdt init --db %1").arg(location);
}

} // namespace

Database::Database(QString location, QString connectionName, std::unique_ptr<Dialect> dialect)
    : m_location(std::move(location)), m_connectionName(std::move(connectionName)),
      m_dialect(std::move(dialect))
{
}

Database::~Database()
{
    m_statements.clear(); // statements must go before their connection
    m_dialect->releaseStatements();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<qint64> Database::dataVersion()
{
    QSqlQuery &q = prepared(m_dialect->dataVersionSql());
    if (!q.exec() || !q.next())
        return sqlError(q.lastError());
    const qint64 version = q.value(0).toLongLong();
    q.finish();
    return version;
}

Status Database::execBound(const QString &sql, const QVariantList &values)
{
    return m_dialect->execBound(connection(), sql, values);
}

Status Database::idsGivenTo(const QString &table, const QString &column)
{
    return m_dialect->idsGivenTo(connection(), table, column);
}

bool Database::connectionLost() const
{
    return m_dialect->connectionLost(connection());
}

Status Database::reconnectIfLost(bool beginning)
{
    if (m_depth > (beginning ? 1 : 0) || !connectionLost())
        return success();
    // While the server cannot be reached each try may wait the connection timeout: not at every
    // statement (the GUI thread's poll among them), but once in a while.
    if (m_failedReconnect.isValid() && m_failedReconnect.elapsed() < reconnectPauseMs)
        return Error{QObject::tr("The connection to the database server is lost, and PainMDT could not connect again. It "
                                 "tries again shortly; check the network and that the server is running."),
                     false, true};
    spdlog::warn("the connection to the database server was lost: connecting again");
    QSqlDatabase db = connection();
    db.close();
    m_dialect->releaseStatements();
    const Status connected = db.open() ? m_dialect->prepareConnection(db, m_location)
                                       : Status(Error{QObject::tr("Cannot connect to %1 again: %2").arg(m_location, explain(db.lastError()))});
    if (!connected) {
        spdlog::error("could not connect again: {}", connected.error().toStdString());
        db.close(); // never half made: lost again at the next try
        m_failedReconnect.start();
        return Error{connected.error(), false, true};
    }
    m_failedReconnect.invalidate();
    ++m_generation; // facts cached about the old connection's view (the audit chain's head) are read again
    if (m_listening && !m_dialect->listenForCommits(db, nullptr, {}))
        spdlog::warn("could not listen for commits again: changes by others are seen by polling");
    for (auto &[sql, slot] : m_statements) // in place: repositories hold references to them
        if (slot && !slot->prepare(sql))
            m_unprepared.insert(sql);
    return success();
}

bool Database::listenForCommits(QObject *context, std::function<void()> committed)
{
    m_listening = m_dialect->listenForCommits(connection(), context, std::move(committed));
    return m_listening;
}

QSqlQuery &Database::prepared(const QString &sql)
{
    (void)reconnectIfLost(); // when it fails, so does the statement, saying why
    auto &slot = m_statements[sql];
    if (!slot || m_unprepared.count(sql)) { // a failed prepare is tried again, not kept for good
        if (!slot) {
            slot = std::make_unique<QSqlQuery>(connection());
            slot->setForwardOnly(true);
        }
        if (slot->prepare(sql)) {
            m_unprepared.erase(sql);
        } else {
            m_unprepared.insert(sql);
            spdlog::error("statement could not be prepared: {}", slot->lastError().text().toStdString());
        }
    }
    return *slot;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    const auto version = readSchemaVersion(connection());
    return version ? version.value() : -1;
}

Status Database::deferIndexes(const QStringList &names)
{
    if (m_depth != 1 || !inTransaction())
        return success(); // see the header: only the outermost transaction defers
    for (const QString &name : names) {
        const auto create = m_dialect->dropIndexForLoad(connection(), name);
        if (!create)
            return create.failure(); // those dropped before it are rebuilt all the same
        if (!create->isEmpty())
            m_deferredIndexes.append({name, create.value()});
    }
    return success();
}

Status Database::rebuildDeferredIndexes()
{
    if (!inTransaction())
        return success(); // the engine rolled back on its own, and brought them back with it
    for (const DeferredIndex &index : std::as_const(m_deferredIndexes)) {
        const auto present = m_dialect->hasIndex(connection(), index.name);
        if (!present)
            return Error{present.error(), false, true};
        QSqlQuery q(connection());
        if (!present.value() && !q.exec(index.create))
            return Error{explain(q.lastError()), false, true};
    }
    return success();
}

bool Database::indexesDeferred()
{
    return std::any_of(m_deferredIndexes.cbegin(), m_deferredIndexes.cend(), [&](const DeferredIndex &index) {
        const auto present = m_dialect->hasIndex(connection(), index.name);
        return present && !present.value();
    });
}

Status Database::quickCheck()
{
    return m_dialect->quickCheck(connection(), m_location);
}

namespace {

// Every table's COUNT(*) on `db`. Table names come from the file itself (a restored backup's): each
// is quoted by the driver, so a name holding a quote cannot change the statement.
Result<std::map<QString, qint64>> countTables(const QSqlDatabase &db)
{
    std::map<QString, qint64> counts;
    QSqlQuery q(db);
    for (const QString &table : db.tables(QSql::Tables)) {
        const QString quoted = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted)) || !q.next())
            return Error{explain(q.lastError()), false, true};
        counts[table] = q.value(0).toLongLong();
    }
    return counts;
}

} // namespace

Result<std::map<QString, qint64>> Database::rowCounts()
{
    return countTables(connection());
}

Result<std::map<QString, qint64>> Database::rowCountsIn(const QString &path)
{
    const QString name = nextConnectionName();
    Result<std::map<QString, qint64>> counts = Error{};
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        raw.setDatabaseName(path);
        counts = raw.open() ? countTables(raw) : Error{explain(raw.lastError()), false, true};
    }
    QSqlDatabase::removeDatabase(name);
    return counts;
}

// Counted and copied in one read transaction: the counts describe exactly the pages copied.
Result<Database::Snapshot> Database::snapshot()
{
    QSqlQuery q(connection());
    if (!q.exec(QStringLiteral("BEGIN")))
        return Error{explain(q.lastError()), false, true};
    auto counts = rowCounts();
    auto image = counts ? m_dialect->snapshot(connection()) : Result<QByteArray>(counts.failure());
    q.exec(QStringLiteral("COMMIT"));
    if (!image)
        return image.failure();
    return Snapshot{image.value(), counts.value()};
}

Status Database::replaceFrom(const QString &source)
{
    for (auto &[sql, statement] : m_statements) // kept (repositories hold them), but none may be mid-read
        statement->finish();
    Status replaced = m_dialect->replaceFrom(connection(), source);
    ++m_generation; // every row may have changed
    m_auditHead = {};
    return replaced;
}

Result<QStringList> Database::integrityProblems(int limit)
{
    return m_dialect->integrityProblems(connection(), limit);
}

Result<QStringList> Database::foreignKeyProblems(int limit)
{
    return m_dialect->foreignKeyProblems(connection(), limit);
}

Result<QStringList> Database::privilegeWarnings()
{
    return m_dialect->privilegeWarnings(connection());
}

bool Database::inTransaction() const
{
    return m_dialect->inTransaction(connection());
}

Database::StatementMark::StatementMark(Database &db) : m_connection(db.connection())
{
    if (db.dialect().abandonsTransactionOnError() && db.inTransaction())
        m_marked = QSqlQuery(m_connection).exec(QStringLiteral("SAVEPOINT statement_mark"));
}

void Database::StatementMark::done(bool ran)
{
    if (std::exchange(m_marked, false))
        QSqlQuery(m_connection).exec(ran ? QStringLiteral("RELEASE SAVEPOINT statement_mark")
                                         : QStringLiteral("ROLLBACK TO SAVEPOINT statement_mark"));
}

void Database::removeFiles(const QString &location)
{
    if (isServerLocation(location))
        return;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(location + QLatin1String(suffix));
}

Result<std::shared_ptr<Database>> Database::open(const QString &location, OpenMode mode)
{
    auto dialect = dialectFor(location);
    const bool isFile = dialect->isFile();
    if (isFile) {
        if (mode == OpenMode::MustExist && !QFileInfo(location).isDir() && QFileInfo(location).size() == 0)
            return Error{noDatabase(location)};
        if (Status writable = checkWritable(location); !writable)
            return Error{writable.error()};
        if (Status file = dialect->checkFile(location); !file)
            return Error{file.error()};
    }
    const bool existed = isFile && QFileInfo::exists(location);
    const QString name = nextConnectionName();
    Status configured = success();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(dialect->qtDriver(), name);
        configured = dialect->configure(db, location);
    }
    std::shared_ptr<Database> database(new Database(location, name, std::move(dialect)));
    QSqlDatabase db = database->connection();
    const auto failed = [&](const QString &message) -> Result<std::shared_ptr<Database>> {
        db = QSqlDatabase();
        database.reset(); // closes the connection before its files go
        if (isFile && !existed) // a database this call began (e.g. on a full disk) is not left behind half-made
            removeFiles(location);
        return Error{message};
    };
    if (!configured)
        return failed(configured.error());
    if (!db.open())
        return failed(QObject::tr("Cannot open %1: %2").arg(location, explain(db.lastError())));
    if (Status s = database->dialect().prepareConnection(db, location); !s)
        return failed(s.error());
    // A server always exists: an empty database on it is what a missing file is to SQLite.
    if (!isFile && mode == OpenMode::MustExist && db.tables().isEmpty())
        return failed(noDatabase(location));
    const auto before = readSchemaVersion(db);
    database->m_createdNow = before && before.value() == 0;
    if (Status s = migrate(*database); !s)
        return failed(s.error());
    spdlog::info("database opened: schema {}", database->schemaVersion());
    return database;
}

} // namespace painmdt::storage
