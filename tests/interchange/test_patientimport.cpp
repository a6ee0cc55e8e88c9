// `import --kind patients` (interchange contract "CSV files"): atomic, idempotent, every bad row
// reported as line and column, --skip-invalid writing the rejects with a reason.
#include "interchange/csvimport.h"
#include "interchange/csvreader.h"
#include "interchange/patientimport.h"
#include "services/patientservice.h"
#include "storage/auditqueries.h"
#include "storage/changelog.h"
#include "interchange/importsupport.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace painmdt;
using namespace painmdt::test;
using interchange::ImportIssue;
using interchange::ImportOptions;
using interchange::ImportSummary;

namespace {

struct ImportFixture {
    TempDatabase t;
    services::PatientService service{*t, fixedStamps()};

    // A fresh importer per file, as the command line makes one per run.
    ImportSummary run(const QByteArray &csv, const ImportOptions &options = {})
    {
        interchange::PatientImporter importer(service);
        return interchange::importCsv(*t, importer, csv, options);
    }
    int patients() { return countRows(*t, QStringLiteral("patient")); }
    int changes() { return countRows(*t, QStringLiteral("change_log")); }
    domain::Patient byRef(const QString &ref)
    {
        const auto p = must(service.byRef(ref));
        INFO(ref.toStdString());
        REQUIRE(p);
        return *p;
    }
};

const QByteArray goodCsv = "patient_ref,nhs_number,family_name,given_name,date_of_birth,sex,postcode,phone,gp_practice\n"
                           "RX0001,999 000 0018,Smith,John,1960-03-12,male,nw1 2bu,07700 900001,Y00001\n"
                           "RX0002,,O'Brien,Sean,1955-05-05,,ZZ99 3VZ,,\n"
                           "RX0003,9990000026,Ahmed-Jones,\"Sarah \"\"Sal\"\"\",1980-01-31,female,,,\"Y00002\"\n";

} // namespace

TEST_CASE("A valid file imports every row with normalised values", "[interchange][import]")
{
    ImportFixture f;
    const ImportSummary s = f.run(goodCsv);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK_FALSE(s.cancelled);
    CHECK(s.rows == 3);
    CHECK(s.added == 3);
    CHECK(s.updated == 0);
    CHECK(s.unchanged == 0);
    CHECK(s.rejected == 0);
    CHECK(s.issues.empty());
    CHECK(s.error.isEmpty());
    CHECK(f.patients() == 3);
    CHECK(f.changes() == 3);

    const auto smith = f.byRef(QStringLiteral("RX0001"));
    CHECK(smith.nhsNumber == QStringLiteral("9990000018"));
    CHECK(smith.familyName == QStringLiteral("Smith"));
    CHECK(smith.givenName == QStringLiteral("John"));
    CHECK(smith.dateOfBirth == QDate(1960, 3, 12));
    CHECK(smith.sex == domain::Sex::Male);
    CHECK(smith.postcode == QStringLiteral("NW1 2BU"));
    CHECK(smith.phone == QStringLiteral("07700 900001"));
    CHECK(smith.gpPractice == QStringLiteral("Y00001"));

    const auto obrien = f.byRef(QStringLiteral("RX0002"));
    CHECK(obrien.nhsNumber.isEmpty());
    CHECK(obrien.sex == domain::Sex::NotRecorded);
    CHECK(obrien.postcode == QStringLiteral("ZZ99 3VZ"));
    CHECK(obrien.phone.isEmpty());

    const auto sarah = f.byRef(QStringLiteral("RX0003"));
    CHECK(sarah.givenName == QStringLiteral("Sarah \"Sal\""));
    CHECK(sarah.gpPractice == QStringLiteral("Y00002"));
    CHECK(sarah.sex == domain::Sex::Female);

    const auto log = must(storage::historyOf(*f.t, QStringLiteral("patient"), smith.id));
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == QStringLiteral("create"));
    CHECK(log[0].actor == testActor);
}

