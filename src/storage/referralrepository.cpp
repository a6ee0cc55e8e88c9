#include "storage/referralrepository.h"

#include "storage/database.h"
#include "storage/referralsql.h"
#include "storage/sqlvalues.h"

#include <QSqlError>

namespace painmdt::storage {

using domain::Contact;
using domain::Referral;

namespace {

const QString referralColumns = QStringLiteral(
    "SELECT r.id, r.referral_ref, r.patient_id, r.received_on, r.source, r.priority, r.reason, r.referrer, "
    "r.triaged_on, r.pathway, r.triage_notes, r.discharged_on, r.discharge_reason, r.row_version, r.key_worker, "
    "r.entered_in_error, r.pain_site FROM referral r ");

const QString contactColumns = QStringLiteral(
    "SELECT id, contact_ref, referral_id, contact_on, mode, outcome, staff, duration_minutes, next_due_on, note, "
    "row_version, contact_time, entered_in_error FROM contact ");

Referral referralFrom(const QSqlQuery &q)
{
    Referral r;
    r.id = q.value(0).toLongLong();
    r.referralRef = q.value(1).toString();
    r.patientId = q.value(2).toLongLong();
    r.receivedOn = dateAt(q, 3);
    r.source = q.value(4).toString();
    r.priority = q.value(5).toString();
    r.reason = q.value(6).toString();
    r.referrer = q.value(7).toString();
    r.triagedOn = dateAt(q, 8);
    r.pathway = q.value(9).toString();
    r.triageNotes = q.value(10).toString();
    r.dischargedOn = dateAt(q, 11);
    r.dischargeReason = q.value(12).toString();
    r.rowVersion = q.value(13).toInt();
    r.keyWorker = q.value(14).toString();
    r.enteredInError = q.value(15).toString();
    return r;
}

// referralColumns' row (the worklists put their patient columns after the first 16).
Referral wholeReferralFrom(const QSqlQuery &q)
{
    Referral r = referralFrom(q);
    r.painSite = q.value(16).toString();
    return r;
}

Contact contactFrom(const QSqlQuery &q)
{
    Contact c;
    c.id = q.value(0).toLongLong();
    c.contactRef = q.value(1).toString();
    c.referralId = q.value(2).toLongLong();
    c.contactOn = dateAt(q, 3);
    c.mode = q.value(4).toString();
    c.outcome = q.value(5).toString();
    c.staff = q.value(6).toString();
    if (!q.value(7).isNull())
        c.durationMinutes = q.value(7).toInt();
    c.nextDueOn = dateAt(q, 8);
    c.note = q.value(9).toString();
    c.rowVersion = q.value(10).toInt();
    c.contactTime = timeAt(q, 11);
    c.enteredInError = q.value(12).toString();
    return c;
}

void bindReferral(QSqlQuery &q, const Referral &r)
{
    q.addBindValue(r.referralRef);
    q.addBindValue(r.patientId);
    q.addBindValue(r.receivedOn.toString(Qt::ISODate));
    q.addBindValue(r.source);
    q.addBindValue(r.priority);
    q.addBindValue(nullIfEmpty(r.reason));
    q.addBindValue(nullIfEmpty(r.referrer));
    q.addBindValue(isoOrNull(r.triagedOn));
    q.addBindValue(nullIfEmpty(r.pathway));
    q.addBindValue(nullIfEmpty(r.triageNotes));
    q.addBindValue(isoOrNull(r.dischargedOn));
    q.addBindValue(nullIfEmpty(r.dischargeReason));
    q.addBindValue(nullIfEmpty(r.keyWorker));
    q.addBindValue(nullIfEmpty(r.painSite));
}

void bindContact(QSqlQuery &q, const Contact &c)
{
    q.addBindValue(nullIfEmpty(c.contactRef));
    q.addBindValue(c.referralId);
    q.addBindValue(c.contactOn.toString(Qt::ISODate));
    q.addBindValue(c.mode);
    q.addBindValue(c.outcome);
    q.addBindValue(nullIfEmpty(c.staff));
    q.addBindValue(c.durationMinutes ? QVariant(*c.durationMinutes) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(isoOrNull(c.nextDueOn));
    q.addBindValue(nullIfEmpty(c.note));
    q.addBindValue(c.contactTime.isValid() ? QVariant(c.contactTime.toString(QStringLiteral("HH:mm"))) : QVariant(QMetaType(QMetaType::QString)));
}

void bindStamp(QSqlQuery &q, const Stamp &stamp, bool creating)
{
    if (creating) {
        q.addBindValue(stamp.atText());
        q.addBindValue(stamp.actor);
    }
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
}

} // namespace

ReferralRepository::ReferralRepository(Database &db)
    : m_db(db),
      m_byRef(db.prepared(referralColumns + QStringLiteral("WHERE r.referral_ref = ?"))),
      m_contactByRef(db.prepared(contactColumns + QStringLiteral("WHERE contact_ref = ?"))),
      m_sameContact(db.prepared(contactColumns + QStringLiteral(
        "WHERE referral_id = ? AND contact_on = ? AND mode = ? AND outcome = ? AND COALESCE(staff, '') = ? "
        // Not "contact_ref IS NULL": SQLite then walks the contact_ref index over every ref-less
        // contact, once per imported row (37,000 contacts took 59 s); this way it takes
        // contact_referral, a handful of rows.
        "AND COALESCE(contact_ref, '') = '' AND entered_in_error IS NULL")))
{
}

Maybe<Referral> ReferralRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(referralColumns + QStringLiteral("WHERE r.id = ?"));
    q.addBindValue(id);
    return fetchOne<Referral>(q, wholeReferralFrom);
}

Maybe<Referral> ReferralRepository::byRef(const QString &referralRef)
{
    m_byRef.addBindValue(referralRef);
    return fetchOne<Referral>(m_byRef, wholeReferralFrom);
}

Many<Referral> ReferralRepository::forPatient(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(referralColumns + QStringLiteral("WHERE r.patient_id = ? AND r.entered_in_error IS NULL ORDER BY r.received_on DESC, r.id DESC"));
    q.addBindValue(patientId);
    return fetchAll<Referral>(q, wholeReferralFrom);
}

Result<qint64> ReferralRepository::insert(const Referral &r, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO referral(referral_ref, patient_id, received_on, source, priority, reason, referrer, triaged_on, "
        "pathway, triage_notes, discharged_on, discharge_reason, key_worker, pain_site, created_at, created_by, "
        "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindReferral(q, r);
    bindStamp(q, stamp, true);
    return insertReturningId(m_db, q, QObject::tr("referral"));
}

Status ReferralRepository::update(const Referral &r, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE referral SET referral_ref = ?, patient_id = ?, received_on = ?, source = ?, priority = ?, reason = ?, "
        "referrer = ?, triaged_on = ?, pathway = ?, triage_notes = ?, discharged_on = ?, discharge_reason = ?, "
        "key_worker = ?, pain_site = ?, updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindReferral(q, r);
    bindStamp(q, stamp, false);
    q.addBindValue(r.id);
    q.addBindValue(r.rowVersion);
    return updatedOne(m_db, q, QObject::tr("referral"), "referral", r.id);
}

Maybe<Contact> ReferralRepository::contactById(qint64 id)
{
    QSqlQuery &q = m_db.prepared(contactColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<Contact>(q, contactFrom);
}

Maybe<Contact> ReferralRepository::contactByRef(const QString &contactRef)
{
    m_contactByRef.addBindValue(contactRef);
    return fetchOne<Contact>(m_contactByRef, contactFrom);
}

Maybe<Contact> ReferralRepository::sameContact(const Contact &c)
{
    m_sameContact.addBindValue(c.referralId);
    m_sameContact.addBindValue(c.contactOn.toString(Qt::ISODate));
    m_sameContact.addBindValue(c.mode);
    m_sameContact.addBindValue(c.outcome);
    m_sameContact.addBindValue(c.staff.isEmpty() ? QStringLiteral("") : c.staff); // a null QString binds as NULL
    return fetchOne<Contact>(m_sameContact, contactFrom);
}

Many<Contact> ReferralRepository::contactsOf(qint64 referralId)
{
    QSqlQuery &q = m_db.prepared(contactColumns + QStringLiteral("WHERE referral_id = ? AND entered_in_error IS NULL ORDER BY contact_on, id"));
    q.addBindValue(referralId);
    return fetchAll<Contact>(q, contactFrom);
}

Result<bool> ReferralRepository::hasLiveRecords(qint64 referralId)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM contact WHERE referral_id = ? AND entered_in_error IS NULL) "
        "OR EXISTS (SELECT 1 FROM assessment WHERE referral_id = ? AND entered_in_error IS NULL)"));
    q.addBindValue(referralId);
    q.addBindValue(referralId);
    const auto found = fetchOne<bool>(q, [](const QSqlQuery &row) { return row.value(0).toInt() == 1; });
    if (!found)
        return found.failure();
    return found->value_or(false);
}

