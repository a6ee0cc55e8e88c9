// The real `painmdt` binary run as a scheduler or a script would run it (interchange contract
// "Command line"): exit codes, what goes to stdout and stderr, and what reaches the database.
#include "storage/database.h"
#include "storage/patientrepository.h"
#include "support/testsupport.h"
#include "clisupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>

using namespace painmdt;
using namespace painmdt::test;


TEST_CASE("painmdt --version prints the version and exits 0", "[cli]")
{
    Cli cli;
    const Outcome o = cli.run({QStringLiteral("--version")});
    INFO(describe(o));
    CHECK(o.exitCode == 0);
    CHECK(o.out.contains(QStringLiteral(PAINMDT_VERSION)));
    CHECK(o.out.contains(QStringLiteral("PainMDT")));
}

TEST_CASE("Each sub-command has --help", "[cli]")
{
    Cli cli;
    struct Case {
        const char *command;
        QStringList mentions;
    };
    const std::vector<Case> cases{
        {"demo", {QStringLiteral("--db"), QStringLiteral("--patients"), QStringLiteral("--seed")}},
        {"import", {QStringLiteral("--db"), QStringLiteral("--kind"), QStringLiteral("--skip-invalid"),
                    QStringLiteral("--ignore-unknown-columns"), QStringLiteral("FILE.csv")}},
        {"report", {QStringLiteral("--db"), QStringLiteral("NAME")}},
        {"pathways", {QStringLiteral("--db")}},
        {"instruments", {QStringLiteral("--db")}},
        {"init", {QStringLiteral("--db")}},
        {"audit", {QStringLiteral("--db"), QStringLiteral("verify")}},
        {"check", {QStringLiteral("--db")}},
        {"user", {QStringLiteral("--db"), QStringLiteral("ACTION")}},
        {"settings", {QStringLiteral("--db")}},
    };
    for (const Case &c : cases) {
        const Outcome o = cli.run({QString::fromLatin1(c.command), QStringLiteral("--help")});
        INFO(c.command << "\n" << describe(o));
        CHECK(o.exitCode == 0);
        for (const QString &word : c.mentions)
            CHECK(o.out.contains(word));
        CHECK(o.err.isEmpty());
        // Named as the user types it, not by the binary's path in the build tree.
        CHECK(o.out.startsWith(QStringLiteral("Usage: painmdt %1 [options]").arg(QLatin1String(c.command))));
    }
}

TEST_CASE("painmdt --help lists every sub-command under the name painmdt", "[cli]")
{
    Cli cli;
    const Outcome o = cli.run({QStringLiteral("--help")});
    INFO(describe(o));
    CHECK(o.exitCode == 0);
    CHECK(o.out.startsWith(QStringLiteral("Usage: painmdt [options]")));
    for (const char *command : {"demo", "import", "report", "pathways", "instruments", "init", "audit", "check", "backup",
                                "restore", "copy", "user", "settings"}) {
        INFO(command);
        CHECK(o.out.contains(QStringLiteral("\n  %1 ").arg(QLatin1String(command))));
        const Outcome help = cli.run({QLatin1String(command), QStringLiteral("--help")});
        CHECK(help.exitCode == 0);
        CHECK(help.out.startsWith(QStringLiteral("Usage: painmdt %1 [options]").arg(QLatin1String(command))));
    }
}

