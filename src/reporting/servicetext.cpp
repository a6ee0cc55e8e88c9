#include "reporting/servicetext.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "reporting/reportlayout.h"

#include <QCoreApplication>
#include <QDate>
#include <cmath>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ServiceReport", text); }

QJsonObject at(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); }
double num(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toDouble(); }
QString text(const QJsonObject &o, const char *key, const QString &unit = {})
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) + unit : tr("none to measure");
}
QString pounds(const QJsonValue &v) { return poundsText(v.toDouble(), 0); }

QString waitingFinding(const QJsonObject &report)
{
    const QJsonObject w = at(report, "waiting_times");
    if (num(w, "first_contacts") == 0)
        return tr("%1 referrals received; none had a first contact by %2.")
            .arg(text(w, "referrals_received"),
                 domain::formatClinicalDate(QDate::fromString(report.value(QStringLiteral("as_of")).toString(), Qt::ISODate)));
    return tr("%1 referrals received. Median wait from referral to first contact %2 days (90th percentile %3); "
              "%4 of those seen were seen within 6 weeks.")
        .arg(text(w, "referrals_received"), text(w, "median_days_to_first_contact"), text(w, "p90_days_to_first_contact"),
             text(w, "pct_first_contact_within_42_days", QStringLiteral("\u00A0%")));
}

QString triageFinding(const QJsonObject &report)
{
    const QJsonObject t = at(report, "triage");
    if (num(t, "triaged") == 0)
        return tr("No referral was triaged in the period.");
    const QJsonObject shares = at(t, "pct_strata");
    return tr("%1 referrals triaged: %2 low, %3 medium and %4 high risk on STarT Back; %5 managed in the community; "
              "%6 of those scored went to the treatment matched to their risk group.")
        .arg(text(t, "triaged"), text(shares, "low", QStringLiteral("\u00A0%")), text(shares, "medium", QStringLiteral("\u00A0%")),
             text(shares, "high", QStringLiteral("\u00A0%")), text(t, "pct_managed_in_community", QStringLiteral("\u00A0%")),
             text(t, "pct_on_matched_pathway", QStringLiteral("\u00A0%")));
}

// The measure with most paired patients and a meaningful-change rule speaks for the outcomes.
QString outcomesFinding(const QJsonObject &report)
{
    const QJsonObject instruments = at(at(report, "outcomes"), "instruments");
    QString best;
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        if (!o.value(QStringLiteral("meaningful_improvement")).isNull() && num(o, "paired") > 0
            && (best.isEmpty() || num(o, "paired") > num(at(instruments, best.toUtf8().constData()), "paired")))
            best = it.key();
    }
    if (best.isEmpty())
        return tr("No patient had both a baseline and a follow-up questionnaire with a meaningful-change rule.");
    const QJsonObject o = instruments.value(best).toObject();
    const QString interval = o.value(QStringLiteral("mean_change_ci95_low")).isDouble()
                                 ? tr(" (95 % confidence interval %1 to %2)").arg(text(o, "mean_change_ci95_low"),
                                                                                   text(o, "mean_change_ci95_high"))
                                 : QString(); // one paired patient has no interval
    QString sentence = tr("%1: %2 of %3 paired patients (%4) improved meaningfully; mean change %5%6; %7 of eligible "
                          "patients paired.")
                           .arg(domain::codeLabel(best), text(o, "meaningful_improvement"), text(o, "paired"),
                                text(o, "pct_meaningful_improvement", QStringLiteral("\u00A0%")), text(o, "mean_change"),
                                interval, text(o, "pct_paired", QStringLiteral("\u00A0%")));
    if (o.value(QStringLiteral("interpret_with_caution")).toBool())
        sentence += tr(" Interpret with caution: fewer than half were paired.");
    if (o.value(QStringLiteral("rule_unconfirmed")).toBool())
        sentence += tr(" Its meaningful-change rule is not confirmed by a cited source.");
    return sentence;
}

QString attendancesFinding(const QJsonObject &report)
{
    const QJsonObject a = at(report, "attendances_before_after");
    if (num(a, "patients_included") == 0)
        return tr("No patient's after-window had ended by the as-of date, so attendances before and after cannot be "
                  "compared yet (%1 left out for that reason).").arg(text(a, "patients_excluded_incomplete_window"));
    const double before = num(at(a, "before"), "attendances"), after = num(at(a, "after"), "attendances");
    const QString by = QString::number(std::abs(std::round(1000 * (after - before) / before) / 10), 'f', 1);
    const QString change = before <= 0 ? QString() : after <= before ? tr(", a fall of %1\u00A0%").arg(by) : tr(", a rise of %1\u00A0%").arg(by);
    const QJsonObject spread = at(a, "per_patient");
    const int months = report.value(QStringLiteral("window_months")).toInt();
    return tr("%1 patients followed for %2 either side of their index date: %3 hospital attendances before, "
              "%4 after%5; of the %6 who attended in either window, %7 attended less.")
        .arg(text(a, "patients_included"), months == 1 ? tr("1 month") : tr("%1 months").arg(months),
             QString::number(before), QString::number(after),
             change, text(spread, "attended_in_either_window"), text(spread, "pct_of_attenders_fewer", QStringLiteral("\u00A0%")));
}

