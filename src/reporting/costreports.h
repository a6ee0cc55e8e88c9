#pragma once
// `attendances` and `cost-savings` (interchange contract "Reports"; clinical reference §4):
// hospital and GP use in a period, its cost by a named tariff, and the use before and after the
// team became involved, with the saving against what the service cost and the caveats a
// commissioner must read with it.
#include "domain/attendance.h"
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <optional>
#include <vector>

namespace painmdt::reporting {

// `tariff` nullopt: nothing has been imported; counts are given, costs are null.
QJsonObject attendances(const std::vector<storage::AttendanceRow> &rows, const std::optional<domain::Tariff> &tariff,
                        const ReportPeriod &period);

// `rows` must cover every cohort patient's windows (index - W months .. index + W months).
QJsonObject costSavings(const std::vector<storage::IndexRow> &cohort, const std::vector<storage::AttendanceRow> &rows,
                        const std::optional<domain::Tariff> &tariff, const std::vector<domain::ServiceCost> &serviceCosts,
                        const ReportPeriod &period);

} // namespace painmdt::reporting
