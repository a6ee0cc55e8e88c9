// `import --kind contacts`: outcomes stored as given (never DNA by default), rows without
// contact_ref matched on their other columns, a contact never moving between referrals or dated
// before its referral, and --skip-invalid.
#include "interchange/importsupport.h"

using namespace painmdt;
using namespace painmdt::test;

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

    const auto rf1 = must(f.service.contactsOf(f.referral("RF001").id));
    REQUIRE(rf1.size() == 3);
    CHECK(rf1[2].contactRef.isEmpty());
    CHECK(rf1[2].contactOn == QDate(2024, 3, 12));
    CHECK(rf1[2].mode == QStringLiteral("phone"));
    CHECK(rf1[2].outcome == QStringLiteral("could_not_contact"));
    CHECK(rf1[2].staff.isEmpty());
    CHECK_FALSE(rf1[2].durationMinutes.has_value());
    CHECK_FALSE(rf1[2].nextDueOn.isValid());

    const auto rf2 = must(f.service.contactsOf(f.referral("RF002").id));
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

TEST_CASE("Re-importing a contacts file changes nothing, rows without contact_ref are matched, not duplicated",
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
    const auto rf2 = must(f.service.contactsOf(f.referral("RF002").id));
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
    CHECK_FALSE(must(f.service.contactByRef(QStringLiteral("CT2"))).has_value());
    CHECK_FALSE(must(f.service.contactByRef(QStringLiteral("CT4"))).has_value());

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
    CHECK(must(f.service.contactByRef(QStringLiteral("CX1")))->referralId == f.referral("RF001").id);
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
    CHECK(must(f.service.contactById(moved.id))->contactOn == QDate(2024, 1, 15));
}
