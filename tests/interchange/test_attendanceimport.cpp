// The attendance import's batched path (docs/adr/0018): rows checked a batch at a time and
// written without a savepoint each must give exactly what one row at a time gave - across batch
// boundaries, with rows refused in the middle of a batch, with a file that lacks a column, and
// with the file read record by record.
#include "interchange/costimport.h"
#include "interchange/importsupport.h"
#include "services/attendanceservice.h"
#include "storage/dialect.h"
#include "storage/transaction.h"

using namespace painmdt;
using namespace painmdt::test;

namespace {

struct AttendanceFixture {
    EpisodeFixture f;
    services::AttendanceService attendances{*f.t, fixedStamps()};

    AttendanceFixture() { f.loadPatients(); }

    ImportSummary run(const QByteArray &csv, const ImportOptions &options = {})
    {
        interchange::AttendanceImporter importer(attendances, f.patients);
        return interchange::importCsv(*f.t, importer, csv, options);
    }
    int stored() { return f.count("attendance"); }
    QVariant value(const QString &sql) { return scalar(*f.t, sql); }
};

// `rows` attendances for EP0001..EP0003 in turn, dated back from 1 June 2024: without refs, row i
// and row i + 702 are identical.
QByteArray extract(int rows, bool refs = true, const QByteArray &header = "attendance_ref,patient_ref,attended_on,setting")
{
    QByteArray csv = header + "\n";
    for (int i = 0; i < rows; ++i) {
        const QByteArray date = QDate(2024, 6, 1).addDays(-(i % 702)).toString(Qt::ISODate).toLatin1();
        csv += (refs ? "AX" + QByteArray::number(i) : QByteArray()) + ",EP000" + QByteArray::number(1 + i % 3) + "," + date
               + (i % 2 ? ",ae" : ",gp") + "\n";
    }
    return csv;
}

} // namespace

TEST_CASE("A large extract is imported in batches: every row, an audit row each, and again changes nothing",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    const int before = a.f.changes();
    const ImportSummary first = a.run(extract(1234));
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.added == 1234);
    CHECK(a.stored() == 1234);
    CHECK(a.f.changes() - before == 1234);
    CHECK(a.value(QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'attendance' AND action = 'create' "
                                 "AND patient_id IS NOT NULL")).toInt() == 1234);
    const ImportSummary again = a.run(extract(1234));
    CHECK(again.ok);
    CHECK(again.unchanged == 1234);
    CHECK(again.added + again.updated == 0);
    CHECK(a.f.changes() - before == 1234);
}

TEST_CASE("Rows without a ref: the k-th identical row matches the k-th stored one, across batches",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    // 1,404 rows of 702 distinct values: each value twice, 702 rows apart (in other batches).
    const ImportSummary first = a.run(extract(1404, false));
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.added == 1404);
    const ImportSummary again = a.run(extract(1404, false));
    CHECK(again.unchanged == 1404);
    CHECK(a.stored() == 1404);
    const ImportSummary more = a.run(extract(2106, false)); // a third visit of each: 702 more
    CHECK(more.added == 702);
    CHECK(more.unchanged == 1404);
}

TEST_CASE("A bad row in the middle of a batch is refused alone: the rest of its batch is set aside or written",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    QByteArray csv = extract(1000);
    csv += "AX5,EP0001,2024-01-01,gp\n"          // line 1002: the ref again
           "ax7,EP0002,2024-01-01,gp\n"          // line 1003: a ref of the file in other case
           "AY1,EP0009,2024-01-01,gp\n"          // line 1004: nobody
           "AY2,EP0001,2031-01-01,gp\n"          // line 1005: in the future
           "AY3,EP0001,1901-01-01,gp\n"          // line 1006: before birth
           "AY4,EP0001,2024-01-01,walk_in\n";    // line 1007: no such setting
    csv += extract(300).mid(int(strlen("attendance_ref,patient_ref,attended_on,setting\n"))).replace("AX", "AZ");

    SECTION("without --skip-invalid nothing is written, and every problem is named by line and column")
    {
        const ImportSummary s = a.run(csv);
        const std::string text = issuesText(s);
        INFO(text);
        CHECK_FALSE(s.ok);
        CHECK(s.rejected == 6);
        CHECK(text.find("line 1002, column attendance_ref: attendance_ref \"AX5\" appears again (first on line 7)") != std::string::npos);
        CHECK(text.find("line 1003, column attendance_ref") != std::string::npos);
        CHECK(text.find("line 1004, column patient_ref") != std::string::npos);
        CHECK(text.find("line 1005, column attended_on") != std::string::npos);
        CHECK(text.find("line 1006, column attended_on") != std::string::npos);
        CHECK(text.find("line 1007, column setting") != std::string::npos);
        CHECK(a.stored() == 0);
    }
    SECTION("with --skip-invalid the good rows of the same batches are written and the bad ones set aside")
    {
        ImportOptions options;
        options.rejectsPath = a.f.t.dir.filePath(QStringLiteral("rejects.csv"));
        const ImportSummary s = a.run(csv, options);
        INFO(issuesText(s));
        CHECK(s.ok);
        CHECK(s.added == 1300);
        CHECK(a.stored() == 1300);
        const auto rejects = interchange::parseCsv(readBytes(options.rejectsPath));
        REQUIRE(rejects.records.size() == 6);
        CHECK(rejects.records.front().fields.at(0) == QStringLiteral("AX5"));
    }
}

