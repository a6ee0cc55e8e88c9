#pragma once
// RFC 4180 CSV reading with exact error locations (interchange contract: UTF-8, optional BOM,
// comma separated, first line is the header, header names case-insensitive).
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace painmdt::interchange {

struct CsvRecord {
    int line = 0;          // 1-based physical line on which the record starts
    QStringList fields;    // raw cell text, quotes removed, "" unescaped
};

struct CsvError {
    int line = 0;          // 1-based physical line
    int column = 0;        // 1-based field number (0 when not about one field)
    QString message;       // what is wrong and what to do
};

struct CsvTable {
    QStringList header;             // lower-cased, trimmed header names, in file order
    QStringList headerAsWritten;    // the same, as the file has them
    std::vector<CsvRecord> records; // data records (blank lines skipped)
    std::vector<CsvError> errors;   // structural errors; when non-empty, records may be partial
    bool ok() const { return errors.empty(); }
};

// Reads a file record by record, so that a hospital's million-row extract is never held as a
// table of strings (issue 10: an import's peak memory). `content` must outlive the reader.
// The header is read at construction. Records with a structural error are left out and the
// error kept; errors() lists every one found so far, by position.
class CsvReader {
public:
    explicit CsvReader(const QByteArray &content);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    const QStringList &header() const { return m_header; } // lower-cased, trimmed
    const QStringList &headerAsWritten() const { return m_written; } // as in the file
    bool next(CsvRecord &record); // the next well-formed record; false at the end
    bool ok() const;              // no structural error so far
    std::vector<CsvError> errors() const;
    qsizetype position() const;   // bytes read, for progress
    qsizetype size() const { return m_size; }

private:
    struct State;
    void readHeader(int line, const QStringList &fields);

    std::unique_ptr<State> m_state; // none when the file as a whole is refused
    std::vector<CsvError> m_wholeFile;
    QStringList m_header;
    QStringList m_written;
    qsizetype m_size = 0;
    bool m_done = false;
};

// How many records follow the header (a quick count of lines outside quotes, blank lines left
// out), for an import's progress before the file is read.
int countRecords(const QByteArray &content);

// Parses the whole file content. Structural problems reported as errors (never thrown):
//  - bytes that are not valid UTF-8 (line and column of the first bad byte's field)
//  - an unterminated quoted field (line where the quote opened), or text after a closing quote
//  - a record whose field count differs from the header's
//  - an empty file / no header, a blank or duplicated header name
// Line endings: \n, \r\n. A newline inside quotes is kept as \n in the field.
CsvTable parseCsv(const QByteArray &content);

// Writes one record with RFC 4180 quoting (fields quoted only when they need it), ending "\r\n".
QByteArray csvLine(const QStringList &fields);

} // namespace painmdt::interchange
