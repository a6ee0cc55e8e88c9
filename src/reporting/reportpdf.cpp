#include "reporting/reportpdf.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReportPdf", text); }

const QSet<QString> &echoedKeys()
{
    static const QSet<QString> keys{QStringLiteral("report"), QStringLiteral("from"), QStringLiteral("to"),
                                    QStringLiteral("as_of")};
    return keys;
}

QString day(const QJsonObject &figures, const char *key)
{
    return domain::formatClinicalDate(QDate::fromString(figures.value(QLatin1String(key)).toString(), Qt::ISODate));
}

struct Heading {
    QString title;
    QString scope; // %1 from, %2 to, %3 as of
};

Heading headingOf(const QString &report)
{
    if (report == QLatin1String("waiting-times"))
        return {tr("Waiting times"), tr("Referrals received from %1 to %2, as known on %3. All patients.")};
    if (report == QLatin1String("triage"))
        return {tr("Triage mix"), tr("Referrals triaged from %1 to %2, as known on %3. All patients.")};
    if (report == QLatin1String("caseload"))
        return {tr("Caseload"), tr("Open episodes of the whole team on %3; contacts dated %1 to %2.")};
    if (report == QLatin1String("outcomes"))
        return {tr("Outcomes"), tr("Patients whose baseline questionnaire was collected from %1 to %2, as known on %3. "
                                   "All patients.")};
    return {figureLabel(report), tr("From %1 to %2, as known on %3.")};
}

QString cell(const QJsonValue &v)
{
    if (v.isNull() || v.isUndefined())
        return tr("None to measure");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? tr("Yes") : tr("No");
    return escaped(v.toString());
}

// Figures in the order the contract lists them; others after, by name.
int rank(const QString &key)
{
    static const QStringList order{
        QStringLiteral("referrals_received"), QStringLiteral("triaged"), QStringLiteral("median_days_to_triage"),
        QStringLiteral("first_contacts"), QStringLiteral("median_days_to_first_contact"),
        QStringLiteral("p90_days_to_first_contact"), QStringLiteral("p95_days_to_first_contact"),
        QStringLiteral("pct_first_contact_within_28_days"), QStringLiteral("pct_first_contact_within_42_days"),
        QStringLiteral("pct_first_contact_within_126_days"), QStringLiteral("waiting_at_as_of"),
        QStringLiteral("open_episodes"), QStringLiteral("overdue_check_ins"), QStringLiteral("due_within_7_days"),
        QStringLiteral("no_check_in_planned"), QStringLiteral("total"), QStringLiteral("dna_rate"),
        // attendances and cost-savings: who, then before and after, then the money, then the method
        QStringLiteral("patients_included"), QStringLiteral("patients_excluded_incomplete_window"),
        QStringLiteral("index_day_attendances"), QStringLiteral("attendances"), QStringLiteral("bed_days"),
        QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("gross_saving"), QStringLiteral("service_cost"),
        QStringLiteral("net_saving"), QStringLiteral("per_patient_mean_saving"), QStringLiteral("total_cost"),
        QStringLiteral("patients"), QStringLiteral("index"), QStringLiteral("window_months"), QStringLiteral("tariff")};
    const auto at = order.indexOf(key);
    return at < 0 ? int(order.size()) : int(at);
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) { return rank(a) < rank(b); });
    return keys;
}

bool scalar(const QJsonValue &v) { return !v.isObject() && !v.isArray(); }

QString row(const QString &label, const QJsonValue &v)
{
    return QStringLiteral("<tr><td>%1</td><td class='n'>%2</td></tr>").arg(escaped(label), cell(v));
}

