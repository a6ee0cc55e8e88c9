// `painmdt report caseload` (interchange contract "Reports") on tests/data/caseload-fixture,
// through import and the command line, as acceptance data arrives. Worked by hand, as of
// 30-Jun-2024, contacts in 01-Apr-2024 .. 30-Jun-2024:
//   K1 a.okoro   latest contact 20-Jun, next 05-Jul (as_of + 5)        due within 7 days
//   K2 a.okoro   latest by as_of 01-Mar, next 29-Jun (10-Jul is later)  overdue
//   K3 b.hughes  two contacts 05-Apr: next 30-Jun and 01-May -> 30-Jun   due (today is not overdue)
//   K4 (none)    attended 10-Apr, no next_due_on                       no check-in planned
//   K5           declined                                              not an episode
//   K6           discharged on as_of                                   not an episode
//   K7 c.patel   discharged 15-Jul (after as_of); next 08-Jul (+8)     open, planned later
//   K8           only a DNA: never seen                                not an episode
//   K9 d.murray  declined on 02-Jul, after as_of; next 25-Jun          overdue
//   K10          patient died and discharged 01-May                    not an episode
//   K11 b.hughes never triaged, but seen 10-May; next 20-Jul           open (not declined), later
// Open 7, overdue 2, due 2, no plan 1. Contacts in the period: X2 X5 X6 X7 X8 X11 X12 X15 = 8;
// phone 2 (X2 X6), clinic 3 (X5 X7 X8), home_visit 1, ward 1, video 1; attended 6,
// could_not_contact 1, dna 1; DNA rate 1 / (6 + 1) = 14.3 %.
#include "cli/clisupport.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QString fixture(const char *file)
{
    return data("caseload-fixture/") + QString::fromLatin1(file);
}

void importFixture(Cli &cli, const QString &db)
{
    for (const char *kind : {"patients", "referrals", "contacts"}) {
        const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                                   QString::fromLatin1(kind), fixture(kind) + QStringLiteral(".csv")});
        INFO(describe(o));
        REQUIRE(o.exitCode == 0);
    }
}

QStringList caseloadReport(const QString &db, const QStringList &more = {})
{
    return QStringList{QStringLiteral("report"), QStringLiteral("caseload"), QStringLiteral("--db"), db,
                       QStringLiteral("--from"), QStringLiteral("2024-04-01"), QStringLiteral("--to"),
                       QStringLiteral("2024-06-30"), QStringLiteral("--as-of"), QStringLiteral("2024-06-30")}
           + more;
}

QJsonObject jsonOf(const Outcome &o)
{
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    return QJsonDocument::fromJson(o.out.toUtf8()).object();
}

QJsonObject worker(const QJsonObject &report, const char *name)
{
    return report.value(QStringLiteral("by_key_worker")).toObject().value(QLatin1String(name)).toObject();
}

} // namespace

