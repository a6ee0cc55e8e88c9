// `import --kind referrals`, `contacts` and `assessments` (interchange contract "CSV files"):
// values stored as the contract says, atomic imports with every bad row reported as line and
// column, idempotent re-import (matched on *_ref, or on the other columns without one),
// STarT Back scored on import (clinical reference §1), and --skip-invalid.
// Fixture files: tests/data/episodes/ (invented people, NHS numbers from the 999 test range).
#include "domain/assessment.h"
#include "domain/referral.h"
#include "interchange/csvimport.h"
#include "interchange/csvreader.h"
#include "interchange/patientimport.h"
#include "interchange/referralimport.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "storage/assessmentrepository.h"
#include "storage/changelog.h"
#include "storage/referralrepository.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <optional>

using namespace painmdt;
using namespace painmdt::test;
using interchange::ImportIssue;
using interchange::ImportOptions;
using interchange::ImportSummary;

namespace {

// The fixture folder, found from this source file (the interchange tests have no data define).
QByteArray episodeFile(const char *name)
{
    const QDir here = QFileInfo(QStringLiteral(__FILE__)).absoluteDir();
    return readBytes(here.filePath(QStringLiteral("../data/episodes/") + QLatin1String(name)));
}

std::string issuesText(const ImportSummary &s)
{
    std::string out;
    for (const ImportIssue &i : s.issues)
        out += i.text().toStdString() + "\n";
    if (!s.error.isEmpty())
        out += "error: " + s.error.toStdString() + "\n";
    return out;
}

enum class Kind { Referrals, Contacts, Assessments };

struct EpisodeFixture {
    TempDatabase t;
    services::PatientService patients{*t, fixedStamps()};
    services::ReferralService service{*t, fixedStamps()};

    // A fresh importer per file, as the command line makes one per run.
    ImportSummary run(Kind kind, const QByteArray &csv, const ImportOptions &options = {})
    {
        switch (kind) {
        case Kind::Referrals: {
            interchange::ReferralImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        case Kind::Contacts: {
            interchange::ContactImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        case Kind::Assessments: {
            interchange::AssessmentImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        }
        return {};
    }
    // Imports the fixture file or fails the test.
    ImportSummary load(Kind kind, const char *file)
    {
        const ImportSummary s = run(kind, episodeFile(file));
        INFO(file << "\n" << issuesText(s));
        REQUIRE(s.ok);
        REQUIRE(s.rejected == 0);
        return s;
    }
    void loadPatients()
    {
        interchange::PatientImporter importer(patients);
        const ImportSummary s = interchange::importCsv(*t, importer, episodeFile("patients.csv"), {});
        INFO(issuesText(s));
        REQUIRE(s.ok);
        REQUIRE(s.added == 4);
    }
    void loadReferrals()
    {
        loadPatients();
        load(Kind::Referrals, "referrals_good.csv");
    }

    int count(const char *table) { return countRows(*t, QLatin1String(table)); }
    int changes() { return count("change_log"); }
    qint64 patientId(const char *ref)
    {
        const auto p = patients.repository().byRef(QLatin1String(ref));
        INFO(ref);
        REQUIRE(p);
        return p->id;
    }
    domain::Referral referral(const char *ref)
    {
        const auto r = service.repository().byRef(QLatin1String(ref));
        INFO(ref);
        REQUIRE(r);
        return *r;
    }
    domain::Contact contact(const char *ref)
    {
        const auto c = service.repository().contactByRef(QLatin1String(ref));
        INFO(ref);
        REQUIRE(c);
        return *c;
    }
    domain::Assessment assessment(const QString &ref)
    {
        const auto a = service.assessments().repository().byRef(ref);
        INFO(ref.toStdString());
        REQUIRE(a);
        return *a;
    }
};

// One kind of bad row: the file must be rejected as a whole with this exact issue.
struct BadRow {
    const char *name;
    QByteArray csv;
    int line;
    const char *column;
    const char *text; // part of the message
};

void checkRejected(EpisodeFixture &f, Kind kind, const BadRow &c, const char *table)
{
    const int rowsBefore = f.count(table);
    const int changesBefore = f.changes();
    const ImportSummary s = f.run(kind, c.csv);
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    CHECK(s.added == 0);
    CHECK(s.updated == 0);
    REQUIRE(s.issues.size() == 1);
    const ImportIssue &issue = s.issues.front();
    CHECK(issue.line == c.line);
    CHECK(issue.column == QLatin1String(c.column));
    CHECK(issue.message.contains(QLatin1String(c.text)));
    CHECK(issue.text().startsWith(QStringLiteral("line %1, column %2: ").arg(c.line).arg(QLatin1String(c.column))));
    // Atomic: the good row before the bad one was not written either.
    CHECK(f.count(table) == rowsBefore);
    CHECK(f.changes() == changesBefore);
}

} // namespace

TEST_CASE("The fixed test clock's today is 3 June 2024", "[interchange][episodes]")
{
    // The future-date cases below rely on it (fixedNow() is 09:30 UTC, the same day locally).
    REQUIRE(fixedStamps().today() == QDate(2024, 6, 3));
}

// --- referrals ---

TEST_CASE("A valid referrals file imports every row with the contract's values", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadPatients();
    const int changesBefore = f.changes();
    const ImportSummary s = f.load(Kind::Referrals, "referrals_good.csv");
    CHECK(s.rows == 4);
    CHECK(s.added == 4);
    CHECK(s.updated == 0);
    CHECK(s.unchanged == 0);
    CHECK(s.issues.empty());
    CHECK(f.count("referral") == 4);
    CHECK(f.changes() == changesBefore + 4);

    const auto r1 = f.referral("RF001");
    CHECK(r1.patientId == f.patientId("EP0001"));
    CHECK(r1.receivedOn == QDate(2024, 1, 15));
    CHECK(r1.source == QStringLiteral("gp"));              // "GP" lower-cased
    CHECK(r1.priority == QStringLiteral("routine"));       // empty -> default
    CHECK(r1.reason == QStringLiteral("Low back pain for six months"));
    CHECK(r1.triagedOn == QDate(2024, 1, 22));
    CHECK(r1.pathway == QStringLiteral("community_physio")); // "Community_Physio" lower-cased
    CHECK_FALSE(r1.isDischarged());
    CHECK(r1.rowVersion == 1);

    const auto r2 = f.referral("RF002");
    CHECK(r2.patientId == f.patientId("EP0002"));
    CHECK(r2.source == QStringLiteral("ae"));
    CHECK(r2.priority == QStringLiteral("urgent"));        // "URGENT" lower-cased
    CHECK(r2.reason == QStringLiteral("Widespread pain, three A&E visits"));
    CHECK_FALSE(r2.isTriaged());
    CHECK(r2.pathway.isEmpty());

    const auto r3 = f.referral("RF003");
    CHECK(r3.priority == QStringLiteral("routine"));
    CHECK(r3.reason.isEmpty());
    CHECK(r3.triagedOn == QDate(2024, 3, 12));
    CHECK(r3.pathway == QStringLiteral("declined"));
    CHECK(r3.dischargedOn == QDate(2024, 3, 12));
    CHECK(r3.dischargeReason == QStringLiteral("Declined at triage"));

    // Received and triaged today (the fixed clock's date) is not "in the future".
    const auto r4 = f.referral("RF004");
    CHECK(r4.receivedOn == QDate(2024, 6, 3));
    CHECK(r4.triagedOn == QDate(2024, 6, 3));
    CHECK(r4.pathway == QStringLiteral("psych_informed_physio"));
    CHECK(r4.patientId == f.patientId("EP0001"));

    const auto log = storage::changesOf(*f.t, QStringLiteral("referral"), r1.id);
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == QStringLiteral("create"));
    CHECK(log[0].actor == testActor);
}

TEST_CASE("Re-importing a referrals file changes nothing; a changed row updates", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const int changesAfterFirst = f.changes();
    const QByteArray file = episodeFile("referrals_good.csv");

    const ImportSummary again = f.run(Kind::Referrals, file);
    INFO(issuesText(again));
    REQUIRE(again.ok);
    CHECK(again.rows == 4);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 4);
    CHECK(f.count("referral") == 4);
    CHECK(f.changes() == changesAfterFirst);
    CHECK(f.referral("RF001").rowVersion == 1);

