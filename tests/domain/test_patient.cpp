// Patient rules (issue 2): normalisation, every field error, name keys.
#include <catch2/catch.hpp>

#include "domain/patient.h"

using namespace painmdt::domain;

namespace {

const QDate today(2026, 11, 21);

Patient valid()
{
    Patient p;
    p.patientRef = QStringLiteral(" RX1 ");
    p.nhsNumber = QStringLiteral("999-000-0018");
    p.familyName = QStringLiteral("  Ahmed-Jones ");
    p.givenName = QStringLiteral("Sarah  Jane");
    p.dateOfBirth = QDate(1960, 3, 12);
    p.postcode = QStringLiteral("nw12bu");
    return p;
}

QStringList fieldsOf(const std::vector<FieldError> &errors)
{
    QStringList fields;
    for (const auto &e : errors)
        fields << e.field;
    return fields;
}

} // namespace

TEST_CASE("a valid patient is normalised and has no errors")
{
    Patient p = valid();
    CHECK(normaliseAndValidate(p, today).empty());
    CHECK(p.patientRef == QStringLiteral("RX1"));
    CHECK(p.nhsNumber == QStringLiteral("9990000018"));
    CHECK(p.familyName == QStringLiteral("Ahmed-Jones"));
    CHECK(p.givenName == QStringLiteral("Sarah Jane"));
    CHECK(p.postcode == QStringLiteral("NW1 2BU"));
}

TEST_CASE("each broken rule names its field")
{
    struct Case {
        const char *what;
        void (*breakIt)(Patient &);
        const char *field;
    };
    const Case cases[] = {
        {"no family name", [](Patient &p) { p.familyName = QStringLiteral("  "); }, field::familyName},
        {"family name without letters", [](Patient &p) { p.familyName = QStringLiteral("--"); }, field::familyName},
        {"no given name", [](Patient &p) { p.givenName.clear(); }, field::givenName},
        {"no date of birth", [](Patient &p) { p.dateOfBirth = {}; }, field::dateOfBirth},
        {"born tomorrow", [](Patient &p) { p.dateOfBirth = today.addDays(1); }, field::dateOfBirth},
        {"born before 1880", [](Patient &p) { p.dateOfBirth = QDate(1870, 1, 1); }, field::dateOfBirth},
        {"wrong check digit", [](Patient &p) { p.nhsNumber = QStringLiteral("9990000017"); }, field::nhsNumber},
        {"repeated digits", [](Patient &p) { p.nhsNumber = QStringLiteral("9999999999"); }, field::nhsNumber},
        {"letters in NHS number", [](Patient &p) { p.nhsNumber = QStringLiteral("999OOO0018"); }, field::nhsNumber},
        {"bad postcode", [](Patient &p) { p.postcode = QStringLiteral("NW1"); }, field::postcode},
        {"died in the future", [](Patient &p) { p.dateOfDeath = today.addDays(3); }, field::dateOfDeath},
        {"died before birth", [](Patient &p) { p.dateOfDeath = QDate(1950, 1, 1); }, field::dateOfDeath},
    };
    for (const Case &c : cases) {
        INFO(c.what);
        Patient p = valid();
        c.breakIt(p);
        CHECK(fieldsOf(normaliseAndValidate(p, today)) == QStringList{QString::fromLatin1(c.field)});
    }
}

TEST_CASE("blank NHS number and postcode are allowed")
{
    Patient p = valid();
    p.nhsNumber = QStringLiteral("   ");
    p.postcode = QString();
    CHECK(normaliseAndValidate(p, today).empty());
    CHECK(p.nhsNumber.isEmpty());
    CHECK_FALSE(p.hasNhsNumber());
}

TEST_CASE("born today is allowed, pseudo-postcodes are valid")
{
    Patient p = valid();
    p.dateOfBirth = today;
    p.postcode = QStringLiteral("zz99 3wz");
    CHECK(normaliseAndValidate(p, today).empty());
    CHECK(p.postcode == QStringLiteral("ZZ99 3WZ"));
}

TEST_CASE("name keys ignore case, accents and punctuation")
{
    const std::pair<const char *, const char *> cases[] = {
        {"O'Brien", "OBRIEN"}, {"obrien", "OBRIEN"}, {"Ahmed-Jones", "AHMEDJONES"},
        {"Zoë", "ZOE"}, {"Ñúñez", "NUNEZ"}, {"da Silva", "DASILVA"}, {"", ""},
    };
    for (const auto &[name, key] : cases)
        CHECK(nameKey(QString::fromUtf8(name)) == QString::fromUtf8(key));
}

TEST_CASE("sex codes round-trip and reject others")
{
    for (Sex s : {Sex::NotRecorded, Sex::Female, Sex::Male, Sex::Other, Sex::Unknown})
        CHECK(parseSexCode(sexCode(s)) == s);
    CHECK(parseSexCode(QStringLiteral(" Female ")) == Sex::Female);
    CHECK_FALSE(parseSexCode(QStringLiteral("f")).has_value());
    CHECK(sexLabel(Sex::NotRecorded) == QStringLiteral("Not recorded"));
}

TEST_CASE("display name puts the family name in capitals")
{
    Patient p = valid();
    normaliseAndValidate(p, today);
    CHECK(displayName(p) == QStringLiteral("AHMED-JONES, Sarah Jane"));
}
