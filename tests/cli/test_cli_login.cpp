// Issue 7 through the real binary: log-in on the command line (exit 3), roles at the door, the
// first administrator, and `audit verify`.
#include "clisupport.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

#include <algorithm>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QStringList args(std::initializer_list<QString> list) { return QStringList(list); }

struct LoggedIn : Cli {
    QString db = database(QStringLiteral("team.sqlite"));
    LoggedIn()
    {
        REQUIRE(run(args({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                          QStringLiteral("patients"), data("patients_good.csv")})).exitCode == 0);
    }
    Outcome report() { return run(args({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db})); }
    void addUser(const QString &name, const QString &role)
    {
        extraEnvironment = {{QStringLiteral("PAINMDT_NEW_PASSWORD"), QStringLiteral("new password 1")}};
        const Outcome o = run(args({QStringLiteral("user"), QStringLiteral("add"), name, QStringLiteral("--role"), role,
                                    QStringLiteral("--db"), db}));
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
        extraEnvironment.clear();
    }
    void become(const QString &name, const QString &secret = QStringLiteral("new password 1"))
    {
        user = name;
        password = secret;
    }
};

} // namespace

TEST_CASE("A command that creates a database makes its user the first administrator", "[cli][login]")
{
    LoggedIn cli;
    const Outcome list = cli.run(args({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), cli.db}));
    INFO(describe(list));
    CHECK(list.exitCode == 0);
    CHECK(list.out == QStringLiteral("test.admin,admin,active\n"));
}

TEST_CASE("Log-in on the command line: right, wrong and missing passwords, and a locked account", "[cli][login]")
{
    LoggedIn cli;
    CHECK(cli.report().exitCode == 0);

    cli.password = QStringLiteral("wrong");
    const Outcome wrong = cli.report();
    CHECK(wrong.exitCode == 3);
    checkOneLineReason(wrong, QStringLiteral("Wrong user name or password, or the account is locked"));
    CHECK(wrong.out.isEmpty());

    cli.password = QStringLiteral("correct horse battery");
    cli.extraEnvironment = {{QStringLiteral("PAINMDT_PASSWORD"), QString()}};
    const Outcome missing = cli.report();
    CHECK(missing.exitCode == 3);
    checkOneLineReason(missing, QStringLiteral("needs a password"));

    // --password-file, with the line end an editor adds.
    const QString file = cli.path(QStringLiteral("pw.txt"));
    writeBytes(file, "correct horse battery\n");
    const Outcome fromFile = cli.run(args({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), cli.db,
                                           QStringLiteral("--password-file"), file}));
    CHECK(fromFile.exitCode == 0);
    cli.extraEnvironment.clear();

    cli.extraEnvironment = {{QStringLiteral("PAINMDT_USER"), QString()}};
    const Outcome nobody = cli.report();
    CHECK(nobody.exitCode == 3);
    checkOneLineReason(nobody, QStringLiteral("not logged in"));
    cli.extraEnvironment.clear();

    cli.password = QStringLiteral("wrong");
    for (int i = 0; i < 5; ++i)
        CHECK(cli.report().exitCode == 3);
    cli.password = QStringLiteral("correct horse battery");
    const Outcome locked = cli.report(); // the right password, but locked: the same answer as a wrong one
    CHECK(locked.exitCode == 3);
    CHECK(locked.err == wrong.err);
}

TEST_CASE("A new database needs a user, and nothing is created without one", "[cli][login]")
{
    Cli cli;
    cli.extraEnvironment = {{QStringLiteral("PAINMDT_USER"), QString()}};
    const QString db = cli.database(QStringLiteral("new.sqlite"));
    const Outcome o = cli.run(args({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                    QStringLiteral("patients"), data("patients_good.csv")}));
    CHECK(o.exitCode == 3);
    checkOneLineReason(o, QStringLiteral("first administrator"));
    CHECK_FALSE(QFileInfo::exists(db)); // a server database keeps the schema made, with no rows
    // The demo has its own accounts: it needs none.
    const Outcome demo = cli.run(args({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"),
                                       QStringLiteral("20")}));
    INFO(describe(demo));
    CHECK(demo.exitCode == 0);
    cli.extraEnvironment.clear();
    cli.user = QStringLiteral("demo.manager");
    cli.password = QStringLiteral("painmdt-demo");
    CHECK(cli.run(args({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db})).exitCode == 0);
}