    // The same values spelled differently (code case, "routine" written out) are still unchanged.
    const ImportSummary respelled = f.run(Kind::Referrals,
        "referral_ref,patient_ref,received_on,source,priority,triaged_on,pathway,reason\n"
        "RF001,EP0001,2024-01-15,gp,Routine,2024-01-22,community_physio, Low back pain for six months \n");
    INFO(issuesText(respelled));
    REQUIRE(respelled.ok);
    CHECK(respelled.unchanged == 1);
    CHECK(f.changes() == changesAfterFirst);

    // RF002 is now triaged; the rest of the file is as before.
    QByteArray changed = file;
    changed.replace("RF002,EP0002,2024-02-01,ae,URGENT,\"Widespread pain, three A&E visits\",,,,",
                    "RF002,EP0002,2024-02-01,ae,URGENT,\"Widespread pain, three A&E visits\",2024-02-10,spinal_service,,");
    REQUIRE(changed != file);
    const ImportSummary update = f.run(Kind::Referrals, changed);
    INFO(issuesText(update));
    REQUIRE(update.ok);
    CHECK(update.added == 0);
    CHECK(update.updated == 1);
    CHECK(update.unchanged == 3);
    CHECK(f.count("referral") == 4);
    CHECK(f.changes() == changesAfterFirst + 1);

    const auto r2 = f.referral("RF002");
    CHECK(r2.triagedOn == QDate(2024, 2, 10));
    CHECK(r2.pathway == QStringLiteral("spinal_service"));
    CHECK(r2.priority == QStringLiteral("urgent"));
    CHECK(r2.rowVersion == 2);
    const auto log = storage::changesOf(*f.t, QStringLiteral("referral"), r2.id);
    REQUIRE(log.size() == 2);
    CHECK(log[1].action == QStringLiteral("update"));
    QStringList changedColumns = QJsonDocument::fromJson(log[1].changesJson.toUtf8()).object().keys();
    changedColumns.sort();
    CHECK(changedColumns == (QStringList{QStringLiteral("pathway"), QStringLiteral("triaged_on")}));
}

TEST_CASE("A bad referral row is reported at its line and column and nothing is written", "[interchange][episodes]")
{
    const QByteArray header = "referral_ref,patient_ref,received_on,source,priority,triaged_on,pathway,discharged_on,discharge_reason\n";
    const QByteArray good = "RF100,EP0001,2024-01-10,gp,,,,,\n";
    const std::vector<BadRow> cases{
        {"unknown patient_ref", header + good + "RF101,EP9999,2024-01-10,gp,,,,,\n", 3, "patient_ref",
         "no patient has patient_ref EP9999"},
        {"empty patient_ref", header + good + "RF101,,2024-01-10,gp,,,,,\n", 3, "patient_ref", "required"},
        {"empty referral_ref", header + good + ",EP0001,2024-01-10,gp,,,,,\n", 3, "referral_ref", "required"},
        {"unknown source code", header + good + "RF101,EP0001,2024-01-10,hospital,,,,,\n", 3, "source",
         "\"hospital\" is not a valid source code"},
        {"empty source", header + good + "RF101,EP0001,2024-01-10,,,,,,\n", 3, "source", "required"},
        {"unknown priority", header + good + "RF101,EP0001,2024-01-10,gp,soon,,,,\n", 3, "priority",
         "\"soon\" is not a valid priority code"},
        {"unknown pathway code", header + good + "RF101,EP0001,2024-01-10,gp,,2024-01-12,physio,,\n", 3, "pathway",
         "\"physio\" is not a valid pathway code"},
        {"pathway without triaged_on", header + good + "RF101,EP0001,2024-01-10,gp,,,advice,,\n", 3, "triaged_on",
         "triaged_on is required when a pathway is given"},
        {"triaged_on without pathway", header + good + "RF101,EP0001,2024-01-10,gp,,2024-01-12,,,\n", 3, "pathway",
         "pathway is required when triaged_on is given"},
        {"triaged_on before received_on", header + good + "RF101,EP0001,2024-01-10,gp,,2024-01-09,advice,,\n", 3,
         "triaged_on", "before received_on"},
        {"triaged_on in the future", header + good + "RF101,EP0001,2024-01-10,gp,,2024-06-04,advice,,\n", 3,
         "triaged_on", "future"},
        {"discharged_on before received_on", header + good + "RF101,EP0001,2024-01-10,gp,,,,2024-01-09,\n", 3,
         "discharged_on", "before received_on"},
        {"discharged_on tomorrow", header + good + "RF101,EP0001,2024-01-10,gp,,,,2024-06-04,\n", 3,
         "discharged_on", "future"},
        {"discharge_reason without discharged_on", header + good + "RF101,EP0001,2024-01-10,gp,,,,,moved away\n", 3,
         "discharged_on", "required when a discharge_reason"},
        {"received_on 12/03/2024", header + good + "RF101,EP0001,12/03/2024,gp,,,,,\n", 3, "received_on",
         "\"12/03/2024\" is not a date in the form YYYY-MM-DD"},
        {"received_on 2024-3-12", header + good + "RF101,EP0001,2024-3-12,gp,,,,,\n", 3, "received_on", "YYYY-MM-DD"},
        {"received_on 2024-02-30", header + good + "RF101,EP0001,2024-02-30,gp,,,,,\n", 3, "received_on", "YYYY-MM-DD"},
        {"triaged_on 12/03/2024", header + good + "RF101,EP0001,2024-01-10,gp,,12/03/2024,advice,,\n", 3, "triaged_on",
         "YYYY-MM-DD"},
        {"discharged_on 12/03/2024", header + good + "RF101,EP0001,2024-01-10,gp,,,,12/03/2024,\n", 3,
         "discharged_on", "YYYY-MM-DD"},
        {"empty received_on", header + good + "RF101,EP0001,,gp,,,,,\n", 3, "received_on", "required"},
        {"received_on tomorrow", header + good + "RF101,EP0001,2024-06-04,gp,,,,,\n", 3, "received_on", "future"},
        {"referral_ref repeated in the file", header + good + "RF100,EP0002,2024-01-11,ae,,,,,\n", 3, "referral_ref",
         "RF100 appears again (first on line 2)"},
        {"missing required column source", "referral_ref,patient_ref,received_on\nRF101,EP0001,2024-01-10\n", 1,
         "source", "required column is missing"},
        {"missing required column patient_ref", "referral_ref,received_on,source\nRF101,2024-01-10,gp\n", 1,
         "patient_ref", "required column is missing"},
        {"unknown column", "referral_ref,patient_ref,received_on,source,ward\nRF101,EP0001,2024-01-10,gp,4\n", 1,
         "ward", "unknown column"},
        {"header only", header, 1, "", "no rows"},
    };
    for (const BadRow &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            EpisodeFixture f;
            f.loadPatients();
            if (QByteArray(c.column).isEmpty()) {
                const ImportSummary s = f.run(Kind::Referrals, c.csv);
                CHECK_FALSE(s.ok);
                REQUIRE(s.issues.size() == 1);
                CHECK(s.issues[0].line == c.line);
                CHECK(s.issues[0].message.contains(QLatin1String(c.text)));
                CHECK(f.count("referral") == 0);
            } else {
                checkRejected(f, Kind::Referrals, c, "referral");
            }
        }
    }
}

