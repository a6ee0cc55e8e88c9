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

TEST_CASE("Student's t at 97.5 % follows the published table, and between rows its interpolation")
{
    CHECK(tCritical95(1) == Approx(12.706));
    CHECK(tCritical95(9) == Approx(2.262));
    CHECK(tCritical95(30) == Approx(2.042));
    CHECK(tCritical95(40) == Approx(2.021));
    CHECK(tCritical95(120) == Approx(1.980));
    CHECK(tCritical95(1000000) == Approx(1.960).epsilon(0.001));
    // 50 lies between 40 and 60: the published value is 2.009.
    CHECK(tCritical95(50) == Approx(2.009).epsilon(0.001));
    for (int df = 2; df < 500; ++df) // never rises as the sample grows
        CHECK(tCritical95(df) <= tCritical95(df - 1));
}

TEST_CASE("a mean's 95 % confidence interval, worked by hand")
{
    // 2, 4, 6, 8: mean 5, sd sqrt(20/3) = 2.582, se 1.291, t(3) 3.182: 5 +- 4.108.
    const auto ci = meanInterval95({2, 4, 6, 8});
    REQUIRE(ci.has_value());
    CHECK(ci->low == Approx(0.892).epsilon(0.001));
    CHECK(ci->high == Approx(9.108).epsilon(0.001));
    const auto same = meanInterval95({-3, -3, -3});
    REQUIRE(same.has_value());
    CHECK(same->low == Approx(-3));
    CHECK(same->high == Approx(-3));
    CHECK_FALSE(meanInterval95({1}).has_value());
    CHECK_FALSE(meanInterval95({}).has_value());
}
