// Tariffs and service costs edited on screen (issue 10, item 2): a unit cost changed and saved
// with its audit row; a figure without a source refused, naming the row and the column, with
// nothing saved (not even the valid edits beside it); next year's tariff begun as a copy and
// becoming the default; a service-cost period added; other roles read-only.
#include "ui/uitestsupport.h"

#include "services/attendanceservice.h"
#include "support/testsupport.h"
#include "ui/costsdialog.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

using namespace painmdt;
using test::must;
using Column = ui::CostsDialog::Column;

namespace {

struct CostsFixture : test::UiFixture {
    test::FixedToday fixedToday;
    services::AttendanceService service{*db, test::adminSession()};

    CostsFixture()
    {
        for (const auto &[setting, cost] : {std::pair{"ae", 148.0}, std::pair{"gp", 42.0}})
            REQUIRE(service.saveTariffLine({0, QStringLiteral("Ours 2025/26"), QString::fromLatin1(setting), cost,
                                            QStringLiteral("2025/26"), QStringLiteral("Finance team, March 2025"), 0})
                        .ok());
    }

    static int rowOf(QTableWidget *t, const char *setting)
    {
        for (int row = 0; row < t->rowCount(); ++row)
            if (t->item(row, Column::SettingColumn)->data(Qt::UserRole).toString() == QLatin1String(setting))
                return row;
        FAIL("no row for " << setting);
        return -1;
    }

    static void type(QTableWidget *t, int row, int column, const QString &text) { t->item(row, column)->setText(text); }

    double costOf(const QString &tariff, const char *setting)
    {
        const auto t = must(service.tariff(tariff));
        REQUIRE(t.has_value());
        const auto line = t->lines.find(QString::fromLatin1(setting));
        return line == t->lines.end() ? -1 : line->second.unitCost;
    }
};

} // namespace

TEST_CASE("Costs: a unit cost typed with a pound sign and commas is saved and audited, the rest is left alone")
{
    CostsFixture f;
    ui::CostsDialog dialog(f.service, test::adminSession());
    CHECK(test::unnamedFocusables(&dialog) == QStringList{});
    QTableWidget *lines = dialog.linesTable();
    CHECK(lines->item(f.rowOf(lines, "ae"), Column::CostColumn)->text() == QStringLiteral("148.00"));
    CHECK(lines->item(f.rowOf(lines, "ambulance"), Column::CostColumn)->text().isEmpty()); // no price: blank
    f.type(lines, f.rowOf(lines, "ae"), Column::CostColumn, QStringLiteral("\u00A31,160.50"));
    CHECK(dialog.isDirty());
    const int before = test::countRows(*f.db, QStringLiteral("change_log"));
    REQUIRE(dialog.save());
    CHECK(f.costOf({}, "ae") == 1160.5);
    CHECK(f.costOf({}, "gp") == 42);
    CHECK(test::countRows(*f.db, QStringLiteral("change_log")) == before + 1); // one line changed, one audit row
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("Saved 1 unit cost")));
    CHECK_FALSE(dialog.isDirty());
}

TEST_CASE("Costs: a figure without its source or year is refused by row and column, and nothing on screen is saved")
{
    CostsFixture f;
    ui::CostsDialog dialog(f.service, test::adminSession());
    QTableWidget *lines = dialog.linesTable();
    f.type(lines, f.rowOf(lines, "gp"), Column::CostColumn, QStringLiteral("45"));     // valid on its own
    f.type(lines, f.rowOf(lines, "ambulance"), Column::CostColumn, QStringLiteral("275")); // no year, no source
    f.type(lines, f.rowOf(lines, "ae"), Column::CostColumn, QStringLiteral("lots"));
    CHECK_FALSE(dialog.save());
    const QString message = dialog.messageLabel()->text();
    CHECK(message.startsWith(QStringLiteral("\u26A0 Nothing was saved.")));
    CHECK(message.contains(QStringLiteral("Ambulance call-out, Source:")));
    CHECK(message.contains(QStringLiteral("Ambulance call-out, Price year:")));
    CHECK(message.contains(QStringLiteral("A&E, Unit cost: \"lots\" is not an amount in pounds")));
    CHECK(f.costOf({}, "gp") == 42); // the valid edit beside them waits too
    CHECK(f.costOf({}, "ambulance") == -1);
    // The first bad cell (in table order: A&E's cost) has the focus; each bad cell says why.
    CHECK(lines->currentRow() == f.rowOf(lines, "ae"));
    CHECK(lines->currentColumn() == Column::CostColumn);
    CHECK(lines->item(f.rowOf(lines, "ambulance"), Column::SourceColumn)->toolTip().contains(QStringLiteral("Source")));
    CHECK(lines->item(f.rowOf(lines, "gp"), Column::CostColumn)->toolTip().isEmpty()); // a good cell is not marked

    f.type(lines, f.rowOf(lines, "gp"), Column::CostColumn, QString());
    f.type(lines, f.rowOf(lines, "gp"), Column::YearColumn, QString());
    f.type(lines, f.rowOf(lines, "gp"), Column::SourceColumn, QString());
    f.type(lines, f.rowOf(lines, "ae"), Column::CostColumn, QStringLiteral("148"));
    f.type(lines, f.rowOf(lines, "ambulance"), Column::CostColumn, QString());
    CHECK_FALSE(dialog.save());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("GP: a unit cost cannot be removed")));
    CHECK(lines->item(f.rowOf(lines, "ae"), Column::CostColumn)->toolTip().isEmpty()); // corrected: its mark has gone
    CHECK(lines->currentRow() == f.rowOf(lines, "gp"));
}

