#include "interchange/csvreader.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace painmdt::interchange;

namespace {

// Plain std types so that Catch can print what differs without a StringMaker for Qt types.
using Fields = std::vector<std::string>;

Fields toStd(const QStringList &list)
{
    Fields out;
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

struct Row {
    int line;
    Fields fields;
};

struct ValidCase {
    const char *name;
    QByteArray input;
    Fields header;
    std::vector<Row> rows;
};

struct ExpectedError {
    int line;
    int column;
    std::string text; // must appear in the message
};

struct ErrorCase {
    const char *name;
    QByteArray input;
    std::vector<ExpectedError> errors;
    std::vector<int> recordLines; // lines of the records that were still read
};

std::string describe(const std::vector<CsvError> &errors)
{
    std::string out;
    for (const CsvError &e : errors)
        out += "line " + std::to_string(e.line) + ", column " + std::to_string(e.column) + ": "
            + e.message.toStdString() + "\n";
    return out;
}

std::vector<int> recordLines(const CsvTable &table)
{
    std::vector<int> lines;
    for (const CsvRecord &r : table.records)
        lines.push_back(r.line);
    return lines;
}

} // namespace

TEST_CASE("parseCsv reads well-formed files", "[interchange][csv]")
{
    const auto c = GENERATE(values<ValidCase>({
        {"plain", "a,b\n1,2\n3,4\n", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}},
        {"byte-order mark", "\xEF\xBB\xBF" "a,b\n1,2\n", {"a", "b"}, {{2, {"1", "2"}}}},
        {"CRLF", "a,b\r\n1,2\r\n3,4\r\n", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}},
        {"missing final newline", "a,b\n1,2\n3,4", {"a", "b"}, {{2, {"1", "2"}}, {3, {"3", "4"}}}},
        {"header only", "a,b\n", {"a", "b"}, {}},
        {"header only, no newline", "a,b", {"a", "b"}, {}},
        {"header normalised", " Patient_Ref ,NHS_NUMBER\t\n1,2\n", {"patient_ref", "nhs_number"},
         {{2, {"1", "2"}}}},
        {"quoted comma", "a,b\n\"x, y\",2\n", {"a", "b"}, {{2, {"x, y", "2"}}}},
        {"quoted newline keeps later line numbers", "a,b\n\"x\ny\nz\",2\n3,4\n", {"a", "b"},
         {{2, {"x\ny\nz", "2"}}, {5, {"3", "4"}}}},
        {"quoted CRLF becomes LF", "a,b\r\n\"x\r\ny\",2\r\n3,4\r\n", {"a", "b"},
         {{2, {"x\ny", "2"}}, {4, {"3", "4"}}}},
        {"lone CR inside quotes kept", "a\n\"x\ry\"\n", {"a"}, {{2, {"x\ry"}}}},
        {"escaped quotes", "a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", {"a", "b"},
         {{2, {"say \"hi\"", "\""}}}},
        {"quoted header", "\"a\",\"B\"\n1,2\n", {"a", "b"}, {{2, {"1", "2"}}}},
        {"blank lines skipped", "a,b\n\n1,2\n\r\n\n3,4\n\n\n", {"a", "b"},
         {{3, {"1", "2"}}, {6, {"3", "4"}}}},
        {"blank lines before the header", "\n\na,b\n1,2\n", {"a", "b"}, {{4, {"1", "2"}}}},
        {"empty cells", "a,b,c\n,,\n1,,\n", {"a", "b", "c"},
         {{2, {"", "", ""}}, {3, {"1", "", ""}}}},
        {"trailing comma at end of file", "a,b\n1,", {"a", "b"}, {{2, {"1", ""}}}},
        {"quoted empty and quoted field at end of file", "a,b\n\"\",\"x\"", {"a", "b"},
         {{2, {"", "x"}}}},
        {"spaces in unquoted cells are kept", "a,b\n 1 , 2\n", {"a", "b"}, {{2, {" 1 ", " 2"}}}},
        {"a line of spaces is a record", "a\n \n", {"a"}, {{2, {" "}}}},
        {"single column with a quoted empty value", "a\n\"\"\nx\n", {"a"}, {{2, {""}}, {3, {"x"}}}},
        {"multi-byte UTF-8", "name\ncaf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n", {"name"},
         {{2, {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"}}}},
        {"byte-order mark inside the text is data", "a\nx\xEF\xBB\xBFy\n", {"a"},
         {{2, {"x\xEF\xBB\xBFy"}}}},
    }));
    INFO(c.name);

    const CsvTable table = parseCsv(c.input);
    INFO(describe(table.errors));
    REQUIRE(table.ok());
    CHECK(toStd(table.header) == c.header);
    REQUIRE(table.records.size() == c.rows.size());
    for (size_t i = 0; i < c.rows.size(); ++i) {
        CHECK(table.records[i].line == c.rows[i].line);
        CHECK(toStd(table.records[i].fields) == c.rows[i].fields);
    }
}

TEST_CASE("parseCsv reports every structural error with its location", "[interchange][csv]")
{
    const std::string empty = "the file is empty; the first line must be the header";
    const std::string unclosed = "quoted field is never closed; check the quotes";
    const std::string afterQuote = "unexpected text after a closing quote";
    const std::string bareQuote = "a quote inside an unquoted field";

    const auto c = GENERATE_COPY(values<ErrorCase>({
        {"empty file", "", {{1, 0, empty}}, {}},
        {"only a byte-order mark", "\xEF\xBB\xBF", {{1, 0, empty}}, {}},
        {"only blank lines", "\n\r\n\n", {{1, 0, empty}}, {}},
        {"UTF-16", "\xFF\xFE" "a", {{1, 0, "UTF-16"}}, {}},
        {"UTF-16 without a byte-order mark", QByteArray("a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0", 16), {{1, 0, "UTF-16"}}, {}},
        {"big-endian UTF-16 without a byte-order mark", QByteArray("\0a\0,\0b\0\n", 8), {{1, 0, "UTF-16"}}, {}},
        {"old Mac line ends throughout: one message, not a cascade", "a,b\r1,2\r3,4\r",
         {{1, 0, "carriage return alone (old Mac line endings)"}}, {}},
        {"Latin-1 byte", "a,b\n1,caf\xE9\n2,3\n",
         {{2, 2, "text is not valid UTF-8 (byte 0xE9); save the file as UTF-8"}}, {3}},
        {"bad bytes on several lines, all reported", "a,b\n\xE9,1\n2,3\n4,\x80\n",
         {{2, 1, "(byte 0xE9)"}, {4, 2, "(byte 0x80)"}}, {3}},
        {"bad byte in the header", "a,n\xE9\n1,2\n", {{1, 2, "(byte 0xE9)"}}, {2}},
        {"bad byte on the third line of a quoted field", "a,b\n1,\"x\ny\nz\xE9\"\n2,3\n",
         {{4, 2, "(byte 0xE9)"}}, {5}},
        {"overlong encoding", "a\n\xC0\xAF\n", {{2, 1, "(byte 0xC0)"}}, {}},
        {"overlong three-byte encoding", "a\n\xE0\x80\xAF\n", {{2, 1, "(byte 0xE0)"}}, {}},
        {"surrogate", "a\n\xED\xA0\x80\n", {{2, 1, "(byte 0xED)"}}, {}},
        {"above U+10FFFF", "a\n\xF4\x90\x80\x80\n", {{2, 1, "(byte 0xF4)"}}, {}},
        {"invalid lead byte", "a\nx\xF5\n", {{2, 1, "(byte 0xF5)"}}, {}},
        {"sequence cut by a comma", "a,b\n\xE2\x82,1\n", {{2, 1, "(byte 0xE2)"}}, {}},
        {"sequence cut by end of file", "a\nx\xE2\x82", {{2, 1, "(byte 0xE2)"}}, {}},
        {"quote never closed", "a,b\n1,2\n3,\"abc\n4,5\n", {{3, 2, unclosed}}, {2}},
        {"quote never closed in the header", "a,\"b\n1,2\n", {{1, 2, unclosed}}, {}},
        {"text after a closing quote", "a,b\n\"x\"y,2\n3,4\n", {{2, 1, afterQuote}}, {3}},
        {"text after a closing quote on a later line", "a,b\n1,\"x\ny\" z\n3,4\n",
         {{3, 2, afterQuote}}, {4}},
        {"bare quote in an unquoted field", "a,b\n1,x\"y\n3,4\n", {{2, 2, bareQuote}}, {3}},
        {"too few and too many fields", "a,b\n1\n2,3\n4,5,6\n",
         {{2, 0, "has 1 fields; the header has 2"}, {4, 0, "has 3 fields; the header has 2"}},
         {3}},
        {"empty header name", "a,,c\n1,2,3\n", {{1, 2, "column 2 has no header name"}}, {2}},
        {"blank header name", "a, \t,c\n", {{1, 2, "column 2 has no header name"}}, {}},
        {"duplicated header name", "a,B,c, b \n1,2,3,4\n",
         {{1, 4, "header name \"b\" is repeated (first in column 2)"}}, {2}},
        {"lone carriage return outside quotes", "a,b\r\n1,2\r3,4\r\n",
         {{2, 0, "has 3 fields"}, {2, 2, "carriage return without a line feed"}}, {}},
        {"errors sorted by position", "a,b\n1,\"x\n\xE9\",3\n",
         {{2, 0, "has 3 fields"}, {3, 2, "(byte 0xE9)"}}, {}},
        {"errors before a quote that is never closed are kept", "a,b\n1\n\"x,2\n",
         {{2, 0, "has 1 fields"}, {3, 1, unclosed}}, {}},
    }));
    INFO(c.name);

    const CsvTable table = parseCsv(c.input);
    INFO(describe(table.errors));
    CHECK_FALSE(table.ok());
    REQUIRE(table.errors.size() == c.errors.size());
    for (size_t i = 0; i < c.errors.size(); ++i) {
        CHECK(table.errors[i].line == c.errors[i].line);
        CHECK(table.errors[i].column == c.errors[i].column);
        CHECK_THAT(table.errors[i].message.toStdString(), Catch::Contains(c.errors[i].text));
    }
    CHECK(recordLines(table) == c.recordLines);
}

TEST_CASE("parseCsv keeps records with errors out of the result", "[interchange][csv]")
{
    const CsvTable table = parseCsv("a,b\n1,2\n3\n4,x\"\n5,6\n");
    CHECK(recordLines(table) == std::vector<int>{2, 5});
    for (const CsvRecord &r : table.records)
        CHECK(r.fields.size() == table.header.size());
}

TEST_CASE("csvLine quotes only the fields that need it", "[interchange][csv]")
{
    const auto c = GENERATE(values<std::pair<QStringList, QByteArray>>({
        {{"a", "b"}, "a,b\r\n"},
        {{"x, y", "2"}, "\"x, y\",2\r\n"},
        {{"say \"hi\""}, "\"say \"\"hi\"\"\"\r\n"},
        {{"two\nlines", "cr\rhere"}, "\"two\nlines\",\"cr\rhere\"\r\n"},
        {{" lead", "trail ", "in side"}, "\" lead\",\"trail \",in side\r\n"},
        {{"", "x", ""}, ",x,\r\n"},
        {{""}, "\"\"\r\n"},
        {{}, "\r\n"},
        {{QString::fromUtf8("caf\xC3\xA9")}, "caf\xC3\xA9\r\n"},
    }));
    CHECK(csvLine(c.first).toStdString() == c.second.toStdString());
}

TEST_CASE("csvLine output reads back unchanged", "[interchange][csv]")
{
    const std::vector<QStringList> rows = {
        {"plain", "", "x, y"},
        {"say \"hi\"", "two\nlines", " padded "},
        {"\"", ",", QString::fromUtf8("\xC3\xA9\xF0\x9F\x98\x80")},
        {"cr\ronly", "\"\"", "end"},
    };
    const QStringList header = {"one", "two", "three"};
    QByteArray file = csvLine(header);
    for (const QStringList &row : rows)
        file += csvLine(row);

    const CsvTable table = parseCsv(file);
    INFO(describe(table.errors));
    REQUIRE(table.ok());
    CHECK(table.header == header);
    REQUIRE(table.records.size() == rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        CHECK(toStd(table.records[i].fields) == toStd(rows[i]));
    CHECK(recordLines(table) == std::vector<int>{2, 3, 5, 6}); // row 2 has a newline

    SECTION("a single empty column survives")
    {
        const CsvTable single = parseCsv(csvLine({"a"}) + csvLine({""}) + csvLine({"b"}));
        REQUIRE(single.ok());
        REQUIRE(single.records.size() == 2);
        CHECK(single.records[0].fields == QStringList{""});
    }
}

TEST_CASE("parseCsv reads 100,000 rows", "[interchange][csv][performance]")
{
    const int rowCount = 100000;
    QByteArray file = "patient_ref,family_name,given_name,date_of_birth,note\r\n";
    file.reserve(rowCount * 64);
    const QByteArray rest = ",Sm\xC3\xAFth,\"Jo, Ann\",1970-01-01,\"a \"\"b\"\"\"\r\n";
    for (int i = 0; i < rowCount; ++i)
        file += "P" + QByteArray::number(i) + rest;

    const CsvTable table = parseCsv(file);
    REQUIRE(table.ok());
    REQUIRE(table.records.size() == size_t(rowCount));
    CHECK(table.records.back().line == rowCount + 1);
    CHECK(table.records.back().fields.value(0) == QStringLiteral("P99999"));
    CHECK(table.records.back().fields.value(2) == QStringLiteral("Jo, Ann"));
    CHECK(table.records.back().fields.value(4) == QStringLiteral("a \"b\""));
}