TEST_CASE("painmdt demo writes a demo database", "[cli][demo]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("demo.sqlite"));

    const Outcome o = cli.run({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"),
                               QStringLiteral("50"), QStringLiteral("--seed"), QStringLiteral("3")});
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    CHECK(o.out.contains(QStringLiteral("Wrote 50 demo patients")));
    CHECK(o.err.isEmpty());
    REQUIRE(cli.made(db));
    CHECK(patientsIn(db) == 50);

    // The log went to the data folder given to the child, not the user's home.
    bool logFound = false;
    for (QDirIterator it(cli.path(QStringLiteral("xdg-data")), {QStringLiteral("painmdt.log")}, QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        it.next();
        logFound = true;
    }
    CHECK(logFound);

    // A second run on the same database is refused and leaves it as it was.
    const Outcome again = cli.run({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"),
                                   QStringLiteral("10")});
    CHECK(again.exitCode == 1);
    checkOneLineReason(again, QStringLiteral("already has patients"));
    CHECK(patientsIn(db) == 50);
}

TEST_CASE("painmdt demo refuses bad usage with exit code 2 and a one-line reason", "[cli][demo]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("demo.sqlite"));
    struct Case {
        const char *name;
        QStringList arguments;
        QString reason;
    };
    const std::vector<Case> cases{
        {"no --db", {QStringLiteral("demo")}, QStringLiteral("--db")},
        {"no --db, other options given", {QStringLiteral("demo"), QStringLiteral("--patients"), QStringLiteral("5")},
         QStringLiteral("--db")},
        {"patients not a number", {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"), QStringLiteral("many")},
         QStringLiteral("--patients")},
        {"patients negative", {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients=-5")},
         QStringLiteral("--patients")},
        {"seed not a number", {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--seed"), QStringLiteral("x")},
         QStringLiteral("--seed")},
        {"unknown option", {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--colour")},
         QStringLiteral("colour")},
    };
    for (const Case &c : cases) {
        const Outcome o = cli.run(c.arguments);
        INFO(c.name);
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, c.reason);
        CHECK(o.out.isEmpty());
    }
    CHECK_FALSE(cli.made(db)); // usage errors are found before the database is touched
}

TEST_CASE("painmdt import of a good file imports it, and again changes nothing", "[cli][import]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("import.sqlite"));
    const QStringList arguments{QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                QStringLiteral("patients"), data("patients_good.csv")};

    const Outcome first = cli.run(arguments);
    INFO(describe(first));
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.trimmed() == QStringLiteral("5 rows: 5 added, 0 updated, 0 unchanged"));
    CHECK(first.err.isEmpty());
    CHECK(patientsIn(db) == 5);
    {
        auto opened = openDatabase(db);
        storage::PatientRepository repo(*opened);
        const auto sarah = must(repo.byRef(QStringLiteral("CLI004")));
        REQUIRE(sarah);
        CHECK(sarah->givenName == QStringLiteral("Sarah, known as Sal"));
        CHECK(must(repo.byRef(QStringLiteral("CLI002")))->nhsNumber == QStringLiteral("9990000026"));
        CHECK(must(repo.byRef(QStringLiteral("CLI002")))->postcode == QStringLiteral("RG1 1AA"));
    }

    const Outcome second = cli.run(arguments);
    INFO(describe(second));
    REQUIRE(second.exitCode == 0);
    CHECK(second.out.trimmed() == QStringLiteral("5 rows: 0 added, 0 updated, 5 unchanged"));
    CHECK(patientsIn(db) == 5);
}

TEST_CASE("painmdt import of a bad file lists every bad row and writes nothing", "[cli][import]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("import.sqlite"));
    const QString bad = data("patients_bad.csv");

    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("patients"), bad});
    INFO(describe(o));
    CHECK(o.exitCode == 1);
    CHECK(o.out.isEmpty());
    const QStringList lines = o.errLines();
    REQUIRE(lines.size() == 5);
    CHECK(lines[0].startsWith(bad + QStringLiteral(": line 3, column nhs_number: ")));
    CHECK(lines[1].startsWith(bad + QStringLiteral(": line 5, column date_of_birth: ")));
    CHECK(lines[2].startsWith(bad + QStringLiteral(": line 6, column sex: ")));
    CHECK(lines[3].startsWith(bad + QStringLiteral(": line 7, column postcode: ")));
    CHECK(lines[4].startsWith(QStringLiteral("painmdt: ")));
    CHECK(lines[4].contains(QStringLiteral("4 bad row(s); nothing was imported")));
    CHECK(patientsIn(db) == 0);

    // Also on a database with patients: nothing is added or changed.
    REQUIRE(cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                     QStringLiteral("patients"), data("patients_good.csv")}).exitCode == 0);
    CHECK(cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                   QStringLiteral("patients"), bad}).exitCode == 1);
    CHECK(patientsIn(db) == 5);
}

