#include "interchange/csvreader.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <string>

namespace painmdt::interchange {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("CsvReader", text); }

// Index of the first byte that does not start a well-formed UTF-8 sequence, or -1.
// Strict (Unicode table 3-7): rejects overlong forms, surrogates and code points above U+10FFFF,
// which QString::fromUtf8 would silently turn into U+FFFD.
qsizetype firstInvalidUtf8(const unsigned char *p, qsizetype size)
{
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80; // allowed range of the second byte
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0; // overlong
            else if (c == 0xED)
                high = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90; // overlong
            else if (c == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return i; // continuation byte without a lead, C0/C1 overlong leads, F5..FF
        }
        if (size - i < length || p[i + 1] < low || p[i + 1] > high)
            return i;
        for (int k = 2; k < length; ++k)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += length;
    }
    return -1;
}

// How the field that was just read ended.
enum class FieldEnd { Comma, LineEnd, FileEnd, Unterminated };

struct RawRecord {
    int line = 0;
    QStringList fields;
    bool bad = false; // an error was reported inside this record
};

// Splits the bytes into records. Works on raw bytes so that every error location is exact;
// text is decoded once per field, after its bytes were checked.
class Parser {
public:
    Parser(QByteArrayView text, std::vector<CsvError> &errors) : m_text(text), m_errors(errors) {}

    // Reads the next non-blank record; false at the end of the file or after an unrecoverable
    // error (a quote never closed swallows the rest of the file).
    bool next(RawRecord &record)
    {
        if (m_stopped)
            return false;
        skipBlankLines();
        if (atEnd())
            return false;
        m_record = &record;
        record.line = m_line;
        record.fields.clear();
        record.bad = false;
        for (int column = 1;; ++column) {
            const FieldEnd end = readField(column);
            record.fields.append(m_field);
            if (end == FieldEnd::Unterminated)
                m_stopped = true;
            if (end != FieldEnd::Comma)
                return !m_stopped;
        }
    }

    qsizetype position() const { return m_pos; }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char at(qsizetype i) const { return i < m_text.size() ? m_text[i] : '\0'; }

    void error(int line, int column, const QString &message)
    {
        m_errors.push_back({line, column, message});
        m_record->bad = true;
    }

    // Only lines with nothing on them are blank; a line of spaces is a record.
    void skipBlankLines()
    {
        while (takeLineEnd()) {
        }
    }

    // Consumes a line ending at m_pos if there is one (\n or \r\n).
    bool takeLineEnd()
    {
        if (at(m_pos) == '\n')
            m_pos += 1;
        else if (at(m_pos) == '\r' && at(m_pos + 1) == '\n')
            m_pos += 2;
        else
            return false;
        ++m_line;
        return true;
    }

    FieldEnd readField(int column)
    {
        m_field.clear();
        return at(m_pos) == '"' ? readQuoted(column) : readUnquoted(column);
    }

    FieldEnd readUnquoted(int column)
    {
        const qsizetype start = m_pos;
        const int line = m_line;
        bool quoteReported = false;
        bool crReported = false;
        FieldEnd end = FieldEnd::FileEnd;
        qsizetype stop = m_text.size();
        for (qsizetype i = start; i < m_text.size(); ++i) {
            const char c = m_text[i];
            if (c == ',' || c == '\n' || (c == '\r' && at(i + 1) == '\n')) {
                stop = i;
                end = c == ',' ? FieldEnd::Comma : FieldEnd::LineEnd;
                break;
            }
            if (c == '"' && !quoteReported) {
                quoteReported = true;
                error(line, column,
                      tr("a quote inside an unquoted field; put the whole field in quotes and "
                         "double the quote (\"\")"));
            } else if (c == '\r' && !crReported) {
                // An old Mac line ending: the rest of the "line" would silently merge.
                crReported = true;
                error(line, column,
                      tr("carriage return without a line feed; save the file with Windows or "
                         "Unix line endings"));
            }
        }
        m_pos = stop;
        if (end == FieldEnd::Comma)
            ++m_pos;
        else if (end == FieldEnd::LineEnd)
            takeLineEnd();
        setField(start, stop, line, column, m_text.data() + start, stop - start);
        return end;
    }