TEST_CASE("Importing the same file twice changes nothing the second time, a changed row updates", "[interchange][import]")
{
    ImportFixture f;
    REQUIRE(f.run(goodCsv).ok);
    const int changesAfterFirst = f.changes();
    const auto before = f.byRef(QStringLiteral("RX0001"));

    const ImportSummary again = f.run(goodCsv);
    INFO(issuesText(again));
    REQUIRE(again.ok);
    CHECK(again.rows == 3);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 3);
    CHECK(f.patients() == 3);
    CHECK(f.changes() == changesAfterFirst);
    CHECK(f.byRef(QStringLiteral("RX0001")).rowVersion == before.rowVersion);

    // The same data written differently (spacing, case of codes) is still unchanged.
    const QByteArray respelled = "patient_ref,nhs_number,family_name,given_name,date_of_birth,sex,postcode,phone,gp_practice\n"
                                 "RX0001,9990000018, Smith ,John,1960-03-12,MALE,NW12BU,07700  900001,Y00001\n";
    const ImportSummary third = f.run(respelled);
    INFO(issuesText(third));
    REQUIRE(third.ok);
    CHECK(third.unchanged == 1);
    CHECK(f.changes() == changesAfterFirst);

    QByteArray changed = goodCsv;
    changed.replace("ZZ99 3VZ", "se1 7eh");
    const ImportSummary update = f.run(changed);
    INFO(issuesText(update));
    REQUIRE(update.ok);
    CHECK(update.added == 0);
    CHECK(update.updated == 1);
    CHECK(update.unchanged == 2);
    CHECK(f.patients() == 3);
    CHECK(f.changes() == changesAfterFirst + 1);

    const auto obrien = f.byRef(QStringLiteral("RX0002"));
    CHECK(obrien.postcode == QStringLiteral("SE1 7EH"));
    CHECK(obrien.rowVersion == 2);
    const auto log = must(storage::historyOf(*f.t, QStringLiteral("patient"), obrien.id));
    REQUIRE(log.size() == 2);
    CHECK(log[1].action == QStringLiteral("update"));
    const QJsonObject diff = QJsonDocument::fromJson(log[1].changesJson.toUtf8()).object();
    CHECK(diff.keys() == QStringList{QStringLiteral("postcode")});
}

