// The demo generator: believable, deterministic for a seed, and only reserved NHS numbers.
#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"
#include "domain/postcode.h"
#include "interchange/demogenerator.h"
#include "storage/patientrepository.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QSet>
#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;

namespace {

const QDate demoToday(2024, 6, 3);

interchange::DemoOptions options(quint64 seed, int patients = 300)
{
    interchange::DemoOptions o;
    o.patients = patients;
    o.seed = seed;
    o.today = demoToday;
    return o;
}

void generate(storage::Database &db, const interchange::DemoOptions &o)
{
    const auto made = interchange::generateDemo(db, o);
    INFO((made ? std::string() : made.error().toStdString()));
    REQUIRE(made.ok());
    CHECK(made->patients == o.patients);
}

std::vector<domain::Patient> allPatients(storage::Database &db)
{
    storage::PatientRepository repo(db);
    return must(repo.search({}, 1'000'000));
}

// Every stored column except the timestamps of the write, row by row in insertion order.
QStringList dump(storage::Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral(
        "SELECT id, patient_ref, nhs_number, family_name, given_name, date_of_birth, date_of_death, sex, "
        "postcode, phone, gp_practice, family_key, given_key, ref_key, row_version, deleted_at, created_by "
        "FROM patient ORDER BY id")));
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < 17; ++i)
            cells << (q.value(i).isNull() ? QStringLiteral("<null>") : q.value(i).toString());
        rows << cells.join(QLatin1Char('|'));
    }
    return rows;
}

} // namespace

TEST_CASE("The demo generator writes the patients asked for, all valid", "[interchange][demo]")
{
    TempDatabase t;
    generate(*t, options(11));
    CHECK(countRows(*t, QStringLiteral("patient")) == 300);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'patient'")).toInt() == 300);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(DISTINCT created_by) FROM patient")).toInt() == 1);
    CHECK(scalar(*t, QStringLiteral("SELECT created_by FROM patient LIMIT 1")).toString() == QStringLiteral("demo"));

    const auto patients = allPatients(*t);
    REQUIRE(patients.size() == 300);

    QSet<QString> numbers;
    QSet<QString> refs;
    int withoutNumber = 0;
    for (const auto &p : patients) {
        INFO(p.patientRef.toStdString() << " " << p.nhsNumber.toStdString());
        if (p.nhsNumber.isEmpty()) {
            ++withoutNumber;
        } else {
            CHECK(p.nhsNumber.startsWith(QStringLiteral("999")));
            CHECK(p.nhsNumber.size() == 10);
            CHECK(domain::checkNhsNumber(p.nhsNumber).ok());
            CHECK_FALSE(numbers.contains(p.nhsNumber));
            numbers.insert(p.nhsNumber);
        }
        CHECK_FALSE(refs.contains(p.patientRef));
        refs.insert(p.patientRef);

        CHECK(domain::ageInYears(p.dateOfBirth, demoToday) >= 18);
        CHECK(domain::ageInYears(p.dateOfBirth, demoToday) <= 110);
        if (p.dateOfDeath.isValid()) {
            CHECK(p.dateOfDeath <= demoToday);
            CHECK(p.dateOfDeath >= p.dateOfBirth);
        }
        CHECK_FALSE(p.familyName.isEmpty());
        CHECK_FALSE(p.givenName.isEmpty());
        REQUIRE_FALSE(p.postcode.isEmpty());
        CHECK(domain::normalisePostcode(p.postcode) == std::optional<QString>(p.postcode));
        CHECK_FALSE(p.isDeleted());
    }
    // About 2 % are registered before their number is traced: a few, not many.
    CHECK(withoutNumber <= 20);
    CHECK(numbers.size() == 300 - withoutNumber);
}

TEST_CASE("Blank NHS numbers do occur in a large enough demo", "[interchange][demo]")
{
    TempDatabase t;
    generate(*t, options(5, 1000));
    const int blanks = scalar(*t, QStringLiteral("SELECT COUNT(*) FROM patient WHERE nhs_number IS NULL")).toInt();
    CHECK(blanks > 0);
    CHECK(blanks < 60);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(DISTINCT nhs_number) FROM patient")).toInt() == 1000 - blanks);
    // Several sexes and plenty of distinct names: it looks like a real caseload.
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(DISTINCT sex) FROM patient")).toInt() >= 2);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(DISTINCT family_name) FROM patient")).toInt() > 50);
}

TEST_CASE("The same seed gives the same data, another seed gives other data", "[interchange][demo]")
{
    TempDatabase a(QStringLiteral("a.sqlite"));
    TempDatabase b(QStringLiteral("b.sqlite"));
    TempDatabase c(QStringLiteral("c.sqlite"));
    generate(*a, options(42));
    generate(*b, options(42));
    generate(*c, options(43));

    const QStringList rowsA = dump(*a);
    REQUIRE(rowsA.size() == 300);
    CHECK(rowsA == dump(*b));
    const QStringList rowsC = dump(*c);
    REQUIRE(rowsC.size() == 300);
    CHECK(rowsA != rowsC);
    int same = 0;
    for (int i = 0; i < 300; ++i)
        same += rowsA[i] == rowsC[i];
    CHECK(same < 10); // not just one row changed
}

