#pragma once
// The one place that opens database connections (architecture.md "Storage habits").
#include "domain/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <memory>
#include <unordered_map>

namespace painmdt::storage {

class Dialect;

class Database {
public:
    // Opens (creating and migrating when new) the database at `location`: a SQLite file path.
    // Refuses, with a message that says what to do, a file that is not a PainMDT database, one
    // made by a newer version, or one that cannot be written.
    static Result<std::shared_ptr<Database>> open(const QString &location);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    const Dialect &dialect() const { return *m_dialect; }
    QString location() const { return m_location; }
    int schemaVersion() const;

    // A statement prepared once per connection and reused: preparing costs more than running a
    // small insert. Forward-only. The caller binds, runs, reads, and leaves it finished or
    // read to the end; never use one while iterating another instance of the same SQL.
    QSqlQuery &prepared(const QString &sql);

    // Savepoint depth, managed by Transaction only.
    int &transactionDepth() { return m_depth; }

private:
    Database(QString location, QString connectionName, std::unique_ptr<Dialect> dialect);

    QString m_location;
    QString m_connectionName; // unique per connection, so each thread can own its own
    std::unique_ptr<Dialect> m_dialect;
    int m_depth = 0;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

} // namespace painmdt::storage
