#include "storage/sqlvalues.h"

#include "domain/clinicaldate.h"

#include <QDateTime>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Storage", text); }

} // namespace

Error staleSave(Database &db, const char *table, qint64 id, const QString &what)
{
    // Only the stamp columns are read: whoever cannot see the record learns nothing else from it.
    QSqlQuery &q = db.prepared(QStringLiteral("SELECT t.updated_by, t.updated_at, u.display_name FROM %1 t "
                                              "LEFT JOIN app_user u ON u.user_name = t.updated_by WHERE t.id = ?")
                                   .arg(QLatin1String(table)));
    q.addBindValue(id);
    Error stale{tr("Someone else changed this %1 meanwhile. Open it again and redo your change.").arg(what)};
    stale.stale = true;
    const bool ran = q.exec();
    if (!ran || !q.next()) { // removed meanwhile, or the look-up failed: the refusal stands
        if (ran)
            stale.message = tr("This %1 was removed by someone else meanwhile; nothing was saved.").arg(what);
        q.finish();
        return stale;
    }
    const QString user = q.value(0).toString();
    const QString name = q.value(2).toString();
    const QDateTime at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs).toLocalTime();
    q.finish();
    if (user.isEmpty() || !at.isValid())
        return stale;
    const QString who = name.isEmpty() || name == user ? user : QStringLiteral("%1 (%2)").arg(name, user);
    stale.message = tr("%1 changed this %2 at %3 on %4, after you opened it, so nothing was saved. Open it again "
                       "to see their change, then redo yours.")
                        .arg(who, what, at.toString(QStringLiteral("HH:mm")), domain::formatClinicalDate(at.date()));
    return stale;
}

} // namespace painmdt::storage