TEST_CASE("The demo generator refuses a database that already has patients", "[interchange][demo]")
{
    TempDatabase t;
    generate(*t, options(1, 20));
    const QStringList before = dump(*t);

    const auto again = interchange::generateDemo(*t, options(2, 20));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().contains(QStringLiteral("already has patients")));
    CHECK(dump(*t) == before);
}

TEST_CASE("Cancelling the demo generator writes nothing", "[interchange][demo]")
{
    TempDatabase t;
    auto o = options(3, 2500);
    std::vector<int> calls;
    o.progress = [&](int done, int total) {
        CHECK(total == 2500);
        calls.push_back(done);
        return done < 2000;
    };
    const auto made = interchange::generateDemo(*t, o);
    REQUIRE_FALSE(made.ok());
    CHECK(made.error().contains(QStringLiteral("Cancelled")));
    CHECK(calls.front() == 0);
    CHECK(calls.back() == 2000); // progress every 200 patients, stopped at the first call past 2000
    CHECK(calls.size() == 11);
    CHECK(countRows(*t, QStringLiteral("patient")) == 0);
    CHECK(countRows(*t, QStringLiteral("change_log")) == 0);
}

TEST_CASE("A demo of zero patients is an empty, valid database", "[interchange][demo]")
{
    TempDatabase t;
    generate(*t, options(1, 0));
    CHECK(countRows(*t, QStringLiteral("patient")) == 0);
}

// [sqlite]: these two look at the demo's content with SQLite's json_extract and date(); the
// generator writes the same rows on both engines, through the same repositories.
TEST_CASE("The demo has outcome measures at baseline and follow-up: better, the same and worse, alerts and blank returns",
          "[interchange][demo][outcomes][sqlite]")
{
    TempDatabase t;
    generate(*t, options(11, 4000));
    const auto count = [&](const char *where) {
        return scalar(*t, QStringLiteral("SELECT COUNT(*) FROM assessment WHERE %1").arg(QLatin1String(where))).toInt();
    };
    CHECK(count("instrument = 'phq9' AND occasion = 'referral'") > 50);
    CHECK(count("instrument = 'phq9' AND occasion = 'discharge'") > 20);
    CHECK(count("instrument IN ('gad7', 'nrs_pain', 'pgic', 'fft')") > 100);
    CHECK(count("trim(answers, ';') = ''") > 0);                       // returned blank
    CHECK(countRows(*t, QStringLiteral("assessment_alert")) > 0);      // PHQ-9 item 9 (hazard H9)
    // A believable mix: PHQ-9 totals fell, stayed and rose between a patient's two answers.
    const auto moved = [&](const char *comparison) {
        return scalar(*t, QStringLiteral(
            "SELECT COUNT(*) FROM assessment b JOIN assessment l ON l.referral_id = b.referral_id AND l.instrument = b.instrument "
            "WHERE b.instrument = 'phq9' AND b.occasion = 'referral' AND l.occasion = 'discharge' AND b.complete = 1 "
            "AND l.complete = 1 AND json_extract(l.scores, '$.total') %1 json_extract(b.scores, '$.total')")
                          .arg(QLatin1String(comparison))).toInt();
    };
    CHECK(moved("<") > moved(">"));
    CHECK(moved(">") > 0);
    CHECK(moved("=") > 0);
}

TEST_CASE("The demo has a sourced example tariff, service costs, and frequent attenders whose use mostly falls after the team",
          "[interchange][demo][costs][sqlite]")
{
    TempDatabase t;
    generate(*t, options(11, 4000));
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM tariff_line WHERE length(trim(source)) > 0")).toInt() >= 5);
    CHECK(countRows(*t, QStringLiteral("service_cost")) == 2);
    CHECK(countRows(*t, QStringLiteral("attendance")) > 500);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM attendance WHERE attended_on > '%1'")
                         .arg(demoToday.toString(Qt::ISODate))).toInt() == 0);
    // Per frequent attender: fewer visits in the year after the first contact than in the year before, for most.
    const QString perPatient = QStringLiteral(
        "WITH idx AS (SELECT r.patient_id, MIN(c.contact_on) AS d FROM contact c JOIN referral r ON r.id = c.referral_id "
        "WHERE c.outcome = 'attended' GROUP BY r.patient_id), "
        "n AS (SELECT a.patient_id, SUM(a.attended_on < idx.d AND a.attended_on >= date(idx.d, '-1 year')) AS before, "
        "SUM(a.attended_on > idx.d) AS after, SUM(a.attended_on < date(idx.d, '-1 year')) AS earlier "
        "FROM attendance a JOIN idx ON idx.patient_id = a.patient_id WHERE idx.d <= date('%1', '-1 year') GROUP BY a.patient_id) "
        "SELECT COUNT(*) FROM n WHERE %2").arg(demoToday.toString(Qt::ISODate));
    const int fewer = scalar(*t, perPatient.arg(QStringLiteral("after < before"))).toInt();
    const int more = scalar(*t, perPatient.arg(QStringLiteral("after > before"))).toInt();
    CHECK(fewer > 2 * more);
    CHECK(more > 0); // not every story is a success
    // The year before that is quieter than the year of the referral: people come at a peak, so the
    // service report's 24-month baseline gives a smaller saving (regression to the mean).
    const int quieter = scalar(*t, perPatient.arg(QStringLiteral("earlier < before"))).toInt();
    const int busier = scalar(*t, perPatient.arg(QStringLiteral("earlier > before"))).toInt();
    CHECK(quieter > 2 * busier);
    CHECK(quieter > 0);
}
