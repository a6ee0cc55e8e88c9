#include "services/backupservice.h"

#include "services/auditservice.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Backup", text); }

const QString policyKey = QStringLiteral("backup_policy");
const QString backupSuffix = QStringLiteral(".painmdt-backup");
// A SQLite database is its file and the files beside it.
const QStringList companionSuffixes{QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")};

// The checks a restored copy must pass before it replaces anything: pages and indexes, links
// between records, the audit chain, and as many rows in each table as the backup said. The copy
// then records in its own trail that it was restored from `restoredFrom`.
Status verifyCopy(const QString &path, const BackupManifest &manifest, const QString &restoredFrom)
{
    // Counted as the backup holds them, before opening brings an older schema up to date.
    const auto counts = storage::Database::rowCountsIn(path);
    if (!counts)
        return counts.failure();
    for (const auto &[table, rows] : manifest.rowCounts)
        if (counts->count(table) == 0 || counts->at(table) != rows)
            return Error{tr("The backup opened, but its table %1 does not hold the %2 rows it held when backed up. "
                            "Nothing was restored; use another backup.").arg(table).arg(rows)};
    auto opened = storage::Database::open(path, storage::OpenMode::MustExist);
    if (!opened)
        return opened.failure();
    storage::Database &db = *opened.value();
    const StampSource checker(currentActor() + QStringLiteral(" (restore)"), [] { return QDateTime::currentDateTimeUtc(); },
                              domain::Role::Admin);
    const auto findings = AuditService(db, checker).checkAll();
    if (!findings)
        return findings.failure();
    const auto failed = std::find_if(findings->begin(), findings->end(), [](const auto &f) { return !f.warning; });
    if (failed != findings->end())
        return Error{tr("The backup opened, but the database in it fails a check (%1: %2). Nothing was restored; use "
                        "another backup.").arg(failed->check, failed->problem)};
    // Recorded in the copy itself, so the row arrives with what it describes, or not at all.
    return Door(db, checker).record({QStringLiteral("database"), 0, storage::ChangeAction::Backup, {},
                                     {{QStringLiteral("event"), QStringLiteral("restored")},
                                      {QStringLiteral("file"), QFileInfo(restoredFrom).fileName()},
                                      {QStringLiteral("backup_taken_at"), manifest.takenAt.toString(Qt::ISODate)},
                                      {QStringLiteral("backup_taken_by"), manifest.takenBy}}});
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix : companionSuffixes)
        QFile::remove(path + suffix);
}

// Decrypts `in` into the new file `staging` and checks it; on any failure nothing is left.
Result<BackupManifest> stageRestore(const QString &in, const QString &passphrase, const QString &staging,
                                    const BackupProgress &progress)
{
    for (const QString &suffix : companionSuffixes)
        if (QFileInfo(in).absoluteFilePath() == QFileInfo(staging + suffix).absoluteFilePath())
            return Error{tr("%1 is PainMDT's working file for a restore, not a backup: give the .painmdt-backup file.").arg(in)};
    QFile source(in);
    if (!source.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read the backup %1: %2.").arg(in, source.errorString())};
    removeDatabaseFiles(staging); // left by a restore that was killed: ours, and never in place
    QFile plain(staging);
    if (!plain.open(QIODevice::WriteOnly | QIODevice::NewOnly)) // owner-only: the process's umask is 077
        return Error{tr("Cannot write %1: %2.").arg(staging, plain.errorString())};
    auto manifest = readBackup(source, passphrase, plain, progress);
    const bool flushed = plain.flush();
    plain.close();
    if (manifest && !flushed)
        manifest = Error{tr("Could not write the restored database: %1.").arg(plain.errorString()), false, true};
    if (manifest)
        if (Status checked = verifyCopy(staging, manifest.value(), in); !checked)
            manifest = checked.failure();
    if (!manifest)
        removeDatabaseFiles(staging);
    return manifest;
}

} // namespace

BackupService::BackupService(storage::Database &db, StampSource session)
    : m_db(db), m_session(session), m_settings(db), m_door(db, std::move(session))
{
}

