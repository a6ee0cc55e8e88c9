#include "storage/transaction.h"

#include "storage/database.h"
#include "storage/dialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace painmdt::storage {

Transaction::Transaction(Database &database) : m_db(database)
{
    m_level = ++m_db.transactionDepth();
    m_open = exec(m_level == 1 ? m_db.dialect().beginTransactionSql()
                               : QStringLiteral("SAVEPOINT sp%1").arg(m_level));
    if (!m_open)
        --m_db.transactionDepth();
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::exec(const QString &sql)
{
    QSqlQuery &q = m_db.prepared(sql);
    if (q.exec())
        return true;
    m_error = q.lastError().text();
    return false;
}

Status Transaction::commit()
{
    if (!m_open)
        return Error{m_error.isEmpty() ? QStringLiteral("No transaction is open.") : m_error};
    const bool done = exec(m_level == 1 ? QStringLiteral("COMMIT")
                                        : QStringLiteral("RELEASE SAVEPOINT sp%1").arg(m_level));
    if (!done) {
        rollback();
        return Error{QObject::tr("The change could not be saved: %1").arg(m_error)};
    }
    m_open = false;
    --m_db.transactionDepth();
    return success();
}

void Transaction::rollback()
{
    if (!m_open)
        return;
    if (m_level == 1)
        exec(QStringLiteral("ROLLBACK"));
    else if (exec(QStringLiteral("ROLLBACK TO SAVEPOINT sp%1").arg(m_level)))
        exec(QStringLiteral("RELEASE SAVEPOINT sp%1").arg(m_level));
    m_open = false;
    --m_db.transactionDepth();
}

} // namespace painmdt::storage
