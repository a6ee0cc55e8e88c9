#include "reporting/costreports.h"

#include "reporting/statistics.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace painmdt::reporting {

using storage::AttendanceRow;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("CostReports", text); }

QJsonValue money(std::optional<double> pounds) { return pounds ? QJsonValue(roundTo(*pounds, 2)) : QJsonValue(); }

// Costs attendances by one tariff (or none), remembering settings it has no price for.
class Costing {
public:
    explicit Costing(const std::optional<domain::Tariff> &tariff) : m_tariff(tariff) {}
    std::optional<double> of(const AttendanceRow &r)
    {
        if (!m_tariff)
            return std::nullopt;
        const auto cost = m_tariff->costOf(r.setting, r.bedDays);
        if (!cost)
            m_uncosted.insert(r.setting);
        return cost.value_or(0.0);
    }
    std::optional<double> zero() const { return m_tariff ? std::optional<double>(0.0) : std::nullopt; }
    // What the report says about the tariff: its name, and the settings it could not price.
    void describe(QJsonObject &report) const
    {
        report.insert(QStringLiteral("tariff"), m_tariff ? QJsonValue(m_tariff->name) : QJsonValue());
        QJsonArray uncosted;
        for (const QString &s : m_uncosted)
            uncosted.append(s);
        report.insert(QStringLiteral("uncosted_settings"), uncosted);
    }

private:
    const std::optional<domain::Tariff> &m_tariff;
    std::set<QString> m_uncosted;
};

void add(std::optional<double> &sum, std::optional<double> value)
{
    if (sum && value)
        *sum += *value;
}

struct Tally {
    std::map<QString, qint64> count;     // setting -> attendances
    std::map<QString, qint64> bedDays;   // setting -> bed days
    std::map<QString, std::optional<double>> cost;
    qint64 totalBedDays = 0;
    std::optional<double> totalCost;

    explicit Tally(const Costing &costing) : totalCost(costing.zero())
    {
        for (const QString &s : domain::attendanceSettings()) {
            count[s] = 0;
            bedDays[s] = 0;
            cost[s] = costing.zero();
        }
    }
    void add(const AttendanceRow &r, std::optional<double> c)
    {
        ++count[r.setting];
        bedDays[r.setting] += r.bedDays;
        totalBedDays += r.bedDays;
        reporting::add(cost[r.setting], c);
        reporting::add(totalCost, c);
    }
    qint64 total() const
    {
        qint64 n = 0;
        for (const auto &[setting, c] : count)
            n += c;
        return n;
    }
};

struct Attender {
    QString patientRef;
    qint64 attendances = 0;
    std::optional<double> cost;
};

QJsonArray topAttenders(std::unordered_map<qint64, Attender> byPatient, int how)
{
    std::vector<Attender> all;
    for (auto &[id, a] : byPatient)
        all.push_back(std::move(a));
    std::sort(all.begin(), all.end(), [](const Attender &a, const Attender &b) {
        if (a.attendances != b.attendances)
            return a.attendances > b.attendances;
        if (a.cost.value_or(0) != b.cost.value_or(0))
            return a.cost.value_or(0) > b.cost.value_or(0);
        return a.patientRef < b.patientRef;
    });
    QJsonArray top;
    for (size_t i = 0; i < all.size() && i < size_t(how); ++i)
        top.append(QJsonObject{{QStringLiteral("patient_ref"), all[i].patientRef},
                               {QStringLiteral("attendances"), all[i].attendances},
                               {QStringLiteral("cost"), money(all[i].cost)}});
    return top;
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

QJsonObject attendances(const std::vector<AttendanceRow> &rows, const std::optional<domain::Tariff> &tariff,
                        const ReportPeriod &period)
{
    Costing costing(tariff);
    Tally tally(costing);
    std::unordered_map<qint64, Attender> byPatient;
    for (const AttendanceRow &r : rows) {
        const auto cost = costing.of(r);
        tally.add(r, cost);
        Attender &a = byPatient[r.patientId];
        if (a.attendances == 0) {
            a.patientRef = r.patientRef;
            a.cost = costing.zero();
        }
        ++a.attendances;
        add(a.cost, cost);
    }
    QJsonObject bySetting;
    for (const QString &s : domain::attendanceSettings())
        bySetting.insert(s, QJsonObject{{QStringLiteral("count"), tally.count[s]}, {QStringLiteral("bed_days"), tally.bedDays[s]},
                                        {QStringLiteral("cost"), money(tally.cost[s])}});
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("attendances"));
    report.insert(QStringLiteral("by_setting"), bySetting);
    report.insert(QStringLiteral("attendances"), tally.total());
    report.insert(QStringLiteral("bed_days"), tally.totalBedDays);
    report.insert(QStringLiteral("total_cost"), money(tally.totalCost));
    report.insert(QStringLiteral("patients"), qint64(byPatient.size()));
    report.insert(QStringLiteral("top_attenders"), topAttenders(std::move(byPatient), 20));
    costing.describe(report);
    return report;
}

