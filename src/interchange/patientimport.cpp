#include "interchange/patientimport.h"

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

Patient PatientImporter::fromRow(const CsvRow &row, std::vector<ImportIssue> &issues) const
{
    Patient p;
    p.patientRef = row.value(field::patientRef);
    p.nhsNumber = row.value(field::nhsNumber);
    p.familyName = row.value(field::familyName);
    p.givenName = row.value(field::givenName);
    p.dateOfBirth = contractDate(row, field::dateOfBirth, issues);
    p.dateOfDeath = contractDate(row, field::dateOfDeath, issues);
    p.postcode = row.value(field::postcode);
    p.phone = row.value(field::phone);
    p.gpPractice = row.value(field::gpPractice);
    if (const auto sex = domain::parseSexCode(row.value(field::sex)))
        p.sex = *sex;
    else
        issues.push_back({row.line, field::sex,
                          tr("\"%1\" is not a sex code; use female, male, other or unknown.").arg(row.value(field::sex))});
    return p;
}

RowResult PatientImporter::importRow(const CsvRow &row)
{
    RowResult result;
    Patient p = fromRow(row, result.issues);
    if (p.patientRef.isEmpty())
        result.issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
    else if (const int first = m_seenRefs.value(p.patientRef); first > 0)
        result.issues.push_back({row.line, field::patientRef,
                                 tr("patient_ref %1 appears again (first on line %2).").arg(p.patientRef).arg(first)});
    if (!result.issues.empty()) {
        addRuleIssues(p, row.line, m_service.stamps().today(), result.issues); // report every problem of the row at once
        return result;
    }
    m_seenRefs.insert(p.patientRef, row.line);

    const auto existing = m_service.repository().byRef(p.patientRef);
    services::SaveResult<Patient> saved;
    if (existing) {
        p.id = existing->id;
        p.rowVersion = existing->rowVersion;
        p.deletedAt = existing->deletedAt;
        p.deletionReason = existing->deletionReason;
        Patient normalised = p;
        domain::normaliseAndValidate(normalised, m_service.stamps().today());
        if (sameRecord(normalised, *existing))
            return {RowOutcome::Unchanged, {}};
        saved = m_service.update(p);
        result.outcome = RowOutcome::Updated;
    } else {
        saved = m_service.add(p);
        result.outcome = RowOutcome::Added;
    }
    for (const auto &e : saved.problem.fieldErrors)
        result.issues.push_back({row.line, e.field, e.message});
    if (!saved.problem.message.isEmpty())
        result.issues.push_back({row.line, {}, saved.problem.message});
    return result;
}

} // namespace painmdt::interchange
