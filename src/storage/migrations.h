#pragma once
// Numbered SQL migrations from resources, applied in order in one transaction that also
// records the schema version (architecture.md "Storage habits").
#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <vector>

namespace painmdt::storage {

class Database;

struct Migration {
    int version = 0;      // from the file name: 001_patients.sql -> 1
    QString fileName;
    QString sql;
};

// Migrations found in a resource folder, ordered by version.
std::vector<Migration> loadMigrations(const QString &folder);

// Splits a migration into statements: each ends with a line ending in ';', except inside a
// CREATE TRIGGER ... END; block. Comment-only lines are dropped.
QStringList splitStatements(const QString &sql);

// 0 for a new, empty database. A database with tables but no readable version (meta missing,
// the version garbled or not a number) is damaged: an error, never "0, start from scratch",
// which would run migration 1 over the existing tables.
Result<int> readSchemaVersion(const QSqlDatabase &db);

// Brings the database up to `targetVersion` (default: the newest this build has). Refuses a
// database newer than this build. On failure the database is left exactly as it was.
Status migrate(Database &database, int targetVersion = -1);

} // namespace painmdt::storage
