#include "services/attendanceservice.h"

#include "services/enteredinerror.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace painmdt::services {

using domain::Attendance;
using domain::ServiceCost;
using domain::TariffLine;
using storage::AttendanceRepository;
using storage::ChangeAction;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("AttendanceService", text); }

const QString attendanceEntity = QStringLiteral("attendance");

} // namespace

AttendanceService::AttendanceService(storage::Database &db, StampSource stamps)
    : m_repo(db), m_patients(db), m_door(db, std::move(stamps)), m_db(db)
{
}

std::vector<domain::FieldError> AttendanceService::check(Attendance &a) const
{
    auto errors = domain::validate(a);
    if (a.attendedOn.isValid() && a.attendedOn > m_door.stamps().today())
        errors.push_back({domain::field::attendedOn, tr("attended_on is in the future; check the date.")});
    return errors;
}

Problems AttendanceService::checkPatient(const Attendance &a)
{
    return attachProblems(m_patients, a.patientId, a.attendedOn, domain::field::attendedOn, Lifetime::WhileAlive);
}

SaveResult<Attendance> AttendanceService::add(Attendance a)
{
    return m_door.write<Attendance>(domain::Action::RecordAttendances, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = check(a); !errors.empty())
            return SaveResult<Attendance>::invalid(std::move(errors));
        if (auto stop = stopFor<Attendance>(checkPatient(a)))
            return *stop;
        if (auto stop = stopFor<Attendance>(refCaseProblems(m_repo.refInOtherCase(a.attendanceRef),
                                                            domain::field::attendanceRef, a.attendanceRef)))
            return *stop;
        const auto id = m_repo.insert(a, stamp);
        if (!id)
            return SaveResult<Attendance>::failed(id.failure());
        a.id = id.value();
        a.rowVersion = 1;
        changes.push_back({attendanceEntity, a.id, ChangeAction::Create, {}, AttendanceRepository::columns(a), a.patientId});
        return SaveResult<Attendance>{a, {}};
    });
}

namespace {

// ASCII case folding, as SQLite's NOCASE compares: a ref stored as "bx1" matches "BX1".
QString foldedRef(const QString &ref)
{
    QString folded = ref;
    for (QChar &c : folded)
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    return folded;
}

} // namespace

// What a batch needs read from the database, read once for all its rows.
struct AttendanceService::BatchFacts {
    QHash<qint64, domain::PatientLifetime> patients;
    QHash<qint64, Attendance> byId;      // stored rows the caller matched (rows without a ref)
    QHash<QString, Attendance> byRef;    // stored rows with one of the batch's refs, exactly
    QHash<QString, QString> refByFolded; // ... and in any case: folded ref -> the stored ref
};

namespace {

using BatchFacts = AttendanceService::BatchFacts;

Result<BatchFacts> readFacts(storage::PatientRepository &patients, AttendanceRepository &repo, const std::vector<Attendance> &rows,
                             QHash<qint64, domain::PatientLifetime> known)
{
    QList<qint64> patientIds, ids;
    QStringList refs;
    for (const Attendance &a : rows) {
        if (!known.contains(a.patientId))
            patientIds << a.patientId;
        if (a.id != 0)
            ids << a.id;
        else if (!a.attendanceRef.isEmpty())
            refs << a.attendanceRef;
    }
    BatchFacts facts;
    facts.patients = std::move(known);
    const auto people = patients.lifetimes(patientIds);
    const auto matched = repo.byIds(ids);
    const auto stored = repo.byRefsAnyCase(refs);
    for (const Error *e : {people ? nullptr : &people.failure(), matched ? nullptr : &matched.failure(),
                           stored ? nullptr : &stored.failure()})
        if (e)
            return *e;
    for (const domain::PatientLifetime &p : people.value())
        facts.patients.insert(p.id, p);
    for (const Attendance &a : matched.value())
        facts.byId.insert(a.id, a);
    for (const Attendance &a : stored.value()) {
        facts.byRef.insert(a.attendanceRef, a);
        facts.refByFolded.insert(foldedRef(a.attendanceRef), a.attendanceRef);
    }
    return facts;
}

// Why `a` may not replace `stored`, the attendance its id or ref matched.
void replaceProblems(const Attendance &a, const Attendance &stored, std::vector<domain::FieldError> &problems)
{
    namespace field = domain::field;
    if (stored.isEnteredInError())
        problems.push_back({field::attendanceRef, tr("attendance %1 was withdrawn in PainMDT as entered in error; give "
                                                     "this row another attendance_ref.").arg(stored.attendanceRef)});
    else if (stored.patientId != a.patientId)
        problems.push_back({field::patientRef, tr("attendance %1 belongs to another patient; an attendance never moves "
                                                  "between patients.").arg(stored.attendanceRef)});
    else if (a.id != 0 && stored.rowVersion != a.rowVersion)
        problems.push_back({field::attendanceRef, tr("Someone changed this attendance meanwhile; import the file again.")});
}

// The stored attendance `a` is to replace (none: it is new), with any problem that stops it.
std::optional<Attendance> storedFor(const Attendance &a, const BatchFacts &facts, std::vector<domain::FieldError> &problems)
{
    if (a.id != 0 && !facts.byId.contains(a.id)) {
        problems.push_back({domain::field::attendanceRef, tr("This attendance no longer exists; import the file again.")});
        return std::nullopt;
    }
    std::optional<Attendance> stored;
    if (a.id != 0)
        stored = facts.byId.value(a.id);
    else if (const auto found = facts.byRef.constFind(a.attendanceRef); !a.attendanceRef.isEmpty() && found != facts.byRef.cend())
        stored = *found;
    if (stored) {
        replaceProblems(a, *stored, problems);
        return stored;
    }
    if (const QString other = facts.refByFolded.value(foldedRef(a.attendanceRef)); !a.attendanceRef.isEmpty() && !other.isEmpty()) {
        auto refused = refCaseProblems(other, domain::field::attendanceRef, a.attendanceRef).value();
        problems.insert(problems.end(), refused.begin(), refused.end());
    }
    return std::nullopt;
}

} // namespace

