#include "reporting/costreports.h"

#include "reporting/statistics.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <set>

namespace painmdt::reporting {

using storage::SettingTally;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("CostReports", text); }

QJsonValue money(std::optional<double> pounds) { return pounds ? QJsonValue(roundTo(*pounds, 2)) : QJsonValue(); }

// A window's (or the period's) attendances by setting, every setting listed.
struct Tally {
    std::map<QString, qint64> count, bedDays;
    std::map<QString, double> cost;
    qint64 total = 0, totalBedDays = 0;
    double totalCost = 0;

    Tally()
    {
        for (const QString &s : domain::attendanceSettings()) {
            count[s] = bedDays[s] = 0;
            cost[s] = 0;
        }
    }
    void add(const SettingTally &t)
    {
        count[t.setting] += t.count;
        bedDays[t.setting] += t.bedDays;
        cost[t.setting] += t.cost;
        total += t.count;
        totalBedDays += t.bedDays;
        totalCost += t.cost;
    }
};

// The tariff's name, and the settings with attendances it has no price for: counted, costed 0,
// and named, never hidden.
void describeTariff(QJsonObject &report, const std::optional<domain::Tariff> &tariff, const std::vector<SettingTally> &seen)
{
    report.insert(QStringLiteral("tariff"), tariff ? QJsonValue(tariff->name) : QJsonValue());
    std::set<QString> uncosted;
    for (const SettingTally &t : seen)
        if (tariff && t.count > 0 && !tariff->lines.contains(t.setting))
            uncosted.insert(t.setting);
    QJsonArray list;
    for (const QString &s : uncosted)
        list.append(s);
    report.insert(QStringLiteral("uncosted_settings"), list);
}

QJsonArray caveats()
{
    return {tr("No control group: some of the change would have happened without the service."),
            tr("Regression to the mean: people are referred when their use of services is at a peak, which tends to "
               "fall anyway. Attendances on the index date itself are left out of both windows for this reason."),
            tr("Only recorded attendances are counted: an extract that misses a hospital, a GP practice or the "
               "ambulance service understates use, before and after alike."),
            tr("Costs are the tariff's unit costs (with their year and source), not what each visit actually cost.")};
}

} // namespace

storage::Prices pricesOf(const std::optional<domain::Tariff> &tariff)
{
    storage::Prices prices;
    if (!tariff)
        return prices;
    for (const auto &[setting, line] : tariff->lines) {
        if (setting == QLatin1String(domain::bedDaySetting))
            prices.bedDay = line.unitCost;
        else
            prices.unit[setting] = line.unitCost;
    }
    return prices;
}

QJsonObject attendances(const storage::AttendanceTallies &tallies, const std::optional<domain::Tariff> &tariff,
                        const ReportPeriod &period)
{
    const auto cost = [&](double pounds) { return money(tariff ? std::optional(pounds) : std::nullopt); };
    Tally tally;
    for (const SettingTally &t : tallies.bySetting)
        tally.add(t);
    QJsonObject bySetting;
    for (const QString &s : domain::attendanceSettings())
        bySetting.insert(s, QJsonObject{{QStringLiteral("count"), tally.count[s]}, {QStringLiteral("bed_days"), tally.bedDays[s]},
                                        {QStringLiteral("cost"), cost(tally.cost[s])}});
    QJsonArray top;
    for (const auto &a : tallies.top)
        top.append(QJsonObject{{QStringLiteral("patient_ref"), a.patientRef}, {QStringLiteral("attendances"), a.attendances},
                               {QStringLiteral("cost"), cost(a.cost)}});
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("attendances"));
    report.insert(QStringLiteral("by_setting"), bySetting);
    report.insert(QStringLiteral("attendances"), tally.total);
    report.insert(QStringLiteral("bed_days"), tally.totalBedDays);
    report.insert(QStringLiteral("total_cost"), cost(tally.totalCost));
    report.insert(QStringLiteral("patients"), tallies.patients);
    report.insert(QStringLiteral("top_attenders"), top);
    describeTariff(report, tariff, tallies.bySetting);
    return report;
}

QJsonObject costSavings(const storage::CostSavingsTallies &tallies, const std::optional<domain::Tariff> &tariff,
                        const std::vector<domain::ServiceCost> &serviceCosts, const ReportPeriod &period)
{
    Tally before, after;
    qint64 indexDay = 0;
    for (const SettingTally &t : tallies.windows) {
        if (t.side == QLatin1String("before"))
            before.add(t);
        else if (t.side == QLatin1String("after"))
            after.add(t);
        else
            indexDay += t.count;
    }
    const auto cost = [&](double pounds) { return tariff ? std::optional(roundTo(pounds, 2)) : std::nullopt; };
    const auto window = [&](const Tally &t) {
        QJsonObject bySetting;
        for (const auto &[setting, n] : t.count)
            bySetting.insert(setting, n);
        return QJsonObject{{QStringLiteral("by_setting"), bySetting}, {QStringLiteral("attendances"), t.total},
                           {QStringLiteral("bed_days"), t.totalBedDays}, {QStringLiteral("cost"), money(cost(t.totalCost))}};
    };
    double service = 0;
    for (const auto &c : serviceCosts)
        service += c.proRated(period.from, period.to);
    std::optional<double> gross; // as printed: each window's cost to the penny first
    if (tariff)
        gross = *cost(before.totalCost) - *cost(after.totalCost);
    const qint64 n = tallies.included;
    QJsonObject report = echoParameters(period, {{QStringLiteral("window_months"), period.options.windowMonths},
                                                 {QStringLiteral("index"), period.options.indexByReferral
                                                                               ? QStringLiteral("referral")
                                                                               : QStringLiteral("first-contact")}});
    report.insert(QStringLiteral("report"), QStringLiteral("cost-savings"));
    report.insert(QStringLiteral("patients_included"), n);
    report.insert(QStringLiteral("patients_excluded_incomplete_window"), tallies.excluded);
    report.insert(QStringLiteral("index_day_attendances"), indexDay);
    report.insert(QStringLiteral("before"), window(before));
    report.insert(QStringLiteral("after"), window(after));
    report.insert(QStringLiteral("gross_saving"), money(gross));
    report.insert(QStringLiteral("service_cost"), money(service));
    report.insert(QStringLiteral("net_saving"), money(gross ? std::optional<double>(*gross - roundTo(service, 2)) : std::nullopt));
    report.insert(QStringLiteral("per_patient_mean_saving"), money(gross && n > 0 ? std::optional<double>(*gross / double(n)) : std::nullopt));
    report.insert(QStringLiteral("caveats"), caveats());
    describeTariff(report, tariff, tallies.windows);
    return report;
}

} // namespace painmdt::reporting
