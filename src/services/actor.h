#pragma once
// Who is making a change, with which role, and when: the session behind every service call.
// The command line and the GUI make one after log-in (services/accountservice.h); the services
// check the role against the one matrix (domain/access.h) before any write.
#include "domain/access.h"
#include "storage/changelog.h"

#include <QString>
#include <functional>

namespace painmdt::services {

class ChangeHub;

QString currentActor();

// Makes the who-and-when for each write; tests replace the clock to get fixed timestamps. The
// role defaults to read-only: a caller that forgot to log in can change nothing.
class StampSource {
public:
    explicit StampSource(QString actor = currentActor(),
                         std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); },
                         domain::Role role = domain::Role::ReadOnly)
        : m_actor(std::move(actor)), m_clock(std::move(clock)), m_role(role) {}
    storage::Stamp now() const { return {m_actor, m_clock()}; }
    // The local date, converted once a minute: converting to local time reads the time zone file
    // each time (7,500 times for a 2,000-patient demo). Offsets are whole quarter-hours, so the
    // local date cannot change within a UTC minute.
    QDate today() const
    {
        const QDateTime now = m_clock();
        const qint64 minute = now.toSecsSinceEpoch() / 60;
        if (minute != m_todayMinute) {
            m_todayMinute = minute;
            m_today = now.toLocalTime().date();
        }
        return m_today;
    }
    QString actor() const { return m_actor; }
    domain::Role role() const { return m_role; }
    // Where this session's writes are announced after they commit (the GUI's); none on the
    // command line. Not owned.
    ChangeHub *hub() const { return m_hub; }
    void setHub(ChangeHub *hub) { m_hub = hub; }

    bool may(domain::Action action) const { return domain::allowed(m_role, action); }
    // "a.manager (Service manager) may not record contacts.", marked forbidden.
    Error refusal(domain::Action action) const;
    // Success, or the refusal: the first line of every service write.
    Status require(domain::Action action) const;

private:
    QString m_actor;
    std::function<QDateTime()> m_clock;
    domain::Role m_role;
    ChangeHub *m_hub = nullptr;
    mutable qint64 m_todayMinute = -1;
    mutable QDate m_today;
};

} // namespace painmdt::services
