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
        QStringLiteral("no_check_in_planned"), QStringLiteral("total"), QStringLiteral("dna_rate")};
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
    for (int i = 0; i < array.size(); ++i) {
        QJsonObject item = array.at(i).toObject();
        const QString name = item.contains(QStringLiteral("month")) ? item.take(QStringLiteral("month")).toString()
                                                                    : QString::number(i + 1);
        rows.emplace_back(name, item);
    }
    return QStringLiteral("<h2>%1</h2>").arg(escaped(figureLabel(key))) + grid(rows, tr("Month"));
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
