#pragma once
// The rows reports are computed from, as they could be known on the as-of date: anything dated
// after it (a triage, a discharge, a contact, an assessment) is left out here, in SQL.
#include "domain/referralrules.h"
#include "domain/result.h"

#include <QDate>
#include <QString>
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

// One attendance, as the attendances and cost-savings reports need it.
struct AttendanceRow {
    qint64 patientId = 0;
    QString patientRef;
    QDate attendedOn;
    QString setting;
    int bedDays = 0; // 0 when none recorded
};

// A patient's index date for cost-savings: the earliest first contact over all their referrals,
// or (byReferral) the earliest received_on, as known on as-of.
struct IndexRow {
    qint64 patientId = 0;
    QDate indexOn;
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

// Attendances dated in [from, to] and on or before asOf, of patients not removed, by date.
Result<std::vector<AttendanceRow>> attendanceRows(Database &db, const QDate &from, const QDate &to, const QDate &asOf);
// Patients (not removed) whose index date is in [from, to] and on or before asOf.
Result<std::vector<IndexRow>> indexDates(Database &db, bool byReferral, const QDate &from, const QDate &to, const QDate &asOf);

} // namespace painmdt::storage
