#include "services/patientservice.h"

#include "domain/nhsnumber.h"
#include "services/patientrules.h"
#include "storage/changelog.h"
#include "storage/transaction.h"

#include <QObject>

namespace painmdt::services {

using domain::FieldError;
using domain::Patient;
using storage::ChangeAction;
using storage::ChangeRecord;
using storage::PatientRepository;

namespace {

const QString entity = QStringLiteral("patient");

} // namespace

QString SaveProblem::summary() const
{
    QStringList parts;
    for (const FieldError &e : fieldErrors)
        parts << e.message;
    if (!message.isEmpty())
        parts << message;
    return parts.join(QLatin1Char(' '));
}

PatientService::PatientService(storage::Database &db, StampSource stamps)
    : m_db(db), m_repo(db), m_changes(db), m_stamps(std::move(stamps))
{
}

std::vector<Patient> PatientService::possibleDuplicates(const Patient &p)
{
    return m_repo.sameNameAndBirth(p);
}

// Validation plus the rules that need the database.
std::vector<FieldError> PatientService::check(Patient &p)
{
    auto errors = domain::normaliseAndValidate(p, m_stamps.today());
    if (errors.empty())
        errors = conflicts(p);
    return errors;
}

// The rules that need the database: one live patient per NHS number, one patient per ref.
std::vector<FieldError> PatientService::conflicts(const Patient &p)
{
    std::vector<FieldError> errors;
    if (p.hasNhsNumber()) {
        if (const auto other = m_repo.liveByNhsNumber(p.nhsNumber); other && other->id != p.id)
            errors.push_back({domain::field::nhsNumber,
                              // The ref only: this message reaches stderr and scheduled jobs' logs,
                              // which must not name another patient (issue 6).
                              QObject::tr("Another patient (ref %1) already has NHS number %2.")
                                  .arg(other->patientRef, domain::formatNhsNumber(p.nhsNumber))});
    }
    if (!p.patientRef.isEmpty()) {
        if (const auto other = m_repo.byRef(p.patientRef); other && other->id != p.id)
            errors.push_back({domain::field::patientRef,
                              QObject::tr("Patient ref %1 is already used by another patient.").arg(p.patientRef)});
    }
    return errors;
}

SaveResult<Patient> PatientService::add(Patient p)
{
    p.id = 0;
    // Conflicts are left to the unique indexes and explained only when one fires: looking
    // them up first doubled the cost of a bulk import.
    if (auto errors = domain::normaliseAndValidate(p, m_stamps.today()); !errors.empty())
        return SaveResult<Patient>::invalid(std::move(errors));

    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Patient>::failed(tx.error());
    if (p.patientRef.isEmpty())
        p.patientRef = m_repo.nextLocalRef();
    if (auto errors = refCaseProblems(m_repo.refInOtherCase(p.patientRef), domain::field::patientRef, p.patientRef);
        !errors.empty())
        return SaveResult<Patient>::invalid(std::move(errors));
    const auto stamp = m_stamps.now();
    const Result<qint64> id = m_repo.insert(p, stamp);
    if (!id) {
        if (Status undone = tx.rollback(); !undone)
            return SaveResult<Patient>::failed(undone.error());
        if (auto errors = conflicts(p); !errors.empty())
            return SaveResult<Patient>::invalid(std::move(errors));
        return SaveResult<Patient>::failed(id.error());
    }
    p.id = id.value();
    p.rowVersion = 1;
    if (Status s = m_changes.record(stamp, {entity, p.id, ChangeAction::Create, {}, {}}); !s)
        return SaveResult<Patient>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Patient>::failed(s.error());
    return {p, {}};
}

SaveResult<Patient> PatientService::update(Patient p)
{
    if (auto errors = check(p); !errors.empty())
        return SaveResult<Patient>::invalid(std::move(errors));
    if (p.patientRef.isEmpty())
        return {std::nullopt, {{{domain::field::patientRef, QObject::tr("Patient ref is required.")}}, {}}};

    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Patient>::failed(tx.error());
    const auto before = m_repo.byId(p.id);
    if (!before)
        return SaveResult<Patient>::failed(QObject::tr("This patient no longer exists."));
    if (before->isDeleted()) // restore() is the way back; an edit must not bring a record back silently
        return {std::nullopt, {{{domain::field::patientRef,
                                 QObject::tr("patient %1 was removed; restore the patient in PainMDT before "
                                             "changing their record.").arg(before->patientRef)}}, {}}};
    const auto stamp = m_stamps.now();
    if (Status s = m_repo.update(p, stamp); !s)
        return SaveResult<Patient>::failed(s.error());
    if (Status s = m_changes.record(stamp, {entity, p.id, ChangeAction::Update,
                                                      PatientRepository::columns(*before),
                                                      PatientRepository::columns(p)}); !s)
        return SaveResult<Patient>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Patient>::failed(s.error());
    ++p.rowVersion;
    return {p, {}};
}

Status PatientService::remove(const Patient &p, const QString &reason)
{
    const QString why = reason.simplified();
    if (why.isEmpty())
        return Error{QObject::tr("Give a reason for removing this patient.")};
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return Error{tx.error()};
    const auto stamp = m_stamps.now();
    if (Status s = m_repo.setDeleted(p.id, p.rowVersion, why, stamp); !s)
        return s;
    Patient after = p;
    after.deletionReason = why;
    if (Status s = m_changes.record(stamp, {entity, p.id, ChangeAction::Delete,
                                            PatientRepository::columns(p), PatientRepository::columns(after)});
        !s)
        return s;
    return tx.commit();
}

Status PatientService::restore(const Patient &p)
{
    if (!p.isDeleted())
        return Error{QObject::tr("This patient is not removed; there is nothing to restore.")};
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return Error{tx.error()};
    const auto stamp = m_stamps.now();
    if (const auto live = p.hasNhsNumber() ? m_repo.liveByNhsNumber(p.nhsNumber) : std::nullopt; live && live->id != p.id)
        return Error{QObject::tr("Cannot restore: %1 now has this NHS number.").arg(domain::displayName(*live))};
    if (Status s = m_repo.setDeleted(p.id, p.rowVersion, {}, stamp); !s)
        return s;
    Patient after = p;
    after.deletionReason.clear();
    if (Status s = m_changes.record(stamp, {entity, p.id, ChangeAction::Restore,
                                            PatientRepository::columns(p), PatientRepository::columns(after)});
        !s)
        return s;
    return tx.commit();
}

} // namespace painmdt::services