TEST_CASE("Every bad referral row of a file is listed, in line order", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadPatients();
    const ImportSummary s = f.run(Kind::Referrals,
        "referral_ref,patient_ref,received_on,source,priority\n"
        "RF1,EP0001,2024-01-10,gp,\n"
        "RF2,EP0404,2024-01-10,gp,\n"
        "RF3,EP0002,2024-01-10,gp,\n"
        "RF4,EP0003,2024-01-10,fax,later\n");
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    CHECK(s.rows == 4);
    CHECK(s.rejected == 2);
    CHECK(s.added == 0);
    QStringList texts;
    for (const ImportIssue &i : s.issues)
        texts << i.text().section(QLatin1Char(':'), 0, 0);
    CHECK(texts == (QStringList{QStringLiteral("line 3, column patient_ref"), QStringLiteral("line 5, column source"),
                                QStringLiteral("line 5, column priority")}));
    CHECK(f.count("referral") == 0);
}

// --- contacts ---

TEST_CASE("A valid contacts file imports, with and without contact_ref, outcomes as given", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const int changesBefore = f.changes();
    const ImportSummary s = f.load(Kind::Contacts, "contacts_good.csv");
    CHECK(s.rows == 5);
    CHECK(s.added == 5);
    CHECK(f.count("contact") == 5);
    CHECK(f.changes() == changesBefore + 5);

    const auto c1 = f.contact("CT001");
    CHECK(c1.referralId == f.referral("RF001").id);
    CHECK(c1.contactOn == QDate(2024, 2, 5));
    CHECK(c1.mode == QStringLiteral("clinic")); // "Clinic" lower-cased
    CHECK(c1.outcome == QStringLiteral("attended"));
    CHECK(c1.staff == QStringLiteral("j.physio"));
    CHECK(c1.durationMinutes == std::optional<int>(45));
    CHECK(c1.nextDueOn == QDate(2024, 3, 5));
    CHECK(c1.note == QStringLiteral("First appointment"));

    const auto c2 = f.contact("CT002");
    CHECK(c2.outcome == QStringLiteral("dna"));
    CHECK(c2.durationMinutes == std::optional<int>(0)); // 0 is a value, not "no value"

    const auto rf1 = f.service.repository().contactsOf(f.referral("RF001").id);
    REQUIRE(rf1.size() == 3);
    CHECK(rf1[2].contactRef.isEmpty());
    CHECK(rf1[2].contactOn == QDate(2024, 3, 12));
    CHECK(rf1[2].mode == QStringLiteral("phone"));
    CHECK(rf1[2].outcome == QStringLiteral("could_not_contact"));
    CHECK(rf1[2].staff.isEmpty());
    CHECK_FALSE(rf1[2].durationMinutes.has_value());
    CHECK_FALSE(rf1[2].nextDueOn.isValid());

    const auto rf2 = f.service.repository().contactsOf(f.referral("RF002").id);
    REQUIRE(rf2.size() == 2);
    CHECK(rf2[0].mode == QStringLiteral("video"));
    CHECK(rf2[0].durationMinutes == std::optional<int>(1440));
    CHECK(rf2[0].note == QStringLiteral("Discussed pacing, sleep"));
    // A cancellation with a next_due_on long past stays a cancellation: the import never
    // infers a DNA, and the file's one DNA is the only one.
    CHECK(rf2[1].outcome == QStringLiteral("cancelled_by_patient"));
    CHECK(rf2[1].nextDueOn == QDate(2024, 4, 15));
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM contact WHERE outcome = 'dna'")).toInt() == 1);
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM contact WHERE outcome = 'attended'")).toInt() == 2);
    // Importing contacts does not touch the referrals.
    CHECK(f.referral("RF002").rowVersion == 1);
    CHECK_FALSE(f.referral("RF002").isDischarged());
}

