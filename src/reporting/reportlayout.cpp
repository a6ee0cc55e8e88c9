#include "reporting/reportlayout.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <tuple>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReportPdf", text); }

// Echoed in the parameters, not repeated among the figures.
const QSet<QString> &echoedKeys()
{
    static const QSet<QString> keys{QStringLiteral("report"), QStringLiteral("from"), QStringLiteral("to"),
                                    QStringLiteral("as_of"), QStringLiteral("index"),
                                    QStringLiteral("window_months"), QStringLiteral("tariff")};
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
    if (report == QLatin1String("attendances"))
        return {tr("Hospital attendances"), tr("Attendances dated %1 to %2 of every patient, as known on %3.")};
    if (report == QLatin1String("cost-savings"))
        return {tr("Attendances before and after, and what the service saves"),
                tr("Patients whose index date fell from %1 to %2, as known on %3.")};
    if (report == QLatin1String("service"))
        return {tr("Service outcome report"),
                tr("Referrals, patients and attendances from %1 to %2, as known on %3. Each section says which patients "
                   "it counts.")};
    return {figureLabel(report), tr("From %1 to %2, as known on %3.")};
}

bool isMoney(const QString &key)
{
    static const QSet<QString> keys{QStringLiteral("cost"), QStringLiteral("total_cost"), QStringLiteral("gross_saving"),
                                    QStringLiteral("net_saving"), QStringLiteral("service_cost"),
                                    QStringLiteral("per_patient_mean_saving"), QStringLiteral("cost_before"),
                                    QStringLiteral("cost_after"), QStringLiteral("unit_cost")};
    return keys.contains(key);
}

ReportCell cellOf(const QString &key, const QJsonValue &v) { return {v, isMoney(key)}; }

// Figures in the order the contract lists them; others after, by name.
int rank(const QString &key)
{
    static const QStringList order{
        QStringLiteral("patient_ref"), QStringLiteral("count"), QStringLiteral("referrals_received"), QStringLiteral("triaged"), QStringLiteral("median_days_to_triage"),
        QStringLiteral("first_contacts"), QStringLiteral("median_days_to_first_contact"),
        QStringLiteral("p90_days_to_first_contact"), QStringLiteral("p95_days_to_first_contact"),
        QStringLiteral("pct_first_contact_within_28_days"), QStringLiteral("pct_first_contact_within_42_days"),
        QStringLiteral("pct_first_contact_within_126_days"), QStringLiteral("waiting_at_as_of"),
        QStringLiteral("open_episodes"), QStringLiteral("overdue_check_ins"), QStringLiteral("due_within_7_days"),
        QStringLiteral("no_check_in_planned"), QStringLiteral("total"), QStringLiteral("dna_rate"),
        // attendances and cost-savings: who, then before and after, then the money, then the method
        QStringLiteral("patients_included"), QStringLiteral("patients_excluded_incomplete_window"),
        QStringLiteral("index_day_attendances"), QStringLiteral("attendances"), QStringLiteral("bed_days"),
        QStringLiteral("before"), QStringLiteral("after"), QStringLiteral("patients_in_scenario"),
        QStringLiteral("attendances_before"), QStringLiteral("attendances_after"), QStringLiteral("cost_before"),
        QStringLiteral("cost_after"), QStringLiteral("gross_saving"), QStringLiteral("service_cost"),
        QStringLiteral("net_saving"), QStringLiteral("per_patient_mean_saving"), QStringLiteral("total_cost"),
        QStringLiteral("patients"),
        // outcomes, per measure: who, then the scores, then the change each way
        QStringLiteral("eligible"), QStringLiteral("paired"), QStringLiteral("pct_paired"),
        QStringLiteral("interpret_with_caution"), QStringLiteral("mean_baseline"), QStringLiteral("mean_latest"),
        QStringLiteral("mean_change"), QStringLiteral("mean_change_ci95_low"), QStringLiteral("mean_change_ci95_high"),
        QStringLiteral("median_change"), QStringLiteral("meaningful_improvement"), QStringLiteral("no_meaningful_change"),
        QStringLiteral("meaningful_deterioration"), QStringLiteral("change_not_judged"),
        // the service outcome report's sections, in the order a commissioner reads them
        QStringLiteral("key_findings"), QStringLiteral("activity"), QStringLiteral("questionnaire_returns"),
        QStringLiteral("data_completeness"), QStringLiteral("waiting_times"), QStringLiteral("triage"),
        QStringLiteral("outcomes"), QStringLiteral("attendances_before_after"), QStringLiteral("costs"),
        QStringLiteral("sensitivity")}; // then, unranked and by name: caveats, definitions, tariff_used
    const auto at = order.indexOf(key);
    return at < 0 ? int(order.size()) : int(at);
}

