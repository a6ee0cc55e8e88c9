// `painmdt backup` and `painmdt restore` (issue 11; docs/adr/0021).
#include "cli/common.h"
#include "interchange/outputfile.h"
#include "services/backupservice.h"
#include "services/databasecopy.h"

#include <QFileInfo>

namespace painmdt::cli {

namespace {

// The backup passphrase: --passphrase-file or PAINMDT_BACKUP_PASSPHRASE, never an option (the
// command line is visible to every user of the machine).
Result<QString> passphrase(const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("passphrase-file")))
        return readSecretFile(parser.value(QStringLiteral("passphrase-file")), tr("passphrase"));
    if (qEnvironmentVariableIsSet("PAINMDT_BACKUP_PASSPHRASE"))
        return qEnvironmentVariable("PAINMDT_BACKUP_PASSPHRASE");
    return Error{tr("give the backup passphrase with --passphrase-file FILE (or PAINMDT_BACKUP_PASSPHRASE).")};
}

void addPassphraseOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("passphrase-file"), tr("Read the backup passphrase from FILE (default: "
                                                            "$PAINMDT_BACKUP_PASSPHRASE)."), tr("FILE")});
}

void describe(const services::BackupManifest &m)
{
    qint64 rows = 0;
    for (const auto &[table, count] : m.rowCounts)
        rows += count;
    out() << tr("Backup of %1 taken %2 by %3: schema %4, %5 tables, %6 rows, %7 MB.")
                 .arg(m.sourceName, m.takenAt.toLocalTime().toString(QStringLiteral("dd-MMM-yyyy HH:mm")), m.takenBy)
                 .arg(m.schemaVersion).arg(m.rowCounts.size()).arg(rows).arg(double(m.bytes) / 1e6, 0, 'f', 1)
          << Qt::endl;
}

} // namespace

int runBackup(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("out"), tr("Write the encrypted backup to FILE (default: the team's backup folder, "
                                                "set in the app under Administration, with its passphrase)."), tr("FILE")});
    addPassphraseOption(parser);
    int code = Ok;
    if (!parse(parser, arguments, tr("Makes an encrypted backup of the whole database (administrators only). Nobody "
                                     "can read it without the passphrase; keep the passphrase apart from the backups."), code))
        return code;
    const QString outPath = parser.value(QStringLiteral("out"));
    const auto secret = outPath.isEmpty() ? Result<QString>(QString()) : passphrase(parser);
    if (!secret)
        return fail(secret.error(), Usage);
    if (!outPath.isEmpty()) {
        // Only ever a regular file: a device or a pipe would be replaced by the backup.
        if (const QFileInfo target(outPath); target.exists() && !target.isFile())
            return fail(tr("--out %1 is not a regular file; give the path of a new or an old backup file.").arg(outPath), Usage);
        QStringList inputs = interchange::databaseFiles(parser.value(QStringLiteral("db")));
        if (parser.isSet(QStringLiteral("passphrase-file"))) // the backup must not bury its own key
            inputs << parser.value(QStringLiteral("passphrase-file"));
        if (Status s = interchange::checkOutputPath(QStringLiteral("--out"), outPath, inputs); !s)
            return fail(s.error(), Usage);
    }
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::BackUp);
    if (!opened)
        return fail(opened);
    services::BackupService backups(*opened->db, opened->session);
    if (outPath.isEmpty()) { // the team's automatic backup, made now
        const auto policy = backups.policy();
        if (!policy)
            return fail(policy);
        if (!policy.value())
            return fail(tr("no backup folder is set for this database: give --out FILE and --passphrase-file, or set "
                           "one in the app (Administration > Backups)."), Usage);
        const auto file = backups.backUpNow(*policy.value());
        if (!file)
            return fail(file);
        out() << tr("Backed up to %1.").arg(file.value()) << Qt::endl;
        return Ok;
    }
    if (Status strong = services::checkNewPassphrase(secret.value()); !strong)
        return fail(strong.error(), Usage);
    const auto key = services::deriveBackupKey(secret.value());
    if (!key)
        return fail(key);
    const auto made = backups.backUp(outPath, key.value());
    if (!made)
        return fail(made);
    describe(made.value());
    out() << tr("Backed up to %1.").arg(outPath) << Qt::endl;
    return Ok;
}

