#include "reporting/dashboard.h"

#include "domain/clinicaldate.h"
#include "reporting/reportlayout.h"
#include "reporting/reportrunner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <cmath>

namespace painmdt::reporting {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Dashboard", text); }

QString day(QDate d) { return domain::formatClinicalDate(d); }

ReportPeriod between(QDate from, QDate to, QDate asOf) { return {from, to, asOf, {}}; }

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

std::vector<DashboardTile> dashboard(services::Database &db, QDate asOf)
{
    const ReportPeriod year = presetPeriod(PeriodPreset::FinancialYearToDate, asOf);
    const ReportPeriod everyone = between(QDate(1900, 1, 1), asOf, asOf); // waiting now: whenever referred
    const ReportPeriod cohort = presetPeriod(PeriodPreset::CompleteWindows, asOf);
    const QString thisYear = tr("%1 to %2").arg(day(year.from), day(year.to));
    using Unit = DashboardTile::Unit;
    std::vector<std::pair<DashboardTile, const char *>> tiles{
        {{tr("Waiting now"), tr("referrals not yet seen or declined on %1, whenever received").arg(day(asOf)), {},
          Unit::Count, QStringLiteral("waiting-times"), everyone, {}}, "waiting_at_as_of"},
        {{tr("Median wait"), tr("referral to first contact, referrals received %1").arg(thisYear), {}, Unit::Days,
          QStringLiteral("waiting-times"), year, {}}, "median_days_to_first_contact"},
        {{tr("Caseload"), tr("open episodes on %1").arg(day(asOf)), {}, Unit::Count, QStringLiteral("caseload"), year, {}},
         "open_episodes"},
        {{tr("Check-ins overdue"), tr("open episodes past their next check-in date"), {}, Unit::Count,
          QStringLiteral("caseload"), year, {}}, "overdue_check_ins"},
        {{tr("Hospital attendances"), tr("dated %1, all patients").arg(thisYear), {}, Unit::Count,
          QStringLiteral("attendances"), year, {}}, "attendances"},
        {{tr("Net saving"), tr("patients first seen %1 to %2: 12 months before against 12 after, less the service's cost")
                                .arg(day(cohort.from), day(cohort.to)),
          {}, Unit::Money, QStringLiteral("cost-savings"), cohort, {}}, "net_saving"}};
    std::vector<DashboardTile> shown;
    Result<QJsonObject> figures = QJsonObject();
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        DashboardTile tile = tiles[i].first;
        const bool sameAsBefore = i > 0 && tile.report == shown.back().report && tile.period.from == shown.back().period.from;
        if (!sameAsBefore) // tiles of one report and period sit side by side: read it once
            figures = makeReport(db, tile.report, tile.period);
        if (!figures) {
            tile.error = figures.error();
        } else {
            tile.value = figures.value().value(QLatin1String(tiles[i].second));
            if (!figures.value().value(QStringLiteral("uncosted_settings")).toArray().isEmpty())
                tile.error = tr("the tariff has no price for some settings: the report names them");
        }
        shown.push_back(tile);
    }
    return shown;
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
    case DashboardTile::Unit::Money: return poundsText(v, 0);
    }
    return {};
}

} // namespace painmdt::reporting