TEST_CASE("Re-importing a contacts file changes nothing; rows without contact_ref are matched, not duplicated",
          "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    f.load(Kind::Contacts, "contacts_good.csv");
    const int changesAfterFirst = f.changes();
    const QByteArray file = episodeFile("contacts_good.csv");

    const ImportSummary again = f.run(Kind::Contacts, file);
    INFO(issuesText(again));
    REQUIRE(again.ok);
    CHECK(again.rows == 5);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 5);
    CHECK(f.count("contact") == 5);
    CHECK(f.changes() == changesAfterFirst);

    // A third time: still no duplicates (the unmatched row would otherwise multiply).
    REQUIRE(f.run(Kind::Contacts, file).ok);
    CHECK(f.count("contact") == 5);

    // A row without a ref whose note changed is the same contact (same referral, date, mode,
    // outcome and staff): updated in place. A ref'd row with a new outcome is updated too.
    QByteArray changed = file;
    changed.replace("a.nurse,1440,,\"Discussed pacing, sleep\"", "a.nurse,1440,,\"Discussed pacing, sleep and work\"");
    changed.replace("CT002,RF001,2024-03-05,phone,DNA", "CT002,RF001,2024-03-05,phone,cancelled_by_service");
    REQUIRE(changed != file);
    const ImportSummary update = f.run(Kind::Contacts, changed);
    INFO(issuesText(update));
    REQUIRE(update.ok);
    CHECK(update.added == 0);
    CHECK(update.updated == 2);
    CHECK(update.unchanged == 3);
    CHECK(f.count("contact") == 5);
    CHECK(f.changes() == changesAfterFirst + 2);
    CHECK(f.contact("CT002").outcome == QStringLiteral("cancelled_by_service"));
    CHECK(f.contact("CT002").rowVersion == 2);
    const auto rf2 = f.service.repository().contactsOf(f.referral("RF002").id);
    REQUIRE(rf2.size() == 2);
    CHECK(rf2[0].note == QStringLiteral("Discussed pacing, sleep and work"));
    CHECK(rf2[0].rowVersion == 2);
}

TEST_CASE("Contacts without contact_ref or staff columns are matched on re-import, not duplicated",
          "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    // No contact_ref and no staff column at all: the staff of every row is "no value".
    const QByteArray csv = "referral_ref,contact_on,mode,outcome\n"
                           "RF001,2024-02-05,clinic,attended\n"
                           "RF001,2024-02-19,phone,dna\n"
                           "RF002,2024-02-20,video,attended\n";
    const ImportSummary first = f.run(Kind::Contacts, csv);
    INFO(issuesText(first));
    REQUIRE(first.ok);
    CHECK(first.added == 3);
    const int changesAfterFirst = f.changes();

    for (int run = 2; run <= 3; ++run) {
        INFO("run " << run);
        const ImportSummary again = f.run(Kind::Contacts, csv);
        INFO(issuesText(again));
        REQUIRE(again.ok);
        CHECK(again.added == 0);
        CHECK(again.unchanged == 3);
        CHECK(f.count("contact") == 3);
        CHECK(f.changes() == changesAfterFirst);
    }

    // The same contacts with an empty staff cell are the same contacts too.
    const ImportSummary withEmptyStaff = f.run(Kind::Contacts, "referral_ref,contact_on,mode,outcome,staff\n"
                                                               "RF001,2024-02-05,clinic,attended,\n"
                                                               "RF001,2024-02-19,phone,dna, \n");
    INFO(issuesText(withEmptyStaff));
    REQUIRE(withEmptyStaff.ok);
    CHECK(withEmptyStaff.unchanged == 2);
    CHECK(f.count("contact") == 3);

    // A different clinician on the same day is a different contact.
    const ImportSummary otherStaff = f.run(Kind::Contacts, "referral_ref,contact_on,mode,outcome,staff\n"
                                                           "RF001,2024-02-05,clinic,attended,b.psych\n");
    REQUIRE(otherStaff.ok);
    CHECK(otherStaff.added == 1);
    CHECK(f.count("contact") == 4);
}

TEST_CASE("A bad contact row is reported at its line and column and nothing is written", "[interchange][episodes]")
{
    const QByteArray header = "contact_ref,referral_ref,contact_on,mode,outcome,staff,duration_minutes,next_due_on\n";
    const QByteArray good = "CT100,RF001,2024-02-05,clinic,attended,j.physio,30,\n";
    const std::vector<BadRow> cases{
        {"unknown referral_ref", header + good + "CT101,RF999,2024-02-05,clinic,attended,,,\n", 3, "referral_ref",
         "no referral has referral_ref RF999"},
        {"empty referral_ref", header + good + "CT101,,2024-02-05,clinic,attended,,,\n", 3, "referral_ref", "required"},
        {"unknown mode", header + good + "CT101,RF001,2024-02-05,teams,attended,,,\n", 3, "mode",
         "\"teams\" is not a valid mode code"},
        {"unknown outcome", header + good + "CT101,RF001,2024-02-05,clinic,no_show,,,\n", 3, "outcome",
         "\"no_show\" is not a"},
        {"empty outcome", header + good + "CT101,RF001,2024-02-05,clinic,,,,\n", 3, "outcome", "required"},
        {"duration_minutes not a number", header + good + "CT101,RF001,2024-02-05,clinic,attended,,forty,\n", 3,
         "duration_minutes", "\"forty\" is not a whole number"},
        {"duration_minutes a fraction", header + good + "CT101,RF001,2024-02-05,clinic,attended,,12.5,\n", 3,
         "duration_minutes", "not a whole number"},
        {"duration_minutes above 1440", header + good + "CT101,RF001,2024-02-05,clinic,attended,,1441,\n", 3,
         "duration_minutes", "from 0 to 1440"},
        {"duration_minutes negative", header + good + "CT101,RF001,2024-02-05,clinic,attended,,-5,\n", 3,
         "duration_minutes", "from 0 to 1440"},
        {"next_due_on before contact_on", header + good + "CT101,RF001,2024-02-05,clinic,attended,,,2024-02-04\n", 3,
         "next_due_on", "next_due_on is before contact_on"},
        {"contact_on 12/03/2024", header + good + "CT101,RF001,12/03/2024,clinic,attended,,,\n", 3, "contact_on",
         "YYYY-MM-DD"},
        {"empty contact_on", header + good + "CT101,RF001,,clinic,attended,,,\n", 3, "contact_on", "required"},
        {"contact_ref repeated in the file", header + good + "CT100,RF001,2024-02-06,phone,attended,,,\n", 3,
         "contact_ref", "CT100 appears again (first on line 2)"},
        {"missing required column outcome", "referral_ref,contact_on,mode\nRF001,2024-02-05,clinic\n", 1, "outcome",
         "required column is missing"},
        {"unknown column", "referral_ref,contact_on,mode,outcome,room\nRF001,2024-02-05,clinic,attended,4\n", 1, "room",
         "unknown column"},
    };
    for (const BadRow &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            EpisodeFixture f;
            f.loadReferrals();
            checkRejected(f, Kind::Contacts, c, "contact");
        }
    }
}

