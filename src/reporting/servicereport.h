#pragma once
// `service`: the service outcome report a commissioner receives (issue 10, item 4), in the order
// they read it: five key findings, activity and completeness, waiting times, the STarT Back mix,
// outcomes against baseline, attendances before and after with their per-patient spread, costs
// with sensitivity rows, the caveats, and appendices with every definition and the tariff used.
// It is made of the other reports' figures (the same rules, never a second copy of them) plus
// the few figures only it needs.
#include "domain/attendance.h"
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <optional>
#include <vector>

namespace painmdt::reporting {

struct ServiceInputs {
    std::vector<storage::WaitingRow> waiting;
    std::vector<storage::TriageRow> triage;
    storage::ActivityCounts activity;
    const std::vector<storage::AdministrationRow> *administrations = nullptr; // those of the outcomes report
    QJsonObject outcomes;    // the outcomes report
    QJsonObject costSavings; // the cost-savings report
    std::vector<storage::PatientWindows> windows;   // its cohort, patient by patient
    std::vector<storage::PatientWindows> windows24; // 24 months before against 12 after
    std::optional<domain::Tariff> tariff;
    bool serviceCostRecorded = false; // a service-cost period overlaps the report's period
};

// How many months the 24-month-baseline sensitivity row looks back and forward.
inline constexpr int sensitivityBaselineMonths = 24;
inline constexpr int sensitivityAfterMonths = 12;

QJsonObject serviceReport(const ServiceInputs &inputs, const ReportPeriod &period);

} // namespace painmdt::reporting
