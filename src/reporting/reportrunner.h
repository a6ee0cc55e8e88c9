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

// The figures alone: no role check, nothing recorded. For a worker thread, whose asker checks the
// role first and records the use (recordReportUse) before showing anything.
Result<QJsonObject> makeReport(storage::Database &db, const QString &name, const ReportPeriod &period);

// Written to the audit trail: who ran which report for which period, and how the figures left
// PainMDT: "screen", "json", "csv", "pdf" or "print" (clinical reference §5).
Status recordReportUse(services::Database &db, const services::StampSource &session, const QString &name,
                       const ReportPeriod &period, const QString &format);

// All three: the role, the figures, the record. `format` is only recorded.
Result<QJsonObject> runReport(services::Database &db, const services::StampSource &session, const QString &name,
                              const ReportPeriod &period, const QString &format);

} // namespace painmdt::reporting
