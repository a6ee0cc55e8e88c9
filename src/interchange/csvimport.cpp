#include "interchange/csvimport.h"

#include "domain/textrules.h"
#include "domain/clinicaldate.h"
#include "interchange/outputfile.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

namespace painmdt::interchange {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("CsvImport", text); }

// Header problems: a required column missing, or an unknown one (unless allowed).
std::vector<ImportIssue> checkHeader(const QStringList &header, const std::vector<ColumnSpec> &specs,
                                     bool ignoreUnknown)
{
    std::vector<ImportIssue> issues;
    QSet<QString> known;
    for (const ColumnSpec &spec : specs) {
        known.insert(spec.name);
        if (spec.required && !header.contains(spec.name))
            issues.push_back({1, spec.name, tr("required column is missing; add a column named %1.").arg(spec.name)});
    }
    if (!ignoreUnknown)
        for (const QString &name : header)
            if (!known.contains(name))
                issues.push_back({1, name, tr("unknown column; remove it, fix its name, or use "
                                              "--ignore-unknown-columns.")});
    return issues;
}

CsvRow toRow(const CsvRecord &record, const QStringList &header)
{
    CsvRow row;
    row.line = record.line;
    for (int i = 0; i < header.size() && i < record.fields.size(); ++i)
        row.cells.insert(header.at(i), record.fields.at(i));
    return row;
}

void sortIssues(std::vector<ImportIssue> &issues)
{
    std::stable_sort(issues.begin(), issues.end(),
                     [](const ImportIssue &a, const ImportIssue &b) { return a.line < b.line; });
}

// "reason", unless the kind has a column of that name already (referrals do).
QString rejectReasonColumn(const QStringList &header)
{
    return header.contains(QStringLiteral("reason"), Qt::CaseInsensitive) ? QStringLiteral("reject_reason") : QStringLiteral("reason");
}

Status writeRejects(const QString &path, const QStringList &header, const std::vector<CsvRecord> &records,
                    const QHash<int, QString> &reasons)
{
    QByteArray bytes = csvLine(header + QStringList{rejectReasonColumn(header)});
    for (const CsvRecord &record : records)
        if (reasons.contains(record.line))
            bytes += csvLine(record.fields + QStringList{reasons.value(record.line)});
    if (Status s = writeWholeFile(path, bytes); !s)
        return Error{tr("The rejects file could not be written. %1").arg(s.error())};
    return success();
}

// Structural problems mean the file itself is broken: nothing is imported, even with
// --skip-invalid, because a broken quote can shift every following row.
ImportSummary fileProblem(std::vector<ImportIssue> issues)
{
    ImportSummary summary;
    sortIssues(issues);
    summary.issues = std::move(issues);
    return summary;
}

} // namespace

QString ImportIssue::text() const
{
    // A hostile file's bytes (ESC, BEL) reach a terminal or a screen only as "U+001B".
    if (column.isEmpty())
        return domain::printable(tr("line %1: %2").arg(line).arg(message));
    return domain::printable(tr("line %1, column %2: %3").arg(line).arg(column, message));
}

void addSaveProblem(const services::SaveProblem &problem, int line, RowResult &result)
{
    if (problem.fault) {
        result.fatal = problem.message;
        return;
    }
    for (const auto &e : problem.fieldErrors)
        result.issues.push_back({line, e.field, e.message});
    if (!problem.message.isEmpty())
        result.issues.push_back({line, {}, problem.message});
}

QDate contractDate(const CsvRow &row, const QString &column, std::vector<ImportIssue> &issues)
{
    const QString text = row.value(column);
    if (text.isEmpty())
        return {};
    QDate date = domain::parseIsoDate(text);
    if (!date.isValid() && row.dayFirstDates)
        date = QDate::fromString(text, QStringLiteral("d/M/yyyy"));
    if (!date.isValid())
        issues.push_back({row.line, column, row.dayFirstDates
                                                ? tr("%1 is not a date in the form DD/MM/YYYY or YYYY-MM-DD.").arg(domain::echo(text))
                                                : tr("%1 is not a date in the form YYYY-MM-DD.").arg(domain::echo(text))});
    return date;
}

