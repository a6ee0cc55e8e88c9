#pragma once
// RAII transaction: commits only when asked, rolls back at scope end otherwise. Nested
// transactions become savepoints, so one failed row of an import can be undone on its own.
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
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    Status commit();
    void rollback();

private:
    bool exec(const QString &sql);

    Database &m_db;
    int m_level = 0;   // 1 = outermost transaction, deeper = savepoint
    bool m_open = false;
    QString m_error;
};

} // namespace painmdt::storage
