#include "services/changehub.h"

#include "storage/auditqueries.h"
#include "storage/database.h"

#include <algorithm>

namespace painmdt::services {

ChangeHub::ChangeHub(QObject *parent) : QObject(parent)
{
    connect(&m_poll, &QTimer::timeout, this, &ChangeHub::checkNow);
}

void ChangeHub::hold(const std::vector<storage::ChangeRecord> &changes)
{
    for (const storage::ChangeRecord &c : changes) {
        m_held.entities.insert(c.entity);
        if (c.patientId > 0)
            m_held.patientIds.insert(c.patientId);
    }
}

void ChangeHub::commit()
{
    // Our own audit rows are not news at the next poll. When the trail ended where this hub had
    // read to as the transaction took the write lock, every row up to its last is ours. (On the
    // server the data version is the trail's end, so it moves for our commits too.)
    if (m_watched) {
        const storage::Database::AuditSpan &span = m_watched->auditSpan();
        if (span.before == m_lastAuditId && span.last > m_lastAuditId)
            m_lastAuditId = span.last;
    }
    if (m_held.entities.isEmpty())
        return;
    const ChangeNotice notice = std::exchange(m_held, {});
    Q_EMIT changed(notice);
}

void ChangeHub::discard()
{
    m_held = {};
}

void ChangeHub::watch(storage::Database &db, int intervalMs)
{
    m_watched = &db;
    const auto version = db.dataVersion();
    m_dataVersion = version ? version.value() : -1;
    const auto last = storage::lastAuditId(db);
    m_lastAuditId = last ? last.value() : 0;
    // Where the server announces each commit (LISTEN/NOTIFY), a colleague's change shows at once;
    // the poll stays, slower, for an announcement missed while the connection was being made again.
    const bool announced = db.listenForCommits(this, [this] { checkNow(); });
    m_poll.start(announced ? std::max(intervalMs, 10000) : intervalMs);
}

void ChangeHub::checkNow()
{
    if (!m_watched)
        return;
    const auto version = m_watched->dataVersion();
    if (!version || version.value() == m_dataVersion)
        return; // a failed poll is retried at the next tick; the views show their own read errors
    m_dataVersion = version.value();
    constexpr int enough = 1000; // more than this (an import): reload everything
    const auto rows = storage::auditAfter(*m_watched, m_lastAuditId, enough);
    ChangeNotice notice;
    notice.external = !rows || rows->size() >= size_t(enough);
    for (const auto &row : rows ? rows.value() : std::vector<storage::AuditRecord>{}) {
        m_lastAuditId = row.id;
        if (!storage::recordChanges().contains(row.action))
            continue; // an event (a record opened, a report, a log-in) changes no list
        notice.entities.insert(row.entity);
        if (row.patientId > 0)
            notice.patientIds.insert(row.patientId);
    }
    if (notice.external) {
        const auto last = storage::lastAuditId(*m_watched);
        m_lastAuditId = last ? last.value() : m_lastAuditId;
    }
    if (notice.external || !notice.entities.isEmpty())
        Q_EMIT changed(notice);
}

} // namespace painmdt::services
