#include "services/backupfile.h"

#include <QCoreApplication>
#include <QFileDevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <sodium.h>

#include <array>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Backup", text); }

// 16 bytes; a file that starts otherwise is not a PainMDT backup.
const QByteArray magic("PainMDT backup\n\x1a", 16);
constexpr quint32 formatVersion = 1;
constexpr qint64 chunkBytes = 1 << 20;
// Work factors a file may ask for: bounded, so a hostile file cannot make a restore take hours.
constexpr quint64 maxOpsLimit = 20;
constexpr quint64 maxMemLimit = quint64(1) << 30;
constexpr int sealedKeyBytes = crypto_secretstream_xchacha20poly1305_KEYBYTES + crypto_box_SEALBYTES;
constexpr qint64 checksumBytes = 16;
constexpr qint64 macBytes = crypto_generichash_BYTES;
constexpr qint64 headerBytes = 16 + 4 + crypto_pwhash_SALTBYTES + 8 + 8 + crypto_box_PUBLICKEYBYTES + sealedKeyBytes
                               + crypto_secretstream_xchacha20poly1305_HEADERBYTES;

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

const unsigned char *bytes(const QByteArray &b) { return reinterpret_cast<const unsigned char *>(b.constData()); }
unsigned char *bytes(QByteArray &b) { return reinterpret_cast<unsigned char *>(b.data()); }

// Wiped when it goes: the secret key and the stream key never outlive their use.
struct Secret {
    QByteArray data;
    explicit Secret(qsizetype size) : data(size, '\0') {}
    ~Secret() { sodium_memzero(data.data(), size_t(data.size())); }
};

template <typename T>
void putLittle(QByteArray &out, T value)
{
    std::array<char, sizeof(T)> b;
    qToLittleEndian(value, b.data());
    out.append(b.data(), qsizetype(b.size()));
}

QByteArray manifestJson(const BackupManifest &m)
{
    QJsonObject counts;
    for (const auto &[table, rows] : m.rowCounts)
        counts.insert(table, rows);
    return QJsonDocument(QJsonObject{{QStringLiteral("painmdt_version"), m.painmdtVersion},
                                     {QStringLiteral("schema_version"), m.schemaVersion},
                                     {QStringLiteral("taken_at"), m.takenAt.toString(Qt::ISODate)},
                                     {QStringLiteral("taken_by"), m.takenBy},
                                     {QStringLiteral("source"), m.sourceName},
                                     {QStringLiteral("bytes"), m.bytes},
                                     {QStringLiteral("row_counts"), counts}})
        .toJson(QJsonDocument::Compact);
}

std::optional<BackupManifest> parseManifest(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.isEmpty())
        return std::nullopt;
    BackupManifest m;
    m.painmdtVersion = o.value(QStringLiteral("painmdt_version")).toString();
    m.schemaVersion = o.value(QStringLiteral("schema_version")).toInt();
    m.takenAt = QDateTime::fromString(o.value(QStringLiteral("taken_at")).toString(), Qt::ISODate);
    m.takenBy = o.value(QStringLiteral("taken_by")).toString();
    m.sourceName = o.value(QStringLiteral("source")).toString();
    m.bytes = qint64(o.value(QStringLiteral("bytes")).toDouble(-1));
    const QJsonObject counts = o.value(QStringLiteral("row_counts")).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        m.rowCounts[it.key()] = qint64(it.value().toDouble());
    if (m.bytes < 0 || m.schemaVersion <= 0)
        return std::nullopt;
    return m;
}

