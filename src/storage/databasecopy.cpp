#include "storage/databasecopy.h"

#include "storage/changelog.h"
#include "storage/dialect.h"
#include "storage/sqlerror.h"
#include "storage/transaction.h"

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QObject>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

#include <cmath>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QObject::tr(text); }

// Each table's key, for a fixed row order. instrument_definition's rowid is SQLite's hidden
// one, named by the audit trail; the server's schema has it as a real column.
QString keyOf(const QString &table)
{
    if (table == QLatin1String("meta") || table == QLatin1String("setting"))
        return QStringLiteral("key");
    if (table == QLatin1String("pathway"))
        return QStringLiteral("code");
    if (table == QLatin1String("instrument_definition"))
        return QStringLiteral("rowid");
    return QStringLiteral("id");
}

// The columns copied: the table's own, and instrument_definition's rowid on both engines.
QStringList columnsOf(const Database &db, const QString &table)
{
    QStringList columns;
    const QSqlRecord record = db.connection().record(table);
    for (int i = 0; i < record.count(); ++i)
        columns << record.fieldName(i);
    if (keyOf(table) == QLatin1String("rowid") && !columns.contains(QLatin1String("rowid")))
        columns << QStringLiteral("rowid");
    return columns;
}

// One value as both engines give it back: numbers by value (SQLite's 12.0 is the server's 12),
// text and bytes length-prefixed so that no two rows encode alike.
void encode(QCryptographicHash &hash, const QVariant &value)
{
    if (value.isNull()) {
        hash.addData(QByteArrayView("N;"));
        return;
    }
    const int type = value.metaType().id();
    if (type == QMetaType::Double || type == QMetaType::Float) {
        const double d = value.toDouble();
        const bool whole = std::trunc(d) == d && std::fabs(d) < 1e15;
        hash.addData((QByteArray("n") + (whole ? QByteArray::number(qint64(d)) : QByteArray::number(d, 'g', 17)) + ";"));
    } else if (type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::ULongLong
               || type == QMetaType::UInt || type == QMetaType::Bool) {
        hash.addData(QByteArray("n") + QByteArray::number(value.toLongLong()) + ";");
    } else {
        const QByteArray bytes = type == QMetaType::QByteArray ? value.toByteArray() : value.toString().toUtf8();
        hash.addData(QByteArray(type == QMetaType::QByteArray ? "b" : "s") + QByteArray::number(bytes.size()) + ":");
        hash.addData(bytes);
    }
}

QString selectAll(const QString &table, const QStringList &columns)
{
    return QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(columns.join(QLatin1String(", ")), table, keyOf(table));
}

Result<TableImage> imageOf(Database &db, const QString &table)
{
    const QStringList columns = columnsOf(db, table);
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.exec(selectAll(table, columns)))
        return sqlError(q.lastError());
    TableImage image{table, 0, {}};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (q.next()) {
        ++image.rows;
        for (int i = 0; i < columns.size(); ++i)
            encode(hash, q.value(i));
    }
    if (q.lastError().isValid())
        return sqlError(q.lastError());
    image.digest = hash.result().toHex();
    return image;
}

Result<AuditCheck> wholeTrail(Database &db)
{
    auto check = verifyAuditTrail(db);
    if (check && check->firstBrokenId != 0)
        return Error{tr("The audit trail of %1 fails its check (%2); nothing was copied. Run `painmdt audit verify`.")
                         .arg(db.location(), check->problem)};
    return check;
}

Status mustBeNew(Database &to)
{
    for (const char *table : {"change_log", "app_user", "patient"}) {
        QSqlQuery q(to.connection());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) || !q.next())
            return sqlError(q.lastError());
        if (q.value(0).toLongLong() > 0)
            return Error{tr("%1 already holds a PainMDT database (it has %2 rows). A copy goes only into a new "
                            "database: give a new file, or an empty database on the server.")
                             .arg(to.location(), QLatin1String(table))};
    }
    return success();
}

// The rows a new database is made with (its pathways, settings, schema notes) give way to
// the source's. change_log is empty here, and refuses deletes anyway.
Status clear(Database &to)
{
    const QStringList &tables = copiedTables();
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
        if (*it == QLatin1String("change_log"))
            continue;
        QSqlQuery q(to.connection());
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(*it)))
            return sqlError(q.lastError());
    }
    return success();
}

// Both engines take 32,766 bound values per statement at least (SQLite 3.32+; PostgreSQL 65,535).
constexpr int maxValuesPerInsert = 30000;