// The net (or, with no service cost recorded, the gross) saving in one sentence.
QString moneySentence(const QJsonObject &report, const QJsonObject &c)
{
    const double net = num(c, "net_saving");
    if (!c.value(QStringLiteral("service_cost_recorded")).toBool())
        return tr("Gross %1 of %2 (tariff \"%3\"); no service cost is recorded for the period, so no net figure can be "
                  "given: enter it under Tariffs and service costs.")
            .arg(num(c, "gross_saving") >= 0 ? tr("saving") : tr("cost"), pounds(QJsonValue(std::abs(num(c, "gross_saving")))),
                 report.value(QStringLiteral("tariff")).toString());
    return tr("%1 of %2: a gross saving of %3 against the service's cost of %4 (tariff \"%5\").")
        .arg(net >= 0 ? tr("Net saving") : tr("Net cost"), pounds(QJsonValue(std::abs(net))), pounds(c.value(QStringLiteral("gross_saving"))),
             pounds(c.value(QStringLiteral("service_cost"))), report.value(QStringLiteral("tariff")).toString());
}

// Settings the tariff could not price, said with the money (never hidden: hazard H18).
QString uncosted(const QJsonObject &costs)
{
    QStringList names;
    for (const QJsonValue &setting : costs.value(QStringLiteral("uncosted_settings")).toArray())
        names << domain::codeLabel(setting.toString());
    return names.isEmpty() ? QString()
                           : tr(" Not in the tariff, so costed at nothing: %1.").arg(names.join(QStringLiteral(", ")));
}

QString moneyFinding(const QJsonObject &report)
{
    const QJsonObject c = at(report, "costs");
    if (report.value(QStringLiteral("tariff")).isNull())
        return tr("No tariff has been imported: attendances are counted but not costed.");
    if (num(at(report, "attendances_before_after"), "patients_included") == 0)
        return tr("No saving can be measured yet: no patient's after-window had ended by the as-of date.");
    return moneySentence(report, c) + uncosted(c);
}


} // namespace

QJsonArray serviceFindings(const QJsonObject &report)
{
    return {waitingFinding(report), triageFinding(report), outcomesFinding(report), attendancesFinding(report),
            moneyFinding(report)};
}

QJsonArray serviceCaveats(const QJsonArray &costCaveats)
{
    QJsonArray caveats = costCaveats;
    caveats.append(tr("Outcomes are before and after, with no comparison group: a change is not proof that the service "
                      "caused it."));
    caveats.append(tr("Outcomes count only patients with both a baseline and a follow-up questionnaire; those who "
                      "stopped returning them may have done better or worse. Each measure prints how many were paired."));
    caveats.append(tr("Small numbers swing from one period to the next: read every figure with its N."));
    return caveats;
}

QJsonArray serviceDefinitions()
{
    return {tr("Referrals received: referrals with a received date in the period. Triaged: referrals with a triage date "
               "in the period. First seen: referrals whose first attended contact fell in the period. Discharged: "
               "referrals with a discharge date in the period. Each is counted by its own date."),
            tr("Waiting times are of the referrals received in the period: days from received to triage and to the first "
               "attended contact; shares within 4, 6 and 18 weeks are of those seen. Medians and percentiles interpolate "
               "between closest ranks (PERCENTILE.INC)."),
            tr("Triage mix is of the referrals triaged in the period, by their latest STarT Back result. The matched "
               "treatment (Hill et al., Lancet 2011): low risk, advice and self-management; medium, physiotherapy; high, "
               "psychologically informed physiotherapy. The share on it is of those scored low, medium or high."),
            tr("Outcomes are of patients whose baseline (the earliest complete questionnaire at referral or assessment) was "
               "collected in the period, paired with their latest complete one at review, discharge or follow-up. Mean change "
               "with a 95 % confidence interval (Student's t); improved or deteriorated by the measure's meaningful-change "
               "rule, either way; not judged when the rule cannot apply (a pain score of 0 at baseline)."),
            tr("Mood follows NHS Talking Therapies: caseness PHQ-9 \u2265 10 or GAD-7 \u2265 8; reliable change 6 points on "
               "PHQ-9 or 4 on GAD-7; recovery is of those at caseness at the start."),
            tr("Attendances before and after are of patients whose index date (first contact, or referral if chosen) fell "
               "in the period and whose after-window had ended by the as-of date; attendances on the index date are in "
               "neither window."),
            tr("Costs are the tariff's unit costs times the attendances (bed days at the bed-day cost); the service's cost "
               "is pro-rated by days of overlap with the period. Net saving = cost before \u2212 cost after \u2212 service cost."),
            tr("Sensitivity: the same cohort without the patient who attended most before their index date; and 24 months "
               "before (halved, a yearly average) against 12 months after, for patients followed 12 months.")};
}

} // namespace painmdt::reporting
