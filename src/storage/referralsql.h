#pragma once
// The one SQL form of each rule in domain/referralrules.h, over "referral r": the worklists and
// the reports both use these, and tests check they agree with the domain's functions. Records
// entered in error (schema 12) count for nothing. The codes
// are the domain's constants written into the SQL text (never user text), so that the partial
// indexes on them (contact_attended, referral_open) still apply.
#include "domain/referralrules.h"

#include <QSqlQuery>
#include <QString>

namespace painmdt::storage::referralsql {

// The earliest attended contact; with `asOf`, only those on or before :asof.
inline QString firstContact(bool asOf)
{
    return QStringLiteral("(SELECT MIN(c.contact_on) FROM contact c WHERE c.referral_id = r.id AND c.outcome = '%1' "
                          "AND c.entered_in_error IS NULL%2)")
        .arg(domain::attendedOutcome, asOf ? QStringLiteral(" AND c.contact_on <= :asof") : QString());
}

// domain::stillWaiting, as things stand now (the worklist's question).
inline QString stillWaitingNow()
{
    return QStringLiteral("r.discharged_on IS NULL AND COALESCE(r.pathway, '') <> '%1' AND NOT EXISTS "
                          "(SELECT 1 FROM contact c WHERE c.referral_id = r.id AND c.outcome = '%2' "
                          "AND c.entered_in_error IS NULL)")
        .arg(domain::declinedPathway, domain::attendedOutcome);
}

// domain::nextCheckIn: the latest next_due_on among the latest contacts (by :asof when `asOf`).
inline QString nextCheckIn(bool asOf)
{
    const QString by = asOf ? QStringLiteral(" AND c2.contact_on <= :asof") : QString();
    return QStringLiteral("(SELECT MAX(c.next_due_on) FROM contact c WHERE c.referral_id = r.id "
                          "AND c.entered_in_error IS NULL AND c.contact_on = (SELECT MAX(c2.contact_on) FROM contact c2 "
                          "WHERE c2.referral_id = r.id AND c2.entered_in_error IS NULL%1))")
        .arg(by);
}

// domain::inCare as things stand now: an open episode of the caseload.
inline QString inCareNow()
{
    return QStringLiteral("r.discharged_on IS NULL AND COALESCE(r.pathway, '') <> '%1' AND EXISTS "
                          "(SELECT 1 FROM contact c WHERE c.referral_id = r.id AND c.outcome = '%2' "
                          "AND c.entered_in_error IS NULL)")
        .arg(domain::declinedPathway, domain::attendedOutcome);
}

// The latest linked STarT Back administration, as "complete:band" ("1:Medium", "0:"), NULL when
// none; read it with stratumAt. With `asOf`, only those collected on or before :asof.
inline QString latestStartBack(bool asOf)
{
    return QStringLiteral("(SELECT a.complete || ':' || COALESCE(a.band, '') FROM assessment a "
                          "WHERE a.referral_id = r.id AND a.instrument = '%1' AND a.entered_in_error IS NULL%2 "
                          "ORDER BY a.collected_on DESC, a.id DESC LIMIT 1)")
        .arg(domain::startBackCode, asOf ? QStringLiteral(" AND a.collected_on <= :asof") : QString());
}

inline domain::Stratum stratumAt(const QSqlQuery &q, int column)
{
    const QVariant value = q.value(column);
    const QString text = value.toString();
    return domain::stratumOf(!value.isNull(), text.startsWith(QLatin1Char('1')), text.section(QLatin1Char(':'), 1));
}

} // namespace painmdt::storage::referralsql
