#include "services/reviewservice.h"

#include "domain/clinicaldate.h"
#include "domain/referralrules.h"
#include "domain/textrules.h"
#include "services/patientrules.h"

#include <QCoreApplication>
#include <map>

namespace painmdt::services {

using domain::AgendaItem;
using domain::MdtAction;
using domain::MdtMeeting;
using storage::ChangeAction;
using storage::ReviewRepository;

namespace {
QString tr(const char *text) { return QCoreApplication::translate("ReviewService", text); }
const auto action = domain::Action::ReviewCases;
} // namespace

ReviewService::ReviewService(storage::Database &db, StampSource stamps)
    : m_repo(db), m_referrals(db), m_patients(db), m_door(db, std::move(stamps))
{
}

SaveResult<MdtMeeting> ReviewService::saveMeeting(MdtMeeting m)
{
    return m_door.write<MdtMeeting>(action, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = domain::validate(m); !errors.empty())
            return SaveResult<MdtMeeting>::invalid(std::move(errors));
        if (m.id == 0) {
            const auto id = m_repo.insert(m, stamp);
            if (!id)
                return SaveResult<MdtMeeting>::failed(id.failure());
            m.id = id.value();
            m.rowVersion = 1;
            changes.push_back({QStringLiteral("mdt_meeting"), m.id, ChangeAction::Create, {}, ReviewRepository::columns(m)});
            return SaveResult<MdtMeeting>{m, {}};
        }
        const auto before = m_repo.meeting(m.id);
        if (!before || !before->has_value())
            return SaveResult<MdtMeeting>::failed(before ? Error{tr("This meeting no longer exists.")} : before.failure());
        if (Status s = m_repo.update(m, stamp); !s)
            return SaveResult<MdtMeeting>::failed(s.failure());
        changes.push_back({QStringLiteral("mdt_meeting"), m.id, ChangeAction::Update,
                           ReviewRepository::columns(before->value()), ReviewRepository::columns(m)});
        ++m.rowVersion;
        return SaveResult<MdtMeeting>{m, {}};
    });
}

SaveResult<AgendaItem> ReviewService::addToAgenda(qint64 meetingId, qint64 patientId, const QString &because)
{
    return m_door.write<AgendaItem>(action, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto stop = stopFor<AgendaItem>(attachProblems(m_patients, patientId, {}, "patient_id")))
            return *stop;
        const auto items = m_repo.items(meetingId);
        if (!items)
            return SaveResult<AgendaItem>::failed(items.failure());
        for (const AgendaItem &i : items.value())
            if (i.patientId == patientId)
                return SaveResult<AgendaItem>::invalid({{"patient_id", tr("This patient is on the agenda already.")}});
        AgendaItem item;
        item.meetingId = meetingId;
        item.patientId = patientId;
        item.position = int(items->size()) + 1;
        item.suggestedBecause = because.simplified();
        const auto id = m_repo.insert(item, stamp);
        if (!id)
            return SaveResult<AgendaItem>::failed(id.failure());
        item.id = id.value();
        item.rowVersion = 1;
        changes.push_back({QStringLiteral("mdt_item"), item.id, ChangeAction::Create, {}, ReviewRepository::columns(item), patientId});
        return SaveResult<AgendaItem>{item, {}};
    });
}

SaveResult<AgendaItem> ReviewService::saveItem(AgendaItem item)
{
    return m_door.write<AgendaItem>(action, [&](const storage::Stamp &stamp, Changes &changes) {
        std::vector<domain::FieldError> errors;
        domain::checkText(item.discussion, "discussion", domain::TextKind::FreeText, errors);
        domain::checkText(item.decisions, "decisions", domain::TextKind::FreeText, errors);
        if (!errors.empty())
            return SaveResult<AgendaItem>::invalid(std::move(errors));
        const auto before = m_repo.item(item.id);
        if (!before || !before->has_value())
            return SaveResult<AgendaItem>::failed(before ? Error{tr("This agenda item no longer exists.")} : before.failure());
        if (Status s = m_repo.update(item, stamp); !s)
            return SaveResult<AgendaItem>::failed(s.failure());
        changes.push_back({QStringLiteral("mdt_item"), item.id, ChangeAction::Update, ReviewRepository::columns(before->value()),
                           ReviewRepository::columns(item), item.patientId});
        ++item.rowVersion;
        return SaveResult<AgendaItem>{item, {}};
    });
}