// Rows of objects (by_key_worker, by_month): one column per inner key.
QString grid(const std::vector<std::pair<QString, QJsonObject>> &rows, const QString &firstColumn)
{
    QStringList columns;
    for (const auto &[name, object] : rows)
        for (const QString &key : object.keys())
            if (!columns.contains(key))
                columns << key;
    QString html = QStringLiteral("<table width='100%'><tr><th>%1</th>").arg(escaped(firstColumn));
    for (const QString &c : columns)
        html += QStringLiteral("<th>%1</th>").arg(escaped(figureLabel(c)));
    html += QStringLiteral("</tr>");
    for (const auto &[name, object] : rows) {
        html += QStringLiteral("<tr><td>%1</td>").arg(escaped(name));
        for (const QString &c : columns)
            html += QStringLiteral("<td class='n'>%1</td>").arg(cell(object.value(c)));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString section(const QString &key, const QJsonValue &value);

QString objectSection(const QString &key, const QJsonObject &object)
{
    const bool allObjects = !object.isEmpty() && std::all_of(object.begin(), object.end(), [](const QJsonValue &v) {
        return v.isObject();
    });
    if (allObjects) {
        std::vector<std::pair<QString, QJsonObject>> rows;
        for (auto it = object.begin(); it != object.end(); ++it)
            rows.emplace_back(it.key(), it.value().toObject());
        return QStringLiteral("<h2>%1</h2>").arg(escaped(figureLabel(key))) + grid(rows, figureLabel(key));
    }
    QString html = QStringLiteral("<h2>%1</h2><table width='60%'>").arg(escaped(figureLabel(key)));
    QString nested;
    for (const QString &k : orderedKeys(object)) {
        if (scalar(object.value(k)))
            html += row(figureLabel(k), object.value(k));
        else
            nested += section(k, object.value(k));
    }
    return html + QStringLiteral("</table>") + nested;
}

QString section(const QString &key, const QJsonValue &value)
{
    if (value.isObject())
        return objectSection(key, value.toObject());
    std::vector<std::pair<QString, QJsonObject>> rows;
    const QJsonArray array = value.toArray();
    if (std::none_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isObject(); })) {
        // Words (caveats, settings a tariff cannot price): a list, or "None".
        QString items;
        for (const QJsonValue &v : array)
            items += QStringLiteral("<li>%1</li>").arg(escaped(v.isString() ? v.toString() : cell(v)));
        return QStringLiteral("<h2>%1</h2>").arg(escaped(figureLabel(key)))
               + (items.isEmpty() ? tr("<p>None</p>") : QStringLiteral("<ul>%1</ul>").arg(items));
    }
    for (int i = 0; i < array.size(); ++i) {
        QJsonObject item = array.at(i).toObject();
        const QString name = item.contains(QStringLiteral("month")) ? item.take(QStringLiteral("month")).toString()
                                                                    : QString::number(i + 1);
        rows.emplace_back(name, item);
    }
    return QStringLiteral("<h2>%1</h2>").arg(escaped(figureLabel(key))) + grid(rows, tr("Month"));
}

// --- outcomes: laid out as a commissioner reads it, every figure with its N -------------------

QString number(const QJsonValue &v, const QString &suffix = {})
{
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) + suffix : QStringLiteral("\u2013");
}

// "3 of 6 (50 %)": a count with its denominator and share.
QString share(const QJsonObject &o, const char *count, qint64 of, const char *pct)
{
    if (of == 0)
        return QStringLiteral("\u2013");
    return tr("%1 of %2 (%3)").arg(number(o.value(QLatin1String(count)))).arg(of).arg(number(o.value(QLatin1String(pct)), QStringLiteral(" %")));
}

