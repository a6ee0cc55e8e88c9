#include "storage/alertrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace painmdt::storage {

using domain::AssessmentAlert;

namespace {

const QString alertColumns = QStringLiteral(
    "SELECT l.id, l.assessment_id, l.patient_id, a.instrument, a.collected_on, l.rule, l.item, l.answer, l.message, "
    "l.acknowledged_at, l.acknowledged_by, l.acknowledgement, l.row_version "
    "FROM assessment_alert l JOIN assessment a ON a.id = l.assessment_id ");

AssessmentAlert alertFrom(const QSqlQuery &q)
{
    AssessmentAlert a;
    a.id = q.value(0).toLongLong();
    a.assessmentId = q.value(1).toLongLong();
    a.patientId = q.value(2).toLongLong();
    a.instrument = q.value(3).toString();
    a.collectedOn = dateAt(q, 4);
    a.rule = q.value(5).toString();
    a.item = q.value(6).toString();
    if (!q.value(7).isNull())
        a.answer = q.value(7).toInt();
    a.message = q.value(8).toString();
    if (!q.value(9).isNull())
        a.acknowledgedAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    a.acknowledgedBy = q.value(10).toString();
    a.acknowledgement = q.value(11).toString();
    a.rowVersion = q.value(12).toInt();
    return a;
}

} // namespace

Many<AssessmentAlert> AlertRepository::forPatient(qint64 patientId, bool openOnly)
{
    QSqlQuery &q = m_db.prepared(alertColumns + QStringLiteral(
        "WHERE l.patient_id = ? AND a.entered_in_error IS NULL%1 ORDER BY a.collected_on DESC, l.id DESC")
        .arg(openOnly ? QStringLiteral(" AND l.acknowledged_at IS NULL") : QString()));
    q.addBindValue(patientId);
    return fetchAll<AssessmentAlert>(q, alertFrom);
}

Maybe<AssessmentAlert> AlertRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(alertColumns + QStringLiteral("WHERE l.id = ?"));
    q.addBindValue(id);
    return fetchOne<AssessmentAlert>(q, alertFrom);
}

Maybe<AssessmentAlert> AlertRepository::find(qint64 assessmentId, const QString &rule)
{
    QSqlQuery &q = m_db.prepared(alertColumns + QStringLiteral("WHERE l.assessment_id = ? AND l.rule = ?"));
    bindAll(q, {assessmentId, rule});
    return fetchOne<AssessmentAlert>(q, alertFrom);
}

Status AlertRepository::reopen(const AssessmentAlert &a, std::optional<int> answer, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE assessment_alert SET answer = ?, acknowledged_at = NULL, acknowledged_by = NULL, acknowledgement = NULL, "
        "updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, {answer ? QVariant(*answer) : QVariant(QMetaType(QMetaType::Int)), stamp.atText(), stamp.actor, a.id,
                a.rowVersion});
    return updatedOne(m_db, q, QObject::tr("alert"), "assessment_alert", a.id);
}

Result<qint64> AlertRepository::insert(const AssessmentAlert &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO assessment_alert(assessment_id, patient_id, rule, item, answer, message, created_at, created_by, "
        "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {a.assessmentId, a.patientId, a.rule, a.item,
                a.answer ? QVariant(*a.answer) : QVariant(QMetaType(QMetaType::Int)), a.message, stamp.atText(),
                stamp.actor, stamp.atText(), stamp.actor});
    return insertReturningId(m_db, q, QObject::tr("alert"));
}

Status AlertRepository::acknowledge(const AssessmentAlert &a, const QString &note, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE assessment_alert SET acknowledged_at = ?, acknowledged_by = ?, acknowledgement = ?, updated_at = ?, "
        "updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ? AND acknowledged_at IS NULL"));
    bindAll(q, {stamp.atText(), stamp.actor, note, stamp.atText(), stamp.actor, a.id, a.rowVersion});
    return updatedOne(m_db, q, QObject::tr("alert"), "assessment_alert", a.id);
}

QVariantMap AlertRepository::columns(const AssessmentAlert &a)
{
    return {{QStringLiteral("assessment_id"), a.assessmentId}, {QStringLiteral("rule"), a.rule},
            {QStringLiteral("item"), a.item}, {QStringLiteral("answer"), a.answer ? QVariant(*a.answer) : QVariant()},
            {QStringLiteral("acknowledged_by"), a.acknowledgedBy}, {QStringLiteral("acknowledgement"), a.acknowledgement}};
}

} // namespace painmdt::storage
