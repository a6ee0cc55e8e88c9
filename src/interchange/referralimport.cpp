#include "interchange/referralimport.h"

#include "domain/textrules.h"
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
        issues.push_back({row.line, column, tr("%1 is not a whole number.").arg(domain::echo(row.value(column)))});
    return ok ? std::optional<int>(value) : std::nullopt;
}

QTime timeOfDay(const CsvRow &row, const char *column, std::vector<ImportIssue> &issues)
{
    const QString text = row.value(column);
    const QTime time = QTime::fromString(text, QStringLiteral("HH:mm"));
    if (!text.isEmpty() && !time.isValid())
        issues.push_back({row.line, column, tr("%1 is not a 24-hour time HH:mm (e.g. 14:05).").arg(domain::echo(text))});
    return time;
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

namespace {

// A record withdrawn in PainMDT as entered in error is never brought back by a file.
void refuseWithdrawn(bool withdrawn, const CsvRow &row, const char *column, const QString &ref, RowResult &result)
{
    if (withdrawn)
        result.issues.push_back({row.line, column, tr("%1 %2 was withdrawn in PainMDT as entered in error; give this row "
                                                      "another %1.").arg(QLatin1String(column), ref)});
}

} // namespace

std::optional<domain::Patient> EpisodeImporter::patient(const CsvRow &row, RowResult &result)
{
    const QString ref = row.value(field::patientRef);
    if (ref.isEmpty()) {
        result.issues.push_back({row.line, field::patientRef, tr("patient_ref is required.")});
        return std::nullopt;
    }
    const auto lookup = m_service.patients().byRef(ref);
    auto patient = found(lookup, result);
    if (!patient && lookup)
        result.issues.push_back({row.line, field::patientRef,
                                 tr("no patient has patient_ref %1; import the patients first.").arg(ref)});
    return patient;
}

std::optional<Referral> EpisodeImporter::referral(const CsvRow &row, bool required, RowResult &result)
{
    const QString ref = row.value(field::referralRef);
    if (ref.isEmpty()) {
        if (required)
            result.issues.push_back({row.line, field::referralRef, tr("referral_ref is required.")});
        return std::nullopt;
    }
    const auto lookup = m_service.byRef(ref);
    auto referral = found(lookup, result);
    if (!referral && lookup)
        result.issues.push_back({row.line, field::referralRef,
                                 tr("no referral has referral_ref %1; import the referrals first.").arg(ref)});
    refuseWithdrawn(referral && referral->isEnteredInError(), row, field::referralRef, ref, result);
    return referral;
}

// --- referrals ---

std::vector<ColumnSpec> ReferralImporter::columns() const
{
    return {{field::referralRef, true}, {field::patientRef, true}, {field::receivedOn, true},
            {field::source, true},      {field::priority, false},  {field::reason, false},
            {field::triagedOn, false},  {field::pathway, false},   {field::dischargedOn, false},
            {field::dischargeReason, false}, {field::referrer, false}, {field::triageNotes, false},
            {field::keyWorker, false}};
}

RowResult ReferralImporter::importRow(const CsvRow &row)
{
    RowResult result;
    const QString ref = row.value(field::referralRef);
    const auto existing = ref.isEmpty() ? std::nullopt : found(m_service.byRef(ref), result);
    if (!result.fatal.isEmpty())
        return result;
    refuseWithdrawn(existing && existing->isEnteredInError(), row, field::referralRef, ref, result);
    Referral r = existing.value_or(Referral{});
    for (const auto &[column, member] : {std::pair{field::referralRef, &Referral::referralRef},
                                         std::pair{field::source, &Referral::source},
                                         std::pair{field::priority, &Referral::priority},
                                         std::pair{field::reason, &Referral::reason},
                                         std::pair{field::referrer, &Referral::referrer},
                                         std::pair{field::pathway, &Referral::pathway},
                                         std::pair{field::triageNotes, &Referral::triageNotes},
                                         std::pair{field::dischargeReason, &Referral::dischargeReason},
                                         std::pair{field::keyWorker, &Referral::keyWorker}})
        take(row, column, r.*member);
    takeDate(row, field::receivedOn, r.receivedOn, result.issues);
    takeDate(row, field::triagedOn, r.triagedOn, result.issues);
    takeDate(row, field::dischargedOn, r.dischargedOn, result.issues);
    const bool again = repeated(row, field::referralRef, result.issues);
    const auto p = patient(row, result);
    if (!result.fatal.isEmpty())
        return result;
    if (p && existing && !again && existing->patientId != p->id) // wrong patient: the top hazard
        result.issues.push_back({row.line, field::patientRef,
                                 tr("referral %1 belongs to another patient; a referral never moves between "
                                    "patients. Check the patient_ref.").arg(ref)});
    if (p)
        r.patientId = p->id;

    Referral normalised = r;
    for (const auto &e : domain::normaliseAndValidate(normalised, m_service.stamps().today()))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;
    if (existing && same(normalised, *existing, [](const Referral &x) { return storage::ReferralRepository::columns(x); }))
        return {RowOutcome::Unchanged, {}, {}};
    const auto saved = existing ? m_service.update(r) : m_service.add(r);
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addSaveProblem(saved.problem, row.line, result);
    return result;
}

// --- contacts ---

std::vector<ColumnSpec> ContactImporter::columns() const
{
    return {{field::contactRef, false}, {field::referralRef, true}, {field::contactOn, true},
            {field::mode, true},        {field::outcome, true},     {field::staff, false},
            {field::durationMinutes, false}, {field::nextDueOn, false}, {field::note, false},
            {field::contactTime, false}};
}

// A contact's natural key, for rows without contact_ref: every column of the row.
Contact ContactImporter::fromRow(const CsvRow &row, Contact c, std::vector<ImportIssue> &issues) const
{
    for (const auto &[column, member] : {std::pair{field::contactRef, &Contact::contactRef},
                                         std::pair{field::mode, &Contact::mode},
                                         std::pair{field::outcome, &Contact::outcome},
                                         std::pair{field::staff, &Contact::staff}})
        take(row, column, c.*member);
    if (row.present(field::note))
        c.note = row.cells.value(field::note); // free text kept as written
    takeDate(row, field::contactOn, c.contactOn, issues);
    takeDate(row, field::nextDueOn, c.nextDueOn, issues);
    if (row.present(field::durationMinutes))
        c.durationMinutes = wholeNumber(row, field::durationMinutes, issues);
    if (row.present(field::contactTime))
        c.contactTime = timeOfDay(row, field::contactTime, issues);
    return c;
}

RowResult ContactImporter::importRow(const CsvRow &row)
{
    RowResult result;
    const QString ref = row.value(field::contactRef);
    const auto byRef = ref.isEmpty() ? std::nullopt : found(m_service.contactByRef(ref), result);
    refuseWithdrawn(byRef && byRef->isEnteredInError(), row, field::contactRef, ref, result);
    Contact c = fromRow(row, byRef.value_or(Contact{}), result.issues);
    repeated(row, field::contactRef, result.issues);
    const auto r = referral(row, true, result);
    if (!result.fatal.isEmpty())
        return result;
    if (r && byRef && byRef->referralId != r->id) // wrong patient: a contact never moves
        result.issues.push_back({row.line, field::referralRef,
                                 tr("contact %1 belongs to another referral; a contact never moves between "
                                    "referrals. Check the referral_ref.").arg(ref)});
    if (r)
        c.referralId = r->id;
    Contact normalised = c;
    auto problems = domain::normaliseAndValidate(normalised, m_service.stamps().today());
    if (r && c.contactOn.isValid() && c.contactOn < r->receivedOn)
        problems.push_back({field::contactOn, tr("contact_on is before the referral was received (%1).")
                                                  .arg(r->receivedOn.toString(Qt::ISODate))});
    for (const auto &e : problems)
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;

    const auto existing = byRef ? byRef : (ref.isEmpty() ? found(m_service.sameContact(normalised), result) : std::nullopt);
    if (!result.fatal.isEmpty())
        return result;
    if (existing) {
        c.id = normalised.id = existing->id;
        c.rowVersion = normalised.rowVersion = existing->rowVersion;
        if (same(normalised, *existing, [](const Contact &x) { return storage::ReferralRepository::columns(x); }))
            return {RowOutcome::Unchanged, {}, {}};
    }
    const auto saved = existing ? m_service.updateContact(c) : m_service.addContact(c);
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addSaveProblem(saved.problem, row.line, result);
    return result;
}

// --- assessments ---

std::vector<ColumnSpec> AssessmentImporter::columns() const
{
    return {{field::assessmentRef, false}, {field::patientRef, true}, {field::referralRef, false},
            {field::instrument, true},     {field::occasion, true},   {field::collectedOn, true},
            {field::answers, true},        {QStringLiteral("collected_by"), false}, {QStringLiteral("mode"), false}};
}

// The row's answers, read by the version the administration is scored with. A row without
// assessment_ref that no longer fits the newest version may be a stored administration of an
// older one: re-importing an unchanged file must change nothing.
void AssessmentImporter::readAnswers(Assessment &a, bool stored, const CsvRow &row, RowResult &result)
{
    auto &assessments = m_service.assessments();
    const QString text = row.cells.value(field::answers);
    const auto *definition = a.instrumentVersion.isEmpty() ? assessments.instrument(a.instrument)
                                                           : assessments.instrument(a.instrument, a.instrumentVersion);
    if (!definition)
        return; // scoreIt names the unknown instrument
    const auto parsed = domain::parseAnswers(*definition, text);
    if (const auto *answers = std::get_if<domain::Answers>(&parsed)) {
        a.answers = *answers;
        return;
    }
    for (const auto *older : stored ? std::vector<const domain::InstrumentDefinition *>{} : assessments.versions(a.instrument)) {
        const auto fits = domain::parseAnswers(*older, text);
        const auto *answers = std::get_if<domain::Answers>(&fits);
        Assessment candidate = a;
        candidate.instrumentVersion = older->version;
        if (answers)
            candidate.answers = *answers;
        if (older == definition || !answers)
            continue;
        if (found(assessments.sameAssessment(candidate), result)) {
            a = candidate;
            return;
        }
        if (!result.fatal.isEmpty())
            return; // the database failed: not a problem with the row's answers
    }
    for (const auto &problem : std::get<std::vector<domain::AnswerProblem>>(parsed))
        result.issues.push_back({row.line, field::answers, problem.message});
}

RowResult AssessmentImporter::importRow(const CsvRow &row)
{
    RowResult result;
    auto &assessments = m_service.assessments();
    if (Status ready = assessments.definitionsReady(); !ready) { // else every row would read "unknown instrument"
        result.fatal = ready.error();
        return result;
    }
    const QString ref = row.value(field::assessmentRef);
    const auto byRef = ref.isEmpty() ? std::nullopt : found(assessments.byRef(ref), result);
    refuseWithdrawn(byRef && byRef->isEnteredInError(), row, field::assessmentRef, ref, result);
    Assessment a = byRef.value_or(Assessment{});
    a.assessmentRef = ref;
    a.instrument = row.value(field::instrument).toLower();
    a.occasion = row.value(field::occasion);
    a.collectedOn = contractDate(row, field::collectedOn, result.issues);
    take(row, QStringLiteral("collected_by"), a.collectedBy);
    take(row, QStringLiteral("mode"), a.mode);
    repeated(row, field::assessmentRef, result.issues);
    const auto p = patient(row, result);
    if (p)
        a.patientId = p->id;
    if (row.present(field::referralRef))
        a.referralId = 0;
    if (const auto r = referral(row, false, result)) {
        a.referralId = r->id;
        if (p && r->patientId != p->id)
            result.issues.push_back({row.line, field::referralRef,
                                     tr("referral %1 belongs to another patient.").arg(r->referralRef)});
    }
    if (!result.fatal.isEmpty())
        return result;
    if (byRef && byRef->instrument != a.instrument)
        a.instrumentVersion.clear(); // another instrument: scored by its newest version
    readAnswers(a, byRef.has_value(), row, result);
    if (!result.fatal.isEmpty())
        return result;
    Assessment scored = a;
    for (const auto &e : assessments.scoreIt(scored))
        if (std::none_of(result.issues.begin(), result.issues.end(), [&](const ImportIssue &i) { return i.column == e.field; }))
            result.issues.push_back({row.line, e.field, e.message});
    if (!result.issues.empty())
        return result;

    const auto existing = ref.isEmpty() ? found(assessments.sameAssessment(scored), result) : byRef;
    if (!result.fatal.isEmpty())
        return result;
    if (existing && existing->isEnteredInError()) // withdrawn or corrected in PainMDT: a file never brings it back
        return {RowOutcome::Unchanged, {}, {}};
    if (existing && existing->patientId != a.patientId)
        return {RowOutcome::Unchanged, {{row.line, field::patientRef,
                                         tr("assessment %1 belongs to another patient; check the patient_ref.")
                                             .arg(a.assessmentRef)}}, {}};
    if (existing) {
        a.freeText = scored.freeText = existing->freeText; // the file has no column for it: what the patient wrote stays
        if (!byRef && existing->instrumentVersion != scored.instrumentVersion) {
            a.instrumentVersion = existing->instrumentVersion; // it keeps the version it was scored with
            scored = a;
            (void)assessments.scoreIt(scored);
        }
        a.id = scored.id = existing->id;
        a.rowVersion = scored.rowVersion = existing->rowVersion;
        if (same(scored, *existing, [](const Assessment &x) { return storage::AssessmentRepository::columns(x); }))
            return {RowOutcome::Unchanged, {}, {}};
    }
    const int alertsBefore = assessments.alertsRaised();
    const auto saved = existing ? assessments.update(a) : assessments.add(a);
    result.alerts = saved.ok() ? assessments.alertsRaised() - alertsBefore : 0;
    result.outcome = existing ? RowOutcome::Updated : RowOutcome::Added;
    addSaveProblem(saved.problem, row.line, result);
    return result;
}

} // namespace painmdt::interchange
