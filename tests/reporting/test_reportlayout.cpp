// The layout people read (issue 10): CSV for spreadsheets with headings and codes in words,
// money to the penny under "(£)", a setting the tariff cannot price said in words, and text
// that a spreadsheet would run as a formula neutralised (a key worker's name comes from a file).
#include "reporting/report.h"
#include "reporting/reportlayout.h"

#include <QJsonArray>
#include <catch2/catch.hpp>

using namespace painmdt;

namespace {

QJsonObject attendances()
{
    QJsonObject ae{{"count", 3}, {"bed_days", 0}, {"cost", 444}};
    QJsonObject ambulance{{"count", 2}, {"bed_days", 0}, {"cost", 0}};
    return QJsonObject{{"report", "attendances"}, {"from", "2025-04-01"}, {"to", "2026-03-31"}, {"as_of", "2026-11-21"},
                       {"tariff", "Example"}, {"attendances", 5}, {"total_cost", -12.5},
                       {"by_setting", QJsonObject{{"ae", ae}, {"ambulance", ambulance}}},
                       {"uncosted_settings", QJsonArray{"ambulance"}}};
}

} // namespace

TEST_CASE("CSV for people: parameters in words, codes as labels, money to the penny, uncosted settings said", "[reporting]")
{
    const QString csv = QString::fromUtf8(reporting::toCsv(attendances()));
    CHECK(csv.startsWith(QStringLiteral("Report,Hospital attendances\r\nPeriod,01-Apr-2025 to 31-Mar-2026\r\n"
                                        "As known on,21-Nov-2026\r\nTariff,Example\r\n")));
    CHECK(csv.contains(QStringLiteral("\r\nTotal cost (\u00A3),-12.50\r\n"))); // a number a spreadsheet can add
    CHECK(csv.contains(QStringLiteral("\r\nSetting,Count,Bed days,Cost (\u00A3)\r\n")));
    CHECK(csv.contains(QStringLiteral("\r\nA&E,3,0,444.00\r\n")));
    CHECK(csv.contains(QStringLiteral("\r\nAmbulance call-out,2,0,Not in the tariff\r\n")));
    CHECK(csv.contains(QStringLiteral("\r\nUncosted settings\r\nAmbulance call-out\r\n")));
    CHECK_FALSE(csv.contains(QStringLiteral("uncosted_settings")));
}

TEST_CASE("CSV for people: a cell a spreadsheet would run as a formula starts with an apostrophe", "[reporting]")
{
    for (const char *hostile : {"=HYPERLINK(A1)", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"}) {
        const QJsonObject worker{{"open_episodes", 1}, {"overdue_check_ins", -1}};
        const QJsonObject caseload{{"report", "caseload"}, {"from", "2026-01-01"}, {"to", "2026-03-31"}, {"as_of", "2026-03-31"},
                                   {"by_key_worker", QJsonObject{{QString::fromLatin1(hostile), worker}}}};
        const QString csv = QString::fromUtf8(reporting::toCsv(caseload));
        INFO(hostile);
        CHECK(csv.contains(QLatin1Char('\'') + QString::fromLatin1(hostile)));
        CHECK(csv.contains(QStringLiteral(",1,-1\r\n"))); // numbers are never altered
    }
}

TEST_CASE("The layout: a by-month list is a table by month, a list of words a list, echoed options are parameters", "[reporting]")
{
    const QJsonObject savings{{"report", "cost-savings"}, {"from", "2024-01-01"}, {"to", "2024-12-31"}, {"as_of", "2025-12-15"},
                              {"index", "referral"}, {"window_months", 6}, {"tariff", QJsonValue()},
                              {"net_saving", 10}, {"caveats", QJsonArray{"No control group."}},
                              {"by_month", QJsonArray{QJsonObject{{"month", "2024-03"}, {"referrals", 4}}}}};
    const auto parameters = reporting::reportParameters(savings);
    CHECK(parameters.contains({QStringLiteral("Windows"), QStringLiteral("6 months before and after the index date")}));
    CHECK(parameters.contains({QStringLiteral("Index date"), QStringLiteral("the referral's received date")}));
    CHECK(parameters.contains({QStringLiteral("Tariff"), QStringLiteral("none imported: counts only")}));
    const auto tables = reporting::reportTables(savings);
    REQUIRE(tables.size() == 3);
    CHECK(tables[0].rows.size() == 1); // the net saving: options are not figures
    CHECK(tables[0].rows[0][1].money);
    CHECK(tables[1].title == QStringLiteral("By month"));
    CHECK(tables[1].columns == QStringList{QStringLiteral("Month"), QStringLiteral("Referrals")});
    CHECK(tables[2].isList);
    CHECK(tables[2].items == QStringList{QStringLiteral("No control group.")});
}
