#pragma once
// Backups and restores (issue 11; docs/adr/0021). A backup is the whole database through the
// engine's online backup, encrypted (services/backupfile.h), written whole or not at all. A
// restore decrypts next to its target, proves the copy sound (pages, links, audit chain, every
// table's row count) and only then puts it in place; over an existing database it first takes a
// safety backup of what is there. Administrators only; each backup and restore is audited.
#include "services/actor.h"
#include "services/backupfile.h"
#include "services/door.h"
#include "storage/settingsrepository.h"

#include <QDir>
#include <optional>

namespace painmdt::services {

// The team's automatic backups: sealed to `key`, into `folder`, the newest `keep` kept.
struct BackupPolicy {
    BackupKey key;
    QString folder;
    int keep = 14;
};
inline constexpr int maxBackupsKept = 365;

class BackupService {
public:
    BackupService(storage::Database &db, StampSource session);

    // Backs up the whole database sealed to `key` into `out` (an existing file is replaced only
    // once the new one is whole). Requires domain::Action::BackUp.
    Result<BackupManifest> backUp(const QString &out, const BackupKey &key, const BackupProgress &progress = {});

    // Replaces this database with the backup `in`, after checking it and after a safety backup of
    // what is here now into `safetyCopy` (sealed to the same passphrase). Requires BackUp.
    Result<BackupManifest> restoreOver(const QString &in, const QString &passphrase, const QString &safetyCopy,
                                       const BackupProgress &progress = {});

    // Automatic backups: none until an administrator sets a passphrase and a folder.
    Result<std::optional<BackupPolicy>> policy();
    // Requires BackUp. The key is derived beforehand (deriveBackupKey takes about a second).
    Status setPolicy(const BackupPolicy &policy);
    // Makes the automatic backup now into the policy's folder and removes the oldest beyond `keep`.
    // Returns the file written. Any logged-in user's session may make it: an administrator chose
    // the folder and the key, and the app keeps to them whoever is at the keyboard.
    Result<QString> backUpNow(const BackupPolicy &policy, const BackupProgress &progress = {});

private:
    Result<BackupManifest> write(const QString &out, const BackupKey &key, const BackupProgress &progress);
    Status record(const QString &event, const QString &file);

    storage::Database &m_db;
    StampSource m_session;
    storage::SettingsRepository m_settings;
    Door m_door;
};

// Restores the backup `in` as the new database file `target`, which must not exist yet. Needs no
// log-in: the passphrase opens the backup, and its accounts come with it.
Result<BackupManifest> restoreToNewFile(const QString &in, const QString &passphrase, const QString &target,
                                        const BackupProgress &progress = {});

// Automatic backup files of the database `databaseName` in `folder`, newest first; files dated
// after `now` (a clock once wrong) are left out.
QFileInfoList automaticBackups(const QString &folder, const QString &databaseName,
                               const QDateTime &now = QDateTime::currentDateTime());
// True when the newest automatic backup in `folder` is a day old or more, or there is none.
bool automaticBackupDue(const QString &folder, const QString &databaseName, const QDateTime &now);

} // namespace painmdt::services
