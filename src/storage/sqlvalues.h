#pragma once
// Conversions between domain values and SQL values, shared by the repositories.
#include "domain/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace painmdt::storage {

inline QVariant nullIfEmpty(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

inline QVariant isoOrNull(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

inline QDate dateAt(const QSqlQuery &q, int column)
{
    return QDate::fromString(q.value(column).toString(), Qt::ISODate);
}

inline void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}

// Runs an INSERT ... RETURNING id; `what` names the record in the message ("patient").
inline Result<qint64> insertReturningId(QSqlQuery &q, const QString &what)
{
    if (!q.exec() || !q.next())
        return Error{QCoreApplication::translate("Storage", "The %1 could not be saved: %2").arg(what, q.lastError().text())};
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

// Runs an optimistic UPDATE (... WHERE id = ? AND row_version = ?): no row means someone else
// saved first, and nothing is overwritten.
inline Status updatedOne(QSqlQuery &q, const QString &what)
{
    if (!q.exec())
        return Error{QCoreApplication::translate("Storage", "The %1 could not be saved: %2").arg(what, q.lastError().text())};
    if (q.numRowsAffected() != 1)
        return Error{QCoreApplication::translate("Storage", "Someone else changed this %1 meanwhile. Open it again "
                                                            "and redo your change.").arg(what)};
    return success();
}

} // namespace painmdt::storage
