#pragma once
// The one place that opens database connections (architecture.md "Storage habits").
#include "domain/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QHash>
#include <QElapsedTimer>
#include <QString>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace painmdt::storage {

class Dialect;

// Whether opening may make a new database. Only `import`, `demo`, `init` and the GUI's own
// default database create one (interchange contract); everything else refuses a missing file,
// so a mistyped path is an error, not an empty database full of zeros.
enum class OpenMode { CreateIfMissing, MustExist };

class Database {
public:
    // Opens (creating and migrating when new, if `mode` allows) the database at `location`: a
    // SQLite file path. Refuses, with a message that says what to do, a missing file (MustExist),
    // a file that is not a PainMDT database, a damaged one, one made by a newer version, or one
    // that cannot be written. On a server the database must exist; an empty one is "new".
    static Result<std::shared_ptr<Database>> open(const QString &location, OpenMode mode = OpenMode::CreateIfMissing);
    // Removes a database file and its companions (-wal, -shm, -journal); a server location is
    // left alone. Only for a database just made and now closed.
    static void removeFiles(const QString &location);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    const Dialect &dialect() const { return *m_dialect; }
    // `sql` run once with `values` bound in order, through the engine's cheapest path (Dialect).
    Status execBound(const QString &sql, const QVariantList &values);
    // After a bulk insert that numbered its own ids in `table` (Dialect::idsGivenTo).
    Status idsGivenTo(const QString &table, const QString &column = QStringLiteral("id"));
    QString location() const { return m_location; }
    int schemaVersion() const;
    // True when this open made the schema: the file, or the server database, was empty.
    bool createdNow() const { return m_createdNow; }
    // PRAGMA quick_check: a file with damaged pages is refused before anything is written to it
    // (about 1 s on the 100,000-patient demo). A check that could not run is a fault (Error::fault).
    Status quickCheck();
    // The full checks (`painmdt check`): each problem SQLite's integrity_check and
    // foreign_key_check report, at most `limit` of each; empty when the file is sound.
    Result<QStringList> integrityProblems(int limit = 20);
    Result<QStringList> foreignKeyProblems(int limit = 20);
    // What the account this connection logged in as may do that PainMDT's own roles cannot stop:
    // on the server, a superuser or the tables' owner can switch the audit trail's triggers off
    // (docs/adr/0025). Empty for a file, and for the server's staff role.
    Result<QStringList> privilegeWarnings();
    // Changes whenever another connection commits (PRAGMA data_version): how a second copy of
    // PainMDT on the same file is noticed. Cheap: no table is read.
    Result<qint64> dataVersion();
    // The whole database as one consistent image, in memory (backups; Dialect::snapshot), with
    // the rows each table held in that image.
    struct Snapshot {
        QByteArray image;
        std::map<QString, qint64> rowCounts;
    };
    Result<Snapshot> snapshot();
    Result<std::map<QString, qint64>> rowCounts(); // every table's COUNT(*)
    // The same of the file at `path`, as it is: not migrated, nothing written (a restore's check).
    static Result<std::map<QString, qint64>> rowCountsIn(const QString &path);
    // Everything replaced by the database in the file `source` (a verified restore).
    Status replaceFrom(const QString &source);
    // Asked of the engine: true while a transaction is open on this connection.
    bool inTransaction() const;
    // Around one statement the data may refuse (a unique ref, a trigger's rule): on an engine that
    // abandons the whole transaction at a refused statement (PostgreSQL), a savepoint keeps the
    // rest of it usable, so the caller can read on to explain the refusal, as on SQLite.
    class StatementMark {
    public:
        explicit StatementMark(Database &db);
        void done(bool ran); // released if it ran, rolled back to if it was refused
    private:
        QSqlDatabase m_connection;
        bool m_marked = false;
    };

    // The server connection made again when the engine found it lost (the server restarted, the
    // network dropped) and no transaction is open here: nothing is sent again, the next statement
    // goes to the new connection. prepared() and each outermost transaction ask first; a loss the
    // client library has not noticed yet costs one failed statement, whose error says so (one
    // inside a transaction fails that transaction: nothing of it is retried). Prepared statements
    // are prepared again in place (repositories hold references to them). `beginning`: asked by
    // the outermost transaction before its BEGIN, which counts itself open already.
    Status reconnectIfLost(bool beginning = false);
    bool connectionLost() const; // Dialect::connectionLost
    // Posts `committed` to `context` whenever another connection's write transaction commits,
    // where the engine announces commits (PostgreSQL's LISTEN/NOTIFY; listened to again after a
    // reconnection); false where it does not, and the caller polls dataVersion().
    bool listenForCommits(QObject *context, std::function<void()> committed);

