#include "domain/referralrules.h"

#include <QCoreApplication>

namespace painmdt::domain {

QDate firstContactOn(const std::vector<Contact> &contacts, const QDate &asOf)
{
    QDate first;
    for (const Contact &c : contacts)
        if (c.outcome == attendedOutcome && c.contactOn <= asOf && (!first.isValid() || c.contactOn < first))
            first = c.contactOn;
    return first;
}

ReferralOn referralOn(const Referral &r, const QDate &firstContact, const QDate &asOf)
{
    ReferralOn on;
    if (r.triagedOn.isValid() && r.triagedOn <= asOf)
        on.pathway = r.pathway;
    if (r.dischargedOn.isValid() && r.dischargedOn <= asOf)
        on.dischargedOn = r.dischargedOn;
    if (firstContact.isValid() && firstContact <= asOf)
        on.firstContactOn = firstContact;
    return on;
}

bool stillWaiting(const ReferralOn &r)
{
    return r.pathway != declinedPathway && !r.dischargedOn.isValid() && !r.firstContactOn.isValid();
}

bool inCare(const ReferralOn &r)
{
    return r.pathway != declinedPathway && !r.dischargedOn.isValid() && r.firstContactOn.isValid();
}

QDate nextCheckIn(const std::vector<Contact> &contacts, const QDate &asOf)
{
    QDate latest;
    QDate next;
    for (const Contact &c : contacts) {
        if (c.contactOn > asOf)
            continue;
        if (!latest.isValid() || c.contactOn > latest) {
            latest = c.contactOn;
            next = c.nextDueOn;
        } else if (c.contactOn == latest && c.nextDueOn.isValid() && (!next.isValid() || c.nextDueOn > next)) {
            next = c.nextDueOn;
        }
    }
    return next;
}

CheckIn checkInOn(const QDate &nextDue, const QDate &today)
{
    if (!nextDue.isValid())
        return CheckIn::NotPlanned;
    if (nextDue < today)
        return CheckIn::Overdue;
    return nextDue <= today.addDays(dueSoonDays) ? CheckIn::DueSoon : CheckIn::Later;
}

QString checkInLabel(CheckIn c)
{
    switch (c) {
    case CheckIn::NotPlanned: return QCoreApplication::translate("Referral", "No check-in planned");
    case CheckIn::Overdue: return QCoreApplication::translate("Referral", "Overdue");
    case CheckIn::DueSoon: return QCoreApplication::translate("Referral", "Due within 7 days");
    case CheckIn::Later: return QCoreApplication::translate("Referral", "Planned");
    }
    return {};
}

Stratum stratumOf(bool administered, bool complete, const QString &band)
{
    if (!administered)
        return Stratum::NotScored;
    if (!complete || band.isEmpty()) // a definition without bands scores nothing to group by
        return Stratum::Incomplete;
    if (band.compare(QLatin1String("Low"), Qt::CaseInsensitive) == 0)
        return Stratum::Low;
    if (band.compare(QLatin1String("Medium"), Qt::CaseInsensitive) == 0)
        return Stratum::Medium;
    if (band.compare(QLatin1String("High"), Qt::CaseInsensitive) == 0)
        return Stratum::High;
    return Stratum::Incomplete;
}

QString stratumKey(Stratum s)
{
    switch (s) {
    case Stratum::Low: return QStringLiteral("low");
    case Stratum::Medium: return QStringLiteral("medium");
    case Stratum::High: return QStringLiteral("high");
    case Stratum::Incomplete: return QStringLiteral("incomplete");
    case Stratum::NotScored: break;
    }
    return QStringLiteral("not_scored");
}

QString stratumLabel(Stratum s)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("Stratum", text); };
    switch (s) {
    case Stratum::Low: return tr("Low");
    case Stratum::Medium: return tr("Medium");
    case Stratum::High: return tr("High");
    case Stratum::Incomplete: return tr("Incomplete");
    case Stratum::NotScored: break;
    }
    return tr("Not scored");
}

} // namespace painmdt::domain
