#include "services/referralservice.h"

#include "services/patientrules.h"
#include "storage/transaction.h"

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
    : m_db(db), m_repo(db), m_patients(db), m_changes(db), m_stamps(stamps), m_assessments(db, stamps)
{
}

std::vector<domain::FieldError> ReferralService::check(Referral &r)
{
    auto errors = domain::normaliseAndValidate(r, m_stamps.today());
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
    auto errors = check(r);
    if (errors.empty())
        errors = refCaseProblems(m_repo.refInOtherCase(r.referralRef), domain::field::referralRef, r.referralRef);
    if (!errors.empty())
        return SaveResult<Referral>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Referral>::failed(tx.error());
    const auto stamp = m_stamps.now();
    const auto id = m_repo.insert(r, stamp); // a used ref is caught by the unique index, explained below
    if (!id) {
        if (Status undone = tx.rollback(); !undone)
            return SaveResult<Referral>::failed(undone.error());
        if (auto errors = conflicts(r); !errors.empty())
            return SaveResult<Referral>::invalid(std::move(errors));
        return SaveResult<Referral>::failed(id.error());
    }
    r.id = id.value();
    r.rowVersion = 1;
    if (Status s = m_changes.record(stamp, {QStringLiteral("referral"), r.id, ChangeAction::Create, {}, {}}); !s)
        return SaveResult<Referral>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Referral>::failed(s.error());
    return {r, {}};
}

SaveResult<Referral> ReferralService::update(Referral r)
{
    auto errors = check(r);
    if (errors.empty())
        errors = conflicts(r);
    if (!errors.empty())
        return SaveResult<Referral>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Referral>::failed(tx.error());
    const auto before = m_repo.byId(r.id);
    if (!before)
        return SaveResult<Referral>::failed(tr("This referral no longer exists."));
    const auto stamp = m_stamps.now();
    if (Status s = m_repo.update(r, stamp); !s)
        return SaveResult<Referral>::failed(s.error());
    if (Status s = m_changes.record(stamp, {QStringLiteral("referral"), r.id, ChangeAction::Update,
                                            ReferralRepository::columns(*before), ReferralRepository::columns(r)});
        !s)
        return SaveResult<Referral>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Referral>::failed(s.error());
    ++r.rowVersion;
    return {r, {}};
}

SaveResult<Referral> ReferralService::triage(Referral r, const QDate &on, const QString &pathway, const QString &notes,
                                             std::optional<domain::Answers> startback)
{
    storage::Transaction tx(m_db); // the assessment and the decision together, or neither
    if (!tx.ok())
        return SaveResult<Referral>::failed(tx.error());
    if (startback) {
        domain::Assessment a;
        a.patientId = r.patientId;
        a.referralId = r.id;
        a.instrument = QStringLiteral("startback");
        a.occasion = QStringLiteral("referral");
        a.collectedOn = on;
        a.collectedBy = m_stamps.actor();
        a.answers = *startback;
        const auto saved = m_assessments.add(a);
        if (!saved.ok())
            return {std::nullopt, saved.problem};
    }
    r.triagedOn = on;
    r.pathway = pathway;
    r.triageNotes = notes;
    auto saved = update(r);
    if (!saved.ok())
        return saved;
    if (Status s = tx.commit(); !s)
        return SaveResult<Referral>::failed(s.error());
    return saved;
}

// The domain rules, and the referral's patient must still be there (not removed).
std::vector<domain::FieldError> ReferralService::checkContact(Contact &c)
{
    auto errors = domain::normaliseAndValidate(c, m_stamps.today());
    if (!errors.empty())
        return errors;
    const auto referral = m_repo.byId(c.referralId);
    if (!referral)
        return {{domain::field::referralRef, tr("The contact must belong to a referral that exists.")}};
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
    auto errors = checkContact(c);
    if (errors.empty())
        errors = refCaseProblems(m_repo.contactRefInOtherCase(c.contactRef), domain::field::contactRef, c.contactRef);
    if (!errors.empty())
        return SaveResult<Contact>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Contact>::failed(tx.error());
    const auto stamp = m_stamps.now();
    const auto id = m_repo.insertContact(c, stamp);
    if (!id) {
        if (auto errors = explainContactFailure(id.error()); !errors.empty())
            return SaveResult<Contact>::invalid(std::move(errors));
        return SaveResult<Contact>::failed(id.error());
    }
    c.id = id.value();
    c.rowVersion = 1;
    if (Status s = m_changes.record(stamp, {QStringLiteral("contact"), c.id, ChangeAction::Create, {}, {}}); !s)
        return SaveResult<Contact>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Contact>::failed(s.error());
    return {c, {}};
}

SaveResult<Contact> ReferralService::updateContact(Contact c)
{
    if (auto errors = checkContact(c); !errors.empty())
        return SaveResult<Contact>::invalid(std::move(errors));
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return SaveResult<Contact>::failed(tx.error());
    const auto before = m_repo.contactById(c.id);
    const auto stamp = m_stamps.now();
    if (Status s = m_repo.updateContact(c, stamp); !s) {
        if (auto errors = explainContactFailure(s.error()); !errors.empty())
            return SaveResult<Contact>::invalid(std::move(errors));
        return SaveResult<Contact>::failed(s.error());
    }
    if (Status s = m_changes.record(stamp, {QStringLiteral("contact"), c.id, ChangeAction::Update,
                                            before ? ReferralRepository::columns(*before) : QVariantMap{},
                                            ReferralRepository::columns(c)});
        !s)
        return SaveResult<Contact>::failed(s.error());
    if (Status s = tx.commit(); !s)
        return SaveResult<Contact>::failed(s.error());
    ++c.rowVersion;
    return {c, {}};
}

} // namespace painmdt::services
