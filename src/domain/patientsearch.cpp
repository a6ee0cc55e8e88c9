#include "domain/patientsearch.h"

#include "domain/clinicaldate.h"
#include "domain/patient.h"

#include <QRegularExpression>

#include <algorithm>

namespace painmdt::domain {

namespace {

bool allDigits(const QString &s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

// "999 000 0018" or "999-000-0018": the whole query is one number typed in groups.
bool isGroupedNumber(const QString &text)
{
    static const QRegularExpression grouped(QStringLiteral("^\\d+([ -]+\\d+)+$"));
    return grouped.match(text).hasMatch();
}

// A full date typed in the search box; relative forms ("t", "+3m") are not dates of birth.
QDate searchDate(const QString &token)
{
    if (!token.contains(QLatin1Char('-')) && !token.contains(QLatin1Char('/'))
        && !token.contains(QLatin1Char('.')))
        return {};
    if (token.startsWith(QLatin1Char('+')) || token.startsWith(QLatin1Char('-')))
        return {};
    return parseDateEntry(token, QDate::currentDate()).date;
}

SearchTerm classify(const QString &token, bool firstName)
{
    if (const QDate date = searchDate(token); date.isValid())
        return {SearchTerm::Kind::BirthDate, token, date};
    if (allDigits(token))
        return {SearchTerm::Kind::Digits, token, {}};
    const QString letters = nameKey(token);
    const bool hasDigit = std::any_of(token.begin(), token.end(), [](QChar c) { return c.isDigit(); });
    if (hasDigit)
        return {SearchTerm::Kind::RefPrefix, token.toUpper(), {}};
    return {firstName ? SearchTerm::Kind::FamilyPrefix : SearchTerm::Kind::GivenPrefix, letters, {}};
}

} // namespace

bool isBirthYear(const QString &digits)
{
    if (digits.size() != 4 || !allDigits(digits))
        return false;
    const int year = digits.toInt();
    return year >= 1880 && year <= 2199;
}

std::vector<SearchTerm> parsePatientSearch(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (isGroupedNumber(trimmed) && !searchDate(trimmed).isValid()) {
        QString digits = trimmed;
        digits.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
        return {{SearchTerm::Kind::Digits, digits, {}}};
    }

    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    std::vector<SearchTerm> terms;
    bool firstName = true;
    for (const QString &token : trimmed.split(separators, Qt::SkipEmptyParts)) {
        SearchTerm term = classify(token, firstName);
        if (term.kind == SearchTerm::Kind::FamilyPrefix || term.kind == SearchTerm::Kind::GivenPrefix) {
            if (term.text.isEmpty())
                continue; // punctuation only, e.g. a lone apostrophe
            firstName = false;
        }
        terms.push_back(term);
    }
    return terms;
}

} // namespace painmdt::domain