TEST_CASE("Any bad input is reported at its line and column and nothing is written", "[interchange][import]")
{
    // The database already holds one patient; each file has a good row before the bad one, so
    // "nothing written" also means the good row was rolled back.
    const QByteArray header = "patient_ref,family_name,given_name,date_of_birth,nhs_number,sex,postcode\n";
    const QByteArray good = "RX0100,Good,Row,1970-01-01,,,\n";
    struct Case {
        const char *name;
        QByteArray csv;
        int line;
        const char *column; // "" for the whole row or file
        const char *text;   // part of the message
    };
    const std::vector<Case> cases{
        {"wrong check digit", header + good + "RX0101,Smith,John,1960-03-12,999 000 0017,,\n", 3, "nhs_number", "check digit"},
        {"repeated-digit NHS number", header + good + "RX0101,Smith,John,1960-03-12,9999999999,,\n", 3, "nhs_number", "repeated"},
        {"NHS number too short", header + good + "RX0101,Smith,John,1960-03-12,999000001,,\n", 3, "nhs_number", "9 digits"},
        {"future birth date", header + good + "RX0101,Smith,John,2030-01-01,,,\n", 3, "date_of_birth", "future"},
        {"birth date 12/03/1960", header + good + "RX0101,Smith,John,12/03/1960,,,\n", 3, "date_of_birth", "YYYY-MM-DD"},
        {"birth date 1960-3-12", header + good + "RX0101,Smith,John,1960-3-12,,,\n", 3, "date_of_birth", "YYYY-MM-DD"},
        {"birth date 1960-02-30", header + good + "RX0101,Smith,John,1960-02-30,,,\n", 3, "date_of_birth", "YYYY-MM-DD"},
        {"birth date empty", header + good + "RX0101,Smith,John,,,,\n", 3, "date_of_birth", "required"},
        {"family name empty", header + good + "RX0101,,John,1960-03-12,,,\n", 3, "family_name", "required"},
        {"patient_ref empty", header + good + ",Smith,John,1960-03-12,,,\n", 3, "patient_ref", "required"},
        {"bad sex code", header + good + "RX0101,Smith,John,1960-03-12,,f,\n", 3, "sex", "not a sex code"},
        {"bad postcode", header + good + "RX0101,Smith,John,1960-03-12,,,XYZ 123\n", 3, "postcode", "not a UK postcode"},
        {"patient_ref repeated in the file", header + good + "RX0100,Other,Person,1971-01-01,,,\n", 3, "patient_ref",
         "appears again (first on line 2)"},
        {"NHS number of a patient already in the database", header + good + "RX0101,Smith,John,1960-03-12,9990000018,,\n",
         3, "nhs_number", "already has this NHS number"},
        {"NHS number used twice in the file", header + "RX0100,Good,Row,1970-01-01,9990000026,,\n"
                                                  "RX0101,Smith,John,1960-03-12,999-000-0026,,\n",
         3, "nhs_number", "already has this NHS number"},
        {"missing required column family_name", "patient_ref,given_name,date_of_birth\nRX0101,John,1960-03-12\n", 1,
         "family_name", "required column is missing"},
        {"unknown column", "patient_ref,family_name,given_name,date_of_birth,shoe_size\nRX0101,Smith,John,1960-03-12,9\n", 1,
         "shoe_size", "unknown column"},
        {"quoted field never closed", header + good + "RX0101,\"Smith,John,1960-03-12,,,\n", 3, "family_name", "never closed"},
        {"text after a closing quote", header + good + "RX0101,\"Smith\"x,John,1960-03-12,,,\n", 3, "family_name",
         "after a closing quote"},
        {"a bare quote inside a field", header + good + "RX0101,Sm\"ith,John,1960-03-12,,,\n", 3, "family_name", "quote"},
        {"too few fields", header + good + "RX0101,Smith,John\n", 3, "", "has 3 fields; the header has 7"},
        {"not UTF-8 (Latin-1 e acute)", header + good + "RX0101,Sm\xE9th,John,1960-03-12,,,\n", 3, "family_name", "not valid UTF-8"},
        {"UTF-16 file", QByteArray("\xFF\xFE", 2) + "p\0a\0", 1, "", "UTF-16"},
        {"header only", header, 1, "", "no rows"},
        {"header only, CRLF", "patient_ref,family_name,given_name,date_of_birth\r\n", 1, "", "no rows"},
        {"empty file", "", 1, "", "empty"},
        {"blank lines only", "\n\n\r\n", 1, "", "empty"},
        {"repeated header name", "patient_ref,family_name,given_name,date_of_birth,Family_Name\nRX1,A,B,1970-01-01,C\n", 1,
         "family_name", "repeated"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            ImportFixture f;
            REQUIRE(f.service.add(person(QStringLiteral("Existing"), QStringLiteral("Ann"), QDate(1950, 1, 1),
                                         QStringLiteral("9990000018"), QStringLiteral("EXIST1"))).ok());
            const ImportSummary s = f.run(c.csv);
            INFO(issuesText(s));
            CHECK_FALSE(s.ok);
            CHECK_FALSE(s.cancelled);
            CHECK(s.added == 0);
            CHECK(s.updated == 0);
            REQUIRE(s.issues.size() == 1);
            CHECK(s.issues[0].line == c.line);
            CHECK(s.issues[0].column == QString::fromLatin1(c.column));
            CHECK(s.issues[0].message.contains(QString::fromUtf8(c.text)));
            CHECK(f.patients() == 1);
            CHECK(f.changes() == 1);
            CHECK_FALSE(must(f.service.byRef(QStringLiteral("RX0100"))));
        }
    }
}

