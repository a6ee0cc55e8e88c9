#pragma once
// MDT case reviews through the one door (issue 8): meetings, their agenda of patients (suggested
// or added by hand), the discussion and decisions for each, and the actions agreed.
#include "domain/review.h"
#include "services/door.h"
#include "services/patientrules.h"
#include "storage/patientrepository.h"
#include "storage/referralrepository.h"
#include "storage/reviewrepository.h"

namespace painmdt::services {

class ReviewService {
public:
    ReviewService(storage::Database &db, StampSource stamps = StampSource());

    SaveResult<domain::MdtMeeting> saveMeeting(domain::MdtMeeting m); // new when m.id is 0
    SaveResult<domain::AgendaItem> addToAgenda(qint64 meetingId, qint64 patientId, const QString &because);
    SaveResult<domain::AgendaItem> saveItem(domain::AgendaItem item); // discussion and decisions
    // Only an item nothing was recorded for: a discussed patient stays in the minutes.
    Status removeFromAgenda(const domain::AgendaItem &item);
    SaveResult<domain::MdtAction> saveAction(domain::MdtAction a); // new when a.id is 0

    Many<domain::MdtMeeting> meetings(int limit = 200);
    Maybe<domain::MdtMeeting> meeting(qint64 id);
    Many<domain::AgendaItem> agenda(qint64 meetingId);
    Many<domain::MdtAction> actions(qint64 itemId);
    Many<domain::ActionRow> openActions(const QString &owner, int limit = 2000);
    // Patients the agenda could take: check-in overdue, STarT Back High, flagged by the team.
    Many<domain::Suggestion> suggestions(const QDate &today, int limit = 50);

private:
    Problems itemPatient(qint64 itemId, qint64 &patientId);

    storage::ReviewRepository m_repo;
    storage::ReferralRepository m_referrals;
    storage::PatientRepository m_patients;
    Door m_door;
};

} // namespace painmdt::services
