#include "interchange/referralimport.h"

#include "domain/assessment.h"
#include "storage/assessmentrepository.h"
#include "storage/patientrepository.h"

#include <QCoreApplication>

namespace painmdt::interchange {

using domain::Assessment;
using domain::Contact;
using domain::Referral;
namespace field = domain::field;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("EpisodeImport", text); }

std::optional<int> wholeNumber(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues)
{
    if (!row.has(column))
        return std::nullopt;
    bool ok = false;
    const int value = row.value(column).toInt(&ok);
    if (!ok)
        issues.push_back({row.line, column, tr("\"%1\" is not a whole number.").arg(row.value(column))});
    return ok ? std::optional<int>(value) : std::nullopt;
}

template <typename Value, typename Columns>
bool same(const Value &a, const Value &b, Columns columns)
{
    return columns(a) == columns(b);
}

} // namespace

bool EpisodeImporter::repeated(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues)
{
    const QString ref = row.value(column);
    if (ref.isEmpty())
        return false;
    const QString key = QLatin1String(column) + QLatin1Char(':') + ref;
    if (const int first = m_seen.value(key); first > 0) {
        issues.push_back({row.line, column, tr("%1 %2 appears again (first on line %3).").arg(QLatin1String(column), ref).arg(first)});
        return true;
    }
    m_seen.insert(key, row.line);
    return false;
}

std::optional<domain::Patient> EpisodeImporter::patient(const CsvRow &row, std::vector<ImportIssue> &issues)
{
    const QString ref = row.value(field::patientRef);
    if (ref.isEmpty()) {
        issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
        return std::nullopt;
    }
    auto found = m_patients.byRef(ref);
    if (!found)
        issues.push_back({row.line, field::patientRef,
                          tr("no patient has patient_ref %1; import the patients first.").arg(ref)});
    return found;
}

std::optional<Referral> EpisodeImporter::referral(const CsvRow &row, bool required, std::vector<ImportIssue> &issues)
{
    const QString ref = row.value(field::referralRef);
    if (ref.isEmpty()) {
        if (required)
            issues.push_back({row.line, field::referralRef, tr("referral_ref is required.")});
        return std::nullopt;
    }
    auto found = m_service.repository().byRef(ref);
    if (!found)
        issues.push_back({row.line, field::referralRef,
                          tr("no referral has referral_ref %1; import the referrals first.").arg(ref)});
    return found;
}

void EpisodeImporter::addProblems(const services::SaveProblem &problem, int line, std::vector<ImportIssue> &issues)
{
    for (const auto &e : problem.fieldErrors)
        issues.push_back({line, e.field, e.message});
    if (!problem.message.isEmpty())
        issues.push_back({line, {}, problem.message});
}

// --- referrals ---

std::vector<ColumnSpec> ReferralImporter::columns() const
{
    return {{field::referralRef, true}, {field::patientRef, true}, {field::receivedOn, true},
            {field::source, true},      {field::priority, false},  {field::reason, false},
            {field::triagedOn, false},  {field::pathway, false},   {field::dischargedOn, false},
            {field::dischargeReason, false}, {field::referrer, false}, {field::triageNotes, false}};
}

RowResult ReferralImporter::importRow(const CsvRow &row)
{
    RowResult result;
    Referral r;
    r.referralRef = row.value(field::referralRef);
    r.receivedOn = contractDate(row, field::receivedOn, result.issues);
    r.source = row.value(field::source);
    r.priority = row.value(field::priority);
    r.reason = row.value(field::reason);
    r.referrer = row.value(field::referrer);
    r.triagedOn = contractDate(row, field::triagedOn, result.issues);
    r.pathway = row.value(field::pathway);
    r.triageNotes = row.value(field::triageNotes);
    r.dischargedOn = contractDate(row, field::dischargedOn, result.issues);
    r.dischargeReason = row.value(field::dischargeReason);
    const bool again = repeated(row, field::referralRef, result.issues);
    if (const auto p = patient(row, result.issues))
        r.patientId = p->id;

    const auto existing = r.referralRef.isEmpty() ? std::nullopt : m_service.repository().byRef(r.referralRef);
    if (existing) {
        r.id = existing->id;
        r.rowVersion = existing->rowVersion;
        if (!again && r.patientId > 0 && existing->patientId != r.patientId) // wrong patient: the top hazard
            result.issues.push_back({row.line, field::patientRef,
                                     tr("referral %1 belongs to another patient; a referral never moves between "
                                        "patients. Check the patient_ref.").arg(r.referralRef)});
    }
    Referral normalised = r;
    for (const auto &e : domain::normaliseAndValidate(normalised, m_service.stamps().today()))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;
    if (existing && same(normalised, *existing, [](const Referral &x) { return storage::ReferralRepository::columns(x); }))
        return {RowOutcome::Unchanged, {}};
    const auto saved = existing ? m_service.update(r) : m_service.add(r);
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addProblems(saved.problem, row.line, result.issues);
    return result;
}

// --- contacts ---

