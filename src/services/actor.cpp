#include "services/actor.h"

#include <QCoreApplication>
#include <QtGlobal>

namespace painmdt::services {

QString currentActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

Error StampSource::refusal(domain::Action action) const
{
    return Error{QCoreApplication::translate("Access", "%1 (%2) may not %3; ask an administrator if you need to.")
                     .arg(m_actor, domain::roleLabel(m_role), domain::actionLabel(action)),
                 true};
}

Status StampSource::require(domain::Action action) const
{
    if (may(action))
        return success();
    return refusal(action);
}

} // namespace painmdt::services