Status BackupService::record(const QString &event, const QString &file)
{
    return m_door.record({QStringLiteral("database"), 0, storage::ChangeAction::Backup, {},
                          {{QStringLiteral("event"), event}, {QStringLiteral("file"), QFileInfo(file).fileName()}}});
}

Result<BackupManifest> BackupService::backUp(const QString &out, const BackupKey &key, const BackupProgress &progress)
{
    if (Status allowed = m_session.require(domain::Action::BackUp); !allowed)
        return allowed.failure();
    return write(out, key, progress);
}

Result<BackupManifest> BackupService::write(const QString &out, const BackupKey &key, const BackupProgress &progress)
{
    auto image = m_db.snapshot();
    if (!image)
        return image.failure();
    const BackupManifest manifest{QStringLiteral(PAINMDT_VERSION), m_db.schemaVersion(), m_session.now().at,
                                  m_session.actor(), QFileInfo(m_db.location()).fileName(), image->image.size(),
                                  image->rowCounts};
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("Cannot write the backup %1: %2.").arg(out, file.errorString())};
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (Status written = writeBackup(file, key, manifest, image->image, progress); !written)
        return written.failure(); // the unsaved QSaveFile removes its temporary file
    // Audited before the file appears: a backup nobody can account for is never left behind.
    if (Status s = record(QStringLiteral("backup"), out); !s)
        return s.failure();
    if (!file.commit())
        return Error{tr("Could not finish the backup %1: %2. The previous file, if any, is unchanged.")
                         .arg(out, file.errorString()), false, true};
    return manifest;
}

Result<BackupManifest> BackupService::restoreOver(const QString &in, const QString &passphrase,
                                                  const QString &safetyCopy, const BackupProgress &progress)
{
    if (Status allowed = m_session.require(domain::Action::BackUp); !allowed)
        return allowed.failure();
    const QString staging = m_db.location() + QStringLiteral(".restoring");
    auto manifest = stageRestore(in, passphrase, staging, progress);
    if (!manifest)
        return manifest;
    // The safety copy is sealed with the same passphrase: whoever restores can also undo it.
    const auto key = deriveBackupKey(passphrase);
    Result<BackupManifest> safety = key ? write(safetyCopy, key.value(), {}) : Result<BackupManifest>(key.failure());
    if (!safety) {
        removeDatabaseFiles(staging);
        return Error{tr("The safety backup of the database as it is now failed, so nothing was restored: %1")
                         .arg(safety.error()), false, safety.failure().fault};
    }
    const auto livePolicy = policy(); // the team's backup settings are today's, not the backup's
    Status replaced = m_db.replaceFrom(staging);
    removeDatabaseFiles(staging);
    if (!replaced)
        return Error{tr("Nothing was restored: %1 The database is as it was; a safety backup is in %2.")
                         .arg(replaced.error(), safetyCopy), false, true};
    if (livePolicy && livePolicy.value())
        if (Status kept = setPolicy(*livePolicy.value()); !kept)
            return Error{tr("Restored, but the backup settings could not be kept: %1 Set them again under "
                            "Administration > Backups.").arg(kept.error())};
    return manifest;
}

Result<BackupManifest> restoreToNewFile(const QString &in, const QString &passphrase, const QString &target,
                                        const BackupProgress &progress)
{
    for (const QString &suffix : companionSuffixes)
        if (QFileInfo::exists(target + suffix))
            return Error{tr("%1 already exists. Restore into a new file, or replace that database with --replace (a "
                            "safety backup of it is taken first).").arg(target + suffix)};
    const QString staging = target + QStringLiteral(".restoring");
    auto manifest = stageRestore(in, passphrase, staging, progress);
    if (!manifest)
        return manifest;
    if (QFile moved(staging); !moved.rename(target)) {
        removeDatabaseFiles(staging);
        return Error{tr("Could not put the restored database in place as %1 (%2). Nothing was restored.")
                         .arg(target, moved.errorString()), false, true};
    }
    return manifest;
}

