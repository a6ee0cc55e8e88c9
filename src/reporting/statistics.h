#pragma once
// Statistics as the interchange contract defines them, shared by every report.
#include <optional>
#include <vector>

namespace painmdt::reporting {

// PERCENTILE.INC: linear interpolation between closest ranks; p in [0, 1]. nullopt when empty.
std::optional<double> percentileInc(std::vector<double> values, double p);
inline std::optional<double> median(std::vector<double> values) { return percentileInc(std::move(values), 0.5); }

// Half away from zero to `decimals` places (money 2, percentages 1), as spreadsheets round.
double roundTo(double value, int decimals);

// The mean of `values`, unrounded; nullopt when empty.
std::optional<double> meanOf(const std::vector<double> &values);

// The two-sided 95 % confidence interval of a mean, Student's t with n - 1 degrees of freedom
// (unrounded); nullopt below two values.
struct Interval {
    double low = 0;
    double high = 0;
};
std::optional<Interval> meanInterval95(const std::vector<double> &values);

// Student's t at 0.975 (two-sided 95 %) for `df` >= 1 degrees of freedom.
double tCritical95(int df);

// 100 * part / whole rounded to 1 decimal; nullopt when whole is 0.
std::optional<double> percent(long long part, long long whole);

} // namespace painmdt::reporting