TEST_CASE("Every bad row of a file is listed, in line order, as 'line N, column C: reason'", "[interchange][import]")
{
    ImportFixture f;
    const QByteArray csv = "patient_ref,family_name,given_name,date_of_birth,nhs_number,sex\n"
                           "RX1,Good,One,1970-01-01,,\n"
                           "RX2,Bad,Two,1970-01-01,9990000017,\n"
                           "RX3,Good,Three,1970-01-01,,\n"
                           "RX4,Bad,Four,1970-13-01,,x\n"
                           "RX5,,Five,1970-01-01,,\n";
    const ImportSummary s = f.run(csv);
    REQUIRE_FALSE(s.ok);
    CHECK(s.rows == 5);
    CHECK(s.rejected == 3);
    CHECK(s.added == 0);
    REQUIRE(s.issues.size() == 4);
    CHECK(s.issues[0].text().startsWith(QStringLiteral("line 3, column nhs_number: ")));
    CHECK(s.issues[1].text().startsWith(QStringLiteral("line 5, column date_of_birth: ")));
    CHECK(s.issues[2].text().startsWith(QStringLiteral("line 5, column sex: ")));
    CHECK(s.issues[3].text().startsWith(QStringLiteral("line 6, column family_name: ")));
    CHECK(s.issues[1].text() == QStringLiteral("line 5, column date_of_birth: \"1970-13-01\" is not a date in the form YYYY-MM-DD."));
    CHECK(f.patients() == 0);
    CHECK(f.changes() == 0);

    const ImportIssue wholeRow{7, {}, QStringLiteral("something")};
    CHECK(wholeRow.text() == QStringLiteral("line 7: something"));
}

TEST_CASE("Line numbers count physical lines, also after a quoted field with a line break", "[interchange][import]")
{
    ImportFixture f;
    const QByteArray csv = "patient_ref,family_name,given_name,date_of_birth,gp_practice\n"
                           "RX1,Good,One,1970-01-01,\"Two\nline practice\"\n"
                           "\n"
                           "RX2,Bad,Two,1970-01-01x,\n";
    const ImportSummary s = f.run(csv);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].line == 5);
    CHECK(s.issues[0].column == QStringLiteral("date_of_birth"));
}

TEST_CASE("A byte-order mark, CRLF line endings, any column order and header case are accepted", "[interchange][import]")
{
    ImportFixture f;
    SECTION("BOM and CRLF")
    {
        const QByteArray csv = "\xEF\xBB\xBFpatient_ref,family_name,given_name,date_of_birth\r\n"
                               "RX1,Smith,John,1960-03-12\r\n"
                               "RX2,Jones,Ivy,1971-01-01\r\n";
        const ImportSummary s = f.run(csv);
        INFO(issuesText(s));
        REQUIRE(s.ok);
        CHECK(s.added == 2);
        CHECK(f.byRef(QStringLiteral("RX1")).familyName == QStringLiteral("Smith"));
        CHECK(f.byRef(QStringLiteral("RX2")).dateOfBirth == QDate(1971, 1, 1));
    }
    SECTION("columns in another order, header in mixed case, spaces around names")
    {
        const QByteArray csv = "Date_Of_Birth, GIVEN_NAME ,Family_Name,Postcode,PATIENT_REF,NHS_Number\n"
                               "1960-03-12,John,Smith,rg1 1aa,RX1,9990000018\n";
        const ImportSummary s = f.run(csv);
        INFO(issuesText(s));
        REQUIRE(s.ok);
        CHECK(s.added == 1);
        const auto p = f.byRef(QStringLiteral("RX1"));
        CHECK(p.familyName == QStringLiteral("Smith"));
        CHECK(p.givenName == QStringLiteral("John"));
        CHECK(p.dateOfBirth == QDate(1960, 3, 12));
        CHECK(p.postcode == QStringLiteral("RG1 1AA"));
        CHECK(p.nhsNumber == QStringLiteral("9990000018"));
    }
    SECTION("no newline at the end of the file, and a date of death")
    {
        const QByteArray csv = "patient_ref,family_name,given_name,date_of_birth,date_of_death\n"
                               "RX1,Smith,John,1930-03-12,2024-01-02";
        const ImportSummary s = f.run(csv);
        INFO(issuesText(s));
        REQUIRE(s.ok);
        CHECK(f.byRef(QStringLiteral("RX1")).dateOfDeath == QDate(2024, 1, 2));
    }
}

