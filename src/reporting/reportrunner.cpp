#include "reporting/reportrunner.h"

#include "reporting/caseloadreport.h"
#include "reporting/costreports.h"
#include "reporting/outcomesreport.h"
#include "reporting/referralreports.h"
#include "reporting/servicereport.h"
#include "services/assessmentservice.h"
#include "services/attendanceservice.h"
#include "services/door.h"
#include "storage/reportqueries.h"

#include <QCoreApplication>
#include <algorithm>
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

// Cost-savings with its tariff and the service's costs already read.
Result<QJsonObject> costSavingsWith(storage::Database &db, const ReportPeriod &p, const std::optional<domain::Tariff> &tariff,
                                    const std::vector<domain::ServiceCost> &serviceCosts)
{
    const auto tallies = storage::costSavingsTallies(db, p.options.indexByReferral, p.options.windowMonths, p.from, p.to,
                                                     p.asOf, pricesOf(tariff));
    if (!tallies)
        return tallies.failure();
    return costSavings(tallies.value(), tariff, serviceCosts, p);
}

Result<QJsonObject> costSavingsReport(storage::Database &db, const ReportPeriod &p)
{
    const auto tariff = tariffFor(db, p);
    if (!tariff)
        return tariff.failure();
    const auto serviceCosts = services::AttendanceService(db).serviceCosts();
    if (!serviceCosts)
        return serviceCosts.failure();
    return costSavingsWith(db, p, tariff.value(), serviceCosts.value());
}

// The outcomes report over `rows` (storage::administrationRows), with every definition.
Result<QJsonObject> outcomesReport(storage::Database &db, const std::vector<storage::AdministrationRow> &rows,
                                   const ReportPeriod &p)
{
    services::AssessmentService assessments(db); // the definitions: built-in and imported
    if (Status ready = assessments.definitionsReady(); !ready)
        return ready.failure();
    Definitions definitions;
    for (const auto *registered : assessments.registry())
        definitions.add(&registered->definition);
    return outcomes(rows, definitions, p);
}

// Moves a read's value into `into`; false, keeping its error, when it failed.
template <typename T>
bool read(Result<T> &&result, T &into, std::optional<Error> &error)
{
    if (!result) {
        error = result.failure();
        return false;
    }
    into = std::move(result.value());
    return true;
}

Result<QJsonObject> serviceOutcomeReport(storage::Database &db, const ReportPeriod &p)
{
    ServiceInputs in;
    std::vector<storage::AdministrationRow> administrations;
    std::vector<domain::ServiceCost> periods;
    std::optional<Error> error;
    const bool byReferral = p.options.indexByReferral;
    if (!read(tariffFor(db, p), in.tariff, error) || !read(services::AttendanceService(db).serviceCosts(), periods, error)
        || !read(storage::waitingRows(db, p.from, p.to, p.asOf), in.waiting, error)
        || !read(storage::triageRows(db, p.from, p.to, p.asOf), in.triage, error)
        || !read(storage::activityCounts(db, p.from, p.to, p.asOf), in.activity, error)
        || !read(storage::administrationRows(db, p.asOf), administrations, error)
        || !read(outcomesReport(db, administrations, p), in.outcomes, error)
        || !read(costSavingsWith(db, p, in.tariff, periods), in.costSavings, error)
        || !read(storage::patientWindows(db, byReferral, p.options.windowMonths, p.options.windowMonths, p.from, p.to,
                                         p.asOf, pricesOf(in.tariff)), in.windows, error)
        || !read(storage::patientWindows(db, byReferral, sensitivityBaselineMonths, sensitivityAfterMonths, p.from, p.to,
                                         p.asOf, pricesOf(in.tariff)), in.windows24, error))
        return *error;
    in.administrations = &administrations;
    in.serviceCostRecorded = std::any_of(periods.begin(), periods.end(),
                                         [&](const domain::ServiceCost &c) { return c.from <= p.to && c.to >= p.from; });
    return serviceReport(in, p);
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
             const auto rows = storage::administrationRows(db, p.asOf);
             if (!rows)
                 return rows.failure();
             return outcomesReport(db, rows.value(), p);
         }},
        {QStringLiteral("service"), serviceOutcomeReport},
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
