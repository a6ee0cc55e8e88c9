#include "storage/transaction.h"

#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/sqlerror.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <algorithm>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Transaction", text); }

QString lostTransaction()
{
    return tr("The database abandoned the change part-way (the whole transaction was rolled back, "
              "often because the disk is full). Nothing was saved; free some disk space and try again.");
}

QString lostConnection()
{
    return tr("The connection to the database server was lost before this change was saved, so nothing was "
              "saved. PainMDT connects again at your next step: try again.");
}

// Never retried: sending the change again could save it twice.
QString uncertainCommit()
{
    return tr("The connection to the database server was lost while this change was being saved, so "
              "PainMDT cannot tell whether it was saved. Nothing will be sent again: open the record to see "
              "whether the change is there before saving it again.");
}

} // namespace

Transaction::Transaction(Database &database) : m_db(database)
{
    m_level = ++m_db.transactionDepth();
    if (m_level == 1)
        ++m_db.writeGeneration();
    if (m_level > 1 && !m_db.inTransaction()) {
        m_error = lostTransaction(); // a SAVEPOINT here would start, and later commit, a new transaction
    } else if (Status allowed = m_level == 1 ? m_db.mayWrite() : success(); !allowed) {
        m_error = allowed.error(); // a database found damaged takes no more writes
    } else {
        m_open = m_level == 1 ? begin() : exec(QStringLiteral("SAVEPOINT sp%1").arg(m_level), m_error);
    }
    if (!m_open)
        --m_db.transactionDepth();
}

Transaction::~Transaction()
{
    (void)rollback();
}

// The outermost transaction, holding the write lock; none is left open if taking the lock failed.
// A connection found lost at BEGIN is made again and BEGIN sent once more: nothing was written.
bool Transaction::begin()
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (Status connected = m_db.reconnectIfLost(true); !connected) {
            m_error = connected.error();
            return false;
        }
        const QStringList statements = m_db.dialect().beginTransactionSql();
        const bool begun = std::all_of(statements.begin(), statements.end(), [this](const QString &sql) { return exec(sql, m_error); });
        if (begun) {
            m_error.clear(); // a first try's lost connection is not this transaction's reason
            return true;
        }
        QString ignored;
        if (m_db.inTransaction())
            exec(QStringLiteral("ROLLBACK"), ignored);
        if (!m_db.connectionLost())
            return false;
    }
    return false;
}

bool Transaction::exec(const QString &sql, QString &error)
{
    const bool prepare = m_db.dialect().preparesTransactionControl();
    QSqlQuery unprepared(m_db.connection());
    QSqlQuery &q = prepare ? m_db.prepared(sql) : unprepared;
    if (prepare ? q.exec() : q.exec(sql))
        return true;
    error = explain(q.lastError());
    return false;
}

void Transaction::close()
{
    m_open = false;
    --m_db.transactionDepth();
}

Status Transaction::commit()
{
    if (!m_open)
        return Error{m_error.isEmpty() ? tr("No transaction is open.") : m_error};
    QString error;
    if (m_level == 1) { // a bulk load's indexes are made again first: never committed without them
        if (Status rebuilt = m_db.rebuildDeferredIndexes(); !rebuilt)
            error = rebuilt.error();
    }
    // Only a live transaction commits (PostgreSQL answers COMMIT with no transaction, or in a
    // failed one, with success); a savepoint's release must leave one live behind.
    const bool live = m_db.inTransaction() && !m_db.dialect().transactionFailed(m_db.connection());
    // Delivered to every connection listening when, and only if, the COMMIT succeeds.
    const QString channel = m_db.dialect().commitChannel();
    const bool announced = m_level != 1 || channel.isEmpty() || !live || exec(QStringLiteral("NOTIFY ") + channel, error);
    const bool sendsCommit = m_level == 1 && error.isEmpty() && live && announced;
    const bool done = m_level == 1 ? sendsCommit && exec(QStringLiteral("COMMIT"), error)
                                   : live && exec(QStringLiteral("RELEASE SAVEPOINT sp%1").arg(m_level), error)
                                         && m_db.inTransaction();
    if (!done && sendsCommit && m_db.connectionLost()) {
        ++m_db.writeGeneration(); // rows written may or may not be there
        close(); // the server ended the transaction: only it knows whether COMMIT arrived
        return Error{uncertainCommit(), false, true};
    }
    if (!done) {
        m_error = !error.isEmpty() ? error : m_db.connectionLost() ? lostConnection() : lostTransaction();
        (void)rollback(); // keeps m_error: the reason the user needs is the first one
        return Error{tr("The change could not be saved: %1").arg(m_error)};
    }
    if (m_level == 1)
        m_db.forgetDeferredIndexes();
    close();
    return success();
}

Status Transaction::rollback()
{
    if (!m_open)
        return success();
    ++m_db.writeGeneration(); // rows written since may be gone
    QString error;
    bool done = false;
    if (m_level == 1) {
        m_db.forgetDeferredIndexes(); // the rollback brings them back
        done = !m_db.inTransaction() || exec(QStringLiteral("ROLLBACK"), error);
    } else {
        done = m_db.inTransaction() && exec(QStringLiteral("ROLLBACK TO SAVEPOINT sp%1").arg(m_level), error)
               && exec(QStringLiteral("RELEASE SAVEPOINT sp%1").arg(m_level), error);
    }
    close();
    if (done)
        return success();
    if (m_error.isEmpty())
        m_error = error.isEmpty() ? lostTransaction() : error;
    return Error{m_error};
}

} // namespace painmdt::storage
