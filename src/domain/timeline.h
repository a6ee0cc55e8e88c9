#pragma once
// One patient's history in one list (issue 8): referrals, triage decisions (with their notes),
// contacts (with their notes), questionnaires (with their answers), discharges and flags, newest
// first. Later kinds (MDT reviews, hospital attendances) join the same list.
#include "domain/assessment.h"
#include "domain/patient.h"
#include "domain/referral.h"
#include "domain/review.h"

#include <QDate>
#include <QTime>
#include <map>
#include <vector>

namespace painmdt::domain {

struct TimelineEvent {
    enum class Kind { Referral, Triage, Contact, Questionnaire, Discharge, Flag, Review, Alert };
    QDate on;
    QTime at;          // when known (contacts)
    Kind kind = Kind::Referral;
    QString title;     // "Check-in by phone: Attended (a.okoro, 20 min)"
    QString text;      // free text exactly as stored: a note, triage notes, a reason; may be empty
    QString referralRef;
};

QString timelineKindLabel(TimelineEvent::Kind kind); // "Referral", "Triage", "Contact", ...

// The patient's item at one MDT meeting, with the actions agreed.
struct ReviewEntry {
    QDate heldOn;
    QString meetingTitle;
    AgendaItem item;
    std::vector<MdtAction> actions;
};

// Newest first; on one day, later times first, then the order things happen in an episode
// (referral before triage before contact before discharge) reversed.
// `earlierNotes`: by contact id, what its note said before each edit, oldest first.
std::vector<TimelineEvent> buildTimeline(const std::vector<Referral> &referrals,
                                         const std::map<qint64, std::vector<Contact>> &contactsByReferral,
                                         const std::vector<Assessment> &assessments,
                                         const std::vector<PatientFlag> &flags,
                                         const std::map<qint64, QStringList> &earlierNotes = {},
                                         const std::vector<ReviewEntry> &reviews = {},
                                         const std::vector<AssessmentAlert> &alerts = {});

} // namespace painmdt::domain