Status ReviewService::removeFromAgenda(const AgendaItem &item)
{
    const auto done = m_door.write<bool>(action, [&](const storage::Stamp &, Changes &changes) {
        const auto actions = m_repo.actions(item.id);
        if (!actions)
            return SaveResult<bool>::failed(actions.failure());
        if (!actions->empty() || !item.discussion.trimmed().isEmpty() || !item.decisions.trimmed().isEmpty())
            return SaveResult<bool>::failed(
                tr("This patient was discussed: the item stays in the minutes. Say in its decisions if it was deferred."));
        if (Status s = m_repo.remove(item); !s)
            return SaveResult<bool>::failed(s.failure());
        changes.push_back({QStringLiteral("mdt_item"), item.id, ChangeAction::Delete, ReviewRepository::columns(item), {},
                           item.patientId});
        return SaveResult<bool>{true, {}};
    });
    if (!done.ok())
        return done.problem.error();
    return success();
}

Problems ReviewService::itemPatient(qint64 itemId, qint64 &patientId)
{
    const auto item = m_repo.item(itemId);
    if (!item)
        return item.failure();
    if (!item->has_value())
        return std::vector<domain::FieldError>{{"item_id", tr("The action must belong to an agenda item that exists.")}};
    patientId = item->value().patientId;
    return std::vector<domain::FieldError>{};
}

SaveResult<MdtAction> ReviewService::saveAction(MdtAction a)
{
    return m_door.write<MdtAction>(action, [&](const storage::Stamp &stamp, Changes &changes) {
        if (auto errors = domain::validate(a); !errors.empty())
            return SaveResult<MdtAction>::invalid(std::move(errors));
        qint64 patientId = 0;
        if (auto stop = stopFor<MdtAction>(itemPatient(a.itemId, patientId)))
            return *stop;
        if (a.id == 0) {
            const auto id = m_repo.insert(a, stamp);
            if (!id)
                return SaveResult<MdtAction>::failed(id.failure());
            a.id = id.value();
            a.rowVersion = 1;
            changes.push_back({QStringLiteral("mdt_action"), a.id, ChangeAction::Create, {}, ReviewRepository::columns(a), patientId});
            return SaveResult<MdtAction>{a, {}};
        }
        const auto before = m_repo.action(a.id);
        if (!before || !before->has_value())
            return SaveResult<MdtAction>::failed(before ? Error{tr("This action no longer exists.")} : before.failure());
        if (Status s = m_repo.update(a, stamp); !s)
            return SaveResult<MdtAction>::failed(s.failure());
        changes.push_back({QStringLiteral("mdt_action"), a.id, ChangeAction::Update, ReviewRepository::columns(before->value()),
                           ReviewRepository::columns(a), patientId});
        ++a.rowVersion;
        return SaveResult<MdtAction>{a, {}};
    });
}

Many<MdtMeeting> ReviewService::meetings(int limit) { return m_repo.meetings(limit); }
Maybe<MdtMeeting> ReviewService::meeting(qint64 id) { return m_repo.meeting(id); }
Many<AgendaItem> ReviewService::agenda(qint64 meetingId) { return m_repo.items(meetingId); }
Many<MdtAction> ReviewService::actions(qint64 itemId) { return m_repo.actions(itemId); }
Many<domain::ActionRow> ReviewService::openActions(const QString &owner, int limit) { return m_repo.openActions(owner, limit); }

Many<domain::Suggestion> ReviewService::suggestions(const QDate &today, int limit)
{
    std::map<qint64, QStringList> why; // patient -> reasons, in the order found
    std::vector<qint64> order;
    const auto note = [&](qint64 patient, const QString &reason) {
        if (!why.count(patient))
            order.push_back(patient);
        if (!why[patient].contains(reason))
            why[patient] << reason;
    };
    domain::CaseloadQuery q;
    q.today = today;
    for (const auto view : {domain::CaseloadQuery::View::Open, domain::CaseloadQuery::View::Flagged}) { // overdue first
        q.view = view;
        const auto rows = m_referrals.caseload(q);
        if (!rows)
            return rows.failure();
        for (const auto &row : rows.value()) {
            if (domain::checkInOn(row.nextCheckIn, today) == domain::CheckIn::Overdue)
                note(row.patient.id, tr("check-in overdue since %1").arg(domain::formatClinicalDate(row.nextCheckIn)));
            if (row.stratum == domain::Stratum::High)
                note(row.patient.id, tr("STarT Back High"));
            if (row.flagged)
                note(row.patient.id, tr("flagged by the team"));
        }
    }
    std::vector<domain::Suggestion> suggestions;
    for (qint64 patient : order) {
        if (int(suggestions.size()) >= limit)
            break;
        suggestions.push_back({patient, why[patient].join(QStringLiteral("; "))});
    }
    return suggestions;
}

} // namespace painmdt::services
