// Hazard H9: a PHQ-9 item 9 answered above 0, or left blank, raises an alert on the patient
// however the answers arrived (saved through the service as a form does, or imported), once per
// administration; an import says how many it raised; only a clinical role acknowledges one, saying
// what was done, audited; an alert stays open until then and leaves with a withdrawn administration.
#include "interchange/importsupport.h"

#include "domain/textrules.h"
#include "domain/timeline.h"

using namespace painmdt;
using namespace painmdt::test;

namespace {

struct AlertFixture : EpisodeFixture {
    AlertFixture() { loadReferrals(); }
    std::vector<domain::AssessmentAlert> open(const char *patientRef)
    {
        return must(service.assessments().alerts(patientId(patientRef), true));
    }
};

const QByteArray phq9Rows = "assessment_ref,patient_ref,referral_ref,instrument,occasion,collected_on,answers\n"
                            "P1,EP0001,RF001,phq9,assessment,2024-02-05,1;1;1;1;1;1;1;1;0\n"
                            "P2,EP0001,RF001,phq9,review,2024-04-05,1;1;1;1;1;1;1;1;2\n"
                            "P3,EP0002,RF002,phq9,assessment,2024-02-20,1;1;1;1;1;1;1;1;\n"
                            "P4,EP0002,RF002,phq9,review,2024-05-20,\n"
                            "G1,EP0002,RF002,gad7,assessment,2024-02-20,3;3;3;3;3;3;3\n";

} // namespace

TEST_CASE("An import raises one alert per PHQ-9 with item 9 above 0 or blank, says how many, and never twice",
          "[episodes][alerts]")
{
    AlertFixture f;
    const auto s = f.run(Kind::Assessments, phq9Rows);
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.added == 5);
    CHECK(s.alertsRaised == 3); // P2 (answered 2), P3 (item 9 blank), P4 (returned blank)
    const auto jane = f.open("EP0001");
    REQUIRE(jane.size() == 1);
    CHECK(jane.front().instrument == QStringLiteral("phq9"));
    CHECK(jane.front().item == QStringLiteral("q9"));
    CHECK(jane.front().answer == std::optional<int>(2));
    CHECK(jane.front().collectedOn == QDate(2024, 4, 5));
    CHECK(jane.front().message.contains(QStringLiteral("risk")));
    const auto bryn = f.open("EP0002");
    REQUIRE(bryn.size() == 2);
    CHECK_FALSE(bryn[0].answer.has_value()); // newest first: the blank return
    CHECK(f.count("assessment_alert") == 3);
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'assessment_alert'")).toInt() == 3);

    const auto again = f.run(Kind::Assessments, phq9Rows); // the same file next month
    CHECK(again.ok);
    CHECK(again.unchanged == 5);
    CHECK(again.alertsRaised == 0);
    CHECK(f.count("assessment_alert") == 3);
}

TEST_CASE("A rejected import raises no alert", "[episodes][alerts]")
{
    AlertFixture f;
    const auto s = f.run(Kind::Assessments, phq9Rows + "P5,EP0001,RF001,phq9,review,2024-06-05,9;9;9;9;9;9;9;9;9\n");
    CHECK_FALSE(s.ok);
    CHECK(s.alertsRaised == 0);
    CHECK(f.count("assessment_alert") == 0);
}

TEST_CASE("An alert from a saved form stays open until a clinician says what was done, the timeline keeps both",
          "[episodes][alerts]")
{
    AlertFixture f;
    domain::Assessment a;
    a.patientId = f.patientId("EP0001");
    a.referralId = f.referral("RF001").id;
    a.instrument = QStringLiteral("phq9");
    a.occasion = QStringLiteral("review");
    a.collectedOn = QDate(2024, 3, 1);
    a.answers = domain::answersFromText(QStringLiteral("0;0;0;0;0;0;0;0;1"));
    REQUIRE(f.service.assessments().add(a).ok());
    auto open = f.open("EP0001");
    REQUIRE(open.size() == 1);
    const auto alert = open.front();

    // Only a clinical role acknowledges; a manager cannot, and nothing changes.
    services::AssessmentService asManager(*f.t, services::StampSource(QStringLiteral("m.manager"), [] { return fixedNow(); },
                                                                       domain::Role::Manager));
    const auto refused = asManager.acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("seen"));
    CHECK_FALSE(refused.ok());
    CHECK(refused.problem.forbidden);
    // Saying what was done is required.
    CHECK_FALSE(f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("   ")).ok());
    CHECK(f.open("EP0001").size() == 1);

    const auto done = f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion,
                                                                QStringLiteral("Phoned: no plans, safety plan agreed"));
    REQUIRE(done.ok());
    CHECK(f.open("EP0001").empty());
    CHECK(done.value->acknowledgedBy == testActor);
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'assessment_alert' "
                                      "AND action = 'update'")).toInt() == 1);
    // Acknowledging twice (a colleague at the same time) says who did.
    const auto twice = f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("also"));
    CHECK_FALSE(twice.ok());
    CHECK(twice.problem.summary().contains(testActor));

    const auto timeline = must(f.service.timeline(a.patientId));
    const auto has = [&](const QString &title) {
        return std::any_of(timeline.begin(), timeline.end(), [&](const domain::TimelineEvent &e) {
            return e.kind == domain::TimelineEvent::Kind::Alert && e.title.contains(title);
        });
    };
    CHECK(has(QStringLiteral("Alert: PHQ-9 item 9 answered 1")));
    CHECK(has(QStringLiteral("Alert acknowledged by %1").arg(testActor)));
}