Result<qint64> ReferralRepository::insertContact(const Contact &c, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO contact(contact_ref, referral_id, contact_on, mode, outcome, staff, duration_minutes, "
        "next_due_on, note, contact_time, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindContact(q, c);
    bindStamp(q, stamp, true);
    return insertReturningId(m_db, q, QObject::tr("contact"));
}

Status ReferralRepository::updateContact(const Contact &c, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE contact SET contact_ref = ?, referral_id = ?, contact_on = ?, mode = ?, outcome = ?, staff = ?, "
        "duration_minutes = ?, next_due_on = ?, note = ?, contact_time = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindContact(q, c);
    bindStamp(q, stamp, false);
    q.addBindValue(c.id);
    q.addBindValue(c.rowVersion);
    return updatedOne(m_db, q, QObject::tr("contact"), "contact", c.id);
}

Result<std::map<QString, bool>> ReferralRepository::pathwayCommunity()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT code, community FROM pathway"));
    const auto rows = fetchAll<std::pair<QString, bool>>(
        q, [](const QSqlQuery &r) { return std::pair(r.value(0).toString(), r.value(1).toInt() == 1); });
    if (!rows)
        return rows.failure();
    return std::map<QString, bool>(rows->begin(), rows->end());
}

Status ReferralRepository::setPathwayCommunity(const QString &pathway, bool community)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("UPDATE pathway SET community = ? WHERE code = ?"));
    q.addBindValue(community ? 1 : 0);
    q.addBindValue(pathway);
    if (!q.exec() || q.numRowsAffected() != 1)
        return Error{QObject::tr("\"%1\" is not a pathway code.").arg(pathway)};
    return success();
}

