#pragma once
// Every change to a referral or a contact: the rules, one transaction, a change-log row.
// Triage writes the STarT Back assessment and the decision together or not at all.
#include "domain/referral.h"
#include "domain/timeline.h"
#include "services/actor.h"
#include "services/assessmentservice.h"
#include "services/patientrules.h"
#include "services/patientservice.h"
#include "storage/referralrepository.h"
#include "storage/reviewrepository.h"

namespace painmdt::services {

class ReferralService {
public:
    ReferralService(storage::Database &db, StampSource stamps = StampSource());

    SaveResult<domain::Referral> add(domain::Referral r);
    SaveResult<domain::Referral> update(domain::Referral r);

    // Records the triage decision; with `startback` (answers for the form), saves that
    // assessment too, in the same transaction.
    // `startbackId`, when given, receives the new assessment's id (0 when none), for undo.
    SaveResult<domain::Referral> triage(domain::Referral r, const QDate &on, const QString &pathway,
                                        const QString &notes, std::optional<domain::Answers> startback = {},
                                        qint64 *startbackId = nullptr);

    // Which pathways count as managed in the community: the service's own setting, audited.
    Status setCommunityPathways(const std::vector<std::pair<QString, bool>> &flags);

    SaveResult<domain::Contact> addContact(domain::Contact c);
    SaveResult<domain::Contact> updateContact(domain::Contact c);

    // Withdraws a record saved by mistake as entered in error (`reason`), or puts it back (""),
    // if nobody changed it since `expectedVersion`: audited, never deleted; every list and report
    // leaves a withdrawn record out (schema 12). A referral is withdrawn only once nothing live
    // hangs on it (its contacts and questionnaires first).
    SaveResult<domain::Contact> markContact(qint64 id, int expectedVersion, const QString &reason);
    SaveResult<domain::Referral> markReferral(qint64 id, int expectedVersion, const QString &reason);
    // Undo and redo of a triage decision: the referral's triage fields as in `wanted` (at its
    // rowVersion) and the STarT Back saved with the decision (`startbackId` at `startbackVersion`;
    // 0 when none) marked `startbackError` ("" = live), together or not at all. A triage is not
    // taken back once the referral has live contacts.
    SaveResult<domain::Referral> setTriage(domain::Referral wanted, qint64 startbackId, int startbackVersion,
                                           const QString &startbackError);

    // Reads. A failed read is an error, never "nothing found".
    Maybe<domain::Referral> byId(qint64 id);
    Maybe<domain::Referral> byRef(const QString &referralRef);
    Many<domain::Referral> forPatient(qint64 patientId); // newest received first
    Many<domain::Contact> contactsOf(qint64 referralId);  // oldest first
    Maybe<domain::Contact> contactById(qint64 id);
    Maybe<domain::Contact> contactByRef(const QString &contactRef);
    // A contact with the same referral, date, mode, outcome and staff (re-import without refs).
    Maybe<domain::Contact> sameContact(const domain::Contact &c);
    Result<std::map<QString, bool>> pathwayCommunity();
    Many<domain::ReferralRow> awaitingTriage(int limit);
    Many<domain::ReferralRow> waitingForFirstContact(int limit);
    Many<domain::ReferralRow> caseload(const domain::CaseloadQuery &query);
    // Everything about one patient, newest first (domain/timeline.h).
    Many<domain::TimelineEvent> timeline(qint64 patientId);
    // `base`, or `base-2`, `base-3`, ...: the first referral ref not yet used.
    Result<QString> unusedRef(const QString &base);

    AssessmentService &assessments() { return m_assessments; }
    PatientService &patients() { return m_patientService; }
    const StampSource &stamps() const { return m_door.stamps(); }

private:
    Problems check(domain::Referral &r);
    Problems conflicts(const domain::Referral &r);
    Problems checkContact(domain::Contact &c, qint64 &patientId);
    static std::vector<domain::FieldError> explainContactFailure(const Error &error);

    storage::Database &m_db;
    storage::ReferralRepository m_repo;
    storage::PatientRepository m_patients;
    storage::ReviewRepository m_reviews;
    Door m_door;
    AssessmentService m_assessments;
    PatientService m_patientService;
};

} // namespace painmdt::services
