#include "services/referralservice.h"

#include "services/patientrules.h"

#include <QCoreApplication>

namespace painmdt::services {

using domain::Contact;
using domain::Referral;
using storage::ChangeAction;
using storage::ReferralRepository;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ReferralService", text); }

} // namespace

ReferralService::ReferralService(storage::Database &db, StampSource stamps)
    : m_db(db), m_repo(db), m_patients(db), m_door(db, stamps), m_assessments(db, stamps)
{
}

std::vector<domain::FieldError> ReferralService::check(Referral &r)
{
    auto errors = domain::normaliseAndValidate(r, m_door.stamps().today());
    for (auto &e : attachProblems(m_patients, r.patientId, r.receivedOn, domain::field::receivedOn))
        errors.push_back(std::move(e));
    return errors;
}

std::vector<domain::FieldError> ReferralService::conflicts(const Referral &r)
{
    if (const auto other = m_repo.byRef(r.referralRef); other && other->id != r.id)
        return {{domain::field::referralRef, tr("referral_ref %1 is already used.").arg(r.referralRef)}};
    return {};
}

SaveResult<Referral> ReferralService::add(Referral r)
{
    r.id = 0;
    return m_door.write<Referral>(domain::Action::EditReferral, [&](const storage::Stamp &stamp, Changes &changes) {
        auto errors = check(r);
        if (errors.empty()) {
            const auto twins = refCaseProblems(m_repo.refInOtherCase(r.referralRef), domain::field::referralRef, r.referralRef);
            if (!twins)
                return SaveResult<Referral>::failed(twins.failure());
            errors = twins.value();
        }
        if (!errors.empty())
            return SaveResult<Referral>::invalid(std::move(errors));
        const auto id = m_repo.insert(r, stamp); // a used ref is caught by the unique index, explained below
        if (!id) {
            if (auto used = conflicts(r); !used.empty())
                return SaveResult<Referral>::invalid(std::move(used));
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
        auto errors = check(r);
        if (errors.empty())
            errors = conflicts(r);
        if (!errors.empty())
            return SaveResult<Referral>::invalid(std::move(errors));
        const auto before = m_repo.byId(r.id);
        if (!before)
            return SaveResult<Referral>::failed(tr("This referral no longer exists."));
        if (Status s = m_repo.update(r, stamp); !s) {
            if (s.error().contains(QLatin1String("received_on is after a contact of this referral"))) // schema 8
                return SaveResult<Referral>::invalid({{domain::field::receivedOn,
                                                       tr("received_on is after a contact of this referral; check the date.")}});
            return SaveResult<Referral>::failed(s.failure());
        }
        changes.push_back({QStringLiteral("referral"), r.id, ChangeAction::Update, ReferralRepository::columns(*before),
                           ReferralRepository::columns(r), r.patientId});
        ++r.rowVersion;
        return SaveResult<Referral>{r, {}};
    });
}

SaveResult<Referral> ReferralService::triage(Referral r, const QDate &on, const QString &pathway, const QString &notes,
                                             std::optional<domain::Answers> startback)
{
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
            if (const auto saved = m_assessments.add(a); !saved.ok())
                return SaveResult<Referral>{std::nullopt, saved.problem};
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
        for (const auto &[code, community] : flags) {
            if (Status s = m_repo.setPathwayCommunity(code, community); !s)
                return SaveResult<bool>::failed(s.failure());
            changes.push_back({QStringLiteral("pathway"), domain::pathwayCodes().indexOf(code) + 1, ChangeAction::Update,
                               {{QStringLiteral("code"), code}, {QStringLiteral("community"), before.count(code) ? before.at(code) : false}},
                               {{QStringLiteral("code"), code}, {QStringLiteral("community"), community}}});
        }
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return Error{saved.problem.summary(), saved.problem.forbidden};
    return success();
}

// The domain rules, and the referral's patient must still be there (not removed).
std::vector<domain::FieldError> ReferralService::checkContact(Contact &c, qint64 &patientId)
{
    auto errors = domain::normaliseAndValidate(c, m_door.stamps().today());
    if (!errors.empty())
        return errors;
    const auto referral = m_repo.byId(c.referralId);
    if (!referral)
        return {{domain::field::referralRef, tr("The contact must belong to a referral that exists.")}};
    patientId = referral->patientId;
    return attachProblems(m_patients, referral->patientId, c.contactOn, domain::field::contactOn);
}

// The database refuses a contact dated before its referral was received (schema 4); the
// refusal is turned into a message on the field.
std::vector<domain::FieldError> ReferralService::explainContactFailure(const QString &error)
{
    if (error.contains(QLatin1String("contact_on is before the referral was received")))
        return {{domain::field::contactOn, tr("contact_on is before the referral was received.")}};
    return {};
}

SaveResult<Contact> ReferralService::addContact(Contact c)
{
    c.id = 0;
    return m_door.write<Contact>(domain::Action::RecordContact, [&](const storage::Stamp &stamp, Changes &changes) {
        qint64 patientId = 0;
        auto errors = checkContact(c, patientId);
        if (errors.empty()) {
            const auto twins = refCaseProblems(m_repo.contactRefInOtherCase(c.contactRef), domain::field::contactRef, c.contactRef);
            if (!twins)
                return SaveResult<Contact>::failed(twins.failure());
            errors = twins.value();
        }
        if (!errors.empty())
            return SaveResult<Contact>::invalid(std::move(errors));
        const auto id = m_repo.insertContact(c, stamp);
        if (!id) {
            if (auto refused = explainContactFailure(id.error()); !refused.empty())
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
        if (auto errors = checkContact(c, patientId); !errors.empty())
            return SaveResult<Contact>::invalid(std::move(errors));
        const auto before = m_repo.contactById(c.id);
        if (Status s = m_repo.updateContact(c, stamp); !s) {
            if (auto refused = explainContactFailure(s.error()); !refused.empty())
                return SaveResult<Contact>::invalid(std::move(refused));
            return SaveResult<Contact>::failed(s.failure());
        }
        changes.push_back({QStringLiteral("contact"), c.id, ChangeAction::Update,
                           before ? ReferralRepository::columns(*before) : QVariantMap{}, ReferralRepository::columns(c),
                           patientId});
        ++c.rowVersion;
        return SaveResult<Contact>{c, {}};
    });
}

} // namespace painmdt::services
