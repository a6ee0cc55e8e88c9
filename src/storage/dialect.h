#pragma once
// The seam between SQL engines (docs/adr/0003). SQLite is the desktop store; the team server
// (PostgreSQL) becomes a second Dialect with its own migrations folder, not a fork of the
// repositories. Repositories write SQL both engines accept (RETURNING, partial indexes,
// ISO date text compares); what differs lives here.
#include "domain/result.h"

#include <QByteArray>
#include <QPointer>
#include <QSocketNotifier>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <memory>
#include <functional>
#include <optional>
#include <unordered_map>

class QSqlDatabase;
struct sqlite3_stmt;

namespace painmdt::storage {

class Dialect {
public:
    virtual ~Dialect() = default;
    virtual QString name() const = 0;
    virtual QString qtDriver() const = 0;          // "QSQLITE"
    virtual QString migrationsPath() const = 0;    // resource folder of numbered .sql files
    // The statements of one migration file, to run in order (storage/migrations.h splitStatements).
    virtual QStringList statementsOf(const QString &migration) const;
    virtual QString connectOptions() const = 0;    // passed to QSqlDatabase::setConnectOptions
    // Points `db` at `location` (a file path; a server's URL); an error says what is wrong with it.
    virtual Status configure(QSqlDatabase &db, const QString &location);
    // Whether the location is a file (beside which live its journal, lock file and backups' names).
    virtual bool isFile() const { return true; }
    // Begins a write transaction that holds the one write lock (every engine: one writer at a time,
    // which the audit chain's numbering and the import's id numbering rely on).
    virtual QStringList beginTransactionSql() const = 0;
    // A transaction that reads one consistent state of the database and takes no writer's lock
    // (a long read, such as `painmdt copy`, must not hold every writer off).
    virtual QString beginSnapshotSql() const { return QStringLiteral("BEGIN"); }
    // Whether one refused statement abandons the whole transaction (storage::Database::StatementMark).
    virtual bool abandonsTransactionOnError() const { return false; }
    // Whether BEGIN, COMMIT and SAVEPOINT can be prepared statements (cheaper where they can).
    virtual bool preparesTransactionControl() const { return true; }
    // A number that moves when another connection commits (live refresh).
    virtual QString dataVersionSql() const = 0;
    // The channel on which every write transaction announces its commit to the other connections
    // (Database::listenForCommits); empty where there is none and they poll dataVersionSql().
    virtual QString commitChannel() const { return {}; }
    // Starts listening on the commit channel on this connection: `committed` is posted to
    // `context`'s thread for each other connection's commit. A null `context` listens again, with
    // those given before, on a connection made again. False where the engine cannot.
    virtual bool listenForCommits(const QSqlDatabase &, QObject * /*context*/, std::function<void()> /*committed*/)
    {
        return false;
    }
    // "The date `months` calendar months after the ISO date in `column`", clamped to the month's
    // end, as ISO text.
    virtual QString monthsFromSql(const QString &column, int months) const = 0;
    // `column` as an expression no index serves, to steer the planner to another index.
    virtual QString withoutIndex(const QString &column) const { return QStringLiteral("(%1 || '')").arg(column); }
    // How many of the triggers that keep the audit trail append-only are in force.
    virtual QString auditGuardSql() const = 0;
    virtual int auditGuardCount() const = 0;
    // After a bulk insert numbered its own ids: the engine's own numbering moves past them.
    virtual Status idsGivenTo(const QSqlDatabase &, const QString & /*table*/, const QString & /*column*/) const
    {
        return success();
    }
    // Put after INSERT INTO t(columns) so that the ids given are kept: on PostgreSQL an
    // ALWAYS identity (instrument_definition.rowid) refuses them otherwise.
    virtual QString keepingIds() const { return {}; }
    // The engine's own page and link checks (`painmdt check`, the start-up check); empty when sound.
    virtual Result<QStringList> integrityProblems(const QSqlDatabase &db, int limit) const = 0;
    virtual Result<QStringList> foreignKeyProblems(const QSqlDatabase &db, int limit) const = 0;
    virtual Status quickCheck(const QSqlDatabase &db, const QString &location) const = 0;
    virtual Result<QStringList> privilegeWarnings(const QSqlDatabase &) const { return QStringList(); } // Database's
    // Runs on every new connection: refuses a file that is not ours (before writing anything
    // to it), then sets the per-connection options and checks that they took.
    virtual Status prepareConnection(const QSqlDatabase &db, const QString &location) const = 0;
    // Looks at the location before the engine opens it: a damaged file is named as such.
    virtual Status checkFile(const QString &location) const = 0;
    // True while the connection is inside a transaction, asked of the engine itself: an engine
    // may abort a whole transaction on its own (SQLite on a full disk).
    virtual bool inTransaction(const QSqlDatabase &db) const = 0;
    // True when the open transaction already failed and can only roll back: PostgreSQL answers
    // COMMIT there with a silent ROLLBACK, which must not be reported as saved.
    virtual bool transactionFailed(const QSqlDatabase &) const { return false; }
    // True once the engine found the connection gone (a server restarted, a network dropped); a
    // file's never is. Asked of the client library (no round trip); an engine may read what the
    // server already sent.
    virtual bool connectionLost(const QSqlDatabase &) const { return false; }
    // Runs `sql` (a statement with no result rows) with `values` bound in order: a bulk import's
    // multi-row INSERTs (docs/adr/0018), each audit row. Through Qt here, each statement prepared
    // once per connection (QPSQL sends PREPARE and DEALLOCATE around a query prepared for one
    // use: two round trips more per write); an engine may bind more cheaply.
    virtual Status execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values);
    virtual void releaseStatements() { m_queries.clear(); } // before the connection closes
    // A bulk load's: drops the index inside the open transaction and returns the statement that
    // makes it again (Database::deferIndexes); empty when it is not there. Never dropped (empty)
    // where that would lock every reader out of the table until the commit (PostgreSQL).
    virtual Result<QString> dropIndexForLoad(const QSqlDatabase &, const QString & /*name*/) const { return QString(); }
    Result<bool> hasIndex(const QSqlDatabase &db, const QString &name) const; // by indexNamedSql
    virtual QString indexNamedSql() const = 0; // a row when the index named by its one value exists
    // A consistent image of the whole database, taken while others may go on writing (the
    // engine's online backup: a byte copy of a WAL database is not a backup). Held in memory,
    // so that patient data never lands in a temporary file.
    virtual Result<QByteArray> snapshot(const QSqlDatabase &db) = 0;
    // Replaces everything in `db` with the database in the file `source`, in one step that
    // other connections see whole or not at all.
    virtual Status replaceFrom(const QSqlDatabase &db, const QString &source) = 0;

private:
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_queries; // execBound's, by SQL
};

