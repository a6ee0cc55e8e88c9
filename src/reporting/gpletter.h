#pragma once
// A summary of one patient's care for their GP (issue 10, item 5): each episode (referral,
// triage and risk group, pathway, first seen, contacts, next check-in, key worker, discharge),
// questionnaires from baseline to latest, hospital attendances before and since the first
// contact, and the clinician's own note. Printed with the patient banner on every page; no
// contact note or triage note is copied in (the clinician writes what the GP should read).
#include "domain/assessment.h"
#include "domain/attendance.h"
#include "domain/instrument.h"
#include "domain/patient.h"
#include "domain/referral.h"
#include "domain/result.h"
#include "reporting/printeddocument.h"

#include <map>
#include <vector>

namespace painmdt::services {
class StampSource;
}
namespace painmdt::storage {
class Database;
}

namespace painmdt::reporting {

struct GpLetterFacts {
    domain::Patient patient;
    std::vector<domain::Referral> referrals;                  // live ones, newest first
    std::map<qint64, std::vector<domain::Contact>> contacts;  // live ones by referral, oldest first
    std::vector<domain::Assessment> assessments;              // live ones
    std::vector<domain::Attendance> attendances;              // live ones
    std::map<QString, domain::InstrumentDefinition> definitions; // newest version by code
};

// Everything the letter says, read as it stands now; an error when any part cannot be read (a
// letter with a missing part would look whole).
Result<GpLetterFacts> gpLetterFacts(storage::Database &db, qint64 patientId);

// The letter; `note` is the clinician's text, as typed.
PrintedDocument gpLetter(const GpLetterFacts &facts, const QString &note, const QDate &today);

// Audits a letter shown, saved or printed ("screen", "pdf", "print"), before it is handed out.
// Only roles that record contacts (clinicians, triage, administrators) may.
Status recordLetterUse(storage::Database &db, const services::StampSource &session, qint64 patientId,
                       const QString &format);

} // namespace painmdt::reporting
