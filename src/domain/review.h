#pragma once
// MDT case reviews (issue 8): a meeting, its agenda of patients with the discussion and the
// decisions, and the actions agreed (an owner and a due date each).
#include "domain/patient.h"

#include <QDate>
#include <QString>
#include <vector>

namespace painmdt::domain {

struct MdtMeeting {
    qint64 id = 0;
    QDate heldOn;
    QString title;
    QString attendees; // one per line, as typed
    int rowVersion = 0;
};

struct AgendaItem {
    qint64 id = 0;
    qint64 meetingId = 0;
    qint64 patientId = 0;
    int position = 0;
    QString suggestedBecause; // "Check-in overdue 12 d; STarT Back High": why it is on the agenda
    QString discussion;       // free text, kept as typed
    QString decisions;
    int rowVersion = 0;
};

struct MdtAction {
    qint64 id = 0;
    qint64 itemId = 0;
    QString description;
    QString owner; // user name
    QDate dueOn;
    QDate doneOn;  // invalid while open
    int rowVersion = 0;
    bool isOpen() const { return !doneOn.isValid(); }
};

// An open action with what its worklist shows: the patient and the meeting it came from.
struct ActionRow {
    MdtAction action;
    Patient patient; // id, names, born, NHS number
    QDate meetingOn;
};

// A patient the agenda could take, and why.
struct Suggestion {
    qint64 patientId = 0;
    QString why;
};

std::vector<FieldError> validate(MdtMeeting &m);
std::vector<FieldError> validate(MdtAction &a);

} // namespace painmdt::domain