SaveResult<std::vector<BatchRow>> AttendanceService::saveMany(std::vector<Attendance> rows, const QStringList &kept)
{
    using Rows = SaveResult<std::vector<BatchRow>>;
    return m_door.write<std::vector<BatchRow>>(domain::Action::RecordAttendances, [&](const storage::Stamp &stamp, Changes &changes) {
        auto facts = readFacts(m_patients, m_repo, rows, std::exchange(lifetimesKnown(), {}));
        if (!facts)
            return Rows::failed(facts.failure());
        std::vector<BatchRow> done(rows.size());
        std::vector<Attendance *> added;
        QSet<QString> refsInBatch;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            Attendance &a = rows[i];
            const std::optional<Attendance> stored = vetted(a, facts.value(), kept, refsInBatch, done[i].problems);
            if (!done[i].problems.empty())
                continue;
            if (!stored) {
                added.push_back(&a);
                done[i].outcome = BatchRow::Outcome::Added;
            } else if (AttendanceRepository::columns(*stored) == AttendanceRepository::columns(a)) {
                done[i].outcome = BatchRow::Outcome::Unchanged;
            } else {
                a.id = stored->id;
                a.rowVersion = stored->rowVersion;
                if (Status s = m_repo.update(a, stamp); !s)
                    return Rows::failed(Error{s.error(), false, true});
                changes.push_back({attendanceEntity, a.id, ChangeAction::Update, AttendanceRepository::columns(*stored),
                                   AttendanceRepository::columns(a), a.patientId});
                done[i].outcome = BatchRow::Outcome::Updated;
            }
        }
        if (Status s = m_repo.insertAll(added, stamp); !s)
            return Rows::failed(Error{s.error(), false, true});
        for (const Attendance *a : added)
            changes.push_back({attendanceEntity, a->id, ChangeAction::Create, {}, {}, a->patientId});
        m_lifetimes.byId = std::move(facts->patients); // for the next batch
        return Rows{std::move(done), {}};
    });
}

QHash<qint64, domain::PatientLifetime> &AttendanceService::lifetimesKnown()
{
    // Kept only within one transaction (the write lock held: no other connection writes) with
    // no rollback and no write to a patient since (Database::writeGeneration, entityWrites).
    const std::pair stamp{m_db.writeGeneration(), m_db.entityWrites(QStringLiteral("patient"))};
    if (!m_db.inTransaction() || stamp != m_lifetimes.stamp)
        m_lifetimes = {stamp, {}};
    return m_lifetimes.byId;
}

