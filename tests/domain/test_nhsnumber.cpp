// NHS number rules from clinical-reference.md §3 and ux.md ("NHS number entry").
// Every example in the reference is tested; numbers made up here are in the 999 test range.
#include <catch2/catch.hpp>

#include "support/catchqt.h"

#include "domain/nhsnumber.h"

#include <QStringList>

#include <optional>


using namespace painmdt::domain;

namespace {

struct Accepted {
    const char *input;
    const char *digits;
};

struct Rejected {
    const char *input;
    NhsNumberError error;
};

struct CheckDigitCase {
    const char *nineDigits;
    std::optional<int> check;
};

} // namespace

TEST_CASE("Valid NHS numbers are accepted in any spacing", "[domain][nhsnumber]")
{
    const auto c = GENERATE(values<Accepted>({
        // The reference's valid examples.
        {"943 476 5919", "9434765919"},
        {"943 476 5870", "9434765870"}, // remainder 0: check 11 becomes 0
        {"401 023 2137", "4010232137"},
        {"485 777 3457", "4857773457"},
        {"999 000 0018", "9990000018"},
        // ux.md entry forms: typed, pasted, with surrounding blanks or odd separators.
        {"9990000018", "9990000018"},
        {"999-000-0018", "9990000018"},
        {"  999 000 0018\t", "9990000018"},
        {"999  000-0018", "9990000018"},
        {"9-9-9-0-0-0-0-0-1-8", "9990000018"},
        {"999 000 0050", "9990000050"}, // 999-range check digit of 0
    }));
    CAPTURE(c.input);
    const NhsNumberCheck result = checkNhsNumber(QString::fromUtf8(c.input));
    CHECK(result.ok());
    CHECK(result.error == NhsNumberError::None);
    CHECK(result.digits == QString::fromUtf8(c.digits));
}

TEST_CASE("Invalid NHS numbers are rejected with the specific reason", "[domain][nhsnumber]")
{
    const auto c = GENERATE(values<Rejected>({
        // The reference's invalid examples.
        {"943 476 5918", NhsNumberError::CheckDigitFails},
        {"485 777 3456", NhsNumberError::CheckDigitFails},
        {"123 456 7890", NhsNumberError::CheckDigitFails}, // check digit would be 10
        {"999 000 0000", NhsNumberError::CheckDigitFails}, // same, in the test range
        {"999 000 0019", NhsNumberError::CheckDigitFails},
        // Blank.
        {"", NhsNumberError::Empty},
        {"   ", NhsNumberError::Empty},
        {" - ", NhsNumberError::Empty},
        // Letters and symbols.
        {"999 000 001O", NhsNumberError::InvalidCharacters}, // letter O for zero
        {"ABC", NhsNumberError::InvalidCharacters},
        {"999/000/0018", NhsNumberError::InvalidCharacters},
        {"999.000.0018", NhsNumberError::InvalidCharacters},
        {"+999 000 0018", NhsNumberError::InvalidCharacters},
        {"٩٩٩٠٠٠٠٠١٨", NhsNumberError::InvalidCharacters}, // Arabic-Indic digits
        // Wrong number of digits.
        {"999 000 001", NhsNumberError::WrongLength},
        {"999 000 00188", NhsNumberError::WrongLength},
        {"1", NhsNumberError::WrongLength},
    }));
    CAPTURE(c.input);
    const NhsNumberCheck result = checkNhsNumber(QString::fromUtf8(c.input));
    CHECK_FALSE(result.ok());
    CHECK(result.error == c.error);
    CHECK(result.digits.isEmpty());
}

TEST_CASE("Repeated-digit numbers pass the arithmetic but are rejected", "[domain][nhsnumber]")
{
    const int digit = GENERATE(range(0, 10));
    const QString number = QString(10, QChar(u'0' + digit));
    CAPTURE(number);
    CHECK(nhsCheckDigit(number.left(9)) == digit); // the arithmetic alone would let it through
    CHECK(checkNhsNumber(number).error == NhsNumberError::RepeatedDigit);
    CHECK(checkNhsNumber(formatNhsNumber(number)).error == NhsNumberError::RepeatedDigit);
}

TEST_CASE("Check digit of the first nine digits", "[domain][nhsnumber]")
{
    const auto c = GENERATE(values<CheckDigitCase>({
        {"943476591", 9},
        {"943476587", 0},
        {"401023213", 7},
        {"485777345", 7},
        {"999000001", 8},
        {"999000005", 0},
        {"123456789", std::nullopt}, // would be 10
        {"999000000", std::nullopt}, // would be 10
        {"", std::nullopt},          // not nine digits
        {"99900000", std::nullopt},
        {"9990000018", std::nullopt},
        {"99900000A", std::nullopt},
    }));
    CAPTURE(c.nineDigits);
    CHECK(nhsCheckDigit(QString::fromLatin1(c.nineDigits)) == c.check);
}

TEST_CASE("NHS numbers display as 3-3-4", "[domain][nhsnumber]")
{
    CHECK(formatNhsNumber(QStringLiteral("9990000018")) == QStringLiteral("999 000 0018"));
    CHECK(formatNhsNumber(QStringLiteral("9434765919")) == QStringLiteral("943 476 5919"));
    // Anything but 10 digits is returned as typed, so nothing the user entered is lost.
    for (const char *unchanged : {"", "999000001", "99900000188", "999 000 0018", "ABCDEFGHIJ"})
        CHECK(formatNhsNumber(QString::fromLatin1(unchanged)) == QString::fromLatin1(unchanged));
}

TEST_CASE("NHS number errors read as specific sentences saying what to do", "[domain][nhsnumber]")
{
    const auto describeInput = [](const char *input) {
        const QString text = QString::fromUtf8(input);
        return describe(checkNhsNumber(text).error, text);
    };
    CHECK(describeInput("999 000 001") == QStringLiteral("NHS number has 9 digits; it needs 10."));
    CHECK(describeInput("999 000 00188") == QStringLiteral("NHS number has 11 digits; it needs 10."));
    CHECK(describeInput("1") == QStringLiteral("NHS number has 1 digit; it needs 10."));
    CHECK(describeInput("999 000 001O") == QStringLiteral("NHS number contains letters; type digits only."));
    CHECK(describeInput("943 476 5918")
          == QStringLiteral("NHS number fails its check digit; check it against the letter or the Spine."));
    CHECK(describeInput("999/000/0018").contains(QStringLiteral("type digits only")));
    CHECK(describeInput("1111111111").contains(QStringLiteral("repeated")));
    CHECK(describeInput("999 000 0018").isEmpty());

    // Every error has its own sentence, ending in a full stop.
    QStringList sentences;
    for (NhsNumberError e : {NhsNumberError::Empty, NhsNumberError::InvalidCharacters, NhsNumberError::WrongLength,
                             NhsNumberError::CheckDigitFails, NhsNumberError::RepeatedDigit}) {
        const QString sentence = describe(e, QString());
        CHECK(sentence.startsWith(QStringLiteral("NHS number ")));
        CHECK(sentence.endsWith(u'.'));
        CHECK_FALSE(sentences.contains(sentence));
        sentences << sentence;
    }
}