TEST_CASE("Costs: next year's tariff starts as a copy, is saved whole, and becomes the default for reports")
{
    CostsFixture f;
    ui::CostsDialog dialog(f.service, test::adminSession());
    dialog.newTariff(QStringLiteral("Ours 2025/26"));
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("already a tariff")));
    dialog.newTariff(QStringLiteral("Ours 2026/27"));
    QTableWidget *lines = dialog.linesTable();
    f.type(lines, f.rowOf(lines, "ae"), Column::CostColumn, QStringLiteral("155"));
    f.type(lines, f.rowOf(lines, "ae"), Column::YearColumn, QStringLiteral("2026/27"));
    REQUIRE(dialog.save());
    CHECK(f.costOf({}, "ae") == 155); // the default now
    CHECK(f.costOf({}, "gp") == 42);  // copied across
    CHECK(f.costOf(QStringLiteral("Ours 2025/26"), "ae") == 148);
    CHECK(dialog.tariffBox()->currentText() == QStringLiteral("Ours 2026/27 (the default)"));
}

TEST_CASE("Costs: a service-cost period is added with clinical dates and pounds, a read-only user cannot change anything")
{
    CostsFixture f;
    ui::CostsDialog dialog(f.service, test::adminSession());
    dialog.addPeriod();
    QTableWidget *costs = dialog.costsTable();
    costs->item(0, 0)->setText(QStringLiteral("01/04/2025"));
    costs->item(0, 1)->setText(QStringLiteral("31-Mar-2026"));
    costs->item(0, 2)->setText(QStringLiteral("541,585"));
    REQUIRE(dialog.save());
    const auto stored = must(f.service.serviceCosts());
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].from == QDate(2025, 4, 1));
    CHECK(stored[0].to == QDate(2026, 3, 31));
    CHECK(stored[0].cost == 541585);

    const services::StampSource reader(QStringLiteral("viewer"), [] { return QDateTime::currentDateTimeUtc(); },
                                       domain::Role::Clinician);
    ui::CostsDialog readOnly(f.service, reader);
    CHECK_FALSE(readOnly.saveButton()->isEnabled());
    CHECK(readOnly.linesTable()->editTriggers() == QAbstractItemView::NoEditTriggers);
    CHECK(readOnly.messageLabel()->text().contains(QStringLiteral("may look at the costs")));
    CHECK_FALSE(readOnly.save());
}

TEST_CASE("Costs: a colleague's save in between is never overwritten, overlapping or re-dated periods are refused")
{
    CostsFixture f;
    REQUIRE(f.service.saveServiceCost({0, QDate(2025, 4, 1), QDate(2026, 3, 31), 500000, 0}).ok());
    ui::CostsDialog dialog(f.service, test::adminSession());
    QTableWidget *lines = dialog.linesTable();
    // A colleague changes A&E while this screen is open...
    REQUIRE(f.service.saveTariffLine({0, QStringLiteral("Ours 2025/26"), QStringLiteral("ae"), 150,
                                      QStringLiteral("2025/26"), QStringLiteral("Finance team, March 2025"), 0}).ok());
    f.type(lines, f.rowOf(lines, "ae"), Column::CostColumn, QStringLiteral("160"));
    CHECK_FALSE(dialog.save());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("Someone changed these costs")));
    CHECK(f.costOf({}, "ae") == 150); // theirs stands

    ui::CostsDialog again(f.service, test::adminSession());
    QTableWidget *costs = again.costsTable();
    costs->item(0, 1)->setText(QStringLiteral("30-Apr-2026")); // moving a saved period's end
    CHECK_FALSE(again.save());
    CHECK(again.messageLabel()->text().contains(QStringLiteral("dates cannot be changed")));
    costs->item(0, 1)->setText(QStringLiteral("31-Mar-2026"));
    again.addPeriod();
    costs->item(1, 0)->setText(QStringLiteral("01-Jan-2026"));
    costs->item(1, 1)->setText(QStringLiteral("31-Dec-2026"));
    costs->item(1, 2)->setText(QStringLiteral("100000"));
    CHECK_FALSE(again.save());
    CHECK(again.messageLabel()->text().contains(QStringLiteral("overlaps")));
    costs->item(0, 2)->setText(QString());
    costs->item(0, 0)->setText(QString());
    costs->item(0, 1)->setText(QString());
    CHECK_FALSE(again.save());
    CHECK(again.messageLabel()->text().contains(QStringLiteral("cannot be removed")));
    CHECK(must(f.service.serviceCosts()).size() == 1);
}

TEST_CASE("Pounds as people type them: pence at most, no sign, nothing absurd", "[domain]")
{
    CHECK(domain::parsePounds(QStringLiteral("1590")) == 1590);
    CHECK(domain::parsePounds(QStringLiteral("\u00A31,590.50")) == 1590.5);
    CHECK(domain::parsePounds(QStringLiteral(" 42 ")) == 42);
    for (const char *bad : {"-5", "1,59", "\u00A3 1590", "12.345", "1e3", "", "9999999999", "1.5.0"}) {
        INFO(bad);
        CHECK_FALSE(domain::parsePounds(QString::fromUtf8(bad)).has_value());
    }
}
