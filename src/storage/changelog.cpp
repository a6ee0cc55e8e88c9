#include "storage/changelog.h"
#include "storage/sqlvalues.h"

#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/sqlerror.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace painmdt::storage {

namespace {

QByteArray diffJson(const QVariantMap &before, const QVariantMap &after)
{
    QJsonObject diff;
    QStringList keys = before.keys() + after.keys();
    keys.removeDuplicates();
    for (const QString &key : keys) {
        const QVariant oldValue = before.value(key);
        const QVariant newValue = after.value(key);
        if (oldValue != newValue)
            diff.insert(key, QJsonArray{QJsonValue::fromVariant(oldValue), QJsonValue::fromVariant(newValue)});
    }
    return QJsonDocument(diff).toJson(QJsonDocument::Compact);
}

// Update (and delete, restore, an account change): the columns that changed, [old, new]. Create:
// nothing, the new row holds its first values and every later change keeps the old ones (storing
// them again tripled the time of a bulk import; docs/adr/0010). Event: its details as they are.
QVariant changesText(const ChangeRecord &change)
{
    switch (change.action) {
    case ChangeAction::Create:
        return QVariant(QMetaType(QMetaType::QString));
    case ChangeAction::Update:
    case ChangeAction::Delete:
    case ChangeAction::Restore:
    case ChangeAction::Account:
    case ChangeAction::LockOut:
        return QString::fromUtf8(diffJson(change.before, change.after));
    default:
        if (change.after.isEmpty())
            return QVariant(QMetaType(QMetaType::QString));
        return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(change.after)).toJson(QJsonDocument::Compact));
    }
}

constexpr const char *rowColumns = "id, at, actor, entity, entity_id, action, changes, patient_id, prev_hash, hash";

AuditRow rowFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString(), q.value(7).toLongLong(),
            q.value(8).toString(), q.value(9).toString()};
}

} // namespace

QString actionCode(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create: return QStringLiteral("create");
    case ChangeAction::Update: return QStringLiteral("update");
    case ChangeAction::Delete: return QStringLiteral("delete");
    case ChangeAction::Restore: return QStringLiteral("restore");
    case ChangeAction::View: return QStringLiteral("view");
    case ChangeAction::Report: return QStringLiteral("report");
    case ChangeAction::LogIn: return QStringLiteral("login");
    case ChangeAction::LogInFailed: return QStringLiteral("login_failed");
    case ChangeAction::LockOut: return QStringLiteral("lockout");
    case ChangeAction::Account: return QStringLiteral("account");
    case ChangeAction::Backup: return QStringLiteral("backup");
    }
    return {};
}

