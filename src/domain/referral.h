#pragma once
// Referrals and contacts (issue 3; interchange contract `--kind referrals` and `contacts`).
// A referral moves received -> triaged (a pathway, or declined) -> first contact -> discharged;
// every stage is a date, so what was known on any as-of date can be worked out again.
#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>
#include <optional>
#include <vector>

#include "domain/patient.h"

namespace painmdt::domain {

// Contract code lists, in display order.
const QStringList &referralSources();   // gp, ae, inpatient, outpatient, community, self, other
const QStringList &referralPriorities(); // routine, urgent
const QStringList &painSites();          // low_back, neck_shoulder, upper_limb, lower_limb, widespread, other
// STarT Back is validated for low back pain only (clinical reference §1; hazard H22): true for
// a referral about low back pain, or one whose pain site is not recorded.
bool startBackValidatedFor(const QString &painSite);
const QStringList &pathwayCodes();       // advice ... declined
const QStringList &contactModes();       // phone, video, clinic, home_visit, ward, ae, group
const QStringList &contactOutcomes();    // attended, dna, cancelled_by_patient, ...
QString codeLabel(const QString &code);  // "home_visit" -> "Home visit", "ae" -> "A&E"

// Default community flag of a pathway (contract: secondary_pain, secondary_other and declined
// are not community); a service can change it (storage table `pathway`).
bool defaultCommunityPathway(const QString &code);

// The treatment matched to a STarT Back stratum (Hill et al., Lancet 2011), as a suggested pathway.
struct MatchedTreatment {
    QString pathway;     // a pathway code
    QString description; // e.g. "One session of advice and self-management support"
};
std::optional<MatchedTreatment> matchedTreatment(const QString &stratum); // "Low", "Medium", "High"

struct Referral {
    qint64 id = 0;
    QString referralRef;
    qint64 patientId = 0;
    QDate receivedOn;
    QString source;
    QString priority = QStringLiteral("routine");
    QString reason;
    QString referrer;
    QDate triagedOn;
    QString pathway;      // set with triagedOn
    QString triageNotes;
    QDate dischargedOn;
    QString dischargeReason;
    QString keyWorker;    // user name of the clinician who holds the episode; "" = unassigned
    QString painSite;     // painSites() code (schema 16); "" = not recorded
    QString enteredInError; // why it was withdrawn (schema 12); "" = a live referral
    int rowVersion = 0;

    bool isTriaged() const { return triagedOn.isValid(); }
    bool isEnteredInError() const { return !enteredInError.isEmpty(); }
    bool isDischarged() const { return dischargedOn.isValid(); }
};

namespace field {
inline constexpr auto referralRef = "referral_ref";
inline constexpr auto receivedOn = "received_on";
inline constexpr auto source = "source";
inline constexpr auto priority = "priority";
inline constexpr auto reason = "reason";
inline constexpr auto referrer = "referrer";
inline constexpr auto triagedOn = "triaged_on";
inline constexpr auto pathway = "pathway";
inline constexpr auto triageNotes = "triage_notes";
inline constexpr auto dischargedOn = "discharged_on";
inline constexpr auto dischargeReason = "discharge_reason";
inline constexpr auto keyWorker = "key_worker";
inline constexpr auto painSite = "pain_site";
inline constexpr auto contactTime = "contact_time";
inline constexpr auto contactRef = "contact_ref";
inline constexpr auto contactOn = "contact_on";
inline constexpr auto mode = "mode";
inline constexpr auto outcome = "outcome";
inline constexpr auto staff = "staff";
inline constexpr auto durationMinutes = "duration_minutes";
inline constexpr auto nextDueOn = "next_due_on";
inline constexpr auto note = "note";
} // namespace field

// Trims and lower-cases codes, then checks every rule; dates may not be after `today`.
std::vector<FieldError> normaliseAndValidate(Referral &referral, const QDate &today);

struct Contact {
    qint64 id = 0;
    QString contactRef;   // optional
    qint64 referralId = 0;
    QDate contactOn;
    QTime contactTime;    // optional (HH:mm); the contract's contact_on is a date
    QString mode;
    QString outcome;
    QString staff;
    std::optional<int> durationMinutes;
    QDate nextDueOn;
    QString note;         // kept exactly as typed: never trimmed, never cut
    QString enteredInError; // why it was withdrawn (schema 12); "" = a live contact
    int rowVersion = 0;

    bool isEnteredInError() const { return !enteredInError.isEmpty(); }
};

// Plausible dates (docs/interchange.md "Text and dates"): a contact is not in the future, except
// a cancelled appointment (up to a year ahead); the next check-in is at most two years after it.
inline constexpr int maxDaysCancelledAhead = 366;
inline constexpr int maxYearsToNextCheckIn = 2;
bool isCancellation(const QString &outcome); // cancelled_by_patient or cancelled_by_service
std::vector<FieldError> normaliseAndValidate(Contact &contact, const QDate &today);

} // namespace painmdt::domain