Many<ReferralRow> ReferralRepository::rows(const QString &where, const QString &orderBy, int limit,
                                          const QVariantList &binds, const QString &caseloadWhere)
{
    // The caseload's three columns are worked out once per row in the inner query, so that the
    // outer WHERE and ORDER BY can use them.
    const bool caseload = !caseloadWhere.isEmpty();
    const QString extra = caseload ? QStringLiteral(
        ", %1 AS next_due, (SELECT MAX(c.contact_on) FROM contact c WHERE c.referral_id = r.id AND c.outcome = '%2' "
        "AND c.entered_in_error IS NULL) "
        "AS last_contact, EXISTS (SELECT 1 FROM patient_flag f WHERE f.patient_id = p.id AND f.cleared_on IS NULL) "
        "AS flagged").arg(referralsql::nextCheckIn(false), domain::attendedOutcome)
        : QStringLiteral(", NULL AS next_due, NULL AS last_contact, 0 AS flagged");
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT * FROM (SELECT r.id, r.referral_ref, r.patient_id, r.received_on, r.source, r.priority, r.reason, "
        "r.referrer, r.triaged_on, r.pathway, r.triage_notes, r.discharged_on, r.discharge_reason, r.row_version, "
        "r.key_worker, r.entered_in_error, p.patient_ref, p.family_name, p.given_name, p.date_of_birth, p.sex, "
        "p.nhs_number, %3 AS first_contact, %4 AS startback%5, EXISTS (SELECT 1 FROM assessment_alert l JOIN "
        "assessment a ON a.id = l.assessment_id WHERE l.patient_id = p.id AND l.acknowledged_at IS NULL "
        "AND a.entered_in_error IS NULL) AS alerted, r.pain_site FROM referral r JOIN patient p ON p.id = r.patient_id "
        "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND %1) AS listed WHERE %6 "
        "ORDER BY %2 LIMIT ?")
                  .arg(where, orderBy, referralsql::firstContact(false), referralsql::latestStartBack(false), extra,
                       caseload ? caseloadWhere : QStringLiteral("1 = 1")));
    bindAll(q, binds);
    q.addBindValue(limit);
    return fetchAll<ReferralRow>(q, [](const QSqlQuery &q) {
        ReferralRow row;
        row.referral = referralFrom(q);
        row.patient.id = row.referral.patientId;
        row.patient.patientRef = q.value(16).toString();
        row.patient.familyName = q.value(17).toString();
        row.patient.givenName = q.value(18).toString();
        row.patient.dateOfBirth = dateAt(q, 19);
        row.patient.sex = domain::parseSexCode(q.value(20).toString()).value_or(domain::Sex::NotRecorded);
        row.patient.nhsNumber = q.value(21).toString();
        row.firstContactOn = dateAt(q, 22);
        row.stratum = referralsql::stratumAt(q, 23);
        row.nextCheckIn = dateAt(q, 24);
        row.lastContactOn = dateAt(q, 25);
        row.flagged = q.value(26).toInt() == 1;
        row.alerted = q.value(27).toInt() == 1;
        row.referral.painSite = q.value(28).toString();
        return row;
    });
}