TEST_CASE("painmdt import --skip-invalid imports the good rows and writes the rejects", "[cli][import]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("import.sqlite"));
    const QString rejects = cli.path(QStringLiteral("rejects.csv"));

    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("patients"), QStringLiteral("--skip-invalid"), rejects,
                               data("patients_bad.csv")});
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    CHECK(o.out.trimmed() == QStringLiteral("6 rows: 2 added, 0 updated, 0 unchanged, 4 rejected (written to %1)").arg(rejects));
    CHECK(o.errLines().size() == 4); // each rejected row is still named
    CHECK(patientsIn(db) == 2);

    const QStringList lines = QString::fromUtf8(readBytes(rejects)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == QStringLiteral("patient_ref,nhs_number,family_name,given_name,date_of_birth,sex,postcode,reason"));
    CHECK(lines[1].startsWith(QStringLiteral("CLB002,9990000017,Jones,Ivy,1971-01-01,female,,nhs_number: ")));
    CHECK(lines[2].startsWith(QStringLiteral("CLB004,,Patel,Ravi,12/03/1960,male,,")));
    CHECK(lines[2].contains(QStringLiteral("date_of_birth: ")));
    CHECK(lines[3].startsWith(QStringLiteral("CLB005,,Nowak,Anna,1980-02-02,f,,")));
    // A reason with quotes in it is quoted, its quotes doubled (RFC 4180).
    CHECK(lines[4].startsWith(QStringLiteral("CLB006,,Okafor,Chidi,1990-03-03,,not a postcode,\"postcode: \"\"not a postcode\"\" is not")));
}

TEST_CASE("painmdt import --ignore-unknown-columns", "[cli][import]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("import.sqlite"));
    const QString csv = cli.path(QStringLiteral("extra.csv"));
    writeBytes(csv, "patient_ref,family_name,given_name,date_of_birth,ward\nCLX1,Smith,John,1960-03-12,Ward 4\n");
    const QStringList base{QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"), QStringLiteral("patients")};

    const Outcome refused = cli.run(base + QStringList{csv});
    INFO(describe(refused));
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("line 1, column ward: unknown column")));
    CHECK(patientsIn(db) == 0);

    const Outcome accepted = cli.run(base + QStringList{QStringLiteral("--ignore-unknown-columns"), csv});
    INFO(describe(accepted));
    CHECK(accepted.exitCode == 0);
    CHECK(patientsIn(db) == 1);
}

TEST_CASE("painmdt import refuses what it cannot do with a clear reason", "[cli][import]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("import.sqlite"));
    const QString good = data("patients_good.csv");

    SECTION("unknown kind: exit 2")
    {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QStringLiteral("widgets"), good});
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QStringLiteral("unknown --kind \"widgets\""));
        CHECK_FALSE(cli.made(db)); // refused before the database is touched
    }
    SECTION("no kind: exit 2")
    {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, good});
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QStringLiteral("--kind"));
    }
    SECTION("no file, or two files: exit 2")
    {
        Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"), QStringLiteral("patients")});
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QStringLiteral("exactly one CSV file"));
        o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"), QStringLiteral("patients"), good, good});
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QStringLiteral("exactly one CSV file"));
    }
    SECTION("no --db: exit 2")
    {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--kind"), QStringLiteral("patients"), good});
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QStringLiteral("--db"));
    }
    SECTION("missing file: exit 1, no database made")
    {
        const QString missing = cli.path(QStringLiteral("no-such-file.csv"));
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QStringLiteral("patients"), missing});
        CHECK(o.exitCode == 1);
        checkOneLineReason(o, QStringLiteral("cannot read %1").arg(missing));
        CHECK_FALSE(cli.made(db));
    }
    SECTION("database that is a text file: exit 1, file unchanged")
    {
        const QString notDb = cli.path(QStringLiteral("notes.txt"));
        const QByteArray text = "Clinic notes, not a database.\n";
        writeBytes(notDb, text);
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), notDb, QStringLiteral("--kind"),
                                   QStringLiteral("patients"), good});
        CHECK(o.exitCode == 1);
        checkOneLineReason(o, QStringLiteral("is not a PainMDT database"));
        CHECK(readBytes(notDb) == text);
    }
    SECTION("database made by a newer version: exit 1")
    {
        {
            auto opened = openDatabase(db);
            QSqlQuery q(opened->connection());
            REQUIRE(q.exec(QStringLiteral("UPDATE meta SET value = '999' WHERE key = 'schema_version'")));
        }
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QStringLiteral("patients"), good});
        CHECK(o.exitCode == 1);
        checkOneLineReason(o, QStringLiteral("newer version"));
    }
}

