// Encrypted backups and verified restores (issue 11; docs/adr/0021), through the real `painmdt`
// binary and, for automatic backups, the service.
#include "services/backupservice.h"
#include "storage/changelog.h"
#include "clisupport.h"

#include <QFileInfo>
#include <QThread>
#include <QtEndian>
#include <sys/stat.h>
#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;

namespace {

const QString passphrase = QStringLiteral("lantern orchard pebble");

struct BackupCli : Cli {
    BackupCli()
    {
        writeBytes(path(QStringLiteral("pass")), passphrase.toUtf8() + '\n');
        writeBytes(path(QStringLiteral("wrong")), "lantern orchard pebbles\n");
        const Outcome demo = run({QStringLiteral("demo"), QStringLiteral("--db"), db(), QStringLiteral("--patients"),
                                  QStringLiteral("300")});
        INFO(describe(demo));
        REQUIRE(demo.exitCode == 0);
    }
    QString db() const { return path(QStringLiteral("team.sqlite")); }
    Outcome backup(const QString &out, const QString &pass = QStringLiteral("pass"))
    {
        return run({QStringLiteral("backup"), QStringLiteral("--db"), db(), QStringLiteral("--out"), out,
                    QStringLiteral("--passphrase-file"), path(pass)});
    }
    Outcome restore(const QString &in, const QString &target, const QStringList &more = {},
                    const QString &pass = QStringLiteral("pass"))
    {
        return run(QStringList{QStringLiteral("restore"), QStringLiteral("--in"), in, QStringLiteral("--db"), target,
                               QStringLiteral("--passphrase-file"), path(pass)} + more);
    }
    QByteArray report(const char *name, const QString &database)
    {
        const Outcome o = run({QStringLiteral("report"), QString::fromLatin1(name), QStringLiteral("--db"), database,
                               QStringLiteral("--from"), QStringLiteral("2000-01-01"), QStringLiteral("--to"),
                               QStringLiteral("2030-12-31"), QStringLiteral("--as-of"), QStringLiteral("2030-12-31")});
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
        return o.out.toUtf8();
    }
};

// Every name and NHS number in the database: none may appear in a backup.
QStringList identifiers(const QString &dbPath)
{
    auto db = openDatabase(dbPath);
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT family_name, nhs_number FROM patient")));
    QStringList found;
    while (q.next())
        found << q.value(0).toString() << q.value(1).toString();
    return found;
}

void checkAbsent(const BackupCli &cli, const QString &target)
{
    for (const QString &suffix : {QString(), QStringLiteral(".restoring"), QStringLiteral("-wal"), QStringLiteral("-shm")})
        CHECK_FALSE(QFileInfo::exists(target + suffix));
    Q_UNUSED(cli);
}

} // namespace