TEST_CASE("An alert on an administration withdrawn as entered in error is no longer open", "[episodes][alerts]")
{
    AlertFixture f;
    REQUIRE(f.run(Kind::Assessments, phq9Rows).ok);
    const auto p2 = f.assessment(QStringLiteral("P2"));
    REQUIRE(f.service.assessments().markInError(p2.id, p2.rowVersion, QStringLiteral("Wrong patient")).ok());
    CHECK(f.open("EP0001").empty());
    CHECK(f.count("assessment_alert") == 3); // kept
}

TEST_CASE("Answers that raised an open alert are not corrected until it is acknowledged, a corrected row re-imported is left as it is",
          "[episodes][alerts]")
{
    AlertFixture f;
    const QByteArray row = "patient_ref,instrument,occasion,collected_on,answers\nEP0001,phq9,review,2024-04-05,1;1;1;1;1;1;1;1;2\n";
    REQUIRE(f.run(Kind::Assessments, row).ok);
    const auto raised = f.open("EP0001");
    REQUIRE(raised.size() == 1);
    auto old = *must(f.service.assessments().byId(raised.front().assessmentId));
    auto corrected = old;
    corrected.answers = domain::answersFromText(QStringLiteral("1;1;1;1;1;1;1;1;0"));
    const auto refused = f.service.assessments().correct(old.id, old.rowVersion, corrected, QStringLiteral("misread"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("acknowledge it first")));
    CHECK(f.open("EP0001").size() == 1); // nothing changed

    REQUIRE(f.service.assessments().acknowledgeAlert(raised.front().id, raised.front().rowVersion, QStringLiteral("Phoned")).ok());
    REQUIRE(f.service.assessments().correct(old.id, old.rowVersion, corrected, QStringLiteral("misread")).ok());
    // The file again: the withdrawn original is recognised and left as it is, no new record, no new alert.
    const auto again = f.run(Kind::Assessments, row);
    INFO(issuesText(again));
    REQUIRE(again.ok);
    CHECK(again.unchanged == 1);
    CHECK(again.alertsRaised == 0);
    CHECK(must(f.service.assessments().forPatient(f.patientId("EP0001"))).size() == 1);
}

TEST_CASE("An alert on withdrawn answers cannot be acknowledged: it is no longer open", "[episodes][alerts]")
{
    AlertFixture f;
    REQUIRE(f.run(Kind::Assessments, phq9Rows).ok);
    const auto alert = f.open("EP0001").front();
    const auto p2 = f.assessment(QStringLiteral("P2"));
    REQUIRE(f.service.assessments().markInError(p2.id, p2.rowVersion, QStringLiteral("Wrong patient")).ok());
    const auto late = f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("seen"));
    CHECK_FALSE(late.ok());
    CHECK(late.problem.summary().contains(QStringLiteral("withdrawn")));
}

TEST_CASE("An alert already acknowledged opens again when the answer that set it off changes", "[episodes][alerts]")
{
    AlertFixture f;
    const QByteArray first = "assessment_ref,patient_ref,instrument,occasion,collected_on,answers\n"
                             "R1,EP0001,phq9,review,2024-04-05,1;1;1;1;1;1;1;1;1\n";
    REQUIRE(f.run(Kind::Assessments, first).ok);
    const auto alert = f.open("EP0001").front();
    REQUIRE(f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("Phoned")).ok());
    REQUIRE(f.open("EP0001").empty());
    // The same answers again: nothing new.
    CHECK(f.run(Kind::Assessments, first).alertsRaised == 0);
    // The source system corrected item 9 to "Nearly every day": the alert is open again, with that answer.
    const auto changed = f.run(Kind::Assessments, "assessment_ref,patient_ref,instrument,occasion,collected_on,answers\n"
                                                  "R1,EP0001,phq9,review,2024-04-05,1;1;1;1;1;1;1;1;3\n");
    INFO(issuesText(changed));
    REQUIRE(changed.ok);
    CHECK(changed.alertsRaised == 1);
    const auto reopened = f.open("EP0001");
    REQUIRE(reopened.size() == 1);
    CHECK(reopened.front().id == alert.id);
    CHECK(reopened.front().answer == std::optional<int>(3));
    CHECK(f.count("assessment_alert") == 1);
}

