// Clinical dates and ages (clinical-reference.md §3; ux.md "Dates, times and numbers", "Age").
#include <catch2/catch.hpp>

#include "support/catchqt.h"

#include "domain/clinicaldate.h"

#include <QLocale>
#include <QStringList>


using namespace painmdt::domain;

namespace {

struct Ymd {
    int y, m, d;
    QDate date() const { return QDate(y, m, d); }
};

struct Formatted {
    Ymd date;
    const char *text;
};

struct Iso {
    const char *text;
    QDate date;
};

struct Entry {
    const char *text;
    Ymd today;
    Ymd expected;
};

struct EntryError {
    const char *text;
    const char *messagePart; // the error must contain this
};

struct Age {
    Ymd birth;
    Ymd on;
    const char *age;
};

struct Years {
    QDate birth;
    QDate on;
    int years;
};

// Restores the default locale however the test ends.
class DefaultLocaleGuard {
public:
    DefaultLocaleGuard() = default;
    ~DefaultLocaleGuard() { QLocale::setDefault(saved_); }
    DefaultLocaleGuard(const DefaultLocaleGuard &) = delete;
    DefaultLocaleGuard &operator=(const DefaultLocaleGuard &) = delete;

private:
    QLocale saved_;
};

QStringList formatEveryMonth()
{
    QStringList out;
    for (int month = 1; month <= 12; ++month)
        out << formatClinicalDate(QDate(2024, month, 5));
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Display

TEST_CASE("Clinical dates display as DD-Mmm-YYYY with fixed English months", "[domain][date]")
{
    const auto c = GENERATE(values<Formatted>({
        {{2008, 4, 5}, "05-Apr-2008"}, // ux.md example
        {{2024, 3, 12}, "12-Mar-2024"},
        {{2024, 1, 1}, "01-Jan-2024"},
        {{2024, 2, 29}, "29-Feb-2024"},
        {{2024, 3, 31}, "31-Mar-2024"},
        {{2024, 4, 30}, "30-Apr-2024"},
        {{2024, 5, 9}, "09-May-2024"},
        {{2024, 6, 10}, "10-Jun-2024"},
        {{2024, 7, 11}, "11-Jul-2024"},
        {{2024, 8, 12}, "12-Aug-2024"},
        {{2024, 9, 13}, "13-Sep-2024"}, // not "Sept" (Qt 6.4 en_GB)
        {{2024, 10, 14}, "14-Oct-2024"},
        {{2024, 11, 15}, "15-Nov-2024"},
        {{2024, 12, 31}, "31-Dec-2024"},
        {{1900, 1, 1}, "01-Jan-1900"},
        {{999, 9, 9}, "09-Sep-0999"},
    }));
    CHECK(formatClinicalDate(c.date.date()) == QString::fromLatin1(c.text));
}

TEST_CASE("A missing date reads Not recorded", "[domain][date]")
{
    CHECK(formatClinicalDate(QDate()) == QStringLiteral("Not recorded"));
    CHECK(formatClinicalDate(QDate(2023, 2, 29)) == QStringLiteral("Not recorded"));
}

TEST_CASE("Clinical dates are identical under en_GB and en_US, and September is Sep", "[domain][date]")
{
    DefaultLocaleGuard guard;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QStringList us = formatEveryMonth();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    const QStringList gb = formatEveryMonth();
    CHECK(us == gb);
    CHECK(gb.at(8) == QStringLiteral("05-Sep-2024"));
    CHECK(formatClinicalDate(QDate(2024, 9, 30)) == QStringLiteral("30-Sep-2024"));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // not English at all
    CHECK(formatEveryMonth() == gb);
}

// ---------------------------------------------------------------------------------------------
// ISO storage form

TEST_CASE("parseIsoDate accepts exactly YYYY-MM-DD and real dates", "[domain][date]")
{
    const auto c = GENERATE(values<Iso>({
        {"2024-03-12", QDate(2024, 3, 12)},
        {"2024-02-29", QDate(2024, 2, 29)},
        {"1900-01-01", QDate(1900, 1, 1)},
        {"2023-02-29", QDate()}, // not a leap year
        {"2024-04-31", QDate()},
        {"2024-13-01", QDate()},
        {"2024-00-10", QDate()},
        {"2024-01-00", QDate()},
        {"0000-01-01", QDate()}, // there is no year 0
        {"2024-3-12", QDate()},
        {"2024-03-1", QDate()},
        {"12-03-2024", QDate()},
        {"2024/03/12", QDate()},
        {" 2024-03-12", QDate()},
        {"2024-03-12 ", QDate()},
        {"2024-03-12T00:00", QDate()},
        {"+024-03-12", QDate()},
        {"2024-0a-12", QDate()},
        {"", QDate()},
    }));
    CAPTURE(c.text);
    const QDate parsed = parseIsoDate(QString::fromLatin1(c.text));
    CHECK(parsed == c.date);
    CHECK(parsed.isValid() == c.date.isValid());
}

TEST_CASE("parseIsoDate reads back what Qt writes as ISO", "[domain][date]")
{
    for (QDate d(2023, 12, 25); d <= QDate(2024, 3, 5); d = d.addDays(1))
        REQUIRE(parseIsoDate(d.toString(Qt::ISODate)) == d);
}

// ---------------------------------------------------------------------------------------------
// Entry

TEST_CASE("Date entry understands the accepted forms", "[domain][date]")
{
    const Ymd today{2024, 1, 31};
    const auto c = GENERATE_COPY(values<Entry>({
        {"12-Mar-2024", today, {2024, 3, 12}},
        {"12 mar 2024", today, {2024, 3, 12}},
        {"12-March-2024", today, {2024, 3, 12}},
        {"12-MAR-2024", today, {2024, 3, 12}},
        {"1-Mar-2024", today, {2024, 3, 1}},
        {"12mar2024", today, {2024, 3, 12}},
        {"13 Sept 2024", today, {2024, 9, 13}}, // what Qt's en_GB writes, if pasted
        {"13 sep 2024", today, {2024, 9, 13}},
        {"12/03/2024", today, {2024, 3, 12}}, // UK order: day first
        {"01/02/2024", today, {2024, 2, 1}},
        {"1/2/2024", today, {2024, 2, 1}},
        {"12.03.2024", today, {2024, 3, 12}},
        {"2024-03-12", today, {2024, 3, 12}},
        {"29/02/2024", today, {2024, 2, 29}},
        {"  12/03/2024 ", today, {2024, 3, 12}},
        // Today and offsets from it; months and years clamp at the month's end.
        {"t", today, today},
        {"T", today, today},
        {"today", today, today},
        {" Today ", today, today},
        {"+0d", today, today},
        {"-2d", today, {2024, 1, 29}},
        {"+2d", today, {2024, 2, 2}},
        {"+1w", today, {2024, 2, 7}},
        {"-1w", today, {2024, 1, 24}},
        {"+1m", today, {2024, 2, 29}},   // 31-Jan + 1m: clamped to the leap day
        {"+3m", today, {2024, 4, 30}},   // clamped to 30-Apr
        {"-2m", today, {2023, 11, 30}},
        {"+13m", today, {2025, 2, 28}},
        {"-1y", today, {2023, 1, 31}},
        {"+1y", {2024, 2, 29}, {2025, 2, 28}}, // from a leap day
        {"+4y", {2024, 2, 29}, {2028, 2, 29}},
        {"+3M", today, {2024, 4, 30}},
        {"+ 3 m", today, {2024, 4, 30}},
        {"+10d", today, {2024, 2, 10}},
    }));
    CAPTURE(c.text);
    const DateEntry entry = parseDateEntry(QString::fromLatin1(c.text), c.today.date());
    CHECK(entry.error.isEmpty());
    CHECK(entry.date == c.expected.date());
}

TEST_CASE("Date entry explains what is wrong", "[domain][date]")
{
    const auto c = GENERATE(values<EntryError>({
        // Two-digit years are ambiguous.
        {"12/03/24", "Year 24 is ambiguous; type all four digits, e.g. 1924 or 2024."},
        {"12-Mar-24", "ambiguous"},
        {"1.1.60", "Year 60 is ambiguous"},
        // Impossible dates name the problem.
        {"31/02/2024", "Day 31 does not exist in February 2024, which has 29 days."},
        {"29-Feb-2023", "Day 29 does not exist in February 2023, which has 28 days."},
        {"31-Apr-2024", "April 2024, which has 30 days"},
        {"0/03/2024", "Day 0 does not exist"},
        {"12/13/2024", "Month 13 does not exist; months run from 1 to 12."}, // US order typed
        {"12/00/2024", "Month 0 does not exist"},
        {"01/01/0000", "Year 0000 does not exist."},
        {"12-Mrach-2024", "“mrach” is not a month"},
        {"12-Ma-2024", "is not a month"},
        {"12/03/202", "Type the year in four digits"},
        {"12/03/20245", "Type the year in four digits"},
        // Offsets.
        {"+3", "Offsets are a sign, a number and d, w, m or y, e.g. +3m or -2d."},
        {"+m", "Offsets are"},
        {"+3x", "Offsets are"},
        {"-", "Offsets are"},
        {"+12345d", "Offsets are"},
        {"+3m2d", "Offsets are"},
        // Anything else lists the accepted forms.
        {"banana", "Date not understood; type e.g. 12-Mar-2024, 12/03/2024, 2024-03-12, t for today or +3m."},
        {"tomorrow", "Date not understood"},
        {"3m", "Date not understood"},
        {"12", "Date not understood"},
        {"12 Mar", "Date not understood"},
        {"12032024", "Date not understood"},
        {"12/03/2024/1", "Date not understood"},
        {"12:03:2024", "Date not understood"},
        {"123/03/2024", "Date not understood"},
        {"12/003/2024", "Date not understood"},
        {"Mar 12 2024", "Date not understood"},
        {"12-03-2024 10:30", "Date not understood"},
        {"١٢/٠٣/٢٠٢٤", "Date not understood"}, // Arabic-Indic digits
    }));
    CAPTURE(c.text);
    const DateEntry entry = parseDateEntry(QString::fromUtf8(c.text), QDate(2024, 1, 31));
    CHECK_FALSE(entry.date.isValid());
    CHECK(entry.error.contains(QString::fromUtf8(c.messagePart)));
    // Short single sentences for an inline message.
    CHECK(entry.error.endsWith(u'.'));
    CHECK_FALSE(entry.error.contains(u'\n'));
    CHECK(entry.error.size() <= 100);
}

TEST_CASE("Blank date entry is neither a date nor an error", "[domain][date]")
{
    for (const char *blank : {"", " ", "\t \n"}) {
        const DateEntry entry = parseDateEntry(QString::fromLatin1(blank), QDate(2024, 1, 31));
        CHECK_FALSE(entry.date.isValid());
        CHECK(entry.error.isEmpty());
    }
}

TEST_CASE("Relative entry needs to know today", "[domain][date]")
{
    for (const char *relative : {"t", "+3m"}) {
        const DateEntry entry = parseDateEntry(QString::fromLatin1(relative), QDate());
        CHECK_FALSE(entry.date.isValid());
        CHECK_FALSE(entry.error.isEmpty());
    }
    CHECK(parseDateEntry(QStringLiteral("12/03/2024"), QDate()).date == QDate(2024, 3, 12));
}

TEST_CASE("Every displayed date can be typed back", "[domain][date]")
{
    for (QDate d(2023, 1, 1); d <= QDate(2024, 12, 31); d = d.addDays(1)) {
        const DateEntry entry = parseDateEntry(formatClinicalDate(d), QDate(2024, 1, 31));
        REQUIRE(entry.date == d);
    }
}

// ---------------------------------------------------------------------------------------------
// Ages

TEST_CASE("Ages follow the banner rules", "[domain][age]")
{
    const auto c = GENERATE(values<Age>({
        // ux.md examples.
        {{1963, 1, 15}, {2024, 6, 1}, "61y"},
        {{2020, 2, 10}, {2024, 3, 10}, "4y 1m"},
        {{2023, 1, 4}, {2024, 2, 12}, "13m 8d"},
        // 18th birthday: the day before, the day.
        {{2006, 3, 12}, {2024, 3, 11}, "17y 11m"},
        {{2006, 3, 12}, {2024, 3, 12}, "18y"},
        {{1920, 3, 12}, {2024, 3, 12}, "104y"},
        // 2nd birthday: the day before, the day.
        {{2022, 3, 12}, {2024, 3, 11}, "23m 28d"},
        {{2022, 3, 12}, {2024, 3, 12}, "2y 0m"},
        {{2022, 3, 12}, {2024, 4, 11}, "2y 0m"},
        {{2022, 3, 12}, {2024, 4, 12}, "2y 1m"},
        // Newborns.
        {{2024, 3, 12}, {2024, 3, 12}, "0m 0d"},
        {{2024, 3, 12}, {2024, 3, 13}, "0m 1d"},
        {{2024, 3, 12}, {2024, 4, 11}, "0m 30d"},
        {{2024, 3, 12}, {2024, 4, 12}, "1m 0d"},
        // Born on the 31st: the monthly anniversary falls on the last day of shorter months.
        {{2024, 1, 31}, {2024, 2, 28}, "0m 28d"},
        {{2024, 1, 31}, {2024, 2, 29}, "1m 0d"},
        {{2024, 1, 31}, {2024, 3, 1}, "1m 1d"},
        {{2024, 1, 31}, {2024, 3, 30}, "1m 30d"},
        {{2024, 1, 31}, {2024, 3, 31}, "2m 0d"},
        {{2024, 1, 31}, {2024, 4, 30}, "3m 0d"},
        {{2023, 1, 31}, {2023, 2, 27}, "0m 27d"},
        {{2023, 1, 31}, {2023, 2, 28}, "1m 0d"},
        // Born on 29-Feb: the birthday is 28-Feb in non-leap years.
        {{2020, 2, 29}, {2021, 2, 27}, "11m 29d"},
        {{2020, 2, 29}, {2021, 2, 28}, "12m 0d"},
        {{2020, 2, 29}, {2022, 2, 27}, "23m 29d"},
        {{2020, 2, 29}, {2022, 2, 28}, "2y 0m"},
        {{2020, 2, 29}, {2038, 2, 27}, "17y 11m"},
        {{2020, 2, 29}, {2038, 2, 28}, "18y"},
        // No age.
        {{2024, 3, 12}, {2024, 3, 11}, ""}, // born after `on`
        {{2023, 2, 29}, {2024, 3, 11}, ""}, // invalid birth
    }));
    CAPTURE(c.birth.date(), c.on.date());
    CHECK(formatAge(c.birth.date(), c.on.date()) == QString::fromLatin1(c.age));
}

TEST_CASE("No age without both dates", "[domain][age]")
{
    CHECK(formatAge(QDate(), QDate(2024, 1, 1)).isEmpty());
    CHECK(formatAge(QDate(2020, 1, 1), QDate()).isEmpty());
}

TEST_CASE("Months and days under two add back up to the date", "[domain][age]")
{
    // Invariant behind "13m 8d": birth + m months + d days == on, and the (m+1)th monthly
    // anniversary is still to come. Checked for every day of the first two years of every
    // birth date from Dec 2023 to Mar 2024 (leap day and month ends included).
    int failures = 0;
    for (QDate birth(2023, 12, 1); birth <= QDate(2024, 3, 31); birth = birth.addDays(1)) {
        for (QDate on = birth; birth.addYears(2) > on; on = on.addDays(1)) {
            const QStringList parts = formatAge(birth, on).split(u' ');
            const int months = parts.value(0).chopped(1).toInt();
            const int days = parts.value(1).chopped(1).toInt();
            const bool ok = parts.size() == 2 && parts[0].endsWith(u'm') && parts[1].endsWith(u'd')
                            && days >= 0 && days <= 30 && birth.addMonths(months).addDays(days) == on
                            && birth.addMonths(months + 1) > on;
            if (!ok && ++failures <= 5)
                FAIL_CHECK(formatClinicalDate(birth).toStdString() << " on " << formatClinicalDate(on).toStdString()
                                                                   << " gave " << formatAge(birth, on).toStdString());
        }
    }
    CHECK(failures == 0);
}

TEST_CASE("Age in completed years", "[domain][age]")
{
    const auto c = GENERATE(values<Years>({
        {QDate(1960, 3, 12), QDate(2024, 3, 11), 63},
        {QDate(1960, 3, 12), QDate(2024, 3, 12), 64},
        {QDate(2006, 3, 12), QDate(2024, 3, 11), 17},
        {QDate(2006, 3, 12), QDate(2024, 3, 12), 18},
        {QDate(2024, 3, 12), QDate(2024, 3, 12), 0},
        {QDate(2023, 3, 13), QDate(2024, 3, 12), 0},
        {QDate(2020, 2, 29), QDate(2021, 2, 27), 0},
        {QDate(2020, 2, 29), QDate(2021, 2, 28), 1}, // leap-day birthday taken as 28-Feb
        {QDate(2020, 2, 29), QDate(2024, 2, 28), 3},
        {QDate(2020, 2, 29), QDate(2024, 2, 29), 4},
        {QDate(2024, 3, 12), QDate(2024, 3, 11), -1}, // born after `on`
        {QDate(), QDate(2024, 3, 11), -1},
        {QDate(2024, 3, 12), QDate(), -1},
    }));
    CAPTURE(c.birth, c.on);
    CHECK(ageInYears(c.birth, c.on) == c.years);
}
