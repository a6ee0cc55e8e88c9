// The pairing rule of the outcomes report and the patient's outcome view (interchange contract
// "outcomes"), at its edges, and where a meaningful improvement starts on a chart.
#include "support/catchqt.h"

#include "domain/instrument.h"
#include "domain/outcomes.h"

using namespace painmdt::domain;

namespace {

const QDate d0(2024, 1, 10);

Administered at(int days, const char *occasion, bool complete = true)
{
    return {d0.addDays(days), QString::fromLatin1(occasion), complete};
}

} // namespace

TEST_CASE("the baseline is the earliest complete referral or assessment, the latest the last later follow-up")
{
    struct Case {
        const char *name;
        std::vector<Administered> administrations;
        std::optional<size_t> baseline, latest;
    };
    const Case cases[] = {
        {"a plain pair", {at(0, "assessment"), at(90, "review")}, 0, 1},
        {"the last follow-up wins", {at(0, "referral"), at(30, "review"), at(90, "discharge"), at(120, "follow_up")}, 0, 3},
        {"a same-day review is not a follow-up", {at(0, "assessment"), at(0, "review")}, 0, std::nullopt},
        {"only incomplete follow-ups", {at(0, "assessment"), at(60, "review", false)}, 0, std::nullopt},
        {"an incomplete (or blank) first one is not the baseline", {at(0, "assessment", false), at(5, "assessment"), at(50, "review")}, 1, 2},
        {"a later assessment is not a follow-up", {at(0, "assessment"), at(60, "assessment")}, 0, std::nullopt},
        {"a follow-up alone has no baseline", {at(60, "follow_up")}, std::nullopt, std::nullopt},
        {"a follow-up before the baseline does not count", {at(0, "review"), at(10, "assessment")}, 1, std::nullopt},
        {"nothing", {}, std::nullopt, std::nullopt},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const OutcomePair pair = outcomePair(c.administrations);
        CHECK(pair.baseline == c.baseline);
        CHECK(pair.latest == c.latest);
    }
}

TEST_CASE("the meaningful-improvement line follows each built-in instrument's rule")
{
    const auto instruments = builtInInstruments();
    const auto of = [&](const char *code) { return *findInstrument(instruments, QString::fromLatin1(code)); };
    CHECK(mainScore(of("phq9")) == QStringLiteral("total"));
    CHECK(mainScore(of("nrs_pain")) == QStringLiteral("score"));
    CHECK(mainScore(of("startback")) == QStringLiteral("total"));
    CHECK(improvementThreshold(of("phq9"), 15) == std::optional<double>(10));  // a fall of 5
    CHECK(improvementThreshold(of("gad7"), 12) == std::optional<double>(8));   // a fall of 4
    CHECK(improvementThreshold(of("nrs_pain"), 8) == std::optional<double>(8 * 0.7)); // 30 %
    CHECK_FALSE(improvementThreshold(of("nrs_pain"), 0));  // a baseline of 0 cannot fall
    CHECK_FALSE(improvementThreshold(of("startback"), 5)); // no rule
    CHECK_FALSE(improvementThreshold(of("pgic"), 1));      // a category, not a line
}
