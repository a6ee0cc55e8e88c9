#include "storage/sqlerror.h"

#include <QCoreApplication>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("SqlError", text); }

} // namespace

SqlFailure classify(const QSqlError &error)
{
    bool ok = false;
    // QSQLITE reports SQLite's result code; the low byte is the primary code even when an
    // extended code is given.
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    if (!ok)
        return SqlFailure::Other;
    switch (code) {
    case 5:  // SQLITE_BUSY
    case 6:  // SQLITE_LOCKED
        return SqlFailure::Busy;
    case 13: // SQLITE_FULL
        return SqlFailure::DiskFull;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return SqlFailure::Damaged;
    case 8:  // SQLITE_READONLY
        return SqlFailure::ReadOnly;
    case 10: // SQLITE_IOERR
        return SqlFailure::DiskError;
    case 14: // SQLITE_CANTOPEN
        return SqlFailure::CannotOpen;
    default:
        return SqlFailure::Other;
    }
}

QString explain(const QSqlError &error)
{
    switch (classify(error)) {
    case SqlFailure::Busy:
        return tr("The database is busy: another PainMDT (an import, a report or another user) is "
                  "writing to it. Nothing was changed; try again in a minute.");
    case SqlFailure::DiskFull:
        return tr("The disk is full, so the database could not grow. Nothing was changed; free some "
                  "space on the disk that holds the database, then try again.");
    case SqlFailure::Damaged:
        return tr("The database file is damaged (it may have been cut short or overwritten). Stop "
                  "using it and restore it from a backup.");
    case SqlFailure::ReadOnly:
        return tr("The database cannot be written (read-only file, folder or disk). Ask for write "
                  "access, or copy the database to a folder of your own.");
    case SqlFailure::DiskError:
        return tr("The disk reported an error while reading or writing the database. Check the disk "
                  "and its free space, then try again.");
    case SqlFailure::CannotOpen:
        return tr("The database file cannot be opened. Check that the path is right and that you may "
                  "read and write it.");
    case SqlFailure::Other:
        break;
    }
    const QString text = error.text().trimmed();
    return text.isEmpty() ? tr("The database reported an unknown error.") : text;
}

Error sqlError(const QSqlError &error, const QString &prefix)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    const bool refusedData = ok && code == 19; // SQLITE_CONSTRAINT: unique, check, foreign key, RAISE(ABORT)
    Error result{prefix + explain(error), false, !refusedData};
    if (refusedData)
        for (const QString &known : {rule::contactBeforeReceived, rule::receivedAfterContact, rule::auditAppendOnly})
            if (error.databaseText().contains(known))
                result.rule = known;
    return result;
}

} // namespace painmdt::storage
