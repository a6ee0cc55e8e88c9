// `painmdt import --kind attendances|tariff|service-costs` and `report attendances|cost-savings`
// (interchange contract; issue 10) on tests/data/cost-fixture, whose README works every figure by
// hand: window edges (the first and last day of a window, a month-end and a leap-day index date,
// the index day itself), an after-window not yet elapsed, the index over all referrals, two
// identical rows that are two visits, the default and a chosen tariff, pro-rated service costs.
#include "cli/clisupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QString fixture(const char *file)
{
    return data("cost-fixture/") + QString::fromLatin1(file);
}

Outcome importKind(Cli &cli, const QString &db, const char *kind, const char *file)
{
    return cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"), QString::fromLatin1(kind),
                    fixture(file)});
}

void importFixture(Cli &cli, const QString &db)
{
    for (const auto &[kind, file] : {std::pair{"patients", "patients.csv"}, std::pair{"referrals", "referrals.csv"},
                                     std::pair{"contacts", "contacts.csv"}, std::pair{"attendances", "attendances.csv"},
                                     std::pair{"tariff", "tariff.csv"}, std::pair{"service-costs", "service-costs.csv"}}) {
        const Outcome o = importKind(cli, db, kind, file);
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
    }
}

QStringList report(const char *name, const QString &db, const QStringList &more = {})
{
    return QStringList{QStringLiteral("report"), QString::fromLatin1(name), QStringLiteral("--db"), db, QStringLiteral("--from"),
                       QStringLiteral("2024-01-01"), QStringLiteral("--to"), QStringLiteral("2024-12-31"),
                       QStringLiteral("--as-of"), QStringLiteral("2025-12-15")}
           + more;
}

QJsonObject jsonOf(const Outcome &o)
{
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    return QJsonDocument::fromJson(o.out.toUtf8()).object();
}

QJsonObject object(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); }
double number(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toDouble(); }

} // namespace

TEST_CASE("painmdt report cost-savings: the hand-worked fixture, both index modes and two windows", "[cli][report][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);

    const Outcome twelve = cli.run(report("cost-savings", db));
    const QJsonObject r = jsonOf(twelve);
    CHECK(number(r, "patients_included") == 2);
    CHECK(number(r, "patients_excluded_incomplete_window") == 1);
    CHECK(number(r, "index_day_attendances") == 1);
    CHECK(number(object(r, "before"), "cost") == 2356);
    CHECK(number(object(r, "before"), "bed_days") == 3);
    CHECK(number(object(object(r, "before"), "by_setting"), "ae") == 1);
    CHECK(number(object(object(r, "before"), "by_setting"), "gp") == 1);
    CHECK(number(object(r, "after"), "cost") == 578);
    CHECK(number(object(object(r, "after"), "by_setting"), "ae") == 2);
    CHECK(number(r, "gross_saving") == 1778);
    CHECK(number(r, "service_cost") == 36600);
    CHECK(number(r, "net_saving") == -34822);
    CHECK(number(r, "per_patient_mean_saving") == 889);
    CHECK(r.value(QStringLiteral("tariff")).toString() == QStringLiteral("Example 2023/24"));
    CHECK(number(r, "window_months") == 12);
    CHECK(r.value(QStringLiteral("index")).toString() == QStringLiteral("first-contact"));
    checkGolden(twelve.out.toUtf8(), "cost-savings.json");

    const QJsonObject byReferral = jsonOf(cli.run(report("cost-savings", db, {QStringLiteral("--index"), QStringLiteral("referral")})));
    CHECK(number(byReferral, "patients_included") == 4);
    CHECK(number(byReferral, "patients_excluded_incomplete_window") == 0);
    CHECK(number(byReferral, "index_day_attendances") == 0);
    CHECK(number(object(byReferral, "before"), "cost") == 540);
    CHECK(number(object(byReferral, "after"), "cost") == 2778);
    CHECK(number(byReferral, "gross_saving") == -2238);
    CHECK(number(byReferral, "net_saving") == -38838);
    CHECK(number(byReferral, "per_patient_mean_saving") == -559.5);

    const Outcome six = cli.run(report("cost-savings", db, {QStringLiteral("--window-months"), QStringLiteral("6")}));
    const QJsonObject half = jsonOf(six);
    CHECK(number(half, "patients_included") == 3);
    CHECK(number(object(half, "before"), "cost") == 2314);
    CHECK(number(object(half, "after"), "cost") == 350);
    CHECK(number(half, "gross_saving") == 1964);
    CHECK(number(half, "net_saving") == -34636);
    CHECK(number(half, "per_patient_mean_saving") == 654.67);

    // Another tariff by name: settings it has no price for are named, never silently costed at 0.
    const QJsonObject old = jsonOf(cli.run(report("cost-savings", db, {QStringLiteral("--tariff"), QStringLiteral("Old 2013/14")})));
    CHECK(number(object(old, "before"), "cost") == 140);
    CHECK(number(object(old, "after"), "cost") == 200);
    CHECK(old.value(QStringLiteral("uncosted_settings")).toArray()
          == QJsonArray{QStringLiteral("ambulance"), QStringLiteral("non_elective_admission"), QStringLiteral("outpatient_followup")});
    const Outcome unknown = cli.run(report("cost-savings", db, {QStringLiteral("--tariff"), QStringLiteral("Nope")}));
    CHECK(unknown.exitCode != 0);
    checkOneLineReason(unknown, QStringLiteral("Example 2023/24"));

    const Outcome csv = cli.run(report("cost-savings", db, {QStringLiteral("--format"), QStringLiteral("csv")}));
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.contains(QStringLiteral("Net saving (\u00A3),-34822.00\r\n")));
    const QString pdf = cli.path(QStringLiteral("costs.pdf"));
    const Outcome printed = cli.run(report("cost-savings", db, {QStringLiteral("--format"), QStringLiteral("pdf"),
                                                                QStringLiteral("--out"), pdf}));
    INFO(describe(printed));
    REQUIRE(printed.exitCode == 0);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("No control group")));
    CHECK(text.contains(QStringLiteral("Example 2023/24")));
}

