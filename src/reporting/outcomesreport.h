#pragma once
// `outcomes` (interchange contract "Reports"; clinical reference §2): per instrument, the patients
// whose baseline fell in the period, paired with their latest follow-up; mood results in NHS
// Talking Therapies terms; the PGIC distribution and the Friends and Family Test shares. Every
// figure carries its N and how complete the data were.
#include "domain/instrument.h"
#include "reporting/report.h"
#include "storage/reportqueries.h"

#include <initializer_list>
#include <map>
#include <vector>

namespace painmdt::reporting {

// Every version of every instrument. An administration is judged by the version it was scored
// with (a service may renumber its PGIC in a new version: hazard H17); the newest version names
// the instrument's main score and whether it is a single-occasion measure.
class Definitions {
public:
    Definitions() = default;
    Definitions(std::initializer_list<const domain::InstrumentDefinition *> definitions);
    void add(const domain::InstrumentDefinition *definition);
    const std::map<QString, const domain::InstrumentDefinition *> &newest() const { return m_newest; }
    // The definition of the row's version; nullptr when that version is unknown (an administration
    // is never judged by another version's rule; reports count them as `unknown_version`).
    const domain::InstrumentDefinition *of(const storage::AdministrationRow &row) const;

private:
    std::map<QString, const domain::InstrumentDefinition *> m_newest;
    std::map<std::pair<QString, QString>, const domain::InstrumentDefinition *> m_versions;
};

// `rows` as storage::administrationRows gives them (ordered by patient, instrument, date, id).
QJsonObject outcomes(const std::vector<storage::AdministrationRow> &rows, const Definitions &definitions,
                     const ReportPeriod &period);

} // namespace painmdt::reporting
