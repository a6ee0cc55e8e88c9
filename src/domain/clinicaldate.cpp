#include "domain/clinicaldate.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>

namespace painmdt::domain {

namespace {

// Fixed English names: QLocale is never used, because Qt 6.4's en_GB writes September as "Sept"
// and clinical dates must read the same under every locale (ux.md).
constexpr std::array<const char *, 12> kMonthNames{"January", "February", "March",     "April",
                                                   "May",     "June",     "July",      "August",
                                                   "September", "October", "November", "December"};

QString monthName(int month) { return QString::fromLatin1(kMonthNames[month - 1]); }
QString monthAbbreviation(int month) { return monthName(month).left(3); }

DateEntry notUnderstood()
{
    return {QDate(), QStringLiteral("Date not understood; type e.g. 12-Mar-2024, 12/03/2024, 2024-03-12, "
                                    "t for today or +3m.")};
}

DateEntry fail(const QString &message) { return {QDate(), message}; }

DateEntry badOffset()
{
    return {QDate(), QStringLiteral("Offsets are a sign, a number and d, w, m or y, e.g. +3m or -2d.")};
}

bool isDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// 1-12 for a month name or any abbreviation of at least three letters ("Sep", "Sept", "sept"),
// 0 otherwise. Three-letter prefixes of English month names are all distinct.
int monthFromWord(const QString &word)
{
    if (word.size() < 3)
        return 0;
    for (int month = 1; month <= 12; ++month)
        if (monthName(month).startsWith(word, Qt::CaseInsensitive))
            return month;
    return 0;
}

enum class CharKind { Digit, Letter, Separator, Other };

CharKind kindOf(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return CharKind::Digit;
    if (c.isLetter())
        return CharKind::Letter;
    if (c.isSpace() || c == u'-' || c == u'/' || c == u'.' || c == u',')
        return CharKind::Separator;
    return CharKind::Other;
}

// Splits "12-Mar-2024", "12 mar 2024" or "12mar2024" into {"12", "mar", "2024"}: tokens end at
// separators and wherever digits meet letters. nullopt when a character fits no date form.
std::optional<QStringList> tokenise(const QString &text)
{
    QStringList tokens;
    QString current;
    CharKind currentKind = CharKind::Separator;
    for (QChar c : text) {
        const CharKind kind = kindOf(c);
        if (kind == CharKind::Other)
            return std::nullopt;
        if (kind != currentKind && !current.isEmpty()) {
            tokens << current;
            current.clear();
        }
        if (kind != CharKind::Separator)
            current += c;
        currentKind = kind;
    }
    if (!current.isEmpty())
        tokens << current;
    return tokens;
}

// A date from numbers the user typed, with a message naming what is impossible about it.
DateEntry makeDate(int year, int month, int day)
{
    if (year == 0)
        return fail(QStringLiteral("Year 0000 does not exist."));
    if (month < 1 || month > 12)
        return fail(QStringLiteral("Month %1 does not exist; months run from 1 to 12.").arg(month));
    const int daysInMonth = QDate(year, month, 1).daysInMonth();
    if (day < 1 || day > daysInMonth)
        return fail(QStringLiteral("Day %1 does not exist in %2 %3, which has %4 days.")
                        .arg(day)
                        .arg(monthName(month))
                        .arg(year)
                        .arg(daysInMonth));
    return {QDate(year, month, day), {}};
}

// "12-Mar-2024", "12/03/2024", "12.03.2024" (day first, as in the UK) or "2024-03-12".
DateEntry parseAbsolute(const QString &entry)
{
    const std::optional<QStringList> tokens = tokenise(entry);
    if (!tokens || tokens->size() != 3)
        return notUnderstood();
    const bool yearFirst = isDigits(tokens->at(0)) && tokens->at(0).size() == 4;
    const QString &dayText = tokens->at(yearFirst ? 2 : 0);
    const QString &monthText = tokens->at(1);
    const QString &yearText = tokens->at(yearFirst ? 0 : 2);

    const bool numericMonth = isDigits(monthText);
    if (!isDigits(dayText) || dayText.size() > 2 || !isDigits(yearText) || (numericMonth && monthText.size() > 2))
        return notUnderstood();
    const int month = numericMonth ? monthText.toInt() : monthFromWord(monthText);
    if (!numericMonth && month == 0)
        return fail(QStringLiteral("“%1” is not a month; type e.g. Mar, March or 03.").arg(monthText));
    if (yearText.size() == 2)
        return fail(QStringLiteral("Year %1 is ambiguous; type all four digits, e.g. 19%1 or 20%1.").arg(yearText));
    if (yearText.size() != 4)
        return fail(QStringLiteral("Type the year in four digits, e.g. 2024."));
    return makeDate(yearText.toInt(), month, dayText.toInt());
}

// "t", "today", or an offset from today such as "+3m", "-2d", "+1w", "-1y".
DateEntry parseRelative(const QString &entry, const QDate &today)
{
    if (!today.isValid())
        return fail(QStringLiteral("Today's date is not known here; type the date in full."));
    if (entry == u"t" || entry == u"today")
        return {today, {}};

    const QString number = entry.mid(1, entry.size() - 2).trimmed();
    if (!isDigits(number) || number.size() > 4)
        return badOffset();
    const int amount = (entry.front() == u'-' ? -1 : 1) * number.toInt();
    // addMonths and addYears clamp to the month's end: 31-Jan + 1m is 28- or 29-Feb.
    switch (entry.back().unicode()) {
    case u'd': return {today.addDays(amount), {}};
    case u'w': return {today.addDays(7 * amount), {}};
    case u'm': return {today.addMonths(amount), {}};
    case u'y': return {today.addYears(amount), {}};
    }
    return badOffset();
}

// Months completed between birth and on (birth <= on). The k-th monthly anniversary is
// birth.addMonths(k), which Qt clamps to the month's last day when the day is missing: born
// 31-Jan, the February anniversary is 28-Feb (29-Feb in a leap year). Years are 12 months, so a
// 29-Feb birthday falls on 28-Feb in non-leap years (addMonths(12) == addYears(1)).
int completedMonths(const QDate &birth, const QDate &on)
{
    int months = (on.year() - birth.year()) * 12 + on.month() - birth.month();
    if (birth.addMonths(months) > on)
        --months; // this month's anniversary is still to come
    return months;
}

bool isAgeComputable(const QDate &birth, const QDate &on)
{
    return birth.isValid() && on.isValid() && birth <= on;
}

} // namespace

QString formatClinicalDate(const QDate &date)
{
    if (!date.isValid())
        return QStringLiteral("Not recorded");
    return QStringLiteral("%1-%2-%3")
        .arg(date.day(), 2, 10, QLatin1Char('0'))
        .arg(monthAbbreviation(date.month()))
        .arg(date.year(), 4, 10, QLatin1Char('0'));
}

QDate parseIsoDate(const QString &text)
{
    if (text.size() != 10 || text[4] != u'-' || text[7] != u'-')
        return {};
    const QString year = text.left(4), month = text.mid(5, 2), day = text.mid(8, 2);
    if (!isDigits(year) || !isDigits(month) || !isDigits(day))
        return {};
    const QDate date(year.toInt(), month.toInt(), day.toInt());
    return date.isValid() ? date : QDate();
}

DateEntry parseDateEntry(const QString &text, const QDate &today)
{
    const QString entry = text.trimmed().toLower();
    if (entry.isEmpty())
        return {}; // blank is not an error here: the caller knows whether the field is required
    if (entry == u"t" || entry == u"today" || entry.front() == u'+' || entry.front() == u'-')
        return parseRelative(entry, today);
    return parseAbsolute(entry);
}

QString formatAge(const QDate &birth, const QDate &on)
{
    if (!isAgeComputable(birth, on))
        return {};
    const int months = completedMonths(birth, on);
    if (months >= 18 * 12)
        return QStringLiteral("%1y").arg(months / 12);
    if (months >= 2 * 12)
        return QStringLiteral("%1y %2m").arg(months / 12).arg(months % 12);
    // Under two: days since the last monthly anniversary.
    return QStringLiteral("%1m %2d").arg(months).arg(birth.addMonths(months).daysTo(on));
}

int ageInYears(const QDate &birth, const QDate &on)
{
    return isAgeComputable(birth, on) ? completedMonths(birth, on) / 12 : -1;
}

} // namespace painmdt::domain
