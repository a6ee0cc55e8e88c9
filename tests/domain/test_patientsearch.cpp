// How search text becomes terms (ux.md "Search is the main way in").
#include <catch2/catch.hpp>

#include "domain/patientsearch.h"

using namespace painmdt::domain;
using Kind = SearchTerm::Kind;

namespace {

struct Case {
    const char *typed;
    std::vector<SearchTerm> terms;
};

SearchTerm term(Kind kind, const char *text, QDate date = {})
{
    return {kind, QString::fromUtf8(text), date};
}

} // namespace

TEST_CASE("search text is split into terms by kind")
{
    const QDate march12(1960, 3, 12);
    const std::vector<Case> cases = {
        {"", {}},
        {"   ", {}},
        {"smi", {term(Kind::FamilyPrefix, "SMI")}},
        {"smith jo", {term(Kind::FamilyPrefix, "SMITH"), term(Kind::GivenPrefix, "JO")}},
        {"smith, jo", {term(Kind::FamilyPrefix, "SMITH"), term(Kind::GivenPrefix, "JO")}},
        {"o'brien", {term(Kind::FamilyPrefix, "OBRIEN")}},
        {"ahmed-jones", {term(Kind::FamilyPrefix, "AHMEDJONES")}},
        {"smith 1960", {term(Kind::FamilyPrefix, "SMITH"), term(Kind::Digits, "1960")}},
        {"9990000018", {term(Kind::Digits, "9990000018")}},
        {"999 000 0018", {term(Kind::Digits, "9990000018")}},
        {"999-000-0018", {term(Kind::Digits, "9990000018")}},
        {" 999 00", {term(Kind::Digits, "99900")}},
        {"RX12", {term(Kind::RefPrefix, "RX12")}},
        {"rx12", {term(Kind::RefPrefix, "RX12")}},
        {"12-Mar-1960", {term(Kind::BirthDate, "12-Mar-1960", march12)}},
        {"12/03/1960", {term(Kind::BirthDate, "12/03/1960", march12)}},
        {"1960-03-12", {term(Kind::BirthDate, "1960-03-12", march12)}},
        {"smith 12/03/1960", {term(Kind::FamilyPrefix, "SMITH"), term(Kind::BirthDate, "12/03/1960", march12)}},
        {"' smith", {term(Kind::FamilyPrefix, "SMITH")}},
    };
    for (const Case &c : cases) {
        INFO("typed: " << c.typed);
        CHECK(parsePatientSearch(QString::fromUtf8(c.typed)) == c.terms);
    }
}

TEST_CASE("birth years are four digits in a plausible range")
{
    CHECK(isBirthYear(QStringLiteral("1960")));
    CHECK(isBirthYear(QStringLiteral("2024")));
    CHECK_FALSE(isBirthYear(QStringLiteral("1879")));
    CHECK_FALSE(isBirthYear(QStringLiteral("999")));
    CHECK_FALSE(isBirthYear(QStringLiteral("99900")));
}