TEST_CASE("painmdt report attendances: by setting, total, and the top attenders in order", "[cli][report][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);
    const Outcome json = cli.run(report("attendances", db));
    const QJsonObject r = jsonOf(json);
    const QJsonObject ae = object(object(r, "by_setting"), "ae");
    CHECK(number(ae, "count") == 5);
    CHECK(number(ae, "cost") == 570);
    CHECK(number(object(object(r, "by_setting"), "elective_admission"), "cost") == 2300);
    CHECK(number(object(object(r, "by_setting"), "gp"), "count") == 0);
    CHECK(number(r, "total_cost") == 5420);
    CHECK(number(r, "patients") == 5);
    CHECK(number(r, "attendances") == 9);
    QStringList order;
    for (const auto &t : r.value(QStringLiteral("top_attenders")).toArray())
        order << t.toObject().value(QStringLiteral("patient_ref")).toString();
    CHECK(order == QStringList{QStringLiteral("CS5"), QStringLiteral("CS1"), QStringLiteral("CS2"), QStringLiteral("CS3"),
                               QStringLiteral("CS4")});
    CHECK(number(r.value(QStringLiteral("top_attenders")).toArray().first().toObject(), "cost") == 2528);
    checkGolden(json.out.toUtf8(), "attendances.json");
}

TEST_CASE("importing the attendance, tariff and cost files again changes nothing", "[cli][import][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);
    for (const auto &[kind, file] : {std::pair{"attendances", "attendances.csv"}, std::pair{"tariff", "tariff.csv"},
                                     std::pair{"service-costs", "service-costs.csv"}}) {
        const Outcome again = importKind(cli, db, kind, file);
        INFO(describe(again));
        REQUIRE(again.exitCode == 0);
        CHECK(again.out.contains(QStringLiteral("0 added, 0 updated")));
    }
    auto opened = openDatabase(db);
    CHECK(scalar(*opened, QStringLiteral("SELECT COUNT(*) FROM attendance")).toInt() == 18);
}

TEST_CASE("a bad attendance row is named by line and column, and nothing is imported", "[cli][import][costs][bad-input]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);
    const QString bad = cli.path(QStringLiteral("bad.csv"));
    writeBytes(bad, "attendance_ref,patient_ref,attended_on,setting,bed_days\n"
                    "B1,CS1,2024-02-01,ae,\n"
                    "B2,CS1,2024-02-30,ae,\n"
                    "B3,CS1,2024-02-01,walk_in,\n"
                    "B4,CS1,2024-02-01,gp,2\n"
                    "B5,NOBODY,2024-02-01,ae,\n"
                    "B6,CS1,2024-02-01,elective_admission,-1\n");
    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("attendances"), bad});
    CHECK(o.exitCode != 0);
    CHECK(o.err.contains(QStringLiteral("line 3, column attended_on")));
    CHECK(o.err.contains(QStringLiteral("line 4, column setting")));
    CHECK(o.err.contains(QStringLiteral("line 5, column bed_days")));
    CHECK(o.err.contains(QStringLiteral("line 6, column patient_ref")));
    CHECK(o.err.contains(QStringLiteral("line 7, column bed_days")));
    auto opened = openDatabase(db);
    CHECK(scalar(*opened, QStringLiteral("SELECT COUNT(*) FROM attendance WHERE attendance_ref = 'B1'")).toInt() == 0);
}

