#include "reporting/statistics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

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

std::optional<double> meanOf(const std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

double tCritical95(int df)
{
    // t(0.975, df), the standard table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), to 3 places.
    static constexpr std::array<double, 30> upTo30{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1)
        return std::nan("");
    if (df <= 30)
        return upTo30[size_t(df - 1)];
    // Beyond 30, interpolate linearly in 1/df between 30, 40, 60, 120 and infinity (as tables advise).
    static constexpr std::array<std::pair<double, double>, 5> tail{
        {{30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}, {INFINITY, 1.960}}};
    for (size_t i = 1; i < tail.size(); ++i) {
        if (df > tail[i].first)
            continue;
        const double a = 1 / tail[i - 1].first, b = 1 / tail[i].first, x = 1 / double(df);
        return tail[i - 1].second + (x - a) / (b - a) * (tail[i].second - tail[i - 1].second);
    }
    return 1.960;
}

std::optional<Interval> meanInterval95(const std::vector<double> &values)
{
    if (values.size() < 2)
        return std::nullopt;
    const double n = double(values.size());
    const double mean = *meanOf(values);
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    const double halfWidth = tCritical95(int(values.size()) - 1) * std::sqrt(squares / (n - 1)) / std::sqrt(n);
    return Interval{mean - halfWidth, mean + halfWidth};
}

} // namespace painmdt::reporting