void take(const CsvRow &row, const QString &column, QString &into)
{
    if (row.present(column))
        into = row.value(column);
}

void takeDate(const CsvRow &row, const QString &column, QDate &into, std::vector<ImportIssue> &issues)
{
    if (row.present(column))
        into = contractDate(row, column, issues);
}

// The header as the importer reads it: mapped columns renamed to ours, the others out of reach.
QStringList mappedHeader(const QStringList &header, const QHash<QString, QString> &map)
{
    if (map.isEmpty())
        return header;
    QStringList mapped;
    for (const QString &name : header)
        mapped << map.value(name, QStringLiteral("\x01unused:") + name);
    return mapped;
}

namespace {

// Structural problems mean the file itself is broken: nothing is imported, even with
// --skip-invalid, because a broken quote can shift every following row. Reads to the end so
// that every one is listed, not only the first.
ImportSummary structuralProblems(CsvReader &reader, const QStringList &fileHeader)
{
    CsvRecord rest;
    while (reader.next(rest)) {
    }
    std::vector<ImportIssue> issues;
    for (const CsvError &e : reader.errors())
        issues.push_back({e.line, e.column > 0 && e.column <= fileHeader.size()
                                      ? fileHeader.at(e.column - 1)
                                      : (e.column > 0 ? QString::number(e.column) : QString()),
                          e.message});
    return fileProblem(std::move(issues));
}

// One import in progress: the rows are read, checked and written batch by batch inside one
// transaction, and only the rows set aside are kept (for the rejects file).
class ImportRun {
public:
    ImportRun(storage::Database &db, RowImporter &importer, const ImportOptions &options, const QStringList &header)
        : m_db(db), m_importer(importer), m_options(options), m_header(header) {}

    ImportSummary summary;
    std::vector<CsvRecord> rejected; // the rows set aside, for the rejects file
    QHash<int, QString> reasons;     // their line -> why

    // Adds one record; false when the import must stop (summary says why).
    bool add(CsvRecord &&record)
    {
        CsvRow row = toRow(record, m_header);
        row.dayFirstDates = m_options.dayFirstDates;
        m_rows.push_back(std::move(row));
        m_records.push_back(std::move(record));
        return int(m_rows.size()) < m_importer.batchSize() || flush();
    }

    // Checks and writes the rows read so far; false when the import must stop.
    bool flush()
    {
        if (m_rows.empty())
            return true;
        if (!askProgress())
            return false;
        std::vector<RowResult> results;
        if (m_importer.batchSize() > 1) {
            results = m_importer.importBatch(m_rows);
        } else if (!importAlone(results)) {
            return false;
        }
        for (std::size_t i = 0; i < results.size(); ++i)
            if (!count(m_records[i], results[i]))
                return false;
        m_rows.clear();
        m_records.clear();
        return true;
    }

    bool askProgress()
    {
        // Every 500 rows, and once at the start: a batch of 500 asks once.
        if (m_options.progress && summary.rows % 500 == 0 && !m_options.progress(summary.rows, m_total)) {
            summary.cancelled = true;
            return false;
        }
        return true;
    }

    void setTotal(int total) { m_total = total; }

private:
    // A row importer that may write before it finds a problem: each row on its own savepoint.
    bool importAlone(std::vector<RowResult> &results)
    {
        storage::Transaction rowTx(m_db);
        if (!rowTx.ok()) {
            summary.error = rowTx.error();
            return false;
        }
        RowResult result = m_importer.importRow(m_rows.front());
        // A failed undo means the engine dropped the whole transaction: stop, or the rows after
        // this one would each be committed on their own (a partial import).
        const Status ended = result.fatal.isEmpty() ? (result.issues.empty() ? rowTx.commit() : rowTx.rollback()) : success();
        if (!ended) {
            summary.error = ended.error();
            return false;
        }
        results.push_back(std::move(result));
        return true;
    }

