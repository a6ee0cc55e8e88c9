#pragma once
// Who may do what (issue 7; docs/security.md holds the same matrix for people). Roles follow
// the clinical reference §5: admin, triage, clinician, service manager, and read-only. The
// matrix is enforced at the services (the one door), so the GUI and the command line cannot
// differ; screens only hide what the door would refuse.
#include <QString>
#include <QStringList>
#include <optional>

namespace painmdt::domain {

enum class Role { Admin, Triage, Clinician, Manager, ReadOnly };

// Every action the door checks. Reading patient records and running reports are actions too:
// every role may do them, but each is audited.
enum class Action {
    EditPatient,       // register, edit
    RemovePatient,     // soft delete with a reason, restore
    EditReferral,      // new referral, edit, discharge
    Triage,            // record a triage decision and its STarT Back answers
    RecordContact,     // check-ins and appointments, with their notes
    FlagPatient,       // flag a patient for the team's attention, clear a flag
    ReviewCases,       // MDT meetings: agenda, discussion, decisions, actions
    RecordAssessment,  // questionnaire administrations
    AcknowledgeAlert,  // a clinician acknowledges an alert a questionnaire raised (hazard H9)
    ImportClinical,    // bulk CSV import of patients, referrals, contacts, assessments
    ConfigureService,  // pathway community flags, instrument definitions
    RecordAttendances, // hospital and GP use: entered on a patient, or a hospital extract imported
    SetCosts,          // tariffs and what the service cost
    ManageUsers,       // add, disable, reset password, change role
    BackUp,            // make, restore and schedule encrypted backups of the whole database
    RunReports,        // reports and exports
    ViewAudit,         // the audit trail screen and `audit verify`
    SignIn,            // log in (and the first administrator of a new database); everyone
};

bool allowed(Role role, Action action);

QString roleCode(Role role);                      // "admin", "triage", "clinician", "manager", "read_only"
QString roleLabel(Role role);                     // "Service manager"
std::optional<Role> parseRole(const QString &code);
QStringList roleCodes();
QString actionLabel(Action action);               // "record contacts", for "not allowed to ..." messages

} // namespace painmdt::domain
