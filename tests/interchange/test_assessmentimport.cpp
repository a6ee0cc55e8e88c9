// `import --kind assessments`: answers kept raw and scored on import by the instrument's
// definition (STarT Back boundaries, clinical reference §1), incomplete answers never scored as
// 0, every bad answer code listed, idempotent re-import.
#include "interchange/importsupport.h"

using namespace painmdt;
using namespace painmdt::test;

TEST_CASE("A valid assessments file stores answers, scores and bands", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const int changesBefore = f.changes();
    const ImportSummary s = f.load(Kind::Assessments, "assessments_good.csv");
    CHECK(s.rows == 6);
    CHECK(s.added == 6);
    CHECK(f.count("assessment") == 6);
    CHECK(s.alertsRaised == 1);                 // AS004 answers PHQ-9 item 9 with 2 (hazard H9)
    CHECK(f.changes() == changesBefore + 6 + 1); // six administrations and that alert

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
    const auto latest = must(f.service.assessments().latestFor(f.referral("RF001").id, QStringLiteral("startback")));
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
    const auto rf2 = must(f.service.awaitingTriage(10));
    const auto row = std::find_if(rf2.begin(), rf2.end(), [](const storage::ReferralRow &r) {
        return r.referral.referralRef == QStringLiteral("RF002");
    });
    REQUIRE(row != rf2.end());
    CHECK(row->stratum == domain::Stratum::Incomplete);

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
    const auto ep3 = must(f.service.assessments().forPatient(f.patientId("EP0003")));
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

TEST_CASE("Re-importing an assessments file changes nothing, a changed answer rescores", "[interchange][episodes]")
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
                const auto stored = must(f.service.assessments().forPatient(f.patientId("EP0001")));
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

TEST_CASE("An assessment re-imported with another collector or mode is updated", "[interchange][episodes]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const QByteArray header = "assessment_ref,patient_ref,instrument,occasion,collected_on,answers,collected_by,mode\n";
    REQUIRE(f.run(Kind::Assessments, header + "AQ1,EP0001,nrs_pain,assessment,2024-02-05,7,alice,phone\n").added == 1);
    const ImportSummary changed = f.run(Kind::Assessments, header + "AQ1,EP0001,nrs_pain,assessment,2024-02-05,7,bob,phone\n");
    INFO(issuesText(changed));
    CHECK(changed.updated == 1);
    CHECK(must(f.service.assessments().byRef(QStringLiteral("AQ1")))->collectedBy == QStringLiteral("bob"));
}