    FieldEnd readQuoted(int column)
    {
        const qsizetype start = m_pos;
        const int startLine = m_line;
        m_buffer.clear();
        qsizetype chunk = ++m_pos; // start of the bytes not yet copied to m_buffer
        for (;;) {
            if (atEnd()) {
                error(startLine, column, tr("quoted field is never closed; check the quotes"));
                return FieldEnd::Unterminated;
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                m_buffer.append(m_text.data() + chunk, m_pos - chunk);
                if (at(m_pos + 1) != '"')
                    break;
                m_buffer += '"'; // "" is one quote
                m_pos += 2;
                chunk = m_pos;
                continue;
            }
            if (c == '\r' && at(m_pos + 1) == '\n') {
                // \r\n inside quotes becomes \n; a lone \r is kept as data.
                m_buffer.append(m_text.data() + chunk, m_pos - chunk);
                chunk = m_pos + 1;
            } else if (c == '\n') {
                ++m_line;
            }
            ++m_pos;
        }
        const qsizetype closing = m_pos++;
        setField(start, closing, startLine, column, m_buffer.data(), qsizetype(m_buffer.size()));
        return afterClosingQuote(column);
    }

    // After a closing quote only a comma, a line end or the end of the file may follow.
    FieldEnd afterClosingQuote(int column)
    {
        bool reported = false;
        for (;;) {
            if (atEnd())
                return FieldEnd::FileEnd;
            if (m_text[m_pos] == ',') {
                ++m_pos;
                return FieldEnd::Comma;
            }
            if (takeLineEnd())
                return FieldEnd::LineEnd;
            if (!reported) {
                reported = true;
                error(m_line, column, tr("unexpected text after a closing quote; put the whole "
                                         "field in quotes and double any quote inside it"));
            }
            ++m_pos; // skip the stray text up to the end of the field
        }
    }

    // Checks the field's raw bytes [rawStart, rawEnd), which start on rawLine, and decodes the
    // unescaped text.
    void setField(qsizetype rawStart, qsizetype rawEnd, int rawLine, int column, const char *text,
                  qsizetype size)
    {
        const auto *raw = reinterpret_cast<const unsigned char *>(m_text.data());
        const qsizetype bad = firstInvalidUtf8(raw + rawStart, rawEnd - rawStart);
        if (bad >= 0) {
            const auto newlines = std::count(raw + rawStart, raw + rawStart + bad, '\n');
            const QString byte = QString::number(raw[rawStart + bad], 16).toUpper();
            error(rawLine + int(newlines), column,
                  tr("text is not valid UTF-8 (byte 0x%1); save the file as UTF-8").arg(byte));
        }
        m_field = QString::fromUtf8(text, size);
    }

    QByteArrayView m_text;
    std::vector<CsvError> &m_errors;
    RawRecord *m_record = nullptr;
    qsizetype m_pos = 0;
    int m_line = 1;
    bool m_stopped = false;
    QString m_field;      // the field just read
    std::string m_buffer; // unescaped bytes of a quoted field; reused to avoid allocations
};

QByteArrayView withoutBom(const QByteArray &content)
{
    QByteArrayView view(content);
    if (view.startsWith("\xEF\xBB\xBF"))
        view = view.sliced(3);
    return view;
}

// With a byte-order mark, or without one: ASCII text in UTF-16 has a NUL in every other byte,
// which UTF-8 text never has (it would otherwise fail field by field, "the record has 1 fields").
bool isUtf16(QByteArrayView text)
{
    if (text.startsWith("\xFF\xFE") || text.startsWith("\xFE\xFF"))
        return true;
    const qsizetype sample = std::min<qsizetype>(text.size(), 512);
    qsizetype evenNuls = 0, oddNuls = 0;
    for (qsizetype i = 0; i < sample; ++i)
        if (text[i] == '\0')
            ++(i % 2 ? oddNuls : evenNuls);
    return sample >= 4 && std::max(evenNuls, oddNuls) * 4 >= sample; // at least half of one byte lane
}

// Old Mac line ends (CR alone) throughout: the whole file reads as one line, and every "error"
// after it would be a consequence. One message instead.
bool onlyCarriageReturns(QByteArrayView text)
{
    return text.contains('\r') && !text.contains('\n');
}

