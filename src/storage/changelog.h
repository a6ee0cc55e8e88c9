#pragma once
// Who changed what, and when: written in the same transaction as the change it describes.
#include "domain/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantMap>
#include <vector>

namespace painmdt::storage {

class Database;

// Who is writing and when; every write carries one (services/actor.h makes it). The time is
// formatted once: a bulk import writes it several times a row.
struct Stamp {
    Stamp(QString who, const QDateTime &when)
        : actor(std::move(who)), at(when.toUTC()), atIso(at.toString(Qt::ISODateWithMs)) {}
    const QString &atText() const { return atIso; }

    QString actor;
    QDateTime at; // UTC
    QString atIso;
};

// What an audit row records: a change to a record, or an event that changes none (a patient
// record opened, a report run, a log-in) - clinical reference §5.
enum class ChangeAction { Create, Update, Delete, Restore, View, Report, LogIn, LogInFailed, LockOut, Account, Backup };

struct ChangeRecord {
    QString entity;       // table name, e.g. "patient"; "report", "user" for events
    qint64 entityId = 0;
    ChangeAction action = ChangeAction::Create;
    QVariantMap before;   // column -> old value (empty for a create)
    QVariantMap after;    // column -> new value; an event's details
    qint64 patientId = 0; // the patient the row is about, 0 when none: the audit screen searches by it
};

QString actionCode(ChangeAction action); // "create", ..., "login_failed"

// Writes audit rows (the table is still called change_log). Append-only: the database refuses
// UPDATE and DELETE on it (schema 7), and each row carries the SHA-256 of the row before it and
// of itself, so a row altered, deleted, inserted or reordered outside PainMDT breaks the chain
// (verifyAuditTrail; docs/adr/0010). Must be called inside the caller's transaction.
class ChangeLog {
public:
    explicit ChangeLog(Database &db); // must not outlive db
    // Stores, for an update, the columns whose value differs between before and after; for a
    // create, every value; for an event, its details.
    Status record(const Stamp &stamp, const ChangeRecord &change);
    // Several changes made at once (a batch of an import), in order, in as few statements as can be.
    Status recordAll(const Stamp &stamp, const std::vector<ChangeRecord> &changes);

private:
    Database &m_db;
    QSqlQuery &m_last;
};

// One audit row as hashed: every column, in a fixed, unambiguous encoding.
struct AuditRow {
    qint64 id = 0;
    QString at, actor, entity;
    qint64 entityId = 0;
    QString action, changes;
    qint64 patientId = 0;
    QString prevHash, hash;
};
QString auditHash(const AuditRow &row); // hex SHA-256 over prevHash and every other column

struct AuditCheck {
    qint64 rows = 0;
    qint64 firstBrokenId = 0; // 0 when the chain holds; -1 when the table's protection was removed
    QString problem;          // what is wrong with that row
    QString headHash;         // the last row's hash: keep it elsewhere to detect a rewritten chain
};
// Walks the whole trail in id order and recomputes every link.
Result<AuditCheck> verifyAuditTrail(Database &db);

// Hashes rows written before schema 6 (they have none yet), in id order; part of migration 6.
Status sealAuditTrail(const QSqlDatabase &db);

} // namespace painmdt::storage