TEST_CASE("a service manager loads attendances and sets costs, a clinician cannot set costs", "[cli][import][costs][access]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);
    for (const char *name : {"m.manager", "c.clinician"}) {
        cli.extraEnvironment = {{QStringLiteral("PAINMDT_NEW_PASSWORD"), QStringLiteral("new password 1")}};
        const Outcome added = cli.run({QStringLiteral("user"), QStringLiteral("add"), QString::fromLatin1(name), QStringLiteral("--role"),
                                       QString::fromLatin1(name).section(QLatin1Char('.'), 1) == QLatin1String("manager")
                                           ? QStringLiteral("manager") : QStringLiteral("clinician"),
                                       QStringLiteral("--db"), db});
        INFO(describe(added));
        REQUIRE(added.exitCode == 0);
    }
    cli.extraEnvironment.clear();
    cli.password = QStringLiteral("new password 1");
    cli.user = QStringLiteral("m.manager");
    CHECK(importKind(cli, db, "tariff", "tariff.csv").exitCode == 0);
    CHECK(importKind(cli, db, "attendances", "attendances.csv").exitCode == 0);
    cli.user = QStringLiteral("c.clinician");
    CHECK(importKind(cli, db, "service-costs", "service-costs.csv").exitCode == 3);
    CHECK(importKind(cli, db, "patients", "patients.csv").exitCode == 3);
}

// The service outcome report on the same fixture: its own figures worked by hand (README), the
// cost-savings figures passed through unchanged, and the sensitivity rows.
TEST_CASE("painmdt report service: activity, spread and sensitivity rows by hand, in json, csv and pdf", "[cli][report][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("costs.sqlite"));
    importFixture(cli, db);
    const Outcome json = cli.run(report("service", db));
    const QJsonObject r = jsonOf(json);
    const QJsonObject activity = object(r, "activity");
    CHECK(number(activity, "referrals_received") == 5); // RC5B was received in 2023
    CHECK(number(activity, "triaged") == 0);
    CHECK(number(activity, "first_seen") == 4);         // RC3 first seen in 2025, RC5B in 2023
    CHECK(number(activity, "discharged") == 0);

    const QJsonObject spread = object(object(r, "attendances_before_after"), "per_patient");
    CHECK(number(spread, "patients") == 2);
    CHECK(number(spread, "fewer_attendances") == 0);
    CHECK(number(spread, "same_attendances") == 1); // CS1 2 -> 2
    CHECK(number(spread, "more_attendances") == 1); // CS2 1 -> 2
    CHECK(number(spread, "median_change_in_attendances") == 0.5);
    CHECK(number(spread, "attended_in_either_window") == 2);
    CHECK(number(spread, "pct_of_attenders_fewer") == 0);

    const QJsonArray rows = r.value(QStringLiteral("sensitivity")).toArray();
    REQUIRE(rows.size() == 3);
    const QJsonObject reported = rows[0].toObject(), withoutTop = rows[1].toObject(), longer = rows[2].toObject();
    CHECK(number(reported, "gross_saving") == 1778); // as the cost-savings report
    CHECK(number(reported, "net_saving") == -34822);
    CHECK(number(withoutTop, "patients_in_scenario") == 1);      // CS1, 2 attendances before, left out
    CHECK(number(withoutTop, "gross_saving") == -322);
    CHECK(number(withoutTop, "net_saving") == -36922);
    CHECK(number(longer, "attendances_before") == 2.5); // (3 + 2) over 24 months, halved
    CHECK(number(longer, "cost_before") == 1256);
    CHECK(number(longer, "gross_saving") == 678);
    CHECK(number(object(r, "costs"), "net_saving") == -34822);

    CHECK(object(r, "costs").value(QStringLiteral("service_cost_recorded")).toBool());
    const QJsonArray findings = r.value(QStringLiteral("key_findings")).toArray();
    REQUIRE(findings.size() == 5);
    CHECK(findings[4].toString().startsWith(QStringLiteral("Net cost of \u00A334,822")));
    CHECK(r.value(QStringLiteral("tariff_used")).toArray().size() == 8);
    checkGolden(json.out.toUtf8(), "service.json");

    const Outcome csv = cli.run(report("service", db, {QStringLiteral("--format"), QStringLiteral("csv")}));
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.contains(QStringLiteral("\r\nWithout the top attender,1,1,2,42.00,364.00,-322.00,-36922.00\r\n")));
    const QString pdf = cli.path(QStringLiteral("service.pdf"));
    const Outcome printed = cli.run(report("service", db, {QStringLiteral("--format"), QStringLiteral("pdf"),
                                                           QStringLiteral("--out"), pdf}));
    INFO(describe(printed));
    REQUIRE(printed.exitCode == 0);
    const QString text = pdfText(pdf);
    for (const char *expected : {"Key findings", "Activity and data completeness", "Run chart", "STarT Back risk groups",
                                 "Outcomes against baseline", "Patient by patient", "Without the top attender",
                                 "No control group", "Appendix A: definitions", "Appendix B: the tariff used"}) {
        INFO(expected);
        CHECK(text.contains(QLatin1String(expected)));
    }
}

