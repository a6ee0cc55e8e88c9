// `painmdt copy` (issue 12, "Moving up"): a laptop's database to the team server and back, its
// audit trail whole, every report the same byte for byte. With PAINMDT_TEST_PG set the middle
// database is on the server, so this is also the engines-give-identical-reports test.
#include "clisupport.h"
#include "storage/changelog.h"

using namespace painmdt;
using namespace painmdt::test;

namespace {

QStringList args(std::initializer_list<QString> list) { return QStringList(list); }

const char *const reports[] = {"waiting-times", "triage", "caseload", "attendances", "cost-savings", "outcomes", "service"};

// Every report, as JSON, over the demo's years.
std::vector<QByteArray> allReports(Cli &cli, const QString &db)
{
    std::vector<QByteArray> out;
    for (const char *name : reports) {
        const Outcome o = cli.run(args({QStringLiteral("report"), QString::fromLatin1(name), QStringLiteral("--db"), db,
                                        QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--from"),
                                        QStringLiteral("2020-01-01"), QStringLiteral("--to"), QStringLiteral("2026-12-31"),
                                        QStringLiteral("--as-of"), QStringLiteral("2026-12-31")}));
        INFO(name << "\n" << describe(o));
        REQUIRE(o.exitCode == 0);
        out.push_back(o.out.toUtf8());
    }
    return out;
}

// The trail as it stands (read here, not through a command, whose log-in would add a row),
// checked whole: its length and last hash.
QString auditTrail(const QString &db)
{
    auto opened = openDatabase(db);
    const auto check = storage::verifyAuditTrail(*opened);
    REQUIRE(check.ok());
    REQUIRE(check->firstBrokenId == 0);
    REQUIRE(check->rows > 0);
    return QString::number(check->rows) + QLatin1Char(' ') + check->headHash;
}

Outcome copy(Cli &cli, const QString &from, const QString &to)
{
    return cli.run(args({QStringLiteral("copy"), QStringLiteral("--from"), from, QStringLiteral("--to"), to}));
}

} // namespace

TEST_CASE("painmdt copy moves a database up and back: the same reports, byte for byte, and the audit trail whole",
          "[cli][copy]")
{
    Cli cli;
    cli.user = QStringLiteral("demo.admin");
    cli.password = QStringLiteral("painmdt-demo");
    const QString laptop = cli.path(QStringLiteral("laptop.sqlite"));
    REQUIRE(cli.run(args({QStringLiteral("demo"), QStringLiteral("--db"), laptop, QStringLiteral("--patients"),
                          QStringLiteral("400"), QStringLiteral("--seed"), QStringLiteral("12")})).exitCode == 0);
    const std::vector<QByteArray> before = allReports(cli, laptop);

    const QString team = cli.database(QStringLiteral("team.sqlite"));
    const Outcome up = copy(cli, laptop, team);
    INFO(describe(up));
    REQUIRE(up.exitCode == 0);
    CHECK(up.out.contains(QStringLiteral("Every table matches its source")));
    CHECK(auditTrail(team) == auditTrail(laptop)); // the copy's log-in is on the laptop's trail too

    const QString back = cli.path(QStringLiteral("back.sqlite"));
    REQUIRE(copy(cli, team, back).exitCode == 0);
    CHECK(auditTrail(back) == auditTrail(team));

    const std::vector<QByteArray> onTeam = allReports(cli, team);
    const std::vector<QByteArray> onBack = allReports(cli, back);
    for (size_t i = 0; i < before.size(); ++i) {
        INFO(reports[i]);
        CHECK(onTeam[i] == before[i]);
        CHECK(onBack[i] == before[i]);
    }
    CHECK(patientsIn(team) == 400);
}

TEST_CASE("painmdt copy refuses a database that is not new, a missing source, and anyone but an administrator",
          "[cli][copy]")
{
    Cli cli;
    const QString source = cli.path(QStringLiteral("source.sqlite"));
    REQUIRE(cli.run(args({QStringLiteral("import"), QStringLiteral("--db"), source, QStringLiteral("--kind"),
                          QStringLiteral("patients"), data("patients_good.csv")})).exitCode == 0);
    const QString target = cli.database(QStringLiteral("target.sqlite"));
    REQUIRE(copy(cli, source, target).exitCode == 0);
    const int patients = patientsIn(target);

    const Outcome again = copy(cli, source, target);
    CHECK(again.exitCode != 0);
    checkOneLineReason(again, QStringLiteral("only into a new database"));
    CHECK(patientsIn(target) == patients);

    const Outcome missing = copy(cli, cli.path(QStringLiteral("typo.sqlite")), cli.path(QStringLiteral("new.sqlite")));
    CHECK(missing.exitCode == 1);
    CHECK_FALSE(cli.made(cli.path(QStringLiteral("new.sqlite"))));

    writeBytes(cli.path(QStringLiteral("empty.sqlite")), {}); // made by someone else, perhaps readable by all
    const Outcome existing = copy(cli, source, cli.path(QStringLiteral("empty.sqlite")));
    CHECK(existing.exitCode == 2);
    checkOneLineReason(existing, QStringLiteral("already exists"));
    CHECK(QDir(cli.dir.path()).entryList({QStringLiteral("*.copying-*")}).isEmpty()); // nothing half-made is left

    const Outcome noTarget = cli.run(args({QStringLiteral("copy"), QStringLiteral("--from"), source}));
    CHECK(noTarget.exitCode == 2);
    checkOneLineReason(noTarget, QStringLiteral("--to"));

    cli.extraEnvironment = {{QStringLiteral("PAINMDT_NEW_PASSWORD"), QStringLiteral("new password 1")}};
    REQUIRE(cli.run(args({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("c.linician"), QStringLiteral("--role"),
                          QStringLiteral("clinician"), QStringLiteral("--db"), source})).exitCode == 0);
    cli.extraEnvironment.clear();
    cli.user = QStringLiteral("c.linician");
    cli.password = QStringLiteral("new password 1");
    const QString other = cli.path(QStringLiteral("other.sqlite"));
    const Outcome clinician = copy(cli, source, other);
    CHECK(clinician.exitCode == 3);
    CHECK_FALSE(cli.made(other));
}
