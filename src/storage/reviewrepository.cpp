#include "storage/reviewrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace painmdt::storage {

using domain::AgendaItem;
using domain::MdtAction;
using domain::MdtMeeting;

namespace {

const QString meetingColumns = QStringLiteral("SELECT id, held_on, title, attendees, row_version FROM mdt_meeting ");
const QString itemColumns = QStringLiteral(
    "SELECT id, meeting_id, patient_id, position, suggested_because, discussion, decisions, row_version FROM mdt_item ");
const QString actionColumns = QStringLiteral(
    "SELECT a.id, a.item_id, a.description, a.owner, a.due_on, a.done_on, a.row_version FROM mdt_action a ");

MdtMeeting meetingFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), dateAt(q, 1), q.value(2).toString(), q.value(3).toString(), q.value(4).toInt()};
}

AgendaItem itemFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toInt()};
}

MdtAction actionFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
            dateAt(q, 4), dateAt(q, 5), q.value(6).toInt()};
}

// Text columns here are NOT NULL ('' when nothing was written); a null QString binds as NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariantList stamped(QVariantList values, const Stamp &stamp, bool creating)
{
    if (creating)
        values << stamp.atText() << stamp.actor;
    values << stamp.atText() << stamp.actor;
    return values;
}

} // namespace

Many<MdtMeeting> ReviewRepository::meetings(int limit)
{
    QSqlQuery &q = m_db.prepared(meetingColumns + QStringLiteral("ORDER BY held_on DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    return fetchAll<MdtMeeting>(q, meetingFrom);
}

Maybe<MdtMeeting> ReviewRepository::meeting(qint64 id)
{
    QSqlQuery &q = m_db.prepared(meetingColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<MdtMeeting>(q, meetingFrom);
}

Many<AgendaItem> ReviewRepository::items(qint64 meetingId)
{
    QSqlQuery &q = m_db.prepared(itemColumns + QStringLiteral("WHERE meeting_id = ? ORDER BY position, id"));
    q.addBindValue(meetingId);
    return fetchAll<AgendaItem>(q, itemFrom);
}

Many<domain::ReviewEntry> ReviewRepository::forPatient(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT i.id, i.meeting_id, i.patient_id, i.position, i.suggested_because, i.discussion, i.decisions, "
        "i.row_version, m.held_on, m.title FROM mdt_item i JOIN mdt_meeting m ON m.id = i.meeting_id "
        "WHERE i.patient_id = ? ORDER BY m.held_on, i.id"));
    q.addBindValue(patientId);
    auto entries = fetchAll<domain::ReviewEntry>(q, [](const QSqlQuery &r) {
        return domain::ReviewEntry{dateAt(r, 8), r.value(9).toString(), itemFrom(r), {}};
    });
    if (!entries)
        return entries;
    for (auto &entry : entries.value()) {
        auto of = actions(entry.item.id);
        if (!of)
            return of.failure();
        entry.actions = std::move(of.value());
    }
    return entries;
}

Maybe<AgendaItem> ReviewRepository::item(qint64 id)
{
    QSqlQuery &q = m_db.prepared(itemColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<AgendaItem>(q, itemFrom);
}

Many<MdtAction> ReviewRepository::actions(qint64 itemId)
{
    QSqlQuery &q = m_db.prepared(actionColumns + QStringLiteral("WHERE a.item_id = ? ORDER BY a.id"));
    q.addBindValue(itemId);
    return fetchAll<MdtAction>(q, actionFrom);
}

Maybe<MdtAction> ReviewRepository::action(qint64 id)
{
    QSqlQuery &q = m_db.prepared(actionColumns + QStringLiteral("WHERE a.id = ?"));
    q.addBindValue(id);
    return fetchOne<MdtAction>(q, actionFrom);
}

Many<domain::ActionRow> ReviewRepository::openActions(const QString &owner, int limit)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT a.id, a.item_id, a.description, a.owner, a.due_on, a.done_on, a.row_version, "
        "p.id, p.family_name, p.given_name, p.date_of_birth, p.nhs_number, m.held_on "
        "FROM mdt_action a JOIN mdt_item i ON i.id = a.item_id JOIN mdt_meeting m ON m.id = i.meeting_id "
        "JOIN patient p ON p.id = i.patient_id "
        "WHERE a.done_on IS NULL AND p.deleted_at IS NULL AND (? = '' OR a.owner = ? COLLATE NOCASE) "
        "ORDER BY a.due_on, a.id LIMIT ?"));
    bindAll(q, {text(owner), text(owner), limit});
    return fetchAll<domain::ActionRow>(q, [](const QSqlQuery &r) {
        domain::ActionRow row;
        row.action = actionFrom(r);
        row.patient.id = r.value(7).toLongLong();
        row.patient.familyName = r.value(8).toString();
        row.patient.givenName = r.value(9).toString();
        row.patient.dateOfBirth = dateAt(r, 10);
        row.patient.nhsNumber = r.value(11).toString();
        row.meetingOn = dateAt(r, 12);
        return row;
    });
}

