#include "interchange/costimport.h"

#include "domain/textrules.h"
#include "storage/attendancerepository.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace painmdt::interchange {

using domain::Attendance;
namespace field = domain::field;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("CostImport", text); }

// The second time a key appears in the file: an issue naming the first line.
bool repeatedKey(QHash<QString, int> &seen, const QString &key, const CsvRow &row, const char *column,
                 const QString &what, std::vector<ImportIssue> &issues)
{
    if (const int first = seen.value(key); first > 0) {
        issues.push_back({row.line, column, tr("%1 appears again (first on line %2).").arg(what).arg(first)});
        return true;
    }
    seen.insert(key, row.line);
    return false;
}

// Saves `value` as new or over `stored`; unchanged when the columns are equal.
template <typename Value, typename Save, typename Columns>
RowResult saveRow(const CsvRow &row, const std::optional<Value> &stored, const Value &value, Save save, Columns columns)
{
    if (stored && columns(*stored) == columns(value))
        return {RowOutcome::Unchanged, {}, {}};
    RowResult result;
    result.outcome = stored ? RowOutcome::Updated : RowOutcome::Added;
    addSaveProblem(save(value).problem, row.line, result);
    return result;
}

} // namespace

std::optional<double> poundsIn(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues)
{
    const QString text = row.value(column);
    if (text.isEmpty()) {
        issues.push_back({row.line, column, tr("%1 is required.").arg(QLatin1String(column))});
        return std::nullopt;
    }
    const auto pounds = domain::parsePounds(text);
    if (!pounds)
        issues.push_back({row.line, column, tr("%1 is not an amount in pounds (e.g. 114 or 1035.50).").arg(domain::echo(text))});
    return pounds;
}

// --- attendances ---

std::vector<ColumnSpec> AttendanceImporter::columns() const
{
    return {{field::attendanceRef, false}, {field::patientRef, true}, {field::attendedOn, true},
            {field::setting, true},        {field::bedDays, false},   {field::specialty, false}};
}

RowResult AttendanceImporter::importRow(const CsvRow &row)
{
    RowResult result;
    const QString ref = row.value(field::attendanceRef);
    if (!ref.isEmpty())
        repeatedKey(m_seenRefs, ref, row, field::attendanceRef, tr("attendance_ref %1").arg(domain::echo(ref)), result.issues);
    const auto byRef = ref.isEmpty() ? std::nullopt : found(m_attendances.byRef(ref), result);
    if (byRef && byRef->isEnteredInError())
        result.issues.push_back({row.line, field::attendanceRef, tr("attendance %1 was withdrawn in PainMDT as entered in "
                                                                    "error; give this row another attendance_ref.").arg(ref)});
    Attendance a = byRef.value_or(Attendance{});
    a.attendanceRef = ref;
    takeDate(row, field::attendedOn, a.attendedOn, result.issues);
    take(row, field::setting, a.setting);
    take(row, field::specialty, a.specialty);
    if (row.present(field::bedDays)) {
        a.bedDays.reset();
        if (row.has(field::bedDays)) {
            bool whole = false;
            const int days = row.value(field::bedDays).toInt(&whole);
            if (whole)
                a.bedDays = days;
            else
                result.issues.push_back({row.line, field::bedDays, tr("%1 is not a whole number of days.")
                                                                       .arg(domain::echo(row.value(field::bedDays)))});
        }
    }
    const QString patientRef = row.value(field::patientRef);
    const auto patient = patientRef.isEmpty() ? std::nullopt : found(m_patients.byRef(patientRef), result);
    if (patientRef.isEmpty())
        result.issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
    else if (!patient && result.fatal.isEmpty())
        result.issues.push_back({row.line, field::patientRef, tr("no patient has patient_ref %1; import the patients first.")
                                                                  .arg(domain::echo(patientRef))});
    if (patient && byRef && byRef->patientId != patient->id)
        result.issues.push_back({row.line, field::patientRef, tr("attendance %1 belongs to another patient; an attendance "
                                                                 "never moves between patients.").arg(ref)});
    if (patient)
        a.patientId = patient->id;
    for (const auto &e : m_attendances.check(a))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.fatal.isEmpty() || !result.issues.empty())
        return result;

    std::optional<Attendance> stored = byRef;
    if (ref.isEmpty()) { // the k-th identical row of this file is the k-th stored one
        const auto columns = storage::AttendanceRepository::columns(a);
        const QString key = QStringList{QString::number(a.patientId), a.attendedOn.toString(Qt::ISODate), a.setting,
                                        columns.value(QStringLiteral("bed_days")).toString(), a.specialty}
                                .join(QChar(0x1F));
        const int nth = m_seenRows.value(key);
        m_seenRows.insert(key, nth + 1);
        stored = found(m_attendances.same(a, nth), result);
        if (!result.fatal.isEmpty())
            return result;
        if (stored && stored->isEnteredInError())
            return {RowOutcome::Unchanged, {}, {}}; // withdrawn in PainMDT: a file never brings it back
    }
    if (stored) {
        a.id = stored->id;
        a.rowVersion = stored->rowVersion;
    }
    return saveRow(row, stored, a, [&](const Attendance &x) { return stored ? m_attendances.update(x) : m_attendances.add(x); },
                   [](const Attendance &x) { return storage::AttendanceRepository::columns(x); });
}