std::optional<Attendance> AttendanceService::vetted(Attendance &a, const BatchFacts &facts, const QStringList &kept,
                                                    QSet<QString> &refsInBatch, std::vector<domain::FieldError> &problems) const
{
    const QString folded = foldedRef(a.attendanceRef);
    if (!a.attendanceRef.isEmpty() && refsInBatch.contains(folded)) {
        problems.push_back({domain::field::attendanceRef, tr("attendance_ref %1 is given twice in one import (perhaps in "
                                                             "other upper/lower case); refs are matched exactly.").arg(a.attendanceRef)});
        return std::nullopt;
    }
    const std::optional<Attendance> stored = storedFor(a, facts, problems);
    if (!problems.empty())
        return std::nullopt;
    if (stored && kept.contains(domain::field::bedDays)) // checked below with the rest, as a screen's edit is
        a.bedDays = stored->bedDays;
    if (stored && kept.contains(domain::field::specialty))
        a.specialty = stored->specialty;
    problems = check(a);
    // A row the file repeats unchanged is no new claim about the patient: a patient removed or
    // deceased since does not refuse it (only what is written is held to the patient's lifetime).
    if (problems.empty() && (!stored || AttendanceRepository::columns(*stored) != AttendanceRepository::columns(a))) {
        const auto patient = facts.patients.constFind(a.patientId);
        problems = attachProblems(patient == facts.patients.cend() ? nullptr : &*patient, a.attendedOn,
                                  domain::field::attendedOn, Lifetime::WhileAlive);
    }
    if (problems.empty() && !a.attendanceRef.isEmpty())
        refsInBatch.insert(folded); // only a row that passed: one refused never blocks a good one after it
    return stored;
}

SaveResult<Attendance> AttendanceService::update(Attendance a)
{
    return m_door.write<Attendance>(domain::Action::RecordAttendances, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = check(a); !errors.empty())
            return SaveResult<Attendance>::invalid(std::move(errors));
        if (auto stop = stopFor<Attendance>(checkPatient(a)))
            return *stop;
        const auto before = m_repo.byId(a.id);
        if (!before)
            return SaveResult<Attendance>::failed(before.failure());
        if (!before->has_value() || before->value().isEnteredInError())
            return SaveResult<Attendance>::failed(tr("This attendance was withdrawn or no longer exists; it cannot be changed."));
        if (before->value().patientId != a.patientId)
            return SaveResult<Attendance>::failed(tr("An attendance never moves to another patient: withdraw it as entered "
                                                     "in error and record it on the right patient."));
        if (Status s = m_repo.update(a, stamp); !s)
            return SaveResult<Attendance>::failed(s.failure());
        changes.push_back({attendanceEntity, a.id, ChangeAction::Update, AttendanceRepository::columns(before->value()),
                           AttendanceRepository::columns(a), a.patientId});
        ++a.rowVersion;
        return SaveResult<Attendance>{a, {}};
    });
}

SaveResult<Attendance> AttendanceService::markInError(qint64 id, int expectedVersion, const QString &reason)
{
    return m_door.write<Attendance>(domain::Action::RecordAttendances, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto found = m_repo.byId(id);
        if (!found)
            return SaveResult<Attendance>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Attendance>::failed(tr("This attendance no longer exists."));
        return markEnteredInError(m_db, "attendance", found->value(), expectedVersion, reason, found->value().patientId,
                                  stamp, changes);
    });
}

Maybe<Attendance> AttendanceService::byRef(const QString &ref) { return m_repo.byRef(ref); }
Status AttendanceService::expectLoad(qsizetype rows)
{
    // Measured (docs/performance.md): 1,000,000 rows into 26,000 stored are a quarter faster with
    // the indexes built at the end; into 2,000,000 stored, 4 % slower (the sort is of all 3M).
    // The sort that builds them is held in memory (temp_store = MEMORY: patient data never goes
    // to a temporary file), about 50 bytes a row: at most 4,000,000 rows, some 200 MB.
    constexpr qsizetype fewest = 10000, most = 4000000;
    if (rows < fewest)
        return success();
    const auto stored = m_repo.highestId();
    if (!stored)
        return stored.failure();
    return rows >= stored.value() && rows + stored.value() <= most ? m_repo.deferReportIndexes() : success();
}

Maybe<Attendance> AttendanceService::same(const Attendance &a, int nth)
{
    if (Status built = m_db.rebuildDeferredIndexes(); !built) // this read goes through them
        return built.failure();
    return m_repo.same(a, nth);
}
Many<Attendance> AttendanceService::forPatient(qint64 patientId) { return m_repo.forPatient(patientId); }
Maybe<TariffLine> AttendanceService::tariffLine(const QString &tariff, const QString &setting) { return m_repo.tariffLine(tariff, setting); }
Maybe<ServiceCost> AttendanceService::serviceCost(const QDate &from, const QDate &to) { return m_repo.serviceCost(from, to); }
Many<ServiceCost> AttendanceService::serviceCosts() { return m_repo.serviceCosts(); }

