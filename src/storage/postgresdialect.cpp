// The team server's dialect (issue 12, docs/adr/0023): what PostgreSQL needs that SQLite does not.
#include "storage/dialect.h"

#include "storage/sqlerror.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <libpq-fe.h>

namespace painmdt::storage {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Dialect", text); }

// Connection settings a location may carry after '?': what TLS and a slow network need. Anything
// else is refused by name, so a typo is not silently ignored.
const QStringList allowedOptions = {QStringLiteral("sslmode"), QStringLiteral("sslrootcert"), QStringLiteral("sslcert"),
                                    QStringLiteral("sslkey"), QStringLiteral("connect_timeout"), QStringLiteral("host")};

constexpr qint64 writeLock = 1347241044; // "PMDT": the advisory lock every writer takes first

} // namespace

Status PostgresDialect::configure(QSqlDatabase &db, const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    const QString example = QStringLiteral("postgresql://user@host:5432/painmdt");
    if (!url.isValid() || !isServerLocation(location))
        return Error{tr("%1 is not a server location PainMDT can read. Write it as %2.").arg(location, example)};
    if (!url.password().isEmpty())
        return Error{tr("Do not put the password in the server location (it is shown on screen). Leave it out: "
                        "PainMDT asks libpq, which reads PGPASSWORD or ~/.pgpass.")};
    const QString database = url.path().mid(1);
    if (database.isEmpty() || database.contains(QLatin1Char('/')))
        return Error{tr("%1 names no database on the server. Write it as %2.").arg(location, example)};
    // A network that drops without a word (a laptop leaving the ward's Wi-Fi) is noticed within
    // about a minute by TCP keepalives, which the server's machine answers even while a long
    // report runs, and sent data unacknowledged for a minute fails the statement: not a 15-minute hang.
    QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("keepalives=1"), QStringLiteral("keepalives_idle=30"),
                        QStringLiteral("keepalives_interval=10"), QStringLiteral("keepalives_count=3"),
                        QStringLiteral("tcp_user_timeout=60000")};
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!allowedOptions.contains(key))
            return Error{tr("%1 is not a connection setting PainMDT passes on (it knows %2).").arg(key, allowedOptions.join(QStringLiteral(", ")))};
        // QPSQL joins the settings into one libpq string: a space or quote would start another
        // setting there (a second sslmode that turns TLS off, say).
        static const QRegularExpression unsafe(QStringLiteral("[;=\\s'\\\\]"));
        if (value.contains(unsafe))
            return Error{tr("The setting %1 may not hold ';', '=', spaces, quotes or backslashes.").arg(key)};
        options << key + QLatin1Char('=') + value;
    }
    db.setHostName(url.host());
    if (url.port() > 0)
        db.setPort(url.port());
    db.setUserName(url.userName());
    db.setDatabaseName(database);
    db.setConnectOptions(options.join(QLatin1Char(';')));
    return success();
}

Status PostgresDialect::prepareConnection(const QSqlDatabase &db, const QString &location) const
{
    QSqlQuery q(db);
    // SQLite compares text byte by byte; so must the server, or lists, search and reports differ.
    if (!q.exec(QStringLiteral("SELECT 'B' < 'a' AND 'Z' < '_' AND current_setting('server_encoding') = 'UTF8'"))
        || !q.next())
        return Error{explain(q.lastError()), false, true};
    if (!q.value(0).toBool())
        return Error{tr("The database %1 sorts text by a language's rules or is not UTF-8; PainMDT needs byte "
                        "order, so that lists and reports are the same on every machine. Ask the administrator to "
                        "create it with: createdb -E UTF8 --locale=C -T template0 NAME (docs/admin-guide.md).")
                         .arg(location)};
    // Another writer holds the write lock for at most a bulk import's batch; wait like SQLite's busy timeout.
    if (!q.exec(QStringLiteral("SET lock_timeout = '5s'")))
        return Error{explain(q.lastError()), false, true};
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")) || !q.next())
        return Error{explain(q.lastError()), false, true};
    if (q.value(0).toInt() == 0)
        return success(); // new and empty: the first migration makes it ours
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'application'")) || !q.next()
        || q.value(0).toString() != QLatin1String("PainMDT"))
        return Error{tr("%1 holds tables but is not a PainMDT database. Choose the right database, or an empty "
                        "one to start.").arg(location)};
    return success();
}

namespace {

PGconn *libpqConnection(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // Qt 6 names the type as the compiler spells it (libpq's typedef names struct pg_conn).
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}

PGTransactionStatusType transactionStatus(const QSqlDatabase &db)
{
    PGconn *connection = libpqConnection(db);
    return connection ? PQtransactionStatus(connection) : PQTRANS_UNKNOWN;
}

} // namespace

