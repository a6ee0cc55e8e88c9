#include "reporting/referralreports.h"

#include "domain/referral.h"
#include "domain/referralrules.h"
#include "reporting/statistics.h"

#include <QJsonArray>
#include <map>

namespace painmdt::reporting {

using storage::TriageRow;
using storage::WaitingRow;

namespace {

// Day statistics as numbers, null when there is nothing to measure.
QJsonValue days(std::optional<double> value)
{
    return value ? QJsonValue(roundTo(*value, 2)) : QJsonValue();
}

QJsonValue pct(long long part, long long whole)
{
    const auto value = percent(part, whole);
    return value ? QJsonValue(*value) : QJsonValue();
}

long long within(const std::vector<double> &waits, int mark)
{
    return std::count_if(waits.begin(), waits.end(), [mark](double d) { return domain::seenWithin(d, mark); });
}

// The rows are already as known on as-of (storage/reportqueries.h).
bool waitingAtAsOf(const WaitingRow &r)
{
    return domain::stillWaiting({r.pathway, r.dischargedOn, r.firstContactOn});
}

QJsonArray byMonth(const std::vector<WaitingRow> &rows)
{
    std::map<QString, std::pair<int, std::vector<double>>> months; // "YYYY-MM" -> referrals, waits
    for (const WaitingRow &r : rows) {
        auto &[count, waits] = months[r.receivedOn.toString(QStringLiteral("yyyy-MM"))];
        ++count;
        if (r.firstContactOn.isValid())
            waits.push_back(double(r.receivedOn.daysTo(r.firstContactOn)));
    }
    QJsonArray list;
    for (const auto &[month, entry] : months)
        list.append(QJsonObject{{QStringLiteral("month"), month},
                                {QStringLiteral("referrals"), entry.first},
                                {QStringLiteral("median_days_to_first_contact"), days(median(entry.second))}});
    return list;
}

} // namespace

QJsonObject waitingTimes(const std::vector<WaitingRow> &rows, const ReportPeriod &period)
{
    std::vector<double> toTriage;
    std::vector<double> toFirstContact;
    long long waiting = 0;
    for (const WaitingRow &r : rows) {
        if (r.triagedOn.isValid())
            toTriage.push_back(double(r.receivedOn.daysTo(r.triagedOn)));
        if (r.firstContactOn.isValid())
            toFirstContact.push_back(double(r.receivedOn.daysTo(r.firstContactOn)));
        waiting += waitingAtAsOf(r) ? 1 : 0;
    }
    const auto seen = static_cast<long long>(toFirstContact.size());
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("waiting-times"));
    report.insert(QStringLiteral("referrals_received"), qint64(rows.size()));
    report.insert(QStringLiteral("triaged"), qint64(toTriage.size()));
    report.insert(QStringLiteral("median_days_to_triage"), days(median(toTriage)));
    report.insert(QStringLiteral("first_contacts"), seen);
    report.insert(QStringLiteral("median_days_to_first_contact"), days(median(toFirstContact)));
    report.insert(QStringLiteral("p90_days_to_first_contact"), days(percentileInc(toFirstContact, 0.9)));
    report.insert(QStringLiteral("p95_days_to_first_contact"), days(percentileInc(toFirstContact, 0.95)));
    report.insert(QStringLiteral("pct_first_contact_within_28_days"), pct(within(toFirstContact, domain::overdueDays), seen));
    report.insert(QStringLiteral("pct_first_contact_within_42_days"), pct(within(toFirstContact, domain::breachDays), seen));
    report.insert(QStringLiteral("pct_first_contact_within_126_days"), pct(within(toFirstContact, domain::longWaitDays), seen));
    report.insert(QStringLiteral("waiting_at_as_of"), waiting);
    report.insert(QStringLiteral("by_month"), byMonth(rows));
    return report;
}

QJsonObject triageMix(const std::vector<TriageRow> &rows, const ReportPeriod &period)
{
    QJsonObject strata{{QStringLiteral("low"), 0}, {QStringLiteral("medium"), 0}, {QStringLiteral("high"), 0},
                       {QStringLiteral("incomplete"), 0}, {QStringLiteral("not_scored"), 0}};
    QJsonObject pathways;
    for (const QString &code : domain::pathwayCodes())
        pathways.insert(code, 0);
    long long community = 0;
    for (const TriageRow &r : rows) {
        const QString stratum = domain::stratumKey(r.stratum);
        strata.insert(stratum, strata.value(stratum).toInt() + 1);
        pathways.insert(r.pathway, pathways.value(r.pathway).toInt() + 1);
        community += r.community.value_or(domain::defaultCommunityPathway(r.pathway)) ? 1 : 0;
    }
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("triage"));
    report.insert(QStringLiteral("triaged"), qint64(rows.size()));
    report.insert(QStringLiteral("strata"), strata);
    report.insert(QStringLiteral("pathways"), pathways);
    report.insert(QStringLiteral("pct_managed_in_community"), pct(community, qint64(rows.size())));
    return report;
}

} // namespace painmdt::reporting