TEST_CASE("A backup restored gives identical reports, and nothing in it can be read", "[cli][backup][sqlite]")
{
    BackupCli cli;
    const QString bak = cli.path(QStringLiteral("team.painmdt-backup"));
    const Outcome made = cli.backup(bak);
    INFO(describe(made));
    REQUIRE(made.exitCode == 0);
    CHECK((QFileInfo(bak).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);

    const QByteArray bytes = readBytes(bak);
    const QStringList secrets = identifiers(cli.db());
    REQUIRE(secrets.size() > 500);
    for (const QString &s : secrets)
        if (s.size() >= 5)
            REQUIRE_FALSE(bytes.contains(s.toUtf8()));
    CHECK_FALSE(bytes.contains("SQLite format 3"));
    CHECK_FALSE(bytes.contains("CREATE TABLE"));

    const QString copy = cli.path(QStringLiteral("restored.sqlite"));
    const Outcome restored = cli.restore(bak, copy);
    INFO(describe(restored));
    REQUIRE(restored.exitCode == 0);
    CHECK(restored.out.contains(QStringLiteral("passed every check")));
    for (const char *name : {"waiting-times", "triage", "caseload", "outcomes", "attendances", "cost-savings", "service"})
        CHECK(cli.report(name, copy) == cli.report(name, cli.db()));
    const Outcome check = cli.run({QStringLiteral("check"), QStringLiteral("--db"), copy});
    CHECK(check.exitCode == 0);
}

TEST_CASE("A wrong passphrase, a backup cut short or changed, or another file: refused, nothing written",
          "[cli][backup][sqlite]")
{
    BackupCli cli;
    const QString bak = cli.path(QStringLiteral("team.painmdt-backup"));
    REQUIRE(cli.backup(bak).exitCode == 0);
    const QByteArray whole = readBytes(bak);
    const QString target = cli.path(QStringLiteral("restored.sqlite"));

    SECTION("wrong passphrase")
    {
        checkOneLineReason(cli.restore(bak, target, {}, QStringLiteral("wrong")), QStringLiteral("Wrong passphrase"));
    }
    SECTION("cut short, at the end of a part and in the middle of one")
    {
        const QString cut = cli.path(QStringLiteral("cut.painmdt-backup"));
        for (const qsizetype keep : {whole.size() - 21, whole.size() / 2, qsizetype(300)}) {
            writeBytes(cut, whole.left(keep));
            const Outcome o = cli.restore(cut, target);
            CHECK(o.exitCode == 1);
            CHECK(o.err.contains(QStringLiteral("cut short")));
            checkAbsent(cli, target);
        }
    }
    SECTION("one byte changed anywhere: the header, the description, the data, the end")
    {
        const QString changed = cli.path(QStringLiteral("changed.painmdt-backup"));
        for (const qsizetype at : {qsizetype(20), qsizetype(150), qsizetype(200), whole.size() / 2, whole.size() - 5}) {
            QByteArray bytes = whole;
            bytes[at] = char(bytes[at] ^ 0x01);
            writeBytes(changed, bytes);
            const Outcome o = cli.restore(changed, target);
            INFO("byte " << at << ": " << describe(o));
            CHECK(o.exitCode == 1);
            CHECK((o.err.contains(QStringLiteral("damaged or has been changed"))
                   || o.err.contains(QStringLiteral("Wrong passphrase"))));
            checkAbsent(cli, target);
        }
        writeBytes(changed, whole + "x");
        CHECK(cli.restore(changed, target).err.contains(QStringLiteral("more after its last part")));
    }
    SECTION("not a backup at all")
    {
        checkOneLineReason(cli.restore(cli.db(), target), QStringLiteral("is not a PainMDT backup"));
    }
    SECTION("a target that exists, without --replace")
    {
        const QByteArray before = readBytes(cli.db());
        checkOneLineReason(cli.restore(bak, cli.db()), QStringLiteral("already exists"));
        CHECK(readBytes(cli.db()) == before);
    }
    checkAbsent(cli, target);
}

TEST_CASE("Restore with --replace takes a safety backup first, and a backup that fails its checks replaces nothing", "[cli][backup][sqlite]")
{
    BackupCli cli;
    const QString bak = cli.path(QStringLiteral("monday.painmdt-backup"));
    REQUIRE(cli.backup(bak).exitCode == 0);
    cli.extraEnvironment.push_back({QStringLiteral("PAINMDT_NEW_PASSWORD"), QStringLiteral("a new colleague's pass")});
    REQUIRE(cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("new.colleague"), QStringLiteral("--role"),
                     QStringLiteral("clinician"), QStringLiteral("--db"), cli.db()}).exitCode == 0);
    const auto users = [&] { return cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), cli.db()}).out; };
    REQUIRE(users().contains(QStringLiteral("new.colleague")));

    // A changed backup: refused after decryption, before anything is replaced.
    QByteArray bad = readBytes(bak);
    bad[bad.size() / 2] = char(bad[bad.size() / 2] ^ 0x10);
    writeBytes(cli.path(QStringLiteral("bad.painmdt-backup")), bad);
    CHECK(cli.restore(cli.path(QStringLiteral("bad.painmdt-backup")), cli.db(), {QStringLiteral("--replace")}).exitCode == 1);
    CHECK(users().contains(QStringLiteral("new.colleague")));

    const Outcome o = cli.restore(bak, cli.db(), {QStringLiteral("--replace")});
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    CHECK_FALSE(users().contains(QStringLiteral("new.colleague")));
    const QFileInfoList safety = QDir(cli.dir.path()).entryInfoList({QStringLiteral("team.sqlite.before-restore-*.painmdt-backup")});
    REQUIRE(safety.size() == 1);
    CHECK(o.out.contains(safety.front().fileName()));
    CHECK(cli.run({QStringLiteral("check"), QStringLiteral("--db"), cli.db()}).exitCode == 0);
    // The restored trail is the backup's, and says it was restored.
    CHECK(scalar(*openDatabase(cli.db()), QStringLiteral("SELECT COUNT(*) FROM change_log WHERE action = 'backup' "
                                                         "AND changes LIKE '%restored%'")).toInt() == 1);

    // The safety backup puts back what was there.
    const QString back = cli.path(QStringLiteral("back.sqlite"));
    REQUIRE(cli.restore(safety.front().absoluteFilePath(), back).exitCode == 0);
    CHECK(cli.run({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("--db"), back}).out.contains(
        QStringLiteral("new.colleague")));
}

