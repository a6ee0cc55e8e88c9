#pragma once
// The rules every record that attaches to a patient shares (issue 6): the patient exists and is
// not removed (a removed patient's referral would vanish from every report), and nothing about
// them is dated before they were born.
#include "domain/patient.h"
#include "storage/patientrepository.h"

#include <QDate>
#include <vector>

namespace painmdt::services {

// Problems with attaching a record dated `on` (its field `dateField`) to patient `patientId`.
std::vector<domain::FieldError> attachProblems(storage::PatientRepository &patients, qint64 patientId,
                                               const QDate &on, const char *dateField);

// A ref that differs from a stored one only in upper/lower case (`storedVariant`, from the
// repository's refInOtherCase) is refused: "ep0001" beside "EP0001" would be a second record
// that displays as the first.
// A failed look-up passes through as the error (a fault, never "a bad ref").
Result<std::vector<domain::FieldError>> refCaseProblems(const Result<QString> &storedVariant, const char *field,
                                                        const QString &ref);

} // namespace painmdt::services
