// `import --kind referrals` (interchange contract "CSV files"): values stored as the contract
// says, atomic imports with every bad row as line and column, idempotent re-import, a referral
// never moving to another patient, and --skip-invalid's rejects file.
#include "interchange/importsupport.h"
#include "storage/auditqueries.h"

using namespace painmdt;
using namespace painmdt::test;

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

    const auto log = must(storage::historyOf(*f.t, QStringLiteral("referral"), r1.id));
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == QStringLiteral("create"));
    CHECK(log[0].actor == testActor);
}

TEST_CASE("Re-importing a referrals file changes nothing, a changed row updates", "[interchange][episodes]")
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
    const auto log = must(storage::historyOf(*f.t, QStringLiteral("referral"), r2.id));
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

TEST_CASE("Rejected referrals keep their own reason column, the rejection goes in reject_reason", "[interchange][episodes]")
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