bool PostgresDialect::inTransaction(const QSqlDatabase &db) const
{
    // In error: the transaction failed and waits for a rollback, as an open one does.
    const PGTransactionStatusType status = transactionStatus(db);
    return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

bool PostgresDialect::transactionFailed(const QSqlDatabase &db) const
{
    return transactionStatus(db) == PQTRANS_INERROR;
}

bool PostgresDialect::listenForCommits(const QSqlDatabase &db, QObject *context, std::function<void()> committed)
{
    if (context) {
        m_context = context;
        m_committed = std::move(committed);
    }
    m_listener.reset();
    PGconn *connection = libpqConnection(db);
    if (!m_context || !connection || PQsocket(connection) < 0 || !QSqlQuery(db).exec(QStringLiteral("LISTEN ") + commitChannel()))
        return false;
    m_listener = std::make_unique<QSocketNotifier>(PQsocket(connection), QSocketNotifier::Read);
    QObject::connect(m_listener.get(), &QSocketNotifier::activated, m_listener.get(), [this, name = db.connectionName()] {
        drainNotifications(QSqlDatabase::database(name, false));
    });
    return true;
}

void PostgresDialect::drainNotifications(const QSqlDatabase &db) const
{
    PGconn *connection = libpqConnection(db);
    if (!connection || !m_listener)
        return;
    PQconsumeInput(connection);
    // A forward-only read finished early leaves its reply's last messages untaken, and libpq
    // parses nothing behind them (a notice waits there) until they are: take them now, as QPSQL's
    // next statement would. Never waits: a reply still arriving is left alone.
    while (!PQisBusy(connection)) {
        PGresult *rest = PQgetResult(connection);
        if (!rest)
            break;
        PQclear(rest);
    }
    bool announced = false;
    const QByteArray channel = commitChannel().toLatin1();
    while (PGnotify *notice = PQnotifies(connection)) {
        announced = announced || (channel == notice->relname && notice->be_pid != PQbackendPID(connection));
        PQfreemem(notice);
    }
    if (announced && m_context) // posted: this may run in the middle of another statement's read
        QMetaObject::invokeMethod(m_context, m_committed, Qt::QueuedConnection);
}

void PostgresDialect::releaseStatements()
{
    m_listener.reset(); // its socket goes with the connection
    Dialect::releaseStatements();
}

bool PostgresDialect::connectionLost(const QSqlDatabase &db) const
{
    if (!db.isOpen()) // QPSQL closes itself once a statement found the connection gone
        return true;
    drainNotifications(db);
    PGconn *connection = libpqConnection(db);
    // Reads what the server sent meanwhile without waiting: a restart's farewell and the closed
    // socket mark the connection bad before the next statement is sent into it. Twice: a read
    // that returns the farewell does not also report the end of the stream behind it.
    return connection && (PQconsumeInput(connection) == 0 || PQconsumeInput(connection) == 0
                          || PQstatus(connection) == CONNECTION_BAD);
}

QStringList PostgresDialect::beginTransactionSql() const
{
    // One writer at a time, as on SQLite: the audit chain and bulk imports number rows after the last.
    return {QStringLiteral("BEGIN"), QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(writeLock)};
}

QString PostgresDialect::dataVersionSql() const
{
    return QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM change_log");
}

QString PostgresDialect::monthsFromSql(const QString &column, int months) const
{
    // Adding months clamps to the month's end (31 January + 1 month = 28 or 29 February), as SQLite's does.
    return QStringLiteral("to_char(CAST(%1 AS date) + interval '%2 months', 'YYYY-MM-DD')").arg(column).arg(months);
}

QString PostgresDialect::auditGuardSql() const
{
    return QStringLiteral("SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = to_regclass('change_log') AND tgenabled <> 'D' "
                          "AND tgname IN ('change_log_no_update', 'change_log_no_delete', 'change_log_no_truncate')");
}

Status PostgresDialect::idsGivenTo(const QSqlDatabase &db, const QString &table, const QString &column) const
{
    QSqlQuery q(db);
    // No sequence (change_log's ids are the app's) or no rows: setval of NULL does nothing.
    if (!q.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', '%2'), (SELECT MAX(%2) FROM %1))").arg(table, column)))
        return sqlError(q.lastError());
    return success();
}

QStringList PostgresDialect::statementsOf(const QString &migration) const
{
    return {migration}; // the server runs a whole file, dollar-quoted function bodies and all
}

Result<QByteArray> PostgresDialect::snapshot(const QSqlDatabase &)
{
    return Error{tr("The team server is backed up on the server, with pg_dump (docs/admin-guide.md); PainMDT's "
                    "own backups are of SQLite databases.")};
}

Status PostgresDialect::replaceFrom(const QSqlDatabase &, const QString &)
{
    return Error{tr("The team server is restored on the server, with pg_restore (docs/admin-guide.md); PainMDT "
                    "restores SQLite databases.")};
}

Result<QStringList> PostgresDialect::privilegeWarnings(const QSqlDatabase &db) const
{
    QSqlQuery q(db);
    // Owning the audit table, or being able to act as its owner (a member of that role, or one
    // that may make itself one), is owning the triggers that keep it append-only.
    if (!q.exec(QStringLiteral("SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
                               "(SELECT pg_has_role(current_user, tableowner, 'MEMBER') FROM pg_tables "
                               "WHERE schemaname = current_schema() AND tablename = 'change_log') "
                               "OR (SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user) "
                               "OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace "
                               "WHERE nspname = current_schema()), 'MEMBER')"))
        || !q.next())
        return sqlError(q.lastError());
    const QString user = q.value(0).toString();
    QStringList warnings;
    if (q.value(1).toBool())
        warnings << QObject::tr("connected as %1, a superuser: it can switch the audit trail's triggers off and change "
                                "any record without trace.").arg(user);
    else if (q.value(2).toBool())
        warnings << QObject::tr("connected as %1, which owns the tables or the schema, or may act as their owner: it "
                                "can drop the audit trail's triggers and change the schema.").arg(user);
    return warnings;
}

} // namespace painmdt::storage
