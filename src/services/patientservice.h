#pragma once
// Every change to a patient goes through here: the rules (validation, one live patient per NHS
// number), one transaction per change, and a change-log row saying who and when.
#include "domain/patient.h"
#include "domain/result.h"
#include "services/actor.h"
#include "storage/patientrepository.h"

#include <vector>

namespace painmdt::storage { class Database; }

namespace painmdt::services {

// A failed save: either field errors (for inline messages) or one general message.
struct SaveProblem {
    std::vector<domain::FieldError> fieldErrors;
    QString message; // when not about one field, e.g. "someone else changed this patient"
    QString summary() const;
};

template <typename T>
struct SaveResult {
    std::optional<T> value;
    SaveProblem problem;
    bool ok() const { return value.has_value(); }

    static SaveResult failed(QString message) { return {std::nullopt, {{}, std::move(message)}}; }
    static SaveResult invalid(std::vector<domain::FieldError> errors) { return {std::nullopt, {std::move(errors), {}}}; }
};

class PatientService {
public:
    PatientService(storage::Database &db, StampSource stamps = StampSource());

    // Live patients with the same name and date of birth: the GUI warns and offers them.
    std::vector<domain::Patient> possibleDuplicates(const domain::Patient &p);

    // Registers a new patient; assigns a local patient ref when none is given.
    SaveResult<domain::Patient> add(domain::Patient p);
    // Saves an edited patient (p.id and p.rowVersion as loaded).
    SaveResult<domain::Patient> update(domain::Patient p);
    // Soft delete: the record stays, hidden from lists; a reason is required.
    Status remove(const domain::Patient &p, const QString &reason);
    Status restore(const domain::Patient &p);

    storage::PatientRepository &repository() { return m_repo; }
    const StampSource &stamps() const { return m_stamps; }

private:
    std::vector<domain::FieldError> check(domain::Patient &p);
    std::vector<domain::FieldError> conflicts(const domain::Patient &p);

    storage::Database &m_db;
    storage::PatientRepository m_repo;
    storage::ChangeLog m_changes;
    StampSource m_stamps;
};

} // namespace painmdt::services
