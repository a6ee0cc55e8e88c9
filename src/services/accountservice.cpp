#include "services/accountservice.h"

#include "domain/textrules.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTimeZone>

#include <sodium.h>

namespace painmdt::services {

using domain::Action;
using domain::Role;
using storage::ChangeAction;
using storage::UserRecord;

namespace {

QString tr(const char *text) { return QCoreApplication::translate("AccountService", text); }

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Account accountFrom(const UserRecord &u)
{
    return {u.userName, u.displayName, domain::parseRole(u.role).value_or(Role::ReadOnly), u.disabled, u.lockedUntil};
}

std::vector<domain::FieldError> nameProblems(const QString &userName)
{
    static const QRegularExpression form(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!form.match(userName).hasMatch())
        return {{"user_name", tr("A user name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting "
                                 "with a letter or digit (e.g. a.okoro).")}};
    return {};
}

std::vector<domain::FieldError> passwordProblems(const QString &password, int minLength)
{
    if (password.size() < minLength)
        return {{"password", tr("The password must be at least %1 characters long.").arg(minLength)}};
    return {};
}

// Checked against when the name is unknown, so that a log-in takes as long whether or not the
// name exists (one Argon2 run either way).
const QString &unknownUserHash()
{
    static const QString hash = hashPassword(QStringLiteral("no account has this password"));
    return hash;
}

// The audit keeps a digest of a name that matched no account: someone may have typed their
// password into the name box, and the trail is append-only.
QString nameDigest(const QString &userName)
{
    return QString::fromLatin1(QCryptographicHash::hash(userName.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
}

// One answer for every refused log-in: which of these it was would tell a guesser that a name
// exists, or (on a locked account) that the password was right.
Error wrongNameOrPassword()
{
    return Error{tr("Wrong user name or password, or the account is locked (for %1 minutes after %2 failed "
                    "log-ins) or disabled. Ask an administrator if it goes on.").arg(lockOutMinutes).arg(maxFailedLogIns),
                 true};
}

} // namespace

QString hashPassword(const QString &password)
{
    if (!sodiumReady())
        return {};
    const QByteArray bytes = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, bytes.constData(), quint64(bytes.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool passwordMatches(const QString &hash, const QString &password)
{
    if (!sodiumReady() || hash.isEmpty())
        return false;
    const QByteArray encoded = hash.toLatin1();
    const QByteArray bytes = password.toUtf8();
    return crypto_pwhash_str_verify(encoded.constData(), bytes.constData(), quint64(bytes.size())) == 0;
}

AccountService::AccountService(storage::Database &db, StampSource session, Clock clock)
    : m_db(db), m_users(db), m_session(std::move(session)), m_clock(std::move(clock))
{
}

Result<qint64> AccountService::accountCount()
{
    return m_users.count();
}

// Counts the failure (five in a row lock the account) and audits it; the caller is told only
// that the name or password was wrong, or that the account is locked or disabled.
Result<StampSource> AccountService::refuseLogIn(const QString &userName, std::optional<UserRecord> user)
{
    // The account's own spelling, or for a name no account has a digest: someone may have typed
    // their password into the name box, and the trail is append-only.
    const QString actor = user ? user->userName : QStringLiteral("unknown:") + nameDigest(userName);
    Door door(m_db, StampSource(actor, m_clock, Role::ReadOnly));
    const auto recorded = door.write<bool>(Action::SignIn, [&](const storage::Stamp &stamp, Changes &changes) {
        const qint64 id = user ? user->id : 0;
        const QDateTime now = m_clock();
        const bool locked = user && user->lockedUntil.isValid() && user->lockedUntil > now;
        if (!user || locked || user->disabled) { // nothing to count: audit the try and its reason
            QVariantMap why;
            if (user)
                why.insert(QStringLiteral("reason"), locked ? QStringLiteral("locked") : QStringLiteral("disabled"));
            changes.push_back({QStringLiteral("user"), id, ChangeAction::LogInFailed, {}, why});
            return SaveResult<bool>{true, {}};
        }
        // Counted on the account as it is now, under the write lock: two failed tries at once
        // must both count, and neither may be refused as stale (its message names the account).
        const auto current = m_users.byName(user->userName);
        if (!current || !current->has_value())
            return SaveResult<bool>::failed(current ? wrongNameOrPassword() : current.failure());
        user = current->value();
        const UserRecord before = *user;
        ChangeAction action = ChangeAction::LogInFailed;
        if (++user->failedAttempts >= maxFailedLogIns) {
            user->lockedUntil = now.addSecs(lockOutMinutes * 60);
            user->failedAttempts = 0;
            action = ChangeAction::LockOut;
        }
        if (Status s = m_users.update(*user, stamp); !s)
            return SaveResult<bool>::failed(s.failure());
        changes.push_back({QStringLiteral("user"), id, action, storage::UserRepository::columns(before),
                           storage::UserRepository::columns(*user)});
        return SaveResult<bool>{true, {}};
    });
    if (!recorded.ok())
        return Error{recorded.problem.summary()};
    return wrongNameOrPassword(); // the same answer whichever it was
}

Result<StampSource> AccountService::logIn(const QString &userName, const QString &password)
{
    if (password.isEmpty()) // nothing was tried: not a failure to count against the account
        return Error{tr("A password is needed to log in."), true};
    const auto found = m_users.byName(userName);
    if (!found)
        return Error{found.error()};
    auto user = found.value();
    const bool locked = user && user->lockedUntil.isValid() && user->lockedUntil > m_clock();
    // The hash is checked even for an unknown name, so that timing does not tell names apart.
    const bool matches = passwordMatches(user ? user->passwordHash : unknownUserHash(), password);
    if (!user || !matches || user->disabled || locked)
        return refuseLogIn(userName.trimmed(), user);

    StampSource session(user->userName, m_clock, accountFrom(*user).role);
    Door door(m_db, session);
    const auto recorded = door.write<bool>(Action::SignIn, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto current = m_users.byName(user->userName); // as it is now, under the write lock
        if (!current || !current->has_value())
            return SaveResult<bool>::failed(current ? wrongNameOrPassword() : current.failure());
        user = current->value();
        if (user->failedAttempts > 0 || user->lockedUntil.isValid()) {
            user->failedAttempts = 0;
            user->lockedUntil = {};
            if (Status s = m_users.update(*user, stamp); !s)
                return SaveResult<bool>::failed(s.failure());
        }
        changes.push_back({QStringLiteral("user"), user->id, ChangeAction::LogIn, {}, {}});
        return SaveResult<bool>{true, {}};
    });
    if (!recorded.ok())
        return Error{recorded.problem.summary()};
    return session;
}

Result<StampSource> AccountService::createFirstAdmin(const QString &userName, const QString &password)
{
    const QString name = userName.trimmed();
    StampSource session(name, m_clock, Role::Admin);
    Door door(m_db, StampSource(name, m_clock, Role::ReadOnly));
    const auto made = door.write<bool>(Action::SignIn, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto count = m_users.count();
        if (!count)
            return SaveResult<bool>::failed(count.failure());
        if (count.value() > 0)
            return SaveResult<bool>::refused(Error{tr("This database already has accounts; log in as one of them."), true});
        const auto hadAccounts = m_users.everHadAccounts();
        if (!hadAccounts)
            return SaveResult<bool>::failed(hadAccounts.failure());
        if (hadAccounts.value()) // deleting every account must not hand the next caller the keys
            return SaveResult<bool>::refused(Error{tr("This database had accounts, and they were removed outside PainMDT. "
                                                      "Restore it from a backup."), true});
        auto errors = nameProblems(name);
        for (auto &e : passwordProblems(password, 1)) // the first administrator chooses; see docs/security.md
            errors.push_back(std::move(e));
        if (!errors.empty())
            return SaveResult<bool>::invalid(std::move(errors));
        UserRecord admin;
        admin.userName = name;
        admin.displayName = name;
        admin.role = domain::roleCode(Role::Admin);
        admin.passwordHash = hashPassword(password);
        if (admin.passwordHash.isEmpty())
            return SaveResult<bool>::failed(tr("The password could not be hashed (out of memory?)."));
        const auto id = m_users.insert(admin, stamp);
        if (!id)
            return SaveResult<bool>::failed(id.failure());
        admin.id = id.value();
        changes.push_back({QStringLiteral("user"), admin.id, ChangeAction::Create, {}, storage::UserRepository::columns(admin)});
        return SaveResult<bool>{true, {}};
    });
    if (!made.ok())
        return made.problem.error();
    return session;
}

template <typename Change>
SaveResult<Account> AccountService::changeUser(const QString &userName, Change change)
{
    Door door(m_db, m_session);
    return door.write<Account>(Action::ManageUsers, [&](const storage::Stamp &stamp, Changes &changes) {
        const auto found = m_users.byName(userName);
        if (!found)
            return SaveResult<Account>::failed(found.failure());
        if (!found.value())
            return SaveResult<Account>::invalid({{"user_name", tr("There is no account %1.").arg(userName)}});
        const UserRecord before = *found.value();
        UserRecord after = before;
        if (auto errors = change(after); !errors.empty())
            return SaveResult<Account>::invalid(std::move(errors));
        if (Status s = m_users.update(after, stamp); !s)
            return SaveResult<Account>::failed(s.failure());
        changes.push_back({QStringLiteral("user"), after.id, ChangeAction::Account, storage::UserRepository::columns(before),
                           storage::UserRepository::columns(after)});
        return SaveResult<Account>{accountFrom(after), {}};
    });
}

SaveResult<Account> AccountService::addUser(const QString &userName, const QString &displayName, Role role,
                                            const QString &password)
{
    Door door(m_db, m_session);
    return door.write<Account>(Action::ManageUsers, [&](const storage::Stamp &stamp, Changes &changes) {
        UserRecord user;
        user.userName = userName.trimmed();
        user.displayName = displayName.simplified().isEmpty() ? user.userName : displayName.simplified();
        user.role = domain::roleCode(role);
        auto errors = nameProblems(user.userName);
        domain::checkText(user.displayName, "display_name", domain::TextKind::Name, errors);
        for (auto &e : passwordProblems(password, minPasswordLength))
            errors.push_back(std::move(e));
        if (errors.empty()) {
            const auto existing = m_users.byName(user.userName);
            if (!existing)
                return SaveResult<Account>::failed(existing.failure());
            if (existing.value())
                errors.push_back({"user_name", tr("There is already an account %1.").arg(existing.value()->userName)});
        }
        if (!errors.empty())
            return SaveResult<Account>::invalid(std::move(errors));
        user.passwordHash = hashPassword(password);
        const auto id = m_users.insert(user, stamp);
        if (!id)
            return SaveResult<Account>::failed(id.failure());
        user.id = id.value();
        changes.push_back({QStringLiteral("user"), user.id, ChangeAction::Create, {}, storage::UserRepository::columns(user)});
        return SaveResult<Account>{accountFrom(user), {}};
    });
}

// A database always keeps an active administrator: nobody else could add users or reset passwords.
namespace {

bool isActiveAdmin(const UserRecord &u)
{
    return u.role == domain::roleCode(Role::Admin) && !u.disabled;
}

} // namespace

// Asked only when the change takes an active administrator away: a change to anyone else never
// touches who can administer (on a database with none, it would otherwise be refused for all).
std::vector<domain::FieldError> AccountService::keepsAnAdministrator(const UserRecord &after)
{
    if (isActiveAdmin(after))
        return {};
    const auto all = m_users.all();
    if (!all)
        return {{"user_name", all.error()}};
    for (const UserRecord &u : all.value())
        if (u.id != after.id && isActiveAdmin(u))
            return {};
    return {{"user_name", tr("%1 is the last active administrator; make another administrator first.").arg(after.userName)}};
}

SaveResult<Account> AccountService::setRole(const QString &userName, Role role)
{
    return changeUser(userName, [&](UserRecord &u) {
        const bool wasActiveAdmin = isActiveAdmin(u);
        u.role = domain::roleCode(role);
        return wasActiveAdmin ? keepsAnAdministrator(u) : std::vector<domain::FieldError>{};
    });
}

SaveResult<Account> AccountService::setDisabled(const QString &userName, bool disabled)
{
    return changeUser(userName, [&](UserRecord &u) {
        if (disabled && u.userName.compare(m_session.actor(), Qt::CaseInsensitive) == 0)
            return std::vector<domain::FieldError>{{"user_name", tr("You cannot disable your own account.")}};
        const bool wasActiveAdmin = isActiveAdmin(u);
        u.disabled = disabled;
        return wasActiveAdmin ? keepsAnAdministrator(u) : std::vector<domain::FieldError>{};
    });
}

SaveResult<Account> AccountService::resetPassword(const QString &userName, const QString &password)
{
    return changeUser(userName, [&](UserRecord &u) {
        auto errors = passwordProblems(password, minPasswordLength);
        if (!errors.empty())
            return errors;
        u.passwordHash = hashPassword(password);
        u.failedAttempts = 0;
        u.lockedUntil = {};
        return errors;
    });
}

Result<std::vector<Account>> AccountService::accounts()
{
    const auto all = m_users.all();
    if (!all)
        return Error{all.error()};
    std::vector<Account> accounts;
    for (const UserRecord &u : all.value())
        accounts.push_back(accountFrom(u));
    return accounts;
}

} // namespace painmdt::services
