#pragma once
// Hospital and primary-care use, and what it costs (issue 10; clinical reference §4; interchange
// `--kind attendances`, `tariff`, `service-costs`). An attendance is one A&E visit, admission,
// outpatient appointment, GP appointment or ambulance call-out; its cost comes from a named,
// dated tariff with a source for every figure, never from code.
#include "domain/patient.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace painmdt::domain {

// ae, non_elective_admission, elective_admission, outpatient_first, outpatient_followup, gp,
// ambulance: the contract's settings, in display order.
const QStringList &attendanceSettings();
inline constexpr auto bedDaySetting = "bed_day"; // a tariff line: the cost of one bed day
bool isAdmission(const QString &setting);

// The most bed days one admission record may carry (a year, a leap year's).
inline constexpr int maxBedDays = 366;

struct Attendance {
    qint64 id = 0;
    QString attendanceRef;    // optional; makes re-import idempotent
    qint64 patientId = 0;
    QDate attendedOn;         // the admission date for admissions
    QString setting;
    std::optional<int> bedDays; // admissions only
    QString specialty;
    QString enteredInError;   // why it was withdrawn; "" = a live record
    int rowVersion = 0;

    bool isEnteredInError() const { return !enteredInError.isEmpty(); }
};

// Lower-cases the setting; then every rule (known setting, a date, bed days whole, not negative
// and only on an admission, text limits). Errors name the contract's columns.
std::vector<FieldError> validate(Attendance &a);

// One unit cost in a named tariff, with where it came from.
struct TariffLine {
    qint64 id = 0;
    QString tariff;    // the tariff's name, e.g. "Example 2023/24"
    QString setting;   // an attendance setting, or "bed_day"
    double unitCost = 0; // pounds
    QString priceYear; // e.g. "2013/14"
    QString source;    // required: a figure nobody can trace is not used
    int rowVersion = 0;
};
std::vector<FieldError> validate(TariffLine &line);

// A named set of unit costs.
struct Tariff {
    QString name;
    std::map<QString, TariffLine> lines; // setting -> line

    // The setting's unit cost plus its bed days at the bed-day cost (when the tariff has one);
    // nullopt when the tariff has no cost for the setting.
    std::optional<double> costOf(const QString &setting, int bedDays) const;
};

// What the service cost over a period (inclusive dates).
struct ServiceCost {
    qint64 id = 0;
    QDate from, to;
    double cost = 0; // pounds
    int rowVersion = 0;

    // The share of the cost that falls in [from, to], pro-rated by days of overlap.
    double proRated(const QDate &periodFrom, const QDate &periodTo) const;
};
std::vector<FieldError> validate(const ServiceCost &c);

// "114", "1,035.50" or "£1,035.50" as pounds; nullopt for anything else (negative included).
std::optional<double> parsePounds(const QString &text);

namespace field {
inline constexpr auto attendanceRef = "attendance_ref";
inline constexpr auto attendedOn = "attended_on";
inline constexpr auto setting = "setting";
inline constexpr auto bedDays = "bed_days";
inline constexpr auto specialty = "specialty";
inline constexpr auto tariff = "tariff";
inline constexpr auto unitCost = "unit_cost_gbp";
inline constexpr auto priceYear = "price_year";
inline constexpr auto tariffSource = "source"; // where a tariff figure comes from
inline constexpr auto costFrom = "from";
inline constexpr auto costTo = "to";
inline constexpr auto cost = "cost_gbp";
} // namespace field

} // namespace painmdt::domain