std::vector<ColumnSpec> ContactImporter::columns() const
{
    return {{field::contactRef, false}, {field::referralRef, true}, {field::contactOn, true},
            {field::mode, true},        {field::outcome, true},     {field::staff, false},
            {field::durationMinutes, false}, {field::nextDueOn, false}, {field::note, false}};
}

RowResult ContactImporter::importRow(const CsvRow &row)
{
    RowResult result;
    Contact c;
    c.contactRef = row.value(field::contactRef);
    c.contactOn = contractDate(row, field::contactOn, result.issues);
    c.mode = row.value(field::mode);
    c.outcome = row.value(field::outcome);
    c.staff = row.has(field::staff) ? row.value(field::staff) : QStringLiteral(""); // never null: sameContact binds it
    c.durationMinutes = wholeNumber(row, field::durationMinutes, result.issues);
    c.nextDueOn = contractDate(row, field::nextDueOn, result.issues);
    c.note = row.cells.value(field::note); // free text kept as written
    repeated(row, field::contactRef, result.issues);
    if (const auto r = referral(row, true, result.issues))
        c.referralId = r->id;
    Contact normalised = c;
    auto problems = domain::normaliseAndValidate(normalised);
    if (const auto r = c.referralId > 0 ? m_service.repository().byId(c.referralId) : std::nullopt;
        r && c.contactOn.isValid() && c.contactOn < r->receivedOn)
        problems.push_back({field::contactOn, tr("contact_on is before the referral was received (%1).")
                                                  .arg(r->receivedOn.toString(Qt::ISODate))});
    for (const auto &e : problems)
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;

    auto &repo = m_service.repository();
    const auto existing = c.contactRef.isEmpty() ? repo.sameContact(normalised) : repo.contactByRef(c.contactRef);
    if (existing) {
        c.id = normalised.id = existing->id;
        c.rowVersion = normalised.rowVersion = existing->rowVersion;
        if (same(normalised, *existing, [](const Contact &x) { return storage::ReferralRepository::columns(x); }))
            return {RowOutcome::Unchanged, {}};
    }
    const auto saved = existing ? m_service.updateContact(c) : m_service.addContact(c);
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addProblems(saved.problem, row.line, result.issues);
    return result;
}

// --- assessments ---

std::vector<ColumnSpec> AssessmentImporter::columns() const
{
    return {{field::assessmentRef, false}, {field::patientRef, true}, {field::referralRef, false},
            {field::instrument, true},     {field::occasion, true},   {field::collectedOn, true},
            {field::answers, true},        {QStringLiteral("collected_by"), false}, {QStringLiteral("mode"), false}};
}

RowResult AssessmentImporter::importRow(const CsvRow &row)
{
    RowResult result;
    auto &assessments = m_service.assessments();
    Assessment a;
    a.assessmentRef = row.value(field::assessmentRef);
    a.instrument = row.value(field::instrument).toLower();
    a.occasion = row.value(field::occasion);
    a.collectedOn = contractDate(row, field::collectedOn, result.issues);
    a.collectedBy = row.value(QStringLiteral("collected_by"));
    a.mode = row.value(QStringLiteral("mode"));
    repeated(row, field::assessmentRef, result.issues);
    const auto p = patient(row, result.issues);
    if (p)
        a.patientId = p->id;
    if (const auto r = referral(row, false, result.issues)) {
        a.referralId = r->id;
        if (p && r->patientId != p->id)
            result.issues.push_back({row.line, field::referralRef,
                                     tr("referral %1 belongs to another patient.").arg(r->referralRef)});
    }
    if (const auto *definition = assessments.instrument(a.instrument)) {
        const auto parsed = domain::parseAnswers(*definition, row.cells.value(field::answers));
        if (const auto *answers = std::get_if<domain::Answers>(&parsed))
            a.answers = *answers;
        else
            for (const auto &problem : std::get<std::vector<domain::AnswerProblem>>(parsed))
                result.issues.push_back({row.line, field::answers, problem.message});
    }
    Assessment scored = a;
    for (const auto &e : assessments.scoreIt(scored))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;

    auto &repo = assessments.repository();
    const auto existing = a.assessmentRef.isEmpty() ? repo.sameAssessment(scored) : repo.byRef(a.assessmentRef);
    if (existing && existing->patientId != a.patientId)
        return {RowOutcome::Unchanged, {{row.line, field::patientRef,
                                         tr("assessment %1 belongs to another patient; check the patient_ref.")
                                             .arg(a.assessmentRef)}}};
    if (existing) {
        a.id = scored.id = existing->id;
        a.rowVersion = scored.rowVersion = existing->rowVersion;
        if (same(scored, *existing, [](const Assessment &x) { return storage::AssessmentRepository::columns(x); }))
            return {RowOutcome::Unchanged, {}};
    }
    const auto saved = existing ? assessments.update(a) : assessments.add(a);
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addProblems(saved.problem, row.line, result.issues);
    return result;
}

} // namespace painmdt::interchange
