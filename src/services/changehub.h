#pragma once
// Live refresh (issue 7): after a write commits, the door announces what changed here, and the
// views listening refresh. Commits by another connection (a second copy of PainMDT, an import
// from the command line) are seen by polling the database's data version, and on the server at
// once, from its announcement of each commit (LISTEN/NOTIFY).
#include "storage/changelog.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <vector>

namespace painmdt::storage { class Database; }

namespace painmdt::services {

struct ChangeNotice {
    QSet<QString> entities; // "patient", "referral", "contact", "assessment", "user", "pathway", ...
    QSet<qint64> patientIds;
    bool external = false; // another connection committed and what it changed is not known: anything may have

    bool touches(const QString &entity) const { return external || entities.contains(entity); }
};

class ChangeHub : public QObject {
    Q_OBJECT
public:
    explicit ChangeHub(QObject *parent = nullptr);

    // Changes written inside a transaction that is still open are held until it commits.
    void hold(const std::vector<storage::ChangeRecord> &changes);
    void commit();  // announces what was held
    void discard(); // the transaction rolled back: nothing happened

    // Polls `db` (the GUI's connection) for commits made by other connections, and reads what
    // they changed from the audit trail: a colleague opening a record or logging in reloads nothing.
    void watch(storage::Database &db, int intervalMs = 2000);
    void checkNow(); // one poll, at once (tests; the window regaining focus)

Q_SIGNALS:
    void changed(const painmdt::services::ChangeNotice &notice);

private:
    ChangeNotice m_held;
    storage::Database *m_watched = nullptr;
    qint64 m_dataVersion = -1;
    qint64 m_lastAuditId = 0; // the audit rows up to here have been looked at
    QTimer m_poll;
};

} // namespace painmdt::services

Q_DECLARE_METATYPE(painmdt::services::ChangeNotice)
