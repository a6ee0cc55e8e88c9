#include "storage/migrations.h"

#include "storage/alertbackfill.h"
#include "storage/changelog.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/sqlerror.h"
#include "storage/transaction.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <spdlog/spdlog.h>

// Q_INIT_RESOURCE must be called outside any namespace; the .qrc lives in a static library.
static void initMigrationResources() { Q_INIT_RESOURCE(migrations); }

namespace painmdt::storage {

std::vector<Migration> loadMigrations(const QString &folder)
{
    initMigrationResources();
    static const QRegularExpression numbered(QStringLiteral("^(\\d+)_.*\\.sql$"));
    std::vector<Migration> migrations;
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        const auto match = numbered.match(name);
        QFile file(folder + QLatin1Char('/') + name);
        if (!match.hasMatch() || !file.open(QIODevice::ReadOnly))
            continue;
        migrations.push_back({match.captured(1).toInt(), name, QString::fromUtf8(file.readAll())});
    }
    std::sort(migrations.begin(), migrations.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return migrations;
}

QStringList splitStatements(const QString &sql)
{
    QStringList statements;
    QString current;
    bool inTrigger = false;
    for (const QString &line : sql.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive))
            inTrigger = true;
        const bool ends = trimmed.endsWith(QLatin1Char(';'))
                          && (!inTrigger || trimmed.compare(QLatin1String("END;"), Qt::CaseInsensitive) == 0);
        if (ends) {
            statements << current.trimmed();
            current.clear();
            inTrigger = false;
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

Result<int> readSchemaVersion(const QSqlDatabase &db)
{
    const QStringList tables = db.tables();
    if (tables.isEmpty())
        return 0;
    const auto unreadable = [&](const QString &why) {
        return Error{QObject::tr("%1 is damaged: %2. Do not use it: restore the database from a backup.")
                         .arg(db.databaseName(), why)};
    };
    if (!tables.contains(QStringLiteral("meta")))
        return unreadable(QObject::tr("it has tables but no schema version"));
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")))
        return Error{explain(q.lastError())};
    bool ok = false;
    const int version = q.next() ? q.value(0).toString().toInt(&ok) : 0;
    if (!ok || version < 1)
        return unreadable(QObject::tr("its schema version is missing or garbled"));
    return version;
}

namespace {

Status apply(const QSqlDatabase &db, const Dialect &dialect, const Migration &migration)
{
    QSqlQuery q(db);
    for (const QString &statement : dialect.statementsOf(migration.sql)) {
        if (!q.exec(statement))
            return Error{QObject::tr("Migration %1 failed: %2").arg(migration.fileName, explain(q.lastError()))};
    }
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema_version', :v) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.bindValue(QStringLiteral(":v"), QString::number(migration.version));
    if (!q.exec())
        return Error{explain(q.lastError())};
    return success();
}

} // namespace

Status migrate(Database &database, int targetVersion)
{
    const auto migrations = loadMigrations(database.dialect().migrationsPath());
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (targetVersion < 0)
        targetVersion = latest;
    const auto read = readSchemaVersion(database.connection());
    if (!read)
        return Error{read.error()};
    const int current = read.value();
    if (current > latest)
        return Error{QObject::tr("%1 was made by a newer version of PainMDT (database version %2; this "
                                 "program knows up to %3). Install the newer PainMDT to open it.")
                         .arg(database.location()).arg(current).arg(latest)};
    if (current >= targetVersion)
        return success();

    Transaction tx(database);
    // Read again under the write lock: another program may have upgraded the database meanwhile.
    const auto locked = readSchemaVersion(database.connection());
    if (!locked)
        return Error{locked.error()};
    if (locked.value() >= targetVersion)
        return tx.commit();
    for (const Migration &m : migrations) {
        if (m.version <= locked.value() || m.version > targetVersion)
            continue;
        if (Status s = apply(database.connection(), database.dialect(), m); !s)
            return s; // tx rolls back: the database is as it was
        if (m.version == 6) // rows written before the audit chain are hashed before schema 7 freezes them
            if (Status s = sealAuditTrail(database.connection()); !s)
                return Error{QObject::tr("Migration %1 failed: %2").arg(m.fileName, s.error())};
        if (m.version == 14) // answers saved before schema 13 raise the alerts they would raise today
            if (Status s = backfillAlerts(database); !s)
                return Error{QObject::tr("Migration %1 failed: %2").arg(m.fileName, s.error())};
        spdlog::info("applied migration {}", m.version);
    }
    return tx.commit();
}

} // namespace painmdt::storage
