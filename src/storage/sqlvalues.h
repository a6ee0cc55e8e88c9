#pragma once
// Conversions between domain values and SQL values, shared by the repositories.
#include <QDate>
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

} // namespace painmdt::storage
