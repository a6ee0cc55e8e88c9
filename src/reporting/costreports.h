#pragma once
// `attendances` and `cost-savings` (interchange contract "Reports"; clinical reference §4):
// hospital and GP use in a period, its cost by a named tariff, and the use before and after the
// team became involved, with the saving against what the service cost and the caveats a
// commissioner must read with it. Storage counts and costs in SQL (storage/reportqueries.h);
// these turn the tallies into the contract's figures.
#include "domain/attendance.h"
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <optional>
#include <vector>

namespace painmdt::reporting {

// The tariff as prices SQL can use (none: nothing is priced).
storage::Prices pricesOf(const std::optional<domain::Tariff> &tariff);

// `tariff` nullopt: nothing has been imported; counts are given, costs are null.
QJsonObject attendances(const storage::AttendanceTallies &tallies, const std::optional<domain::Tariff> &tariff,
                        const ReportPeriod &period);

QJsonObject costSavings(const storage::CostSavingsTallies &tallies, const std::optional<domain::Tariff> &tariff,
                        const std::vector<domain::ServiceCost> &serviceCosts, const ReportPeriod &period);

} // namespace painmdt::reporting