TEST_CASE("An attendance ref stored in other case, withdrawn, or on another patient is refused",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    REQUIRE(a.run("attendance_ref,patient_ref,attended_on,setting\nQ1,EP0001,2024-01-01,gp\nQ2,EP0001,2024-01-02,gp\n"
                  "Q3,EP0001,2024-01-03,gp\n").ok);
    const auto q2 = must(a.attendances.byRef(QStringLiteral("Q2")));
    REQUIRE(q2);
    REQUIRE(a.attendances.markInError(q2->id, q2->rowVersion, QStringLiteral("wrong patient")).ok());
    const ImportSummary s = a.run("attendance_ref,patient_ref,attended_on,setting\nq1,EP0001,2024-01-01,gp\n"
                                  "Q2,EP0001,2024-01-02,gp\nQ3,EP0002,2024-01-03,gp\nQ4,EP0001,2024-01-04,gp\n");
    const std::string text = issuesText(s);
    INFO(text);
    CHECK(s.rejected == 3);
    CHECK(text.find("line 2, column attendance_ref: attendance_ref q1 differs only in upper/lower case from the stored Q1")
          != std::string::npos);
    CHECK(text.find("line 3, column attendance_ref: attendance Q2 was withdrawn") != std::string::npos);
    CHECK(text.find("line 4, column patient_ref: attendance Q3 belongs to another patient") != std::string::npos);
    CHECK(a.stored() == 3);
}

TEST_CASE("A file without bed_days or specialty leaves those stored values alone, and an empty cell clears them",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    REQUIRE(a.run("attendance_ref,patient_ref,attended_on,setting,bed_days,specialty\n"
                  "K1,EP0001,2024-01-01,non_elective_admission,4,Orthopaedics\n").ok);
    const ImportSummary moved = a.run("attendance_ref,patient_ref,attended_on,setting\n"
                                      "K1,EP0001,2024-01-02,non_elective_admission\n");
    INFO(issuesText(moved));
    CHECK(moved.updated == 1);
    CHECK(a.value(QStringLiteral("SELECT attended_on || '/' || bed_days || '/' || specialty FROM attendance")).toString()
          == QStringLiteral("2024-01-02/4/Orthopaedics"));
    const ImportSummary cleared = a.run("attendance_ref,patient_ref,attended_on,setting,specialty\n"
                                        "K1,EP0001,2024-01-02,non_elective_admission,\n");
    CHECK(cleared.updated == 1);
    CHECK(a.value(QStringLiteral("SELECT specialty IS NULL AND bed_days = 4 FROM attendance")).toInt() == 1);
}