QStringList orderedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    // A share just after its count: "Negative", "% negative", "Positive", "% positive".
    const auto base = [](const QString &k) { return k.startsWith(QLatin1String("pct_")) ? k.mid(4) : k; };
    // A share not listed itself ranks with its count, just after it.
    const auto ranked = [&](const QString &k) { return rank(k) < rank(QString()) ? rank(k) : rank(base(k)); };
    std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
        return std::tuple(ranked(a), base(a), a.startsWith(QLatin1String("pct_")))
               < std::tuple(ranked(b), base(b), b.startsWith(QLatin1String("pct_")));
    });
    return keys;
}

bool scalar(const QJsonValue &v) { return !v.isObject() && !v.isArray(); }

// Rows of objects (by_key_worker, by_month, top_attenders): one column per inner key.
ReportTable grid(const QString &title, const std::vector<std::pair<QString, QJsonObject>> &rows, const QString &first)
{
    QStringList keys;
    for (const auto &[name, object] : rows)
        for (const QString &key : orderedKeys(object))
            if (!keys.contains(key))
                keys << key;
    ReportTable table{title, {first}, {}, {}, false};
    for (const QString &k : keys)
        table.columns << figureLabel(k);
    for (const auto &[name, object] : rows) {
        std::vector<ReportCell> row{{name, false}};
        for (const QString &k : keys)
            row.push_back(cellOf(k, object.value(k)));
        table.rows.push_back(std::move(row));
    }
    return table;
}

void addSection(const QString &key, const QString &title, const QJsonValue &value, std::vector<ReportTable> &tables);

// A row's name: codes in words, but people's user names (by_key_worker) as they are.
QString rowName(const QString &parentKey, const QString &key)
{
    return parentKey == QLatin1String("by_key_worker") ? key : figureLabel(key);
}

void addObject(const QString &key, const QString &title, const QJsonObject &object, std::vector<ReportTable> &tables)
{
    // Records of one shape (by_key_worker, by_setting): a grid, one row each.
    const bool records = !key.isEmpty() && !object.isEmpty()
                         && std::all_of(object.begin(), object.end(), [](const QJsonValue &v) {
                                const QJsonObject o = v.toObject();
                                return v.isObject() && std::all_of(o.begin(), o.end(), [](const QJsonValue &x) { return scalar(x); });
                            });
    if (records) {
        std::vector<std::pair<QString, QJsonObject>> rows;
        for (auto it = object.begin(); it != object.end(); ++it)
            rows.emplace_back(rowName(key, it.key()), it.value().toObject());
        // by_setting: "Setting" heads the column of settings
        tables.push_back(grid(title, rows, key.startsWith(QLatin1String("by_")) ? figureLabel(key.mid(3)) : title));
        return;
    }
    ReportTable table{title, {tr("Figure"), tr("Value")}, {}, {}, false, true};
    std::vector<std::pair<QString, QJsonValue>> nested;
    for (const QString &k : orderedKeys(object)) {
        if (scalar(object.value(k)))
            table.rows.push_back({{figureLabel(k), false}, cellOf(k, object.value(k))});
        else
            nested.emplace_back(k, object.value(k));
    }
    if (!table.rows.empty())
        tables.push_back(std::move(table));
    for (const auto &[k, v] : nested) // "Before", then "Before: by setting"
        addSection(k, title.isEmpty() ? figureLabel(k) : tr("%1: %2").arg(title, figureLabel(k).toLower()), v, tables);
}

const QStringList &rowNameKeys()
{
    static const QStringList keys{QStringLiteral("month"), QStringLiteral("scenario"), QStringLiteral("setting")};
    return keys;
}

void addArray(const QString &title, const QJsonArray &array, std::vector<ReportTable> &tables)
{
    if (std::none_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isObject(); })) {
        static const QRegularExpression codeLike(QStringLiteral("^[a-z0-9_]+$"));
        ReportTable list{title, {}, {}, {}, true}; // words: caveats, settings a tariff cannot price
        for (const QJsonValue &v : array)
            list.items << (!v.isString() ? cellText({v, false})
                           : codeLike.match(v.toString()).hasMatch() ? figureLabel(v.toString()) : v.toString());
        tables.push_back(std::move(list));
        return;
    }
    // Each row named by its month, scenario or setting where it has one, else by its rank.
    std::vector<std::pair<QString, QJsonObject>> rows;
    QString namedBy;
    for (int i = 0; i < array.size(); ++i) {
        QJsonObject item = array.at(i).toObject();
        const auto key = std::find_if(rowNameKeys().begin(), rowNameKeys().end(), [&](const QString &k) { return item.contains(k); });
        namedBy = key == rowNameKeys().end() ? QString() : *key;
        const QString value = namedBy.isEmpty() ? QString::number(i + 1) : item.take(namedBy).toString();
        rows.emplace_back(namedBy == QLatin1String("setting") ? figureLabel(value) : value, item);
    }
    tables.push_back(grid(title, rows, namedBy.isEmpty() ? tr("Rank") : figureLabel(namedBy)));
}

