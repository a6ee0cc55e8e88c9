// The contract's statistics: PERCENTILE.INC and rounding (interchange.md "Reports").
#include <catch2/catch.hpp>

#include "reporting/statistics.h"

using namespace painmdt::reporting;

TEST_CASE("PERCENTILE.INC interpolates between closest ranks")
{
    struct Case {
        std::vector<double> values;
        double p;
        double expected; // worked out by hand: rank = p * (n - 1)
    };
    const Case cases[] = {
        {{7}, 0.5, 7},
        {{1, 2, 3, 4}, 0.5, 2.5},          // rank 1.5
        {{4, 1, 3, 2}, 0.5, 2.5},          // order does not matter
        {{1, 2, 3, 4, 5}, 0.5, 3},
        {{10, 20, 30, 40}, 0.9, 37},       // rank 2.7: 30 + 0.7 * 10
        {{10, 20, 30, 40}, 0.95, 38.5},    // rank 2.85
        {{0, 100}, 0.0, 0},
        {{0, 100}, 1.0, 100},
        {{5, 5, 5}, 0.9, 5},
    };
    for (const Case &c : cases)
        CHECK(percentileInc(c.values, c.p).value() == Approx(c.expected));
    CHECK_FALSE(percentileInc({}, 0.5).has_value());
    CHECK(median({3, 1, 2}).value() == Approx(2));
}

TEST_CASE("rounding is half away from zero, as written")
{
    CHECK(roundTo(2.675, 2) == Approx(2.68));
    CHECK(roundTo(1.005, 2) == Approx(1.01));
    CHECK(roundTo(-2.5, 0) == Approx(-3));
    CHECK(roundTo(33.333333, 1) == Approx(33.3));
    CHECK(percent(1, 3).value() == Approx(33.3));
    CHECK(percent(2, 3).value() == Approx(66.7));
    CHECK_FALSE(percent(1, 0).has_value());
}