TEST_CASE("A broken quote near the end of a large extract: nothing is written, every structural error is listed",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    QByteArray csv = extract(1200);
    csv += "AQ1,EP0001,\"2024-01-01,gp\n"; // never closed
    const ImportSummary s = a.run(csv);
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues.front().line == 1202);
    CHECK(s.rows == 0);
    CHECK(a.stored() == 0);
    CHECK(a.f.changes() == a.value(QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity <> 'attendance'")).toInt());
}

TEST_CASE("Cancelling a batched import part way writes nothing, and progress counts rows of the whole file",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    std::vector<std::pair<int, int>> calls;
    ImportOptions options;
    options.progress = [&](int done, int total) {
        calls.emplace_back(done, total);
        return done < 1000;
    };
    const ImportSummary s = a.run(extract(1500), options);
    CHECK(s.cancelled);
    CHECK(s.rows == 1000);
    CHECK(calls == (std::vector<std::pair<int, int>>{{0, 1500}, {500, 1500}, {1000, 1500}}));
    CHECK(a.stored() == 0);
}

TEST_CASE("saveMany's patients read in one transaction are read again after a patient changes in it",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    const auto patient = must(a.f.patients.byRef(QStringLiteral("EP0001")));
    REQUIRE(patient);
    domain::Attendance visit;
    visit.patientId = patient->id;
    visit.attendedOn = QDate(2024, 1, 1);
    visit.setting = QStringLiteral("gp");
    storage::Transaction tx(*a.f.t);
    REQUIRE(tx.ok());
    const auto first = a.attendances.saveMany({visit});
    REQUIRE(first.ok());
    CHECK(first.value->front().outcome == services::BatchRow::Outcome::Added);
    REQUIRE(a.f.patients.remove(*patient, QStringLiteral("registered twice")));
    visit.attendedOn = QDate(2024, 1, 2);
    const auto second = a.attendances.saveMany({visit});
    REQUIRE(second.ok());
    CHECK(second.value->front().outcome == services::BatchRow::Outcome::Refused);
    REQUIRE_FALSE(second.value->front().problems.empty());
    CHECK(second.value->front().problems.front().message.contains(QStringLiteral("was removed")));
}

TEST_CASE("A file without bed_days cannot turn an admission with bed days into a GP visit",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    REQUIRE(a.run("attendance_ref,patient_ref,attended_on,setting,bed_days\nK1,EP0001,2024-01-01,non_elective_admission,4\n").ok);
    const ImportSummary s = a.run("attendance_ref,patient_ref,attended_on,setting\nK1,EP0001,2024-01-01,gp\n");
    INFO(issuesText(s));
    CHECK(s.rejected == 1);
    REQUIRE_FALSE(s.issues.empty());
    CHECK(s.issues.front().column == QStringLiteral("bed_days"));
    CHECK(a.value(QStringLiteral("SELECT setting FROM attendance")).toString() == QStringLiteral("non_elective_admission"));
}

TEST_CASE("Next month's extract repeating rows of a patient removed since changes nothing and refuses nothing",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    const QByteArray file = "attendance_ref,patient_ref,attended_on,setting\nR1,EP0002,2024-01-01,gp\n,EP0002,2024-01-02,ae\n";
    REQUIRE(a.run(file).ok);
    const auto patient = must(a.f.patients.byRef(QStringLiteral("EP0002")));
    REQUIRE(patient);
    REQUIRE(a.f.patients.remove(*patient, QStringLiteral("registered twice")));
    const ImportSummary again = a.run(file);
    INFO(issuesText(again));
    CHECK(again.ok);
    CHECK(again.unchanged == 2);
    const ImportSummary changed = a.run("attendance_ref,patient_ref,attended_on,setting\nR1,EP0002,2024-01-03,gp\n");
    CHECK(changed.rejected == 1); // a change is still held to the patient's record
}

TEST_CASE("A ref refused for its case does not block the exact ref after it in the same batch",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    REQUIRE(a.run("attendance_ref,patient_ref,attended_on,setting\nABC,EP0001,2024-01-01,gp\n").ok);
    ImportOptions options;
    options.rejectsPath = a.f.t.dir.filePath(QStringLiteral("rejects.csv"));
    const ImportSummary s = a.run("attendance_ref,patient_ref,attended_on,setting\nabc,EP0001,2024-01-01,gp\n"
                                  "ABC,EP0001,2024-01-05,gp\nNEW,EP0001,2024-01-06,gp\nnew,EP0001,2024-01-07,gp\n", options);
    const std::string text = issuesText(s);
    INFO(text);
    CHECK(s.rejected == 2);
    CHECK(s.updated == 1);
    CHECK(s.added == 1);
    CHECK(text.find("line 2, column attendance_ref") != std::string::npos);
    CHECK(text.find("line 5, column attendance_ref: attendance_ref new is given twice") != std::string::npos);
}

TEST_CASE("The rows set aside keep the file's own header as written, ready to fix and import again",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    ImportOptions options;
    options.rejectsPath = a.f.t.dir.filePath(QStringLiteral("rejects.csv"));
    const ImportSummary s = a.run("Attendance_Ref,Patient_Ref,Attended_On,Setting\nG1,EP0001,2024-01-01,gp\n"
                                  "G2,EP0001,2024-02-30,gp\n", options);
    CHECK(s.ok);
    CHECK(s.added == 1);
    const QByteArray rejects = readBytes(options.rejectsPath);
    CHECK(rejects.startsWith("Attendance_Ref,Patient_Ref,Attended_On,Setting,reason\r\nG2,"));
}

namespace {

// The reports' two indexes on attendance (none dropped for good); on the server they never go.
int reportIndexesPresent(AttendanceFixture &a)
{
    if (!a.f.t->dialect().isFile())
        return a.value(QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE indexname IN "
                                      "('attendance_patient', 'attendance_date')")).toInt();
    return a.value(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                                  "('attendance_patient', 'attendance_date')")).toInt();
}

} // namespace