void addSection(const QString &key, const QString &title, const QJsonValue &value, std::vector<ReportTable> &tables)
{
    if (value.isObject())
        return addObject(key, title, value.toObject(), tables);
    addArray(title, value.toArray(), tables);
}

} // namespace

QString reportTitle(const QString &name)
{
    return headingOf(name).title;
}

QString reportScope(const QJsonObject &figures)
{
    return headingOf(figures.value(QStringLiteral("report")).toString())
        .scope.arg(day(figures, "from"), day(figures, "to"), day(figures, "as_of"));
}

QList<QPair<QString, QString>> reportParameters(const QJsonObject &figures)
{
    QList<QPair<QString, QString>> parameters{{tr("Report"), reportTitle(figures.value(QStringLiteral("report")).toString())},
                                              {tr("Period"), tr("%1 to %2").arg(day(figures, "from"), day(figures, "to"))},
                                              {tr("As known on"), day(figures, "as_of")}};
    if (figures.contains(QStringLiteral("window_months")))
        parameters.append({tr("Windows"), tr("%1 months before and after the index date")
                                              .arg(figures.value(QStringLiteral("window_months")).toInt())});
    if (figures.contains(QStringLiteral("index")))
        parameters.append({tr("Index date"), figures.value(QStringLiteral("index")).toString() == QLatin1String("referral")
                                                 ? tr("the referral's received date")
                                                 : tr("the first contact")});
    if (figures.contains(QStringLiteral("tariff")))
        parameters.append({tr("Tariff"), figures.value(QStringLiteral("tariff")).isNull()
                                             ? tr("none imported: counts only")
                                             : figures.value(QStringLiteral("tariff")).toString()});
    return parameters;
}

QString figureLabel(const QString &key)
{
    if (key == QLatin1String("dna_rate"))
        return tr("DNA rate (%)");
    if (key == QLatin1String("mean_change_ci95_low"))
        return tr("Mean change, 95 % CI from");
    if (key == QLatin1String("mean_change_ci95_high"))
        return tr("Mean change, 95 % CI to");
    QString label = key.startsWith(QLatin1String("pct_")) ? QStringLiteral("% ") + domain::codeLabel(key.mid(4)).toLower()
                                                          : domain::codeLabel(key);
    return label.replace(QLatin1String("check in"), QLatin1String("check-in"));
}

namespace {

// A setting the tariff cannot price reads "Not in the tariff", never "£0.00".
QJsonObject markUncosted(QJsonObject figures)
{
    QJsonObject bySetting = figures.value(QStringLiteral("by_setting")).toObject();
    for (const QJsonValue &setting : figures.value(QStringLiteral("uncosted_settings")).toArray()) {
        QJsonObject row = bySetting.value(setting.toString()).toObject();
        if (!row.contains(QStringLiteral("cost")))
            continue; // a report without costs by setting (cost-savings counts only)
        row.insert(QStringLiteral("cost"), tr("Not in the tariff"));
        bySetting.insert(setting.toString(), row);
    }
    if (!bySetting.isEmpty())
        figures.insert(QStringLiteral("by_setting"), bySetting);
    return figures;
}

} // namespace

std::vector<ReportTable> reportTables(const QJsonObject &figures)
{
    QJsonObject shown = markUncosted(figures);
    for (const QString &k : echoedKeys())
        shown.remove(k);
    std::vector<ReportTable> tables;
    addObject({}, {}, shown, tables);
    return tables;
}

QString cellText(const ReportCell &cell)
{
    const QJsonValue &v = cell.value;
    if (v.isNull() || v.isUndefined())
        return tr("None to measure");
    if (v.isBool())
        return v.toBool() ? tr("Yes") : tr("No");
    if (!v.isDouble())
        return v.toString();
    return cell.money ? poundsText(v.toDouble(), 2) : QString::number(v.toDouble(), 'g', 15);
}

QString poundsText(double pounds, int decimals)
{
    return (pounds < 0 ? QStringLiteral("\u2212\u00A3") : QStringLiteral("\u00A3"))
           + QLocale(QLocale::English, QLocale::UnitedKingdom).toString(std::abs(pounds), 'f', decimals);
}

} // namespace painmdt::reporting