TEST_CASE("a mistyped sub-command is refused instead of opening the GUI", "[cli]")
{
    Cli cli;
    const Outcome o = cli.run({QStringLiteral("imprt"), QStringLiteral("--db"), cli.database(QStringLiteral("x.sqlite"))});
    CHECK(o.exitCode == 2);
    checkOneLineReason(o, QStringLiteral("unknown command \"imprt\""));
    CHECK_FALSE(QFile::exists(cli.database(QStringLiteral("x.sqlite"))));
}

// The same figures as tests/reporting/test_referralreports.cpp, this time through the CSV
// contract and the command line (the way acceptance data arrives).
TEST_CASE("painmdt report: waiting-times and triage from imported CSV files", "[cli][report]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("report.sqlite"));
    for (const char *kind : {"patients", "referrals", "contacts", "assessments"}) {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QString::fromLatin1(kind),
                                   data("report-fixture/") + QString::fromLatin1(kind) + QStringLiteral(".csv")});
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
    }
    const QStringList period{QStringLiteral("--db"), db, QStringLiteral("--from"), QStringLiteral("2024-01-01"),
                             QStringLiteral("--to"), QStringLiteral("2024-03-31"), QStringLiteral("--as-of"),
                             QStringLiteral("2024-06-30")};
    const Outcome waiting = cli.run(QStringList{QStringLiteral("report"), QStringLiteral("waiting-times")} + period);
    INFO(describe(waiting));
    REQUIRE(waiting.exitCode == 0);
    const QJsonObject w = QJsonDocument::fromJson(waiting.out.toUtf8()).object();
    CHECK(w.value(QStringLiteral("referrals_received")).toInt() == 7);
    CHECK(w.value(QStringLiteral("median_days_to_first_contact")).toDouble() == 42);
    CHECK(w.value(QStringLiteral("p90_days_to_first_contact")).toDouble() == Approx(108.4));
    CHECK(w.value(QStringLiteral("waiting_at_as_of")).toInt() == 2);

    const Outcome triage = cli.run(QStringList{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--format"),
                                               QStringLiteral("csv")} + period);
    INFO(describe(triage));
    REQUIRE(triage.exitCode == 0);
    CHECK(triage.out.contains(QStringLiteral("Not scored,2\r\n")));
    CHECK(triage.out.contains(QStringLiteral("% managed in community,66.7\r\n")));

    const QString out = cli.path(QStringLiteral("triage.json"));
    REQUIRE(cli.run(QStringList{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--out"), out} + period).exitCode == 0);
    CHECK(QJsonDocument::fromJson(readBytes(out)).object().value(QStringLiteral("triaged")).toInt() == 6);
}

TEST_CASE("painmdt report refuses bad usage with a one-line reason", "[cli][report]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("report.sqlite"));
    const struct {
        QStringList arguments;
        const char *reason;
    } cases[] = {
        {{QStringLiteral("report"), QStringLiteral("waiting-times")}, "--db"},
        {{QStringLiteral("report"), QStringLiteral("nonsense"), QStringLiteral("--db"), db}, "unknown report"},
        {{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db, QStringLiteral("--from"), QStringLiteral("1/1/2024")}, "--from"},
        {{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db, QStringLiteral("--from"), QStringLiteral("2024-05-01"),
          QStringLiteral("--to"), QStringLiteral("2024-04-01")}, "after"},
        {{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("pdf")}, "--out"},
        {{QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db, QStringLiteral("--format"), QStringLiteral("xml")}, "--format"},
    };
    for (const auto &c : cases) {
        const Outcome o = cli.run(c.arguments);
        INFO(c.arguments.join(QLatin1Char(' ')).toStdString());
        CHECK(o.exitCode == 2);
        checkOneLineReason(o, QString::fromLatin1(c.reason));
    }
    CHECK_FALSE(cli.made(db)); // usage errors never create the database
}

TEST_CASE("the log holds no patient identifiers, whatever the import did", "[cli][logging]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("log.sqlite"));
    for (const char *file : {"patients_good.csv", "patients_bad.csv"})
        cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                 QStringLiteral("patients"), data(file)});
    cli.run({QStringLiteral("demo"), QStringLiteral("--db"), cli.database(QStringLiteral("demo.sqlite")),
             QStringLiteral("--patients"), QStringLiteral("20")});

    QString log;
    for (QDirIterator it(cli.path(QStringLiteral("xdg-data")), {QStringLiteral("painmdt.log*")}, QDir::Files,
                         QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile file(it.next());
        REQUIRE(file.open(QIODevice::ReadOnly));
        log += QString::fromUtf8(file.readAll());
    }
    REQUIRE(log.contains(QStringLiteral("command import started"))); // the log was written
    for (const char *identifier : {"Smith", "Jones", "Brien", "Ahmed", "Nowak", "CLI001", "9990000018",
                                   "999 000 0018", "1960-03-12", "NW1 2BU"})
        CHECK_FALSE(log.contains(QString::fromLatin1(identifier), Qt::CaseInsensitive));
}

TEST_CASE("painmdt pathways changes which pathways count as community, all or nothing", "[cli][report]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("pathways.sqlite"));
    REQUIRE(cli.run({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    const Outcome defaults = cli.run({QStringLiteral("pathways"), QStringLiteral("--db"), db});
    REQUIRE(defaults.exitCode == 0);
    CHECK(defaults.out.contains(QStringLiteral("secondary_pain,secondary\n")));
    CHECK(defaults.out.contains(QStringLiteral("advice,community\n")));

    const Outcome bad = cli.run({QStringLiteral("pathways"), QStringLiteral("--db"), db, QStringLiteral("--community"),
                                 QStringLiteral("secondary_pain"), QStringLiteral("--community"), QStringLiteral("nonsense")});
    CHECK(bad.exitCode == 2);
    checkOneLineReason(bad, QStringLiteral("\"nonsense\" is not a pathway"));
    CHECK(cli.run({QStringLiteral("pathways"), QStringLiteral("--db"), db}).out == defaults.out); // unchanged

    const Outcome changed = cli.run({QStringLiteral("pathways"), QStringLiteral("--db"), db, QStringLiteral("--community"),
                                     QStringLiteral("secondary_pain")});
    REQUIRE(changed.exitCode == 0);
    CHECK(changed.out.contains(QStringLiteral("secondary_pain,community\n")));
}

TEST_CASE("a service adds an instrument by importing its definition, with no code change", "[cli][instrument]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("instrument.sqlite"));
    const Outcome bad = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                 QStringLiteral("instrument"), data("instruments/broken.json")});
    INFO(describe(bad));
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.contains(QStringLiteral("code:")));
    CHECK(bad.err.contains(QStringLiteral("better:")));
    CHECK(bad.err.contains(QStringLiteral("items[0].options[0].code:")));
    CHECK(bad.err.contains(QStringLiteral("scores[0].items")));
    CHECK(bad.errLines().last().startsWith(QStringLiteral("painmdt: ")));

    // A cases file that checks nothing is refused, not taken for a pass.
    writeBytes(cli.path(QStringLiteral("empty_cases.csv")), "answers\n0;0;0\n");
    const Outcome vacuous = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                     QStringLiteral("instrument"), data("instruments/sleep3.json"), QStringLiteral("--cases"),
                                     cli.path(QStringLiteral("empty_cases.csv"))});
    CHECK(vacuous.exitCode == 1);
    CHECK(vacuous.err.contains(QStringLiteral("a column to check besides")));

    // Worked examples that the definition scores otherwise: nothing is imported, each one named.
    const Outcome wrong = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QStringLiteral("instrument"), data("instruments/sleep3.json"), QStringLiteral("--cases"),
                                   data("instruments/sleep3_wrongcases.csv")});
    INFO(describe(wrong));
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.contains(QStringLiteral("test case on line 3 of the cases file: total is 6, the case expects 5")));
    CHECK(wrong.err.contains(QStringLiteral("test case on line 4 of the cases file: band is \"Little\", the case expects \"Marked\"")));
    CHECK_FALSE(wrong.err.contains(QStringLiteral("line 2 of the cases file"))); // that one holds

    const Outcome good = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                  QStringLiteral("instrument"), data("instruments/sleep3.json"), QStringLiteral("--cases"),
                                  data("instruments/sleep3_cases.csv")});
    INFO(describe(good));
    REQUIRE(good.exitCode == 0);
    CHECK(good.out.contains(QStringLiteral("sleep3")));
    CHECK(good.out.contains(QStringLiteral("All 4 test case(s)")));

    // Every instrument with where it came from: built in, or imported by whom and when.
    const Outcome listed = cli.run({QStringLiteral("instruments"), QStringLiteral("--db"), db});
    INFO(describe(listed));
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.startsWith(QStringLiteral("code,version,name,origin,imported_by,imported_at,alerts,source\r\n")));
    CHECK(listed.out.contains(QStringLiteral("sleep3,1.0,")));
    CHECK(listed.out.contains(QStringLiteral(",imported,test.admin,")));
    CHECK(listed.out.contains(QStringLiteral("phq9,1,Patient Health Questionnaire (PHQ-9),built in,,,self_harm (item q9 above 0 or blank),")));

    writeBytes(cli.path(QStringLiteral("a.csv")), "assessment_ref,patient_ref,instrument,occasion,collected_on,answers\n"
                                                  "S1,CLI001,sleep3,assessment,2024-03-01,2;3;1\n"
                                                  "S2,CLI001,sleep3,review,2024-06-01,1;9;0\n");
    REQUIRE(cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                     QStringLiteral("patients"), data("patients_good.csv")}).exitCode == 0);
    const Outcome rows = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                  QStringLiteral("assessments"), cli.path(QStringLiteral("a.csv"))});
    INFO(describe(rows));
    CHECK(rows.exitCode == 1); // S2's item 2 is out of range for the imported definition
    CHECK(rows.err.contains(QStringLiteral("line 3, column answers: item 2: 9 is not an answer code")));

    writeBytes(cli.path(QStringLiteral("a.csv")), "assessment_ref,patient_ref,instrument,occasion,collected_on,answers\n"
                                                  "S1,CLI001,sleep3,assessment,2024-03-01,2;3;1\n"
                                                  "D1,CLI001,phq9,assessment,2024-03-01,0;1;1;0;0;0;0;0;1\n");
    const Outcome imported = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                      QStringLiteral("assessments"), cli.path(QStringLiteral("a.csv"))});
    INFO(describe(imported));
    REQUIRE(imported.exitCode == 0);
    // Hazard H9: the import says, on its main output, that a clinician must see an alert.
    CHECK(imported.out.contains(QStringLiteral("1 alert(s) raised by the answers (e.g. PHQ-9 item 9)")));
    auto opened = openDatabase(db);
    CHECK(scalar(*opened, QStringLiteral("SELECT band FROM assessment WHERE assessment_ref = 'S1'")).toString()
          == QStringLiteral("Marked"));
    CHECK(scalar(*opened, QStringLiteral("SELECT scoring_version FROM assessment WHERE assessment_ref = 'S1'")).toString()
          == QStringLiteral("sleep3-1"));
}

