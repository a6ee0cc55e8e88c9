#pragma once
// `waiting-times` and `triage` (interchange contract "Reports"), computed from storage rows.
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <vector>

namespace painmdt::reporting {

QJsonObject waitingTimes(const std::vector<storage::WaitingRow> &rows, const ReportPeriod &period);
QJsonObject triageMix(const std::vector<storage::TriageRow> &rows, const ReportPeriod &period);

} // namespace painmdt::reporting