// --- tariffs ---

std::vector<ColumnSpec> TariffImporter::columns() const
{
    return {{field::tariff, true}, {field::setting, true}, {field::unitCost, true}, {field::priceYear, true},
            {field::tariffSource, true}};
}

RowResult TariffImporter::importRow(const CsvRow &row)
{
    RowResult result;
    domain::TariffLine line{0, row.value(field::tariff), row.value(field::setting), 0, row.value(field::priceYear),
                            row.value(field::tariffSource), 0};
    if (const auto cost = poundsIn(row, field::unitCost, result.issues))
        line.unitCost = *cost;
    for (const auto &e : domain::validate(line))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    repeatedKey(m_seen, line.tariff + QChar(0x1F) + line.setting, row, field::setting,
                tr("setting %1 of tariff %2").arg(line.setting, line.tariff), result.issues);
    if (!result.issues.empty())
        return result;
    const auto stored = found(m_attendances.tariffLine(line.tariff, line.setting), result);
    if (!result.fatal.isEmpty())
        return result;
    return saveRow(row, stored, line, [&](const domain::TariffLine &x) { return m_attendances.saveTariffLine(x); },
                   [](const domain::TariffLine &x) { return storage::AttendanceRepository::columns(x); });
}

// --- service costs ---

std::vector<ColumnSpec> ServiceCostImporter::columns() const
{
    return {{field::costFrom, true}, {field::costTo, true}, {field::cost, true}};
}

RowResult ServiceCostImporter::importRow(const CsvRow &row)
{
    RowResult result;
    domain::ServiceCost cost;
    cost.from = contractDate(row, field::costFrom, result.issues);
    cost.to = contractDate(row, field::costTo, result.issues);
    if (const auto pounds = poundsIn(row, field::cost, result.issues))
        cost.cost = *pounds;
    for (const auto &e : domain::validate(cost))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    repeatedKey(m_seen, row.value(field::costFrom) + QLatin1Char('/') + row.value(field::costTo), row, field::costFrom,
                tr("the period %1 to %2").arg(row.value(field::costFrom), row.value(field::costTo)), result.issues);
    if (!result.issues.empty())
        return result;
    const auto stored = found(m_attendances.serviceCost(cost.from, cost.to), result);
    if (!result.fatal.isEmpty())
        return result;
    return saveRow(row, stored, cost, [&](const domain::ServiceCost &x) { return m_attendances.saveServiceCost(x); },
                   [](const domain::ServiceCost &x) { return storage::AttendanceRepository::columns(x); });
}

} // namespace painmdt::interchange
