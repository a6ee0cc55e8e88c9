#include "storage/auditqueries.h"

#include "storage/database.h"
#include "storage/sqlerror.h"
#include "storage/sqlvalues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("AuditQueries", text); }

// The record's own name beside each row, so the screen can say "Referral R123" without a
// second query per row. Table and column names are constants, never user text.
const QString selectRows = QStringLiteral(
    "SELECT c.id, c.at, c.actor, c.entity, c.entity_id, c.action, c.changes, c.patient_id, "
    "  CASE c.entity "
    "    WHEN 'patient' THEN (SELECT patient_ref FROM patient WHERE id = c.entity_id) "
    "    WHEN 'referral' THEN (SELECT referral_ref FROM referral WHERE id = c.entity_id) "
    "    WHEN 'contact' THEN (SELECT contact_ref FROM contact WHERE id = c.entity_id) "
    "    WHEN 'assessment' THEN (SELECT assessment_ref FROM assessment WHERE id = c.entity_id) "
    "    WHEN 'user' THEN (SELECT user_name FROM app_user WHERE id = c.entity_id) "
    "    WHEN 'instrument_definition' THEN "
    "      (SELECT code || ' ' || version FROM instrument_definition WHERE rowid = c.entity_id) "
    "  END "
    "FROM change_log c ");

AuditRecord recordFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs),
            q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong(), q.value(5).toString(),
            q.value(6).toString(), q.value(7).toLongLong(), q.value(8).toString()};
}

// Says what failed and what to do; a missing table or a damaged file is a fault, not "no rows".
Error readFailed(const QSqlQuery &q)
{
    Error e = sqlError(q.lastError(), tr("The audit trail could not be read: "));
    if (classify(q.lastError()) == SqlFailure::Other) { // the engine's own words say nothing of what to do
        if (!e.message.endsWith(QLatin1Char('.')))
            e.message += QLatin1Char('.');
        e.message += tr(" Try again; if it goes on, ask an administrator to check the database "
                        "(painmdt audit verify) or restore it from a backup.");
    }
    return e;
}

// Runs `sql` with `values` bound in order and reads every row (a prepare that failed is tried
// again next time: Database::prepared).
Result<std::vector<AuditRecord>> readRecords(Database &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery &q = db.prepared(sql);
    bindAll(q, values);
    auto records = fetchAll<AuditRecord>(q, recordFrom);
    if (!records)
        return readFailed(q);
    return records;
}

// The UTC instant a local calendar day starts, in the stored form ("2024-06-02T23:00:00.000Z").
QString startOfLocalDay(const QDate &day)
{
    return day.startOfDay().toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

// The filters pick the ids first, newest first and no more than shown (by patient through its
// index; by user or date by reading back from the newest row); only the rows shown are then read
// and named (the per-row look-ups above).
Result<std::vector<AuditRecord>> searchAudit(Database &db, const AuditQuery &q)
{
    QStringList where;
    QVariantList values;
    if (q.patientId > 0) {
        where << QStringLiteral("f.patient_id = ?"); // implies NOT NULL: the partial index serves it
        values << q.patientId;
    }
    if (!q.actor.isEmpty()) {
        where << QStringLiteral("f.actor = ?");
        values << q.actor;
    }
    if (q.from.isValid()) {
        where << QStringLiteral("f.at >= ?");
        values << startOfLocalDay(q.from);
    }
    if (q.to.isValid()) {
        where << QStringLiteral("f.at < ?");
        values << startOfLocalDay(q.to.addDays(1));
    }
    values << qMax(q.limit, 1) + 1; // one more than shown: the caller can say "more"
    const QString ids = QStringLiteral("SELECT f.id FROM change_log f ")
                        + (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                        + QStringLiteral(" ORDER BY f.id DESC LIMIT ?");
    return readRecords(db, selectRows + QStringLiteral("WHERE c.id IN (%1) ORDER BY c.id DESC").arg(ids), values);
}

Result<std::vector<AuditRecord>> historyOf(Database &db, const QString &entity, qint64 entityId)
{
    return readRecords(db,
                       selectRows
                           + QStringLiteral("WHERE c.entity = ? AND c.entity_id = ? AND c.action IN ('%1') "
                                            "ORDER BY c.id").arg(recordChanges().join(QStringLiteral("', '"))),
                       {entity, entityId});
}

Result<std::map<qint64, QStringList>> earlierValues(Database &db, const QString &entity, qint64 patientId,
                                                    const QString &field)
{
    QSqlQuery &q = db.prepared(QStringLiteral(
        "SELECT entity_id, changes FROM change_log WHERE patient_id = ? AND entity = ? AND action = 'update' ORDER BY id"));
    q.addBindValue(patientId);
    q.addBindValue(entity);
    const auto rows = fetchAll<std::pair<qint64, QString>>(q, [](const QSqlQuery &r) {
        return std::pair(r.value(0).toLongLong(), r.value(1).toString());
    });
    if (!rows)
        return rows.failure();
    std::map<qint64, QStringList> earlier;
    for (const auto &[id, changes] : rows.value()) {
        const QJsonArray change = QJsonDocument::fromJson(changes.toUtf8()).object().value(field).toArray();
        if (change.size() == 2)
            earlier[id] << change.at(0).toString();
    }
    return earlier;
}

Result<std::vector<AuditRecord>> auditAfter(Database &db, qint64 afterId, int limit)
{
    return readRecords(db,
                       QStringLiteral("SELECT c.id, c.at, c.actor, c.entity, c.entity_id, c.action, '', c.patient_id, '' "
                                      "FROM change_log c WHERE c.id > ? ORDER BY c.id LIMIT ?"),
                       {afterId, limit});
}

Result<qint64> lastAuditId(Database &db)
{
    QSqlQuery &q = db.prepared(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_log"));
    const auto last = fetchOne<qint64>(q, [](const QSqlQuery &r) { return r.value(0).toLongLong(); });
    if (!last)
        return readFailed(q);
    return last->value_or(0);
}

const QStringList &recordChanges()
{
    static const QStringList codes{QStringLiteral("create"), QStringLiteral("update"), QStringLiteral("delete"),
                                   QStringLiteral("restore"), QStringLiteral("account")};
    return codes;
}

} // namespace painmdt::storage
