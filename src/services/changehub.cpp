#include "services/changehub.h"

#include "storage/database.h"

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
    m_poll.start(intervalMs);
}

void ChangeHub::checkNow()
{
    if (!m_watched)
        return;
    const auto version = m_watched->dataVersion();
    if (!version || version.value() == m_dataVersion)
        return; // a failed poll is retried at the next tick; the views show their own read errors
    m_dataVersion = version.value();
    ChangeNotice notice;
    notice.external = true;
    Q_EMIT changed(notice);
}

} // namespace painmdt::services
