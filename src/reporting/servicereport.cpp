#include "reporting/servicereport.h"

#include "domain/referral.h"
#include "reporting/outcomesreport.h"
#include "reporting/referralreports.h"
#include "reporting/reportlayout.h"
#include "reporting/servicetext.h"
#include "reporting/statistics.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>

namespace painmdt::reporting {

using storage::PatientWindows;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ServiceReport", text); }

QJsonValue number(std::optional<double> v, int decimals) { return v ? QJsonValue(roundTo(*v, decimals)) : QJsonValue(); }
QJsonValue pct(qint64 part, qint64 whole) { return number(percent(part, whole), 1); }

// A report's figures without the parameters it echoes (the service report echoes its own once).
QJsonObject figuresOnly(QJsonObject report)
{
    for (const char *key : {"report", "from", "to", "as_of", "window_months", "index", "tariff", "caveats"})
        report.remove(QLatin1String(key));
    return report;
}

QJsonObject activity(const storage::ActivityCounts &a)
{
    return {{QStringLiteral("referrals_received"), a.received}, {QStringLiteral("triaged"), a.triaged},
            {QStringLiteral("first_seen"), a.seen}, {QStringLiteral("discharged"), a.discharged}};
}

// Questionnaires collected in the period, by occasion: complete, incomplete, returned blank.
QJsonObject questionnaireReturns(const std::vector<storage::AdministrationRow> &rows, const ReportPeriod &p)
{
    QJsonObject byOccasion;
    for (const auto &r : rows) {
        if (r.collectedOn < p.from || r.collectedOn > p.to)
            continue;
        QJsonObject o = byOccasion.value(r.occasion).toObject();
        const QString key = r.blank ? QStringLiteral("returned_blank") : r.complete ? QStringLiteral("complete")
                                                                                     : QStringLiteral("incomplete");
        for (const char *k : {"complete", "incomplete", "returned_blank"})
            o.insert(QLatin1String(k), o.value(QLatin1String(k)).toInt());
        o.insert(key, o.value(key).toInt() + 1);
        byOccasion.insert(r.occasion, o);
    }
    return byOccasion;
}

// Paired n and share per measure, flagged below half (clinical reference §2: always print N).
QJsonObject completeness(const QJsonObject &outcomes)
{
    QJsonObject byMeasure;
    const QJsonObject instruments = outcomes.value(QStringLiteral("instruments")).toObject();
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        if (o.value(QStringLiteral("single_occasion")).toBool())
            continue;
        QJsonObject row;
        for (const char *k : {"eligible", "paired", "pct_paired", "interpret_with_caution"})
            row.insert(QLatin1String(k), o.value(QLatin1String(k)));
        byMeasure.insert(it.key(), row);
    }
    return byMeasure;
}

QJsonObject waiting(const std::vector<storage::WaitingRow> &rows, const ReportPeriod &p)
{
    QJsonObject figures = figuresOnly(waitingTimes(rows, p));
    std::vector<double> toTriage;
    for (const auto &r : rows)
        if (r.triagedOn.isValid())
            toTriage.push_back(double(r.receivedOn.daysTo(r.triagedOn)));
    figures.insert(QStringLiteral("p90_days_to_triage"), number(percentileInc(toTriage, 0.9), 2));
    figures.insert(QStringLiteral("p95_days_to_triage"), number(percentileInc(toTriage, 0.95), 2));
    return figures;
}

// The STarT Back mix with shares, stratum by pathway, and the share on the matched treatment.
QJsonObject triage(const std::vector<storage::TriageRow> &rows, const ReportPeriod &p)
{
    QJsonObject figures = figuresOnly(triageMix(rows, p));
    const auto triaged = qint64(rows.size());
    QJsonObject shares;
    const QJsonObject strata = figures.value(QStringLiteral("strata")).toObject();
    for (auto it = strata.begin(); it != strata.end(); ++it)
        shares.insert(it.key(), pct(qint64(it.value().toDouble()), triaged));
    QJsonObject byStratum;
    qint64 scored = 0, matched = 0;
    for (const auto *key : {"low", "medium", "high", "incomplete", "not_scored"}) { // every cell, zeros included
        QJsonObject pathways;
        for (const QString &code : domain::pathwayCodes())
            pathways.insert(code, 0);
        byStratum.insert(QLatin1String(key), pathways);
    }
    for (const auto &r : rows) {
        const QString stratum = domain::stratumKey(r.stratum);
        QJsonObject pathways = byStratum.value(stratum).toObject();
        pathways.insert(r.pathway, pathways.value(r.pathway).toInt() + 1);
        byStratum.insert(stratum, pathways);
        if (const auto treatment = domain::matchedTreatment(domain::stratumLabel(r.stratum))) {
            ++scored;
            matched += treatment->pathway == r.pathway ? 1 : 0;
        }
    }
    figures.insert(QStringLiteral("pct_strata"), shares);
    figures.insert(QStringLiteral("stratum_by_pathway"), byStratum);
    figures.insert(QStringLiteral("scored_low_medium_high"), scored);
    figures.insert(QStringLiteral("on_matched_pathway"), matched);
    figures.insert(QStringLiteral("pct_on_matched_pathway"), pct(matched, scored));
    return figures;
}

