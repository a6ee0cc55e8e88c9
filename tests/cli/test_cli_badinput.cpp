// Issue 6 through the real binary: outputs that would destroy the database or an input, files
// that cannot be written, damaged databases, commands that must not create a database, and
// files that must be owner-only.
#include "clisupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QByteArray digest(const QString &path)
{
    return QCryptographicHash::hash(readBytes(path), QCryptographicHash::Sha256);
}

QStringList arguments(std::initializer_list<QString> list) { return QStringList(list); }

// A database with the fixture patients, and a copy of the bad patients file to point at.
struct Imported : Cli {
    QString db = path(QStringLiteral("x.sqlite"));
    QString bad = path(QStringLiteral("bad.csv"));
    Imported()
    {
        REQUIRE(run(arguments({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("patients"), data("patients_good.csv")})).exitCode == 0);
        QFile::copy(data("patients_bad.csv"), bad);
    }
    Outcome importBad(const QString &rejects)
    {
        return run(arguments({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                              QStringLiteral("patients"), bad, QStringLiteral("--skip-invalid"), rejects}));
    }
    Outcome report(const QString &out)
    {
        return run(arguments({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), db,
                              QStringLiteral("--out"), out}));
    }
};

} // namespace

TEST_CASE("Finding 1: an output path that is the database, a companion file or the input is refused first",
          "[cli][badinput][sqlite]")
{
    Imported cli;
    // Every companion file exists while a connection is open; their names are refused regardless.
    QFile::link(cli.db, cli.path(QStringLiteral("link.sqlite")));
    QDir().mkpath(cli.path(QStringLiteral("sub")));
    REQUIRE(::link(QFile::encodeName(cli.db).constData(), QFile::encodeName(cli.path(QStringLiteral("hard.sqlite"))).constData()) == 0);
    const QByteArray dbBefore = digest(cli.db);
    const QByteArray csvBefore = digest(cli.bad);
    const int patientsBefore = patientsIn(cli.db);

    const QStringList targets{cli.db, cli.path(QStringLiteral("link.sqlite")), cli.path(QStringLiteral("hard.sqlite")),
                              cli.db + QStringLiteral("-wal"), cli.db + QStringLiteral("-shm"),
                              cli.path(QStringLiteral("sub/../x.sqlite"))};
    for (const QString &target : targets) {
        INFO(target.toStdString());
        const Outcome rejects = cli.importBad(target);
        CHECK(rejects.exitCode == 2);
        checkOneLineReason(rejects, QStringLiteral("would overwrite"));
        const Outcome report = cli.report(target);
        CHECK(report.exitCode == 2);
        checkOneLineReason(report, QStringLiteral("would overwrite"));
    }
    const Outcome input = cli.importBad(cli.bad);
    CHECK(input.exitCode == 2);
    checkOneLineReason(input, QStringLiteral("which this command reads"));

    CHECK(digest(cli.db) == dbBefore);
    CHECK(digest(cli.bad) == csvBefore);
    CHECK(patientsIn(cli.db) == patientsBefore);
}

TEST_CASE("Finding 2: a rejects file or report that cannot be written fails, and nothing is imported",
          "[cli][badinput][sqlite]")
{
    Imported cli;
    const int patientsBefore = patientsIn(cli.db);
    // /dev/full: every write fails with "No space left on device", a real full disk.
    const Outcome full = cli.importBad(QStringLiteral("/dev/full"));
    INFO(describe(full));
    CHECK(full.exitCode == 1);
    CHECK(full.errLines().last().contains(QStringLiteral("No space left on device")));
    CHECK(full.errLines().last().contains(QStringLiteral("Nothing was imported")));
    CHECK(patientsIn(cli.db) == patientsBefore);

    const QString inFile = cli.path(QStringLiteral("bad.csv/rejects.csv")); // a folder that is a file
    const Outcome noFolder = cli.importBad(inFile);
    CHECK(noFolder.exitCode == 1);
    CHECK(patientsIn(cli.db) == patientsBefore);

    const Outcome report = cli.report(QStringLiteral("/dev/full"));
    CHECK(report.exitCode == 1);
    checkOneLineReason(report, QStringLiteral("No space left on device"));
    const Outcome reportNoFolder = cli.report(inFile);
    CHECK(reportNoFolder.exitCode == 1);
    CHECK_FALSE(QFileInfo::exists(inFile));
}

TEST_CASE("Finding 7: damaged databases are called damaged, and left alone", "[cli][badinput][sqlite]")
{
    Imported cli;
    struct Case {
        const char *name;
        std::function<void(const QString &)> damage;
        const char *says;
    };
    const std::vector<Case> cases{
        {"cut short", [](const QString &p) { QFile f(p); REQUIRE(f.resize(8192)); }, "cut short"},
        {"cut to a few bytes", [](const QString &p) { QFile f(p); REQUIRE(f.resize(40)); }, "shorter than any database"},
        {"garbled schema version",
         [](const QString &p) {
             auto db = openDatabase(p);
             QSqlQuery(db->connection()).exec(QStringLiteral("UPDATE meta SET value = 'x' WHERE key = 'schema_version'"));
         },
         "schema version is missing or garbled"},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const QString copy = cli.path(QStringLiteral("damaged%1.sqlite").arg(&c - cases.data()));
        {
            auto db = openDatabase(cli.db); // checkpoint the log into the file before copying it
        }
        REQUIRE(QFile::copy(cli.db, copy));
        c.damage(copy);
        const QByteArray before = digest(copy);
        const Outcome o = cli.run(arguments({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), copy}));
        CHECK(o.exitCode == 1);
        checkOneLineReason(o, QLatin1String(c.says));
        CHECK(o.err.contains(QStringLiteral("restore")));
        CHECK(digest(copy) == before);
    }
}

