// The service outcome report on paper, in the order the issue sets and a commissioner reads:
// the summary sheet on page 1, then one section per question, then the appendices.
#include "domain/referral.h"
#include "reporting/printeddocument.h"
#include "reporting/reportchart.h"
#include "reporting/reporthtml.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>
#include <QSet>
#include <cmath>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ServiceReport", text); }

QJsonObject at(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); }
QJsonValue val(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)); }
QString money(const QJsonValue &v) { return v.isDouble() ? poundsText(v.toDouble(), 2) : tr("Not costed"); }
QString pounds(const QJsonValue &v) { return v.isDouble() ? poundsText(v.toDouble(), 0) : tr("Not costed"); } // a wide table

// A heading that starts a new page (the summary sheet stands alone) or just a new section.
QString section(const QString &title, bool newPage = false)
{
    return QStringLiteral("<h1%1>%2</h1>").arg(newPage ? QStringLiteral(" style='page-break-before: always'") : QString(),
                                              escaped(title));
}

// Rows of text under headings; every column but the first holds figures, right-aligned, except
// those in `textColumns` (a source, a price year).
QString grid(const QString &title, const QStringList &headings, const std::vector<QStringList> &rows,
             const QSet<qsizetype> &textColumns = {})
{
    QString html = title.isEmpty() ? QString() : QStringLiteral("<h2>%1</h2>").arg(escaped(title));
    if (rows.empty())
        return html + tr("<p>None in the period.</p>");
    html += QStringLiteral("<table width='%1%'><thead><tr>").arg(headings.size() > 2 ? 100 : 60);
    for (qsizetype i = 0; i < headings.size(); ++i) // a wide table keeps room for its row names
        html += QStringLiteral("<th%1>%2</th>").arg(i == 0 && headings.size() > 5 ? QStringLiteral(" width='22%'") : QString(),
                                                    escaped(headings[i]));
    html += QStringLiteral("</tr></thead>");
    for (const QStringList &cells : rows) {
        html += QStringLiteral("<tr>");
        for (qsizetype i = 0; i < cells.size(); ++i)
            html += QStringLiteral("<td%1>%2</td>").arg(i > 0 && !textColumns.contains(i) ? QStringLiteral(" class='n'") : QString(),
                                                        escaped(cells[i]));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString list(const QJsonArray &items, bool numbered = false)
{
    QString html;
    for (const QJsonValue &item : items)
        html += QStringLiteral("<li>%1</li>").arg(escaped(item.toString()));
    return (numbered ? QStringLiteral("<ol>%1</ol>") : QStringLiteral("<ul>%1</ul>")).arg(html);
}

class Body {
public:
    explicit Body(std::vector<BarChart> &charts) : m_charts(charts) {}
    QString chart(BarChart c)
    {
        const bool empty = std::all_of(c.values.begin(), c.values.end(), [](const std::vector<double> &series) {
            return std::all_of(series.begin(), series.end(), [](double v) { return std::isnan(v) || v == 0; });
        });
        if (c.categories.isEmpty() || empty) // bare axes say nothing: the table beside it says "none"
            return tr("<p><i>%1: nothing to draw in the period.</i></p>").arg(escaped(c.title));
        m_charts.push_back(std::move(c));
        return QStringLiteral("<p>%1</p>").arg(chartMarker(int(m_charts.size() - 1)));
    }

private:
    std::vector<BarChart> &m_charts;
};

QString summary(const QJsonObject &f)
{
    return section(tr("Key findings")) + list(val(f, "key_findings").toArray(), true)
           + tr("<p>Every figure is worked out from the records as they stood on the as-of date; each section says which "
                "patients it counts, and the appendices define every count and list the tariff used. The caveats on "
                "the last pages belong with every figure quoted from this report.</p>");
}

QString activityAndCompleteness(const QJsonObject &f)
{
    const QJsonObject a = at(f, "activity");
    QString html = section(tr("Activity and data completeness"), true)
                   + grid(tr("Activity in the period"), {tr("Referrals"), tr("Number")},
                          {{tr("Received"), number(val(a, "referrals_received"))}, {tr("Triaged"), number(val(a, "triaged"))},
                           {tr("Seen for the first time"), number(val(a, "first_seen"))},
                           {tr("Discharged"), number(val(a, "discharged"))}});
    std::vector<QStringList> returns;
    const QJsonObject byOccasion = at(f, "questionnaire_returns");
    for (auto it = byOccasion.begin(); it != byOccasion.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        returns.push_back({domain::codeLabel(it.key()), number(val(o, "complete")), number(val(o, "incomplete")),
                           number(val(o, "returned_blank"))});
    }
    html += grid(tr("Questionnaires returned in the period, by occasion"),
                 {tr("Occasion"), tr("Complete"), tr("Incomplete"), tr("Returned blank")}, returns);
    std::vector<QStringList> paired;
    const QJsonObject completeness = at(f, "data_completeness");
    for (auto it = completeness.begin(); it != completeness.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        const bool caution = val(o, "eligible").toDouble() > 0 && val(o, "interpret_with_caution").toBool();
        paired.push_back({domain::codeLabel(it.key()), number(val(o, "eligible")), number(val(o, "paired")),
                          number(val(o, "pct_paired"), QStringLiteral("\u00A0%")), caution ? tr("Interpret with caution") : QString()});
    }
    return html + grid(tr("Paired baseline and follow-up, by measure"),
                       {tr("Measure"), tr("Eligible"), tr("Paired"), tr("Paired (%)"), tr("Note")}, paired);
}

BarChart runChart(const QJsonObject &w)
{
    BarChart chart = barChart(tr("Run chart: median days to first contact, by month received"));
    for (const QJsonValue &m : val(w, "by_month").toArray()) {
        const QJsonObject month = m.toObject();
        chart.categories << monthLabel(val(month, "month").toString());
        const QJsonValue median = val(month, "median_days_to_first_contact");
        chart.values[0].push_back(median.isDouble() ? median.toDouble() : std::nan(""));
    }
    chart.run = true;
    chart.centre = val(w, "median_days_to_first_contact").toDouble();
    chart.centreLabel = tr("Median over the period: %1 days").arg(number(val(w, "median_days_to_first_contact")));
    return chart;
}

BarChart referralsByMonth(const QJsonObject &w)
{
    BarChart chart = barChart(tr("Referrals received, by month"));
    for (const QJsonValue &m : val(w, "by_month").toArray()) {
        chart.categories << monthLabel(val(m.toObject(), "month").toString());
        chart.values[0].push_back(val(m.toObject(), "referrals").toDouble());
    }
    return chart;
}

QString waitingTimes(const QJsonObject &f, Body &body)
{
    const QJsonObject w = at(f, "waiting_times");
    const QString days = tr(" days");
    const auto within = [&](const char *key) { return number(val(w, key), QStringLiteral("\u00A0%")); };
    return section(tr("Waiting times"))
           + tr("<p>Referrals received in the period: %1; of them, triaged by the as-of date: %2; seen by then: %3; "
                "still waiting on the as-of date: %4.</p>")
                 .arg(number(val(w, "referrals_received")), number(val(w, "triaged")), number(val(w, "first_contacts")),
                      number(val(w, "waiting_at_as_of")))
           + grid(tr("Days from referral"), {tr("To"), tr("Median"), tr("90th percentile"), tr("95th percentile")},
                  {{tr("Triage"), number(val(w, "median_days_to_triage"), days), number(val(w, "p90_days_to_triage"), days),
                    number(val(w, "p95_days_to_triage"), days)},
                   {tr("First contact"), number(val(w, "median_days_to_first_contact"), days),
                    number(val(w, "p90_days_to_first_contact"), days), number(val(w, "p95_days_to_first_contact"), days)}})
           + grid(tr("First contact within (of those seen)"), {tr("Within"), tr("Share")},
                  {{tr("4 weeks"), within("pct_first_contact_within_28_days")},
                   {tr("6 weeks"), within("pct_first_contact_within_42_days")},
                   {tr("18 weeks"), within("pct_first_contact_within_126_days")}})
           + body.chart(runChart(w)) + body.chart(referralsByMonth(w));
}

QString triage(const QJsonObject &f, Body &body)
{
    const QJsonObject t = at(f, "triage"), strata = at(t, "strata"), shares = at(t, "pct_strata");
    const QJsonObject byStratum = at(t, "stratum_by_pathway");
    const QStringList order{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high"),
                            QStringLiteral("incomplete"), QStringLiteral("not_scored")};
    std::vector<QStringList> mix, cross;
    BarChart chart = barChart(tr("STarT Back risk groups of the referrals triaged"));
    QStringList headings{tr("Pathway")};
    for (const QString &s : order) {
        mix.push_back({figureLabel(s), number(strata.value(s)), number(shares.value(s), QStringLiteral("\u00A0%"))});
        chart.categories << figureLabel(s);
        chart.values[0].push_back(strata.value(s).toDouble());
        headings << figureLabel(s);
    }
    for (const QString &code : domain::pathwayCodes()) { // a row per pathway anybody went to
        QStringList row{domain::codeLabel(code)};
        for (const QString &s : order)
            row << number(byStratum.value(s).toObject().value(code).toDouble());
        if (std::any_of(order.begin(), order.end(), [&](const QString &s) { return byStratum.value(s).toObject().contains(code); }))
            cross.push_back(row);
    }
    return section(tr("STarT Back risk groups and pathways"))
           + grid(tr("Risk groups of the %1 referrals triaged").arg(number(val(t, "triaged"))),
                  {tr("Risk group"), tr("Referrals"), tr("Share")}, mix)
           + body.chart(chart) + grid(tr("Pathway chosen, by risk group"), headings, cross)
           + tr("<p>On the treatment matched to their risk group (of those scored low, medium or high): %1. "
                "Managed in the community: %2 of those triaged.</p>")
                 .arg(share(t, "on_matched_pathway", qint64(val(t, "scored_low_medium_high").toDouble()), "pct_on_matched_pathway"),
                      number(val(t, "pct_managed_in_community"), QStringLiteral("\u00A0%")));
}

QString interval(const QJsonObject &o)
{
    if (!val(o, "mean_change").isDouble())
        return QStringLiteral("\u2013");
    if (!val(o, "mean_change_ci95_low").isDouble())
        return number(val(o, "mean_change"));
    return tr("%1\n(%2 to %3)").arg(number(val(o, "mean_change")), number(val(o, "mean_change_ci95_low")),
                                             number(val(o, "mean_change_ci95_high")));
}

// Measures whose meaningful-change rule no cited source confirms (GAD-7's): said under the table.
QString unconfirmedRules(const QJsonObject &instruments)
{
    QStringList names;
    for (auto it = instruments.begin(); it != instruments.end(); ++it)
        if (it.value().toObject().value(QStringLiteral("rule_unconfirmed")).toBool())
            names << domain::codeLabel(it.key());
    return tr("<p>The \"worse\" column applies each rule the other way, which no cited source sets out.%1</p>")
        .arg(names.isEmpty() ? QString()
                             : tr(" The rule itself is not confirmed by a cited source for %1.").arg(escaped(names.join(QStringLiteral(", ")))));
}

// Each measure's mean score at baseline and at the latest follow-up, and how many were returned.
QString meanScores(const QJsonObject &instruments)
{
    std::vector<QStringList> rows;
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject m = it.value().toObject();
        if (!val(m, "single_occasion").toBool())
            rows.push_back({domain::codeLabel(it.key()), number(val(m, "mean_baseline")), number(val(m, "mean_latest")),
                            number(val(m, "administrations")), number(val(m, "incomplete")), number(val(m, "returned_blank"))});
    }
    return grid(tr("Mean scores of the paired patients, and questionnaires collected in the period"),
                {tr("Measure"), tr("Baseline mean"), tr("Latest mean"), tr("Collected"), tr("Incomplete"), tr("Returned blank")},
                rows);
}

QString outcomes(const QJsonObject &f, Body &body)
{
    const QJsonObject o = at(f, "outcomes"), instruments = at(o, "instruments");
    std::vector<QStringList> rows;
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject m = it.value().toObject();
        if (val(m, "single_occasion").toBool())
            continue;
        const auto paired = qint64(val(m, "paired").toDouble());
        const bool rule = !val(m, "meaningful_improvement").isNull();
        const auto cell = [&](const char *count, const char *pct) {
            return !rule ? tr("no rule") : paired == 0 ? QStringLiteral("\u2013")
                                         : tr("%1\n(%2)").arg(number(val(m, count)), number(val(m, pct), QStringLiteral("\u00A0%")));
        };
        rows.push_back({domain::codeLabel(it.key()), tr("%1 of %2").arg(paired).arg(number(val(m, "eligible"))),
                        interval(m), number(val(m, "median_change")),
                        cell("meaningful_improvement", "pct_meaningful_improvement"),
                        cell("no_meaningful_change", "pct_no_meaningful_change"),
                        cell("meaningful_deterioration", "pct_meaningful_deterioration"),
                        rule ? number(val(m, "change_not_judged")) : QStringLiteral("\u2013")});
    }
    return section(tr("Outcomes against baseline"))
           + grid(tr("Change from baseline to the latest follow-up"),
                  {tr("Measure"), tr("Paired"), tr("Mean change (95\u00A0% CI)"), tr("Median"), tr("Improved"),
                   tr("No change"), tr("Worse"), tr("Not judged")}, rows)
           + tr("<p>Median: the median change. Improved, no change and worse: by the measure's meaningful-change rule "
                "(worse: the same amount the other way). Not judged: the rule cannot apply (a pain score of 0 at "
                "baseline cannot fall by 30\u00A0%).</p>")
           + tr("<p>A negative change is a fall in the score: better on every measure here except those where higher "
                "is better (each measure's definition says which).</p>")
           + unconfirmedRules(instruments)
           + meanScores(instruments)
           + (changeChart(instruments).categories.isEmpty() ? QString() : body.chart(changeChart(instruments)))
           + moodTable(at(o, "mood"))
           + singleOccasionHtml(o);
}

