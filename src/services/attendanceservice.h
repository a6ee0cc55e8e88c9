#pragma once
// Hospital and GP attendances, tariffs and service costs (issue 10): every write through the one
// door, audited. Attendances are activity data a service manager loads from the hospital's
// extract (domain::Action::RecordAttendances); tariffs and service costs are money
// (Action::SetCosts).
#include "domain/attendance.h"
#include "services/door.h"
#include "services/patientrules.h"
#include "storage/attendancerepository.h"
#include "storage/patientrepository.h"

#include <QSet>
#include <QStringList>

#include <optional>

namespace painmdt::services {

// What became of one attendance of a batch (AttendanceService::saveMany).
struct BatchRow {
    enum class Outcome { Added, Updated, Unchanged, Refused };
    Outcome outcome = Outcome::Refused;
    std::vector<domain::FieldError> problems; // why it was refused
};

class AttendanceService {
public:
    AttendanceService(storage::Database &db, StampSource stamps = StampSource());

    SaveResult<domain::Attendance> add(domain::Attendance a);
    SaveResult<domain::Attendance> update(domain::Attendance a); // never moves to another patient
    SaveResult<domain::Attendance> markInError(qint64 id, int expectedVersion, const QString &reason);
    std::vector<domain::FieldError> check(domain::Attendance &a) const; // the rules that need no database
    // A hospital extract's batch in one write (docs/adr/0018): each attendance is matched on its
    // id when the caller has matched it (a row without a ref), else on its ref; the same rules as
    // add and update apply, and it is added, updated, left as it is or refused. The rows refused
    // are not written; the others are, each with its audit row. One BatchRow per attendance, in
    // order; a database fault fails the whole batch and writes nothing. `kept` names the columns
    // (bed_days, specialty) a file did not have: a stored attendance keeps its own values there.
    SaveResult<std::vector<BatchRow>> saveMany(std::vector<domain::Attendance> rows, const QStringList &kept = {});

    // Before a load of about `rows` new attendances by saveMany, inside the caller's transaction:
    // when they are at least as many as those stored, the reports' indexes are built once at the
    // commit instead of row by row (docs/adr/0027). Reads that need them (same) build them first.
    Status expectLoad(qsizetype rows);

    Maybe<domain::Attendance> byRef(const QString &ref);
    Maybe<domain::Attendance> same(const domain::Attendance &a, int nth);
    Many<domain::Attendance> forPatient(qint64 patientId);

    // A tariff line is matched on (tariff, setting); a service cost on its period.
    SaveResult<domain::TariffLine> saveTariffLine(domain::TariffLine line);
    SaveResult<domain::ServiceCost> saveServiceCost(domain::ServiceCost cost);
    // All or nothing, as an admin screen saves what was edited: the first line or period that
    // cannot be saved undoes the others and its problem is returned. The value: how many saved.
    SaveResult<int> saveCosts(const std::vector<domain::TariffLine> &lines, const std::vector<domain::ServiceCost> &costs);
    Maybe<domain::TariffLine> tariffLine(const QString &tariff, const QString &setting);
    Maybe<domain::ServiceCost> serviceCost(const QDate &from, const QDate &to);

    // Every tariff, the default for reports (the one first imported most recently) first.
    Many<domain::Tariff> tariffs();
    // `name`, or the default when empty (nullopt when none has been imported); an unknown name is
    // an error naming the known tariffs.
    Result<std::optional<domain::Tariff>> tariff(const QString &name);
    Many<domain::ServiceCost> serviceCosts();

    struct BatchFacts; // what saveMany reads for a whole batch

private:
    Problems checkPatient(const domain::Attendance &a);
    // The patients saveMany has read in this transaction, while still true: a million-row
    // extract names each patient many times, in batch after batch.
    QHash<qint64, domain::PatientLifetime> &lifetimesKnown();
    // The stored attendance `a` replaces (none: it is new), after every rule; `problems` says why not.
    std::optional<domain::Attendance> vetted(domain::Attendance &a, const BatchFacts &facts, const QStringList &kept,
                                             QSet<QString> &refsInBatch, std::vector<domain::FieldError> &problems) const;

    struct {
        std::pair<quint64, quint64> stamp; // writeGeneration, the patients' entityWrites
        QHash<qint64, domain::PatientLifetime> byId;
    } m_lifetimes;
    storage::AttendanceRepository m_repo;
    storage::PatientRepository m_patients;
    Door m_door;
    storage::Database &m_db;
};

} // namespace painmdt::services
