#pragma once
// Moving a team's database between engines (issue 12, "Moving up"; docs/adr/0024): every row of
// every table, with its id, so that the audit trail's chain and every reference in it hold on the
// other side. Either engine to either engine; the destination must be new.
#include "domain/result.h"
#include "storage/database.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <vector>

namespace painmdt::storage {

// One table as it stands: how many rows, and a digest of all of them in key order, written the
// same way whichever engine holds them (so equal digests mean equal contents).
struct TableImage {
    QString table;
    qint64 rows = 0;
    QByteArray digest;
};

// Rows copied so far; returns false to cancel (nothing is then written).
using CopyProgress = std::function<bool(qint64 rowsDone, qint64 rowsTotal)>;

// Every table of a PainMDT database in an order that satisfies its foreign keys.
const QStringList &copiedTables();

// Each table's image, in copiedTables() order. Refuses a database with a table this build does
// not know (it would not be copied).
Result<std::vector<TableImage>> tableImages(Database &db);

struct CopySummary {
    std::vector<TableImage> tables; // as they now stand on both sides, equal
    qint64 auditRows = 0;
    QString auditHead; // the audit trail's last hash, the same on both sides
};

// Copies all of `from` into `to` in one transaction on `to`, committed only once every table's
// image is equal on both sides and the copy's audit trail verifies, ending in the source's hash.
// The source's trail must verify first. `to` must hold no accounts, patients or audit rows (a
// new file or server database).
Result<CopySummary> copyDatabase(Database &from, Database &to, const CopyProgress &progress = {});

} // namespace painmdt::storage