TEST_CASE("painmdt --demo keeps one demo database and removes it when a signal stops the app", "[cli][demo]")
{
    Cli cli;
    const QString cache = cli.path(QStringLiteral("xdg-cache"));
    const QString demo = cache + QStringLiteral("/PainMDT/PainMDT/demo.sqlite");
    // At the log-in (20 patients are made at once), and while the demo is still being made.
    for (const auto &[signal, patients] : {std::pair{SIGTERM, 20}, std::pair{SIGINT, 20}, std::pair{SIGHUP, 20},
                                           std::pair{SIGTERM, 20000}}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cache);
        env.insert(QStringLiteral("XDG_DATA_HOME"), cli.path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), cli.path(QStringLiteral("xdg-config")));
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(PAINMDT_EXE), {QStringLiteral("--demo"), QStringLiteral("--patients"), QString::number(patients)});
        REQUIRE(app.waitForStarted(10000));
        // The log-in dialog waits for the user once the demo is made.
        for (int waited = 0; waited < 300 && !QFile::exists(demo); ++waited)
            QThread::msleep(100);
        REQUIRE(QFile::exists(demo));
        QThread::msleep(patients > 100 ? 200 : 500);
        INFO("signal " << signal << " with " << patients << " patients");
        REQUIRE(::kill(pid_t(app.processId()), signal) == 0);
        REQUIRE(app.waitForFinished(20000));
        CHECK(app.exitStatus() == QProcess::NormalExit);
        CHECK_FALSE(QFile::exists(demo));
        CHECK_FALSE(QFile::exists(demo + QStringLiteral("-wal")));
        CHECK(QDir(cache + QStringLiteral("/PainMDT/PainMDT")).entryList(QDir::Files).isEmpty());
    }
}

