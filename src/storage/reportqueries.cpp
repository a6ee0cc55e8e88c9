#include "storage/reportqueries.h"

#include "domain/attendance.h"

#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/referralsql.h"
#include "storage/sqlerror.h"
#include "storage/sqlvalues.h"

#include <QSqlError>

#include <algorithm>
#include <tuple>

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
        "a.scores, COALESCE(a.band, ''), rtrim(a.answers, ';') = '' FROM assessment a JOIN patient p ON p.id = a.patient_id "
        "WHERE p.deleted_at IS NULL AND a.entered_in_error IS NULL AND a.collected_on <= :asof "
        "ORDER BY a.patient_id, a.instrument, a.collected_on, a.id");
    return readRows<AdministrationRow>(db, sql, {}, {}, asOf, [](const QSqlQuery &q) {
        return AdministrationRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                                 q.value(3).toString(), q.value(4).toString(), dateAt(q, 5), q.value(6).toInt() == 1,
                                 q.value(7).toString(), q.value(8).toString(), q.value(9).toInt() == 1};
    });
}

namespace {

// The cost of attendance `a` under `prices`, as SQL: numbers only, never user text.
QString costSql(const Prices &prices)
{
    if (prices.unit.empty())
        return QStringLiteral("0"); // no tariff, or one with only a bed-day cost: "CASE ... END" with no WHEN is not SQL
    // Doubles on every engine (a decimal literal is exact NUMERIC on PostgreSQL), so sums agree.
    QString sql = QStringLiteral("(CASE a.setting");
    for (const auto &[setting, unit] : prices.unit)
        sql += QStringLiteral(" WHEN '%1' THEN CAST(%2 AS DOUBLE PRECISION) + COALESCE(a.bed_days, 0) * CAST(%3 AS DOUBLE PRECISION)")
                   .arg(setting).arg(unit, 0, 'g', 17).arg(prices.bedDay, 0, 'g', 17);
    return sql + QStringLiteral(" ELSE 0 END)");
}


const QString indexSql = QStringLiteral(
    "SELECT r.patient_id, MIN(c.contact_on) AS d FROM contact c JOIN referral r ON r.id = c.referral_id "
    "JOIN patient p ON p.id = r.patient_id WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL "
    "AND c.entered_in_error IS NULL AND c.outcome = 'attended' AND c.contact_on <= :asof "
    "GROUP BY r.patient_id HAVING MIN(c.contact_on) >= :from AND MIN(c.contact_on) <= :to");
const QString referralIndexSql = QStringLiteral(
    "SELECT r.patient_id, MIN(r.received_on) AS d FROM referral r JOIN patient p ON p.id = r.patient_id "
    "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND r.received_on <= :asof "
    "GROUP BY r.patient_id HAVING MIN(r.received_on) >= :from AND MIN(r.received_on) <= :to");

SettingTally settingTally(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toLongLong(), q.value(4).toDouble()};
}

} // namespace

Result<AttendanceTallies> attendanceTallies(Database &db, const QDate &from, const QDate &to, const QDate &asOf,
                                            const Prices &prices, int top)
{
    // One pass, one row per patient with a count and bed days per setting (three queries over a
    // year of 2,000,000 attendances took 25 s; the date index holds every column read).
    const QStringList settings = domain::attendanceSettings();
    QString perSetting;
    for (const QString &setting : settings)
        perSetting += QStringLiteral("SUM(CASE WHEN a.setting = '%1' THEN 1 ELSE 0 END), SUM(CASE WHEN a.setting = '%1' THEN COALESCE(a.bed_days, 0) END), ")
                          .arg(setting);
    const QString sql = QStringLiteral(
        "SELECT (SELECT patient_ref FROM patient WHERE id = a.patient_id), %1 COUNT(*), SUM(%2) FROM attendance a "
        "WHERE a.entered_in_error IS NULL AND a.attended_on >= :from AND a.attended_on <= :to AND a.attended_on <= :asof "
        "AND a.patient_id NOT IN (SELECT id FROM patient WHERE deleted_at IS NOT NULL) GROUP BY a.patient_id")
                            .arg(perSetting, costSql(prices));
    std::map<QString, SettingTally> bySetting;
    for (const QString &setting : settings)
        bySetting[setting] = {QString(), setting, 0, 0, 0};
    const auto patients = readRows<AttenderTally>(db, sql, from, to, asOf, [&](const QSqlQuery &q) {
        for (int i = 0; i < int(settings.size()); ++i) {
            bySetting[settings[i]].count += q.value(1 + 2 * i).toLongLong();
            bySetting[settings[i]].bedDays += q.value(2 + 2 * i).toLongLong();
        }
        const int n = 1 + 2 * int(settings.size());
        return AttenderTally{q.value(0).toString(), q.value(n).toLongLong(), q.value(n + 1).toDouble()};
    });
    if (!patients)
        return patients.failure();
    // Each setting's cost from its counts: the same sum as row by row.
    for (auto &[setting, t] : bySetting)
        if (const auto unit = prices.unit.find(setting); unit != prices.unit.end())
            t.cost = double(t.count) * unit->second + double(t.bedDays) * prices.bedDay;
    AttendanceTallies tallies;
    for (const auto &[setting, t] : bySetting)
        tallies.bySetting.push_back(t);
    tallies.patients = qint64(patients->size());
    tallies.top = patients.value();
    const auto before = [](const AttenderTally &a, const AttenderTally &b) {
        return std::tie(b.attendances, b.cost, a.patientRef) < std::tie(a.attendances, a.cost, b.patientRef);
    };
    const auto keep = std::min(tallies.top.size(), size_t(std::max(top, 0)));
    std::partial_sort(tallies.top.begin(), tallies.top.begin() + qsizetype(keep), tallies.top.end(), before);
    tallies.top.resize(keep);
    return tallies;
}