// How each included patient's attendances moved: fewer, the same, more; the change's quartiles.
QJsonObject perPatientSpread(const std::vector<PatientWindows> &windows)
{
    std::vector<double> changes;
    qint64 fewer = 0, same = 0, more = 0, attenders = 0;
    for (const auto &w : windows) {
        changes.push_back(double(w.after - w.before));
        (w.after < w.before ? fewer : w.after == w.before ? same : more) += 1;
        attenders += w.before > 0 || w.after > 0 ? 1 : 0;
    }
    const auto n = qint64(windows.size());
    return {{QStringLiteral("patients"), n},
            // most of a cohort never attends hospital: shares of those who did say more
            {QStringLiteral("attended_in_either_window"), attenders},
            {QStringLiteral("pct_of_attenders_fewer"), pct(fewer, attenders)},
            {QStringLiteral("fewer_attendances"), fewer}, {QStringLiteral("pct_fewer_attendances"), pct(fewer, n)},
            {QStringLiteral("same_attendances"), same}, {QStringLiteral("pct_same_attendances"), pct(same, n)},
            {QStringLiteral("more_attendances"), more}, {QStringLiteral("pct_more_attendances"), pct(more, n)},
            {QStringLiteral("median_change_in_attendances"), number(median(changes), 2)},
            {QStringLiteral("lower_quartile_change"), number(percentileInc(changes, 0.25), 2)},
            {QStringLiteral("upper_quartile_change"), number(percentileInc(changes, 0.75), 2)}};
}

struct Totals {
    qint64 patients = 0, before = 0, after = 0;
    double beforeCost = 0, afterCost = 0;
};

Totals totalsOf(const std::vector<PatientWindows> &windows, std::optional<qint64> leaveOut = std::nullopt)
{
    Totals t;
    for (const auto &w : windows) {
        if (leaveOut == w.patientId)
            continue;
        ++t.patients;
        t.before += w.before;
        t.after += w.after;
        t.beforeCost += w.beforeCost;
        t.afterCost += w.afterCost;
    }
    return t;
}

// The patient with most attendances before their index date (then the costlier, then the first).
std::optional<qint64> topAttender(const std::vector<PatientWindows> &windows)
{
    const auto top = std::max_element(windows.begin(), windows.end(), [](const auto &a, const auto &b) {
        return std::tie(a.before, a.beforeCost, b.patientId) < std::tie(b.before, b.beforeCost, a.patientId);
    });
    return top == windows.end() || top->before == 0 ? std::nullopt : std::optional(top->patientId);
}

// What the service cost in the period, when any is recorded (no net figure otherwise).
struct ServiceSpend {
    bool recorded = false;
    double pounds = 0;
};

QJsonObject scenario(const QString &label, const Totals &t, double beforeScale, bool costed, ServiceSpend service)
{
    const double before = roundTo(t.beforeCost * beforeScale, 2), after = roundTo(t.afterCost, 2);
    const auto money = [&](double v) { return costed ? QJsonValue(roundTo(v, 2)) : QJsonValue(); };
    return {{QStringLiteral("scenario"), label}, {QStringLiteral("patients_in_scenario"), t.patients},
            {QStringLiteral("attendances_before"), roundTo(double(t.before) * beforeScale, 1)},
            {QStringLiteral("attendances_after"), t.after},
            {QStringLiteral("cost_before"), money(before)}, {QStringLiteral("cost_after"), money(after)},
            {QStringLiteral("gross_saving"), money(before - after)},
            {QStringLiteral("net_saving"), service.recorded ? money(before - after - roundTo(service.pounds, 2)) : QJsonValue()}};
}

