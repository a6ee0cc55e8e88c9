#pragma once
// Clinical dates: one fixed display format, forgiving entry, ages (clinical reference §3, ux.md).
#include <QDate>
#include <QString>

namespace painmdt::domain {

// "05-Apr-2008" whatever the locale (fixed English month table: September is "Sep").
// An invalid date gives "Not recorded".
QString formatClinicalDate(const QDate &date);

// "YYYY-MM-DD" for storage and interchange; QDate() when the text is not exactly that form
// or not a real date.
QDate parseIsoDate(const QString &text);

struct DateEntry {
    QDate date;      // valid when the entry was understood
    QString error;   // a sentence for the user when it was not ("" when ok)
};

// What a user types into a clinical date field, relative to `today`:
//   "12-Mar-2024" (month name/abbreviation any case, 1- or 2-digit day, separators - / space),
//   "12/03/2024" or "12.03.2024" (UK order: day first), "2024-03-12",
//   "t" or "today", offsets "+3m", "-2d", "+1w", "-1y" (from today; months clamp at month end),
//   two-digit years are refused as ambiguous.
DateEntry parseDateEntry(const QString &text, const QDate &today);

// Age as shown in the banner (ux.md): "61y" from 18 years, "4y 1m" from 2 to under 18,
// "13m 8d" under 2 years (months and days). Empty when birth is invalid or after `on`.
QString formatAge(const QDate &birth, const QDate &on);

// Whole years completed on `on`; -1 when birth is invalid or after `on`.
int ageInYears(const QDate &birth, const QDate &on);

} // namespace painmdt::domain
