#pragma once
// NHS number: parse, check and display (clinical reference §3).
#include <QString>
#include <optional>

namespace painmdt::domain {

enum class NhsNumberError {
    None,
    Empty,           // nothing typed (a blank NHS number is allowed; callers decide)
    InvalidCharacters, // letters or symbols other than spaces and hyphens
    WrongLength,     // not exactly 10 digits
    CheckDigitFails, // modulus 11 check digit does not match, or would be 10
    RepeatedDigit,   // e.g. 1111111111: passes the arithmetic but is not a real number
};

struct NhsNumberCheck {
    NhsNumberError error = NhsNumberError::None;
    QString digits; // the 10 digits when error == None
    bool ok() const { return error == NhsNumberError::None; }
};

// Accepts "9990000018", "999 000 0018", "999-000-0018" (any spacing, surrounding blanks).
NhsNumberCheck checkNhsNumber(const QString &input);

// Check digit for the first nine digits; nullopt when the check would be 10 (unusable prefix).
std::optional<int> nhsCheckDigit(const QString &nineDigits);

// "999 000 0018" from "9990000018"; returns the input unchanged if it is not 10 digits.
QString formatNhsNumber(const QString &digits);

// NHS England's range for testing (999 000 0000 to 999 999 9999): never a real patient's number.
// Used by the demo and the tests; in a live database it is a mistake (hazard H26).
bool isTestNhsNumber(const QString &digits);

// A sentence for the user saying what to do, e.g. "NHS number has 9 digits; it needs 10."
QString describe(NhsNumberError error, const QString &input);

} // namespace painmdt::domain
