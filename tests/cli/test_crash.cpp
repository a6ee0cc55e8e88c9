// Crash safety (issue 11): `painmdt` killed with SIGKILL again and again in the middle of an
// import, of a demo build and of edits saved in the main window. Each time the database opens, passes every check, keeps every
// record committed before the kill, and holds all of an import or none of it.
#include "storage/changelog.h"
#include "storage/database.h"
#include "support/testsupport.h"
#include "clisupport.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QThread>

#include <csignal>

using namespace painmdt;
using namespace painmdt::test;

namespace {

// Starts painmdt as Cli::run would, and kills it (SIGKILL: no handler, no cleanup) after `ms`.
// Returns true when it was still running at the kill.
bool killedAfter(Cli &cli, const QStringList &arguments, int ms)
{
    QProcess process;
    cli.start(process, arguments);
    REQUIRE(process.waitForStarted(10000));
    const bool finished = process.waitForFinished(ms);
    if (!finished) {
        ::kill(pid_t(process.processId()), SIGKILL);
        REQUIRE(process.waitForFinished(10000));
    }
    return !finished;
}

// Every check `painmdt check` runs, straight on the file.
void checkSound(const QString &path)
{
    auto db = openDatabase(path);
    const auto pages = db->integrityProblems();
    REQUIRE(pages.ok());
    CHECK(pages->isEmpty());
    const auto links = db->foreignKeyProblems();
    REQUIRE(links.ok());
    CHECK(links->isEmpty());
    const auto chain = storage::verifyAuditTrail(*db);
    REQUIRE(chain.ok());
    CHECK(chain->firstBrokenId == 0);
}

int attendancesIn(const QString &path)
{
    auto db = openDatabase(path);
    return countRows(*db, QStringLiteral("attendance"));
}

// 40,000 hospital attendances for the demo's patients, refs unique to this extract.
QString writeExtract(Cli &cli, const QString &db, const QString &name)
{
    QStringList refs;
    {
        auto opened = openDatabase(db);
        QSqlQuery q(opened->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT patient_ref FROM patient WHERE deleted_at IS NULL AND date_of_death IS NULL "
                                      "AND date_of_birth < '2000-01-01' ORDER BY id")));
        while (q.next())
            refs << q.value(0).toString();
    }
    REQUIRE(refs.size() > 50);
    const QString path = cli.path(name + QStringLiteral(".csv"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("attendance_ref,patient_ref,attended_on,setting\n");
    for (int i = 0; i < 40000; ++i)
        file.write(QStringLiteral("%1-%2,%3,2025-%4-%5,ae\n")
                       .arg(name).arg(i).arg(refs[i % refs.size()]).arg(1 + i % 12, 2, 10, QLatin1Char('0'))
                       .arg(1 + i % 28, 2, 10, QLatin1Char('0'))
                       .toUtf8());
    return path;
}

} // namespace

TEST_CASE("SIGKILL in the middle of imports: every check passes and each import is whole or absent", "[cli][crash][sqlite]")
{
    Cli cli;
    cli.user = QStringLiteral("demo.admin");
    cli.password = QStringLiteral("painmdt-demo");
    const QString db = cli.path(QStringLiteral("crash.sqlite"));
    REQUIRE(cli.run({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"), QStringLiteral("300"),
                     QStringLiteral("--referrals"), QStringLiteral("0")}).exitCode == 0);
    int committed = attendancesIn(db);
    int kills = 0, whole = 0;
    // From before the file is read to after the commit: the kill lands at every stage somewhere;
    // the last import is left to finish.
    for (int ms : {50, 250, 500, 800, 1200, 1700, 2500, 4000, 120000}) {
        const QString extract = writeExtract(cli, db, QStringLiteral("x%1").arg(ms));
        const bool killed = killedAfter(cli, {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                              QStringLiteral("attendances"), extract}, ms);
        kills += killed ? 1 : 0;
        INFO("killed after " << ms << " ms: " << killed);
        checkSound(db);
        const int now = attendancesIn(db);
        CHECK((now == committed || now == committed + 40000)); // all of it, or none
        whole += now == committed + 40000 ? 1 : 0;
        committed = now;
    }
    INFO(kills << " killed, " << whole << " imported whole");
    CHECK(kills > 0); // the test killed something, or it proved nothing
    CHECK(whole > 0);
}

TEST_CASE("SIGKILL while a demo database is being made: it opens and passes every check", "[cli][crash][sqlite]")
{
    Cli cli;
    int kills = 0;
    for (int ms : {100, 400, 900}) {
        const QString db = cli.path(QStringLiteral("demo-%1.sqlite").arg(ms));
        const bool killed = killedAfter(cli, {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--patients"),
                                              QStringLiteral("3000")}, ms);
        kills += killed ? 1 : 0;
        INFO("killed after " << ms << " ms: " << killed);
        if (QFile(db).size() > 0)
            checkSound(db);
    }
    CHECK(kills > 0);
}

// The main window registering and renaming patients (tests/ui/crash_gui_edits.cpp), killed at
// once, mid-stream and later: every save it reported before the kill is there, whole.
TEST_CASE("SIGKILL during edits saved in the main window: every reported save survives, and every check passes",
          "[cli][crash][sqlite]")
{
    Cli cli;
    const QString db = cli.path(QStringLiteral("edits.sqlite"));
    REQUIRE(cli.run({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    QStringList reported;
    for (int ms : {150, 700, 1500, 3000}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), cli.path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), cli.path(QStringLiteral("xdg-config")));
        QProcess editor;
        editor.setProcessEnvironment(env);
        editor.start(QStringLiteral(PAINMDT_CRASH_GUI_EDITS), {db, QString(QChar(char16_t(u'A' + reported.size() % 26))) + QChar(char16_t(u'a' + ms % 26))});
        REQUIRE(editor.waitForStarted(10000));
        QThread::msleep(ms);
        ::kill(pid_t(editor.processId()), SIGKILL);
        REQUIRE(editor.waitForFinished(10000));
        INFO(editor.readAllStandardError().toStdString());
        CHECK(editor.exitStatus() == QProcess::CrashExit); // still saving when killed
        for (const QString &line : QString::fromUtf8(editor.readAllStandardOutput()).split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1String("registered ")) || line.startsWith(QLatin1String("renamed ")))
                reported << line;
        checkSound(db);
    }
    REQUIRE(reported.size() > 3); // it saved something before the kills, or the test proved nothing
    auto opened = openDatabase(db);
    for (const QString &line : reported) {
        const QStringList words = line.split(QLatin1Char(' '));
        REQUIRE(words.size() == 3);
        const QString given = scalar(*opened, QStringLiteral("SELECT given_name FROM patient WHERE lower(family_name) = lower('%1')")
                                                  .arg(words[1])).toString();
        INFO(line.toStdString());
        if (words[0] == QLatin1String("registered"))
            CHECK(!given.isEmpty());
        else
            CHECK(given == words[2]);
    }
}