TEST_CASE("Roles at the door: a manager reports but cannot import, read-only cannot change pathways", "[cli][login]")
{
    LoggedIn cli;
    cli.addUser(QStringLiteral("m.anager"), QStringLiteral("manager"));
    cli.addUser(QStringLiteral("r.eader"), QStringLiteral("read_only"));

    cli.become(QStringLiteral("m.anager"));
    CHECK(cli.report().exitCode == 0);
    const Outcome import = cli.run(args({QStringLiteral("import"), QStringLiteral("--db"), cli.db, QStringLiteral("--kind"),
                                         QStringLiteral("referrals"), data("episodes/referrals_good.csv")}));
    CHECK(import.exitCode == 3);
    checkOneLineReason(import, QStringLiteral("may not import clinical records"));

    cli.become(QStringLiteral("r.eader"));
    const Outcome pathways = cli.run(args({QStringLiteral("pathways"), QStringLiteral("--db"), cli.db,
                                           QStringLiteral("--community"), QStringLiteral("declined")}));
    CHECK(pathways.exitCode == 3);
    CHECK(cli.run(args({QStringLiteral("pathways"), QStringLiteral("--db"), cli.db})).exitCode == 0); // looking is fine
    const Outcome users = cli.run(args({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), cli.db}));
    CHECK(users.exitCode == 3);
}

