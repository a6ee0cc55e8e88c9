#pragma once
// Running a report as a logged-in user (issue 7: one door): the role is checked, the rows are
// read, the figures made, and the run is written to the audit trail (clinical reference §5:
// every report, export and print) before anything is shown.
#include "domain/result.h"
#include "reporting/report.h"
#include "services/actor.h"
#include "services/workspace.h"

#include <QJsonObject>
#include <QStringList>

namespace painmdt::reporting {

QStringList reportNames(); // "triage", "waiting-times"

// `format` is only recorded ("json", "csv", "pdf"): how the figures left PainMDT.
Result<QJsonObject> runReport(services::Database &db, const services::StampSource &session, const QString &name,
                              const ReportPeriod &period, const QString &format);

} // namespace painmdt::reporting
