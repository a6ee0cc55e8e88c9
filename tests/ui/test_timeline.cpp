// The patient timeline (issue 8): triage answers and notes, contact notes and flags, which could
// not be seen anywhere after saving, now in one list, newest first, filterable by kind.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/patienttimeline.h"

#include <QCheckBox>
#include <QLabel>
#include <QTextBrowser>

using namespace painmdt;
using Kind = domain::TimelineEvent::Kind;

TEST_CASE("the timeline shows triage answers and notes, contact notes and flags, newest first", "[ui][timeline]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    auto r = f.refer(jane, "R1", QDate(2026, 9, 1));
    const auto triaged = f.referrals->triage(r, QDate(2026, 9, 2), QStringLiteral("community_physio"),
                                             QStringLiteral("Keen to return to gardening."),
                                             domain::answersFromText(QStringLiteral("1;1;1;1;0;0;0;0;0")));
    REQUIRE(triaged.ok());
    domain::Contact c;
    c.referralId = r.id;
    c.contactOn = QDate(2026, 10, 1);
    c.contactTime = QTime(14, 5);
    c.mode = QStringLiteral("phone");
    c.outcome = QStringLiteral("attended");
    c.note = QStringLiteral("Line one\n  indented line two \u2014 caf\u00E9");
    REQUIRE(f.referrals->addContact(c).ok());
    REQUIRE(f.service->flag(jane.id, QStringLiteral("Two A&E visits")).ok());

    ui::PatientTimeline timeline(*f.referrals);
    timeline.setPatient(jane);
    const QString text = timeline.view()->toPlainText();
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("Keen to return to gardening.")));
    CHECK(text.contains(QStringLiteral("Answers, item by item: 1 \u00B7 1 \u00B7 1 \u00B7 1 \u00B7 0")));
    CHECK(text.contains(QStringLiteral("Line one\n  indented line two \u2014 caf\u00E9")));
    CHECK(text.contains(QStringLiteral("01-Oct-2026 14:05")));
    CHECK(text.contains(QStringLiteral("Two A&E visits")));
    // Newest first: the flag (today) before the contact, the contact before the referral.
    CHECK(text.indexOf(QStringLiteral("Two A&E")) < text.indexOf(QStringLiteral("Line one")));
    CHECK(text.indexOf(QStringLiteral("Line one")) < text.indexOf(QStringLiteral("Referral R1 received")));
    CHECK(timeline.countLabel()->text() == QStringLiteral("5 events"));

    timeline.kindBox(Kind::Contact)->setChecked(false);
    CHECK_FALSE(timeline.view()->toPlainText().contains(QStringLiteral("Line one")));
    CHECK(timeline.countLabel()->text() == QStringLiteral("4 of 5 events"));
    CHECK(test::unnamedFocusables(&timeline).isEmpty());
}

TEST_CASE("an empty timeline says how to start it", "[ui][timeline]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    ui::PatientTimeline timeline(*f.referrals);
    timeline.setPatient(jane);
    CHECK(timeline.view()->toPlainText().contains(QStringLiteral("Ctrl+R")));
}