TEST_CASE("painmdt report service: with no service cost recorded it gives no net figure in words", "[cli][report][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("nocost.sqlite"));
    for (const auto &[kind, file] : {std::pair{"patients", "patients.csv"}, std::pair{"referrals", "referrals.csv"},
                                     std::pair{"contacts", "contacts.csv"}, std::pair{"attendances", "attendances.csv"},
                                     std::pair{"tariff", "tariff.csv"}})
        REQUIRE(importKind(cli, db, kind, file).exitCode == 0);
    const QJsonObject r = jsonOf(cli.run(report("service", db)));
    CHECK_FALSE(object(r, "costs").value(QStringLiteral("service_cost_recorded")).toBool());
    CHECK(object(r, "costs").value(QStringLiteral("net_saving")).isNull()); // not netted against a cost nobody recorded
    const QString money = r.value(QStringLiteral("key_findings")).toArray().at(4).toString();
    CHECK(money.contains(QStringLiteral("no service cost is recorded")));
    CHECK(money.startsWith(QStringLiteral("Gross saving of \u00A31,778")));
}

TEST_CASE("painmdt report attendances, cost-savings and service without a tariff: counts, and every cost null", "[cli][report][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("notariff.sqlite"));
    for (const auto &[kind, file] : {std::pair{"patients", "patients.csv"}, std::pair{"referrals", "referrals.csv"},
                                     std::pair{"contacts", "contacts.csv"}, std::pair{"attendances", "attendances.csv"}})
        REQUIRE(importKind(cli, db, kind, file).exitCode == 0);
    const QJsonObject attendances = jsonOf(cli.run(report("attendances", db)));
    CHECK(number(object(object(attendances, "by_setting"), "ae"), "count") == 5);
    CHECK(attendances.value(QStringLiteral("total_cost")).isNull());
    CHECK(attendances.value(QStringLiteral("tariff")).isNull());
    const QJsonObject savings = jsonOf(cli.run(report("cost-savings", db)));
    CHECK(number(savings, "patients_included") == 2);
    CHECK(savings.value(QStringLiteral("gross_saving")).isNull());
    const QJsonObject service = jsonOf(cli.run(report("service", db)));
    CHECK(service.value(QStringLiteral("key_findings")).toArray().at(4).toString().startsWith(QStringLiteral("No tariff")));
}

TEST_CASE("An attendance extract's control characters never reach the terminal, and a year of bed days is the most", "[cli][import][costs]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("hostile.sqlite"));
    importFixture(cli, db);
    const QString path = cli.path(QStringLiteral("hostile.csv"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("attendance_ref,patient_ref,attended_on,setting,bed_days\n"
               "H1,CS1,2024-05-01,\x1b]0;PWNED\x07\x1b[2J,\n"
               "H2,CS1,2024-05-02,non_elective_admission,1000000000\n");
    file.close();
    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("attendances"), path});
    CHECK(o.exitCode != 0);
    CHECK_FALSE(o.err.contains(QChar(0x1B)));
    CHECK_FALSE(o.err.contains(QChar(0x07)));
    CHECK(o.err.contains(QStringLiteral("U+001B")));
    CHECK(o.err.contains(QStringLiteral("line 3, column bed_days: 1000000000 bed days is more than a year")));
}