TEST_CASE("painmdt report caseload: the hand-worked fixture, in json, csv and pdf", "[cli][report][caseload]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("caseload.sqlite"));
    importFixture(cli, db);

    const Outcome json = cli.run(caseloadReport(db));
    const QJsonObject r = jsonOf(json);
    CHECK(r.value(QStringLiteral("open_episodes")).toInt() == 7);
    CHECK(r.value(QStringLiteral("overdue_check_ins")).toInt() == 2);
    CHECK(r.value(QStringLiteral("due_within_7_days")).toInt() == 2);
    CHECK(r.value(QStringLiteral("no_check_in_planned")).toInt() == 1);
    CHECK(worker(r, "a.okoro") == QJsonObject{{QStringLiteral("open_episodes"), 2}, {QStringLiteral("overdue_check_ins"), 1}});
    CHECK(worker(r, "d.murray") == QJsonObject{{QStringLiteral("open_episodes"), 1}, {QStringLiteral("overdue_check_ins"), 1}});
    CHECK(worker(r, "b.hughes") == QJsonObject{{QStringLiteral("open_episodes"), 2}, {QStringLiteral("overdue_check_ins"), 0}});
    CHECK(worker(r, "unassigned").value(QStringLiteral("open_episodes")).toInt() == 1);
    CHECK(r.value(QStringLiteral("by_key_worker")).toObject().size() == 5);
    const QJsonObject contacts = r.value(QStringLiteral("contacts")).toObject();
    CHECK(contacts.value(QStringLiteral("total")).toInt() == 8);
    CHECK(contacts.value(QStringLiteral("by_mode")).toObject().value(QStringLiteral("phone")).toInt() == 2);
    CHECK(contacts.value(QStringLiteral("by_mode")).toObject().value(QStringLiteral("clinic")).toInt() == 3);
    CHECK(contacts.value(QStringLiteral("by_outcome")).toObject().value(QStringLiteral("attended")).toInt() == 6);
    CHECK(contacts.value(QStringLiteral("dna_rate")).toDouble() == 14.3);
    CHECK(r.value(QStringLiteral("as_of")).toString() == QStringLiteral("2024-06-30"));
    checkGolden(json.out.toUtf8(), "caseload.json");

    const Outcome csv = cli.run(caseloadReport(db, {QStringLiteral("--format"), QStringLiteral("csv")}));
    REQUIRE(csv.exitCode == 0);
    CHECK(csv.out.contains(QStringLiteral("a.okoro,2,1\r\n")));
    checkGolden(csv.out.toUtf8(), "caseload.csv");

    const QString pdf = cli.path(QStringLiteral("caseload.pdf"));
    const Outcome printed = cli.run(caseloadReport(db, {QStringLiteral("--format"), QStringLiteral("pdf"), QStringLiteral("--out"), pdf}));
    INFO(describe(printed));
    REQUIRE(printed.exitCode == 0);
    const QString text = pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Caseload")));
    CHECK(text.contains(QStringLiteral("Open episodes of the whole team on 30-Jun-2024")));
    CHECK(text.contains(QStringLiteral("DNA rate (%)")));
    CHECK(text.contains(QStringLiteral("14.3")));
    CHECK(text.contains(QStringLiteral("Printed by test.admin")));
    CHECK(text.contains(QStringLiteral("Page 1 of 2"))); // the chart of open episodes by key worker takes room
    CHECK(text.contains(QStringLiteral("Page 2 of 2")));
    CHECK(text.contains(QStringLiteral("Open episodes by key worker")));
    CHECK_FALSE(text.contains(QStringLiteral("Testpatient"))); // a multi-patient report names nobody
}

TEST_CASE("a pdf report needs --out", "[cli][report]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("caseload.sqlite"));
    importFixture(cli, db);
    const Outcome o = cli.run(caseloadReport(db, {QStringLiteral("--format"), QStringLiteral("pdf")}));
    CHECK(o.exitCode == 2);
    checkOneLineReason(o, QStringLiteral("--out"));
}

TEST_CASE("a file of referral refs and key_worker sets key workers and nothing else", "[cli][import][caseload]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("caseload.sqlite"));
    importFixture(cli, db);
    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("referrals"), fixture("key_workers_only.csv")});
    INFO(describe(o));
    REQUIRE(o.exitCode == 0);
    const QJsonObject r = jsonOf(cli.run(caseloadReport(db)));
    CHECK(worker(r, "e.lindqvist").value(QStringLiteral("open_episodes")).toInt() == 1); // K4 handed over
    CHECK(worker(r, "a.okoro").value(QStringLiteral("open_episodes")).toInt() == 1);     // K1 left a.okoro
    CHECK(worker(r, "unassigned").value(QStringLiteral("open_episodes")).toInt() == 1);  // an empty cell clears
    CHECK(r.value(QStringLiteral("open_episodes")).toInt() == 7); // triage and discharges untouched
    auto opened = openDatabase(db);
    CHECK(scalar(*opened, QStringLiteral("SELECT pathway FROM referral WHERE referral_ref = 'K1'")).toString()
          == QStringLiteral("community_physio"));
    CHECK(scalar(*opened, QStringLiteral("SELECT discharged_on FROM referral WHERE referral_ref = 'K6'")).toString()
          == QStringLiteral("2024-06-30"));
}

TEST_CASE("a contact dated after the patient died is refused, with line, column and reason", "[cli][import][caseload]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("caseload.sqlite"));
    importFixture(cli, db);
    const Outcome o = cli.run({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                               QStringLiteral("contacts"), fixture("contact_after_death.csv")});
    INFO(describe(o));
    CHECK(o.exitCode != 0);
    CHECK(o.err.contains(QStringLiteral("line 2, column contact_on")));
    CHECK(o.err.contains(QStringLiteral("after the patient died (2024-05-01)")));
    auto opened = openDatabase(db);
    CHECK(scalar(*opened, QStringLiteral("SELECT COUNT(*) FROM contact WHERE contact_ref = 'X14'")).toInt() == 0);
}
