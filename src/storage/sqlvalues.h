#pragma once
// Conversions between domain values and SQL values, shared by the repositories.
#include "domain/result.h"
#include "storage/database.h"
#include "storage/sqlerror.h"

#include <QCoreApplication>
#include <QDate>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTime>
#include <QVariant>

#include <algorithm>

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

// "HH:mm" as stored; invalid when NULL.
inline QTime timeAt(const QSqlQuery &q, int column)
{
    return QTime::fromString(q.value(column).toString(), QStringLiteral("HH:mm"));
}

inline void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}

// The message of every failed read: what failed and what to do.
inline Error readError(const QSqlQuery &q)
{
    return sqlError(q.lastError(), QCoreApplication::translate("Storage", "The database could not be read: "));
}

// Runs a prepared query expected to find at most one row.
template <typename T, typename From>
Maybe<T> fetchOne(QSqlQuery &q, From from)
{
    if (!q.exec())
        return readError(q);
    std::optional<T> found;
    if (q.next())
        found = from(q);
    q.finish();
    return found;
}

// Runs a prepared query and converts every row.
template <typename T, typename From>
Many<T> fetchAll(QSqlQuery &q, From from)
{
    if (!q.exec())
        return readError(q);
    std::vector<T> found;
    while (q.next())
        found.push_back(from(q));
    if (q.lastError().isValid()) // a step that failed part way (busy, damaged page)
        return readError(q);
    q.finish();
    return found;
}

// Rows whose `column` is one of `keys`: `select` (ending in its WHERE clause's start, e.g.
// "SELECT ... FROM t WHERE ") with "column IN (?, ...)" appended, run in chunks of a fixed
// size (the last padded with its own last key) so that one prepared statement serves them all.
// A bulk import reads a batch's records in one statement instead of one each.
template <typename T, typename Key, typename From>
Many<T> fetchIn(Database &db, const QString &select, const QString &column, QList<Key> keys, From from)
{
    constexpr qsizetype chunk = 250;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end()); // each row once
    std::vector<T> found;
    QStringList marks(chunk, QStringLiteral("?"));
    QSqlQuery &q = db.prepared(select + column + QStringLiteral(" IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    for (qsizetype start = 0; start < keys.size(); start += chunk) {
        for (qsizetype i = start; i < start + chunk; ++i)
            q.addBindValue(QVariant::fromValue(keys[std::min(i, keys.size() - 1)]));
        auto rows = fetchAll<T>(q, from);
        if (!rows)
            return rows.failure();
        found.insert(found.end(), std::make_move_iterator(rows->begin()), std::make_move_iterator(rows->end()));
    }
    return found;
}

// Runs an INSERT ... RETURNING id; `what` names the record in the message ("patient").
inline Result<qint64> insertReturningId(Database &db, QSqlQuery &q, const QString &what)
{
    Database::StatementMark mark(db);
    if (!q.exec() || !q.next()) {
        const Error refused = sqlError(q.lastError(), QCoreApplication::translate("Storage", "The %1 could not be saved: ").arg(what));
        mark.done(false);
        return refused;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    mark.done(true);
    return id;
}

// The refusal of a save made against an old row version: who saved row `id` of `table` since,
// and when ("Jane Smith (jane.smith) changed this patient at 14:32 on 07-Dec-2026"), read from the
// row itself, marked stale so that a form can offer to reload. `table` is the caller's constant.
Error staleSave(Database &db, const char *table, qint64 id, const QString &what);

// Runs an optimistic UPDATE (... WHERE id = ? AND row_version = ?) of row `id` of `table`: no row
// means someone else saved first, and nothing is overwritten.
inline Status updatedOne(Database &db, QSqlQuery &q, const QString &what, const char *table, qint64 id)
{
    Database::StatementMark mark(db);
    const bool ran = q.exec();
    const Error refused = ran ? Error{} : sqlError(q.lastError(), QCoreApplication::translate("Storage", "The %1 could not be saved: ").arg(what));
    mark.done(ran);
    if (!ran)
        return refused;
    if (q.numRowsAffected() != 1)
        return staleSave(db, table, id, what);
    return success();
}

// A stored ref that equals `ref` but for upper/lower case ("" when none): refs are matched
// exactly, and such a near-twin is refused rather than made a second record (schema 5 indexes
// these look-ups). `table` and `column` are the caller's constants, never user text.
inline Result<QString> refInOtherCase(Database &db, const char *table, const char *column, const QString &ref)
{
    if (ref.isEmpty())
        return QString();
    QSqlQuery &q = db.prepared(QStringLiteral("SELECT %2 FROM %1 WHERE %2 = ? COLLATE NOCASE AND %2 <> ? LIMIT 1")
                                   .arg(QLatin1String(table), QLatin1String(column)));
    q.addBindValue(ref);
    q.addBindValue(ref);
    if (!q.exec())
        return sqlError(q.lastError());
    const QString found = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return found;
}

// Marks one record entered in error (`reason`), or live again ("" ), if it is still at
// `expectedVersion` (schema 12). `table` is the caller's constant, never user text.
inline Status setEnteredInError(Database &db, const char *table, qint64 id, int expectedVersion, const QString &reason,
                                const QString &at, const QString &actor)
{
    QSqlQuery &q = db.prepared(QStringLiteral("UPDATE %1 SET entered_in_error = ?, updated_at = ?, updated_by = ?, "
                                              "row_version = row_version + 1 WHERE id = ? AND row_version = ?")
                                   .arg(QLatin1String(table)));
    q.addBindValue(nullIfEmpty(reason));
    q.addBindValue(at);
    q.addBindValue(actor);
    q.addBindValue(id);
    q.addBindValue(expectedVersion);
    return updatedOne(db, q, QLatin1String(table), table, id);
}

} // namespace painmdt::storage