// From the passphrase's Argon2id seed: the key pair the stream key is sealed to (`sk` only when
// asked for) and the key that authenticates a backup, so that a file nobody with the passphrase
// or the database made is refused (a header alone would let anyone seal a new one).
Status keyPair(const QString &passphrase, const QByteArray &salt, quint64 ops, quint64 mem, QByteArray &pk, Secret *sk,
               QByteArray &authKey)
{
    if (!sodiumReady())
        return Error{tr("The encryption library could not start."), false, true};
    const QByteArray pass = passphrase.toUtf8();
    Secret seed(crypto_box_SEEDBYTES);
    if (crypto_pwhash(bytes(seed.data), size_t(seed.data.size()), pass.constData(), size_t(pass.size()), bytes(salt), ops,
                      size_t(mem), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error{tr("Not enough memory to derive the backup key from the passphrase."), false, true};
    Secret secret(crypto_box_SECRETKEYBYTES);
    pk = QByteArray(crypto_box_PUBLICKEYBYTES, '\0');
    crypto_box_seed_keypair(bytes(pk), bytes(secret.data), bytes(seed.data));
    static const QByteArray context("PainMDT backup authentication, format 1");
    authKey = QByteArray(crypto_generichash_KEYBYTES, '\0');
    crypto_generichash(bytes(authKey), size_t(authKey.size()), bytes(context), quint64(context.size()), bytes(seed.data),
                       size_t(seed.data.size()));
    if (sk)
        sk->data = secret.data;
    return success();
}

// One secretstream message: its length, then the ciphertext.
Status push(QIODevice &out, crypto_secretstream_xchacha20poly1305_state &state, crypto_generichash_state &mac,
            const char *data, qint64 size, unsigned char tag, const QByteArray &ad = {})
{
    QByteArray cipher(size + crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(&state, bytes(cipher), &written, reinterpret_cast<const unsigned char *>(data),
                                               quint64(size), ad.isEmpty() ? nullptr : bytes(ad), quint64(ad.size()), tag);
    QByteArray length;
    putLittle<quint32>(length, quint32(written));
    if (out.write(length) != length.size() || out.write(cipher.constData(), qint64(written)) != qint64(written))
        return Error{tr("Could not write the backup: %1.").arg(out.errorString()), false, true};
    crypto_generichash_update(&mac, bytes(length), quint64(length.size()));
    crypto_generichash_update(&mac, bytes(cipher), written);
    return success();
}

// The header's own checksum (no key): a damaged header is told apart from a wrong passphrase.
QByteArray headerChecksum(const QByteArray &header)
{
    QByteArray sum(checksumBytes, '\0');
    crypto_generichash(bytes(sum), size_t(sum.size()), bytes(header), quint64(header.size()), nullptr, 0);
    return sum;
}

} // namespace

QString BackupKey::toText() const
{
    return QStringLiteral("%1:%2:%3:%4:%5").arg(QString::fromLatin1(salt.toBase64())).arg(opsLimit).arg(memLimit)
        .arg(QString::fromLatin1(publicKey.toBase64()), QString::fromLatin1(authKey.toBase64()));
}

std::optional<BackupKey> BackupKey::fromText(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 5)
        return std::nullopt;
    BackupKey k{QByteArray::fromBase64(parts[0].toLatin1()), parts[1].toULongLong(), parts[2].toULongLong(),
                QByteArray::fromBase64(parts[3].toLatin1()), QByteArray::fromBase64(parts[4].toLatin1())};
    if (k.salt.size() != crypto_pwhash_SALTBYTES || k.publicKey.size() != crypto_box_PUBLICKEYBYTES || k.opsLimit == 0
        || k.memLimit == 0 || k.authKey.size() != crypto_generichash_KEYBYTES)
        return std::nullopt;
    return k;
}

Status checkNewPassphrase(const QString &passphrase)
{
    if (passphrase.size() < minBackupPassphraseLength)
        return Error{tr("The backup passphrase must be at least %1 characters long: a lost backup can be attacked with "
                        "unlimited guesses. A few unrelated words make a good one.").arg(minBackupPassphraseLength)};
    return success();
}

Result<BackupKey> deriveBackupKey(const QString &passphrase, const QByteArray &salt, quint64 opsLimit, quint64 memLimit)
{
    if (!sodiumReady())
        return Error{tr("The encryption library could not start."), false, true};
    BackupKey key{salt, opsLimit ? opsLimit : crypto_pwhash_OPSLIMIT_MODERATE,
                  memLimit ? memLimit : crypto_pwhash_MEMLIMIT_MODERATE, {}, {}};
    if (key.salt.isEmpty()) {
        key.salt = QByteArray(crypto_pwhash_SALTBYTES, '\0');
        randombytes_buf(bytes(key.salt), size_t(key.salt.size()));
    }
    if (Status s = keyPair(passphrase, key.salt, key.opsLimit, key.memLimit, key.publicKey, nullptr, key.authKey); !s)
        return s.failure();
    return key;
}

Status writeBackup(QIODevice &out, const BackupKey &key, const BackupManifest &manifest, const QByteArray &image,
                   const BackupProgress &progress)
{
    if (!sodiumReady())
        return Error{tr("The encryption library could not start."), false, true};
    Secret streamKey(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    crypto_secretstream_xchacha20poly1305_keygen(bytes(streamKey.data));
    QByteArray sealed(sealedKeyBytes, '\0');
    crypto_box_seal(bytes(sealed), bytes(streamKey.data), quint64(streamKey.data.size()), bytes(key.publicKey));
    crypto_secretstream_xchacha20poly1305_state state;
    QByteArray streamHeader(crypto_secretstream_xchacha20poly1305_HEADERBYTES, '\0');
    crypto_secretstream_xchacha20poly1305_init_push(&state, bytes(streamHeader), bytes(streamKey.data));

    QByteArray header = magic;
    putLittle<quint32>(header, formatVersion);
    header += key.salt;
    putLittle<quint64>(header, key.opsLimit);
    putLittle<quint64>(header, key.memLimit);
    header += key.publicKey + sealed + streamHeader;
    const QByteArray stored = header + headerChecksum(header);
    if (out.write(stored) != stored.size())
        return Error{tr("Could not write the backup: %1.").arg(out.errorString()), false, true};
    // The whole file, header included, is authenticated with the passphrase's key (the trailer).
    crypto_generichash_state mac;
    crypto_generichash_init(&mac, bytes(key.authKey), size_t(key.authKey.size()), macBytes);
    crypto_generichash_update(&mac, bytes(stored), quint64(stored.size()));
    const QByteArray json = manifestJson(manifest);
    if (Status s = push(out, state, mac, json.constData(), json.size(), 0, header); !s)
        return s;
    for (qint64 at = 0; at < image.size(); at += chunkBytes) {
        if (progress && !progress(int(at * 100 / image.size())))
            return Error{tr("The backup was cancelled; nothing was kept.")};
        if (Status s = push(out, state, mac, image.constData() + at, std::min(chunkBytes, image.size() - at), 0); !s)
            return s;
    }
    if (Status s = push(out, state, mac, nullptr, 0, crypto_secretstream_xchacha20poly1305_TAG_FINAL); !s)
        return s;
    QByteArray trailer(macBytes, '\0');
    crypto_generichash_final(&mac, bytes(trailer), size_t(trailer.size()));
    if (out.write(trailer) != trailer.size())
        return Error{tr("Could not write the backup: %1.").arg(out.errorString()), false, true};
    return success();
}

namespace {

struct Reader {
    QIODevice &in;
    crypto_secretstream_xchacha20poly1305_state state{};
    crypto_generichash_state mac{};
    QString name() const
    {
        const auto *file = qobject_cast<const QFileDevice *>(&in);
        return file ? file->fileName() : tr("(unnamed)");
    }

    Error cutShort() const
    {
        return Error{tr("The backup %1 is cut short: it ends before its last part. It was probably not copied whole; "
                        "use another copy or another backup.").arg(name())};
    }

    Error broken(const QString &why) const
    {
        return Error{tr("The backup %1 is damaged or has been changed (%2): it cannot be trusted. Nothing was restored; "
                        "use another backup.").arg(name(), why)};
    }

    // The next message's plaintext, and whether it was the last.
    Result<std::pair<QByteArray, bool>> pull(const QByteArray &ad = {})
    {
        const QByteArray length = in.read(4);
        if (length.size() != 4)
            return cutShort();
        const quint32 size = qFromLittleEndian<quint32>(length.constData());
        if (size < crypto_secretstream_xchacha20poly1305_ABYTES || size > chunkBytes + crypto_secretstream_xchacha20poly1305_ABYTES)
            return broken(tr("a part's length is impossible"));
        const QByteArray cipher = in.read(size);
        if (cipher.size() != qsizetype(size))
            return cutShort();
        crypto_generichash_update(&mac, bytes(length), 4);
        crypto_generichash_update(&mac, bytes(cipher), size);
        QByteArray plain(size - crypto_secretstream_xchacha20poly1305_ABYTES, '\0');
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, bytes(plain), nullptr, &tag, bytes(cipher), size,
                                                       ad.isEmpty() ? nullptr : bytes(ad), quint64(ad.size())) != 0)
            return broken(tr("a part fails its check"));
        return std::pair{plain, tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL};
    }
};

} // namespace