class SqliteDialect final : public Dialect {
public:
    QString name() const override { return QStringLiteral("SQLite"); }
    QString qtDriver() const override { return QStringLiteral("QSQLITE"); }
    QString migrationsPath() const override { return QStringLiteral(":/migrations/sqlite"); }
    QString connectOptions() const override { return QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"); }
    // IMMEDIATE takes the write lock at once, so two writers wait (busy timeout) instead of
    // one failing halfway with SQLITE_BUSY when its read lock cannot be upgraded.
    QStringList beginTransactionSql() const override { return {QStringLiteral("BEGIN IMMEDIATE")}; }
    QString dataVersionSql() const override { return QStringLiteral("PRAGMA data_version"); }
    QString monthsFromSql(const QString &column, int months) const override;
    QString auditGuardSql() const override;
    int auditGuardCount() const override { return 3; }
    Result<QStringList> integrityProblems(const QSqlDatabase &db, int limit) const override;
    Result<QStringList> foreignKeyProblems(const QSqlDatabase &db, int limit) const override;
    Status quickCheck(const QSqlDatabase &db, const QString &location) const override;
    Status prepareConnection(const QSqlDatabase &db, const QString &location) const override;
    Status checkFile(const QString &location) const override;
    bool inTransaction(const QSqlDatabase &db) const override;
    // Through SQLite's C API, each statement prepared once: QSqlResult formats a placeholder name
    // and hashes it for every value bound, a tenth of a million-row import's time.
    Status execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values) override;
    void releaseStatements() override;
    Result<QString> dropIndexForLoad(const QSqlDatabase &db, const QString &name) const override;
    QString indexNamedSql() const override
    {
        return QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
    }
    Result<QByteArray> snapshot(const QSqlDatabase &db) override;
    Status replaceFrom(const QSqlDatabase &db, const QString &source) override;
    ~SqliteDialect() override { releaseStatements(); }

private:
    bool sameLibrary(const QSqlDatabase &db);

