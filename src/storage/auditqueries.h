#pragma once
// Reading the audit trail (issue 7): the audit screen's search and one record's history. Only
// reads; rows are written by storage/changelog.h. No QtSql here: the screens include this.
#include "domain/result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <map>
#include <vector>

namespace painmdt::storage {

class Database;

// What the audit screen asks for. 0, empty or an invalid date means "any". `from` and `to` are
// inclusive calendar days in this computer's local time, as the screen shows times; they are
// turned into UTC instants here because `at` is stored in UTC.
struct AuditQuery {
    qint64 patientId = 0;
    QString actor;      // the user name exactly as stored (the combo offers the accounts' own spelling)
    QDate from, to;
    int limit = 500;    // below 1 counts as 1
};

struct AuditRecord {
    qint64 id = 0;
    QDateTime at;       // UTC
    QString actor, entity;
    qint64 entityId = 0;
    QString action;     // changelog.h actionCode: "create", "update", ..., "login_failed"
    QString changesJson;
    qint64 patientId = 0;
    QString entityRef;  // the record's own name when it has one and still exists: referral_ref,
                        // patient_ref, contact_ref, assessment_ref, user name, "code version"
};

// Earlier values of one field of a patient's records of one kind, oldest first, by record id:
// what a note said before each edit (the change log keeps [old, new] of every changed column).
Result<std::map<qint64, QStringList>> earlierValues(Database &db, const QString &entity, qint64 patientId,
                                                    const QString &field);

// Newest first, at most q.limit + 1 rows: more than q.limit means there are more.
Result<std::vector<AuditRecord>> searchAudit(Database &db, const AuditQuery &q);

// The changes to one record (create, update, delete, restore, and an account's changes),
// oldest first; events such as a record opened are left out.
Result<std::vector<AuditRecord>> historyOf(Database &db, const QString &entity, qint64 entityId);

// The rows written after row `afterId`, oldest first, at most `limit` (entityRef and changes left
// empty): how the GUI learns what another copy of PainMDT changed.
Result<std::vector<AuditRecord>> auditAfter(Database &db, qint64 afterId, int limit);
Result<qint64> lastAuditId(Database &db); // 0 when the trail is empty

// The actions that change a record (changelog.h actionCode); the others are events: a record
// opened, a report run, a log-in.
const QStringList &recordChanges();

} // namespace painmdt::storage
