#include "reporting/reportpdf.h"

#include "domain/referral.h"

#include <QCoreApplication>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReportPdf", text); }

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

PrintedDocument reportDocument(const QJsonObject &figures)
{
    PrintedDocument doc;
    doc.title = reportTitle(figures.value(QStringLiteral("report")).toString());
    doc.scope = reportScope(figures);
    doc.parameters = reportParameters(figures);
    if (figures.value(QStringLiteral("report")).toString() == QLatin1String("outcomes")) {
        doc.bodyHtml = outcomesBody(figures);
        return doc;
    }
    for (const ReportTable &table : reportTables(figures))
        doc.bodyHtml += tableHtml(table);
    return doc;
}

} // namespace painmdt::reporting
