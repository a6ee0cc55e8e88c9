#pragma once
// The encrypted backup file (issue 11; docs/adr/0021). A backup is sealed to a public key derived
// from the team's backup passphrase with Argon2id, so the app can make backups unattended while
// holding only the public half, and only someone with the passphrase can open one. Inside: a
// manifest (what was backed up, how many rows each table held) and the database image, in
// libsodium secretstream chunks; the last chunk is marked final, so a file cut short is caught.
#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QIODevice>
#include <QString>
#include <functional>
#include <map>

namespace painmdt::services {

// The public half of the backup key, with what re-derives it from the passphrase. Kept in the
// database for automatic backups: it can seal and authenticate a backup, never open one.
struct BackupKey {
    QByteArray salt;      // crypto_pwhash_SALTBYTES
    quint64 opsLimit = 0; // Argon2id work factors, stored so they can grow in later versions
    quint64 memLimit = 0;
    QByteArray publicKey; // X25519, crypto_box_PUBLICKEYBYTES
    // Authenticates a backup as made by someone holding the passphrase or the database (a keyed
    // BLAKE2b of the whole file). Derived from the passphrase, one-way: it opens nothing.
    QByteArray authKey;
    QString toText() const; // "salt:ops:mem:key:auth" (base64), for the settings table
    static std::optional<BackupKey> fromText(const QString &text);
};

// A new passphrase must be at least this long: a lost backup is attacked offline.
inline constexpr int minBackupPassphraseLength = 12;
Status checkNewPassphrase(const QString &passphrase);

// Derives the key from `passphrase` (about a second: Argon2id). A new random salt when `salt` is
// empty; re-derives an existing key when given its salt and work factors.
Result<BackupKey> deriveBackupKey(const QString &passphrase, const QByteArray &salt = {}, quint64 opsLimit = 0,
                                  quint64 memLimit = 0);

// What a backup says about itself (encrypted with the rest of the file).
struct BackupManifest {
    QString painmdtVersion;
    int schemaVersion = 0;
    QDateTime takenAt; // UTC
    QString takenBy;
    QString sourceName; // the database's file name, without its folder
    qint64 bytes = 0;   // of the database image
    std::map<QString, qint64> rowCounts; // table -> rows
};

// Progress in 0..100; returning false cancels (nothing is kept).
using BackupProgress = std::function<bool(int percent)>;

// Writes `image` sealed to `key` into `out`.
Status writeBackup(QIODevice &out, const BackupKey &key, const BackupManifest &manifest, const QByteArray &image,
                   const BackupProgress &progress = {});

// Opens a backup with its passphrase and writes the database image to `plain`. A wrong
// passphrase, a file cut short, or any byte changed is an error that says which; `plain` may
// then hold part of the image and must be discarded by the caller.
Result<BackupManifest> readBackup(QIODevice &in, const QString &passphrase, QIODevice &plain,
                                  const BackupProgress &progress = {});

} // namespace painmdt::services