QString beforeAfter(const QJsonObject &f, Body &body)
{
    const QJsonObject a = at(f, "attendances_before_after"), before = at(at(a, "before"), "by_setting"),
                      after = at(at(a, "after"), "by_setting"), spread = at(a, "per_patient");
    std::vector<QStringList> rows;
    BarChart chart = barChart(tr("Attendances before and after the index date, by setting"), {tr("Before"), tr("After")});
    for (auto it = before.begin(); it != before.end(); ++it) {
        rows.push_back({figureLabel(it.key()), number(it.value()), number(after.value(it.key()))});
        chart.categories << figureLabel(it.key());
        chart.values[0].push_back(it.value().toDouble());
        chart.values[1].push_back(after.value(it.key()).toDouble());
    }
    rows.push_back({tr("All settings"), number(val(at(a, "before"), "attendances")), number(val(at(a, "after"), "attendances"))});
    rows.push_back({tr("Bed days"), number(val(at(a, "before"), "bed_days")), number(val(at(a, "after"), "bed_days"))});
    const auto patients = qint64(val(spread, "patients").toDouble());
    return section(tr("Hospital attendances before and after"))
           + tr("<p>Patients followed a full window either side of their index date: %1 (left out because the window "
                "had not ended: %2). Attendances on the index date itself, in neither window: %3.</p>")
                 .arg(number(val(a, "patients_included")), number(val(a, "patients_excluded_incomplete_window")),
                      number(val(a, "index_day_attendances")))
           + grid(tr("Attendances by setting"), {tr("Setting"), tr("Before"), tr("After")}, rows) + body.chart(chart)
           + grid(tr("Patient by patient"), {tr("Attendances after, against before"), tr("Patients")},
                  {{tr("Attended hospital in either window"), number(val(spread, "attended_in_either_window"))},
                   {tr("Fewer"), share(spread, "fewer_attendances", patients, "pct_fewer_attendances")},
                   {tr("The same"), share(spread, "same_attendances", patients, "pct_same_attendances")},
                   {tr("More"), share(spread, "more_attendances", patients, "pct_more_attendances")},
                   {tr("Median change per patient (quartiles)"),
                    tr("%1 (%2 to %3)").arg(number(val(spread, "median_change_in_attendances")),
                                            number(val(spread, "lower_quartile_change")),
                                            number(val(spread, "upper_quartile_change")))}});
}

