#include "services/door.h"

#include "services/changehub.h"
#include "storage/database.h"

#include <QObject>

namespace painmdt::services {

QString SaveProblem::summary() const
{
    QStringList parts;
    for (const domain::FieldError &e : fieldErrors)
        parts << e.message;
    if (!message.isEmpty())
        parts << message;
    return parts.join(QLatin1Char(' '));
}

Error SaveProblem::error() const
{
    Error e{summary(), forbidden, fault};
    e.stale = stale;
    return e;
}

Door::Door(storage::Database &db, StampSource stamps)
    : m_db(db), m_log(db), m_users(db), m_stamps(std::move(stamps))
{
}

bool Door::inTransaction() const
{
    return m_db.inTransaction();
}

Status Door::accountAllows(domain::Action action)
{
    if (action == domain::Action::SignIn)
        return success(); // a log-in is checked by the log-in itself
    const auto account = m_users.byName(m_stamps.actor());
    if (!account)
        return Error{account.error(), false, true};
    if (!account->has_value())
        return success(); // not an account: the demo generator, a test's session
    const auto role = domain::parseRole(account->value().role);
    if (account->value().disabled || !role || !domain::allowed(*role, action))
        return Error{QObject::tr("%1's account was disabled, or its role changed, since logging in. Nothing was "
                                 "saved: close PainMDT and log in again.").arg(m_stamps.actor()), true};
    return success();
}

void Door::noteWrites(const Changes &changes)
{
    for (const storage::ChangeRecord &change : changes)
        m_db.noteWrite(change.entity);
}

void Door::settle(const Changes &changes, bool committed)
{
    ChangeHub *hub = m_stamps.hub();
    if (!hub)
        return;
    if (committed)
        hub->hold(changes);
    if (m_db.inTransaction())
        return; // a write inside a larger one: its fate is decided there
    if (committed)
        hub->commit();
    else
        hub->discard();
}

Status Door::record(const storage::ChangeRecord &event)
{
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return Error{tx.error(), false, true};
    if (Status s = m_log.record(m_stamps.now(), event); !s)
        return Error{s.error(), false, true};
    if (Status s = tx.commit(); !s)
        return Error{s.error(), false, true};
    return success();
}

} // namespace painmdt::services
