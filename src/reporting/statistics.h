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

// 100 * part / whole rounded to 1 decimal; nullopt when whole is 0.
std::optional<double> percent(long long part, long long whole);

} // namespace painmdt::reporting
