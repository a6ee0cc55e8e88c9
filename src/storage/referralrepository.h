#pragma once
// Referrals and their contacts (one aggregate). Returns domain values; writes go through
// services::ReferralService, which adds the rules and the change log.
#include "domain/referral.h"
#include "domain/referralrules.h"
#include "domain/result.h"
#include "storage/changelog.h"

#include <QSqlQuery>
#include <map>
#include <optional>
#include <vector>

namespace painmdt::storage {

class Database;

using domain::ReferralRow;

class ReferralRepository {
public:
    explicit ReferralRepository(Database &db); // must not outlive db
    // The stored referral_ref equal to `ref` but for case, or "" (see sqlvalues.h).
    Result<QString> refInOtherCase(const QString &ref);
    Result<QString> contactRefInOtherCase(const QString &ref);

    Maybe<domain::Referral> byId(qint64 id);
    Maybe<domain::Referral> byRef(const QString &referralRef);
    Many<domain::Referral> forPatient(qint64 patientId);

    Result<qint64> insert(const domain::Referral &r, const Stamp &stamp);
    Status update(const domain::Referral &r, const Stamp &stamp); // checks r.rowVersion

    Maybe<domain::Contact> contactById(qint64 id);
    Maybe<domain::Contact> contactByRef(const QString &contactRef);
    // A contact with the same referral, date, mode, outcome and staff (re-import without refs).
    Maybe<domain::Contact> sameContact(const domain::Contact &c);
    Many<domain::Contact> contactsOf(qint64 referralId);
    // Whether a live contact or questionnaire hangs on the referral (before it is withdrawn).
    Result<bool> hasLiveRecords(qint64 referralId);
    Result<qint64> insertContact(const domain::Contact &c, const Stamp &stamp);
    Status updateContact(const domain::Contact &c, const Stamp &stamp);

    // Which pathways the service counts as managed in the community (contract: configurable).
    Result<std::map<QString, bool>> pathwayCommunity();
    Status setPathwayCommunity(const QString &pathway, bool community);

    // Untriaged, undischarged referrals: urgent first, then oldest.
    Many<ReferralRow> awaitingTriage(int limit);
    // Referrals still waiting for a first contact, as the waiting-times report counts them: not
    // declined, not discharged, no attended contact (untriaged ones included). Longest wait first.
    Many<ReferralRow> waitingForFirstContact(int limit);

    // The team's open episodes (domain::inCare now), or its flagged patients' latest referrals;
    // overdue check-ins first, then by next check-in, then oldest referral.
    Many<ReferralRow> caseload(const domain::CaseloadQuery &query);

    static QVariantMap columns(const domain::Referral &r);
    static QVariantMap columns(const domain::Contact &c);

private:
    // `caseloadWhere` (on next_due, last_contact, flagged) adds the caseload's columns.
    Many<ReferralRow> rows(const QString &where, const QString &orderBy, int limit, const QVariantList &binds = {},
                           const QString &caseloadWhere = {});

    Database &m_db;
    QSqlQuery &m_byRef;
    QSqlQuery &m_contactByRef;
    QSqlQuery &m_sameContact;
};

} // namespace painmdt::storage