TEST_CASE("Backups are the administrator's, need a long passphrase, and never land on the database", "[cli][backup][sqlite]")
{
    BackupCli cli;
    writeBytes(cli.path(QStringLiteral("short")), "short one\n");
    checkOneLineReason(cli.backup(cli.path(QStringLiteral("a.bak")), QStringLiteral("short")), QStringLiteral("at least 12"));
    checkOneLineReason(cli.backup(cli.db() + QStringLiteral("-wal")), QStringLiteral("--out"));
    CHECK_FALSE(QFileInfo::exists(cli.path(QStringLiteral("a.bak"))));

    cli.extraEnvironment.push_back({QStringLiteral("PAINMDT_NEW_PASSWORD"), QStringLiteral("a manager's password")});
    REQUIRE(cli.run({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("a.manager"), QStringLiteral("--role"),
                     QStringLiteral("manager"), QStringLiteral("--db"), cli.db()}).exitCode == 0);
    cli.user = QStringLiteral("a.manager");
    cli.password = QStringLiteral("a manager's password");
    const Outcome refused = cli.backup(cli.path(QStringLiteral("a.bak")));
    CHECK(refused.exitCode == 3);
    CHECK(refused.err.contains(QStringLiteral("make or restore backups")));
    CHECK_FALSE(QFileInfo::exists(cli.path(QStringLiteral("a.bak"))));
}

TEST_CASE("Automatic backups: off until an administrator sets them, one a day, the oldest removed", "[services][backup][sqlite]")
{
    QTemporaryDir dir;
    auto clock = std::make_shared<QDateTime>(fixedNow());
    auto db = openDatabase(dir.filePath(QStringLiteral("team.sqlite")));
    services::BackupService backups(*db, stampsAt(clock, QStringLiteral("test.admin")));
    const auto none = backups.policy();
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());

    const QString folder = dir.filePath(QStringLiteral("backups"));
    CHECK_FALSE(services::checkNewPassphrase(QStringLiteral("too short")).ok());
    const auto key = services::deriveBackupKey(passphrase);
    REQUIRE(key.ok());
    CHECK_FALSE(backups.setPolicy({key.value(), QStringLiteral("relative/folder"), 3}).ok());
    CHECK_FALSE(backups.setPolicy({key.value(), folder, 0}).ok());
    REQUIRE(backups.setPolicy({key.value(), folder, 2}).ok());
    const auto policy = backups.policy();
    REQUIRE(policy.ok());
    REQUIRE(policy->has_value());
    CHECK(policy->value().keep == 2);
    CHECK(services::automaticBackupDue(folder, QStringLiteral("team.sqlite"), *clock));

    QStringList made;
    for (int day = 0; day < 3; ++day) {
        *clock = fixedNow().addDays(day);
        const auto file = backups.backUpNow(policy->value());
        REQUIRE(file.ok());
        made << file.value();
    }
    const QFileInfoList kept = services::automaticBackups(folder, QStringLiteral("team.sqlite"));
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].absoluteFilePath() == made[2]);
    CHECK(kept[1].absoluteFilePath() == made[1]);
    CHECK_FALSE(services::automaticBackupDue(folder, QStringLiteral("team.sqlite"), clock->addSecs(23 * 3600)));
    CHECK(services::automaticBackupDue(folder, QStringLiteral("team.sqlite"), clock->addSecs(24 * 3600)));

    // The database holds only the public half: the passphrase opens the backup, nothing else does.
    const auto restored = services::restoreToNewFile(made[2], passphrase, dir.filePath(QStringLiteral("back.sqlite")));
    REQUIRE(restored.ok());
    CHECK(restored->takenBy == QStringLiteral("test.admin"));
    CHECK_FALSE(readBytes(dir.filePath(QStringLiteral("team.sqlite"))).contains(passphrase.toUtf8()));

    // A read-only user may not change the policy.
    services::BackupService reader(*db, services::StampSource(QStringLiteral("someone")));
    CHECK(reader.setPolicy({key.value(), folder, 5}).forbidden());
    // ... but its automatic backup, to the administrator's folder and key, is made whoever is logged in.
    CHECK(reader.backUpNow(policy->value()).ok());
}

