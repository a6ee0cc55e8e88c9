#include "services/assessmentservice.h"

#include "services/enteredinerror.h"

#include "domain/textrules.h"
#include "services/patientrules.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <algorithm>

namespace painmdt::services {

using domain::Assessment;
using storage::ChangeAction;
using storage::AssessmentRepository;

namespace {

const QString entity = QStringLiteral("assessment");

QString tr(const char *text) { return QCoreApplication::translate("AssessmentService", text); }

} // namespace

AssessmentService::AssessmentService(storage::Database &db, StampSource stamps)
    : m_db(db), m_repo(db), m_patients(db), m_referrals(db), m_alerts(db), m_door(db, std::move(stamps))
{
    m_loaded = loadDefinitions();
}

// The built-in definitions and those this service imported. A failed read is kept as the answer
// to every save, and tried again at the next (definitionsReady).
Status AssessmentService::loadDefinitions()
{
    m_instruments.clear();
    for (auto &definition : domain::builtInInstruments())
        addDefinition({std::move(definition), {}, true, {}, {}});
    const auto imported = m_repo.importedDefinitions();
    if (!imported)
        return imported.failure();
    for (const auto &stored : imported.value()) {
        auto parsed = domain::parseInstrumentDefinition(stored.json);
        const auto it = parsed ? m_instruments.find(parsed->code) : m_instruments.end();
        // A built-in code stored by an older PainMDT (which let an import replace it) is ignored.
        if (parsed && (it == m_instruments.end() || !it->second.front().builtIn))
            addDefinition({parsed.value(), stored.json, false, stored.importedBy, stored.importedAt});
    }
    return success();
}

std::vector<const AssessmentService::Registered *> AssessmentService::registry() const
{
    std::vector<const Registered *> all;
    for (const auto &[code, versions] : m_instruments)
        for (const Registered &r : versions)
            all.push_back(&r);
    return all;
}

Status AssessmentService::definitionsReady()
{
    if (!m_loaded)
        m_loaded = loadDefinitions();
    return m_loaded;
}

void AssessmentService::addDefinition(Registered registered)
{
    auto &versions = m_instruments[registered.definition.code];
    const auto later = std::find_if(versions.begin(), versions.end(), [&](const Registered &r) {
        return domain::compareVersions(r.definition.version, registered.definition.version) > 0;
    });
    versions.insert(later, std::move(registered));
}

const domain::InstrumentDefinition *AssessmentService::instrument(const QString &code) const
{
    const auto it = m_instruments.find(code);
    return it == m_instruments.end() || it->second.empty() ? nullptr : &it->second.back().definition;
}

const domain::InstrumentDefinition *AssessmentService::instrument(const QString &code, const QString &version) const
{
    const auto it = m_instruments.find(code);
    if (it == m_instruments.end())
        return nullptr;
    for (const Registered &r : it->second)
        if (domain::compareVersions(r.definition.version, version) == 0)
            return &r.definition;
    return nullptr;
}

std::vector<const domain::InstrumentDefinition *> AssessmentService::versions(const QString &code) const
{
    std::vector<const domain::InstrumentDefinition *> found;
    if (const auto it = m_instruments.find(code); it != m_instruments.end())
        for (auto r = it->second.rbegin(); r != it->second.rend(); ++r)
            found.push_back(&r->definition);
    return found;
}

QStringList AssessmentService::instrumentCodes() const
{
    QStringList codes;
    for (const auto &[code, versions] : m_instruments)
        codes << code;
    return codes;
}

Result<AssessmentService::ImportedDefinition> AssessmentService::importDefinition(const QByteArray &json,
                                                                                 const std::vector<domain::ScoringCase> &cases)
{
    if (!definitionsReady())
        return m_loaded.failure();
    auto parsed = domain::parseInstrumentDefinition(json);
    if (!parsed)
        return Error{parsed.error()};
    const auto &d = parsed.value();
    if (const QStringList failed = domain::failedCases(d, cases); !failed.isEmpty())
        return Error{failed.join(QLatin1Char('\n'))};
    if (const auto it = m_instruments.find(d.code); it != m_instruments.end()) {
        if (it->second.front().builtIn)
            return Error{tr("code: %1 is built into PainMDT and cannot be replaced by an import; give your "
                            "instrument a code of its own.").arg(d.code)};
        for (const Registered &r : it->second)
            if (domain::compareVersions(r.definition.version, d.version) == 0) {
                // The same definition again, however it is laid out, changes nothing.
                if (QJsonDocument::fromJson(r.json) == QJsonDocument::fromJson(json))
                    return ImportedDefinition{r.definition, true};
                return Error{tr("version: %1 version %2 is already imported with different content, and a stored "
                                "version never changes (assessments were scored with it). Give the changed "
                                "definition a higher version.").arg(d.code, d.version)};
            }
        if (const QString newest = it->second.back().definition.version; domain::compareVersions(d.version, newest) < 0)
            return Error{tr("version: %1 version %2 is older than the stored version %3; versions only go up.")
                             .arg(d.code, d.version, newest)};
    }
    const auto saved = m_door.write<bool>(domain::Action::ConfigureService, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto id = m_repo.saveDefinition(d, json, stamp);
        if (!id)
            return SaveResult<bool>::failed(id.failure());
        changes.push_back({QStringLiteral("instrument_definition"), id.value(), ChangeAction::Create, {},
                           {{QStringLiteral("code"), d.code}, {QStringLiteral("version"), d.version}}});
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    addDefinition({d, json, false, m_door.stamps().actor(), QDateTime::currentDateTimeUtc()});
    return ImportedDefinition{d, false};
}

std::vector<domain::FieldError> AssessmentService::scoreIt(Assessment &a) const
{
    std::vector<domain::FieldError> errors;
    a.instrument = a.instrument.trimmed().toLower();
    a.occasion = a.occasion.trimmed().toLower();
    // A stored assessment keeps the version it was scored with; a new one takes the newest.
    const auto *definition = a.instrumentVersion.isEmpty() ? instrument(a.instrument)
                                                           : instrument(a.instrument, a.instrumentVersion);
    if (!definition)
        errors.push_back({domain::field::instrument, a.instrumentVersion.isEmpty() || !instrument(a.instrument)
                              ? tr("%1 is not a known instrument; known: %2.")
                                    .arg(domain::echo(a.instrument), instrumentCodes().join(QStringLiteral(", ")))
                              : tr("version %1 of %2 is not known to this database.").arg(a.instrumentVersion, a.instrument)});
    if (!domain::assessmentOccasions().contains(a.occasion))
        errors.push_back({domain::field::occasion, tr("%1 is not an occasion; use one of: %2.")
                                                       .arg(domain::echo(a.occasion), domain::assessmentOccasions().join(QStringLiteral(", ")))});
    if (!a.collectedOn.isValid())
        errors.push_back({domain::field::collectedOn, tr("collected_on is required.")});
    else if (a.collectedOn > m_door.stamps().today())
        errors.push_back({domain::field::collectedOn, tr("collected_on is in the future; check the date.")});
    domain::checkText(a.assessmentRef, domain::field::assessmentRef, domain::TextKind::Ref, errors);
    domain::checkText(a.collectedBy, "collected_by", domain::TextKind::Line, errors);
    domain::checkText(a.mode, "mode", domain::TextKind::Line, errors);
    if (!definition)
        return errors;
    if (a.answers.size() != definition->items.size()) {
        errors.push_back({domain::field::answers, tr("%1 has %2 items; %3 answers were given.")
                                                      .arg(a.instrument).arg(definition->items.size()).arg(a.answers.size())});
        return errors;
    }
    for (auto it = a.freeText.begin(); it != a.freeText.end();) {
        const bool asked = std::any_of(definition->freeText.begin(), definition->freeText.end(),
                                       [&](const domain::FreeTextQuestion &q) { return q.id == it->first; });
        if (!asked)
            errors.push_back({"free_text", tr("%1 asks no question %2.").arg(a.instrument, domain::echo(it->first))});
        domain::checkText(it->second, "free_text", domain::TextKind::FreeText, errors, it->first);
        it = it->second.trimmed().isEmpty() ? a.freeText.erase(it) : std::next(it); // nothing written: not stored
    }
    // Every item missing is a questionnaire returned blank: stored, incomplete, never scored.
    a.instrumentVersion = definition->version;
    a.result = domain::score(*definition, a.answers);
    return errors;
}

SaveResult<Assessment> AssessmentService::correct(qint64 oldId, int expectedVersion, Assessment corrected,
                                                 const QString &reason)
{
    return m_door.write<Assessment>(domain::Action::RecordAssessment, [&](const storage::Stamp &, Changes &) {
        if (reason.trimmed().isEmpty())
            return SaveResult<Assessment>::failed(tr("Say why the answers are corrected."));
        // The limit holds for what was typed, with room for the "Corrected: " the withdrawal adds.
        const QString why = tr("Corrected: %1").arg(reason.trimmed());
        if (const QString problem = domain::textProblem(why, domain::TextKind::FreeText, tr("The reason")); !problem.isEmpty())
            return SaveResult<Assessment>::failed(problem);
        // An alert must be seen before the answers that raised it can leave the lists (hazard H9).
        const auto open = m_alerts.forPatient(corrected.patientId, true);
        if (!open)
            return SaveResult<Assessment>::failed(open.failure());
        if (std::any_of(open->begin(), open->end(), [&](const auto &a) { return a.assessmentId == oldId; }))
            return SaveResult<Assessment>::failed(tr("These answers raised an alert that nobody has acknowledged yet: "
                                                     "acknowledge it first, then correct them."));
        const auto withdrawn = markInError(oldId, expectedVersion, why);
        if (!withdrawn.ok())
            return withdrawn;
        corrected.id = 0;
        corrected.assessmentRef.clear(); // the ref stays with the administration it named
        return add(corrected);
    });
}

Status AssessmentService::raiseAlerts(const Assessment &a, const storage::Stamp &stamp, Changes &changes)
{
    const auto *definition = instrument(a.instrument, a.instrumentVersion);
    if (!definition)
        return success(); // scoreIt has already refused an unknown instrument
    for (const auto &raised : domain::raisedAlerts(*definition, a.answers)) {
        const auto already = m_alerts.find(a.id, raised.rule.id);
        if (!already)
            return already.failure();
        if (already->has_value()) { // raised before: again only if the answer that sets it off changed
            domain::AssessmentAlert earlier = already->value();
            if (earlier.answer == raised.answer)
                continue;
            if (Status s = m_alerts.reopen(earlier, raised.answer, stamp); !s)
                return s;
            const auto before = storage::AlertRepository::columns(earlier);
            earlier.answer = raised.answer;
            earlier.acknowledgedBy.clear();
            earlier.acknowledgement.clear();
            changes.push_back({QStringLiteral("assessment_alert"), earlier.id, ChangeAction::Update, before,
                               storage::AlertRepository::columns(earlier), a.patientId});
            ++m_alertsRaised;
            continue;
        }
        domain::AssessmentAlert alert;
        alert.assessmentId = a.id;
        alert.patientId = a.patientId;
        alert.rule = raised.rule.id;
        alert.item = raised.rule.item;
        alert.answer = raised.answer;
        alert.message = raised.rule.message;
        const auto id = m_alerts.insert(alert, stamp);
        if (!id)
            return id.failure();
        changes.push_back({QStringLiteral("assessment_alert"), id.value(), ChangeAction::Create, {},
                           storage::AlertRepository::columns(alert), a.patientId});
        ++m_alertsRaised;
    }
    return success();
}

Many<domain::AssessmentAlert> AssessmentService::alerts(qint64 patientId, bool openOnly)
{
    return m_alerts.forPatient(patientId, openOnly);
}

SaveResult<domain::AssessmentAlert> AssessmentService::acknowledgeAlert(qint64 id, int expectedVersion,
                                                                        const QString &whatWasDone)
{
    using Saved = SaveResult<domain::AssessmentAlert>;
    return m_door.write<domain::AssessmentAlert>(domain::Action::AcknowledgeAlert, [&](const storage::Stamp &stamp, Changes &changes) {
        const QString note = whatWasDone.trimmed();
        if (note.isEmpty())
            return Saved::failed(tr("Say what was done (for example: phoned the patient, risk assessed, GP informed)."));
        if (const QString problem = domain::textProblem(note, domain::TextKind::FreeText, tr("What was done")); !problem.isEmpty())
            return Saved::failed(problem);
        const auto found = m_alerts.byId(id);
        if (!found)
            return Saved::failed(found.failure());
        if (!found->has_value())
            return Saved::failed(tr("This alert no longer exists."));
        domain::AssessmentAlert alert = found->value();
        const auto administration = m_repo.byId(alert.assessmentId);
        if (!administration)
            return Saved::failed(administration.failure());
        if (!administration->has_value() || administration->value().isEnteredInError())
            return Saved::failed(tr("The answers that raised this alert were withdrawn; it is no longer open."));
        if (!alert.isOpen())
            return Saved::failed(tr("This alert was acknowledged by %1 meanwhile.").arg(alert.acknowledgedBy));
        alert.rowVersion = expectedVersion;
        if (Status s = m_alerts.acknowledge(alert, note, stamp); !s)
            return Saved::failed(s.failure());
        const auto before = storage::AlertRepository::columns(alert);
        alert.acknowledgedAt = stamp.at;
        alert.acknowledgedBy = stamp.actor;
        alert.acknowledgement = note;
        ++alert.rowVersion;
        changes.push_back({QStringLiteral("assessment_alert"), id, ChangeAction::Update, before,
                           storage::AlertRepository::columns(alert), alert.patientId});
        return Saved{alert, {}};
    });
}

Maybe<Assessment> AssessmentService::byId(qint64 id)
{
    return m_repo.byId(id);
}

Many<Assessment> AssessmentService::forPatient(qint64 patientId)
{
    return m_repo.forPatient(patientId);
}

Maybe<Assessment> AssessmentService::latestFor(qint64 referralId, const QString &instrument)
{
    return m_repo.latestFor(referralId, instrument);
}

Maybe<Assessment> AssessmentService::byRef(const QString &assessmentRef)
{
    return m_repo.byRef(assessmentRef);
}

Maybe<Assessment> AssessmentService::sameAssessment(const Assessment &a)
{
    return m_repo.sameAssessment(a);
}

// Also: the episode it is linked to is live (not withdrawn as entered in error).
Problems AssessmentService::checkPatient(const Assessment &a)
{
    if (a.referralId > 0) {
        const auto referral = m_referrals.byId(a.referralId);
        if (!referral)
            return referral.failure();
        if (!referral->has_value() || referral->value().isEnteredInError())
            return std::vector<domain::FieldError>{{domain::field::referralRef,
                tr("The questionnaire must belong to a live referral (this one was withdrawn or does not exist).")}};
    }
    return attachProblems(m_patients, a.patientId, a.collectedOn, domain::field::collectedOn);
}

Problems AssessmentService::checkNew(const Assessment &a)
{
    auto errors = checkPatient(a);
    if (!errors || !errors->empty())
        return errors;
    return refCaseProblems(m_repo.refInOtherCase(a.assessmentRef), domain::field::assessmentRef, a.assessmentRef);
}

SaveResult<Assessment> AssessmentService::add(Assessment a)
{
    return m_door.write<Assessment>(domain::Action::RecordAssessment, [&](const storage::Stamp &stamp, Changes &changes) {
        if (!definitionsReady())
            return SaveResult<Assessment>::failed(m_loaded.failure());
        if (auto errors = scoreIt(a); !errors.empty())
            return SaveResult<Assessment>::invalid(std::move(errors));
        if (auto stop = stopFor<Assessment>(checkNew(a)))
            return *stop;
        const auto id = m_repo.insert(a, stamp);
        if (!id)
            return SaveResult<Assessment>::failed(id.failure());
        a.id = id.value();
        a.rowVersion = 1;
        changes.push_back({entity, a.id, ChangeAction::Create, {}, AssessmentRepository::columns(a), a.patientId});
        if (Status s = raiseAlerts(a, stamp, changes); !s)
            return SaveResult<Assessment>::failed(s.failure());
        return SaveResult<Assessment>{a, {}};
    });
}

SaveResult<Assessment> AssessmentService::update(Assessment a)
{
    return m_door.write<Assessment>(domain::Action::RecordAssessment, [&](const storage::Stamp &stamp, Changes &changes) {
        if (!definitionsReady())
            return SaveResult<Assessment>::failed(m_loaded.failure());
        if (auto errors = scoreIt(a); !errors.empty())
            return SaveResult<Assessment>::invalid(std::move(errors));
        if (auto stop = stopFor<Assessment>(checkPatient(a)))
            return *stop;
        const auto before = m_repo.byId(a.id);
        if (!before)
            return SaveResult<Assessment>::failed(before.failure());
        if (!before->has_value())
            return SaveResult<Assessment>::failed(tr("This questionnaire no longer exists."));
        if (before->value().isEnteredInError())
            return SaveResult<Assessment>::failed(tr("This questionnaire was withdrawn as entered in error; it cannot be changed."));
        if (before->value().patientId != a.patientId || before->value().instrument != a.instrument)
            return SaveResult<Assessment>::failed(tr("A questionnaire never moves to another patient or instrument: "
                                                     "withdraw it as entered in error and record it where it belongs."));
        if (Status s = m_repo.update(a, stamp); !s)
            return SaveResult<Assessment>::failed(s.failure());
        changes.push_back({entity, a.id, ChangeAction::Update, AssessmentRepository::columns(before->value()),
                           AssessmentRepository::columns(a), a.patientId});
        ++a.rowVersion;
        if (Status s = raiseAlerts(a, stamp, changes); !s) // a corrected answer can raise one too
            return SaveResult<Assessment>::failed(s.failure());
        return SaveResult<Assessment>{a, {}};
    });
}

SaveResult<Assessment> AssessmentService::markInError(qint64 id, int expectedVersion, const QString &reason)
{
    return m_door.write<Assessment>(domain::Action::RecordAssessment, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto found = m_repo.byId(id);
        if (!found)
            return SaveResult<Assessment>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Assessment>::failed(tr("This questionnaire no longer exists."));
        if (reason.isEmpty()) // back as if saved now
            if (auto stop = stopFor<Assessment>(checkPatient(found->value())))
                return *stop;
        return markEnteredInError(m_db, "assessment", found->value(), expectedVersion, reason, found->value().patientId,
                                  stamp, changes);
    });
}

} // namespace painmdt::services
