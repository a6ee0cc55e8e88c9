// UK postcode shape check and normalisation (clinical-reference.md §3).
#include <catch2/catch.hpp>

#include "support/catchqt.h"

#include "domain/postcode.h"


using namespace painmdt::domain;

namespace {

struct Normalised {
    const char *input;
    const char *postcode;
};

} // namespace

TEST_CASE("Postcodes of every standard shape are accepted and normalised", "[domain][postcode]")
{
    const auto c = GENERATE(values<Normalised>({
        // One example of each outward shape.
        {"M1 1AE", "M1 1AE"},       // A9
        {"B33 8TH", "B33 8TH"},     // A99
        {"CR2 6XH", "CR2 6XH"},     // AA9
        {"DN55 1PT", "DN55 1PT"},   // AA99
        {"W1A 0AX", "W1A 0AX"},     // A9A
        {"EC1A 1BB", "EC1A 1BB"},   // AA9A
        // Pseudo-postcodes and Girobank.
        {"ZZ99 3VZ", "ZZ99 3VZ"},   // no fixed abode
        {"ZZ99 3WZ", "ZZ99 3WZ"},   // not known
        {"zz993vz", "ZZ99 3VZ"},
        {"GIR 0AA", "GIR 0AA"},
        {"gir0aa", "GIR 0AA"},
        // Any case and spacing.
        {"nw12bu", "NW1 2BU"},
        {" NW1  2BU ", "NW1 2BU"},
        {"Nw1 2bU", "NW1 2BU"},
        {"N W 1 2 B U", "NW1 2BU"},
        {"\tsw1a2aa\n", "SW1A 2AA"},
        {"NW12 BU", "NW1 2BU"}, // a misplaced space: the inward code is always the last three
    }));
    CAPTURE(c.input);
    const std::optional<QString> result = normalisePostcode(QString::fromUtf8(c.input));
    REQUIRE(result.has_value());
    CHECK(*result == QString::fromUtf8(c.postcode));
}

TEST_CASE("Text that is not a postcode shape is rejected", "[domain][postcode]")
{
    const char *input = GENERATE(values<const char *>({
        "", "   ", "12345", "NW1", "NW1 2B", "NW12 BUX", "NW1 2BUX", "NW1 BU", "1W1 2BU", "NWW1 2BU",
        "NW123 2BU", "NW1A1 2BU", "N 2BU", "NW1 22U", "NW1 2B9", "NW1-2BU", "NW1 2BU.", "SW1A 2AA X",
        "ABC DEF", "ZZ99 3VZZ", "GIR 0AB", "ÄW1 2BU", "NW1 2BÜ",
        "NW1 2B\u212A", // Kelvin sign: upper-case folding must not turn it into K
        "NW1 2B\u017F", // long s
    }));
    CAPTURE(input);
    CHECK_FALSE(normalisePostcode(QString::fromUtf8(input)).has_value());
}

TEST_CASE("A normalised postcode is stable", "[domain][postcode]")
{
    for (const char *input : {"ec1a1bb", "ZZ99 3VZ", "m11ae", "GIR 0AA"}) {
        CAPTURE(input);
        const std::optional<QString> once = normalisePostcode(QString::fromLatin1(input));
        REQUIRE(once.has_value());
        CHECK(normalisePostcode(*once) == once);
    }
}
