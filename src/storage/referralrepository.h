#pragma once
// Referrals and their contacts (one aggregate). Returns domain values; writes go through
// services::ReferralService, which adds the rules and the change log.
#include "domain/referral.h"
#include "domain/result.h"
#include "storage/changelog.h"

#include <QSqlQuery>
#include <map>
#include <optional>
#include <vector>

namespace painmdt::storage {

class Database;

// One row of a worklist: the referral with what the lists show about its patient.
struct ReferralRow {
    domain::Referral referral;
    domain::Patient patient;     // id, ref, names, born, sex, NHS number
    QDate firstContactOn;        // earliest attended contact; invalid when none
    QString stratum;             // latest STarT Back band: Low/Medium/High, "incomplete", "" = none
};

class ReferralRepository {
public:
    explicit ReferralRepository(Database &db); // must not outlive db
    // The stored referral_ref equal to `ref` but for case, or "" (see sqlvalues.h).
    Result<QString> refInOtherCase(const QString &ref);
    Result<QString> contactRefInOtherCase(const QString &ref);

    std::optional<domain::Referral> byId(qint64 id);
    std::optional<domain::Referral> byRef(const QString &referralRef);
    std::vector<domain::Referral> forPatient(qint64 patientId);

    Result<qint64> insert(const domain::Referral &r, const Stamp &stamp);
    Status update(const domain::Referral &r, const Stamp &stamp); // checks r.rowVersion

    std::optional<domain::Contact> contactById(qint64 id);
    std::optional<domain::Contact> contactByRef(const QString &contactRef);
    // A contact with the same referral, date, mode, outcome and staff (re-import without refs).
    std::optional<domain::Contact> sameContact(const domain::Contact &c);
    std::vector<domain::Contact> contactsOf(qint64 referralId);
    Result<qint64> insertContact(const domain::Contact &c, const Stamp &stamp);
    Status updateContact(const domain::Contact &c, const Stamp &stamp);

    // Which pathways the service counts as managed in the community (contract: configurable).
    std::map<QString, bool> pathwayCommunity();
    Status setPathwayCommunity(const QString &pathway, bool community);

    // Untriaged, undischarged referrals: urgent first, then oldest.
    std::vector<ReferralRow> awaitingTriage(int limit);
    // Referrals still waiting for a first contact, as the waiting-times report counts them: not
    // declined, not discharged, no attended contact (untriaged ones included). Longest wait first.
    std::vector<ReferralRow> waitingForFirstContact(int limit);

    static QVariantMap columns(const domain::Referral &r);
    static QVariantMap columns(const domain::Contact &c);

private:
    std::vector<ReferralRow> rows(const QString &where, const QString &orderBy, int limit);

    Database &m_db;
    QSqlQuery &m_byRef;
    QSqlQuery &m_contactByRef;
    QSqlQuery &m_sameContact;
};

} // namespace painmdt::storage