TEST_CASE("A backup made from another backup's public header, without the passphrase, is refused", "[cli][backup][sqlite]")
{
    BackupCli cli;
    const QString bak = cli.path(QStringLiteral("genuine.painmdt-backup"));
    REQUIRE(cli.backup(bak).exitCode == 0);
    // What anyone holding the file can read: salt, work factors, public key.
    const QByteArray header = readBytes(bak);
    services::BackupKey seen{header.mid(20, 16), qFromLittleEndian<quint64>(header.constData() + 36),
                             qFromLittleEndian<quint64>(header.constData() + 44), header.mid(52, 32), QByteArray(32, 'x')};
    services::BackupManifest manifest;
    manifest.schemaVersion = 15;
    manifest.takenBy = QStringLiteral("test.admin");
    const QByteArray image = readBytes(cli.db());
    manifest.bytes = image.size();
    QFile forged(cli.path(QStringLiteral("forged.painmdt-backup")));
    REQUIRE(forged.open(QIODevice::WriteOnly));
    REQUIRE(services::writeBackup(forged, seen, manifest, image).ok());
    forged.close();
    const Outcome o = cli.restore(forged.fileName(), cli.path(QStringLiteral("x.sqlite")));
    CHECK(o.exitCode == 1);
    CHECK(o.err.contains(QStringLiteral("not made with this passphrase's key")));
    checkAbsent(cli, cli.path(QStringLiteral("x.sqlite")));
    // A damaged header is named as such, not as a wrong passphrase.
    QByteArray bad = header;
    bad[30] = char(bad[30] ^ 1);
    writeBytes(cli.path(QStringLiteral("header.painmdt-backup")), bad);
    CHECK(cli.restore(cli.path(QStringLiteral("header.painmdt-backup")), cli.path(QStringLiteral("x.sqlite")))
              .err.contains(QStringLiteral("its header is damaged")));
}

TEST_CASE("A backup never replaces a pipe, a device or its own passphrase file, nor restores from a working file",
          "[cli][backup][sqlite]")
{
    BackupCli cli;
    const QString fifo = cli.path(QStringLiteral("fifo"));
    REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
    checkOneLineReason(cli.backup(fifo), QStringLiteral("not a regular file"));
    CHECK(QFileInfo(fifo).isFile() == false);
    const Outcome own = cli.run({QStringLiteral("backup"), QStringLiteral("--db"), cli.db(), QStringLiteral("--out"),
                                 cli.path(QStringLiteral("pass")), QStringLiteral("--passphrase-file"), cli.path(QStringLiteral("pass"))});
    CHECK(own.exitCode == 2);
    CHECK(readBytes(cli.path(QStringLiteral("pass"))) == passphrase.toUtf8() + '\n');
    // The working file of a restore is never taken for a backup (a failed restore removes it).
    const QString bak = cli.path(QStringLiteral("b.painmdt-backup"));
    REQUIRE(cli.backup(bak).exitCode == 0);
    const QString staging = cli.path(QStringLiteral("v.sqlite.restoring"));
    REQUIRE(QFile::copy(bak, staging));
    checkOneLineReason(cli.restore(staging, cli.path(QStringLiteral("v.sqlite"))), QStringLiteral("working file"));
    CHECK(QFileInfo::exists(staging));
    checkOneLineReason(cli.restore(cli.path(QStringLiteral("missing.painmdt-backup")), cli.path(QStringLiteral("v.sqlite"))),
                       QStringLiteral("no such file"));
}

TEST_CASE("Restoring over a database keeps today's backup settings, and a future-dated file holds nothing back",
          "[services][backup][sqlite]")
{
    QTemporaryDir dir;
    auto db = openDatabase(dir.filePath(QStringLiteral("team.sqlite")));
    const services::StampSource session(QStringLiteral("test.admin"), [] { return QDateTime::currentDateTimeUtc(); },
                                        domain::Role::Admin);
    services::BackupService backups(*db, session);
    const auto key = services::deriveBackupKey(passphrase);
    REQUIRE(key.ok());
    const QString old = dir.filePath(QStringLiteral("before-settings.painmdt-backup"));
    REQUIRE(backups.backUp(old, key.value()).ok()); // no backup settings in it
    const QString folder = dir.filePath(QStringLiteral("backups"));
    REQUIRE(backups.setPolicy({key.value(), folder, 2}).ok());

    REQUIRE(backups.restoreOver(old, passphrase, dir.filePath(QStringLiteral("safety.painmdt-backup"))).ok());
    const auto kept = backups.policy();
    REQUIRE(kept.ok());
    REQUIRE(kept->has_value());
    CHECK(kept->value().folder == folder);

    // A file from a clock once set to 2099 neither counts as today's backup nor takes a slot.
    QDir().mkpath(folder);
    writeBytes(QDir(folder).filePath(QStringLiteral("team-20991231-235959.painmdt-backup")), "");
    CHECK(services::automaticBackupDue(folder, QStringLiteral("team.sqlite"), QDateTime::currentDateTime()));
    for (int i = 0; i < 2; ++i) {
        REQUIRE(backups.backUpNow(kept->value()).ok());
        QThread::sleep(1); // names are dated to the second
    }
    CHECK(services::automaticBackups(folder, QStringLiteral("team.sqlite")).size() == 2);
    CHECK_FALSE(services::automaticBackupDue(folder, QStringLiteral("team.sqlite"), QDateTime::currentDateTime()));
}
