#include "storage/reportqueries.h"

#include "storage/database.h"
#include "storage/referralsql.h"
#include "storage/sqlerror.h"
#include "storage/sqlvalues.h"

#include <QSqlError>

namespace painmdt::storage {

namespace {

QString iso(const QDate &d) { return d.toString(Qt::ISODate); }

Error failed(const QSqlQuery &q)
{
    return Error{QObject::tr("The report could not be read from the database: %1").arg(explain(q.lastError()))};
}

// Runs one report query with the period bound (:from, :to, :asof) and makes a row of each result.
template <typename Row, typename MakeRow>
Result<std::vector<Row>> readRows(Database &db, const QString &sql, const QDate &from, const QDate &to,
                                  const QDate &asOf, MakeRow makeRow)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const auto &[name, date] : {std::pair{QStringLiteral(":asof"), asOf}, std::pair{QStringLiteral(":from"), from},
                                     std::pair{QStringLiteral(":to"), to}})
        if (sql.contains(name))
            q.bindValue(name, iso(date));
    if (!q.exec())
        return failed(q);
    std::vector<Row> rows;
    while (q.next())
        rows.push_back(makeRow(q));
    if (q.lastError().isValid()) // stopped part way (a damaged page): a short report must not pass for a whole one
        return failed(q);
    return rows;
}

} // namespace

Result<std::vector<WaitingRow>> waitingRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT r.received_on, "
        "  CASE WHEN r.triaged_on <= :asof THEN r.triaged_on END, "
        "  CASE WHEN r.triaged_on <= :asof THEN r.pathway END, "
        "  CASE WHEN r.discharged_on <= :asof THEN r.discharged_on END, "
        "  %1 "
        "FROM referral r JOIN patient p ON p.id = r.patient_id "
        "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND r.received_on >= :from AND r.received_on <= :to AND r.received_on <= :asof")
        .arg(referralsql::firstContact(true));
    return readRows<WaitingRow>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return WaitingRow{dateAt(q, 0), dateAt(q, 1), q.value(2).toString(), dateAt(q, 3), dateAt(q, 4)};
    });
}

Result<std::vector<TriageRow>> triageRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT r.triaged_on, r.pathway, w.community, %1 "
        "FROM referral r JOIN patient p ON p.id = r.patient_id LEFT JOIN pathway w ON w.code = r.pathway "
        "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND r.triaged_on >= :from AND r.triaged_on <= :to AND r.triaged_on <= :asof")
        .arg(referralsql::latestStartBack(true));
    return readRows<TriageRow>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        const std::optional<bool> community = q.value(2).isNull() ? std::nullopt : std::optional(q.value(2).toInt() == 1);
        return TriageRow{dateAt(q, 0), q.value(1).toString(), community, referralsql::stratumAt(q, 3)};
    });
}

// Untriaged but seen is in care too: "NOT (NULL <= :asof AND ...)" would be NULL and drop the row.
Result<std::vector<EpisodeRow>> episodeRows(Database &db, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT r.key_worker, %1 FROM referral r JOIN patient p ON p.id = r.patient_id "
        "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND r.received_on <= :asof "
        "AND (r.discharged_on IS NULL OR r.discharged_on > :asof) "
        "AND NOT (r.triaged_on IS NOT NULL AND r.triaged_on <= :asof AND r.pathway = '%2') AND %3 IS NOT NULL")
        .arg(referralsql::nextCheckIn(true), domain::declinedPathway, referralsql::firstContact(true));
    return readRows<EpisodeRow>(db, sql, {}, {}, asOf, [](const QSqlQuery &q) {
        return EpisodeRow{q.value(0).toString(), dateAt(q, 1)};
    });
}

Result<std::vector<ContactCount>> contactCounts(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT c.mode, c.outcome, COUNT(*) FROM contact c JOIN referral r ON r.id = c.referral_id "
        "JOIN patient p ON p.id = r.patient_id WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL "
        "AND c.entered_in_error IS NULL AND c.contact_on >= :from "
        "AND c.contact_on <= :to AND c.contact_on <= :asof GROUP BY c.mode, c.outcome");
    return readRows<ContactCount>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return ContactCount{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()};
    });
}

Result<std::vector<AdministrationRow>> administrationRows(Database &db, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT a.id, a.patient_id, a.instrument, a.instrument_version, a.occasion, a.collected_on, a.complete, "
        "a.scores, COALESCE(a.band, ''), trim(a.answers, ';') = '' FROM assessment a JOIN patient p ON p.id = a.patient_id "
        "WHERE p.deleted_at IS NULL AND a.entered_in_error IS NULL AND a.collected_on <= :asof "
        "ORDER BY a.patient_id, a.instrument, a.collected_on, a.id");
    return readRows<AdministrationRow>(db, sql, {}, {}, asOf, [](const QSqlQuery &q) {
        return AdministrationRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                                 q.value(3).toString(), q.value(4).toString(), dateAt(q, 5), q.value(6).toInt() == 1,
                                 q.value(7).toString(), q.value(8).toString(), q.value(9).toInt() == 1};
    });
}

Result<std::vector<AttendanceRow>> attendanceRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    const QString sql = QStringLiteral(
        "SELECT a.patient_id, p.patient_ref, a.attended_on, a.setting, COALESCE(a.bed_days, 0) FROM attendance a "
        "JOIN patient p ON p.id = a.patient_id WHERE p.deleted_at IS NULL AND a.entered_in_error IS NULL "
        "AND a.attended_on >= :from AND a.attended_on <= :to AND a.attended_on <= :asof ORDER BY a.attended_on, a.id");
    return readRows<AttendanceRow>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return AttendanceRow{q.value(0).toLongLong(), q.value(1).toString(), dateAt(q, 2), q.value(3).toString(),
                             q.value(4).toInt()};
    });
}

Result<std::vector<IndexRow>> indexDates(Database &db, bool byReferral, const QDate &from, const QDate &to, const QDate &asOf)
{
    const QString sql = byReferral
        ? QStringLiteral("SELECT r.patient_id, MIN(r.received_on) AS index_on FROM referral r JOIN patient p ON p.id = r.patient_id "
                         "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND r.received_on <= :asof "
                         "GROUP BY r.patient_id HAVING index_on >= :from AND index_on <= :to")
        : QStringLiteral("SELECT r.patient_id, MIN(c.contact_on) AS index_on FROM contact c "
                         "JOIN referral r ON r.id = c.referral_id JOIN patient p ON p.id = r.patient_id "
                         "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND c.entered_in_error IS NULL "
                         "AND c.outcome = 'attended' AND c.contact_on <= :asof "
                         "GROUP BY r.patient_id HAVING index_on >= :from AND index_on <= :to");
    return readRows<IndexRow>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return IndexRow{q.value(0).toLongLong(), dateAt(q, 1)};
    });
}

} // namespace painmdt::storage
