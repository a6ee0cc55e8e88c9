#include "storage/userrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

#include <QCryptographicHash>

namespace painmdt::storage {

namespace {

const QString userColumns = QStringLiteral(
    "SELECT id, user_name, display_name, role, password_hash, disabled, failed_attempts, locked_until, row_version "
    "FROM app_user ");

UserRecord userFrom(const QSqlQuery &q)
{
    UserRecord u;
    u.id = q.value(0).toLongLong();
    u.userName = q.value(1).toString();
    u.displayName = q.value(2).toString();
    u.role = q.value(3).toString();
    u.passwordHash = q.value(4).toString();
    u.disabled = q.value(5).toInt() != 0;
    u.failedAttempts = q.value(6).toInt();
    u.lockedUntil = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
    u.rowVersion = q.value(8).toInt();
    return u;
}

QVariant lockedText(const UserRecord &u)
{
    return u.lockedUntil.isValid() ? QVariant(u.lockedUntil.toUTC().toString(Qt::ISODateWithMs))
                                   : QVariant(QMetaType(QMetaType::QString));
}

} // namespace

UserRepository::UserRepository(Database &db) : m_db(db) {}

Result<qint64> UserRepository::count()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT COUNT(*) FROM app_user"));
    if (!q.exec() || !q.next())
        return Error{explain(q.lastError())};
    const qint64 n = q.value(0).toLongLong();
    q.finish();
    return n;
}

Result<bool> UserRepository::everHadAccounts()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM change_log WHERE entity = 'user' AND action = 'create')"));
    if (!q.exec() || !q.next())
        return sqlError(q.lastError());
    const bool had = q.value(0).toBool();
    q.finish();
    return had;
}

Result<std::optional<UserRecord>> UserRepository::byName(const QString &userName)
{
    QSqlQuery &q = m_db.prepared(userColumns + QStringLiteral("WHERE user_name = ? COLLATE NOCASE"));
    q.addBindValue(userName.trimmed());
    if (!q.exec())
        return Error{explain(q.lastError())};
    std::optional<UserRecord> found;
    if (q.next())
        found = userFrom(q);
    q.finish();
    return found;
}

Result<std::vector<UserRecord>> UserRepository::all()
{
    QSqlQuery &q = m_db.prepared(userColumns + QStringLiteral("ORDER BY user_name COLLATE NOCASE"));
    return fetchAll<UserRecord>(q, userFrom);
}

Result<qint64> UserRepository::insert(const UserRecord &u, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO app_user(user_name, display_name, role, password_hash, disabled, failed_attempts, locked_until, "
        "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    bindAll(q, {u.userName, u.displayName, u.role, u.passwordHash, int(u.disabled), u.failedAttempts, lockedText(u),
                stamp.atText(), stamp.actor, stamp.atText(), stamp.actor});
    return insertReturningId(m_db, q, QObject::tr("user account"));
}

Status UserRepository::update(const UserRecord &u, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE app_user SET user_name = ?, display_name = ?, role = ?, password_hash = ?, disabled = ?, "
        "failed_attempts = ?, locked_until = ?, row_version = row_version + 1, updated_at = ?, updated_by = ? "
        "WHERE id = ? AND row_version = ?"));
    bindAll(q, {u.userName, u.displayName, u.role, u.passwordHash, int(u.disabled), u.failedAttempts, lockedText(u),
                stamp.atText(), stamp.actor, u.id, u.rowVersion});
    return updatedOne(m_db, q, QObject::tr("user account"), "app_user", u.id);
}

QVariantMap UserRepository::columns(const UserRecord &u)
{
    // A short digest of the hash shows that the password changed without keeping anything
    // that would help to guess it.
    const QByteArray marker = QCryptographicHash::hash(u.passwordHash.toUtf8(), QCryptographicHash::Sha256).toHex().left(8);
    return {{QStringLiteral("user_name"), u.userName}, {QStringLiteral("display_name"), u.displayName},
            {QStringLiteral("role"), u.role}, {QStringLiteral("password"), QString::fromLatin1(marker)},
            {QStringLiteral("disabled"), u.disabled}, {QStringLiteral("failed_attempts"), u.failedAttempts},
            {QStringLiteral("locked_until"), lockedText(u)}};
}

} // namespace painmdt::storage