    bool count(CsvRecord &record, const RowResult &result)
    {
        ++summary.rows;
        if (!result.fatal.isEmpty()) { // never "a bad row": the database itself failed
            summary.error = result.fatal;
            return false;
        }
        if (!result.issues.empty()) {
            QStringList why;
            for (const ImportIssue &issue : result.issues)
                why << (issue.column.isEmpty() ? issue.message : issue.column + QStringLiteral(": ") + issue.message);
            reasons.insert(record.line, why.join(QStringLiteral("; ")));
            summary.issues.insert(summary.issues.end(), result.issues.begin(), result.issues.end());
            ++summary.rejected;
            if (!m_options.rejectsPath.isEmpty())
                rejected.push_back(std::move(record));
            return true;
        }
        (result.outcome == RowOutcome::Added ? summary.added
         : result.outcome == RowOutcome::Updated ? summary.updated : summary.unchanged)++;
        summary.alertsRaised += result.alerts;
        return true;
    }

    storage::Database &m_db;
    RowImporter &m_importer;
    const ImportOptions &m_options;
    const QStringList &m_header;
    std::vector<CsvRow> m_rows;       // the batch being read
    std::vector<CsvRecord> m_records; // the same rows as in the file
    int m_total = 0;
};

} // namespace

std::vector<RowResult> RowImporter::importBatch(const std::vector<CsvRow> &rows)
{
    std::vector<RowResult> results;
    for (const CsvRow &row : rows)
        results.push_back(importRow(row));
    return results;
}

ImportSummary importCsv(storage::Database &db, RowImporter &importer, const QByteArray &content,
                        const ImportOptions &options)
{
    CsvReader reader(content);
    const QStringList fileHeader = reader.header();
    const QStringList header = mappedHeader(fileHeader, options.columnMap);
    if (!reader.ok())
        return structuralProblems(reader, fileHeader);
    if (auto issues = checkHeader(header, importer.columns(), options.ignoreUnknownColumns || !options.columnMap.isEmpty());
        !issues.empty())
        return fileProblem(std::move(issues));

    importer.begin();
    importer.expectRows(content.count('\n')); // a record per line at most: cheap, unlike parsing
    storage::Transaction tx(db);
    if (!tx.ok()) {
        ImportSummary failed;
        failed.error = tx.error();
        return failed;
    }
    ImportRun run(db, importer, options, header);
    run.setTotal(options.progress ? countRecords(content) : 0);
    CsvRecord record;
    bool going = true;
    while (going && reader.next(record))
        going = reader.ok() && run.add(std::move(record));
    going = going && reader.ok() && run.flush();
    importer.end(); // before the commit, which may build indexes in the memory this frees
    if (!reader.ok())
        return structuralProblems(reader, fileHeader); // tx rolls back whatever was written
    ImportSummary &summary = run.summary;
    if (!going)
        return summary; // cancelled or failed: tx rolls back
    if (summary.rows == 0)
        return fileProblem({{1, {}, tr("the file has a header but no rows; nothing to import.")}});
    if (options.progress && !options.progress(summary.rows, summary.rows)) { // a Cancel after the last 500th row counts too
        summary.cancelled = true;
        return summary;
    }
    if (options.checkOnly) {
        summary.checkedOnly = true;
        return summary; // tx rolls back: a check writes nothing
    }
    if (summary.rejected > 0 && options.rejectsPath.isEmpty()) {
        summary.added = summary.updated = summary.unchanged = summary.alertsRaised = 0;
        return summary; // atomic: tx rolls back, nothing written
    }
    // The rejects file first: if it cannot be written, nothing is imported (contract).
    if (!options.rejectsPath.isEmpty()) {
        // The file's own header, as written: the rows set aside are fixed and imported again.
        if (Status s = writeRejects(options.rejectsPath, reader.headerAsWritten(), run.rejected, run.reasons); !s) {
            summary.error = s.error();
            return summary;
        }
    }
    if (Status s = tx.commit(); !s) {
        if (!options.rejectsPath.isEmpty())
            QFile::remove(options.rejectsPath); // it lists rejects of an import that did not happen
        summary.error = s.error();
        return summary;
    }
    summary.ok = true;
    return summary;
}

} // namespace painmdt::interchange