    // A statement prepared once per connection and reused: preparing costs more than running a
    // small insert. Forward-only. The caller binds, runs, reads, and leaves it finished or
    // read to the end; never use one while iterating another instance of the same SQL.
    QSqlQuery &prepared(const QString &sql);

    // Writes wait for `gate` and are refused while it fails: the app's start-up check runs in the
    // background and a damaged database takes no writes (issue 11). None by default.
    void setWriteGate(std::function<Status()> gate) { m_writeGate = std::move(gate); }
    Status mayWrite() const { return m_writeGate ? m_writeGate() : success(); }

    // A bulk load's (docs/adr/0027): these secondary indexes are dropped now and built again, each
    // in one sorted pass, just before the outermost transaction commits (Transaction::commit), so
    // no commit can leave them missing; a rollback brings them back with everything else. Only
    // at the outermost level (a savepoint's rollback would bring one back unannounced), and only
    // where the engine allows it (Dialect::dropIndexForLoad); otherwise nothing happens. Reads
    // on those columns meanwhile scan the table: call rebuildDeferredIndexes() before such reads.
    // Each is remembered until the transaction ends, and the commit makes again any missing then
    // (a rebuild inside a savepoint that was rolled back).
    Status deferIndexes(const QStringList &names);
    Status rebuildDeferredIndexes();
    bool indexesDeferred(); // one of them is missing now
    void forgetDeferredIndexes() { m_deferredIndexes.clear(); } // by Transaction, as it ends

    // Savepoint depth, managed by Transaction only.
    int &transactionDepth() { return m_depth; }
    // Changes whenever rows may have gone: a new outermost transaction, or any rollback. What was
    // read inside the same generation is still there (the write lock is held throughout).
    quint64 &writeGeneration() { return m_generation; }
    // How many writes the one door has made to records of `entity` on this connection
    // (services/door.h): a fact read in this generation is still true while this stays the same.
    quint64 entityWrites(const QString &entity) const { return m_entityWrites.value(entity); }
    void noteWrite(const QString &entity) { ++m_entityWrites[entity]; }
    // The audit trail's last row as this connection last wrote it, valid only in the generation
    // it was written in (storage/changelog.cpp): every ChangeLog on the connection shares it.
    struct AuditHead {
        quint64 generation = 0;
        qint64 id = 0;
        QString hash;
    };
    AuditHead &auditHead() { return m_auditHead; }
    // The audit rows this connection wrote in its latest transaction: (before, last]. `before` was
    // the trail's end when the write lock was taken, so a change hub that had read up to it
    // knows every row to `last` is its own (services/changehub.cpp).
    struct AuditSpan {
        quint64 generation = 0;
        qint64 before = 0;
        qint64 last = 0;
    };
    AuditSpan &auditSpan() { return m_auditSpan; }

private:
    Database(QString location, QString connectionName, std::unique_ptr<Dialect> dialect);

    QString m_location;
    bool m_createdNow = false;
    QString m_connectionName; // unique per connection, so each thread can own its own
    std::unique_ptr<Dialect> m_dialect;
    int m_depth = 0;
    bool m_listening = false; // listenForCommits: subscribed again after a reconnection
    static constexpr int reconnectPauseMs = 15000;
    QElapsedTimer m_failedReconnect; // since the last failed reconnection: none within the pause
    quint64 m_generation = 0;
    QHash<QString, quint64> m_entityWrites;
    AuditHead m_auditHead;
    AuditSpan m_auditSpan;
    struct DeferredIndex {
        QString name;
        QString create; // the statement that makes it again
    };
    QList<DeferredIndex> m_deferredIndexes;
    std::function<Status()> m_writeGate;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unordered_set<QString> m_unprepared; // statements whose prepare failed (a table missing)
};

} // namespace painmdt::storage
