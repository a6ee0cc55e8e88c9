#pragma once
// `caseload` (interchange contract "Reports"): the team's open episodes on as-of, their next
// check-ins, per key worker, and the contacts of the period.
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <vector>

namespace painmdt::reporting {

// The key under by_key_worker for episodes without one.
inline const QString unassignedKeyWorker = QStringLiteral("unassigned");

QJsonObject caseload(const std::vector<storage::EpisodeRow> &episodes,
                     const std::vector<storage::ContactCount> &contacts, const ReportPeriod &period);

} // namespace painmdt::reporting
