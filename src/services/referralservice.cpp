#include "services/referralservice.h"

#include "services/enteredinerror.h"
#include "services/patientrules.h"
#include "storage/auditqueries.h"
#include "storage/sqlerror.h"

#include <QCoreApplication>

namespace painmdt::services {

using domain::Contact;
using domain::Referral;
using storage::ChangeAction;
using storage::ReferralRepository;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReferralService", text); }

QString withdrawn(const QString &referralRef)
{
    return tr("Referral %1 was withdrawn as entered in error; use another referral.").arg(referralRef);
}

} // namespace

ReferralService::ReferralService(storage::Database &db, StampSource stamps)
    : m_db(db), m_repo(db), m_patients(db), m_reviews(db), m_door(db, stamps), m_assessments(db, stamps),
      m_patientService(db, stamps)
{
}

Problems ReferralService::check(Referral &r)
{
    auto errors = domain::normaliseAndValidate(r, m_door.stamps().today());
    auto attach = attachProblems(m_patients, r.patientId, r.receivedOn, domain::field::receivedOn);
    if (!attach)
        return attach;
    errors.insert(errors.end(), attach->begin(), attach->end());
    return errors;
}

Problems ReferralService::conflicts(const Referral &r)
{
    const auto other = m_repo.byRef(r.referralRef);
    if (!other)
        return other.failure();
    if (other->has_value() && other->value().id != r.id)
        return std::vector<domain::FieldError>{
            {domain::field::referralRef, tr("referral_ref %1 is already used.").arg(r.referralRef)}};
    return std::vector<domain::FieldError>{};
}

Maybe<Referral> ReferralService::byId(qint64 id)
{
    return m_repo.byId(id);
}

Maybe<Referral> ReferralService::byRef(const QString &referralRef)
{
    return m_repo.byRef(referralRef);
}

Many<Referral> ReferralService::forPatient(qint64 patientId)
{
    return m_repo.forPatient(patientId);
}

Many<Contact> ReferralService::contactsOf(qint64 referralId)
{
    return m_repo.contactsOf(referralId);
}

Maybe<Contact> ReferralService::contactById(qint64 id)
{
    return m_repo.contactById(id);
}

Maybe<Contact> ReferralService::contactByRef(const QString &contactRef)
{
    return m_repo.contactByRef(contactRef);
}

Maybe<Contact> ReferralService::sameContact(const Contact &c)
{
    return m_repo.sameContact(c);
}

Result<std::map<QString, bool>> ReferralService::pathwayCommunity()
{
    auto flags = m_repo.pathwayCommunity();
    if (flags) // every code has its answer: a code the table lacks keeps the domain's default
        for (const QString &code : domain::pathwayCodes())
            flags->try_emplace(code, domain::defaultCommunityPathway(code));
    return flags;
}

Many<domain::ReferralRow> ReferralService::awaitingTriage(int limit)
{
    return m_repo.awaitingTriage(limit);
}

Many<domain::ReferralRow> ReferralService::waitingForFirstContact(int limit)
{
    return m_repo.waitingForFirstContact(limit);
}

Many<domain::ReferralRow> ReferralService::caseload(const domain::CaseloadQuery &query)
{
    return m_repo.caseload(query);
}

Many<domain::TimelineEvent> ReferralService::timeline(qint64 patientId)
{
    const auto referrals = m_repo.forPatient(patientId);
    if (!referrals)
        return referrals.failure();
    std::map<qint64, std::vector<Contact>> contacts;
    for (const Referral &r : referrals.value()) {
        auto of = m_repo.contactsOf(r.id);
        if (!of)
            return of.failure();
        contacts.emplace(r.id, std::move(of.value()));
    }
    const auto assessments = m_assessments.forPatient(patientId);
    if (!assessments)
        return assessments.failure();
    const auto flags = m_patientService.allFlags(patientId);
    if (!flags)
        return flags.failure();
    const auto earlier = storage::earlierValues(m_db, QStringLiteral("contact"), patientId, domain::field::note);
    if (!earlier)
        return earlier.failure();
    const auto reviews = m_reviews.forPatient(patientId);
    if (!reviews)
        return reviews.failure();
    const auto alerts = m_assessments.alerts(patientId, false);
    if (!alerts)
        return alerts.failure();
    return domain::buildTimeline(referrals.value(), contacts, assessments.value(), flags.value(), earlier.value(),
                                 reviews.value(), alerts.value());
}