namespace {

// Saves `value` over the record stored under its natural key (`stored`), or as a new one, with
// its audit row: a file imported again updates a price instead of adding a second one. A value
// read from the database (an id, as a screen sends) must still be the stored version: a
// colleague's save in between is never overwritten.
template <typename Value>
SaveResult<Value> saveOver(AttendanceRepository &repo, const QString &entity, Value value, const Maybe<Value> &stored,
                           const storage::Stamp &stamp, Changes &changes)
{
    if (!stored)
        return SaveResult<Value>::failed(stored.failure());
    if (value.id != 0 && (!stored->has_value() || stored->value().id != value.id
                          || stored->value().rowVersion != value.rowVersion))
        return SaveResult<Value>::failed(QCoreApplication::translate(
            "AttendanceService", "Someone changed these costs after you opened them; close and open the screen again "
                                 "to see theirs, then make your change."));
    if (stored->has_value()) {
        value.id = stored->value().id;
        value.rowVersion = stored->value().rowVersion;
        if (Status s = repo.update(value, stamp); !s)
            return SaveResult<Value>::failed(s.failure());
        changes.push_back({entity, value.id, ChangeAction::Update, AttendanceRepository::columns(stored->value()),
                           AttendanceRepository::columns(value)});
        ++value.rowVersion;
        return SaveResult<Value>{value, {}};
    }
    const auto id = repo.insert(value, stamp);
    if (!id)
        return SaveResult<Value>::failed(id.failure());
    value.id = id.value();
    value.rowVersion = 1;
    changes.push_back({entity, value.id, ChangeAction::Create, {}, AttendanceRepository::columns(value)});
    return SaveResult<Value>{value, {}};
}

} // namespace

SaveResult<TariffLine> AttendanceService::saveTariffLine(TariffLine line)
{
    return m_door.write<TariffLine>(domain::Action::SetCosts, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = domain::validate(line); !errors.empty())
            return SaveResult<TariffLine>::invalid(std::move(errors));
        return saveOver(m_repo, QStringLiteral("tariff_line"), line, m_repo.tariffLine(line.tariff, line.setting), stamp, changes);
    });
}

SaveResult<ServiceCost> AttendanceService::saveServiceCost(ServiceCost cost)
{
    return m_door.write<ServiceCost>(domain::Action::SetCosts, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = domain::validate(cost); !errors.empty())
            return SaveResult<ServiceCost>::invalid(std::move(errors));
        return saveOver(m_repo, QStringLiteral("service_cost"), cost, m_repo.serviceCost(cost.from, cost.to), stamp, changes);
    });
}

// One transaction round every save, each its own audited write inside it.
SaveResult<int> AttendanceService::saveCosts(const std::vector<TariffLine> &lines, const std::vector<ServiceCost> &costs)
{
    return m_door.write<int>(domain::Action::SetCosts, [&](const storage::Stamp &, Changes &) {
        for (const TariffLine &line : lines)
            if (auto s = saveTariffLine(line); !s.ok())
                return SaveResult<int>{std::nullopt, s.problem};
        for (const ServiceCost &cost : costs)
            if (auto s = saveServiceCost(cost); !s.ok())
                return SaveResult<int>{std::nullopt, s.problem};
        return SaveResult<int>{int(lines.size() + costs.size()), {}};
    });
}

Many<domain::Tariff> AttendanceService::tariffs()
{
    const auto lines = m_repo.tariffLines(); // tariffs oldest first
    if (!lines)
        return lines.failure();
    std::vector<domain::Tariff> found;
    for (const TariffLine &line : lines.value()) {
        if (found.empty() || found.back().name != line.tariff)
            found.push_back({line.tariff, {}});
        found.back().lines[line.setting] = line;
    }
    std::reverse(found.begin(), found.end());
    return found;
}

Result<std::optional<domain::Tariff>> AttendanceService::tariff(const QString &name)
{
    const auto all = tariffs();
    if (!all)
        return all.failure();
    if (name.isEmpty()) // the default; none imported yet is not an error
        return all->empty() ? std::optional<domain::Tariff>() : std::optional(all->front());
    if (all->empty())
        return Error{tr("No tariff has been imported, so nothing can be costed. Import one with: painmdt import "
                        "--kind tariff FILE.csv (an example ships in resources/tariffs/).")};
    QStringList names;
    for (const auto &t : all.value()) {
        if (t.name == name)
            return std::optional(t);
        names << t.name;
    }
    return Error{tr("There is no tariff \"%1\"; known: %2.").arg(name, names.join(QStringLiteral(", ")))};
}

} // namespace painmdt::services
