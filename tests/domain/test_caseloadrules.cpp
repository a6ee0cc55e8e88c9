// The check-in rules of the caseload (domain/referralrules.h) at their edges: today, the seventh
// day, the eighth, and days either side of a clock change (dates never move with the time).
#include "domain/referralrules.h"

#include <catch2/catch.hpp>

using namespace painmdt::domain;

namespace {

Contact contact(QDate on, QDate next, const char *outcome = "attended")
{
    Contact c;
    c.contactOn = on;
    c.nextDueOn = next;
    c.outcome = QString::fromLatin1(outcome);
    return c;
}

} // namespace

TEST_CASE("a check-in is overdue from the day after it was due, and due within 7 days to the seventh day", "[domain][caseload]")
{
    const QDate today(2026, 3, 29); // the UK's clocks went forward at 01:00 this morning
    const struct {
        int offset;
        CheckIn expected;
    } cases[] = {{-400, CheckIn::Overdue}, {-1, CheckIn::Overdue}, {0, CheckIn::DueSoon}, {1, CheckIn::DueSoon},
                 {7, CheckIn::DueSoon},    {8, CheckIn::Later},     {300, CheckIn::Later}};
    for (const auto &c : cases) {
        INFO("offset " << c.offset);
        CHECK(checkInOn(today.addDays(c.offset), today) == c.expected);
    }
    CHECK(checkInOn(QDate(), today) == CheckIn::NotPlanned);
    // Across the autumn change too: one calendar day is one day, whatever its length in hours.
    CHECK(checkInOn(QDate(2026, 10, 24), QDate(2026, 10, 25)) == CheckIn::Overdue);
    CHECK(checkInOn(QDate(2026, 11, 1), QDate(2026, 10, 25)) == CheckIn::DueSoon);
    CHECK(checkInOn(QDate(2026, 11, 2), QDate(2026, 10, 25)) == CheckIn::Later);
    CHECK(checkInLabel(CheckIn::Overdue) == QStringLiteral("Overdue"));
}

TEST_CASE("the next check-in is that of the latest contact by the day, the latest of a tie", "[domain][caseload]")
{
    const QDate asOf(2024, 6, 30);
    const std::vector<Contact> contacts{contact({2024, 2, 1}, {2024, 3, 1}),
                                        contact({2024, 4, 5}, {2024, 6, 30}),
                                        contact({2024, 4, 5}, {2024, 5, 1}, "could_not_contact"),
                                        contact({2024, 4, 5}, {}),
                                        contact({2024, 7, 10}, {2024, 8, 1})};
    CHECK(nextCheckIn(contacts, asOf) == QDate(2024, 6, 30));
    CHECK(nextCheckIn(contacts, QDate(2024, 3, 1)) == QDate(2024, 3, 1));
    CHECK(nextCheckIn(contacts, QDate(2024, 7, 10)) == QDate(2024, 8, 1));
    CHECK_FALSE(nextCheckIn(contacts, QDate(2024, 1, 1)).isValid());
    // The latest contact planned nothing: no check-in is planned, whatever earlier ones said.
    CHECK_FALSE(nextCheckIn({contact({2024, 2, 1}, {2024, 3, 1}), contact({2024, 3, 1}, {})}, asOf).isValid());
}

TEST_CASE("an episode is in the team's care once seen, until discharged, unless declined", "[domain][caseload]")
{
    const QDate seen(2024, 2, 1);
    CHECK(inCare({QStringLiteral("advice"), {}, seen}));
    CHECK(inCare({QString(), {}, seen})); // untriaged by then, yet seen
    CHECK_FALSE(inCare({QStringLiteral("advice"), {}, {}}));
    CHECK_FALSE(inCare({QStringLiteral("declined"), {}, seen}));
    CHECK_FALSE(inCare({QStringLiteral("advice"), QDate(2024, 3, 1), seen}));
}