Result<QString> ReferralService::unusedRef(const QString &base)
{
    for (int n = 1;; ++n) {
        const QString ref = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        const auto used = m_repo.byRef(ref);
        if (!used)
            return used.failure();
        if (!used->has_value())
            return ref;
    }
}

SaveResult<Referral> ReferralService::add(Referral r)
{
    r.id = 0;
    return m_door.write<Referral>(domain::Action::EditReferral, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto stop = stopFor<Referral>(check(r)))
            return *stop;
        if (auto stop = stopFor<Referral>(
                refCaseProblems(m_repo.refInOtherCase(r.referralRef), domain::field::referralRef, r.referralRef)))
            return *stop;
        const auto id = m_repo.insert(r, stamp); // a used ref is caught by the unique index, explained below
        if (!id) {
            if (auto used = conflicts(r); used && !used->empty())
                return SaveResult<Referral>::invalid(std::move(used.value()));
            return SaveResult<Referral>::failed(id.failure());
        }
        r.id = id.value();
        r.rowVersion = 1;
        changes.push_back({QStringLiteral("referral"), r.id, ChangeAction::Create, {}, ReferralRepository::columns(r),
                           r.patientId});
        return SaveResult<Referral>{r, {}};
    });
}

SaveResult<Referral> ReferralService::update(Referral r)
{
    return m_door.write<Referral>(domain::Action::EditReferral, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto stop = stopFor<Referral>(check(r)))
            return *stop;
        if (auto stop = stopFor<Referral>(conflicts(r)))
            return *stop;
        const auto found = m_repo.byId(r.id);
        if (!found)
            return SaveResult<Referral>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Referral>::failed(tr("This referral no longer exists."));
        const Referral &before = found->value();
        if (before.isEnteredInError())
            return SaveResult<Referral>::failed(withdrawn(before.referralRef));
        if (Status s = m_repo.update(r, stamp); !s) {
            if (s.failure().rule == storage::rule::receivedAfterContact) // schema 8
                return SaveResult<Referral>::invalid({{domain::field::receivedOn,
                                                       tr("received_on is after a contact of this referral; check the date.")}});
            return SaveResult<Referral>::failed(s.failure());
        }
        changes.push_back({QStringLiteral("referral"), r.id, ChangeAction::Update, ReferralRepository::columns(before),
                           ReferralRepository::columns(r), r.patientId});
        ++r.rowVersion;
        return SaveResult<Referral>{r, {}};
    });
}

SaveResult<Referral> ReferralService::triage(Referral r, const QDate &on, const QString &pathway, const QString &notes,
                                             std::optional<domain::Answers> startback, qint64 *startbackId)
{
    if (startbackId)
        *startbackId = 0;
    // The assessment and the decision together, or neither: both are writes of their own inside this one.
    return m_door.write<Referral>(domain::Action::Triage, [&](const storage::Stamp &, Changes &) {
        if (startback) {
            domain::Assessment a;
            a.patientId = r.patientId;
            a.referralId = r.id;
            a.instrument = QStringLiteral("startback");
            a.occasion = QStringLiteral("referral");
            a.collectedOn = on;
            a.collectedBy = m_door.stamps().actor();
            a.answers = *startback;
            const auto saved = m_assessments.add(a);
            if (!saved.ok())
                return SaveResult<Referral>{std::nullopt, saved.problem};
            if (startbackId)
                *startbackId = saved.value->id;
        }
        r.triagedOn = on;
        r.pathway = pathway;
        r.triageNotes = notes;
        return update(r);
    });
}