TEST_CASE("Only import, demo and init create a database, and the rest refuse a missing one", "[cli][badinput]")
{
    Cli cli;
    const QString missing = cli.database(QStringLiteral("typo.sqlite"));
    for (const QStringList &command :
         {arguments({QStringLiteral("report"), QStringLiteral("waiting-times"), QStringLiteral("--db"), missing}),
          arguments({QStringLiteral("pathways"), QStringLiteral("--db"), missing}),
          arguments({QStringLiteral("pathways"), QStringLiteral("--db"), missing, QStringLiteral("--community"),
                     QStringLiteral("nosuch")})}) {
        INFO(command.join(' ').toStdString());
        const Outcome o = cli.run(command);
        CHECK(o.exitCode != 0);
        CHECK(o.errLines().size() == 1);
        CHECK_FALSE(cli.made(missing));
    }
    const Outcome init = cli.run(arguments({QStringLiteral("init"), QStringLiteral("--db"), missing}));
    CHECK(init.exitCode == 0);
    CHECK(init.out.contains(QStringLiteral("Created")));
    const Outcome again = cli.run(arguments({QStringLiteral("init"), QStringLiteral("--db"), missing}));
    CHECK(again.exitCode == 0);
    CHECK(again.out.contains(QStringLiteral("nothing else to do")));
    CHECK(cli.run(arguments({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), missing})).exitCode == 0);
}

TEST_CASE("Finding 8: what PainMDT writes is readable by its owner only", "[cli][badinput][sqlite]")
{
    ::umask(022); // a common default; PainMDT must not rely on the user's
    Imported cli;
    REQUIRE(cli.importBad(cli.path(QStringLiteral("rejects.csv"))).exitCode == 0);
    REQUIRE(cli.report(cli.path(QStringLiteral("report.json"))).exitCode == 0);
    const auto open = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther;
    int checked = 0;
    QDirIterator it(cli.dir.path(), QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        if (info.fileName() == QLatin1String("bad.csv") || info.filePath().contains(QLatin1String("xdg-runtime")))
            continue; // the test's own copy, and the folder the test made
        INFO(info.filePath().toStdString());
        CHECK((info.permissions() & open) == 0);
        ++checked;
    }
    CHECK(checked >= 4); // database, rejects, report, log
}

TEST_CASE("Finding 8: a bad pathway code is refused before the database is touched", "[cli][badinput][sqlite]")
{
    Imported cli;
    const QByteArray before = digest(cli.db);
    const Outcome o = cli.run(arguments({QStringLiteral("pathways"), QStringLiteral("--db"), cli.db,
                                         QStringLiteral("--community"), QStringLiteral("nosuch")}));
    CHECK(o.exitCode == 2);
    checkOneLineReason(o, QStringLiteral("\"nosuch\" is not a pathway"));
    CHECK(digest(cli.db) == before);
}

TEST_CASE("Adversarial review: outputs through a symlinked database, onto another database, or via stdout",
          "[cli][badinput][sqlite]")
{
    Imported cli;
    const QString link = cli.path(QStringLiteral("l1"));
    REQUIRE(QFile::link(cli.db, link));
    const QString other = cli.path(QStringLiteral("other.sqlite"));
    REQUIRE(cli.run(arguments({QStringLiteral("init"), QStringLiteral("--db"), other})).exitCode == 0);
    const QByteArray otherBefore = digest(other);
    // --db is the link: SQLite's companions sit beside the real file, and are refused by that name.
    for (const QString &target : {cli.db + QStringLiteral("-wal"), cli.db + QStringLiteral("-journal"), other}) {
        INFO(target.toStdString());
        const Outcome o = cli.run(arguments({QStringLiteral("report"), QStringLiteral("triage"), QStringLiteral("--db"), link,
                                             QStringLiteral("--out"), target}));
        CHECK(o.exitCode == 2);
    }
    CHECK(digest(other) == otherBefore);

    // `report > x.sqlite`: standard output onto the database.
    QProcess shell;
    shell.setWorkingDirectory(cli.dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PAINMDT_USER"), cli.user);
    env.insert(QStringLiteral("PAINMDT_PASSWORD"), cli.password);
    env.insert(QStringLiteral("XDG_DATA_HOME"), cli.path(QStringLiteral("xdg-data")));
    shell.setProcessEnvironment(env);
    const QByteArray dbBefore = digest(cli.db);
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("'%1' report triage --db x.sqlite >> x.sqlite")
                                                                      .arg(QStringLiteral(PAINMDT_EXE))});
    REQUIRE(shell.waitForFinished(60000));
    CHECK(shell.exitCode() == 2);
    CHECK(digest(cli.db) == dbBefore);
}

TEST_CASE("Adversarial review: an endless input is cut off, not read until memory runs out", "[cli][badinput][sqlite]")
{
    Imported cli;
    for (const char *kind : {"instrument", "patients"}) {
        INFO(kind);
        const Outcome o = cli.run(arguments({QStringLiteral("import"), QStringLiteral("--db"), cli.db, QStringLiteral("--kind"),
                                             QLatin1String(kind), QStringLiteral("/dev/zero")}));
        CHECK(o.exitCode == 1);
        checkOneLineReason(o, QStringLiteral("the most one import reads"));
    }
}
