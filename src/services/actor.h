#pragma once
// Who is making a change. Until log-in exists (clinical reference §5) this is the operating
// system account, which is already personal on NHS machines.
#include "storage/changelog.h"

#include <QString>
#include <functional>

namespace painmdt::services {

QString currentActor();

// Makes the who-and-when for each write; tests replace the clock to get fixed timestamps.
class StampSource {
public:
    explicit StampSource(QString actor = currentActor(),
                         std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); })
        : m_actor(std::move(actor)), m_clock(std::move(clock)) {}
    storage::Stamp now() const { return {m_actor, m_clock()}; }
    QDate today() const { return m_clock().toLocalTime().date(); }
    QString actor() const { return m_actor; }

private:
    QString m_actor;
    std::function<QDateTime()> m_clock;
};

} // namespace painmdt::services
