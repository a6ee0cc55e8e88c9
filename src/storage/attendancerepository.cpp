#include "storage/attendancerepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace painmdt::storage {

using domain::Attendance;
using domain::ServiceCost;
using domain::TariffLine;

namespace {

const QString attendanceColumns = QStringLiteral(
    "SELECT id, attendance_ref, patient_id, attended_on, setting, bed_days, specialty, entered_in_error, row_version "
    "FROM attendance ");

Attendance attendanceFrom(const QSqlQuery &q)
{
    Attendance a;
    a.id = q.value(0).toLongLong();
    a.attendanceRef = q.value(1).toString();
    a.patientId = q.value(2).toLongLong();
    a.attendedOn = dateAt(q, 3);
    a.setting = q.value(4).toString();
    if (!q.value(5).isNull())
        a.bedDays = q.value(5).toInt();
    a.specialty = q.value(6).toString();
    a.enteredInError = q.value(7).toString();
    a.rowVersion = q.value(8).toInt();
    return a;
}

QVariant bedDaysValue(const Attendance &a)
{
    return a.bedDays ? QVariant(*a.bedDays) : QVariant(QMetaType(QMetaType::Int));
}

const QString tariffColumns = QStringLiteral(
    "SELECT id, tariff, setting, unit_cost, price_year, source, row_version FROM tariff_line ");

TariffLine tariffFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toDouble(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toInt()};
}

const QString costColumns = QStringLiteral("SELECT id, from_date, to_date, cost, row_version FROM service_cost ");

ServiceCost costFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), dateAt(q, 1), dateAt(q, 2), q.value(3).toDouble(), q.value(4).toInt()};
}

QString insertAllSql(std::size_t rows)
{
    QStringList values(qsizetype(rows), QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return QStringLiteral("INSERT INTO attendance(id, attendance_ref, patient_id, attended_on, setting, bed_days, specialty, "
                          "created_at, created_by, updated_at, updated_by) VALUES ") + values.join(QLatin1Char(','));
}

void bindStamps(QSqlQuery &q, const Stamp &stamp, int times)
{
    for (int i = 0; i < times; ++i) {
        q.addBindValue(stamp.atText());
        q.addBindValue(stamp.actor);
    }
}

} // namespace

Maybe<Attendance> AttendanceRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(attendanceColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<Attendance>(q, attendanceFrom);
}

Maybe<Attendance> AttendanceRepository::byRef(const QString &ref)
{
    QSqlQuery &q = m_db.prepared(attendanceColumns + QStringLiteral("WHERE attendance_ref = ?"));
    q.addBindValue(ref);
    return fetchOne<Attendance>(q, attendanceFrom);
}

Many<Attendance> AttendanceRepository::byIds(const QList<qint64> &ids)
{
    return fetchIn<Attendance>(m_db, attendanceColumns + QStringLiteral("WHERE "), QStringLiteral("id"), ids, attendanceFrom);
}

Many<Attendance> AttendanceRepository::byRefsAnyCase(const QStringList &refs)
{
    // The partial NOCASE index answers it; its condition must be in the query for it to be used.
    return fetchIn<Attendance>(m_db, attendanceColumns + QStringLiteral("WHERE attendance_ref IS NOT NULL AND "),
                               QStringLiteral("attendance_ref COLLATE NOCASE"), refs, attendanceFrom);
}

Maybe<Attendance> AttendanceRepository::same(const Attendance &a, int nth)
{
    QSqlQuery &q = m_db.prepared(attendanceColumns + QStringLiteral(
        "WHERE patient_id = ? AND attended_on = ? AND setting = ? AND bed_days IS NOT DISTINCT FROM ? AND coalesce(specialty, '') = coalesce(?, '') "
        "AND attendance_ref IS NULL ORDER BY id LIMIT 1 OFFSET ?"));
    bindAll(q, {a.patientId, a.attendedOn.toString(Qt::ISODate), a.setting, bedDaysValue(a), a.specialty, nth});
    return fetchOne<Attendance>(q, attendanceFrom);
}

Many<Attendance> AttendanceRepository::forPatient(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(attendanceColumns + QStringLiteral(
        "WHERE patient_id = ? AND entered_in_error IS NULL ORDER BY attended_on DESC, id DESC"));
    q.addBindValue(patientId);
    return fetchAll<Attendance>(q, attendanceFrom);
}

Result<qint64> AttendanceRepository::insert(const Attendance &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO attendance(attendance_ref, patient_id, attended_on, setting, bed_days, specialty, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {nullIfEmpty(a.attendanceRef), a.patientId, a.attendedOn.toString(Qt::ISODate), a.setting,
                bedDaysValue(a), nullIfEmpty(a.specialty)});
    bindStamps(q, stamp, 2);
    return insertReturningId(m_db, q, QObject::tr("attendance"));
}

Status AttendanceRepository::deferReportIndexes()
{
    return m_db.deferIndexes({QStringLiteral("attendance_patient"), QStringLiteral("attendance_date")});
}