// --- assessments ---

TEST_CASE("A valid assessments file stores answers, scores and bands", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const int changesBefore = f.changes();
    const ImportSummary s = f.load(Kind::Assessments, "assessments_good.csv");
    CHECK(s.rows == 6);
    CHECK(s.added == 6);
    CHECK(f.count("assessment") == 6);
    CHECK(f.changes() == changesBefore + 6);

    // 1;0;0;1;1;1;1;0;3: items 1-8 give 5, item 9 "very much" scores 1 -> total 6;
    // psychosocial items 5-9 -> 4 -> High.
    const auto sb = f.assessment(QStringLiteral("AS001"));
    CHECK(sb.patientId == f.patientId("EP0001"));
    CHECK(sb.referralId == f.referral("RF001").id);
    CHECK(sb.instrument == QStringLiteral("startback"));
    CHECK(sb.instrumentVersion == QStringLiteral("1"));
    CHECK(sb.occasion == QStringLiteral("referral"));
    CHECK(sb.collectedOn == QDate(2024, 1, 22));
    CHECK(domain::formatAnswers(sb.answers) == QStringLiteral("1;0;0;1;1;1;1;0;3")); // raw codes kept
    CHECK(sb.result.value(QStringLiteral("total")) == std::optional<double>(6));
    CHECK(sb.result.value(QStringLiteral("psychosocial")) == std::optional<double>(4));
    CHECK(sb.result.complete);
    CHECK(sb.result.band == QStringLiteral("High"));
    CHECK(sb.result.scoringVersion == QStringLiteral("startback-1"));
    const auto latest = f.service.assessments().repository().latestFor(f.referral("RF001").id, QStringLiteral("startback"));
    REQUIRE(latest);
    CHECK(latest->id == sb.id);

    // A blank item: incomplete, no band, no total (never a guessed 0); codes upper-case in the file.
    const auto blank = f.assessment(QStringLiteral("AS002"));
    CHECK(blank.instrument == QStringLiteral("startback"));
    CHECK(blank.occasion == QStringLiteral("referral"));
    REQUIRE(blank.answers.size() == 9);
    CHECK_FALSE(blank.answers[2].has_value());
    CHECK(domain::formatAnswers(blank.answers) == QStringLiteral("1;0;;1;1;1;1;0;3"));
    CHECK_FALSE(blank.result.complete);
    CHECK(blank.result.band.isEmpty());
    CHECK_FALSE(blank.result.value(QStringLiteral("total")).has_value());
    CHECK(blank.result.value(QStringLiteral("psychosocial")) == std::optional<double>(4)); // its items are all answered
    // The worklists show such a referral as "incomplete", not as a stratum.
    const auto rf2 = f.service.repository().awaitingTriage(10);
    const auto row = std::find_if(rf2.begin(), rf2.end(), [](const storage::ReferralRow &r) {
        return r.referral.referralRef == QStringLiteral("RF002");
    });
    REQUIRE(row != rf2.end());
    CHECK(row->stratum == QStringLiteral("incomplete"));

    const auto nrs = f.assessment(QStringLiteral("AS003"));
    CHECK(nrs.instrument == QStringLiteral("nrs_pain"));
    CHECK(nrs.occasion == QStringLiteral("assessment"));
    CHECK(nrs.result.value(QStringLiteral("score")) == std::optional<double>(7));
    CHECK(nrs.result.band == QStringLiteral("Severe"));
    CHECK(nrs.result.complete);

    const auto phq = f.assessment(QStringLiteral("AS004"));
    CHECK(phq.answers.size() == 9);
    CHECK(phq.result.value(QStringLiteral("total")) == std::optional<double>(12));
    CHECK(phq.result.band == QStringLiteral("Moderate"));

    // Rows without assessment_ref, one not tied to a referral.
    const auto ep3 = f.service.assessments().repository().forPatient(f.patientId("EP0003"));
    REQUIRE(ep3.size() == 2);
    for (const auto &a : ep3) {
        CHECK(a.assessmentRef.isEmpty());
        CHECK(a.collectedOn == QDate(2024, 3, 10));
        if (a.instrument == QStringLiteral("nrs_pain")) {
            CHECK(a.referralId == 0);
            CHECK(a.result.value(QStringLiteral("score")) == std::optional<double>(4)); // " 4" trimmed
            CHECK(a.result.band == QStringLiteral("Mild"));
        } else {
            CHECK(a.instrument == QStringLiteral("phq9"));
            CHECK(a.referralId == f.referral("RF003").id);
            CHECK(a.result.value(QStringLiteral("total")) == std::optional<double>(3));
            CHECK(a.result.band == QStringLiteral("Minimal"));
        }
    }
}

TEST_CASE("STarT Back boundaries through import (clinical reference §1)", "[interchange][episodes]")
{
    struct Case {
        const char *answers;
        std::optional<double> total, psychosocial;
        const char *band;
    };
    const std::vector<Case> cases{
        {"0;0;0;0;0;0;0;0;0", 0, 0, "Low"},
        {"0;0;0;0;1;1;0;0;3", 3, 3, "Low"},    // (3,3): item 9 "very much" counts
        {"1;0;0;0;1;1;1;0;2", 4, 3, "Medium"}, // (4,3): item 9 "moderately" does not count
        {"0;0;0;0;1;1;1;0;4", 4, 4, "High"},   // (4,4)
        {"1;1;1;1;1;1;0;0;3", 7, 3, "Medium"}, // (7,3)
        {"1;1;1;1;0;0;0;0;1", 4, 0, "Medium"},
        {"1;1;1;1;1;1;1;1;4", 9, 5, "High"},
        {"0;0;0;0;1;1;1;1;0", 4, 4, "High"},
        {"1;1;1;;0;0;0;0;0", std::nullopt, 0, ""},      // incomplete total: no stratum
        {"1;1;1;1;1;1;1;1;", std::nullopt, std::nullopt, ""},
    };
    EpisodeFixture f;
    f.loadReferrals();
    QByteArray csv = "assessment_ref,patient_ref,referral_ref,instrument,occasion,collected_on,answers\n";
    for (size_t i = 0; i < cases.size(); ++i)
        csv += "SB" + QByteArray::number(int(i)) + ",EP0002,RF002,startback,referral,2024-02-0"
            + QByteArray::number(int(i % 9) + 1) + "," + cases[i].answers + "\n";
    const ImportSummary s = f.run(Kind::Assessments, csv);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.added == int(cases.size()));

    for (size_t i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        INFO("answers " << c.answers);
        const auto a = f.assessment(QStringLiteral("SB%1").arg(i));
        CHECK(domain::formatAnswers(a.answers) == QLatin1String(c.answers));
        CHECK(a.result.value(QStringLiteral("total")) == c.total);
        CHECK(a.result.value(QStringLiteral("psychosocial")) == c.psychosocial);
        CHECK(a.result.band == QLatin1String(c.band));
        CHECK(a.result.complete == c.total.has_value());
    }
}

