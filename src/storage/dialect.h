#pragma once
// The seam between SQL engines (docs/adr/0003). SQLite is the desktop store; the team server
// (PostgreSQL) becomes a second Dialect with its own migrations folder, not a fork of the
// repositories. Repositories write SQL both engines accept (RETURNING, partial indexes,
// ISO date text compares); what differs lives here.
#include "domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <memory>
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
    virtual QString connectOptions() const = 0;    // passed to QSqlDatabase::setConnectOptions
    virtual QString beginTransactionSql() const = 0;
    // Runs on every new connection: refuses a file that is not ours (before writing anything
    // to it), then sets the per-connection options and checks that they took.
    virtual Status prepareConnection(const QSqlDatabase &db, const QString &location) const = 0;
    // Looks at the location before the engine opens it: a damaged file is named as such.
    virtual Status checkFile(const QString &location) const = 0;
    // True while the connection is inside a transaction, asked of the engine itself: an engine
    // may abort a whole transaction on its own (SQLite on a full disk).
    virtual bool inTransaction(const QSqlDatabase &db) const = 0;
    // Runs `sql` (a statement with no result rows) with `values` bound in order: a bulk import's
    // multi-row INSERTs (docs/adr/0018). Through Qt here; an engine may bind more cheaply.
    virtual Status execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values);
    virtual void releaseStatements() {} // before the connection closes
    // A consistent image of the whole database, taken while others may go on writing (the
    // engine's online backup: a byte copy of a WAL database is not a backup). Held in memory,
    // so that patient data never lands in a temporary file.
    virtual Result<QByteArray> snapshot(const QSqlDatabase &db) = 0;
    // Replaces everything in `db` with the database in the file `source`, in one step that
    // other connections see whole or not at all.
    virtual Status replaceFrom(const QSqlDatabase &db, const QString &source) = 0;
};

class SqliteDialect final : public Dialect {
public:
    QString name() const override { return QStringLiteral("SQLite"); }
    QString qtDriver() const override { return QStringLiteral("QSQLITE"); }
    QString migrationsPath() const override { return QStringLiteral(":/migrations/sqlite"); }
    QString connectOptions() const override { return QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"); }
    // IMMEDIATE takes the write lock at once, so two writers wait (busy timeout) instead of
    // one failing halfway with SQLITE_BUSY when its read lock cannot be upgraded.
    QString beginTransactionSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    Status prepareConnection(const QSqlDatabase &db, const QString &location) const override;
    Status checkFile(const QString &location) const override;
    bool inTransaction(const QSqlDatabase &db) const override;
    // Through SQLite's C API, each statement prepared once: QSqlResult formats a placeholder name
    // and hashes it for every value bound, a tenth of a million-row import's time.
    Status execBound(const QSqlDatabase &db, const QString &sql, const QVariantList &values) override;
    void releaseStatements() override;
    Result<QByteArray> snapshot(const QSqlDatabase &db) override;
    Status replaceFrom(const QSqlDatabase &db, const QString &source) override;
    ~SqliteDialect() override { releaseStatements(); }

private:
    bool sameLibrary(const QSqlDatabase &db);

    std::unordered_map<QString, sqlite3_stmt *> m_bound;
    std::optional<bool> m_sameLibrary;
};

std::unique_ptr<Dialect> dialectFor(const QString &location);

} // namespace painmdt::storage
