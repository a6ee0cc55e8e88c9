// `painmdt audit verify` and `painmdt user ...`: the administrator's commands (issue 7).
#include "cli/common.h"
#include "services/auditservice.h"

#include "services/accountservice.h"
#include "services/settingsservice.h"


namespace painmdt::cli {

namespace {

// The new password of `user add` / `user reset-password`: PAINMDT_NEW_PASSWORD or
// --new-password-file, never an option (the command line is visible to every user).
Result<QString> newPassword(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("new-password-file")))
        return readSecretFile(parser.value(QStringLiteral("new-password-file")));
    if (!qEnvironmentVariableIsSet("PAINMDT_NEW_PASSWORD"))
        return Error{tr("give the new password in PAINMDT_NEW_PASSWORD or --new-password-file FILE.")};
    return qEnvironmentVariable("PAINMDT_NEW_PASSWORD");
}

int report(const services::SaveResult<services::Account> &saved)
{
    if (!saved.ok())
        return fail(saved.problem.summary(), saved.problem.forbidden ? NotAllowed : Failed);
    out() << tr("%1: %2%3.").arg(saved.value->userName, domain::roleLabel(saved.value->role),
                                 saved.value->disabled ? tr(", disabled") : QString()) << Qt::endl;
    return Ok;
}

int listUsers(services::AccountService &accounts)
{
    const auto all = accounts.accounts();
    if (!all)
        return fail(all);
    for (const services::Account &a : all.value())
        out() << a.userName << ',' << domain::roleCode(a.role) << ',' << (a.disabled ? "disabled" : "active") << Qt::endl;
    return Ok;
}

} // namespace

int runAudit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("verify"), tr("Check that no audit row was altered, deleted, inserted or "
                                                              "reordered outside PainMDT."));
    int code = Ok;
    if (!parse(parser, arguments, tr("Checks the audit trail's hash chain."), code))
        return code;
    if (parser.positionalArguments() != QStringList{QStringLiteral("verify")})
        return fail(tr("the only audit command is: painmdt audit verify --db DB"), Usage);
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::ViewAudit);
    if (!opened)
        return fail(opened);
    const auto check = services::AuditService(*opened->db, opened->session).verify();
    if (!check)
        return fail(check.error());
    if (check->firstBrokenId < 0)
        return fail(tr("the audit trail is not protected: %1.").arg(check->problem));
    if (check->firstBrokenId > 0)
        return fail(tr("the audit trail is broken at row %1: %2.").arg(check->firstBrokenId).arg(check->problem));
    out() << tr("%1 audit rows; the chain is intact. Last hash: %2").arg(check->rows).arg(check->headHash) << Qt::endl;
    return Ok;
}

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = Ok;
    if (!parse(parser, arguments, tr("Checks the whole database: its pages and indexes, the links between records, and "
                                     "the audit trail's hash chain; says what to do about each problem."), code))
        return code;
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::ViewAudit);
    if (!opened)
        return fail(opened);
    const auto findings = services::AuditService(*opened->db, opened->session).checkAll();
    if (!findings)
        return fail(findings.error());
    qsizetype problems = 0;
    for (const auto &f : findings.value()) {
        err() << (f.warning ? tr("Warning, %1: %2\n  What to do: %3") : tr("%1: %2\n  What to do: %3"))
                     .arg(f.check, f.problem, f.advice)
              << Qt::endl;
        problems += f.warning ? 0 : 1;
    }
    if (problems > 0)
        return fail(tr("%1 problem(s) found in %2.").arg(problems).arg(parser.value(QStringLiteral("db"))));
    out() << tr("%1 passed every check: pages and indexes, links between records, audit trail.")
                 .arg(parser.value(QStringLiteral("db")))
          << Qt::endl;
    return Ok;
}

int runUser(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ACTION"), tr("list, add, role, disable, enable or reset-password."));
    parser.addPositionalArgument(QStringLiteral("NAME"), tr("The account."));
    parser.addOption({QStringLiteral("role"), tr("admin, triage, clinician, manager or read_only."), tr("ROLE")});
    parser.addOption({QStringLiteral("display-name"), tr("The name shown for the account."), tr("TEXT")});
    parser.addOption({QStringLiteral("new-password-file"), tr("Read the new password from FILE (default: "
                                                              "$PAINMDT_NEW_PASSWORD)."), tr("FILE")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Manages user accounts (administrators only)."), code))
        return code;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const QString name = args.value(1);
    static const QStringList actions{QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("role"),
                                     QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("reset-password")};
    if (!actions.contains(action) || (action != QLatin1String("list") && name.isEmpty()))
        return fail(tr("use: painmdt user list | add NAME --role ROLE | role NAME --role ROLE | disable NAME | "
                       "enable NAME | reset-password NAME"), Usage);
    const auto role = domain::parseRole(parser.value(QStringLiteral("role")));
    if ((action == QLatin1String("add") || action == QLatin1String("role")) && !role)
        return fail(tr("--role must be one of: %1.").arg(domain::roleCodes().join(QStringLiteral(", "))), Usage);

    const bool needsPassword = action == QLatin1String("add") || action == QLatin1String("reset-password");
    const auto password = needsPassword ? newPassword(parser) : Result<QString>(QString());
    if (!password) // before logging in: a usage error costs no log-in
        return fail(password.error(), Usage);
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::ManageUsers);
    if (!opened)
        return fail(opened);
    services::AccountService accounts(*opened->db, opened->session);
    if (action == QLatin1String("list"))
        return listUsers(accounts);
    if (action == QLatin1String("role"))
        return report(accounts.setRole(name, *role));
    if (action == QLatin1String("disable") || action == QLatin1String("enable"))
        return report(accounts.setDisabled(name, action == QLatin1String("disable")));
    if (action == QLatin1String("add"))
        return report(accounts.addUser(name, parser.value(QStringLiteral("display-name")), *role, password.value()));
    return report(accounts.resetPassword(name, password.value()));
}

int runSettings(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("idle-lock-minutes"), tr("Lock the app after N minutes without use (1 to %1).")
                                                               .arg(services::maxIdleLockMinutes), tr("N")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Shows, or changes (administrators), the settings the whole team shares."), code))
        return code;
    const bool change = parser.isSet(QStringLiteral("idle-lock-minutes"));
    bool whole = true;
    const int minutes = parser.value(QStringLiteral("idle-lock-minutes")).toInt(&whole);
    if (change && (!whole || minutes < 1 || minutes > services::maxIdleLockMinutes))
        return fail(tr("--idle-lock-minutes must be a whole number from 1 to %1.").arg(services::maxIdleLockMinutes), Usage);
    auto opened = openAs(parser, services::OpenMode::MustExist,
                         change ? domain::Action::ConfigureService : domain::Action::RunReports);
    if (!opened)
        return fail(opened);
    services::SettingsService settings(*opened->db, opened->session);
    if (change)
        if (Status s = settings.setIdleLockMinutes(minutes); !s)
            return fail(s);
    const auto current = settings.idleLockMinutes();
    if (!current)
        return fail(current);
    out() << "idle_lock_minutes," << current.value() << Qt::endl;
    return Ok;
}

} // namespace painmdt::cli