QString costs(const QJsonObject &f)
{
    const QJsonObject c = at(f, "costs"), before = at(f, "attendances_before_after");
    const bool recorded = val(c, "service_cost_recorded").toBool();
    std::vector<QStringList> visits, saved;
    for (const QJsonValue &v : val(f, "sensitivity").toArray()) {
        const QJsonObject s = v.toObject();
        visits.push_back({val(s, "scenario").toString(), number(val(s, "patients_in_scenario")),
                          number(val(s, "attendances_before")), number(val(s, "attendances_after"))});
        saved.push_back({val(s, "scenario").toString(), pounds(val(s, "cost_before")), pounds(val(s, "cost_after")),
                         pounds(val(s, "gross_saving")), recorded ? pounds(val(s, "net_saving")) : QStringLiteral("\u2013")});
    }
    QString uncosted;
    for (const QJsonValue &setting : val(c, "uncosted_settings").toArray())
        uncosted += (uncosted.isEmpty() ? QString() : QStringLiteral(", ")) + figureLabel(setting.toString());
    return section(tr("Costs and savings"))
           + grid(QString(), {tr("Figure"), tr("Value")},
                  {{tr("Cost of the attendances before"), money(val(at(before, "before"), "cost"))},
                   {tr("Cost of the attendances after"), money(val(at(before, "after"), "cost"))},
                   {tr("Gross saving (cost before \u2212 cost after)"), money(val(c, "gross_saving"))},
                   {tr("Service cost in the period"), recorded ? money(val(c, "service_cost")) : tr("None recorded")},
                   {tr("Net saving"), recorded ? money(val(c, "net_saving")) : tr("None: no service cost recorded")},
                   {tr("Mean saving per patient"), money(val(c, "per_patient_mean_saving"))}})
           + (uncosted.isEmpty() ? QString()
                                 : tr("<p><b>Not in the tariff</b> (counted, costed at nothing): %1.</p>").arg(escaped(uncosted)))
           + grid(tr("Sensitivity: how much the saving rests on"),
                  {tr("Scenario"), tr("Patients"), tr("Attendances before"), tr("Attendances after")}, visits)
           + grid(QString(), {tr("Scenario"), tr("Cost before"), tr("Cost after"), tr("Gross saving"), tr("Net saving")}, saved);
}

QString appendices(const QJsonObject &f)
{
    std::vector<QStringList> lines;
    for (const QJsonValue &v : val(f, "tariff_used").toArray()) {
        const QJsonObject line = v.toObject();
        lines.push_back({figureLabel(val(line, "setting").toString()), money(val(line, "unit_cost")),
                         val(line, "price_year").toString(), val(line, "source").toString()});
    }
    return section(tr("Caveats")) + list(val(f, "caveats").toArray())
           + section(tr("Appendix A: definitions"), true) + list(val(f, "definitions").toArray())
           + section(tr("Appendix B: the tariff used"))
           + (lines.empty() ? tr("<p>No tariff has been imported: attendances are counted, not costed.</p>")
                            : grid(val(f, "tariff").toString(),
                                   {tr("Setting"), tr("Unit cost"), tr("Price year"), tr("Source")}, lines, {2, 3}));
}

} // namespace

QString serviceBody(const QJsonObject &figures, std::vector<BarChart> &charts)
{
    Body body(charts);
    return summary(figures) + activityAndCompleteness(figures) + waitingTimes(figures, body) + triage(figures, body)
           + outcomes(figures, body) + beforeAfter(figures, body) + costs(figures) + appendices(figures);
}

} // namespace painmdt::reporting
