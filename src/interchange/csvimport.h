#pragma once
// The import half of the interchange contract, shared by every kind: header checks, one
// transaction, the file read record by record, a savepoint per row (or a batch checked before it
// is written), every bad row reported as "line N, column C: reason", and --skip-invalid writing
// the rejected rows with a reason column.
#include "interchange/csvreader.h"
#include "services/door.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <functional>
#include <vector>

namespace painmdt::storage { class Database; }

namespace painmdt::interchange {

struct ColumnSpec {
    QString name;
    bool required = false;
};

// One data row, addressed by (lower-case) column name.
struct CsvRow {
    int line = 0;
    QHash<QString, QString> cells;
    bool dayFirstDates = false; // ImportOptions::dayFirstDates
    QString value(const QString &column) const { return cells.value(column).trimmed(); }
    bool has(const QString &column) const { return !value(column).isEmpty(); }
    bool present(const QString &column) const { return cells.contains(column); } // in the header
};

struct ImportIssue {
    int line = 0;
    QString column;  // a column name, or "" when about the whole row
    QString message;
    QString text() const; // "line 3, column nhs_number: ..."
};

enum class RowOutcome { Added, Updated, Unchanged };

struct RowResult {
    RowOutcome outcome = RowOutcome::Unchanged;
    std::vector<ImportIssue> issues; // non-empty means the row is rejected
    QString fatal;                   // the database failed: the whole import stops, nothing is written
    int alerts = 0;                  // alerts its answers raised (hazard H9)
};

// What each kind supplies: its columns, and how to validate and write one row. Called inside
// the import transaction; a row with issues is rolled back to its savepoint.
class RowImporter {
public:
    virtual ~RowImporter() = default;
    virtual QString kind() const = 0;
    virtual std::vector<ColumnSpec> columns() const = 0;
    virtual void begin() {} // a new file starts: forget anything kept from the last one
    virtual void expectRows(qsizetype /*atMost*/) {} // how many rows the file may hold
    virtual void end() { begin(); } // every row is in: let go of what was kept for the file
    virtual RowResult importRow(const CsvRow &row) = 0;
    // A kind that checks every row before it writes any takes the file in batches, with no
    // savepoint per row (a hospital's million-row extract; docs/adr/0018). Its importBatch must
    // write only the rows it returns without issues, and give one result per row, in order.
    virtual int batchSize() const { return 1; }
    virtual std::vector<RowResult> importBatch(const std::vector<CsvRow> &rows);
};

struct ImportOptions {
    bool ignoreUnknownColumns = false;
    QString rejectsPath;      // --skip-invalid FILE: import valid rows, write bad ones here
    std::function<bool(int done, int total)> progress; // return false to cancel
    // The file's column (as in its header, lower case) -> ours: a hospital extract's own headings
    // (the import wizard). The file's other columns are left unread; rejects keep the file's header.
    QHash<QString, QString> columnMap;
    bool checkOnly = false; // every row checked and written, then all rolled back: nothing stays
    // Dates may also be DD/MM/YYYY (a UK hospital's extract, chosen in the import wizard); the
    // contract's YYYY-MM-DD is always read. Never a guess between day and month: the file says.
    bool dayFirstDates = false;
};

struct ImportSummary {
    bool ok = false;          // something was committed (or nothing needed to be)
    bool cancelled = false;
    bool checkedOnly = false; // options.checkOnly: the counts say what an import would do
    int rows = 0;
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int rejected = 0;
    int alertsRaised = 0;     // by the rows imported: a clinician must acknowledge each (hazard H9)
    std::vector<ImportIssue> issues; // every problem found, in line order
    QString error;            // a failure not about one row (file unreadable, database error)
};

ImportSummary importCsv(storage::Database &db, RowImporter &importer, const QByteArray &content,
                        const ImportOptions &options);

// The value a look-up found; a failed look-up makes the row fatal (the database failed, not the
// row), and the caller returns at its next check of `result.fatal`.
template <typename T>
std::optional<T> found(const Maybe<T> &lookup, RowResult &result)
{
    if (lookup)
        return lookup.value();
    if (result.fatal.isEmpty())
        result.fatal = lookup.error();
    return std::nullopt;
}

// A failed save's problems as the row's issues; a database fault makes the row fatal.
void addSaveProblem(const services::SaveProblem &problem, int line, RowResult &result);

// Helpers for RowImporters: strict contract values.
QDate contractDate(const CsvRow &row, const QString &column, std::vector<ImportIssue> &issues);

// A record being updated changes only in the columns the file has: a column missing from the
// file leaves the stored value alone, while an empty cell clears it (contract: empty = no value).
void take(const CsvRow &row, const QString &column, QString &into);
void takeDate(const CsvRow &row, const QString &column, QDate &into, std::vector<ImportIssue> &issues);

} // namespace painmdt::interchange
