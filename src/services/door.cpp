#include "services/door.h"

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

Status Door::record(const storage::ChangeRecord &event)
{
    storage::Transaction tx(m_db);
    if (!tx.ok())
        return Error{tx.error()};
    if (Status s = m_log.record(m_stamps.now(), event); !s)
        return s;
    return tx.commit();
}

} // namespace painmdt::services
