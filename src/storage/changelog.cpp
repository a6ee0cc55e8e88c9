#include "storage/sqlerror.h"
#include "storage/changelog.h"

#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace painmdt::storage {

namespace {

QString actionCode(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create: return QStringLiteral("create");
    case ChangeAction::Update: return QStringLiteral("update");
    case ChangeAction::Delete: return QStringLiteral("delete");
    case ChangeAction::Restore: return QStringLiteral("restore");
    }
    return {};
}

QByteArray diffJson(const QVariantMap &before, const QVariantMap &after)
{
    QJsonObject diff;
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    for (const QString &key : keys) {
        const QVariant oldValue = before.value(key);
        const QVariant newValue = after.value(key);
        if (oldValue != newValue)
            diff.insert(key, QJsonArray{QJsonValue::fromVariant(oldValue), QJsonValue::fromVariant(newValue)});
    }
    return QJsonDocument(diff).toJson(QJsonDocument::Compact);
}

} // namespace

ChangeLog::ChangeLog(Database &db) : m_insert(db.prepared(QStringLiteral("INSERT INTO change_log(at, actor, entity, entity_id, action, changes) "
                                    "VALUES (?, ?, ?, ?, ?, ?)")))
{
}

Status ChangeLog::record(const Stamp &stamp, const ChangeRecord &change)
{
    QSqlQuery &q = m_insert;
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
    q.addBindValue(change.entity);
    q.addBindValue(change.entityId);
    q.addBindValue(actionCode(change.action));
    // A created row holds its own first values; only later changes need the old values kept.
    q.addBindValue(change.action == ChangeAction::Create ? QVariant(QMetaType(QMetaType::QString))
                                                         : QVariant(QString::fromUtf8(diffJson(change.before, change.after))));
    if (!q.exec())
        return Error{QObject::tr("The change could not be recorded: %1").arg(explain(q.lastError()))};
    return success();
}

std::vector<ChangeEntry> changesOf(Database &db, const QString &entity, qint64 entityId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT at, actor, action, changes FROM change_log "
                             "WHERE entity = ? AND entity_id = ? ORDER BY id"));
    q.addBindValue(entity);
    q.addBindValue(entityId);
    std::vector<ChangeEntry> entries;
    if (!q.exec())
        return entries;
    while (q.next())
        entries.push_back({QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs),
                           q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    return entries;
}

} // namespace painmdt::storage
