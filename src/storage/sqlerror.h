#pragma once
// Turns an SQL engine error into a message a user can act on (issue 6: "each message says what
// happened and what to do"). A full disk, a busy database and a damaged file are the common
// real-world failures; each gets its own sentence. Anything else keeps the engine's text, which
// callers may still match (constraint and trigger messages).
#include <QSqlError>
#include <QString>

#include "domain/result.h"

namespace painmdt::storage {

enum class SqlFailure { Other, Busy, DiskFull, Damaged, ReadOnly, DiskError, CannotOpen };

SqlFailure classify(const QSqlError &error);

// The user's sentence for `error`; for SqlFailure::Other, the engine's own text.
QString explain(const QSqlError &error);

// The error as a value, marked a fault unless the database refused the data itself (a
// constraint or trigger): a missing table, a full disk or a damaged file is never "a bad row".
painmdt::Error sqlError(const QSqlError &error, const QString &prefix = {});

} // namespace painmdt::storage