// Errors are found in reading order, but a field's error can sit on a later physical line than
// its record's field-count error: present them by position.
void sortErrors(std::vector<CsvError> &errors)
{
    std::stable_sort(errors.begin(), errors.end(), [](const CsvError &a, const CsvError &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

// A problem with the file as a whole, found before any record is read; nullptr when none.
const char *wholeFileProblem(QByteArrayView text)
{
    if (text.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return QT_TRANSLATE_NOOP("CsvReader", "this is a database file, not a CSV file; check the file name");
    if (isUtf16(text)) // every field would fail one by one; one clear message helps more
        return QT_TRANSLATE_NOOP("CsvReader", "the file is in UTF-16; save it as UTF-8");
    if (onlyCarriageReturns(text))
        return QT_TRANSLATE_NOOP("CsvReader", "the lines end in a carriage return alone (old Mac line endings); save "
                                              "the file with Windows or Unix line endings");
    return nullptr;
}

} // namespace

struct CsvReader::State {
    State(QByteArrayView text) : parser(text, errors) {}
    std::vector<CsvError> errors;
    Parser parser;
    RawRecord raw;
};

CsvReader::CsvReader(const QByteArray &content)
{
    const QByteArrayView text = withoutBom(content);
    m_size = text.size();
    if (const char *problem = wholeFileProblem(text)) {
        m_wholeFile.push_back({1, 0, tr(problem)});
        return;
    }
    m_state = std::make_unique<State>(text);
    if (!m_state->parser.next(m_state->raw)) {
        if (m_state->errors.empty())
            m_state->errors.push_back({1, 0, tr("the file is empty; the first line must be the header")});
        m_done = true;
        return;
    }
    readHeader(m_state->raw.line, m_state->raw.fields);
}

CsvReader::~CsvReader() = default;

void CsvReader::readHeader(int line, const QStringList &fields)
{
    QHash<QString, int> firstColumn;
    m_written = fields;
    for (int i = 0; i < fields.size(); ++i) {
        const QString name = fields[i].trimmed().toLower();
        m_header.append(name);
        const int column = i + 1;
        if (name.isEmpty()) {
            m_state->errors.push_back({line, column, tr("column %1 has no header name; every column needs one").arg(column)});
        } else if (firstColumn.contains(name)) {
            m_state->errors.push_back({line, column, tr("header name \"%1\" is repeated (first in column %2); "
                                                        "header names must be unique").arg(name).arg(firstColumn.value(name))});
        } else {
            firstColumn.insert(name, column);
        }
    }
}

bool CsvReader::next(CsvRecord &record)
{
    if (!m_state)
        return false;
    while (!m_done) {
        RawRecord &raw = m_state->raw;
        if (!m_state->parser.next(raw)) {
            m_done = true;
            break;
        }
        if (raw.fields.size() != m_header.size()) {
            m_state->errors.push_back({raw.line, 0, tr("the record has %1 fields; the header has %2")
                                                        .arg(raw.fields.size()).arg(m_header.size())});
            continue;
        }
        // Records with errors are left out so every record has exactly the header's fields.
        if (raw.bad)
            continue;
        record.line = raw.line;
        record.fields = std::move(raw.fields);
        raw.fields = QStringList();
        return true;
    }
    return false;
}

bool CsvReader::ok() const
{
    return m_wholeFile.empty() && (!m_state || m_state->errors.empty());
}

std::vector<CsvError> CsvReader::errors() const
{
    std::vector<CsvError> all = m_wholeFile;
    if (m_state)
        all.insert(all.end(), m_state->errors.begin(), m_state->errors.end());
    sortErrors(all);
    return all;
}

qsizetype CsvReader::position() const
{
    return m_state ? m_state->parser.position() : m_size;
}

CsvTable parseCsv(const QByteArray &content)
{
    CsvTable table;
    CsvReader reader(content);
    table.header = reader.header();
    table.headerAsWritten = reader.headerAsWritten();
    CsvRecord record;
    while (reader.next(record))
        table.records.push_back(std::move(record));
    table.errors = reader.errors();
    return table;
}

int countRecords(const QByteArray &content)
{
    // Line ends outside quotes, less blank lines; the header is not a record.
    int records = 0;
    bool quoted = false, blank = true;
    for (const char c : content) {
        if (c == '"')
            quoted = !quoted;
        if (c == '\n' && !quoted) {
            records += blank ? 0 : 1;
            blank = true;
        } else if (c != '\r') {
            blank = false;
        }
    }
    records += blank ? 0 : 1;
    return std::max(0, records - 1);
}

QByteArray csvLine(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        const QString &field = fields[i];
        const bool padded = !field.isEmpty() && (field.front().isSpace() || field.back().isSpace());
        // A lone empty field would be written as an empty line, which a reader skips.
        const bool loneEmpty = fields.size() == 1 && field.isEmpty();
        const QByteArray bytes = field.toUtf8();
        if (!padded && !loneEmpty && !bytes.contains(',') && !bytes.contains('"')
            && !bytes.contains('\r') && !bytes.contains('\n')) {
            line += bytes;
            continue;
        }
        line += '"';
        for (const char c : bytes) {
            if (c == '"')
                line += '"';
            line += c;
        }
        line += '"';
    }
    line += "\r\n";
    return line;
}

} // namespace painmdt::interchange