TEST_CASE("What was done, and a reason for withdrawing, are held to the free-text limit, nothing changes when refused",
          "[episodes][alerts][bad-input]")
{
    AlertFixture f;
    REQUIRE(f.run(Kind::Assessments, phq9Rows).ok);
    const auto alert = f.open("EP0001").front();
    const QString tooLong(domain::maxLength(domain::TextKind::FreeText) + 1, QLatin1Char('x'));
    const auto ack = f.service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, tooLong);
    REQUIRE_FALSE(ack.ok());
    CHECK(ack.problem.summary().contains(QStringLiteral("What was done")));
    CHECK(f.open("EP0001").size() == 1);

    const auto p1 = f.assessment(QStringLiteral("P1"));
    const auto withdrawn = f.service.assessments().markInError(p1.id, p1.rowVersion, tooLong);
    REQUIRE_FALSE(withdrawn.ok());
    CHECK(f.assessment(QStringLiteral("P1")).enteredInError.isEmpty());
}

TEST_CASE("A questionnaire never moves to another patient or instrument by an update", "[episodes][alerts]")
{
    AlertFixture f;
    REQUIRE(f.run(Kind::Assessments, phq9Rows).ok);
    auto moved = f.assessment(QStringLiteral("P1"));
    moved.patientId = f.patientId("EP0002");
    moved.referralId = 0;
    const auto refused = f.service.assessments().update(moved);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("never moves")));
    CHECK(f.assessment(QStringLiteral("P1")).patientId == f.patientId("EP0001"));
}

TEST_CASE("The FFT's free-text answer is stored with the administration, audited, and only for a question it asks",
          "[episodes][freetext]")
{
    AlertFixture f;
    domain::Assessment a;
    a.patientId = f.patientId("EP0001");
    a.instrument = QStringLiteral("fft");
    a.occasion = QStringLiteral("discharge");
    a.collectedOn = QDate(2024, 6, 1);
    a.answers = {1};
    a.freeText = {{QStringLiteral("why"), QStringLiteral("The nurse rang back every week.\nThank you.")}};
    const auto saved = f.service.assessments().add(a);
    INFO(saved.problem.summary().toStdString());
    REQUIRE(saved.ok());
    const auto read = must(f.service.assessments().byId(saved.value->id));
    REQUIRE(read);
    CHECK(read->freeText == a.freeText);
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'assessment' AND action = 'create' "
                                      "AND entity_id = %1").arg(saved.value->id)).toInt() == 1);
    CHECK(scalar(*f.t, QStringLiteral("SELECT free_text FROM assessment WHERE id = %1").arg(saved.value->id))
              .toString().contains(QStringLiteral("every week")));

    // A question the definition does not ask, and words past the limit, are refused by field.
    auto unknown = a;
    unknown.freeText = {{QStringLiteral("q1"), QStringLiteral("text")}};
    const auto refused = f.service.assessments().add(unknown);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("asks no question")));
    auto huge = a;
    huge.freeText = {{QStringLiteral("why"), QString(domain::maxLength(domain::TextKind::FreeText) + 1, QLatin1Char('x'))}};
    CHECK_FALSE(f.service.assessments().add(huge).ok());
    // Only spaces is nothing written: nothing is stored for it.
    auto blank = a;
    blank.collectedOn = QDate(2024, 6, 2);
    blank.freeText = {{QStringLiteral("why"), QStringLiteral("  \n ")}};
    const auto none = f.service.assessments().add(blank);
    REQUIRE(none.ok());
    CHECK(must(f.service.assessments().byId(none.value->id))->freeText.empty());
}

TEST_CASE("Re-importing an FFT row leaves what the patient wrote on the form as it was", "[episodes][freetext]")
{
    AlertFixture f;
    domain::Assessment a;
    a.patientId = f.patientId("EP0001");
    a.instrument = QStringLiteral("fft");
    a.occasion = QStringLiteral("discharge");
    a.collectedOn = QDate(2024, 6, 1);
    a.answers = {2};
    a.freeText = {{QStringLiteral("why"), QStringLiteral("Kind and quick.")}};
    const auto saved = f.service.assessments().add(a);
    REQUIRE(saved.ok());
    // The same response arrives in the month's survey file (no ref, no free-text column), saying who collected it.
    const auto s = f.run(Kind::Assessments, "patient_ref,instrument,occasion,collected_on,answers,collected_by\n"
                                            "EP0001,fft,discharge,2024-06-01,2,survey team\n");
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.updated == 1);
    const auto all = must(f.service.assessments().forPatient(f.patientId("EP0001")));
    for (const auto &x : all)
        if (x.id == saved.value->id)
            CHECK(x.freeText == a.freeText);
}
