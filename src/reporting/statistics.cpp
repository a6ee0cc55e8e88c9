#include "reporting/statistics.h"

#include <algorithm>
#include <cmath>

namespace painmdt::reporting {

std::optional<double> percentileInc(std::vector<double> values, double p)
{
    if (values.empty() || p < 0.0 || p > 1.0)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const double rank = p * double(values.size() - 1); // 0-based rank
    const auto lower = size_t(std::floor(rank));
    const size_t upper = std::min(lower + 1, values.size() - 1);
    return values[lower] + (rank - double(lower)) * (values[upper] - values[lower]);
}

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    // A tiny nudge so 2.675 (stored as 2.67499999...) rounds as written, like a spreadsheet.
    const double scaled = value * scale;
    return std::round(scaled + (scaled >= 0 ? 1e-9 : -1e-9)) / scale;
}

std::optional<double> percent(long long part, long long whole)
{
    if (whole == 0)
        return std::nullopt;
    return roundTo(100.0 * double(part) / double(whole), 1);
}

} // namespace painmdt::reporting
