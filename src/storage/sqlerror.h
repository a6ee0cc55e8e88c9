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

// The rules the database enforces itself, with triggers in the migrations: each engine's trigger
// raises this text, and sqlError() names the rule, so no caller reads an engine's message.
namespace rule {
inline const QString contactBeforeReceived = QStringLiteral("contact_on is before the referral was received");
inline const QString receivedAfterContact = QStringLiteral("received_on is after a contact of this referral");
inline const QString auditAppendOnly = QStringLiteral("the audit trail is append-only");
} // namespace rule

// The error as a value, marked a fault unless the database refused the data itself (a
// constraint or trigger): a missing table, a full disk or a damaged file is never "a bad row".
// Error::rule names the trigger's rule that refused it, if one did.
painmdt::Error sqlError(const QSqlError &error, const QString &prefix = {});

} // namespace painmdt::storage
