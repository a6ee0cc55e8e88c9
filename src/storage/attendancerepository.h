#pragma once
// Attendances, tariffs and service costs (schema 15). Writes go through
// services::AttendanceService, which audits them.
#include "domain/attendance.h"
#include "domain/result.h"
#include "storage/changelog.h"

#include <QVariantMap>

namespace painmdt::storage {

class Database;

class AttendanceRepository {
public:
    explicit AttendanceRepository(Database &db) : m_db(db) {}

    Maybe<domain::Attendance> byId(qint64 id);
    Maybe<domain::Attendance> byRef(const QString &ref); // also one withdrawn
    Many<domain::Attendance> byIds(const QList<qint64> &ids); // in no order
    // Every stored attendance whose ref equals one of `refs` but for upper/lower case (withdrawn
    // ones too): a bulk import's batch matched in one read, other-case refs included.
    Many<domain::Attendance> byRefsAnyCase(const QStringList &refs);
    // The `nth` (0-based) stored attendance without a ref with these values, oldest first: the
    // k-th identical row of a file matches the k-th stored one, so a file imported twice changes
    // nothing and two real visits on one day stay two.
    Maybe<domain::Attendance> same(const domain::Attendance &a, int nth);
    Many<domain::Attendance> forPatient(qint64 patientId); // live ones, newest first
    Result<qint64> insert(const domain::Attendance &a, const Stamp &stamp);
    // New attendances in as few statements as can be (a batch of an import; docs/adr/0018); each
    // gets its id. Only inside a write transaction: the ids follow the largest one stored.
    Status insertAll(std::vector<domain::Attendance *> &rows, const Stamp &stamp);
    Status update(const domain::Attendance &a, const Stamp &stamp); // checks a.rowVersion
    // A bulk load's (docs/adr/0027): the two covering indexes the reports read through are built
    // once, when the outermost transaction commits, instead of row by row (Database::deferIndexes).
    Status deferReportIndexes();
    Result<qint64> highestId(); // 0 when there is none
    Result<QString> refInOtherCase(const QString &ref);
    static QVariantMap columns(const domain::Attendance &a);

    // Tariffs: every line, tariffs in the order they were first imported (oldest first).
    Many<domain::TariffLine> tariffLines();
    Maybe<domain::TariffLine> tariffLine(const QString &tariff, const QString &setting);
    Result<qint64> insert(const domain::TariffLine &line, const Stamp &stamp);
    Status update(const domain::TariffLine &line, const Stamp &stamp);
    static QVariantMap columns(const domain::TariffLine &line);

    Many<domain::ServiceCost> serviceCosts(); // by period
    Maybe<domain::ServiceCost> serviceCost(const QDate &from, const QDate &to);
    Result<qint64> insert(const domain::ServiceCost &cost, const Stamp &stamp);
    Status update(const domain::ServiceCost &cost, const Stamp &stamp);
    static QVariantMap columns(const domain::ServiceCost &cost);

private:
    Database &m_db;
};

} // namespace painmdt::storage