Many<ReferralRow> ReferralRepository::caseload(const domain::CaseloadQuery &query)
{
    using View = domain::CaseloadQuery::View;
    QString where = query.view == View::Flagged
        ? QStringLiteral("EXISTS (SELECT 1 FROM patient_flag f WHERE f.patient_id = p.id AND f.cleared_on IS NULL) "
                         "AND r.id = (SELECT MAX(r2.id) FROM referral r2 WHERE r2.patient_id = p.id AND r2.entered_in_error IS NULL)")
        : referralsql::inCareNow();
    QVariantList binds;
    if (!query.keyWorker.isEmpty()) {
        where += QStringLiteral(" AND r.key_worker = ? COLLATE NOCASE");
        binds << query.keyWorker;
    }
    // On the inner query's columns; the dates are bound, so one statement serves every day.
    QString outer = QStringLiteral("1 = 1");
    const auto iso = [](const QDate &d) { return d.toString(Qt::ISODate); };
    switch (query.view) {
    case View::Overdue:
        outer = QStringLiteral("next_due < ?");
        binds << iso(query.today);
        break;
    case View::DueSoon:
        outer = QStringLiteral("next_due >= ? AND next_due <= ?");
        binds << iso(query.today) << iso(query.today.addDays(domain::dueSoonDays));
        break;
    case View::Quiet:
        outer = QStringLiteral("last_contact < ?");
        binds << iso(query.today.addDays(-query.quietDays));
        break;
    default: break;
    }
    return rows(where, QStringLiteral("next_due IS NULL, next_due, received_on, id"), query.limit, binds, outer);
}

Many<ReferralRow> ReferralRepository::awaitingTriage(int limit)
{
    return rows(QStringLiteral("r.triaged_on IS NULL AND r.discharged_on IS NULL"),
                QStringLiteral("priority DESC, received_on, id"), limit);
}

Many<ReferralRow> ReferralRepository::waitingForFirstContact(int limit)
{
    return rows(referralsql::stillWaitingNow(), QStringLiteral("received_on, id"), limit);
}

QVariantMap ReferralRepository::columns(const Referral &r)
{
    return {{QStringLiteral("referral_ref"), r.referralRef}, {QStringLiteral("patient_id"), r.patientId},
            {QStringLiteral("received_on"), r.receivedOn.toString(Qt::ISODate)}, {QStringLiteral("source"), r.source},
            {QStringLiteral("priority"), r.priority}, {QStringLiteral("reason"), r.reason},
            {QStringLiteral("referrer"), r.referrer}, {QStringLiteral("triaged_on"), r.triagedOn.toString(Qt::ISODate)},
            {QStringLiteral("pathway"), r.pathway}, {QStringLiteral("triage_notes"), r.triageNotes},
            {QStringLiteral("discharged_on"), r.dischargedOn.toString(Qt::ISODate)},
            {QStringLiteral("discharge_reason"), r.dischargeReason}, {QStringLiteral("key_worker"), r.keyWorker},
            {QStringLiteral("pain_site"), r.painSite}};
}

QVariantMap ReferralRepository::columns(const Contact &c)
{
    return {{QStringLiteral("contact_ref"), c.contactRef}, {QStringLiteral("referral_id"), c.referralId},
            {QStringLiteral("contact_on"), c.contactOn.toString(Qt::ISODate)}, {QStringLiteral("mode"), c.mode},
            {QStringLiteral("outcome"), c.outcome}, {QStringLiteral("staff"), c.staff},
            {QStringLiteral("duration_minutes"), c.durationMinutes ? QVariant(*c.durationMinutes) : QVariant()},
            {QStringLiteral("next_due_on"), c.nextDueOn.toString(Qt::ISODate)}, {QStringLiteral("note"), c.note},
            {QStringLiteral("contact_time"), c.contactTime.isValid() ? c.contactTime.toString(QStringLiteral("HH:mm")) : QString()}};
}

Result<QString> ReferralRepository::refInOtherCase(const QString &ref)
{
    return storage::refInOtherCase(m_db, "referral", "referral_ref", ref);
}

Result<QString> ReferralRepository::contactRefInOtherCase(const QString &ref)
{
    return storage::refInOtherCase(m_db, "contact", "contact_ref", ref);
}

} // namespace painmdt::storage
