#pragma once
// The only code that reads and writes user accounts (issue 7). Password hashes are made and
// checked in services/passwords.h; this stores them as text and never logs them.
#include "domain/result.h"
#include "storage/changelog.h"

#include <QDateTime>
#include <QString>
#include <optional>
#include <vector>

namespace painmdt::storage {

class Database;

struct UserRecord {
    qint64 id = 0;
    QString userName;
    QString displayName;
    QString role;          // domain::roleCode
    QString passwordHash;  // Argon2id, libsodium's encoded form
    bool disabled = false;
    int failedAttempts = 0;
    QDateTime lockedUntil; // invalid when not locked
    int rowVersion = 0;
};

class UserRepository {
public:
    explicit UserRepository(Database &db); // must not outlive db

    Result<qint64> count();
    // True when the audit trail shows an account was ever made (schema 6 on).
    Result<bool> everHadAccounts();
    Result<std::optional<UserRecord>> byName(const QString &userName); // any case
    Result<std::vector<UserRecord>> all();                              // by name
    Result<qint64> insert(const UserRecord &user, const Stamp &stamp);
    // Everything but the id; fails when user.rowVersion is not the stored one.
    Status update(const UserRecord &user, const Stamp &stamp);

    // For the audit trail: never the hash itself, only that it changed.
    static QVariantMap columns(const UserRecord &user);

private:
    Database &m_db;
};

} // namespace painmdt::storage