TEST_CASE("A large extract builds the reports' indexes once at the commit, and rows without a ref after it still match",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    // 12,000 rows with refs (a load large against the none stored: the indexes are deferred),
    // then 1,404 without, matched on their values through those indexes.
    QByteArray csv = extract(12000);
    csv += extract(1404, false).mid(csv.indexOf('\n') + 1);
    const ImportSummary first = a.run(csv);
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.added == 13404);
    CHECK(reportIndexesPresent(a) == 2);
    CHECK(a.f.t->integrityProblems().value().isEmpty());
    CHECK_FALSE(a.f.t->indexesDeferred());
    const ImportSummary again = a.run(csv);
    INFO(issuesText(again));
    CHECK(again.unchanged == 13404);
    CHECK(a.stored() == 13404);
    CHECK(reportIndexesPresent(a) == 2);
    // A report's read by patient and by date finds what was loaded.
    CHECK(a.value(QStringLiteral("SELECT COUNT(*) FROM attendance WHERE patient_id = (SELECT MIN(patient_id) FROM attendance) "
                                 "AND attended_on >= '2024-01-01'")).toInt() > 0);
}

TEST_CASE("A large extract of new rows defers the indexes while it loads, and the same file again does not",
          "[interchange][import][costs]")
{
    AttendanceFixture a;
    bool deferred = false;
    ImportOptions options;
    options.progress = [&](int, int) { // called on the import's own thread, between batches
        deferred = deferred || a.f.t->indexesDeferred();
        return true;
    };
    const QByteArray csv = extract(12000);
    const ImportSummary first = a.run(csv, options);
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(deferred == a.f.t->dialect().isFile());
    CHECK(reportIndexesPresent(a) == 2);
    CHECK(a.f.t->integrityProblems().value().isEmpty());
    deferred = false;
    const ImportSummary again = a.run(csv, options);
    CHECK(again.unchanged == 12000);
    CHECK_FALSE(deferred); // nothing to load: no index to build again
    CHECK(reportIndexesPresent(a) == 2);
}

TEST_CASE("A large extract refused for one bad row leaves the attendances and their indexes as they were",
          "[interchange][import][costs][bad-input]")
{
    AttendanceFixture a;
    REQUIRE(a.run(extract(300)).ok);
    QByteArray csv = extract(12000); // a load larger than what is stored: the indexes are deferred
    csv.replace(",EP0002,2024-05-", ",EP0002,2024-13-"); // not a date, in many rows after the first batch
    const ImportSummary s = a.run(csv);
    CHECK_FALSE(s.ok);
    CHECK(s.rejected > 0);
    CHECK(a.stored() == 300);
    CHECK(reportIndexesPresent(a) == 2);
    CHECK_FALSE(a.f.t->indexesDeferred());
}

TEST_CASE("A load defers the indexes only when it is large and at least as large as what is stored",
          "[interchange][import][costs][sqlite]")
{
    AttendanceFixture a;
    REQUIRE(a.run(extract(300)).ok);
    const auto defers = [&](qsizetype rows) {
        storage::Transaction tx(*a.f.t);
        REQUIRE(a.attendances.expectLoad(rows));
        return a.f.t->indexesDeferred();
    };
    CHECK_FALSE(defers(9999));   // too few to be worth a sort
    CHECK(defers(10000));
    REQUIRE(a.run(extract(12000)).ok);
    CHECK_FALSE(defers(10000)); // fewer than the 12,000 stored
    CHECK(defers(12000));
    CHECK_FALSE(defers(4000000)); // its sort, held in memory, would be too large
}
