#pragma once
// The audit trail as people read it (issue 7): the audit screen's search, for an administrator
// or a service manager, and a record's history for the screen that shows the record. Lines name
// the user by display name and the fields that changed by label; never a changed value, since
// notes and reasons are clinical text.
#include "domain/result.h"
#include "services/actor.h"
#include "storage/auditqueries.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <vector>

namespace painmdt::storage { class Database; }

namespace painmdt::services {

struct AuditLine {
    QDateTime at;          // UTC; screens show local time
    QString user;          // "Amara Okoro (a.okoro)"; the user name alone when it is the display name or unknown
    QString what;          // "Referral R123 updated: Pathway, Triaged on"
    qint64 patientId = 0;  // 0 when the row is about no patient
};

struct AuditPage {
    std::vector<AuditLine> lines; // newest first, at most the query's limit
    bool more = false;            // more rows match than were shown
};

struct HistoryLine {
    QDateTime at;   // UTC
    QString user;   // as AuditLine::user
    QString action; // "created", "updated: Pathway, Triaged on", "removed", "restored"
};

using storage::AuditCheck;
using storage::AuditQuery;

class AuditService {
public:
    AuditService(storage::Database &db, StampSource session);

    // Requires domain::Action::ViewAudit (administrator, service manager): refused otherwise.
    Result<AuditPage> search(const storage::AuditQuery &q);

    // One record's changes, oldest first. Any logged-in user may see it: it shows who changed
    // the record and which fields, as the record's own screen does.
    Result<std::vector<HistoryLine>> history(const QString &entity, qint64 entityId);

    // Walks the whole hash chain (storage::verifyAuditTrail). Requires domain::Action::ViewAudit.
    Result<AuditCheck> verify();

    // Every check `painmdt check` runs: the file's pages and indexes, the links between records,
    // the audit trail's chain. Each finding says what is wrong and what to do. Requires
    // domain::Action::ViewAudit.
    struct Finding {
        QString check;   // "pages and indexes", "links between records", "audit trail"
        QString problem; // what SQLite or the chain reported
        QString advice;  // what to do about it
        bool warning = false; // worth acting on, but the database itself is sound
    };
    Result<std::vector<Finding>> checkAll();

    // "created", "updated: Pathway, Triaged on" (labels via domain::codeLabel, row_version left
    // out), "removed", "restored", "opened" ... The words after the record's name.
    static QString actionText(const storage::AuditRecord &record);
    // "Referral R123 updated: Pathway, Triaged on", "Logged in", "Report waiting run".
    static QString describe(const storage::AuditRecord &record);

private:
    Result<QHash<QString, QString>> displayNames(); // user name -> display name
    static QString userText(const QHash<QString, QString> &names, const QString &actor);

    storage::Database &m_db;
    StampSource m_session;
};

} // namespace painmdt::services