TEST_CASE("Re-importing an assessments file changes nothing; a changed answer rescores", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    f.load(Kind::Assessments, "assessments_good.csv");
    const int changesAfterFirst = f.changes();
    const QByteArray file = episodeFile("assessments_good.csv");

    const ImportSummary again = f.run(Kind::Assessments, file);
    INFO(issuesText(again));
    REQUIRE(again.ok);
    CHECK(again.rows == 6);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.unchanged == 6);
    CHECK(f.count("assessment") == 6);
    CHECK(f.changes() == changesAfterFirst);

    // AS001 item 9 now "moderately" (2): total 5, psychosocial 3 -> Medium.
    QByteArray changed = file;
    changed.replace("AS001,EP0001,RF001,startback,referral,2024-01-22,1;0;0;1;1;1;1;0;3",
                    "AS001,EP0001,RF001,startback,referral,2024-01-22,1;0;0;1;1;1;1;0;2");
    REQUIRE(changed != file);
    const ImportSummary update = f.run(Kind::Assessments, changed);
    INFO(issuesText(update));
    REQUIRE(update.ok);
    CHECK(update.updated == 1);
    CHECK(update.unchanged == 5);
    CHECK(update.added == 0);
    CHECK(f.count("assessment") == 6);
    CHECK(f.changes() == changesAfterFirst + 1);
    const auto sb = f.assessment(QStringLiteral("AS001"));
    CHECK(sb.result.value(QStringLiteral("total")) == std::optional<double>(5));
    CHECK(sb.result.value(QStringLiteral("psychosocial")) == std::optional<double>(3));
    CHECK(sb.result.band == QStringLiteral("Medium"));
    CHECK(sb.rowVersion == 2);
}

TEST_CASE("A bad assessment row is reported at its line and column and nothing is written", "[interchange][episodes]")
{
    const QByteArray header = "assessment_ref,patient_ref,referral_ref,instrument,occasion,collected_on,answers\n";
    const QByteArray good = "AS100,EP0001,RF001,nrs_pain,referral,2024-01-22,6\n";
    const std::vector<BadRow> cases{
        {"unknown instrument", header + good + "AS101,EP0001,RF001,eq5d,referral,2024-01-22,1\n", 3, "instrument",
         "\"eq5d\" is not a known instrument"},
        {"startback item 9 out of range", header + good + "AS101,EP0001,RF001,startback,referral,2024-01-22,1;0;0;1;1;1;1;0;7\n",
         3, "answers", "item 9: 7 is not an answer code (0-4)"},
        {"startback item 1 out of range", header + good + "AS101,EP0001,RF001,startback,referral,2024-01-22,2;0;0;1;1;1;1;0;3\n",
         3, "answers", "item 1: 2 is not an answer code (0-1)"},
        {"startback too few answers", header + good + "AS101,EP0001,RF001,startback,referral,2024-01-22,1;0;0;1;1;1;1;0\n",
         3, "answers", "9 answers expected, 8 given"},
        {"startback too many answers", header + good + "AS101,EP0001,RF001,startback,referral,2024-01-22,1;0;0;1;1;1;1;0;3;1\n",
         3, "answers", "9 answers expected, 10 given"},
        {"non-numeric answer", header + good + "AS101,EP0001,RF001,startback,referral,2024-01-22,1;0;x;1;1;1;1;0;3\n", 3,
         "answers", "item 3: \"x\" is not a whole number"},
        {"nrs_pain 11", header + good + "AS101,EP0001,RF001,nrs_pain,review,2024-02-22,11\n", 3, "answers",
         "item 1: 11 is not an answer code (0-10)"},
        {"nrs_pain two values", header + good + "AS101,EP0001,RF001,nrs_pain,review,2024-02-22,3;4\n", 3, "answers",
         "1 answers expected, 2 given"},
        {"phq9 item 5 is 4", header + good + "AS101,EP0001,RF001,phq9,review,2024-02-22,0;1;2;3;4;3;2;1;0\n", 3,
         "answers", "item 5: 4 is not an answer code (0-3)"},
        {"unknown occasion", header + good + "AS101,EP0001,RF001,nrs_pain,baseline,2024-02-22,5\n", 3, "occasion",
         "\"baseline\" is not an occasion"},
        {"referral_ref of another patient", header + good + "AS101,EP0002,RF001,nrs_pain,referral,2024-02-22,5\n", 3,
         "referral_ref", "referral RF001 belongs to another patient"},
        {"unknown referral_ref", header + good + "AS101,EP0001,RF999,nrs_pain,referral,2024-02-22,5\n", 3,
         "referral_ref", "no referral has referral_ref RF999"},
        {"unknown patient", header + good + "AS101,EP9999,,nrs_pain,referral,2024-02-22,5\n", 3, "patient_ref",
         "no patient has patient_ref EP9999"},
        {"collected_on 12/03/2024", header + good + "AS101,EP0001,RF001,nrs_pain,review,12/03/2024,5\n", 3,
         "collected_on", "YYYY-MM-DD"},
        {"empty collected_on", header + good + "AS101,EP0001,RF001,nrs_pain,review,,5\n", 3, "collected_on", "required"},
        {"assessment_ref repeated in the file", header + good + "AS100,EP0001,RF001,nrs_pain,review,2024-02-22,5\n", 3,
         "assessment_ref", "AS100 appears again (first on line 2)"},
        {"missing required column answers", "patient_ref,instrument,occasion,collected_on\nEP0001,nrs_pain,referral,2024-01-22\n",
         1, "answers", "required column is missing"},
        {"unknown column", "patient_ref,instrument,occasion,collected_on,answers,score\nEP0001,nrs_pain,referral,2024-01-22,5,5\n",
         1, "score", "unknown column"},
    };
    for (const BadRow &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            EpisodeFixture f;
            f.loadReferrals();
            checkRejected(f, Kind::Assessments, c, "assessment");
        }
    }
}