Status ReferralService::setCommunityPathways(const std::vector<std::pair<QString, bool>> &flags)
{
    const auto saved = m_door.write<bool>(domain::Action::ConfigureService, [&](const storage::Stamp &, Changes &changes) {
        const auto before = m_repo.pathwayCommunity();
        if (!before)
            return SaveResult<bool>::failed(before.failure());
        for (const auto &[code, community] : flags) {
            if (Status s = m_repo.setPathwayCommunity(code, community); !s)
                return SaveResult<bool>::failed(s.failure());
            changes.push_back({QStringLiteral("pathway"), domain::pathwayCodes().indexOf(code) + 1, ChangeAction::Update,
                               {{QStringLiteral("code"), code}, {QStringLiteral("community"), before->count(code) ? before->at(code) : false}},
                               {{QStringLiteral("code"), code}, {QStringLiteral("community"), community}}});
        }
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

// The domain rules, and the referral's patient must still be there (not removed).
Problems ReferralService::checkContact(Contact &c, qint64 &patientId)
{
    auto errors = domain::normaliseAndValidate(c, m_door.stamps().today());
    if (!errors.empty())
        return errors;
    const auto referral = m_repo.byId(c.referralId);
    if (!referral)
        return referral.failure();
    if (!referral->has_value())
        return std::vector<domain::FieldError>{
            {domain::field::referralRef, tr("The contact must belong to a referral that exists.")}};
    if (referral->value().isEnteredInError())
        return std::vector<domain::FieldError>{{domain::field::referralRef, withdrawn(referral->value().referralRef)}};
    patientId = referral->value().patientId;
    return attachProblems(m_patients, patientId, c.contactOn, domain::field::contactOn, Lifetime::WhileAlive);
}

// The database refuses a contact dated before its referral was received (schema 4); the
// refusal is turned into a message on the field.
std::vector<domain::FieldError> ReferralService::explainContactFailure(const Error &error)
{
    if (error.rule == storage::rule::contactBeforeReceived)
        return {{domain::field::contactOn, tr("contact_on is before the referral was received.")}};
    return {};
}

SaveResult<Contact> ReferralService::addContact(Contact c)
{
    c.id = 0;
    return m_door.write<Contact>(domain::Action::RecordContact, [&](const storage::Stamp &stamp, Changes &changes) {
        qint64 patientId = 0;
        if (auto stop = stopFor<Contact>(checkContact(c, patientId)))
            return *stop;
        if (auto stop = stopFor<Contact>(
                refCaseProblems(m_repo.contactRefInOtherCase(c.contactRef), domain::field::contactRef, c.contactRef)))
            return *stop;
        const auto id = m_repo.insertContact(c, stamp);
        if (!id) {
            if (auto refused = explainContactFailure(id.failure()); !refused.empty())
                return SaveResult<Contact>::invalid(std::move(refused));
            return SaveResult<Contact>::failed(id.failure());
        }
        c.id = id.value();
        c.rowVersion = 1;
        changes.push_back({QStringLiteral("contact"), c.id, ChangeAction::Create, {}, ReferralRepository::columns(c), patientId});
        return SaveResult<Contact>{c, {}};
    });
}

SaveResult<Contact> ReferralService::updateContact(Contact c)
{
    return m_door.write<Contact>(domain::Action::RecordContact, [&](const storage::Stamp &stamp, Changes &changes) {
        qint64 patientId = 0;
        if (auto stop = stopFor<Contact>(checkContact(c, patientId)))
            return *stop;
        const auto before = m_repo.contactById(c.id);
        if (!before)
            return SaveResult<Contact>::failed(before.failure());
        if (!before->has_value())
            return SaveResult<Contact>::failed(tr("This contact no longer exists."));
        if (before->value().isEnteredInError())
            return SaveResult<Contact>::failed(tr("This contact was withdrawn as entered in error; it cannot be changed."));
        if (Status s = m_repo.updateContact(c, stamp); !s) {
            if (auto refused = explainContactFailure(s.failure()); !refused.empty())
                return SaveResult<Contact>::invalid(std::move(refused));
            return SaveResult<Contact>::failed(s.failure());
        }
        changes.push_back({QStringLiteral("contact"), c.id, ChangeAction::Update,
                           ReferralRepository::columns(before->value()), ReferralRepository::columns(c),
                           patientId});
        ++c.rowVersion;
        return SaveResult<Contact>{c, {}};
    });
}

SaveResult<Contact> ReferralService::markContact(qint64 id, int expectedVersion, const QString &reason)
{
    return m_door.write<Contact>(domain::Action::RecordContact, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto found = m_repo.contactById(id);
        if (!found)
            return SaveResult<Contact>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Contact>::failed(tr("This contact no longer exists."));
        const auto referral = m_repo.byId(found->value().referralId);
        if (!referral)
            return SaveResult<Contact>::failed(referral.failure());
        const qint64 patientId = referral->has_value() ? referral->value().patientId : 0;
        if (reason.isEmpty()) { // back as if saved now: the rules a new contact meets
            Contact back = found->value();
            qint64 unused = 0;
            if (auto stop = stopFor<Contact>(checkContact(back, unused)))
                return *stop;
            if (referral->has_value() && back.contactOn < referral->value().receivedOn)
                return SaveResult<Contact>::invalid({{domain::field::contactOn, tr("contact_on is before the referral was received.")}});
        }
        return markEnteredInError(m_db, "contact", found->value(), expectedVersion, reason, patientId, stamp, changes);
    });
}

SaveResult<Referral> ReferralService::markReferral(qint64 id, int expectedVersion, const QString &reason)
{
    return m_door.write<Referral>(domain::Action::EditReferral, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto found = m_repo.byId(id);
        if (!found)
            return SaveResult<Referral>::failed(found.failure());
        if (!found->has_value())
            return SaveResult<Referral>::failed(tr("This referral no longer exists."));
        if (reason.isEmpty()) { // back as if saved now: the patient is still there, born by then
            if (auto stop = stopFor<Referral>(attachProblems(m_patients, found->value().patientId,
                                                             found->value().receivedOn, domain::field::receivedOn)))
                return *stop;
        } else {
            const auto busy = m_repo.hasLiveRecords(id);
            if (!busy)
                return SaveResult<Referral>::failed(busy.failure());
            if (busy.value())
                return SaveResult<Referral>::failed(tr("referral %1 has contacts or questionnaires; withdraw those first.")
                                                        .arg(found->value().referralRef));
        }
        return markEnteredInError(m_db, "referral", found->value(), expectedVersion, reason, found->value().patientId,
                                  stamp, changes);
    });
}

SaveResult<Referral> ReferralService::setTriage(Referral wanted, qint64 startbackId, int startbackVersion,
                                                const QString &startbackError)
{
    return m_door.write<Referral>(domain::Action::Triage, [&](const storage::Stamp &, Changes &) {
        if (!wanted.isTriaged()) { // seen since: it cannot go back to the triage worklist
            const auto contacts = m_repo.contactsOf(wanted.id);
            if (!contacts)
                return SaveResult<Referral>::failed(contacts.failure());
            if (!contacts->empty())
                return SaveResult<Referral>::failed(
                    tr("referral %1 has contacts since it was triaged; change the triage by editing the referral.")
                        .arg(wanted.referralRef));
        }
        if (startbackId > 0) {
            const auto marked = m_assessments.markInError(startbackId, startbackVersion, startbackError);
            if (!marked.ok())
                return SaveResult<Referral>{std::nullopt, marked.problem};
        }
        return update(wanted);
    });
}

} // namespace painmdt::services
