#include "storage/settingsrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

namespace painmdt::storage {

SettingsRepository::SettingsRepository(Database &db) : m_db(db) {}

Result<std::optional<QString>> SettingsRepository::value(const QString &key)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT value FROM setting WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec())
        return sqlError(q.lastError());
    std::optional<QString> found;
    if (q.next())
        found = q.value(0).toString();
    q.finish();
    return found;
}

Status SettingsRepository::setValue(const QString &key, const QString &value, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO setting(key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
        "value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by"));
    bindAll(q, {key, value, stamp.atText(), stamp.actor});
    if (!q.exec())
        return sqlError(q.lastError());
    return success();
}

} // namespace painmdt::storage