Result<CostSavingsTallies> costSavingsTallies(Database &db, bool byReferral, int months, const QDate &from,
                                              const QDate &to, const QDate &asOf, const Prices &prices)
{
    const QString cohort = QStringLiteral("WITH idx AS (%1), w AS (SELECT patient_id, d, %2 AS start, %3 AS finish FROM idx) ")
                               .arg(byReferral ? referralIndexSql : indexSql, db.dialect().monthsFromSql(QStringLiteral("d"), -months),
                                    db.dialect().monthsFromSql(QStringLiteral("d"), months));
    // One statement (the cohort is worked out once): first who is included and who not, then the
    // included patients' attendances. Before: start <= day < index; after: index < day <= finish;
    // the index day in neither.
    const auto rows = readRows<SettingTally>(db, cohort + QStringLiteral(
        "SELECT 'cohort', CASE WHEN finish <= :asof THEN 'included' ELSE 'excluded' END AS who, COUNT(*), 0, 0 FROM w "
        "GROUP BY who UNION ALL "
        "SELECT CASE WHEN a.attended_on < w.d THEN 'before' WHEN a.attended_on > w.d THEN 'after' ELSE 'index_day' END AS side, "
        "a.setting, COUNT(*), SUM(COALESCE(a.bed_days, 0)), SUM(%1) FROM w JOIN attendance a ON a.patient_id = w.patient_id "
        "WHERE w.finish <= :asof AND a.entered_in_error IS NULL AND a.attended_on >= w.start AND a.attended_on <= w.finish "
        "GROUP BY side, a.setting").arg(costSql(prices)), from, to, asOf, settingTally);
    if (!rows)
        return rows.failure();
    CostSavingsTallies tallies;
    for (const SettingTally &t : rows.value()) {
        if (t.side != QLatin1String("cohort"))
            tallies.windows.push_back(t);
        else if (t.setting == QLatin1String("included"))
            tallies.included = t.count;
        else
            tallies.excluded = t.count;
    }
    return tallies;
}

Result<std::vector<PatientWindows>> patientWindows(Database &db, bool byReferral, int beforeMonths, int afterMonths,
                                                   const QDate &from, const QDate &to, const QDate &asOf,
                                                   const Prices &prices)
{
    const QString cost = costSql(prices);
    const QString sql = QStringLiteral(
        "WITH idx AS (%1), w AS (SELECT patient_id, d, %2 AS start, %3 AS finish FROM idx) "
        "SELECT w.patient_id, SUM(CASE WHEN a.attended_on < w.d THEN 1 ELSE 0 END), SUM(CASE WHEN a.attended_on > w.d THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN a.attended_on < w.d THEN %4 END), SUM(CASE WHEN a.attended_on > w.d THEN %4 END) "
        "FROM w LEFT JOIN attendance a ON a.patient_id = w.patient_id AND a.entered_in_error IS NULL "
        "AND a.attended_on >= w.start AND a.attended_on <= w.finish WHERE w.finish <= :asof GROUP BY w.patient_id")
        .arg(byReferral ? referralIndexSql : indexSql, db.dialect().monthsFromSql(QStringLiteral("d"), -beforeMonths),
             db.dialect().monthsFromSql(QStringLiteral("d"), afterMonths), cost);
    return readRows<PatientWindows>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return PatientWindows{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                              q.value(3).toDouble(), q.value(4).toDouble()};
    });
}

Result<ActivityCounts> activityCounts(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    // Each count over live referrals of patients not removed, by its own date in [from, to].
    const auto count = [](const QString &date) {
        return QStringLiteral("(SELECT COUNT(*) FROM referral r JOIN patient p ON p.id = r.patient_id "
                              "WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL "
                              "AND %1 >= :from AND %1 <= :to AND %1 <= :asof)").arg(date);
    };
    const QString sql = QStringLiteral("SELECT %1, %2, %3, %4")
                            .arg(count(QStringLiteral("r.received_on")), count(QStringLiteral("r.triaged_on")),
                                 count(referralsql::firstContact(true)), count(QStringLiteral("r.discharged_on")));
    const auto rows = readRows<ActivityCounts>(db, sql, from, to, asOf, [](const QSqlQuery &q) {
        return ActivityCounts{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong()};
    });
    if (!rows)
        return rows.failure();
    return rows->empty() ? ActivityCounts{} : rows->front();
}

Result<std::vector<IndexRow>> indexDates(Database &db, const QDate &from, const QDate &to, const QDate &asOf)
{
    return readRows<IndexRow>(db, indexSql, from, to, asOf, [](const QSqlQuery &q) { return IndexRow{q.value(0).toLongLong(), dateAt(q, 1)}; });
}

} // namespace painmdt::storage
