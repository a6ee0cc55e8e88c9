#pragma once
// The patient record and its rules (issue 2, clinical reference §3).
#include <QDate>
#include <QDateTime>
#include <QString>
#include <optional>
#include <vector>

namespace painmdt::domain {

// Contract codes: female, male, other, unknown; NotRecorded is an empty cell.
enum class Sex { NotRecorded, Female, Male, Other, Unknown };
QString sexCode(Sex sex);                          // "" for NotRecorded
std::optional<Sex> parseSexCode(const QString &code); // case-insensitive; "" gives NotRecorded
QString sexLabel(Sex sex);                         // "Female" ... "Not recorded"

struct Patient {
    qint64 id = 0;             // 0 until stored
    QString patientRef;        // the source system's identifier, e.g. the hospital number
    QString nhsNumber;         // 10 digits, or empty when not known yet
    QString familyName;
    QString givenName;
    QDate dateOfBirth;
    QDate dateOfDeath;         // invalid while alive
    Sex sex = Sex::NotRecorded;
    QString postcode;          // normalised "NW1 2BU", or empty
    QString phone;
    QString gpPractice;
    int rowVersion = 0;        // optimistic concurrency: bumped by every stored change
    QDateTime deletedAt;       // soft delete: the record stays, hidden from lists
    QString deletionReason;

    bool isDeleted() const { return deletedAt.isValid(); }
    bool isDeceased() const { return dateOfDeath.isValid(); }
    bool hasNhsNumber() const { return !nhsNumber.isEmpty(); }
};

// What the rules for a record attached to a patient read (services/patientrules.h): a bulk
// import reads only this much of a batch's patients.
struct PatientLifetime {
    qint64 id = 0;
    QString patientRef;
    QDate dateOfBirth;
    QDate dateOfDeath; // invalid while alive
    bool removed = false;

    static PatientLifetime of(const Patient &p) { return {p.id, p.patientRef, p.dateOfBirth, p.dateOfDeath, p.isDeleted()}; }
};

// Field names are the interchange contract's column names, so one error can point at a CSV
// column or at a form field.
namespace field {
inline constexpr auto patientRef = "patient_ref";
inline constexpr auto nhsNumber = "nhs_number";
inline constexpr auto familyName = "family_name";
inline constexpr auto givenName = "given_name";
inline constexpr auto dateOfBirth = "date_of_birth";
inline constexpr auto dateOfDeath = "date_of_death";
inline constexpr auto sex = "sex";
inline constexpr auto postcode = "postcode";
inline constexpr auto phone = "phone";
inline constexpr auto gpPractice = "gp_practice";
} // namespace field

struct FieldError {
    QString field;   // one of field::*
    QString message; // a sentence for the user
};

// Trims text, normalises the NHS number to digits and the postcode to "NW1 2BU", then checks
// every rule. `patient` is changed in place only by normalisation; all errors are returned.
// patient_ref may be empty here (the GUI assigns one); imports require it separately.
std::vector<FieldError> normaliseAndValidate(Patient &patient, const QDate &today);

// Upper-case letters only, accents removed: the key used to match names as typed
// ("O'Brien" and "obrien" -> "OBRIEN").
QString nameKey(const QString &name);

// "AHMED-JONES, Sarah": family name in capitals, given name as recorded.
QString displayName(const Patient &patient);

// A flag a team member puts on a patient for the team's attention (a worklist, the MDT's agenda),
// open until someone clears it with a reason.
struct PatientFlag {
    qint64 id = 0;
    qint64 patientId = 0;
    QString reason;     // one line, required
    QDate flaggedOn;
    QString flaggedBy;  // user name
    QDate clearedOn;    // invalid while open
    QString clearedWhy;
    int rowVersion = 0;
    bool isOpen() const { return !clearedOn.isValid(); }
};

} // namespace painmdt::domain