QString auditHash(const AuditRow &row)
{
    // Length-prefixed fields: no value can be made to look like two (an actor "a|b" and so on).
    QByteArray text;
    text.reserve(256);
    const auto add = [&text](const QString &field) {
        const QByteArray bytes = field.toUtf8();
        text.append(QByteArray::number(bytes.size())).append(':').append(bytes).append(';');
    };
    for (const QString &field : {row.prevHash, QString::number(row.id), row.at, row.actor, row.entity,
                                 QString::number(row.entityId), row.action, row.changes, QString::number(row.patientId)})
        add(field);
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

namespace {

// Audit rows per INSERT statement: a bulk import writes hundreds per batch, and inside a savepoint
// every statement's release walks the in-memory statement journal (temp_store = MEMORY), so
// fewer statements are much cheaper (docs/adr/0018).
constexpr int rowsPerInsert = 50;

QString insertSqlOf(int rows)
{
    QStringList values(rows, QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return QStringLiteral("INSERT INTO change_log(%1) VALUES %2").arg(QLatin1String(rowColumns), values.join(QLatin1Char(',')));
}

QString insertSql(int rows)
{
    static const QString one = insertSqlOf(1), full = insertSqlOf(rowsPerInsert); // most statements are one of these
    return rows == 1 ? one : rows == rowsPerInsert ? full : insertSqlOf(rows);
}

void bindRow(QVariantList &values, const AuditRow &row, const QVariant &changes)
{
    values << QVariant(row.id) << QVariant(row.at) << QVariant(row.actor) << QVariant(row.entity) << QVariant(row.entityId)
           << QVariant(row.action) << changes
           << (row.patientId > 0 ? QVariant(row.patientId) : QVariant(QMetaType(QMetaType::LongLong)))
           << (row.prevHash.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(row.prevHash)) << QVariant(row.hash);
}

} // namespace

ChangeLog::ChangeLog(Database &db)
    : m_db(db), m_last(db.prepared(QStringLiteral("SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1")))
{
}

Status ChangeLog::record(const Stamp &stamp, const ChangeRecord &change)
{
    return recordAll(stamp, {change});
}

Status ChangeLog::recordAll(const Stamp &stamp, const std::vector<ChangeRecord> &changes)
{
    // The caller holds the write lock (its transaction began IMMEDIATE), so the last row cannot
    // change between this read and the insert.
    // A bulk import appends 100,000 rows: the last one is remembered on the connection rather
    // than read back each time, but only while no row can have gone (Database::writeGeneration).
    if (changes.empty())
        return success();
    Database::AuditHead &head = m_db.auditHead();
    if (head.generation != m_db.writeGeneration() || head.id <= 0) {
        if (!m_last.exec())
            return sqlError(m_last.lastError(), QObject::tr("The change could not be recorded: "));
        head.id = m_last.next() ? m_last.value(0).toLongLong() : 0;
        head.hash = head.id > 0 ? m_last.value(1).toString() : QString();
        m_last.finish();
    }
    AuditRow row;
    qint64 lastId = head.id;
    QString lastHash = head.hash;
    for (std::size_t start = 0; start < changes.size(); start += rowsPerInsert) {
        const int rows = int(std::min<std::size_t>(rowsPerInsert, changes.size() - start));
        QVariantList values;
        values.reserve(rows * 10);
        for (std::size_t i = start; i < start + std::size_t(rows); ++i) {
            const ChangeRecord &change = changes[i];
            row.id = lastId + 1;
            row.prevHash = lastHash;
            row.at = stamp.atText();
            row.actor = stamp.actor;
            row.entity = change.entity;
            row.entityId = change.entityId;
            row.action = actionCode(change.action);
            const QVariant text = changesText(change);
            row.changes = text.toString();
            row.patientId = change.patientId;
            row.hash = auditHash(row);
            bindRow(values, row, text);
            lastId = row.id;
            lastHash = row.hash;
        }
        if (Status s = m_db.execBound(insertSql(rows), values); !s) {
            head.id = 0;
            return Error{QObject::tr("The change could not be recorded: ") + s.error(), false, true};
        }
    }
    Database::AuditSpan &span = m_db.auditSpan();
    if (span.generation != m_db.writeGeneration())
        span = {m_db.writeGeneration(), head.id, lastId};
    else
        span.last = lastId;
    head = {m_db.writeGeneration(), lastId, lastHash};
    return success();
}

Result<AuditCheck> verifyAuditTrail(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    // Without its triggers the table is no longer append-only: that alone is tampering.
    if (!q.exec(db.dialect().auditGuardSql()) || !q.next())
        return Error{explain(q.lastError())};
    if (q.value(0).toInt() != db.dialect().auditGuardCount()) {
        AuditCheck removed;
        removed.firstBrokenId = -1;
        removed.problem = QObject::tr("the triggers that keep it append-only were removed outside PainMDT");
        return removed;
    }
    if (!q.exec(QStringLiteral("SELECT %1 FROM change_log ORDER BY id").arg(QLatin1String(rowColumns))))
        return Error{explain(q.lastError())};
    AuditCheck check;
    QString previous;
    qint64 expectedId = 1;
    while (q.next()) {
        const AuditRow row = rowFrom(q);
        ++check.rows;
        const auto broken = [&](const QString &problem) {
            check.firstBrokenId = row.id;
            check.problem = problem;
            return check;
        };
        if (row.id != expectedId)
            return broken(QObject::tr("row %1 follows row %2: the rows between are missing, or rows were renumbered")
                              .arg(row.id).arg(expectedId - 1));
        if (row.prevHash != previous)
            return broken(QObject::tr("its link to the row before does not match: a row before it was removed, "
                                      "inserted or changed"));
        if (auditHash(row) != row.hash)
            return broken(QObject::tr("its contents do not match its hash: the row was changed"));
        previous = row.hash;
        ++expectedId;
    }
    if (q.lastError().isValid()) // a page that could not be read: the chain was not walked to its end
        return Error{QObject::tr("The audit trail could not be read to its end: %1").arg(explain(q.lastError())), false, true};
    check.headHash = previous;
    return check;
}

Status sealAuditTrail(const QSqlDatabase &db)
{
    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM change_log ORDER BY id").arg(QLatin1String(rowColumns))))
        return Error{explain(read.lastError())};
    std::vector<AuditRow> rows;
    while (read.next())
        rows.push_back(rowFrom(read));
    read.finish();
    QSqlQuery write(db);
    write.prepare(QStringLiteral("UPDATE change_log SET id = ?, prev_hash = ?, hash = ? WHERE id = ?"));
    QString previous;
    qint64 id = 0;
    for (AuditRow &row : rows) {
        const qint64 oldId = row.id;
        row.id = ++id; // gap-free numbering: a later gap means a deleted row
        row.prevHash = previous;
        row.hash = auditHash(row);
        for (const QVariant &v : {QVariant(row.id), previous.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(previous),
                                  QVariant(row.hash), QVariant(oldId)})
            write.addBindValue(v);
        if (!write.exec())
            return Error{explain(write.lastError())};
        previous = row.hash;
    }
    return success();
}

} // namespace painmdt::storage