int runRestore(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("in"), tr("The backup FILE to restore."), tr("FILE")});
    parser.addOption({QStringLiteral("replace"), tr("Replace the existing database --db (administrators; a safety backup "
                                                    "of it is taken first, beside it).")});
    addPassphraseOption(parser);
    int code = Ok;
    if (!parse(parser, arguments, tr("Restores an encrypted backup as the database --db, after checking it whole: its "
                                     "pages, links, audit trail and row counts. A new file unless --replace."), code))
        return code;
    const QString in = parser.value(QStringLiteral("in"));
    if (in.isEmpty())
        return fail(tr("--in FILE is required (the backup to restore)."), Usage);
    const auto secret = passphrase(parser);
    if (!secret)
        return fail(secret.error(), Usage);
    const QString db = parser.value(QStringLiteral("db"));
    if (!QFileInfo(in).isFile())
        return fail(tr("cannot read the backup %1: no such file.").arg(in));
    if (QFileInfo(in).canonicalFilePath() == QFileInfo(db).canonicalFilePath())
        return fail(tr("--in and --db name the same file."), Usage);
    if (!parser.isSet(QStringLiteral("replace"))) {
        const auto restored = services::restoreToNewFile(in, secret.value(), db);
        if (!restored)
            return fail(restored);
        describe(restored.value());
        out() << tr("Restored into %1; it passed every check.").arg(db) << Qt::endl;
        return Ok;
    }
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::BackUp);
    if (!opened)
        return fail(opened);
    const QString safety = db + QStringLiteral(".before-restore-%1.painmdt-backup")
                                    .arg(opened->session.now().at.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const auto restored = services::BackupService(*opened->db, opened->session).restoreOver(in, secret.value(), safety);
    if (!restored)
        return fail(restored);
    describe(restored.value());
    out() << tr("Restored into %1; it passed every check. What was there before is in %2 (same passphrase).")
                 .arg(db, safety) << Qt::endl;
    return Ok;
}

int runCopy(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("to"), tr("The new database: a file not there yet, or an empty database on the team "
                                               "server (postgresql://USER@HOST:PORT/NAME)."), tr("DB")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Copies the whole database --from, audit trail and accounts included, into a new "
                                     "one --to: a laptop's file up to the team server, or back (administrators of "
                                     "--from). Every table is compared on both sides before the copy is kept."),
               code, QStringLiteral("from")))
        return code;
    const QString to = parser.value(QStringLiteral("to"));
    if (to.isEmpty())
        return fail(tr("--to DB is required (the new database to copy into)."), Usage);
    if (!services::isServerLocation(to) && (QFileInfo(to).exists() || QFileInfo(to).isSymLink()))
        return fail(tr("--to %1 already exists; a copy goes only into a new database. Give a new file name.").arg(to), Usage);
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::BackUp, false, QStringLiteral("from"));
    if (!opened)
        return fail(opened);
    const auto copied = services::copyDatabase(*opened->db, opened->session, to);
    if (!copied)
        return fail(copied);
    qint64 rows = 0;
    for (const auto &table : copied->tables) {
        out() << QStringLiteral("  %1: %2").arg(table.table, -22).arg(table.rows) << Qt::endl;
        rows += table.rows;
    }
    out() << tr("Copied %1 rows in %2 tables from %3 to %4. Every table matches its source, and the audit trail "
                "verifies on both (%5 rows, ending %6).")
                 .arg(rows).arg(copied->tables.size()).arg(parser.value(QStringLiteral("from")), to)
                 .arg(copied->auditRows).arg(copied->auditHead.left(16))
          << Qt::endl;
    return Ok;
}

} // namespace painmdt::cli
