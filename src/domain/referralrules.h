#pragma once
// The clinical rules about a referral that lists, reports and screens all apply, each defined
// once (issue 7). Storage's queries use these codes (storage/referralsql.h: the one SQL form of
// each rule); reports and screens call these functions; tests check that all of them agree.
#include "domain/referral.h"

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

namespace painmdt::domain {

// The codes the rules turn on.
inline const QString attendedOutcome = QStringLiteral("attended");
inline const QString declinedPathway = QStringLiteral("declined");
inline const QString startBackCode = QStringLiteral("startback");

// The earliest attended contact on or before `asOf` (invalid when none): the first contact.
QDate firstContactOn(const std::vector<Contact> &contacts, const QDate &asOf);

// A referral as it stood on a day: what had been decided, and its first contact, by then.
struct ReferralOn {
    QString pathway;      // "" when not triaged by then
    QDate dischargedOn;   // invalid when not discharged by then
    QDate firstContactOn; // invalid when not seen by then
};
ReferralOn referralOn(const Referral &r, const QDate &firstContact, const QDate &asOf);

// Still waiting for a first contact (interchange contract, waiting_at_as_of): not declined, not
// discharged, and not yet seen. An untriaged referral waits too.
bool stillWaiting(const ReferralOn &r);

// In the team's care (an open episode; contract, caseload): seen, not discharged, not declined.
bool inCare(const ReferralOn &r);

// A referral's next check-in on a day: the next_due_on of its latest contact by then (of several
// that day, the latest next_due_on); invalid when none is planned.
QDate nextCheckIn(const std::vector<Contact> &contacts, const QDate &asOf);

// Where a planned check-in stands on `today`. Dates only: a clock change or the time of day
// never moves a patient between these.
enum class CheckIn { NotPlanned, Overdue, DueSoon, Later };
inline constexpr int dueSoonDays = 7; // "due within 7 days": today to today + 7, both included
CheckIn checkInOn(const QDate &nextDue, const QDate &today);
QString checkInLabel(CheckIn c); // "No check-in planned", "Overdue", "Due within 7 days", "Planned"

// A referral's STarT Back stratum: that of its latest linked STarT Back administration (by date,
// then entry order). An administration with a blank answer is Incomplete, never scored.
enum class Stratum { NotScored, Low, Medium, High, Incomplete };
Stratum stratumOf(bool administered, bool complete, const QString &band);
QString stratumKey(Stratum s);   // the report's keys: "low", "medium", "high", "incomplete", "not_scored"
QString stratumLabel(Stratum s); // "Low", "Medium", "High", "Incomplete", "Not scored"

// One row of a worklist: the referral with what the lists show about its patient.
struct ReferralRow {
    Referral referral;
    Patient patient;       // id, ref, names, born, sex, NHS number
    QDate firstContactOn;  // earliest attended contact; invalid when none
    Stratum stratum = Stratum::NotScored;
    // Caseload lists only (invalid / false elsewhere):
    QDate lastContactOn;   // latest attended contact
    QDate nextCheckIn;     // nextCheckIn() as things stand
    bool flagged = false;  // the patient has an open flag
    bool alerted = false;  // the patient has an alert not yet acknowledged (hazard H9); every list
};

// Which caseload rows a worklist wants. `keyWorker` empty = the whole team's.
struct CaseloadQuery {
    enum class View { Open, Overdue, DueSoon, Quiet, Flagged };
    View view = View::Open;
    QString keyWorker;
    int quietDays = 28;  // Quiet: no attended contact for more than this many days
    QDate today;
    int limit = 5000;
};

// Wait marks (days from referral to first contact): within a mark means on or before it.
inline constexpr int overdueDays = 28;  // 4 weeks
inline constexpr int breachDays = 42;   // 6 weeks
inline constexpr int longWaitDays = 126; // 18 weeks
inline constexpr bool seenWithin(double days, int mark) { return days <= mark; }

} // namespace painmdt::domain