QString changeTable(const QJsonObject &instruments)
{
    QString html = tr("<h2>Change from baseline to the latest follow-up</h2><table width='100%'><thead><tr><th>Measure</th>"
                      "<th>Eligible</th><th>Paired</th><th>Baseline mean</th><th>Latest mean</th><th>Mean change</th>"
                      "<th>Meaningful improvement</th></tr></thead>");
    QString caution, unconfirmed;
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        if (o.value(QStringLiteral("single_occasion")).toBool())
            continue; // a distribution: its own table below
        const auto eligible = qint64(o.value(QStringLiteral("eligible")).toDouble());
        const auto paired = qint64(o.value(QStringLiteral("paired")).toDouble());
        html += QStringLiteral("<tr><td>%1</td><td class='n'>%2</td><td class='n'>%3</td><td class='n'>%4</td>"
                               "<td class='n'>%5</td><td class='n'>%6</td><td class='n'>%7</td></tr>")
                    .arg(escaped(domain::codeLabel(it.key()))).arg(eligible)
                    .arg(share(o, "paired", eligible, "pct_paired"), number(o.value(QStringLiteral("mean_baseline"))),
                         number(o.value(QStringLiteral("mean_latest"))), number(o.value(QStringLiteral("mean_change"))),
                         o.value(QStringLiteral("meaningful_improvement")).isNull()
                             ? tr("no rule") : share(o, "meaningful_improvement", paired, "pct_meaningful_improvement"));
        if (eligible > 0 && o.value(QStringLiteral("interpret_with_caution")).toBool())
            caution += escaped(domain::codeLabel(it.key())) + QStringLiteral(" ");
        if (o.value(QStringLiteral("rule_unconfirmed")).toBool())
            unconfirmed += escaped(domain::codeLabel(it.key())) + QStringLiteral(" ");
    }
    html += QStringLiteral("</table>");
    if (!caution.isEmpty())
        html += tr("<p><b>Interpret with caution:</b> fewer than half of the eligible patients were paired for %1.</p>").arg(caution.trimmed());
    if (!unconfirmed.isEmpty())
        html += tr("<p>The meaningful-improvement rule used for %1 is not confirmed by a cited source.</p>").arg(unconfirmed.trimmed());
    return html;
}

QString moodTable(const QJsonObject &mood)
{
    const auto patients = qint64(mood.value(QStringLiteral("patients")).toDouble());
    const auto caseness = qint64(mood.value(QStringLiteral("at_caseness_at_start")).toDouble());
    QString html = tr("<h2>Mood, in NHS Talking Therapies terms</h2><p>Patients paired on both PHQ-9 and GAD-7: %1; "
                      "at caseness at the start (PHQ-9 \u2265 10 or GAD-7 \u2265 8): %2.</p><table width='80%'>").arg(patients).arg(caseness);
    const std::pair<const char *, const char *> rows[] = {
        {"reliable_improvement", "pct_reliable_improvement"}, {"reliable_deterioration", "pct_reliable_deterioration"}};
    for (const auto &[count, pct] : rows)
        html += QStringLiteral("<tr><td>%1</td><td class='n'>%2</td></tr>").arg(escaped(figureLabel(QLatin1String(count))), share(mood, count, patients, pct));
    for (const auto &[count, pct] : {std::pair{"recovery", "pct_recovery"}, std::pair{"reliable_recovery", "pct_reliable_recovery"}})
        html += QStringLiteral("<tr><td>%1 (of those at caseness)</td><td class='n'>%2</td></tr>")
                    .arg(escaped(figureLabel(QLatin1String(count))), share(mood, count, caseness, pct));
    return html + QStringLiteral("</table>");
}

// Counts by answer code, in code order, with the definition's words for each.
QString distribution(const QString &heading, const QJsonObject &figures)
{
    const QJsonObject byAnswer = figures.value(QStringLiteral("by_answer")).toObject();
    const QJsonObject labels = figures.value(QStringLiteral("answer_labels")).toObject();
    QStringList codes = byAnswer.keys();
    std::sort(codes.begin(), codes.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    QString html = QStringLiteral("<h2>%1</h2><table width='60%'>").arg(escaped(heading));
    for (const QString &code : codes)
        html += QStringLiteral("<tr><td>%1 %2</td><td class='n'>%3</td></tr>")
                    .arg(code, escaped(labels.value(code).toString()), number(byAnswer.value(code)));
    return html + QStringLiteral("</table>");
}

QString completenessTable(const QJsonObject &instruments)
{
    QString html = tr("<h2>Data completeness in the period</h2><table width='80%'><thead><tr><th>Measure</th>"
                      "<th>Questionnaires</th><th>Incomplete</th><th>Returned blank</th></tr></thead>");
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        html += QStringLiteral("<tr><td>%1</td><td class='n'>%2</td><td class='n'>%3</td><td class='n'>%4</td></tr>")
                    .arg(escaped(domain::codeLabel(it.key())), number(o.value(QStringLiteral("administrations"))),
                         number(o.value(QStringLiteral("incomplete"))), number(o.value(QStringLiteral("returned_blank"))));
    }
    return html + QStringLiteral("</table>");
}

