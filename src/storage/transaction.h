#pragma once
// RAII transaction: commits only when asked, rolls back at scope end otherwise. Nested
// transactions become savepoints, so one failed row of an import can be undone on its own.
// A savepoint is only ever opened inside a live transaction: if the engine aborted the whole
// transaction underneath (SQLITE_FULL while spilling, for one), a nested Transaction refuses to
// start, so no later write can slip out as its own little commit.
#include "domain/result.h"

namespace painmdt::storage {

class Database;

class Transaction {
public:
    explicit Transaction(Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // False when BEGIN itself failed (e.g. the database is locked); error() says why.
    bool ok() const { return m_open; }
    QString error() const { return m_error; }

    Status commit();
    // Fails when the engine could not roll back to this point (the enclosing transaction is
    // gone): the caller must stop writing.
    Status rollback();

private:
    bool begin();
    bool exec(const QString &sql, QString &error);
    void close();

    Database &m_db;
    int m_level = 0;   // 1 = outermost transaction, deeper = savepoint
    bool m_open = false;
    QString m_error;   // the first failure: never overwritten by a later rollback's
};

} // namespace painmdt::storage
