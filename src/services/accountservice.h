#pragma once
// User accounts and log-in (issue 7; docs/security.md). Passwords are hashed with Argon2id
// (libsodium crypto_pwhash_str); five failed log-ins in a row lock the account for 15 minutes;
// every log-in, failed log-in and lock-out is in the audit trail. A log-in gives the session
// (StampSource) that every other service is made with.
#include "domain/access.h"
#include "services/door.h"
#include "storage/userrepository.h"

#include <QDateTime>
#include <functional>

namespace painmdt::services {

struct Account {
    QString userName;
    QString displayName;
    domain::Role role = domain::Role::ReadOnly;
    bool disabled = false;
    QDateTime lockedUntil; // invalid when not locked
};

inline constexpr int maxFailedLogIns = 5;
inline constexpr int lockOutMinutes = 15;
inline constexpr int minPasswordLength = 8;

// Argon2id, interactive limits (about 0.1 s and 64 MB here). Empty on failure (out of memory).
QString hashPassword(const QString &password);
bool passwordMatches(const QString &hash, const QString &password);

class AccountService {
public:
    using Clock = std::function<QDateTime()>;
    // `session` is who acts on accounts (an administrator, for everything but log-in).
    AccountService(storage::Database &db, StampSource session = StampSource(),
                   Clock clock = [] { return QDateTime::currentDateTimeUtc(); });

    Result<qint64> accountCount();
    // Checks the name and password; on success, the session to make services with.
    // Failures say only "wrong user name or password", whichever was wrong.
    Result<StampSource> logIn(const QString &userName, const QString &password);

    // The first administrator of a database that has no accounts yet (a new database, or one made
    // before log-in existed). Refused once any account exists.
    Result<StampSource> createFirstAdmin(const QString &userName, const QString &password);

    // Administrator only.
    SaveResult<Account> addUser(const QString &userName, const QString &displayName, domain::Role role,
                                const QString &password);
    SaveResult<Account> setRole(const QString &userName, domain::Role role);
    SaveResult<Account> setDisabled(const QString &userName, bool disabled);
    SaveResult<Account> resetPassword(const QString &userName, const QString &password); // also unlocks
    Result<std::vector<Account>> accounts();

private:
    Result<StampSource> refuseLogIn(const QString &userName, std::optional<storage::UserRecord> user);
    std::vector<domain::FieldError> keepsAnAdministrator(const storage::UserRecord &after);
    template <typename Change>
    SaveResult<Account> changeUser(const QString &userName, Change change);

    storage::Database &m_db;
    storage::UserRepository m_users;
    StampSource m_session;
    Clock m_clock;
};

} // namespace painmdt::services
