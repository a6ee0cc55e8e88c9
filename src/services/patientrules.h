#pragma once
// The rules every record that attaches to a patient shares (issue 6): the patient exists and is
// not removed (a removed patient's referral would vanish from every report), and nothing about
// them is dated before they were born.
#include "domain/patient.h"
#include "services/door.h"
#include "storage/patientrepository.h"

#include <QDate>
#include <optional>
#include <vector>

namespace painmdt::services {

// Field errors found by a rule that reads the database; a failed read is the error itself.
using Problems = Result<std::vector<domain::FieldError>>;

// The save to return for `problems`, or nothing when there are none.
template <typename T>
std::optional<SaveResult<T>> stopFor(Problems problems)
{
    if (!problems)
        return SaveResult<T>::failed(problems.failure());
    if (!problems->empty())
        return SaveResult<T>::invalid(std::move(problems.value()));
    return std::nullopt;
}

// Problems with attaching a record dated `on` (its field `dateField`) to patient `patientId`.
// With `alive`, a date after the patient's death is one too (a contact cannot happen then).
enum class Lifetime { Any, WhileAlive };
Problems attachProblems(storage::PatientRepository &patients, qint64 patientId, const QDate &on,
                        const char *dateField, Lifetime lifetime = Lifetime::Any);
// The same rules for a patient already read (nullptr: none has that id): a bulk import reads a
// batch's patients at once.
std::vector<domain::FieldError> attachProblems(const domain::PatientLifetime *patient, const QDate &on,
                                               const char *dateField, Lifetime lifetime);

// A ref that differs from a stored one only in upper/lower case (`storedVariant`, from the
// repository's refInOtherCase) is refused: "ep0001" beside "EP0001" would be a second record
// that displays as the first.
// A failed look-up passes through as the error (a fault, never "a bad ref").
Problems refCaseProblems(const Result<QString> &storedVariant, const char *field, const QString &ref);

} // namespace painmdt::services