TEST_CASE("The sample files in examples/ import in the README's order, and a report reads them", "[cli][examples]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("examples.sqlite"));
    const QString examples = QStringLiteral(PAINMDT_EXAMPLES "/");
    REQUIRE(cli.run({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    const std::vector<std::pair<const char *, int>> files{{"patients", 8}, {"referrals", 8}, {"contacts", 8},
                                                          {"assessments", 8}, {"attendances", 12}, {"tariff", 6},
                                                          {"service-costs", 2}};
    for (const auto &[kind, rows] : files) {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QString::fromLatin1(kind), examples + QString::fromLatin1(kind) + QStringLiteral(".csv")});
        INFO(kind << "\n" << describe(o));
        CHECK(o.exitCode == 0);
        CHECK(o.out.startsWith(QStringLiteral("%1 rows: %1 added").arg(rows)));
    }
    const Outcome instrument = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                        QStringLiteral("instrument"), examples + QStringLiteral("instrument-sleep3.json"),
                                        QStringLiteral("--cases"), examples + QStringLiteral("instrument-sleep3-cases.csv")});
    INFO(describe(instrument));
    CHECK(instrument.exitCode == 0);
    const Outcome triage = cli.run({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db,
                                    QStringLiteral("--from"), QStringLiteral("2026-01-01"), QStringLiteral("--to"),
                                    QStringLiteral("2026-11-30"), QStringLiteral("--as-of"), QStringLiteral("2026-11-30")});
    INFO(describe(triage));
    REQUIRE(triage.exitCode == 0);
    const QJsonObject report = QJsonDocument::fromJson(triage.out.toUtf8()).object();
    CHECK(report.value(QStringLiteral("triaged")).toInt() == 5);
    // Every NHS number in the samples is in the 999 range kept for tests.
    QFile patients(examples + QStringLiteral("patients.csv"));
    REQUIRE(patients.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(patients.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(1))
        CHECK(line.section(QLatin1Char(','), 1, 1).startsWith(QStringLiteral("999 ")));
}

TEST_CASE("painmdt demo made by someone logged in as demo.admin keeps their account and adds the others", "[cli][demo]")
{
    Cli cli;
    cli.user = QStringLiteral("demo.admin");
    cli.password = QStringLiteral("painmdt-demo");
    const QString db = cli.database(QStringLiteral("demo.sqlite"));
    const Outcome made = cli.run({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"),
                                  QStringLiteral("30")});
    INFO(describe(made));
    REQUIRE(made.exitCode == 0);
    cli.user = QStringLiteral("demo.clinician");
    const Outcome report = cli.run({QStringLiteral("report"), QStringLiteral("caseload"), QStringLiteral("--db"), db});
    INFO(describe(report));
    CHECK(report.exitCode == 0);
}