TEST_CASE("Unknown columns are accepted with ignoreUnknownColumns", "[interchange][import]")
{
    ImportFixture f;
    const QByteArray csv = "patient_ref,family_name,given_name,date_of_birth,shoe_size,Ward\n"
                           "RX1,Smith,John,1960-03-12,9,Ward 4\n";
    ImportOptions options;
    options.ignoreUnknownColumns = true;
    const ImportSummary s = f.run(csv, options);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.added == 1);
    CHECK(f.patients() == 1);

    // A missing required column is still an error.
    const ImportSummary missing = f.run("patient_ref,given_name,date_of_birth,shoe_size\nRX2,Ivy,1971-01-01,5\n", options);
    REQUIRE_FALSE(missing.ok);
    REQUIRE(missing.issues.size() == 1);
    CHECK(missing.issues[0].column == QStringLiteral("family_name"));
    CHECK(f.patients() == 1);
}

TEST_CASE("With a rejects file the valid rows are imported and the invalid ones written with a reason", "[interchange][import]")
{
    ImportFixture f;
    const QString rejectsPath = f.t.dir.filePath(QStringLiteral("rejects.csv"));
    const QByteArray csv = "Patient_Ref,family_name,given_name,date_of_birth,nhs_number,sex,postcode\n"
                           "RX1,Smith,John,1960-03-12,9990000018,male,NW1 2BU\n"
                           "RX2,\"Jones, the elder\",Ivy,1971-01-01,9990000017,,\n"
                           "RX3,O'Brien,Sean,1955-05-05,,,\n"
                           "RX4,Patel,Ravi,1971-9-9,,f,NW1 2BU\n";
    ImportOptions options;
    options.rejectsPath = rejectsPath;
    const ImportSummary s = f.run(csv, options);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.rows == 4);
    CHECK(s.added == 2);
    CHECK(s.rejected == 2);
    CHECK(s.issues.size() == 3); // RX4 has two problems, both reported
    CHECK(f.patients() == 2);
    CHECK(f.changes() == 2);
    CHECK(must(f.service.byRef(QStringLiteral("RX1"))).has_value());
    CHECK(must(f.service.byRef(QStringLiteral("RX3"))).has_value());
    CHECK_FALSE(must(f.service.byRef(QStringLiteral("RX2"))).has_value());
    CHECK_FALSE(must(f.service.byRef(QStringLiteral("RX4"))).has_value());

    const interchange::CsvTable rejects = interchange::parseCsv(readBytes(rejectsPath));
    REQUIRE(rejects.ok());
    CHECK(rejects.header == (QStringList{QStringLiteral("patient_ref"), QStringLiteral("family_name"),
                                         QStringLiteral("given_name"), QStringLiteral("date_of_birth"),
                                         QStringLiteral("nhs_number"), QStringLiteral("sex"),
                                         QStringLiteral("postcode"), QStringLiteral("reason")}));
    REQUIRE(rejects.records.size() == 2);
    const QStringList first = rejects.records[0].fields;
    CHECK(first.mid(0, 7) == (QStringList{QStringLiteral("RX2"), QStringLiteral("Jones, the elder"), QStringLiteral("Ivy"),
                                          QStringLiteral("1971-01-01"), QStringLiteral("9990000017"), QString(), QString()}));
    CHECK(first[7].startsWith(QStringLiteral("nhs_number: ")));
    CHECK(first[7].contains(QStringLiteral("check digit")));
    const QStringList second = rejects.records[1].fields;
    CHECK(second.mid(0, 7) == (QStringList{QStringLiteral("RX4"), QStringLiteral("Patel"), QStringLiteral("Ravi"),
                                           QStringLiteral("1971-9-9"), QString(), QStringLiteral("f"),
                                           QStringLiteral("NW1 2BU")}));
    CHECK(second[7].startsWith(QStringLiteral("date_of_birth: ")));
    CHECK(second[7].contains(QStringLiteral("; sex: ")));

    // The same file again: the good rows are unchanged, the bad ones rejected again.
    const ImportSummary again = f.run(csv, options);
    REQUIRE(again.ok);
    CHECK(again.unchanged == 2);
    CHECK(again.added == 0);
    CHECK(again.rejected == 2);
}

