#pragma once
// `outcomes` (interchange contract "Reports"; clinical reference §2): per instrument, the patients
// whose baseline fell in the period, paired with their latest follow-up; mood results in NHS
// Talking Therapies terms; the PGIC distribution and the Friends and Family Test shares. Every
// figure carries its N and how complete the data were.
#include "domain/instrument.h"
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <map>
#include <vector>

namespace painmdt::reporting {

// code -> the instrument's newest definition (its main score, meaningful-change rule, direction).
using Definitions = std::map<QString, const domain::InstrumentDefinition *>;

// `rows` as storage::administrationRows gives them (ordered by patient, instrument, date, id).
QJsonObject outcomes(const std::vector<storage::AdministrationRow> &rows, const Definitions &definitions,
                     const ReportPeriod &period);

} // namespace painmdt::reporting
