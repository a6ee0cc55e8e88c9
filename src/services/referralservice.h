#pragma once
// Every change to a referral or a contact: the rules, one transaction, a change-log row.
// Triage writes the STarT Back assessment and the decision together or not at all.
#include "domain/referral.h"
#include "services/actor.h"
#include "services/assessmentservice.h"
#include "services/patientservice.h"
#include "storage/referralrepository.h"

namespace painmdt::services {

class ReferralService {
public:
    ReferralService(storage::Database &db, StampSource stamps = StampSource());

    SaveResult<domain::Referral> add(domain::Referral r);
    SaveResult<domain::Referral> update(domain::Referral r);

    // Records the triage decision; with `startback` (answers for the form), saves that
    // assessment too, in the same transaction.
    SaveResult<domain::Referral> triage(domain::Referral r, const QDate &on, const QString &pathway,
                                        const QString &notes, std::optional<domain::Answers> startback = {});

    // Which pathways count as managed in the community: the service's own setting, audited.
    Status setCommunityPathways(const std::vector<std::pair<QString, bool>> &flags);

    SaveResult<domain::Contact> addContact(domain::Contact c);
    SaveResult<domain::Contact> updateContact(domain::Contact c);

    storage::ReferralRepository &repository() { return m_repo; }
    AssessmentService &assessments() { return m_assessments; }
    const StampSource &stamps() const { return m_door.stamps(); }
    storage::Database &database() { return m_db; }

private:
    std::vector<domain::FieldError> check(domain::Referral &r);
    std::vector<domain::FieldError> conflicts(const domain::Referral &r);
    std::vector<domain::FieldError> checkContact(domain::Contact &c, qint64 &patientId);
    static std::vector<domain::FieldError> explainContactFailure(const QString &error);

    storage::Database &m_db;
    storage::ReferralRepository m_repo;
    storage::PatientRepository m_patients;
    Door m_door;
    AssessmentService m_assessments;
};

} // namespace painmdt::services
