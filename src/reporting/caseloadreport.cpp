#include "reporting/caseloadreport.h"

#include "domain/referral.h"
#include "domain/referralrules.h"
#include "reporting/statistics.h"

namespace painmdt::reporting {

namespace {

QJsonObject zeros(const QStringList &codes)
{
    QJsonObject counts;
    for (const QString &code : codes)
        counts.insert(code, 0);
    return counts;
}

void add(QJsonObject &counts, const QString &key, qint64 n)
{
    counts.insert(key, qint64(counts.value(key).toDouble()) + n);
}

QJsonObject contactFigures(const std::vector<storage::ContactCount> &contacts)
{
    QJsonObject byMode = zeros(domain::contactModes());
    QJsonObject byOutcome = zeros(domain::contactOutcomes());
    qint64 total = 0;
    for (const auto &c : contacts) {
        add(byMode, c.mode, c.count);
        add(byOutcome, c.outcome, c.count);
        total += c.count;
    }
    const auto dna = qint64(byOutcome.value(QStringLiteral("dna")).toDouble());
    const auto attended = qint64(byOutcome.value(domain::attendedOutcome).toDouble());
    const auto rate = percent(dna, dna + attended); // a percentage like every other (docs/interchange.md)
    return {{QStringLiteral("total"), total}, {QStringLiteral("by_mode"), byMode},
            {QStringLiteral("by_outcome"), byOutcome},
            {QStringLiteral("dna_rate"), rate ? QJsonValue(*rate) : QJsonValue()}};
}

} // namespace

QJsonObject caseload(const std::vector<storage::EpisodeRow> &episodes,
                     const std::vector<storage::ContactCount> &contacts, const ReportPeriod &period)
{
    qint64 overdue = 0;
    qint64 dueSoon = 0;
    qint64 notPlanned = 0;
    QJsonObject byKeyWorker;
    for (const auto &e : episodes) {
        const domain::CheckIn state = domain::checkInOn(e.nextCheckIn, period.asOf);
        overdue += state == domain::CheckIn::Overdue ? 1 : 0;
        dueSoon += state == domain::CheckIn::DueSoon ? 1 : 0;
        notPlanned += state == domain::CheckIn::NotPlanned ? 1 : 0;
        const QString who = e.keyWorker.isEmpty() ? unassignedKeyWorker : e.keyWorker;
        QJsonObject mine = byKeyWorker.value(who).toObject();
        add(mine, QStringLiteral("open_episodes"), 1);
        add(mine, QStringLiteral("overdue_check_ins"), state == domain::CheckIn::Overdue ? 1 : 0);
        byKeyWorker.insert(who, mine);
    }
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("caseload"));
    report.insert(QStringLiteral("open_episodes"), qint64(episodes.size()));
    report.insert(QStringLiteral("overdue_check_ins"), overdue);
    report.insert(QStringLiteral("due_within_7_days"), dueSoon);
    report.insert(QStringLiteral("no_check_in_planned"), notPlanned);
    report.insert(QStringLiteral("by_key_worker"), byKeyWorker);
    report.insert(QStringLiteral("contacts"), contactFigures(contacts));
    return report;
}

} // namespace painmdt::reporting