TEST_CASE("A file with no bad rows writes a rejects file with the header only", "[interchange][import]")
{
    ImportFixture f;
    ImportOptions options;
    options.rejectsPath = f.t.dir.filePath(QStringLiteral("rejects.csv"));
    const ImportSummary s = f.run(goodCsv, options);
    REQUIRE(s.ok);
    CHECK(s.added == 3);
    const interchange::CsvTable rejects = interchange::parseCsv(readBytes(options.rejectsPath));
    REQUIRE(rejects.ok());
    CHECK(rejects.header.last() == QStringLiteral("reason"));
    CHECK(rejects.records.empty());
}

TEST_CASE("Structural CSV errors abort even with a rejects file", "[interchange][import]")
{
    struct Case {
        const char *name;
        QByteArray csv;
    };
    const std::vector<Case> cases{
        {"quote never closed", "patient_ref,family_name,given_name,date_of_birth\nRX1,Smith,John,1960-03-12\nRX2,\"Jones,Ivy,1971-01-01\n"},
        {"field count", "patient_ref,family_name,given_name,date_of_birth\nRX1,Smith,John,1960-03-12\nRX2,Jones\n"},
        {"not UTF-8", "patient_ref,family_name,given_name,date_of_birth\nRX1,Smith,John,1960-03-12\nRX2,J\xF6nes,Ivy,1971-01-01\n"},
        {"unknown column", "patient_ref,family_name,given_name,date_of_birth,x\nRX1,Smith,John,1960-03-12,1\n"},
        {"header only", "patient_ref,family_name,given_name,date_of_birth\n"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            ImportFixture f;
            ImportOptions options;
            options.rejectsPath = f.t.dir.filePath(QStringLiteral("rejects.csv"));
            const ImportSummary s = f.run(c.csv, options);
            CHECK_FALSE(s.ok);
            CHECK_FALSE(s.issues.empty());
            CHECK(s.added == 0);
            CHECK(f.patients() == 0);
            CHECK(f.changes() == 0);
            CHECK_FALSE(QFile::exists(options.rejectsPath));
        }
    }
}