QJsonObject costSavings(const std::vector<storage::IndexRow> &cohort, const std::vector<AttendanceRow> &rows,
                        const std::optional<domain::Tariff> &tariff, const std::vector<domain::ServiceCost> &serviceCosts,
                        const ReportPeriod &period)
{
    const int months = period.options.windowMonths;
    std::unordered_map<qint64, QDate> included;
    qint64 excluded = 0;
    for (const auto &c : cohort) {
        if (c.indexOn.addMonths(months) <= period.asOf) // the after-window has fully elapsed
            included.emplace(c.patientId, c.indexOn);
        else
            ++excluded;
    }
    Costing costing(tariff);
    Tally before(costing), after(costing);
    qint64 indexDay = 0;
    for (const AttendanceRow &r : rows) {
        const auto found = included.find(r.patientId);
        if (found == included.end())
            continue;
        const QDate index = found->second;
        if (r.attendedOn == index)
            ++indexDay;
        else if (r.attendedOn < index && r.attendedOn >= index.addMonths(-months))
            before.add(r, costing.of(r));
        else if (r.attendedOn > index && r.attendedOn <= index.addMonths(months))
            after.add(r, costing.of(r));
    }
    const auto window = [](const Tally &t) {
        QJsonObject bySetting;
        for (const auto &[setting, n] : t.count)
            bySetting.insert(setting, n);
        return QJsonObject{{QStringLiteral("by_setting"), bySetting}, {QStringLiteral("attendances"), t.total()},
                           {QStringLiteral("bed_days"), t.totalBedDays}, {QStringLiteral("cost"), money(t.totalCost)}};
    };
    double service = 0;
    for (const auto &c : serviceCosts)
        service += c.proRated(period.from, period.to);
    std::optional<double> gross;
    if (before.totalCost && after.totalCost)
        gross = roundTo(*before.totalCost, 2) - roundTo(*after.totalCost, 2);
    const auto n = qint64(included.size());
    QJsonObject report = echoParameters(period, {{QStringLiteral("window_months"), months},
                                                 {QStringLiteral("index"), period.options.indexByReferral
                                                                               ? QStringLiteral("referral")
                                                                               : QStringLiteral("first-contact")}});
    report.insert(QStringLiteral("report"), QStringLiteral("cost-savings"));
    report.insert(QStringLiteral("patients_included"), n);
    report.insert(QStringLiteral("patients_excluded_incomplete_window"), excluded);
    report.insert(QStringLiteral("index_day_attendances"), indexDay);
    report.insert(QStringLiteral("before"), window(before));
    report.insert(QStringLiteral("after"), window(after));
    report.insert(QStringLiteral("gross_saving"), money(gross));
    report.insert(QStringLiteral("service_cost"), money(service));
    report.insert(QStringLiteral("net_saving"), money(gross ? std::optional<double>(*gross - roundTo(service, 2)) : std::nullopt));
    report.insert(QStringLiteral("per_patient_mean_saving"), money(gross && n > 0 ? std::optional<double>(*gross / double(n)) : std::nullopt));
    report.insert(QStringLiteral("caveats"), caveats());
    costing.describe(report);
    return report;
}

} // namespace painmdt::reporting