Result<std::optional<BackupPolicy>> BackupService::policy()
{
    const auto stored = m_settings.value(policyKey);
    if (!stored)
        return stored.failure();
    const QStringList parts = stored.value().value_or(QString()).split(QLatin1Char('\n'));
    const auto key = BackupKey::fromText(parts.value(0));
    if (!key || parts.size() != 3)
        return std::optional<BackupPolicy>();
    return std::optional<BackupPolicy>(BackupPolicy{*key, parts[1], std::clamp(parts[2].toInt(), 1, maxBackupsKept)});
}

Status BackupService::setPolicy(const BackupPolicy &policy)
{
    if (Status allowed = m_session.require(domain::Action::BackUp); !allowed)
        return allowed;
    const QString folder = policy.folder;
    const int keep = policy.keep;
    if (!QDir::isAbsolutePath(folder) || !QDir().mkpath(folder) || !QFileInfo(folder).isWritable())
        return Error{tr("Backups cannot be written to %1. Choose a folder you can write to (an absolute path).").arg(folder)};
    if (keep < 1 || keep > maxBackupsKept)
        return Error{tr("Keep from 1 to %1 backups.").arg(maxBackupsKept)};
    const QString text = QStringList{policy.key.toText(), QDir::cleanPath(folder), QString::number(keep)}.join(QLatin1Char('\n'));
    const auto saved = m_door.write<bool>(domain::Action::BackUp, [&](const storage::Stamp &stamp, Changes &changes) {
        if (Status s = m_settings.setValue(policyKey, text, stamp); !s)
            return SaveResult<bool>::failed(s.failure());
        // The public key is no secret, but the audit row needs only where and how many.
        changes.push_back({QStringLiteral("setting"), 3, storage::ChangeAction::Update, {},
                           {{QStringLiteral("backup_folder"), QDir::cleanPath(folder)}, {QStringLiteral("backups_kept"), keep}}});
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

Result<QString> BackupService::backUpNow(const BackupPolicy &policy, const BackupProgress &progress)
{
    const QString name = QFileInfo(m_db.location()).completeBaseName();
    const QString file = QDir(policy.folder).filePath(QStringLiteral("%1-%2%3").arg(
        name, m_session.now().at.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss")), backupSuffix));
    if (!QDir().mkpath(policy.folder))
        return Error{tr("Cannot create the backup folder %1.").arg(policy.folder)};
    const auto made = write(file, policy.key, progress);
    if (!made)
        return made.failure();
    const QFileInfoList all = automaticBackups(policy.folder, QFileInfo(m_db.location()).fileName(), m_session.now().at.toLocalTime());
    for (qsizetype i = policy.keep; i < all.size(); ++i)
        QFile::remove(all[i].absoluteFilePath());
    return file;
}

namespace {

// Dated by its name, which a copy keeps, rather than by when the file was last touched.
QDateTime takenAt(const QFileInfo &file)
{
    const QString name = file.fileName();
    return QDateTime::fromString(name.mid(name.size() - backupSuffix.size() - 15, 15), QStringLiteral("yyyyMMdd-HHmmss"));
}

} // namespace

QFileInfoList automaticBackups(const QString &folder, const QString &databaseName, const QDateTime &now)
{
    const QString stem = QFileInfo(databaseName).completeBaseName();
    // Names sort by time: "<database>-yyyyMMdd-HHmmss.painmdt-backup". One dated in the future
    // (a clock that was wrong) is left alone: it would hold back every later backup.
    QFileInfoList files;
    for (const QFileInfo &f : QDir(folder).entryInfoList({stem + QStringLiteral("-\?\?\?\?\?\?\?\?-\?\?\?\?\?\?") + backupSuffix},
                                                       QDir::Files, QDir::Name | QDir::Reversed))
        if (const QDateTime at = takenAt(f); at.isValid() && at <= now.addSecs(3600))
            files << f;
    return files;
}

bool automaticBackupDue(const QString &folder, const QString &databaseName, const QDateTime &now)
{
    const QFileInfoList all = automaticBackups(folder, databaseName, now);
    return all.isEmpty() || takenAt(all.front()).secsTo(now) >= 24 * 3600;
}

} // namespace painmdt::services