Result<qint64> AttendanceRepository::highestId()
{
    QSqlQuery &last = m_db.prepared(QStringLiteral("SELECT coalesce(max(id), 0) FROM attendance"));
    const auto top = fetchOne<qint64>(last, [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
    if (!top)
        return top.failure();
    return top->value_or(0);
}

Status AttendanceRepository::insertAll(std::vector<Attendance *> &rows, const Stamp &stamp)
{
    constexpr std::size_t perInsert = 50; // 550 values: under any engine's limit, few statements
    if (rows.empty())
        return success();
    const auto top = highestId();
    if (!top)
        return top.failure();
    qint64 id = top.value();
    for (std::size_t start = 0; start < rows.size(); start += perInsert) {
        const std::size_t count = std::min(perInsert, rows.size() - start);
        static const QString full = insertAllSql(perInsert);
        QVariantList values;
        values.reserve(qsizetype(count) * 11);
        for (std::size_t i = start; i < start + count; ++i) {
            Attendance &a = *rows[i];
            a.id = ++id;
            a.rowVersion = 1;
            values << a.id << nullIfEmpty(a.attendanceRef) << a.patientId << a.attendedOn.toString(Qt::ISODate) << a.setting
                   << bedDaysValue(a) << nullIfEmpty(a.specialty) << stamp.atText() << stamp.actor << stamp.atText()
                   << stamp.actor;
        }
        if (Status s = m_db.execBound(count == perInsert ? full : insertAllSql(count), values); !s)
            return Error{QObject::tr("The attendances could not be saved: ") + s.error(), false, true};
    }
    return m_db.idsGivenTo(QStringLiteral("attendance"));
}

Status AttendanceRepository::update(const Attendance &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE attendance SET attendance_ref = ?, patient_id = ?, attended_on = ?, setting = ?, bed_days = ?, "
        "specialty = ?, updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, {nullIfEmpty(a.attendanceRef), a.patientId, a.attendedOn.toString(Qt::ISODate), a.setting,
                bedDaysValue(a), nullIfEmpty(a.specialty)});
    bindStamps(q, stamp, 1);
    bindAll(q, {a.id, a.rowVersion});
    return updatedOne(m_db, q, QObject::tr("attendance"), "attendance", a.id);
}

Result<QString> AttendanceRepository::refInOtherCase(const QString &ref)
{
    return storage::refInOtherCase(m_db, "attendance", "attendance_ref", ref);
}

QVariantMap AttendanceRepository::columns(const Attendance &a)
{
    return {{QStringLiteral("attendance_ref"), a.attendanceRef}, {QStringLiteral("patient_id"), a.patientId},
            {QStringLiteral("attended_on"), a.attendedOn.toString(Qt::ISODate)}, {QStringLiteral("setting"), a.setting},
            {QStringLiteral("bed_days"), a.bedDays ? QVariant(*a.bedDays) : QVariant(QString())},
            {QStringLiteral("specialty"), a.specialty}};
}

Many<TariffLine> AttendanceRepository::tariffLines()
{
    QSqlQuery &q = m_db.prepared(tariffColumns + QStringLiteral(
        "ORDER BY (SELECT MIN(id) FROM tariff_line f WHERE f.tariff = tariff_line.tariff), id"));
    return fetchAll<TariffLine>(q, tariffFrom);
}

Maybe<TariffLine> AttendanceRepository::tariffLine(const QString &tariff, const QString &setting)
{
    QSqlQuery &q = m_db.prepared(tariffColumns + QStringLiteral("WHERE tariff = ? AND setting = ?"));
    bindAll(q, {tariff, setting});
    return fetchOne<TariffLine>(q, tariffFrom);
}

Result<qint64> AttendanceRepository::insert(const TariffLine &line, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO tariff_line(tariff, setting, unit_cost, price_year, source, created_at, created_by, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {line.tariff, line.setting, line.unitCost, line.priceYear, line.source});
    bindStamps(q, stamp, 2);
    return insertReturningId(m_db, q, QObject::tr("tariff line"));
}

Status AttendanceRepository::update(const TariffLine &line, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE tariff_line SET unit_cost = ?, price_year = ?, source = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, {line.unitCost, line.priceYear, line.source});
    bindStamps(q, stamp, 1);
    bindAll(q, {line.id, line.rowVersion});
    return updatedOne(m_db, q, QObject::tr("tariff line"), "tariff_line", line.id);
}

QVariantMap AttendanceRepository::columns(const TariffLine &line)
{
    return {{QStringLiteral("tariff"), line.tariff}, {QStringLiteral("setting"), line.setting},
            {QStringLiteral("unit_cost"), line.unitCost}, {QStringLiteral("price_year"), line.priceYear},
            {QStringLiteral("source"), line.source}};
}

Many<ServiceCost> AttendanceRepository::serviceCosts()
{
    QSqlQuery &q = m_db.prepared(costColumns + QStringLiteral("ORDER BY from_date, to_date"));
    return fetchAll<ServiceCost>(q, costFrom);
}

Maybe<ServiceCost> AttendanceRepository::serviceCost(const QDate &from, const QDate &to)
{
    QSqlQuery &q = m_db.prepared(costColumns + QStringLiteral("WHERE from_date = ? AND to_date = ?"));
    bindAll(q, {from.toString(Qt::ISODate), to.toString(Qt::ISODate)});
    return fetchOne<ServiceCost>(q, costFrom);
}

Result<qint64> AttendanceRepository::insert(const ServiceCost &cost, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO service_cost(from_date, to_date, cost, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {cost.from.toString(Qt::ISODate), cost.to.toString(Qt::ISODate), cost.cost});
    bindStamps(q, stamp, 2);
    return insertReturningId(m_db, q, QObject::tr("service cost"));
}

Status AttendanceRepository::update(const ServiceCost &cost, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE service_cost SET cost = ?, updated_at = ?, updated_by = ?, row_version = row_version + 1 "
        "WHERE id = ? AND row_version = ?"));
    q.addBindValue(cost.cost);
    bindStamps(q, stamp, 1);
    bindAll(q, {cost.id, cost.rowVersion});
    return updatedOne(m_db, q, QObject::tr("service cost"), "service_cost", cost.id);
}

QVariantMap AttendanceRepository::columns(const ServiceCost &cost)
{
    return {{QStringLiteral("from_date"), cost.from.toString(Qt::ISODate)},
            {QStringLiteral("to_date"), cost.to.toString(Qt::ISODate)}, {QStringLiteral("cost"), cost.cost}};
}

} // namespace painmdt::storage
