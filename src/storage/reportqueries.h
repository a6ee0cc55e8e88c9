#pragma once
// The rows reports are computed from, as they could be known on the as-of date: anything dated
// after it (a triage, a discharge, a contact, an assessment) is left out here, in SQL.
#include "domain/referralrules.h"
#include "domain/result.h"

#include <QDate>
#include <QString>

#include <map>
#include <vector>

namespace painmdt::storage {

class Database;

struct WaitingRow {
    QDate receivedOn;
    QDate triagedOn;       // invalid when not triaged by as-of
    QString pathway;       // "" when not triaged by as-of
    QDate dischargedOn;    // invalid when not discharged by as-of
    QDate firstContactOn;  // earliest attended contact on or before as-of
};

struct TriageRow {
    QDate triagedOn;
    QString pathway;
    std::optional<bool> community; // none when the service's pathway table lacks the code
    domain::Stratum stratum = domain::Stratum::NotScored; // of the latest STarT Back by as-of
};

// An open episode on as-of (domain::inCare), with its key worker ("" when none) and next check-in.
struct EpisodeRow {
    QString keyWorker;
    QDate nextCheckIn; // invalid when none planned
};

// How many contacts had one mode and outcome.
struct ContactCount {
    QString mode;
    QString outcome;
    long long count = 0;
};

// Referrals received in [from, to] and on or before asOf. An error, never an empty list, when
// the query fails: a report of zeros would look like a real one.
// One questionnaire administration, as the outcomes report needs it.
struct AdministrationRow {
    qint64 id = 0;
    qint64 patientId = 0;
    QString instrument;
    QString version;
    QString occasion;
    QDate collectedOn;
    bool complete = false;
    QString scores;   // the stored scores as JSON ({"total": 12})
    QString band;
    bool blank = false; // returned blank: every item unanswered
};

// A tariff's prices, for costing in SQL: a setting it lacks costs nothing (and bed days on it
// nothing); bed days cost bedDay each on a priced setting.
struct Prices {
    std::map<QString, double> unit; // setting -> pounds
    double bedDay = 0;
};

// Attendances of one setting (in a window, for cost-savings), counted and costed.
struct SettingTally {
    QString side;   // cost-savings: "before", "after" or "index_day"; "" for the attendances report
    QString setting;
    qint64 count = 0;
    qint64 bedDays = 0;
    double cost = 0;
};

struct AttenderTally {
    QString patientRef;
    qint64 attendances = 0;
    double cost = 0;
};

// The attendances report's figures, aggregated in SQL (2,000,000 rows read one by one took 9 s).
struct AttendanceTallies {
    std::vector<SettingTally> bySetting;
    qint64 patients = 0;
    std::vector<AttenderTally> top; // most attendances, then cost, then patient_ref
};

// A patient's index date for cost-savings (the demo draws attendances around it).
struct IndexRow {
    qint64 patientId = 0;
    QDate indexOn;
};

// Cost-savings, aggregated in SQL: the cohort (index date in [from, to]) split by whether its
// after-window has elapsed by as-of, and the included patients' attendances by window and setting.
struct CostSavingsTallies {
    qint64 included = 0;
    qint64 excluded = 0;
    std::vector<SettingTally> windows;
};

// The service outcome report's activity: referrals received, triaged, first seen (first attended
// contact) and discharged in [from, to], each on its own date, as known on asOf.
struct ActivityCounts {
    qint64 received = 0;
    qint64 triaged = 0;
    qint64 seen = 0;
    qint64 discharged = 0;
};

// One included cost-savings patient's windows: attendances and their cost before and after.
struct PatientWindows {
    qint64 patientId = 0;
    qint64 before = 0;
    qint64 after = 0;
    double beforeCost = 0;
    double afterCost = 0;
};

Result<std::vector<WaitingRow>> waitingRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf);
// Referrals triaged in [from, to] and on or before asOf.
Result<std::vector<TriageRow>> triageRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf);
// Referrals in the team's care on asOf (as known then).
Result<std::vector<EpisodeRow>> episodeRows(Database &db, const QDate &asOf);
// Contacts dated in [from, to] and on or before asOf, counted by mode and outcome.
Result<std::vector<ContactCount>> contactCounts(Database &db, const QDate &from, const QDate &to, const QDate &asOf);

// Every live administration of a live patient collected on or before as-of, by patient,
// instrument, date and entry order.
Result<std::vector<AdministrationRow>> administrationRows(Database &db, const QDate &asOf);

// Attendances dated in [from, to] and on or before asOf, of patients not removed.
Result<AttendanceTallies> attendanceTallies(Database &db, const QDate &from, const QDate &to, const QDate &asOf,
                                            const Prices &prices, int top);
// A patient's index date: the earliest first contact over all their referrals, or (byReferral)
// the earliest received_on, as known on asOf. Windows of `months` calendar months, month ends
// clamped (29 Feb - 12 months = 28 Feb), as QDate::addMonths does.
Result<CostSavingsTallies> costSavingsTallies(Database &db, bool byReferral, int months, const QDate &from,
                                              const QDate &to, const QDate &asOf, const Prices &prices);
// The same cohort per patient, every included patient (none attending is a row of zeros), with a
// before window of `beforeMonths` and an after window of `afterMonths` (included: the after
// window has elapsed by asOf). For the per-patient spread and the sensitivity rows.
Result<std::vector<PatientWindows>> patientWindows(Database &db, bool byReferral, int beforeMonths, int afterMonths,
                                                   const QDate &from, const QDate &to, const QDate &asOf,
                                                   const Prices &prices);
Result<ActivityCounts> activityCounts(Database &db, const QDate &from, const QDate &to, const QDate &asOf);
// Patients (not removed) whose first-contact index date is in [from, to] and on or before asOf.
Result<std::vector<IndexRow>> indexDates(Database &db, const QDate &from, const QDate &to, const QDate &asOf);

} // namespace painmdt::storage
