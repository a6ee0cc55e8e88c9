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
    return importBatch({row}).front();
}

// The row's values as an attendance, with the problems only the file can have (a date that is
// not one, a ref the file repeats, a patient_ref nobody has); the rules follow in saveMany.
Attendance AttendanceImporter::read(const CsvRow &row, const QHash<QString, qint64> &patientIds, std::vector<ImportIssue> &issues)
{
    Attendance a;
    a.attendanceRef = row.value(field::attendanceRef);
    if (!a.attendanceRef.isEmpty())
        repeatedKey(m_seenRefs, a.attendanceRef, row, field::attendanceRef,
                    tr("attendance_ref %1").arg(domain::echo(a.attendanceRef)), issues);
    takeDate(row, field::attendedOn, a.attendedOn, issues);
    take(row, field::setting, a.setting);
    take(row, field::specialty, a.specialty);
    if (row.has(field::bedDays)) {
        bool whole = false;
        a.bedDays = row.value(field::bedDays).toInt(&whole);
        if (!whole)
            issues.push_back({row.line, field::bedDays, tr("%1 is not a whole number of days.").arg(domain::echo(row.value(field::bedDays)))});
    }
    const QString patientRef = row.value(field::patientRef);
    a.patientId = patientIds.value(patientRef);
    if (patientRef.isEmpty())
        issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
    else if (a.patientId == 0)
        issues.push_back({row.line, field::patientRef, tr("no patient has patient_ref %1; import the patients first.")
                                                           .arg(domain::echo(patientRef))});
    for (const auto &e : m_attendances.check(a))
        if (std::none_of(issues.begin(), issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            issues.push_back({row.line, e.field, e.message});
    return a;
}

// A row without a ref is the k-th of its values in the file: it matches the k-th stored one, so
// a file imported twice changes nothing and two real visits on one day stay two.
std::optional<Attendance> AttendanceImporter::sameStored(const Attendance &a, RowResult &result)
{
    const auto columns = storage::AttendanceRepository::columns(a);
    const QString key = QStringList{QString::number(a.patientId), a.attendedOn.toString(Qt::ISODate), a.setting,
                                    columns.value(QStringLiteral("bed_days")).toString(), a.specialty}.join(QChar(0x1F));
    const int nth = m_seenRows.value(key);
    m_seenRows.insert(key, nth + 1);
    return found(m_attendances.same(a, nth), result);
}

std::vector<RowResult> AttendanceImporter::importBatch(const std::vector<CsvRow> &rows)
{
    std::vector<RowResult> results = importRows(rows);
    if (std::exchange(m_loadAnnounced, true) || !results.front().fatal.isEmpty())
        return results;
    // Told after the first batch, from what it did: a file of new rows with refs is a load (a row
    // without a ref is matched on its values, through the indexes a load builds only at its end;
    // a file sent again, all unchanged, would rebuild them for nothing).
    const auto added = std::count_if(results.begin(), results.end(), [](const RowResult &r) {
        return r.issues.empty() && r.outcome == RowOutcome::Added;
    });
    const bool refs = std::none_of(rows.begin(), rows.end(), [](const CsvRow &r) { return r.value(field::attendanceRef).isEmpty(); });
    if (refs && 10 * added >= 9 * qsizetype(rows.size()))
        if (Status s = m_attendances.expectLoad(m_expected); !s)
            results.front().fatal = s.error();
    return results;
}

std::vector<RowResult> AttendanceImporter::importRows(const std::vector<CsvRow> &rows)
{
    std::vector<RowResult> results(rows.size());
    const auto patientIds = patientIdsOf(rows);
    if (!patientIds) {
        results.front().fatal = patientIds.error();
        return results;
    }
    std::vector<Attendance> toSave;
    std::vector<std::size_t> saving; // the row of each
    for (std::size_t i = 0; i < rows.size(); ++i) {
        RowResult &result = results[i];
        Attendance a = read(rows[i], patientIds.value(), result.issues);
        if (!result.issues.empty())
            continue;
        if (a.attendanceRef.isEmpty()) {
            const auto stored = sameStored(a, result);
            if (!result.fatal.isEmpty())
                return results;
            if (stored && stored->isEnteredInError())
                continue; // withdrawn in PainMDT: a file never brings it back (Unchanged)
            if (stored) {
                a.id = stored->id;
                a.rowVersion = stored->rowVersion;
            }
        }
        toSave.push_back(std::move(a));
        saving.push_back(i);
    }
    if (toSave.empty())
        return results;
    QStringList kept; // a column the file does not have leaves the stored value alone (contract)
    for (const char *column : {field::bedDays, field::specialty})
        if (!rows.front().present(column))
            kept << QString::fromLatin1(column);
    const auto saved = m_attendances.saveMany(std::move(toSave), kept);
    if (!saved.ok()) { // a fault stops the import at the first row; a refusal (a role) is every row's
        for (std::size_t i : saving)
            if (addSaveProblem(saved.problem, rows[i].line, results[i]); !results[i].fatal.isEmpty())
                break;
        return results;
    }
    for (std::size_t k = 0; k < saving.size(); ++k) {
        const services::BatchRow &row = saved.value->at(k);
        RowResult &result = results[saving[k]];
        using Outcome = services::BatchRow::Outcome;
        result.outcome = row.outcome == Outcome::Added ? RowOutcome::Added
                       : row.outcome == Outcome::Updated ? RowOutcome::Updated : RowOutcome::Unchanged;
        for (const auto &e : row.problems)
            result.issues.push_back({rows[saving[k]].line, e.field, e.message});
    }
    return results;
}

Result<QHash<QString, qint64>> AttendanceImporter::patientIdsOf(const std::vector<CsvRow> &rows)
{
    QStringList unknown;
    for (const CsvRow &row : rows)
        if (const QString ref = row.value(field::patientRef); !ref.isEmpty() && !m_patientIds.contains(ref))
            unknown << ref;
    const auto patients = m_patients.lifetimesByRef(unknown);
    if (!patients)
        return patients.failure();
    for (const domain::PatientLifetime &p : patients.value())
        m_patientIds.insert(p.patientRef, p.id);
    return m_patientIds;
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