TEST_CASE("painmdt audit verify: intact, then broken outside the app", "[cli][audit][sqlite]")
{
    LoggedIn cli;
    CHECK(cli.report().exitCode == 0); // a report is an audit row too
    const Outcome intact = cli.run(args({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), cli.db}));
    INFO(describe(intact));
    CHECK(intact.exitCode == 0);
    CHECK(intact.out.contains(QStringLiteral("the chain is intact")));
    {
        auto db = openDatabase(cli.db);
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM change_log WHERE action = 'report'")));
        REQUIRE(q.next());
        CHECK(q.value(0).toInt() == 1);
        REQUIRE(q.exec(QStringLiteral("DROP TRIGGER change_log_no_update")));
        REQUIRE(q.exec(QStringLiteral("UPDATE change_log SET actor = 'someone.else' WHERE id = 3")));
    }
    const Outcome unprotected = cli.run(args({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), cli.db}));
    CHECK(unprotected.exitCode == 1);
    checkOneLineReason(unprotected, QStringLiteral("not protected"));
    {
        auto db = openDatabase(cli.db);
        REQUIRE(QSqlQuery(db->connection()).exec(QStringLiteral(
            "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'x'); END")));
    }
    const Outcome broken = cli.run(args({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--db"), cli.db}));
    CHECK(broken.exitCode == 1);
    checkOneLineReason(broken, QStringLiteral("broken at row 3"));
}

TEST_CASE("painmdt check warns, without failing, when its server login could switch the audit trail off", "[cli][audit]")
{
    LoggedIn cli;
    const Outcome owner = cli.run(args({QStringLiteral("check"), QStringLiteral("--db"), cli.db}));
    INFO(describe(owner));
    CHECK(owner.exitCode == 0);
    CHECK(owner.out.contains(QStringLiteral("passed every check")));
    if (testServer().isEmpty()) { // a file has no logins
        CHECK_FALSE(owner.err.contains(QStringLiteral("Warning")));
        return;
    }
    CHECK(owner.err.contains(QStringLiteral("Warning, server account: connected as painmdt, a superuser")));
    CHECK(owner.err.contains(QStringLiteral("What to do: Use the staff role")));

    // The staff login exactly as docs/admin-guide.md §3 makes it: no warning, and with a SQL
    // client it can add to the audit trail but not rewrite it.
    const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(12);
    const QString staff = QStringLiteral("staff_") + tag, login = QStringLiteral("login_") + tag;
    const QString database = cli.db.section(QLatin1Char('/'), -1);
    const QStringList grants{
        QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(staff),
        QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(database, staff),
        QStringLiteral("GRANT USAGE ON SCHEMA public TO %1").arg(staff),
        QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %1").arg(staff),
        QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %1").arg(staff),
        QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE ON change_log FROM %1").arg(staff),
        QStringLiteral("REVOKE UPDATE, DELETE, TRUNCATE ON meta FROM %1").arg(staff),
        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'staff password 1' IN ROLE %2").arg(login, staff)};
    REQUIRE(withTestServer(database, [&](QSqlDatabase &admin) {
        QSqlQuery q(admin);
        return std::all_of(grants.begin(), grants.end(), [&](const QString &sql) { return q.exec(sql); });
    }));
    QString asStaff = cli.db;
    asStaff.replace(QStringLiteral("://painmdt@"), QStringLiteral("://%1@").arg(login));
    cli.extraEnvironment = {{QStringLiteral("PGPASSWORD"), QStringLiteral("staff password 1")}};
    const Outcome checked = cli.run(args({QStringLiteral("check"), QStringLiteral("--db"), asStaff}));
    INFO(describe(checked));
    CHECK(checked.exitCode == 0);
    CHECK_FALSE(checked.err.contains(QStringLiteral("Warning")));
    CHECK(cli.run(args({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), asStaff})).exitCode == 0);
    {
        const QUrl server(testServer());
        QSqlDatabase client = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("sql-client"));
        client.setHostName(server.host());
        client.setPort(server.port(5432));
        client.setUserName(login);
        client.setPassword(QStringLiteral("staff password 1"));
        client.setDatabaseName(database);
        REQUIRE(client.open());
        QSqlQuery q(client);
        CHECK_FALSE(q.exec(QStringLiteral("UPDATE change_log SET actor = 'someone.else' WHERE id = 1")));
        CHECK_FALSE(q.exec(QStringLiteral("DROP TRIGGER change_log_no_update ON change_log")));
        q = QSqlQuery();
        client.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("sql-client"));
    CHECK(withTestServer(database, [&](QSqlDatabase &admin) {
        return QSqlQuery(admin).exec(QStringLiteral("DROP OWNED BY %1, %2").arg(login, staff));
    }));
    CHECK(onTestServer(QStringLiteral("DROP ROLE %1").arg(login)));
    CHECK(onTestServer(QStringLiteral("DROP ROLE %1").arg(staff)));
}

TEST_CASE("painmdt check: a sound database passes, and each problem is named with what to do", "[cli][audit][sqlite]")
{
    LoggedIn cli;
    const auto check = [&] { return cli.run(args({QStringLiteral("check"), QStringLiteral("--db"), cli.db})); };
    const Outcome sound = check();
    INFO(describe(sound));
    CHECK(sound.exitCode == 0);
    CHECK(sound.out.contains(QStringLiteral("passed every check")));
    {
        // Outside PainMDT: a contact whose referral is gone, and an audit row altered.
        auto db = openDatabase(cli.db);
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("PRAGMA foreign_keys = OFF")));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO contact(referral_id, contact_on, mode, outcome, row_version, created_at, "
                                      "created_by, updated_at, updated_by) VALUES (4242, '2026-01-05', 'phone', "
                                      "'attended', 1, 'x', 'x', 'x', 'x')")));
        REQUIRE(q.exec(QStringLiteral("DROP TRIGGER change_log_no_update")));
        REQUIRE(q.exec(QStringLiteral("UPDATE change_log SET actor = 'someone.else' WHERE id = 1")));
        REQUIRE(q.exec(QStringLiteral(
            "CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'x'); END")));
    }
    const Outcome damaged = check();
    INFO(describe(damaged));
    CHECK(damaged.exitCode == 1);
    CHECK(damaged.err.contains(QStringLiteral("links between records: contact row")));
    CHECK(damaged.err.contains(QStringLiteral("audit trail: broken at row 1")));
    CHECK(damaged.err.count(QStringLiteral("What to do:")) == 2);
    CHECK(damaged.errLines().constLast().startsWith(QStringLiteral("painmdt: 2 problem(s) found")));

    cli.addUser(QStringLiteral("c.linician"), QStringLiteral("clinician"));
    cli.become(QStringLiteral("c.linician"));
    CHECK(check().exitCode == 3); // an administrator's or a service manager's check
}

TEST_CASE("painmdt settings: everyone reads the idle lock, only an administrator changes it", "[cli][login]")
{
    LoggedIn cli;
    const auto settings = [&](QStringList more) {
        return cli.run(QStringList{QStringLiteral("settings"), QStringLiteral("--db"), cli.db} + more);
    };
    CHECK(settings({}).out == QStringLiteral("idle_lock_minutes,10\n"));
    CHECK(settings({QStringLiteral("--idle-lock-minutes"), QStringLiteral("0")}).exitCode == 2);
    CHECK(settings({QStringLiteral("--idle-lock-minutes"), QStringLiteral("5")}).out == QStringLiteral("idle_lock_minutes,5\n"));
    cli.addUser(QStringLiteral("c.linician"), QStringLiteral("clinician"));
    cli.become(QStringLiteral("c.linician"));
    CHECK(settings({}).exitCode == 0);
    CHECK(settings({QStringLiteral("--idle-lock-minutes"), QStringLiteral("60")}).exitCode == 3);
}
