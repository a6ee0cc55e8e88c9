#include "services/patientservice.h"

#include "domain/nhsnumber.h"
#include "domain/textrules.h"
#include "services/patientrules.h"
#include "storage/changelog.h"
#include "storage/transaction.h"

#include <QObject>

namespace painmdt::services {

using domain::FieldError;
using domain::Patient;
using domain::PatientFlag;
using storage::ChangeAction;
using storage::FlagRepository;
using storage::ChangeRecord;
using storage::PatientRepository;

namespace {

const QString entity = QStringLiteral("patient");

} // namespace

PatientService::PatientService(storage::Database &db, StampSource stamps)
    : m_repo(db), m_flags(db), m_door(db, std::move(stamps))
{
}

Many<Patient> PatientService::possibleDuplicates(const Patient &p)
{
    return m_repo.sameNameAndBirth(p);
}

Maybe<Patient> PatientService::byId(qint64 id)
{
    return m_repo.byId(id);
}

Many<domain::PatientLifetime> PatientService::lifetimesByRef(const QStringList &patientRefs)
{
    return m_repo.lifetimesByRef(patientRefs);
}

Maybe<Patient> PatientService::byRef(const QString &patientRef)
{
    return m_repo.byRef(patientRef);
}

Maybe<Patient> PatientService::byNhsNumber(const QString &nhsNumber)
{
    const domain::NhsNumberCheck checked = domain::checkNhsNumber(nhsNumber);
    if (!checked.ok())
        return std::optional<Patient>(); // no stored patient has an invalid one
    return m_repo.byNhsNumber(checked.digits);
}

Maybe<Patient> PatientService::byRefOrNhsNumber(const QString &text)
{
    auto found = m_repo.byRef(text.trimmed());
    if (found && !found->has_value())
        found = byNhsNumber(text);
    return found;
}

Result<domain::PatientMatches> PatientService::find(const std::vector<domain::SearchTerm> &terms, int limit)
{
    return m_repo.find(terms, limit);
}

Result<int> PatientService::count(const std::vector<domain::SearchTerm> &terms, int cap)
{
    return m_repo.count(terms, cap);
}

// Validation plus the rules that need the database.
Result<std::vector<FieldError>> PatientService::check(Patient &p)
{
    auto errors = domain::normaliseAndValidate(p, m_door.stamps().today());
    if (!errors.empty())
        return errors;
    return conflicts(p);
}

// The rules that need the database: one live patient per NHS number, one patient per ref.
Result<std::vector<FieldError>> PatientService::conflicts(const Patient &p)
{
    std::vector<FieldError> errors;
    if (p.hasNhsNumber()) {
        const auto other = m_repo.liveByNhsNumber(p.nhsNumber);
        if (!other)
            return other.failure();
        if (other->has_value() && other->value().id != p.id)
            errors.push_back({domain::field::nhsNumber,
                              // The ref only: this message reaches stderr and scheduled jobs' logs,
                              // which must not name another patient (issue 6).
                              QObject::tr("Another patient (ref %1) already has this NHS number.")
                                  .arg(other->value().patientRef)});
    }
    if (!p.patientRef.isEmpty()) {
        const auto other = m_repo.byRef(p.patientRef);
        if (!other)
            return other.failure();
        if (other->has_value() && other->value().id != p.id)
            errors.push_back({domain::field::patientRef,
                              QObject::tr("Patient ref %1 is already used by another patient.").arg(p.patientRef)});
    }
    return errors;
}

SaveResult<Patient> PatientService::add(Patient p)
{
    p.id = 0;
    return m_door.write<Patient>(domain::Action::EditPatient, [&](const storage::Stamp &stamp, Changes &changes) {
        // Conflicts are left to the unique indexes and explained only when one fires: looking
        // them up first doubled the cost of a bulk import.
        if (auto errors = domain::normaliseAndValidate(p, m_door.stamps().today()); !errors.empty())
            return SaveResult<Patient>::invalid(std::move(errors));
        if (p.patientRef.isEmpty()) {
            const Result<QString> ref = m_repo.nextLocalRef();
            if (!ref)
                return SaveResult<Patient>::failed(ref.failure());
            p.patientRef = ref.value();
        }
        const auto twins = refCaseProblems(m_repo.refInOtherCase(p.patientRef), domain::field::patientRef, p.patientRef);
        if (!twins)
            return SaveResult<Patient>::failed(twins.failure());
        if (!twins.value().empty())
            return SaveResult<Patient>::invalid(twins.value());
        const Result<qint64> id = m_repo.insert(p, stamp);
        if (!id) {
            if (auto errors = conflicts(p); errors && !errors->empty())
                return SaveResult<Patient>::invalid(std::move(errors.value()));
            return SaveResult<Patient>::failed(id.failure());
        }
        p.id = id.value();
        p.rowVersion = 1;
        changes.push_back({entity, p.id, ChangeAction::Create, {}, PatientRepository::columns(p), p.id});
        return SaveResult<Patient>{p, {}};
    });
}

SaveResult<Patient> PatientService::update(Patient p)
{
    return m_door.write<Patient>(domain::Action::EditPatient, [&](const storage::Stamp &stamp, Changes &changes) {
        auto errors = check(p);
        if (!errors)
            return SaveResult<Patient>::failed(errors.failure());
        if (!errors->empty())
            return SaveResult<Patient>::invalid(std::move(errors.value()));
        if (p.patientRef.isEmpty())
            return SaveResult<Patient>::invalid({{domain::field::patientRef, QObject::tr("Patient ref is required.")}});
        const auto found = m_repo.byId(p.id);
        if (!found)
            return SaveResult<Patient>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Patient>::failed(QObject::tr("This patient no longer exists."));
        const Patient &before = found->value();
        if (before.isDeleted()) // restore() is the way back; an edit must not bring a record back silently
            return SaveResult<Patient>::invalid({{domain::field::patientRef,
                                                  QObject::tr("patient %1 was removed; restore the patient in PainMDT "
                                                              "before changing their record.").arg(before.patientRef)}});
        if (p.isDeceased() && p.dateOfDeath != before.dateOfDeath) { // no contact after the patient died
            const auto last = m_repo.lastContactOn(p.id);
            if (!last)
                return SaveResult<Patient>::failed(last.failure());
            if (last.value().isValid() && last.value() > p.dateOfDeath)
                return SaveResult<Patient>::invalid(
                    {{domain::field::dateOfDeath,
                      QObject::tr("The date of death (%1) is before the patient's last contact (%2); check the date.")
                          .arg(p.dateOfDeath.toString(Qt::ISODate), last.value().toString(Qt::ISODate))}});
        }
        if (p.dateOfBirth > before.dateOfBirth) { // nothing about a patient may be dated before their birth
            const auto earliest = m_repo.earliestRecordOn(p.id);
            if (!earliest)
                return SaveResult<Patient>::failed(earliest.failure());
            if (earliest.value().isValid() && p.dateOfBirth > earliest.value())
                return SaveResult<Patient>::invalid({{domain::field::dateOfBirth,
                                                      QObject::tr("date_of_birth is after the patient's first referral or "
                                                                  "questionnaire (%1); check the year.")
                                                          .arg(earliest.value().toString(Qt::ISODate))}});
        }
        if (Status s = m_repo.update(p, stamp); !s)
            return SaveResult<Patient>::failed(s.failure());
        changes.push_back({entity, p.id, ChangeAction::Update, PatientRepository::columns(before),
                           PatientRepository::columns(p), p.id});
        ++p.rowVersion;
        return SaveResult<Patient>{p, {}};
    });
}

// Soft delete and restore share everything but the reason and the check before.
Status PatientService::setRemoved(const Patient &p, const QString &reason, ChangeAction action)
{
    const auto saved = m_door.write<Patient>(domain::Action::RemovePatient, [&](const storage::Stamp &stamp, Changes &changes) {
        if (action == ChangeAction::Restore) {
            const auto live = p.hasNhsNumber() ? m_repo.liveByNhsNumber(p.nhsNumber) : Maybe<Patient>(std::nullopt);
            if (!live)
                return SaveResult<Patient>::failed(live.failure());
            if (live->has_value() && live->value().id != p.id)
                return SaveResult<Patient>::failed(
                    QObject::tr("Cannot restore: patient %1 now has this NHS number.").arg(live->value().patientRef));
        }
        if (Status s = m_repo.setDeleted(p.id, p.rowVersion, reason, stamp); !s)
            return SaveResult<Patient>::failed(s.failure());
        Patient after = p;
        after.deletionReason = reason;
        changes.push_back({entity, p.id, action, PatientRepository::columns(p), PatientRepository::columns(after), p.id});
        return SaveResult<Patient>{after, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

Status PatientService::remove(const Patient &p, const QString &reason)
{
    const QString why = reason.simplified();
    if (why.isEmpty())
        return Error{QObject::tr("Give a reason for removing this patient.")};
    return setRemoved(p, why, ChangeAction::Delete);
}

Status PatientService::recordOpened(const Patient &p)
{
    return m_door.record({entity, p.id, ChangeAction::View, {}, {}, p.id});
}

Status PatientService::restore(const Patient &p)
{
    if (!p.isDeleted())
        return Error{QObject::tr("This patient is not removed; there is nothing to restore.")};
    return setRemoved(p, {}, ChangeAction::Restore);
}

} // namespace painmdt::services

namespace painmdt::services {

namespace {

std::optional<QString> flagTextProblem(const QString &text, const char *field)
{
    if (text.isEmpty())
        return QObject::tr("Say why, in a few words.");
    if (const QString problem = domain::textProblem(text, domain::TextKind::Line, QString::fromLatin1(field)); !problem.isEmpty())
        return problem;
    return std::nullopt;
}

} // namespace

SaveResult<PatientFlag> PatientService::flag(qint64 patientId, const QString &reason)
{
    PatientFlag f;
    f.patientId = patientId;
    f.reason = reason.simplified();
    return m_door.write<PatientFlag>(domain::Action::FlagPatient, [&](const storage::Stamp &stamp, Changes &changes) {
        if (const auto problem = flagTextProblem(f.reason, "reason"))
            return SaveResult<PatientFlag>::invalid({{"reason", *problem}});
        f.flaggedOn = stamps().today();
        if (auto stop = stopFor<PatientFlag>(attachProblems(m_repo, patientId, f.flaggedOn, "flagged_on")))
            return *stop;
        const auto id = m_flags.insert(f, stamp);
        if (!id)
            return SaveResult<PatientFlag>::failed(id.failure());
        f.id = id.value();
        f.flaggedBy = stamp.actor;
        f.rowVersion = 1;
        changes.push_back({QStringLiteral("patient_flag"), f.id, ChangeAction::Create, {}, FlagRepository::columns(f), patientId});
        return SaveResult<PatientFlag>{f, {}};
    });
}

Status PatientService::clearFlag(PatientFlag f, const QString &why)
{
    const PatientFlag before = f;
    f.clearedWhy = why.simplified();
    const auto saved = m_door.write<PatientFlag>(domain::Action::FlagPatient, [&](const storage::Stamp &stamp, Changes &changes) {
        if (const auto problem = flagTextProblem(f.clearedWhy, "cleared_why"))
            return SaveResult<PatientFlag>::invalid({{"cleared_why", *problem}});
        f.clearedOn = std::max(stamps().today(), f.flaggedOn);
        if (Status s = m_flags.clear(f, stamp); !s)
            return SaveResult<PatientFlag>::failed(s.failure());
        changes.push_back({QStringLiteral("patient_flag"), f.id, ChangeAction::Update, FlagRepository::columns(before),
                           FlagRepository::columns(f), f.patientId});
        return SaveResult<PatientFlag>{f, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

Many<PatientFlag> PatientService::openFlags(qint64 patientId)
{
    return m_flags.openFlags(patientId);
}

Many<PatientFlag> PatientService::allFlags(qint64 patientId)
{
    return m_flags.allFlags(patientId);
}

} // namespace painmdt::services
