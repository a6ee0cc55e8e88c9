#pragma once
// The words of the service outcome report: its five key findings, worked out from its figures;
// its caveats; and the appendix that says which cohort every count is of.
#include <QJsonArray>
#include <QJsonObject>

namespace painmdt::reporting {

// Five sentences, in the report's order: waiting, triage, outcomes, attendances, money.
QJsonArray serviceFindings(const QJsonObject &report);
// The cost-savings caveats and those of the outcome figures.
QJsonArray serviceCaveats(const QJsonArray &costCaveats);
QJsonArray serviceDefinitions();

} // namespace painmdt::reporting
