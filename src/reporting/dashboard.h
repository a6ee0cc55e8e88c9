#pragma once
// The manager's dashboard (issue 10): six figures a service manager looks at first, each taken
// from a report with a stated period, so one click opens the report that explains it.
#include "domain/result.h"
#include "reporting/report.h"
#include "services/workspace.h"

#include <QJsonValue>
#include <vector>

namespace painmdt::reporting {

// NHS financial years run 1 April to 31 March.
QDate financialYearStart(QDate day);

// Named periods a report screen offers, each ending on or before `asOf`.
enum class PeriodPreset { FinancialYearToDate, LastFinancialYear, Last12Months, LastFullMonth, CompleteWindows };
ReportPeriod presetPeriod(PeriodPreset preset, QDate asOf, int windowMonths = 12);

struct DashboardTile {
    enum class Unit { Count, Days, Money };
    QString caption; // "Waiting now"
    QString detail;  // what is counted, and over which period
    QJsonValue value; // null when there is nothing to measure yet
    Unit unit = Unit::Count;
    QString report;   // the report the figure comes from
    ReportPeriod period;
    QString error;    // why the figure could not be read; the other tiles still show theirs
};

// Reads five reports (waiting-times twice, caseload, attendances, cost-savings): seconds at
// 100,000 patients, so the GUI calls it on its worker thread. A report that fails leaves its
// tiles with an error and no value.
std::vector<DashboardTile> dashboard(services::Database &db, QDate asOf);

// "1,234", "42 days", "£12,345" or "−£1,200"; "–" when null.
QString tileText(const DashboardTile &tile);

} // namespace painmdt::reporting