// The saving as reported, without the top attender, and against a 24-month baseline.
QJsonArray sensitivity(const ServiceInputs &in, const ReportPeriod &p)
{
    const bool costed = in.tariff.has_value();
    const ServiceSpend service{in.serviceCostRecorded, in.costSavings.value(QStringLiteral("service_cost")).toDouble()};
    const int w = p.options.windowMonths;
    return {scenario(tr("As reported: %1 months before and after").arg(w), totalsOf(in.windows), 1, costed, service),
            scenario(tr("Without the top attender"), totalsOf(in.windows, topAttender(in.windows)), 1, costed, service),
            scenario(tr("%1 months before (a yearly average) against %2 months after")
                         .arg(sensitivityBaselineMonths).arg(sensitivityAfterMonths),
                     totalsOf(in.windows24), double(sensitivityAfterMonths) / sensitivityBaselineMonths, costed, service)};
}

QJsonObject beforeAfter(const ServiceInputs &in)
{
    QJsonObject figures;
    for (const char *k : {"patients_included", "patients_excluded_incomplete_window", "index_day_attendances", "before", "after"})
        figures.insert(QLatin1String(k), in.costSavings.value(QLatin1String(k)));
    figures.insert(QStringLiteral("per_patient"), perPatientSpread(in.windows));
    return figures;
}

// serviceCostRecorded: a period overlaps [from, to]; else the net saving is the gross, and says so.
QJsonObject costs(const QJsonObject &costSavings, bool serviceCostRecorded)
{
    QJsonObject figures;
    for (const char *k : {"gross_saving", "service_cost", "net_saving", "per_patient_mean_saving", "uncosted_settings"})
        figures.insert(QLatin1String(k), costSavings.value(QLatin1String(k)));
    figures.insert(QStringLiteral("service_cost_recorded"), serviceCostRecorded);
    if (!serviceCostRecorded) { // cost-savings counts none as £0 (the contract); here it is said, not netted
        figures.insert(QStringLiteral("service_cost"), QJsonValue());
        figures.insert(QStringLiteral("net_saving"), QJsonValue());
    }
    return figures;
}

QJsonArray tariffUsed(const std::optional<domain::Tariff> &tariff)
{
    QJsonArray lines;
    if (!tariff)
        return lines;
    for (const auto &[setting, line] : tariff->lines)
        lines.append(QJsonObject{{QStringLiteral("setting"), setting}, {QStringLiteral("unit_cost"), line.unitCost},
                                 {QStringLiteral("price_year"), line.priceYear}, {QStringLiteral("source"), line.source}});
    return lines;
}

} // namespace

QJsonObject serviceReport(const ServiceInputs &in, const ReportPeriod &p)
{
    QJsonObject report = echoParameters(p, {{QStringLiteral("window_months"), p.options.windowMonths},
                                            {QStringLiteral("index"), p.options.indexByReferral ? QStringLiteral("referral")
                                                                                                : QStringLiteral("first-contact")},
                                            {QStringLiteral("tariff"), in.tariff ? QJsonValue(in.tariff->name) : QJsonValue()}});
    report.insert(QStringLiteral("report"), QStringLiteral("service"));
    report.insert(QStringLiteral("activity"), activity(in.activity));
    report.insert(QStringLiteral("questionnaire_returns"),
                  in.administrations ? questionnaireReturns(*in.administrations, p) : QJsonObject());
    report.insert(QStringLiteral("data_completeness"), completeness(in.outcomes));
    report.insert(QStringLiteral("waiting_times"), waiting(in.waiting, p));
    report.insert(QStringLiteral("triage"), triage(in.triage, p));
    report.insert(QStringLiteral("outcomes"), figuresOnly(in.outcomes));
    report.insert(QStringLiteral("attendances_before_after"), beforeAfter(in));
    report.insert(QStringLiteral("costs"), costs(in.costSavings, in.serviceCostRecorded));
    report.insert(QStringLiteral("sensitivity"), sensitivity(in, p));
    report.insert(QStringLiteral("caveats"), serviceCaveats(in.costSavings.value(QStringLiteral("caveats")).toArray()));
    report.insert(QStringLiteral("definitions"), serviceDefinitions());
    report.insert(QStringLiteral("tariff_used"), tariffUsed(in.tariff));
    report.insert(QStringLiteral("key_findings"), serviceFindings(report));
    return report;
}

} // namespace painmdt::reporting
