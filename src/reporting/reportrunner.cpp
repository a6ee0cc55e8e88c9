#include "reporting/reportrunner.h"

#include "reporting/caseloadreport.h"
#include "reporting/costreports.h"
#include "reporting/outcomesreport.h"
#include "reporting/referralreports.h"
#include "services/assessmentservice.h"
#include "services/attendanceservice.h"
#include "services/door.h"
#include "storage/reportqueries.h"

#include <QCoreApplication>
#include <functional>
#include <map>

namespace painmdt::reporting {

namespace {

using Maker = std::function<Result<QJsonObject>(storage::Database &, const ReportPeriod &)>;

// A report's rows from storage, turned into figures; a storage error passes through.
template <typename Rows, typename Figures>
Result<QJsonObject> figuresOf(const Result<Rows> &rows, const ReportPeriod &period, Figures figures)
{
    if (!rows)
        return rows.failure();
    return figures(rows.value(), period);
}

// The tariff a costed report uses: the one asked for, else the default; none imported yet is not
// an error (counts are given, costs are null), an unknown name is.
Result<std::optional<domain::Tariff>> tariffFor(storage::Database &db, const ReportPeriod &p)
{
    return services::AttendanceService(db).tariff(p.options.tariff);
}

Result<QJsonObject> costSavingsReport(storage::Database &db, const ReportPeriod &p)
{
    const auto tariff = tariffFor(db, p);
    if (!tariff)
        return tariff.failure();
    const auto tallies = storage::costSavingsTallies(db, p.options.indexByReferral, p.options.windowMonths, p.from, p.to,
                                                     p.asOf, pricesOf(tariff.value()));
    if (!tallies)
        return tallies.failure();
    const auto serviceCosts = services::AttendanceService(db).serviceCosts();
    if (!serviceCosts)
        return serviceCosts.failure();
    return costSavings(tallies.value(), tariff.value(), serviceCosts.value(), p);
}

const std::map<QString, Maker> &makers()
{
    static const std::map<QString, Maker> table{
        {QStringLiteral("waiting-times"), [](storage::Database &db, const ReportPeriod &p) {
             return figuresOf(storage::waitingRows(db, p.from, p.to, p.asOf), p, waitingTimes);
         }},
        {QStringLiteral("triage"), [](storage::Database &db, const ReportPeriod &p) {
             return figuresOf(storage::triageRows(db, p.from, p.to, p.asOf), p, triageMix);
         }},
        {QStringLiteral("caseload"), [](storage::Database &db, const ReportPeriod &p) -> Result<QJsonObject> {
             const auto episodes = storage::episodeRows(db, p.asOf);
             if (!episodes)
                 return episodes.failure();
             return figuresOf(storage::contactCounts(db, p.from, p.to, p.asOf), p,
                              [&](const auto &contacts, const ReportPeriod &period) {
                                  return caseload(episodes.value(), contacts, period);
                              });
         }},
        {QStringLiteral("attendances"), [](storage::Database &db, const ReportPeriod &p) -> Result<QJsonObject> {
             const auto tariff = tariffFor(db, p);
             if (!tariff)
                 return tariff.failure();
             return figuresOf(storage::attendanceTallies(db, p.from, p.to, p.asOf, pricesOf(tariff.value()), 20), p,
                              [&](const auto &tallies, const ReportPeriod &period) { return attendances(tallies, tariff.value(), period); });
         }},
        {QStringLiteral("cost-savings"), costSavingsReport},
        {QStringLiteral("outcomes"), [](storage::Database &db, const ReportPeriod &p) -> Result<QJsonObject> {
             services::AssessmentService assessments(db); // the definitions: built-in and imported
             if (Status ready = assessments.definitionsReady(); !ready)
                 return ready.failure();
             Definitions definitions;
             for (const auto *registered : assessments.registry())
                 definitions.add(&registered->definition);
             return figuresOf(storage::administrationRows(db, p.asOf), p,
                              [&](const auto &rows, const ReportPeriod &period) { return outcomes(rows, definitions, period); });
         }},
    };
    return table;
}

} // namespace

QStringList reportNames()
{
    QStringList names;
    for (const auto &[name, make] : makers())
        names << name;
    return names;
}

Result<QJsonObject> makeReport(storage::Database &db, const QString &name, const ReportPeriod &period)
{
    const auto maker = makers().find(name);
    if (maker == makers().end())
        return Error{QCoreApplication::translate("Reports", "There is no report called \"%1\".").arg(name)};
    return maker->second(db, period);
}

Status recordReportUse(services::Database &db, const services::StampSource &session, const QString &name,
                       const ReportPeriod &period, const QString &format)
{
    const QVariantMap details{{QStringLiteral("report"), name}, {QStringLiteral("from"), period.from.toString(Qt::ISODate)},
                              {QStringLiteral("to"), period.to.toString(Qt::ISODate)},
                              {QStringLiteral("as_of"), period.asOf.toString(Qt::ISODate)},
                              {QStringLiteral("format"), format},
                              // what a costed copy needs to be made again
                              {QStringLiteral("window_months"), period.options.windowMonths},
                              {QStringLiteral("index"), period.options.indexByReferral ? QStringLiteral("referral")
                                                                                       : QStringLiteral("first-contact")},
                              {QStringLiteral("tariff"), period.options.tariff}};
    return services::Door(db, session).record({QStringLiteral("report"), 0, storage::ChangeAction::Report, {}, details});
}

Result<QJsonObject> runReport(services::Database &db, const services::StampSource &session, const QString &name,
                              const ReportPeriod &period, const QString &format)
{
    if (Status allowed = session.require(domain::Action::RunReports); !allowed)
        return allowed.failure();
    const auto figures = makeReport(db, name, period);
    if (!figures)
        return figures;
    if (Status s = recordReportUse(db, session, name, period, format); !s)
        return s.failure(); // a report nobody can trace is not handed out
    return figures;
}

} // namespace painmdt::reporting
