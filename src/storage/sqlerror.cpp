#include "storage/sqlerror.h"

#include <QCoreApplication>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("SqlError", text); }

// QPSQL reports the five-character SQLSTATE; QSQLITE SQLite's result code, a number below 10,000.
bool isSqlState(const QString &code)
{
    return code.size() == 5;
}

SqlFailure classifySqlState(const QString &state)
{
    if (state == QLatin1String("55P03") || state == QLatin1String("40001") || state == QLatin1String("40P01"))
        return SqlFailure::Busy; // lock timeout, serialization failure, deadlock: nothing was written
    if (state == QLatin1String("53100"))
        return SqlFailure::DiskFull;
    if (state == QLatin1String("XX001") || state == QLatin1String("XX002"))
        return SqlFailure::Damaged;
    if (state == QLatin1String("25006"))
        return SqlFailure::ReadOnly;
    if (state == QLatin1String("58030"))
        return SqlFailure::DiskError;
    if (state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57P")))
        return SqlFailure::CannotOpen; // the connection failed, or the server shut down
    return SqlFailure::Other;
}

// The server's own sentence: its first line, without "ERROR:". The lines after it (DETAIL) may
// quote a whole row, patient data that must not reach a log.
QString serverSentence(const QSqlError &error)
{
    QString line = error.databaseText().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.startsWith(QLatin1String("ERROR:")))
        line = line.mid(6).trimmed();
    return line.isEmpty() ? error.driverText() : line;
}

} // namespace

SqlFailure classify(const QSqlError &error)
{
    if (isSqlState(error.nativeErrorCode()))
        return classifySqlState(error.nativeErrorCode());
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
        if (isSqlState(error.nativeErrorCode()))
            return tr("The connection to the database server failed or was closed (%1). Check the network and "
                      "that the server is running, then try again.").arg(serverSentence(error));
        return tr("The database file cannot be opened. Check that the path is right and that you may "
                  "read and write it.");
    case SqlFailure::Other:
        break;
    }
    const QString text = isSqlState(error.nativeErrorCode()) ? serverSentence(error) : error.text().trimmed();
    return text.isEmpty() ? tr("The database reported an unknown error.") : text;
}

Error sqlError(const QSqlError &error, const QString &prefix)
{
    bool ok = false;
    const QString native = error.nativeErrorCode();
    const int code = native.toInt(&ok) & 0xff;
    const bool refusedData = isSqlState(native) ? native.startsWith(QLatin1String("23")) // integrity constraint class
                                                : ok && code == 19; // SQLITE_CONSTRAINT: unique, check, foreign key, RAISE(ABORT)
    Error result{prefix + explain(error), false, !refusedData};
    if (refusedData)
        for (const QString &known : {rule::contactBeforeReceived, rule::receivedAfterContact, rule::auditAppendOnly})
            if (error.databaseText().contains(known))
                result.rule = known;
    return result;
}

} // namespace painmdt::storage