    std::unordered_map<QString, sqlite3_stmt *> m_bound;
    std::optional<bool> m_sameLibrary;
};

// The team server (issue 12), through QPSQL: a location `postgresql://user@host:port/dbname`. The
// password never travels in the location (it is shown in titles and messages): libpq reads it
// from PGPASSWORD or ~/.pgpass.
class PostgresDialect final : public Dialect {
public:
    QString name() const override { return QStringLiteral("PostgreSQL"); }
    QString qtDriver() const override { return QStringLiteral("QPSQL"); }
    QString migrationsPath() const override { return QStringLiteral(":/migrations/postgresql"); }
    QStringList statementsOf(const QString &migration) const override;
    QString connectOptions() const override { return {}; } // configure() sets them from the location
    bool isFile() const override { return false; }
    QStringList beginTransactionSql() const override;
    bool preparesTransactionControl() const override { return false; }
    bool abandonsTransactionOnError() const override { return true; }
    QString dataVersionSql() const override;
    QString monthsFromSql(const QString &column, int months) const override;
    QString auditGuardSql() const override;
    int auditGuardCount() const override { return 3; }
    Status idsGivenTo(const QSqlDatabase &db, const QString &table, const QString &column) const override;
    QString keepingIds() const override { return QStringLiteral(" OVERRIDING SYSTEM VALUE"); }
    QString beginSnapshotSql() const override
    {
        return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
    Result<QStringList> integrityProblems(const QSqlDatabase &, int) const override { return QStringList(); }
    Result<QStringList> foreignKeyProblems(const QSqlDatabase &, int) const override { return QStringList(); }
    Status quickCheck(const QSqlDatabase &, const QString &) const override { return success(); }
    Result<QStringList> privilegeWarnings(const QSqlDatabase &db) const override;
    QString indexNamedSql() const override
    {
        return QStringLiteral("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?");
    }
    Status prepareConnection(const QSqlDatabase &db, const QString &location) const override;
    Status checkFile(const QString &) const override { return success(); }
    bool inTransaction(const QSqlDatabase &db) const override;
    bool transactionFailed(const QSqlDatabase &db) const override;
    bool connectionLost(const QSqlDatabase &db) const override;
    QString commitChannel() const override { return QStringLiteral("painmdt_commit"); } // LISTEN/NOTIFY
    bool listenForCommits(const QSqlDatabase &db, QObject *context, std::function<void()> committed) override;
    void releaseStatements() override;
    Result<QByteArray> snapshot(const QSqlDatabase &db) override;
    Status replaceFrom(const QSqlDatabase &db, const QString &source) override;
    Status configure(QSqlDatabase &db, const QString &location) override;

private:
    // Not QPSQL's own notifications: its socket watcher is lost when the connection is made again.
    // Ours drains libpq's queue on the socket's signal and before each statement (connectionLost),
    // since a notice that arrives during another statement's reply never signals the socket.
    void drainNotifications(const QSqlDatabase &db) const;
    std::unique_ptr<QSocketNotifier> m_listener;
    QPointer<QObject> m_context;
    std::function<void()> m_committed;
};

bool isServerLocation(const QString &location);
std::unique_ptr<Dialect> dialectFor(const QString &location);

} // namespace painmdt::storage