QString outcomesBody(const QJsonObject &figures)
{
    const QJsonObject instruments = figures.value(QStringLiteral("instruments")).toObject();
    QString html = changeTable(instruments) + moodTable(figures.value(QStringLiteral("mood")).toObject());
    for (auto it = figures.begin(); it != figures.end(); ++it) { // PGIC, and any measure like it
        const QJsonObject pgic = it.value().toObject();
        if (!pgic.contains(QStringLiteral("pct_improved")))
            continue;
        html += distribution(tr("%1 (latest answer of each patient in the period)").arg(domain::codeLabel(it.key())), pgic)
                + tr("<p>Improved (as the definition counts it): %1.</p>")
                      .arg(share(pgic, "improved", qint64(pgic.value(QStringLiteral("patients")).toDouble()), "pct_improved"));
    }
    if (const QJsonObject fft = figures.value(QStringLiteral("fft")).toObject(); !fft.isEmpty()) {
        const auto responses = qint64(fft.value(QStringLiteral("responses")).toDouble());
        html += distribution(tr("Friends and Family Test (every response in the period)"), fft)
                + tr("<p>Positive (very good or good): %1. Negative (poor or very poor): %2. \"Don't know\" counts as a "
                     "response.</p>").arg(share(fft, "positive", responses, "pct_positive"),
                                          share(fft, "negative", responses, "pct_negative"));
    }
    return html + completenessTable(instruments)
           + tr("<h2>Method</h2><p>A patient counts for a measure when their baseline (the earliest complete "
                "questionnaire at referral or assessment) was collected in the period. They are paired when a complete "
                "questionnaire at review, discharge or follow-up was collected on a later day, by the as-of date; the "
                "latest such one is compared with the baseline. Means and changes are over paired patients. Meaningful "
                "improvement follows each measure's rule in its definition (PHQ-9 a fall of 5 points, GAD-7 4 points, "
                "pain score a fall of 30 % from a baseline above 0). A questionnaire with any item unanswered is "
                "incomplete and never scored. Mood figures use NHS Talking Therapies rules: reliable change is "
                "6 points on PHQ-9 or 4 on GAD-7.</p>");
}

} // namespace

QString figureLabel(const QString &key)
{
    if (key == QLatin1String("dna_rate"))
        return tr("DNA rate (%)");
    QString label = key.startsWith(QLatin1String("pct_")) ? QStringLiteral("% ") + domain::codeLabel(key.mid(4)).toLower()
                                                          : domain::codeLabel(key);
    return label.replace(QLatin1String("check in"), QLatin1String("check-in"));
}

PrintedDocument reportDocument(const QJsonObject &figures)
{
    const Heading heading = headingOf(figures.value(QStringLiteral("report")).toString());
    PrintedDocument doc;
    doc.title = heading.title;
    doc.scope = heading.scope.arg(day(figures, "from"), day(figures, "to"), day(figures, "as_of"));
    if (figures.value(QStringLiteral("report")).toString() == QLatin1String("outcomes")) {
        doc.bodyHtml = outcomesBody(figures);
        return doc;
    }
    QString summary;
    QString sections;
    for (const QString &k : orderedKeys(figures)) {
        if (echoedKeys().contains(k))
            continue;
        if (scalar(figures.value(k)))
            summary += row(figureLabel(k), figures.value(k));
        else
            sections += section(k, figures.value(k));
    }
    doc.bodyHtml = QStringLiteral("<table width='60%'>") + summary + QStringLiteral("</table>") + sections;
    return doc;
}

} // namespace painmdt::reporting