Status copyTable(Database &from, Database &to, const QString &table, qint64 &done, qint64 total,
                 const CopyProgress &progress)
{
    const QStringList columns = columnsOf(from, table);
    const QStringList theirs = columnsOf(to, table);
    if (QSet<QString>(columns.begin(), columns.end()) != QSet<QString>(theirs.begin(), theirs.end()))
        return Error{tr("The table %1 has different columns in the two databases: both must be at the same schema version.")
                         .arg(table)};
    const QString placeholders = QLatin1Char('(') + QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')) + QLatin1Char(')');
    const auto insertSql = [&](int rows) {
        return QStringLiteral("INSERT INTO %1(%2)%3 VALUES %4")
            .arg(table, columns.join(QLatin1String(", ")), to.dialect().keepingIds(),
                 QStringList(rows, placeholders).join(QLatin1Char(',')));
    };
    const int perInsert = std::max(1, maxValuesPerInsert / int(columns.size()));
    QSqlQuery q(from.connection());
    q.setForwardOnly(true);
    if (!q.exec(selectAll(table, columns)))
        return sqlError(q.lastError());
    QVariantList values;
    int rows = 0;
    const auto flush = [&]() -> Status {
        if (rows == 0)
            return success();
        if (Status s = to.execBound(insertSql(rows), values); !s)
            return s;
        done += rows;
        values.clear();
        rows = 0;
        if (progress && !progress(done, total))
            return Error{tr("The copy was cancelled; nothing was written.")};
        return success();
    };
    while (q.next()) {
        for (int i = 0; i < columns.size(); ++i)
            values << q.value(i);
        if (++rows == perInsert)
            if (Status s = flush(); !s)
                return s;
    }
    if (q.lastError().isValid())
        return sqlError(q.lastError());
    if (Status s = flush(); !s)
        return s;
    return keyOf(table) == QLatin1String("key") || keyOf(table) == QLatin1String("code") ? success()
                                                                                          : to.idsGivenTo(table, keyOf(table));
}

} // namespace

const QStringList &copiedTables()
{
    static const QStringList tables{
        QStringLiteral("meta"),          QStringLiteral("patient"),         QStringLiteral("change_log"),
        QStringLiteral("pathway"),       QStringLiteral("referral"),        QStringLiteral("contact"),
        QStringLiteral("assessment"),    QStringLiteral("instrument_definition"), QStringLiteral("app_user"),
        QStringLiteral("setting"),       QStringLiteral("patient_flag"),    QStringLiteral("mdt_meeting"),
        QStringLiteral("mdt_item"),      QStringLiteral("mdt_action"),      QStringLiteral("assessment_alert"),
        QStringLiteral("attendance"),    QStringLiteral("tariff_line"),     QStringLiteral("service_cost")};
    return tables;
}

Result<std::vector<TableImage>> tableImages(Database &db)
{
    for (const QString &table : db.connection().tables())
        if (!table.startsWith(QLatin1String("sqlite_")) && !copiedTables().contains(table))
            return Error{tr("%1 has a table this version of PainMDT does not know (%2); it cannot be copied whole.")
                             .arg(db.location(), table)};
    std::vector<TableImage> images;
    for (const QString &table : copiedTables()) {
        auto image = imageOf(db, table);
        if (!image)
            return image.failure();
        images.push_back(image.value());
    }
    return images;
}

Result<CopySummary> copyDatabase(Database &from, Database &to, const CopyProgress &progress)
{
    if (from.schemaVersion() != to.schemaVersion())
        return Error{tr("The two databases are at different schema versions (%1 and %2).")
                         .arg(from.schemaVersion()).arg(to.schemaVersion())};
    // One consistent state of the source, read twice (copied, then compared), while its users
    // go on writing: a snapshot, not the writer's lock.
    QSqlQuery snapshot(from.connection());
    if (from.transactionDepth() != 0 || !snapshot.exec(from.dialect().beginSnapshotSql()))
        return Error{tr("The database %1 could not be read as one snapshot: %2")
                         .arg(from.location(), explain(snapshot.lastError()))};
    const auto endSnapshot = qScopeGuard([&] { QSqlQuery(from.connection()).exec(QStringLiteral("ROLLBACK")); });
    const auto trail = wholeTrail(from);
    if (!trail)
        return trail.failure();
    auto before = tableImages(from);
    if (!before)
        return before.failure();
    qint64 total = 0;
    for (const TableImage &image : before.value())
        total += image.rows;
    Transaction writing(to);
    if (!writing.ok())
        return Error{writing.error()};
    if (Status s = mustBeNew(to); !s)
        return s.failure();
    if (Status s = clear(to); !s)
        return s.failure();
    qint64 done = 0;
    for (const QString &table : copiedTables())
        if (Status s = copyTable(from, to, table, done, total, progress); !s) {
            Error failed = s.failure();
            failed.message = tr("Copying %1 failed: %2 Nothing was written.").arg(table, failed.message);
            return failed;
        }
    auto after = tableImages(to);
    if (!after)
        return after.failure();
    for (size_t i = 0; i < after.value().size(); ++i)
        if (after.value()[i].rows != before.value()[i].rows || after.value()[i].digest != before.value()[i].digest)
            return Error{tr("After the copy, the table %1 differs from the source's; nothing was written.")
                             .arg(after.value()[i].table)};
    const auto copiedTrail = wholeTrail(to);
    if (!copiedTrail)
        return copiedTrail.failure();
    if (copiedTrail->rows != trail->rows || copiedTrail->headHash != trail->headHash)
        return Error{tr("The copy's audit trail does not end where the source's does; nothing was written.")};
    if (Status s = writing.commit(); !s)
        return s.failure();
    return CopySummary{after.value(), trail->rows, trail->headHash};
}

} // namespace painmdt::storage
