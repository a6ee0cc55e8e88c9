// The outcomes report's single-occasion measures follow the definition, not fixed codes: a
// service whose PGIC runs the other way (7 = very much improved, as some UK pain services use)
// declares it (better "higher", responders 6 and 7) and is counted by its own rule (hazard H17).
#include "domain/instrument.h"
#include "reporting/outcomesreport.h"

#include <catch2/catch.hpp>

#include <QJsonDocument>
#include <QJsonObject>

using namespace painmdt;

namespace {

QByteArray pgic(const char *better, const char *categories, const char *version = "1")
{
    return QStringLiteral(R"({"code": "pgic_local", "name": "PGIC as this service numbers it", "version": "%3", "scoring_version": "pgic-1",
        "better": "%1", "single_occasion": true,
        "items": [{"id": "q1", "text": "Change", "options": [{"code": 1, "label": "One"}, {"code": 2, "label": "Two"},
          {"code": 3, "label": "Three"}, {"code": 4, "label": "Four"}, {"code": 5, "label": "Five"},
          {"code": 6, "label": "Six"}, {"code": 7, "label": "Seven"}]}],
        "scores": [{"id": "score", "label": "Score", "method": "sum", "items": ["q1"]}],
        "meaningful_change": {"kind": "category", "score": "score", "categories": %2}})")
        .arg(QLatin1String(better), QLatin1String(categories), QLatin1String(version)).toUtf8();
}

storage::AdministrationRow answer(qint64 patient, int code, const char *version = "1")
{
    return {patient, patient, QStringLiteral("pgic_local"), QLatin1String(version), QStringLiteral("discharge"), QDate(2024, 3, 1),
            true, QStringLiteral("{\"score\": %1}").arg(code), QString(), false};
}

double pctImproved(const domain::InstrumentDefinition &d)
{
    const std::vector<storage::AdministrationRow> rows{answer(1, 1), answer(2, 2), answer(3, 6), answer(4, 7), answer(5, 4)};
    const reporting::ReportPeriod period{QDate(2024, 1, 1), QDate(2024, 6, 30), QDate(2024, 6, 30)};
    // A service's own PGIC has a code of its own (a built-in one cannot be replaced): it gets the same
    // distribution, under that code.
    const QJsonObject r = reporting::outcomes(rows, {&d}, period);
    CHECK(r.value(QStringLiteral("instruments")).toObject().value(QStringLiteral("pgic_local")).toObject()
              .value(QStringLiteral("mean_change")).isNull()); // never a paired change
    return r.value(QStringLiteral("pgic_local")).toObject().value(QStringLiteral("pct_improved")).toDouble();
}

} // namespace

TEST_CASE("PGIC responders are counted by the definition's own direction")
{
    const auto usual = domain::parseInstrumentDefinition(pgic("lower", "[1, 2]"));
    REQUIRE(usual.ok());
    const auto reversed = domain::parseInstrumentDefinition(pgic("higher", "[6, 7]"));
    REQUIRE(reversed.ok());
    CHECK(pctImproved(usual.value()) == 40.0);    // answers 1 and 2 of five
    CHECK(pctImproved(reversed.value()) == 40.0); // answers 6 and 7 of five
    const auto builtIn = domain::builtInInstruments();
    const auto *shipped = domain::findInstrument(builtIn, QStringLiteral("pgic"));
    REQUIRE(shipped != nullptr);
    CHECK(shipped->better == domain::Better::Lower); // the shipped one: 1 = very much improved
    CHECK(shipped->meaningfulChange.categories == QList<int>{1, 2});
}

TEST_CASE("Each answer is judged by the version of the definition that scored it, not the newest (hazard H17)")
{
    // Version 2 of the service's PGIC numbers the scale the other way round.
    const auto v1 = domain::parseInstrumentDefinition(pgic("lower", "[1, 2]", "1"));
    const auto v2 = domain::parseInstrumentDefinition(pgic("higher", "[6, 7]", "2"));
    REQUIRE(v1.ok());
    REQUIRE(v2.ok());
    // 1 under version 1 and 7 under version 2 both mean "very much improved"; 1 under version 2 does not.
    const std::vector<storage::AdministrationRow> rows{answer(1, 1, "1"), answer(2, 7, "2"), answer(3, 1, "2")};
    const reporting::ReportPeriod period{QDate(2024, 1, 1), QDate(2024, 6, 30), QDate(2024, 6, 30)};
    for (const reporting::Definitions &definitions : {reporting::Definitions{&v1.value(), &v2.value()},
                                                      reporting::Definitions{&v2.value(), &v1.value()}}) {
        const QJsonObject r = reporting::outcomes(rows, definitions, period);
        CHECK(r.value(QStringLiteral("pgic_local")).toObject().value(QStringLiteral("improved")).toInt() == 2);
        CHECK(r.value(QStringLiteral("pgic_local")).toObject().value(QStringLiteral("patients")).toInt() == 3);
    }
}

TEST_CASE("A renumbered scale is counted by its words under the newest numbering, an unknown version is never judged")
{
    // Version 2 numbers the same words the other way round: 1 = "Seven" ... 7 = "One".
    const QByteArray renumbered = R"({"code": "pgic_local", "name": "PGIC as this service numbers it", "version": "2",
        "scoring_version": "pgic-2", "better": "higher", "single_occasion": true,
        "items": [{"id": "q1", "text": "Change", "options": [{"code": 1, "label": "Seven"}, {"code": 2, "label": "Six"},
          {"code": 3, "label": "Five"}, {"code": 4, "label": "Four"}, {"code": 5, "label": "Three"},
          {"code": 6, "label": "Two"}, {"code": 7, "label": "One"}]}],
        "scores": [{"id": "score", "label": "Score", "method": "sum", "items": ["q1"]}],
        "meaningful_change": {"kind": "category", "score": "score", "categories": [6, 7]}})";
    const auto v1 = domain::parseInstrumentDefinition(pgic("lower", "[1, 2]", "1"));
    const auto v2 = domain::parseInstrumentDefinition(renumbered);
    REQUIRE(v1.ok());
    REQUIRE(v2.ok());
    REQUIRE(v2.value().items.front().options.front().label == QStringLiteral("Seven"));
    // "One" under version 1 (code 1) is code 7 under version 2; a version-3 row is not judged at all.
    const std::vector<storage::AdministrationRow> rows{answer(1, 1, "1"), answer(2, 7, "2"), answer(3, 1, "3")};
    const reporting::ReportPeriod period{QDate(2024, 1, 1), QDate(2024, 6, 30), QDate(2024, 6, 30)};
    const QJsonObject r = reporting::outcomes(rows, {&v1.value(), &v2.value()}, period);
    const QJsonObject pgicLocal = r.value(QStringLiteral("pgic_local")).toObject();
    CHECK(pgicLocal.value(QStringLiteral("by_answer")).toObject().value(QStringLiteral("7")).toInt() == 2);
    CHECK(pgicLocal.value(QStringLiteral("patients")).toInt() == 2);
    CHECK(r.value(QStringLiteral("instruments")).toObject().value(QStringLiteral("pgic_local")).toObject()
              .value(QStringLiteral("unknown_version")).toInt() == 1);
}