Result<BackupManifest> readBackup(QIODevice &in, const QString &passphrase, QIODevice &plain, const BackupProgress &progress)
{
    Reader r{in};
    const QByteArray stored = in.read(headerBytes + checksumBytes);
    if (!stored.startsWith(magic))
        return Error{tr("%1 is not a PainMDT backup (they are made by painmdt backup or Administration > Backups, and "
                        "end in .painmdt-backup). Check the file name.").arg(r.name())};
    if (stored.size() != headerBytes + checksumBytes)
        return r.cutShort();
    const QByteArray header = stored.left(headerBytes);
    if (headerChecksum(header) != stored.mid(headerBytes))
        return r.broken(tr("its header is damaged"));
    const char *at = header.constData() + magic.size();
    if (const quint32 version = qFromLittleEndian<quint32>(at); version != formatVersion)
        return Error{tr("The backup %1 was made by a newer PainMDT (backup format %2; this version reads format %3). "
                        "Restore it with that version or a later one.").arg(r.name()).arg(version).arg(formatVersion)};
    at += 4;
    const QByteArray salt(at, crypto_pwhash_SALTBYTES);
    at += salt.size();
    const quint64 ops = qFromLittleEndian<quint64>(at);
    const quint64 mem = qFromLittleEndian<quint64>(at + 8);
    at += 16;
    const QByteArray publicKey(at, crypto_box_PUBLICKEYBYTES);
    const QByteArray sealed(at + publicKey.size(), sealedKeyBytes);
    const QByteArray streamHeader(at + publicKey.size() + sealed.size(), crypto_secretstream_xchacha20poly1305_HEADERBYTES);
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > maxOpsLimit || mem < crypto_pwhash_MEMLIMIT_MIN || mem > maxMemLimit)
        return r.broken(tr("its key settings are out of range"));

    QByteArray derived, authKey;
    Secret secretKey(crypto_box_SECRETKEYBYTES);
    if (Status s = keyPair(passphrase, salt, ops, mem, derived, &secretKey, authKey); !s)
        return s.failure();
    if (sodium_memcmp(derived.constData(), publicKey.constData(), size_t(publicKey.size())) != 0)
        return Error{tr("Wrong passphrase for the backup %1: it was made with another one. Nothing was restored.").arg(r.name())};
    Secret streamKey(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    if (crypto_box_seal_open(bytes(streamKey.data), bytes(sealed), quint64(sealed.size()), bytes(publicKey),
                             bytes(secretKey.data)) != 0
        || crypto_secretstream_xchacha20poly1305_init_pull(&r.state, bytes(streamHeader), bytes(streamKey.data)) != 0)
        return r.broken(tr("its key does not open"));

    crypto_generichash_init(&r.mac, bytes(authKey), size_t(authKey.size()), macBytes);
    crypto_generichash_update(&r.mac, bytes(stored), quint64(stored.size()));
    auto first = r.pull(header);
    if (!first)
        return first.failure();
    const auto manifest = parseManifest(first->first);
    if (!manifest || first->second)
        return r.broken(tr("its description is unreadable"));
    for (qint64 written = 0;;) {
        auto part = r.pull();
        if (!part)
            return part.failure();
        if (plain.write(part->first) != part->first.size())
            return Error{tr("Could not write the restored database: %1.").arg(plain.errorString()), false, true};
        written += part->first.size();
        if (part->second) {
            QByteArray expected(macBytes, '\0');
            crypto_generichash_final(&r.mac, bytes(expected), size_t(expected.size()));
            const QByteArray trailer = in.read(macBytes);
            if (trailer.size() != macBytes)
                return r.cutShort();
            if (sodium_memcmp(trailer.constData(), expected.constData(), size_t(macBytes)) != 0)
                return r.broken(tr("it was not made with this passphrase's key, or was changed after"));
            if (!in.atEnd())
                return r.broken(tr("there is more after its last part"));
            if (written != manifest->bytes)
                return r.broken(tr("it holds %1 bytes where it says %2").arg(written).arg(manifest->bytes));
            return *manifest;
        }
        if (progress && manifest->bytes > 0 && !progress(int(std::min<qint64>(99, written * 100 / manifest->bytes))))
            return Error{tr("The restore was cancelled; nothing was changed.")};
    }
}

} // namespace painmdt::services