TEST_CASE("Cancelling through the progress callback writes nothing", "[interchange][import]")
{
    ImportFixture f;
    QByteArray csv = "patient_ref,family_name,given_name,date_of_birth,nhs_number\n";
    const auto numbers = validNhsNumbers(1200, 100);
    for (int i = 0; i < 1200; ++i)
        csv += "RX" + QByteArray::number(i) + ",Family" + QByteArray(1, char('a' + i % 26)) + ",Given,1970-01-01,"
            + numbers[i].toLatin1() + "\n";

    std::vector<std::pair<int, int>> calls;
    ImportOptions options;
    SECTION("cancelled after 1000 rows were already written in the transaction")
    {
        options.progress = [&](int done, int total) {
            calls.emplace_back(done, total);
            return done < 1000;
        };
        const ImportSummary s = f.run(csv, options);
        CHECK(s.cancelled);
        CHECK_FALSE(s.ok);
        CHECK(s.rows == 1000);
        CHECK(calls == (std::vector<std::pair<int, int>>{{0, 1200}, {500, 1200}, {1000, 1200}}));
        CHECK(f.patients() == 0);
        CHECK(f.changes() == 0);
    }
    SECTION("cancelled after the last row, just before the commit")
    {
        options.progress = [&](int done, int) { return done < 1200; };
        const ImportSummary s = f.run(csv, options);
        CHECK(s.cancelled);
        CHECK(s.rows == 1200);
        CHECK(f.patients() == 0);
    }
    SECTION("cancelled at once")
    {
        options.progress = [&](int done, int total) {
            calls.emplace_back(done, total);
            return false;
        };
        const ImportSummary s = f.run(csv, options);
        CHECK(s.cancelled);
        CHECK(s.rows == 0);
        CHECK(calls.size() == 1);
        CHECK(f.patients() == 0);
    }
    SECTION("not cancelled: progress is reported and everything is written")
    {
        options.progress = [&](int done, int total) {
            calls.emplace_back(done, total);
            return true;
        };
        const ImportSummary s = f.run(csv, options);
        INFO(issuesText(s));
        REQUIRE(s.ok);
        CHECK_FALSE(s.cancelled);
        CHECK(s.added == 1200);
        // every 500th row, and once more before the commit (a Cancel then still writes nothing)
        CHECK(calls == (std::vector<std::pair<int, int>>{{0, 1200}, {500, 1200}, {1000, 1200}, {1200, 1200}}));
        CHECK(f.patients() == 1200);
    }
}

TEST_CASE("Every problem of a row is reported at once", "[interchange][import]")
{
    ImportFixture f;
    const ImportSummary s = f.run("patient_ref,family_name,given_name,date_of_birth,sex,postcode\n"
                                  "RX1,Smith,John,1960-03-12,bloke,NW1\n");
    REQUIRE_FALSE(s.ok);
    QStringList texts;
    for (const ImportIssue &i : s.issues)
        texts << i.text();
    CHECK(texts.size() == 2);
    CHECK(texts.value(0).startsWith(QStringLiteral("line 2, column sex: ")));
    CHECK(texts.value(1).startsWith(QStringLiteral("line 2, column postcode: ")));
    CHECK(f.patients() == 0);
}

TEST_CASE("One importer can import two files in a row", "[interchange][import]")
{
    ImportFixture f;
    interchange::PatientImporter importer(f.service);
    REQUIRE(interchange::importCsv(*f.t, importer, goodCsv, {}).ok);
    const ImportSummary again = interchange::importCsv(*f.t, importer, goodCsv, {});
    INFO(issuesText(again));
    CHECK(again.ok);
    CHECK(again.unchanged == 3);
}

TEST_CASE("A re-import of a contract-format file keeps the extension columns it does not have", "[interchange][import]")
{
    ImportFixture f;
    REQUIRE(f.run("patient_ref,family_name,given_name,date_of_birth,date_of_death,phone\n"
                  "RX0009,Ward,Edith,1940-09-03,2024-01-03,07700 900123\n").ok);
    const ImportSummary again = f.run("patient_ref,family_name,given_name,date_of_birth\n"
                                      "RX0009,Ward,Edith,1940-09-03\n");
    INFO(issuesText(again));
    CHECK(again.unchanged == 1);
    const auto edith = f.byRef(QStringLiteral("RX0009"));
    CHECK(edith.dateOfDeath == QDate(2024, 1, 3)); // never brought back to life by a re-import
    CHECK(edith.phone == QStringLiteral("07700 900123"));
}