TEST_CASE("An empty answers cell is a bad row at column answers or an incomplete result, never a database error",
          "[interchange][episodes]")
{
    // Contract: `answers` is required; a missing value makes the score incomplete. For a one-item
    // instrument an empty cell is either reading; what it must not be is a failed INSERT.
    const std::vector<std::pair<const char *, QByteArray>> cases{
        {"nrs_pain", "EP0001,nrs_pain,review,2024-02-22,\n"},
        {"pgic", "EP0001,pgic,review,2024-02-22,\n"},
        {"startback", "EP0001,startback,review,2024-02-22,\n"},
    };
    for (const auto &[name, row] : cases) {
        DYNAMIC_SECTION(name)
        {
            EpisodeFixture f;
            f.loadReferrals();
            const QByteArray csv = "patient_ref,instrument,occasion,collected_on,answers\n" + row;
            const ImportSummary s = f.run(Kind::Assessments, csv);
            INFO(issuesText(s));
            CHECK(s.error.isEmpty());
            if (s.ok) {
                REQUIRE(f.count("assessment") == 1);
                const auto stored = f.service.assessments().repository().forPatient(f.patientId("EP0001"));
                REQUIRE(stored.size() == 1);
                CHECK_FALSE(stored[0].result.complete);
                CHECK(stored[0].result.band.isEmpty());
                const ImportSummary again = f.run(Kind::Assessments, csv);
                CHECK(again.unchanged == 1);
                CHECK(f.count("assessment") == 1);
            } else {
                REQUIRE(s.issues.size() == 1);
                CHECK(s.issues[0].line == 2);
                CHECK(s.issues[0].column == QStringLiteral("answers"));
                CHECK_FALSE(s.issues[0].message.contains(QStringLiteral("constraint")));
                CHECK(f.count("assessment") == 0);
            }
        }
    }
}

TEST_CASE("Every bad answer code of a row is listed in one issue per problem", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const ImportSummary s = f.run(Kind::Assessments,
        "patient_ref,instrument,occasion,collected_on,answers\n"
        "EP0001,startback,referral,2024-01-22,1;5;0;1;y;1;1;0;9\n");
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    QStringList texts;
    for (const ImportIssue &i : s.issues)
        texts << i.text();
    CHECK(texts == (QStringList{QStringLiteral("line 2, column answers: item 2: 5 is not an answer code (0-1)"),
                                QStringLiteral("line 2, column answers: item 5: \"y\" is not a whole number (answer codes 0-1)"),
                                QStringLiteral("line 2, column answers: item 9: 9 is not an answer code (0-4)")}));
    CHECK(f.count("assessment") == 0);
}

// --- --skip-invalid ---

TEST_CASE("Contacts with a rejects file: valid rows imported, bad ones written with their columns and a reason",
          "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const int changesBefore = f.changes();
    ImportOptions options;
    options.rejectsPath = f.t.dir.filePath(QStringLiteral("contact-rejects.csv"));
    const QByteArray csv = "Contact_Ref,referral_ref,contact_on,mode,outcome,staff,duration_minutes,note\n"
                           "CT1,RF001,2024-02-05,clinic,attended,j.physio,45,\"Seen, with partner\"\n"
                           "CT2,RF001,2024-02-12,teams,attended,j.physio,30,\n"
                           "CT3,RF002,2024-02-20,phone,dna,,,\n"
                           "CT4,RF404,2024-02-21,phone,attended,,long,\n";
    const ImportSummary s = f.run(Kind::Contacts, csv, options);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.rows == 4);
    CHECK(s.added == 2);
    CHECK(s.rejected == 2);
    CHECK(s.issues.size() == 3); // CT4 has two problems, both reported
    CHECK(f.count("contact") == 2);
    CHECK(f.changes() == changesBefore + 2);
    CHECK(f.contact("CT1").note == QStringLiteral("Seen, with partner"));
    CHECK(f.contact("CT3").outcome == QStringLiteral("dna"));
    CHECK_FALSE(f.service.repository().contactByRef(QStringLiteral("CT2")).has_value());
    CHECK_FALSE(f.service.repository().contactByRef(QStringLiteral("CT4")).has_value());

    const interchange::CsvTable rejects = interchange::parseCsv(readBytes(options.rejectsPath));
    REQUIRE(rejects.ok());
    CHECK(rejects.header == (QStringList{QStringLiteral("contact_ref"), QStringLiteral("referral_ref"),
                                         QStringLiteral("contact_on"), QStringLiteral("mode"), QStringLiteral("outcome"),
                                         QStringLiteral("staff"), QStringLiteral("duration_minutes"),
                                         QStringLiteral("note"), QStringLiteral("reason")}));
    REQUIRE(rejects.records.size() == 2);
    const QStringList first = rejects.records[0].fields;
    CHECK(first.mid(0, 8) == (QStringList{QStringLiteral("CT2"), QStringLiteral("RF001"), QStringLiteral("2024-02-12"),
                                          QStringLiteral("teams"), QStringLiteral("attended"), QStringLiteral("j.physio"),
                                          QStringLiteral("30"), QString()}));
    CHECK(first[8].startsWith(QStringLiteral("mode: \"teams\" is not a valid mode code")));
    const QStringList second = rejects.records[1].fields;
    CHECK(second.mid(0, 7) == (QStringList{QStringLiteral("CT4"), QStringLiteral("RF404"), QStringLiteral("2024-02-21"),
                                           QStringLiteral("phone"), QStringLiteral("attended"), QString(),
                                           QStringLiteral("long")}));
    CHECK(second[8].contains(QStringLiteral("duration_minutes: \"long\" is not a whole number")));
    CHECK(second[8].contains(QStringLiteral("referral_ref: no referral has referral_ref RF404")));
    CHECK(second[8].contains(QStringLiteral("; ")));

    // The same file again: the good rows are unchanged, the bad ones rejected again.
    const ImportSummary again = f.run(Kind::Contacts, csv, options);
    REQUIRE(again.ok);
    CHECK(again.unchanged == 2);
    CHECK(again.added == 0);
    CHECK(again.rejected == 2);
    CHECK(f.count("contact") == 2);
    CHECK(f.changes() == changesBefore + 2);
}


