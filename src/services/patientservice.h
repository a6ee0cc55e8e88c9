#pragma once
// Every change to a patient goes through here: the rules (validation, one live patient per NHS
// number) inside the one write path (services/door.h: role, transaction, audit).
#include "domain/patient.h"
#include "domain/result.h"
#include "services/door.h"
#include "storage/flagrepository.h"
#include "storage/patientrepository.h"

#include <vector>

namespace painmdt::storage { class Database; }

namespace painmdt::services {

class PatientService {
public:
    PatientService(storage::Database &db, StampSource stamps = StampSource());

    // Reads. A failed read is an error, never "nothing found".
    Maybe<domain::Patient> byId(qint64 id); // removed ones too
    Maybe<domain::Patient> byRef(const QString &patientRef);       // removed ones too
    Many<domain::PatientLifetime> lifetimesByRef(const QStringList &patientRefs); // a bulk import's batch
    Maybe<domain::Patient> byNhsNumber(const QString &nhsNumber); // any spacing; the live one first, then removed ones
    // Exactly this patient ref, else this NHS number; removed patients too; never a prefix match
    // (the audit screen: another patient's trail must never be shown for a near miss).
    Maybe<domain::Patient> byRefOrNhsNumber(const QString &text);
    Result<domain::PatientMatches> find(const std::vector<domain::SearchTerm> &terms, int limit);
    // How many live patients match, counting no further than `cap` (cap + 1 means "more").
    Result<int> count(const std::vector<domain::SearchTerm> &terms, int cap = 1'000'000'000);
    // Live patients with the same name and date of birth: the GUI warns and offers them.
    Many<domain::Patient> possibleDuplicates(const domain::Patient &p);

    // Registers a new patient; assigns a local patient ref when none is given.
    SaveResult<domain::Patient> add(domain::Patient p);
    // Saves an edited patient (p.id and p.rowVersion as loaded).
    SaveResult<domain::Patient> update(domain::Patient p);
    // Soft delete: the record stays, hidden from lists; a reason is required.
    Status remove(const domain::Patient &p, const QString &reason);
    Status restore(const domain::Patient &p);
    // Audits that the user opened this patient's record (clinical reference §5).
    Status recordOpened(const domain::Patient &p);

    // Flags for the team's attention: a one-line reason to raise one, another to clear it.
    SaveResult<domain::PatientFlag> flag(qint64 patientId, const QString &reason);
    Status clearFlag(domain::PatientFlag f, const QString &why);
    Many<domain::PatientFlag> openFlags(qint64 patientId);
    Many<domain::PatientFlag> allFlags(qint64 patientId);

    const StampSource &stamps() const { return m_door.stamps(); }

private:
    Result<std::vector<domain::FieldError>> check(domain::Patient &p);
    Result<std::vector<domain::FieldError>> conflicts(const domain::Patient &p);
    Status setRemoved(const domain::Patient &p, const QString &reason, storage::ChangeAction action);

    storage::PatientRepository m_repo;
    storage::FlagRepository m_flags;
    Door m_door;
};

} // namespace painmdt::services
