#pragma once
// Undo and redo of saved changes (issue 8, ux.md): each save pushes a step on the window's
// QUndoStack. Undoing writes the reversal through the services, audited like any change (never a
// hard delete); so does redoing. A step that cannot be reversed any more (a colleague changed the
// record since) says so and leaves the stack.
#include "domain/attendance.h"
#include "domain/patient.h"
#include "domain/referral.h"

#include <QUndoCommand>
#include <functional>

namespace painmdt::services { class AttendanceService; class PatientService; class ReferralService; }

class QUndoStack;

namespace painmdt::ui {

using UndoReport = std::function<void(const QString &)>; // where a failed undo or redo is said

// Pushes a step whose first redo is the save already made; with no stack, it is not undoable.
void pushSaved(QUndoStack *stack, QUndoCommand *step);

// A patient's details edited: undo puts back `before`, redo `after`.
QUndoCommand *patientEdit(services::PatientService &service, domain::Patient before, domain::Patient after,
                          UndoReport report);
// A referral edited or discharged (also a key worker handed over).
QUndoCommand *referralEdit(services::ReferralService &service, domain::Referral before, domain::Referral after,
                           QString text, UndoReport report);
// A new record: undo withdraws it as entered in error (audited, never deleted; every list and
// report leaves it out), redo puts it back.
QUndoCommand *contactAdded(services::ReferralService &service, domain::Contact saved, UndoReport report);
QUndoCommand *referralAdded(services::ReferralService &service, domain::Referral saved, UndoReport report);
QUndoCommand *attendanceAdded(services::AttendanceService &service, domain::Attendance saved, UndoReport report);
// A triage decision: undo puts the referral back as `before` (awaiting triage) and withdraws the
// STarT Back saved with it (`startbackId`, 0 when none); redo decides again as `after`.
QUndoCommand *triageDecided(services::ReferralService &service, domain::Referral before, domain::Referral after,
                            qint64 startbackId, UndoReport report);
// A flag raised: undo clears it ("Undone"), redo raises it again.
QUndoCommand *flagRaised(services::PatientService &service, domain::PatientFlag flag, UndoReport report);

} // namespace painmdt::ui
