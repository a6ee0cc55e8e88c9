#include "reporting/dashboard.h"

#include "domain/clinicaldate.h"
#include "reporting/reportrunner.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Dashboard", text); }

QString day(QDate d) { return domain::formatClinicalDate(d); }

ReportPeriod between(QDate from, QDate to, QDate asOf) { return {from, to, asOf, {}}; }

// One figure of one report: `key` may be "after.cost" for a nested figure.
QJsonValue figure(const QJsonObject &figures, const QString &key)
{
    const QStringList path = key.split(QLatin1Char('.'));
    QJsonValue v = figures;
    for (const QString &part : path)
        v = v.toObject().value(part);
    return v.isUndefined() ? QJsonValue() : v;
}

} // namespace

QDate financialYearStart(QDate day)
{
    return QDate(day.month() >= 4 ? day.year() : day.year() - 1, 4, 1);
}

ReportPeriod presetPeriod(PeriodPreset preset, QDate asOf, int windowMonths)
{
    const QDate fy = financialYearStart(asOf);
    const QDate monthStart(asOf.year(), asOf.month(), 1);
    switch (preset) {
    case PeriodPreset::FinancialYearToDate: return between(fy, asOf, asOf);
    case PeriodPreset::LastFinancialYear: return between(fy.addYears(-1), fy.addDays(-1), asOf);
    case PeriodPreset::Last12Months: return between(asOf.addYears(-1).addDays(1), asOf, asOf);
    case PeriodPreset::LastFullMonth: return between(monthStart.addMonths(-1), monthStart.addDays(-1), asOf);
    case PeriodPreset::CompleteWindows: {
        // The latest twelve months of index dates whose after-window has ended by asOf.
        const QDate to = asOf.addMonths(-windowMonths);
        ReportPeriod p = between(to.addYears(-1).addDays(1), to, asOf);
        p.options.windowMonths = windowMonths;
        return p;
    }
    }
    return between(fy, asOf, asOf);
}

Result<std::vector<DashboardTile>> dashboard(services::Database &db, QDate asOf)
{
    const ReportPeriod year = presetPeriod(PeriodPreset::FinancialYearToDate, asOf);
    const ReportPeriod cohort = presetPeriod(PeriodPreset::CompleteWindows, asOf);
    const QString thisYear = tr("%1 to %2").arg(day(year.from), day(year.to));
    using Unit = DashboardTile::Unit;
    std::vector<DashboardTile> tiles{
        {tr("Waiting now"), tr("referrals with no first contact yet"), {}, Unit::Count, QStringLiteral("waiting-times"), year},
        {tr("Median wait"), tr("referral to first contact, referrals received %1").arg(thisYear), {}, Unit::Days,
         QStringLiteral("waiting-times"), year},
        {tr("Caseload"), tr("open episodes today"), {}, Unit::Count, QStringLiteral("caseload"), year},
        {tr("Check-ins overdue"), tr("open episodes past their next check-in date"), {}, Unit::Count,
         QStringLiteral("caseload"), year},
        {tr("Hospital attendances"), tr("recorded %1").arg(thisYear), {}, Unit::Count, QStringLiteral("attendances"), year},
        {tr("Net saving"), tr("patients first seen %1 to %2 (12 months before and after), less the service's cost")
                               .arg(day(cohort.from), day(cohort.to)),
         {}, Unit::Money, QStringLiteral("cost-savings"), cohort}};
    const char *keys[] = {"waiting_at_as_of", "median_days_to_first_contact", "open_episodes", "overdue_check_ins",
                          "attendances", "net_saving"};
    QJsonObject previous;
    QString previousReport;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        if (tiles[i].report != previousReport) { // tiles of one report sit side by side: read it once
            const auto figures = makeReport(db, tiles[i].report, tiles[i].period);
            if (!figures)
                return figures.failure();
            previous = figures.value();
            previousReport = tiles[i].report;
        }
        tiles[i].value = figure(previous, QLatin1String(keys[i]));
    }
    return tiles;
}

QString tileText(const DashboardTile &tile)
{
    if (!tile.value.isDouble())
        return QStringLiteral("\u2013");
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    const double v = tile.value.toDouble();
    switch (tile.unit) {
    case DashboardTile::Unit::Count: return uk.toString(qint64(std::llround(v)));
    case DashboardTile::Unit::Days: return tr("%1 days").arg(uk.toString(v, 'f', v == std::floor(v) ? 0 : 1));
    case DashboardTile::Unit::Money:
        return (v < 0 ? QStringLiteral("\u2212\u00A3") : QStringLiteral("\u00A3")) + uk.toString(qint64(std::llround(std::abs(v))));
    }
    return {};
}

} // namespace painmdt::reporting
