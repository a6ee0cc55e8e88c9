#include "interchange/patientimport.h"

#include "domain/textrules.h"
#include "storage/patientrepository.h"

#include <QCoreApplication>
#include <QSet>

namespace painmdt::interchange {

using domain::Patient;
namespace field = domain::field;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("PatientImport", text); }

bool sameRecord(const Patient &a, const Patient &b)
{
    return storage::PatientRepository::columns(a) == storage::PatientRepository::columns(b);
}

// The domain rules for fields not already reported while reading the row.
void addRuleIssues(Patient p, int line, const QDate &today, std::vector<ImportIssue> &issues)
{
    QSet<QString> reported;
    for (const ImportIssue &issue : issues)
        reported.insert(issue.column);
    for (const auto &e : domain::normaliseAndValidate(p, today))
        if (!reported.contains(e.field))
            issues.push_back({line, e.field, e.message});
}

} // namespace

std::vector<ColumnSpec> PatientImporter::columns() const
{
    return {{field::patientRef, true}, {field::nhsNumber, false}, {field::familyName, true},
            {field::givenName, true},  {field::dateOfBirth, true}, {field::sex, false},
            {field::postcode, false},  {field::phone, false},     {field::gpPractice, false},
            {field::dateOfDeath, false}};
}

Patient PatientImporter::fromRow(const CsvRow &row, Patient p, std::vector<ImportIssue> &issues) const
{
    for (const auto &[column, member] : {std::pair{field::patientRef, &Patient::patientRef},
                                         std::pair{field::nhsNumber, &Patient::nhsNumber},
                                         std::pair{field::familyName, &Patient::familyName},
                                         std::pair{field::givenName, &Patient::givenName},
                                         std::pair{field::postcode, &Patient::postcode},
                                         std::pair{field::phone, &Patient::phone},
                                         std::pair{field::gpPractice, &Patient::gpPractice}})
        take(row, column, p.*member);
    takeDate(row, field::dateOfBirth, p.dateOfBirth, issues);
    takeDate(row, field::dateOfDeath, p.dateOfDeath, issues);
    if (!row.present(field::sex))
        return p;
    if (const auto sex = domain::parseSexCode(row.value(field::sex)))
        p.sex = *sex;
    else
        issues.push_back({row.line, field::sex,
                          tr("%1 is not a sex code; use female, male, other or unknown.").arg(domain::echo(row.value(field::sex)))});
    return p;
}

RowResult PatientImporter::importRow(const CsvRow &row)
{
    RowResult result;
    const QString ref = row.value(field::patientRef);
    const auto existing = ref.isEmpty() ? std::nullopt : found(m_service.byRef(ref), result);
    if (!result.fatal.isEmpty())
        return result;
    Patient p = fromRow(row, existing.value_or(Patient{}), result.issues);
    if (ref.isEmpty())
        result.issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
    else if (const int first = m_seenRefs.value(ref); first > 0)
        result.issues.push_back({row.line, field::patientRef,
                                 tr("patient_ref %1 appears again (first on line %2).").arg(ref).arg(first)});
    if (!result.issues.empty()) {
        addRuleIssues(p, row.line, m_service.stamps().today(), result.issues); // report every problem of the row at once
        return result;
    }
    m_seenRefs.insert(ref, row.line);

    services::SaveResult<Patient> saved;
    if (existing) {
        Patient normalised = p;
        domain::normaliseAndValidate(normalised, m_service.stamps().today());
        if (sameRecord(normalised, *existing))
            return {RowOutcome::Unchanged, {}, {}};
        saved = m_service.update(p);
        result.outcome = RowOutcome::Updated;
    } else {
        saved = m_service.add(p);
        result.outcome = RowOutcome::Added;
    }
    addSaveProblem(saved.problem, row.line, result);
    return result;
}

} // namespace painmdt::interchange