Result<qint64> ReviewRepository::insert(const MdtMeeting &m, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO mdt_meeting(held_on, title, attendees, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, stamped({m.heldOn.toString(Qt::ISODate), m.title, text(m.attendees)}, stamp, true));
    return insertReturningId(m_db, q, QObject::tr("meeting"));
}

Status ReviewRepository::update(const MdtMeeting &m, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE mdt_meeting SET held_on = ?, title = ?, attendees = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, stamped({m.heldOn.toString(Qt::ISODate), m.title, text(m.attendees)}, stamp, false) << m.id << m.rowVersion);
    return updatedOne(m_db, q, QObject::tr("meeting"), "mdt_meeting", m.id);
}

Result<qint64> ReviewRepository::insert(const AgendaItem &i, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO mdt_item(meeting_id, patient_id, position, suggested_because, discussion, decisions, "
        "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, stamped({i.meetingId, i.patientId, i.position, text(i.suggestedBecause), text(i.discussion),
                        text(i.decisions)}, stamp, true));
    return insertReturningId(m_db, q, QObject::tr("agenda item"));
}

Status ReviewRepository::update(const AgendaItem &i, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE mdt_item SET position = ?, suggested_because = ?, discussion = ?, decisions = ?, updated_at = ?, "
        "updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, stamped({i.position, text(i.suggestedBecause), text(i.discussion), text(i.decisions)}, stamp, false)
                   << i.id << i.rowVersion);
    return updatedOne(m_db, q, QObject::tr("agenda item"), "mdt_item", i.id);
}

Status ReviewRepository::remove(const AgendaItem &i)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("DELETE FROM mdt_item WHERE id = ? AND row_version = ?"));
    bindAll(q, {i.id, i.rowVersion});
    return updatedOne(m_db, q, QObject::tr("agenda item"), "mdt_item", i.id);
}

Result<qint64> ReviewRepository::insert(const MdtAction &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO mdt_action(item_id, description, owner, due_on, done_on, created_at, created_by, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, stamped({a.itemId, a.description, a.owner, a.dueOn.toString(Qt::ISODate), isoOrNull(a.doneOn)}, stamp, true));
    return insertReturningId(m_db, q, QObject::tr("action"));
}

Status ReviewRepository::update(const MdtAction &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE mdt_action SET description = ?, owner = ?, due_on = ?, done_on = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindAll(q, stamped({a.description, a.owner, a.dueOn.toString(Qt::ISODate), isoOrNull(a.doneOn)}, stamp, false)
                   << a.id << a.rowVersion);
    return updatedOne(m_db, q, QObject::tr("action"), "mdt_action", a.id);
}

QVariantMap ReviewRepository::columns(const MdtMeeting &m)
{
    return {{QStringLiteral("held_on"), m.heldOn.toString(Qt::ISODate)}, {QStringLiteral("title"), m.title},
            {QStringLiteral("attendees"), m.attendees}};
}

QVariantMap ReviewRepository::columns(const AgendaItem &i)
{
    return {{QStringLiteral("meeting_id"), i.meetingId}, {QStringLiteral("patient_id"), i.patientId},
            {QStringLiteral("position"), i.position}, {QStringLiteral("suggested_because"), i.suggestedBecause},
            {QStringLiteral("discussion"), i.discussion}, {QStringLiteral("decisions"), i.decisions}};
}

QVariantMap ReviewRepository::columns(const MdtAction &a)
{
    return {{QStringLiteral("item_id"), a.itemId}, {QStringLiteral("description"), a.description},
            {QStringLiteral("owner"), a.owner}, {QStringLiteral("due_on"), a.dueOn.toString(Qt::ISODate)},
            {QStringLiteral("done_on"), a.doneOn.toString(Qt::ISODate)}};
}

} // namespace painmdt::storage
