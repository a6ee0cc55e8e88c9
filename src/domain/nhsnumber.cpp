#include "domain/nhsnumber.h"

#include <algorithm>

namespace painmdt::domain {

namespace {

// ASCII only: QChar::isDigit() would also accept Arabic-Indic and full-width digits.
bool isAsciiDigit(QChar c) { return c >= u'0' && c <= u'9'; }

bool isAsciiDigits(const QString &s, qsizetype length)
{
    return s.size() == length && std::all_of(s.cbegin(), s.cend(), isAsciiDigit);
}

// Separators people type or paste between digit groups.
bool isSeparator(QChar c) { return c.isSpace() || c == u'-'; }

bool allSameDigit(const QString &digits)
{
    return std::all_of(digits.cbegin(), digits.cend(), [&](QChar c) { return c == digits.front(); });
}

qsizetype countDigits(const QString &s) { return std::count_if(s.cbegin(), s.cend(), isAsciiDigit); }

} // namespace

std::optional<int> nhsCheckDigit(const QString &nineDigits)
{
    if (!isAsciiDigits(nineDigits, 9))
        return std::nullopt;
    int sum = 0;
    for (int i = 0; i < 9; ++i)
        sum += nineDigits[i].digitValue() * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10)
        return std::nullopt; // no valid number can start with these nine digits
    return check == 11 ? 0 : check;
}

NhsNumberCheck checkNhsNumber(const QString &input)
{
    QString digits;
    for (QChar c : input) {
        if (isAsciiDigit(c))
            digits += c;
        else if (!isSeparator(c))
            return {NhsNumberError::InvalidCharacters, {}};
    }
    if (digits.isEmpty())
        return {NhsNumberError::Empty, {}};
    if (digits.size() != 10)
        return {NhsNumberError::WrongLength, {}};
    // Checked before the arithmetic, which every repeated-digit number passes.
    if (allSameDigit(digits))
        return {NhsNumberError::RepeatedDigit, {}};
    if (nhsCheckDigit(digits.left(9)) != digits[9].digitValue())
        return {NhsNumberError::CheckDigitFails, {}};
    return {NhsNumberError::None, digits};
}

bool isTestNhsNumber(const QString &digits)
{
    return digits.size() == 10 && digits.startsWith(QLatin1String("999"));
}

QString formatNhsNumber(const QString &digits)
{
    if (!isAsciiDigits(digits, 10))
        return digits;
    return digits.left(3) + u' ' + digits.mid(3, 3) + u' ' + digits.mid(6);
}

QString describe(NhsNumberError error, const QString &input)
{
    switch (error) {
    case NhsNumberError::None:
        return {};
    case NhsNumberError::Empty:
        return QStringLiteral("NHS number is blank; type the 10 digits, or leave it blank if not known.");
    case NhsNumberError::InvalidCharacters: {
        const bool letters = std::any_of(input.cbegin(), input.cend(), [](QChar c) { return c.isLetter(); });
        return letters ? QStringLiteral("NHS number contains letters; type digits only.")
                       : QStringLiteral("NHS number contains symbols; type digits only (spaces and hyphens are fine).");
    }
    case NhsNumberError::WrongLength: {
        const qsizetype n = countDigits(input);
        return QStringLiteral("NHS number has %1 digit%2; it needs 10.").arg(n).arg(n == 1 ? "" : "s");
    }
    case NhsNumberError::CheckDigitFails:
        return QStringLiteral("NHS number fails its check digit; check it against the letter or the Spine.");
    case NhsNumberError::RepeatedDigit:
        return QStringLiteral("NHS number is one digit repeated, which is never a real number; check it against the letter or the Spine.");
    }
    return {};
}

} // namespace painmdt::domain