TEST_CASE("A re-import never moves a referral or an assessment to another patient", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    f.load(Kind::Assessments, "assessments_good.csv");
    const int changesBefore = f.changes();

    const ImportSummary referral = f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source\n"
                                                          "RF001,EP0002,2024-01-15,gp\n");
    INFO(issuesText(referral));
    REQUIRE(referral.issues.size() == 1);
    CHECK(referral.issues[0].text().startsWith(QStringLiteral("line 2, column patient_ref: referral RF001 belongs to another patient")));
    CHECK(f.referral("RF001").patientId == f.patientId("EP0001"));

    const ImportSummary assessment = f.run(Kind::Assessments,
                                           "assessment_ref,patient_ref,instrument,occasion,collected_on,answers\n"
                                           "AS003,EP0002,nrs_pain,assessment,2024-02-05,7\n");
    INFO(issuesText(assessment));
    REQUIRE(assessment.issues.size() == 1);
    CHECK(assessment.issues[0].text().startsWith(QStringLiteral("line 2, column patient_ref: assessment AS003 belongs to another patient")));
    CHECK(f.changes() == changesBefore);
}

TEST_CASE("A contact dated before its referral was received is a bad row", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const ImportSummary s = f.run(Kind::Contacts, "referral_ref,contact_on,mode,outcome\n"
                                                  "RF001,2024-01-14,phone,attended\n");
    INFO(issuesText(s));
    REQUIRE(s.issues.size() == 1);
    CHECK(s.issues[0].text() == QStringLiteral("line 2, column contact_on: contact_on is before the referral was "
                                               "received (2024-01-15)."));
    CHECK(f.count("contact") == 0);
}

TEST_CASE("A re-import never moves a contact to another referral", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    REQUIRE(f.run(Kind::Contacts, "contact_ref,referral_ref,contact_on,mode,outcome\n"
                                  "CX1,RF001,2024-02-01,clinic,attended\n").ok);
    const ImportSummary moved = f.run(Kind::Contacts, "contact_ref,referral_ref,contact_on,mode,outcome\n"
                                                      "CX1,RF002,2024-02-03,clinic,attended\n");
    INFO(issuesText(moved));
    REQUIRE(moved.issues.size() == 1);
    CHECK(moved.issues[0].text().startsWith(QStringLiteral("line 2, column referral_ref: contact CX1 belongs to another referral")));
    CHECK(f.service.repository().contactByRef(QStringLiteral("CX1"))->referralId == f.referral("RF001").id);
}

TEST_CASE("A column missing from a re-imported file leaves the stored value alone", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadPatients();
    REQUIRE(f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source,referrer,triage_notes,reason\n"
                                   "RF9,EP0001,2024-01-15,gp,Dr A Khan,Seen on ward,Back pain\n").ok);
    const ImportSummary again = f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source,priority\n"
                                                       "RF9,EP0001,2024-01-15,gp,urgent\n");
    INFO(issuesText(again));
    REQUIRE(again.updated == 1);
    const auto r = f.referral("RF9");
    CHECK(r.priority == QStringLiteral("urgent"));
    CHECK(r.referrer == QStringLiteral("Dr A Khan"));
    CHECK(r.triageNotes == QStringLiteral("Seen on ward"));
    CHECK(r.reason == QStringLiteral("Back pain"));

    // An empty cell still clears: "empty cell = no value".
    REQUIRE(f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source,referrer\n"
                                   "RF9,EP0001,2024-01-15,gp,\n").updated == 1);
    CHECK(f.referral("RF9").referrer.isEmpty());
}

TEST_CASE("An assessment re-imported with another collector or mode is updated", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const QByteArray header = "assessment_ref,patient_ref,instrument,occasion,collected_on,answers,collected_by,mode\n";
    REQUIRE(f.run(Kind::Assessments, header + "AQ1,EP0001,nrs_pain,assessment,2024-02-05,7,alice,phone\n").added == 1);
    const ImportSummary changed = f.run(Kind::Assessments, header + "AQ1,EP0001,nrs_pain,assessment,2024-02-05,7,bob,phone\n");
    INFO(issuesText(changed));
    CHECK(changed.updated == 1);
    CHECK(f.service.assessments().repository().byRef(QStringLiteral("AQ1"))->collectedBy == QStringLiteral("bob"));
}

TEST_CASE("Rejected referrals keep their own reason column; the rejection goes in reject_reason", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadPatients();
    QTemporaryDir dir;
    ImportOptions options;
    options.rejectsPath = dir.filePath(QStringLiteral("rejects.csv"));
    const ImportSummary s = f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source,reason\n"
                                                   "RF7,EP0001,2024-01-15,gp,Back pain\n"
                                                   "RF8,EP0001,2024-01-15,fax,Neck pain\n", options);
    REQUIRE(s.ok);
    const auto rejects = interchange::parseCsv(readBytes(options.rejectsPath));
    REQUIRE(rejects.ok());
    CHECK(rejects.header == QStringList{QStringLiteral("referral_ref"), QStringLiteral("patient_ref"),
                                        QStringLiteral("received_on"), QStringLiteral("source"),
                                        QStringLiteral("reason"), QStringLiteral("reject_reason")});
    REQUIRE(rejects.records.size() == 1);
    CHECK(rejects.records[0].fields.at(4) == QStringLiteral("Neck pain"));
    CHECK(rejects.records[0].fields.at(5).startsWith(QStringLiteral("source: ")));
}

TEST_CASE("The database itself refuses a contact dated before its referral, and the service says so", "[episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    domain::Contact c;
    c.referralId = f.referral("RF001").id; // received 15-Jan-2024
    c.contactOn = QDate(2024, 1, 14);
    c.mode = QStringLiteral("phone");
    c.outcome = QStringLiteral("attended");
    const auto refused = f.service.addContact(c);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.problem.fieldErrors.size() == 1);
    CHECK(refused.problem.fieldErrors[0].field == QStringLiteral("contact_on"));
    CHECK(f.count("contact") == 0);

    c.contactOn = QDate(2024, 1, 15);
    const auto saved = f.service.addContact(c);
    REQUIRE(saved.ok());
    domain::Contact moved = *saved.value;
    moved.contactOn = QDate(2024, 1, 1); // an edit is held to the same rule
    CHECK(f.service.updateContact(moved).problem.fieldErrors.size() == 1);
    CHECK(f.service.repository().contactById(moved.id)->contactOn == QDate(2024, 1, 15));
}
