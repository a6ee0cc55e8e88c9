#include "reporting/reportpdf.h"

#include "reporting/reporthtml.h"

#include "domain/referral.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>

namespace painmdt::reporting {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("ReportPdf", text); }
} // namespace

// A table as rich text; <thead> so a table that runs onto the next page repeats its headings.
QString tableHtml(const ReportTable &table)
{
    QString html = table.title.isEmpty() ? QString() : QStringLiteral("<h2>%1</h2>").arg(escaped(table.title));
    if (table.isList) {
        QString items;
        for (const QString &item : table.items)
            items += QStringLiteral("<li>%1</li>").arg(escaped(item));
        return html + (items.isEmpty() ? tr("<p>None</p>") : QStringLiteral("<ul>%1</ul>").arg(items));
    }
    html += QStringLiteral("<table width='%1%'><thead><tr>").arg(table.columns.size() > 2 ? 100 : 60);
    for (const QString &c : table.columns)
        html += QStringLiteral("<th>%1</th>").arg(escaped(c));
    html += QStringLiteral("</tr></thead>");
    for (const auto &row : table.rows) {
        html += QStringLiteral("<tr><td>%1</td>").arg(escaped(cellText(row.front())));
        for (std::size_t i = 1; i < row.size(); ++i)
            html += (row[i].value.isDouble() ? QStringLiteral("<td class='n'>%1</td>") : QStringLiteral("<td>%1</td>"))
                        .arg(escaped(cellText(row[i])));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString monthLabel(const QString &yyyyMm)
{
    return QDate::fromString(yyyyMm + QStringLiteral("-01"), Qt::ISODate).toString(QStringLiteral("MMM yy"));
}

namespace {

// --- charts: the figures a reader takes in at a glance ----------------------------------------

double numberAt(const QJsonObject &o, const QString &key) { return o.value(key).toDouble(); }

// One bar per key of `counts` ({"low": 3, ...}), or per key of `records` reading `field`; keys
// are codes put in words, except people's user names (`names`), shown as they are.
BarChart barsOf(const QString &title, const QJsonObject &object, const QString &field = {}, bool names = false)
{
    BarChart chart = barChart(title);
    for (auto it = object.begin(); it != object.end(); ++it) {
        chart.categories << (names ? it.key() : figureLabel(it.key()));
        chart.values[0].push_back(field.isEmpty() ? it.value().toDouble() : numberAt(it.value().toObject(), field));
    }
    return chart;
}


std::vector<BarChart> chartsOf(const QJsonObject &figures)
{
    const QString report = figures.value(QStringLiteral("report")).toString();
    if (report == QLatin1String("waiting-times")) {
        BarChart referrals = barChart(tr("Referrals received, by month"));
        BarChart waits = barChart(tr("Median days to first contact, by month received (no bar: nobody seen yet)"));
        for (const QJsonValue &m : figures.value(QStringLiteral("by_month")).toArray()) {
            const QJsonObject month = m.toObject();
            referrals.categories << monthLabel(month.value(QStringLiteral("month")).toString());
            referrals.values[0].push_back(numberAt(month, QStringLiteral("referrals")));
            waits.values[0].push_back(numberAt(month, QStringLiteral("median_days_to_first_contact")));
        }
        waits.categories = referrals.categories;
        return {referrals, waits};
    }
    if (report == QLatin1String("triage")) {
        BarChart strata = barChart(tr("STarT Back risk groups")); // in risk order, not by name
        const QJsonObject counts = figures.value(QStringLiteral("strata")).toObject();
        for (const char *key : {"low", "medium", "high", "incomplete", "not_scored"}) {
            strata.categories << figureLabel(QLatin1String(key));
            strata.values[0].push_back(counts.value(QLatin1String(key)).toDouble());
        }
        return {strata,
                barsOf(tr("Pathways chosen"), figures.value(QStringLiteral("pathways")).toObject())};
    }
    if (report == QLatin1String("caseload"))
        return {barsOf(tr("Open episodes by key worker"), figures.value(QStringLiteral("by_key_worker")).toObject(),
                       QStringLiteral("open_episodes"), true)};
    if (report == QLatin1String("attendances"))
        return {barsOf(tr("Attendances by setting"), figures.value(QStringLiteral("by_setting")).toObject(),
                       QStringLiteral("count"))};
    if (report == QLatin1String("cost-savings")) {
        const QJsonObject before = figures.value(QStringLiteral("before")).toObject().value(QStringLiteral("by_setting")).toObject();
        const QJsonObject after = figures.value(QStringLiteral("after")).toObject().value(QStringLiteral("by_setting")).toObject();
        BarChart chart = barChart(tr("Attendances before and after the index date, by setting"), {tr("Before"), tr("After")});
        for (auto it = before.begin(); it != before.end(); ++it) {
            chart.categories << figureLabel(it.key());
            chart.values[0].push_back(it.value().toDouble());
            chart.values[1].push_back(after.value(it.key()).toDouble());
        }
        return {chart};
    }
    return {};
}

} // namespace

// --- outcomes: laid out as a commissioner reads it, every figure with its N -------------------

QString number(const QJsonValue &v, const QString &suffix)
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

namespace {

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

} // namespace

BarChart changeChart(const QJsonObject &instruments)
{
    BarChart chart = barChart(tr("Meaningful change from baseline, % of paired patients"),
                              {tr("Improved"), tr("No change"), tr("Worse")});
    for (auto it = instruments.begin(); it != instruments.end(); ++it) {
        const QJsonObject m = it.value().toObject();
        if (m.value(QStringLiteral("meaningful_improvement")).isNull() || m.value(QStringLiteral("paired")).toDouble() == 0)
            continue;
        chart.categories << domain::codeLabel(it.key());
        for (auto [s, key] : {std::pair{0, "pct_meaningful_improvement"}, std::pair{1, "pct_no_meaningful_change"},
                              std::pair{2, "pct_meaningful_deterioration"}})
            chart.values[std::size_t(s)].push_back(m.value(QLatin1String(key)).toDouble());
    }
    return chart;
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

QString singleOccasionHtml(const QJsonObject &figures)
{
    QString html;
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
    return html;
}

namespace {

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

QString outcomesBody(const QJsonObject &figures, std::vector<BarChart> &charts)
{
    const QJsonObject instruments = figures.value(QStringLiteral("instruments")).toObject();
    QString html = changeTable(instruments);
    if (BarChart chart = changeChart(instruments); !chart.categories.isEmpty()) {
        charts.push_back(std::move(chart));
        html += QStringLiteral("<p>%1</p>").arg(chartMarker(int(charts.size() - 1)));
    }
    html += moodTable(figures.value(QStringLiteral("mood")).toObject()) + singleOccasionHtml(figures);
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

PrintedDocument reportDocument(const QJsonObject &figures)
{
    PrintedDocument doc;
    doc.title = reportTitle(figures.value(QStringLiteral("report")).toString());
    doc.scope = reportScope(figures);
    doc.parameters = reportParameters(figures);
    if (figures.value(QStringLiteral("report")).toString() == QLatin1String("outcomes")) {
        doc.bodyHtml = outcomesBody(figures, doc.charts);
        return doc;
    }
    if (figures.value(QStringLiteral("report")).toString() == QLatin1String("service")) {
        doc.bodyHtml = serviceBody(figures, doc.charts);
        return doc;
    }
    doc.charts = chartsOf(figures);
    const auto tables = reportTables(figures);
    for (std::size_t t = 0; t < tables.size(); ++t) {
        doc.bodyHtml += tableHtml(tables[t]);
        if (t == 0) // the charts after the summary: the picture before the detail
            for (std::size_t c = 0; c < doc.charts.size(); ++c)
                doc.bodyHtml += QStringLiteral("<p>%1</p>").arg(chartMarker(int(c)));
    }
    return doc;
}

} // namespace painmdt::reporting
