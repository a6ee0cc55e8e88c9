#include "storage/flagrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace painmdt::storage {

using domain::PatientFlag;

namespace {

const QString flagColumns = QStringLiteral(
    "SELECT id, patient_id, reason, flagged_on, created_by, cleared_on, cleared_why, row_version FROM patient_flag ");

PatientFlag flagFrom(const QSqlQuery &q)
{
    PatientFlag f;
    f.id = q.value(0).toLongLong();
    f.patientId = q.value(1).toLongLong();
    f.reason = q.value(2).toString();
    f.flaggedOn = dateAt(q, 3);
    f.flaggedBy = q.value(4).toString();
    f.clearedOn = dateAt(q, 5);
    f.clearedWhy = q.value(6).toString();
    f.rowVersion = q.value(7).toInt();
    return f;
}

} // namespace

Many<PatientFlag> FlagRepository::openFlags(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(flagColumns + QStringLiteral("WHERE patient_id = ? AND cleared_on IS NULL ORDER BY id"));
    q.addBindValue(patientId);
    return fetchAll<PatientFlag>(q, flagFrom);
}

Many<PatientFlag> FlagRepository::allFlags(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(flagColumns + QStringLiteral("WHERE patient_id = ? ORDER BY id"));
    q.addBindValue(patientId);
    return fetchAll<PatientFlag>(q, flagFrom);
}

Maybe<PatientFlag> FlagRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(flagColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<PatientFlag>(q, flagFrom);
}

Result<qint64> FlagRepository::insert(const PatientFlag &f, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO patient_flag(patient_id, reason, flagged_on, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {f.patientId, f.reason, f.flaggedOn.toString(Qt::ISODate), stamp.atText(), stamp.actor, stamp.atText(),
                stamp.actor});
    return insertReturningId(m_db, q, QObject::tr("flag"));
}

Status FlagRepository::clear(const PatientFlag &f, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE patient_flag SET cleared_on = ?, cleared_why = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, {f.clearedOn.toString(Qt::ISODate), f.clearedWhy, stamp.atText(), stamp.actor, f.id, f.rowVersion});
    return updatedOne(m_db, q, QObject::tr("flag"), "patient_flag", f.id);
}

QVariantMap FlagRepository::columns(const PatientFlag &f)
{
    return {{QStringLiteral("patient_id"), f.patientId}, {QStringLiteral("reason"), f.reason},
            {QStringLiteral("flagged_on"), f.flaggedOn.toString(Qt::ISODate)},
            {QStringLiteral("cleared_on"), f.clearedOn.toString(Qt::ISODate)},
            {QStringLiteral("cleared_why"), f.clearedWhy}};
}

} // namespace painmdt::storage
