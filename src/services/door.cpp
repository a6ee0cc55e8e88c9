#include "services/door.h"

#include "services/changehub.h"
#include "storage/database.h"

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

Door::Door(storage::Database &db, StampSource stamps) : m_db(db), m_log(db), m_stamps(std::move(stamps)) {}

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
