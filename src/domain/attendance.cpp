#include "domain/attendance.h"

#include "domain/textrules.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Attendance", text); }

// Money as typed in a file: finite and not negative.
// A billion pounds is beyond any service's figures: more is a typing slip.
bool validMoney(double value) { return std::isfinite(value) && value >= 0 && value < 1e9; }

} // namespace

const QStringList &attendanceSettings()
{
    static const QStringList settings{QStringLiteral("ae"), QStringLiteral("non_elective_admission"),
                                      QStringLiteral("elective_admission"), QStringLiteral("outpatient_first"),
                                      QStringLiteral("outpatient_followup"), QStringLiteral("gp"), QStringLiteral("ambulance")};
    return settings;
}

bool isAdmission(const QString &setting)
{
    return setting == QLatin1String("non_elective_admission") || setting == QLatin1String("elective_admission");
}

std::optional<double> parsePounds(const QString &text)
{
    static const QRegularExpression money(QStringLiteral("^\u00A3?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d{1,2})?$"));
    if (!money.match(text.trimmed()).hasMatch())
        return std::nullopt; // pence at most: a third decimal would be shown rounded and saved again
    bool ok = false;
    const double pounds = QString(text.trimmed()).remove(QChar(0x00A3)).remove(QLatin1Char(',')).toDouble(&ok);
    return ok && validMoney(pounds) ? std::optional(pounds) : std::nullopt;
}

std::vector<FieldError> validate(Attendance &a)
{
    std::vector<FieldError> errors;
    a.setting = a.setting.trimmed().toLower();
    if (!attendanceSettings().contains(a.setting))
        errors.push_back({field::setting, tr("%1 is not a setting; use one of: %2.")
                                              .arg(echo(a.setting), attendanceSettings().join(QStringLiteral(", ")))});
    if (!a.attendedOn.isValid())
        errors.push_back({field::attendedOn, tr("attended_on is required (YYYY-MM-DD).")});
    if (a.bedDays && *a.bedDays < 0)
        errors.push_back({field::bedDays, tr("bed_days cannot be negative.")});
    else if (a.bedDays && *a.bedDays > maxBedDays) // a slip of the keyboard would cost hundreds of millions
        errors.push_back({field::bedDays, tr("%1 bed days is more than a year in one admission; check the figure, or record a "
                                             "longer stay as one admission a year.").arg(*a.bedDays)});
    else if (a.bedDays && *a.bedDays > 0 && attendanceSettings().contains(a.setting) && !isAdmission(a.setting))
        errors.push_back({field::bedDays, tr("bed_days is for admissions only; this is %1.").arg(a.setting)});
    checkText(a.attendanceRef, field::attendanceRef, TextKind::Ref, errors);
    checkText(a.specialty, field::specialty, TextKind::Line, errors);
    return errors;
}

std::vector<FieldError> validate(TariffLine &line)
{
    std::vector<FieldError> errors;
    line.tariff = line.tariff.trimmed();
    line.setting = line.setting.trimmed().toLower();
    if (line.tariff.isEmpty())
        errors.push_back({field::tariff, tr("tariff (its name) is required.")});
    checkText(line.tariff, field::tariff, TextKind::Line, errors);
    if (!attendanceSettings().contains(line.setting) && line.setting != QLatin1String(bedDaySetting))
        errors.push_back({field::setting, tr("%1 is not a setting; use one of: %2, bed_day.")
                                              .arg(echo(line.setting), attendanceSettings().join(QStringLiteral(", ")))});
    if (!validMoney(line.unitCost))
        errors.push_back({field::unitCost, tr("unit_cost_gbp must be a number of pounds, 0 or more.")});
    if (line.priceYear.trimmed().isEmpty())
        errors.push_back({field::priceYear, tr("price_year is required (e.g. 2023/24): costs change every year.")});
    if (line.source.trimmed().isEmpty())
        errors.push_back({field::tariffSource, tr("source is required: say where the figure comes from.")});
    checkText(line.priceYear, field::priceYear, TextKind::Line, errors);
    checkText(line.source, field::tariffSource, TextKind::FreeText, errors);
    return errors;
}

std::optional<double> Tariff::costOf(const QString &setting, int bedDays) const
{
    const auto unit = lines.find(setting);
    if (unit == lines.end())
        return std::nullopt;
    const auto bed = lines.find(QLatin1String(bedDaySetting));
    return unit->second.unitCost + (bed == lines.end() ? 0.0 : bedDays * bed->second.unitCost);
}

double ServiceCost::proRated(const QDate &periodFrom, const QDate &periodTo) const
{
    const QDate start = std::max(from, periodFrom), end = std::min(to, periodTo);
    if (end < start)
        return 0;
    return cost * double(start.daysTo(end) + 1) / double(from.daysTo(to) + 1);
}

std::vector<FieldError> validate(const ServiceCost &c)
{
    std::vector<FieldError> errors;
    if (!c.from.isValid())
        errors.push_back({field::costFrom, tr("from is required (YYYY-MM-DD).")});
    if (!c.to.isValid())
        errors.push_back({field::costTo, tr("to is required (YYYY-MM-DD).")});
    else if (c.from.isValid() && c.to < c.from)
        errors.push_back({field::costTo, tr("to is before from.")});
    for (const auto &[day, name] : {std::pair{c.from, field::costFrom}, std::pair{c.to, field::costTo}})
        if (day.isValid() && (day.year() < 1990 || day.year() > 2100)) // a slip that would spread the cost thin
            errors.push_back({name, tr("%1 is not a plausible date for a service's costs.").arg(day.toString(Qt::ISODate))});
    if (!validMoney(c.cost))
        errors.push_back({field::cost, tr("cost_gbp must be a number of pounds, 0 or more.")});
    return errors;
}

} // namespace painmdt::domain
