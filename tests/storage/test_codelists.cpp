// Issue 7: each code list lives in the domain. The database keeps its CHECK constraints as a
// second line of defence (SQLite cannot change one without rebuilding the table); these tests make
// a code added to one and not the other fail at once, and hold the pathway table to the domain.
#include "domain/assessment.h"
#include "domain/patient.h"
#include "domain/referral.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QRegularExpression>
#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;

namespace {

// The codes of "column ... CHECK (... column IN ('a', 'b'))" in the table's stored SQL.
QStringList checkedCodes(storage::Database &db, const QString &table, const QString &column)
{
    const QString sql = scalar(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                       .arg(table)).toString();
    const QRegularExpression in(QStringLiteral("\\b%1 IN \\(([^)]*)\\)").arg(column));
    const auto match = in.match(sql);
    INFO(table.toStdString() << "." << column.toStdString());
    REQUIRE(match.hasMatch());
    QStringList codes;
    for (const QString &quoted : match.captured(1).split(QLatin1Char(',')))
        codes << quoted.trimmed().remove(QLatin1Char('\''));
    return codes;
}

} // namespace

TEST_CASE("The database's CHECK lists hold exactly the domain's codes", "[storage][codes][sqlite]")
{
    TempDatabase t;
    struct Case {
        const char *table, *column;
        QStringList codes;
    };
    QStringList sexes;
    for (const auto sex : {domain::Sex::Female, domain::Sex::Male, domain::Sex::Other, domain::Sex::Unknown})
        sexes << domain::sexCode(sex);
    const Case cases[] = {
        {"referral", "source", domain::referralSources()},
        {"referral", "priority", domain::referralPriorities()},
        {"contact", "mode", domain::contactModes()},
        {"contact", "outcome", domain::contactOutcomes()},
        {"assessment", "occasion", domain::assessmentOccasions()},
        {"patient", "sex", sexes},
    };
    for (const Case &c : cases) {
        INFO(c.table << "." << c.column);
        CHECK(checkedCodes(*t, QLatin1String(c.table), QLatin1String(c.column)) == c.codes);
    }
}

TEST_CASE("The pathway table holds every domain pathway, seeded with the domain's community default", "[storage][codes]")
{
    TempDatabase t;
    QSqlQuery q(t->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT code, community FROM pathway ORDER BY sort_order")));
    QStringList codes;
    while (q.next()) {
        const QString code = q.value(0).toString();
        codes << code;
        INFO(code.toStdString());
        CHECK((q.value(1).toInt() == 1) == domain::defaultCommunityPathway(code));
    }
    CHECK(codes == domain::pathwayCodes());
}
