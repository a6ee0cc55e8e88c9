// Typing into the search box filters the real list widget (issue 2, ux.md "Search").
#include "ui/uitestsupport.h"

#include "ui/patientlistmodel.h"
#include "ui/patientlistpage.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace painmdt;
using test::must;

namespace {

QStringList namesShown(const ui::PatientListPage &page)
{
    QStringList names;
    const auto *model = page.model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, ui::PatientListModel::Name).data().toString();
    return names;
}

void typeSearch(test::UiFixture &f, ui::PatientListPage &page, const QString &text)
{
    page.searchBox()->clear();
    QTest::keyClicks(page.searchBox(), text);
    f.settle();
}

} // namespace

TEST_CASE("typing in the search box shows the matching patients")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::PatientListPage page(f.reader(), nullptr);
    f.settle();
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.show();

    struct Case {
        const char *typed;
        QStringList names;
    };
    const Case cases[] = {
        {"", {"JONES, Sarah", "O'BRIEN, Liam", "SMITH, Jane", "SMITH, Joan", "SMITHSON, Alan"}},
        {"smi", {"SMITH, Jane", "SMITH, Joan", "SMITHSON, Alan"}},
        {"smith jo", {"SMITH, Joan"}},
        {"smith 1960", {"SMITH, Jane", "SMITH, Joan"}},
        {"999 000 0026", {"SMITH, Joan"}},
        {"9990000042", {"JONES, Sarah"}},
        {"12/03/1960", {"SMITH, Jane"}},
        {"12-Mar-1960", {"SMITH, Jane"}},
        {"obrien", {"O'BRIEN, Liam"}},
        {"rx3", {"O'BRIEN, Liam"}},
        {"nobody", {}},
    };
    for (const Case &c : cases) {
        INFO("typed: " << c.typed);
        typeSearch(f, page, QString::fromUtf8(c.typed));
        CHECK(namesShown(page) == c.names);
    }
}

TEST_CASE("result rows tell two patients with the same name apart")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::PatientListPage page(f.reader(), nullptr);
    f.settle();
    typeSearch(f, page, QStringLiteral("smith 1960"));
    const auto *model = page.model();
    REQUIRE(model->rowCount() == 2);
    CHECK(model->index(0, ui::PatientListModel::NhsNumber).data().toString() == QStringLiteral("999 000 0018"));
    CHECK(model->index(1, ui::PatientListModel::NhsNumber).data().toString() == QStringLiteral("999 000 0026"));
    CHECK(model->index(1, ui::PatientListModel::Born).data().toString().startsWith(QStringLiteral("01-Sep-1960 (")));
    typeSearch(f, page, QStringLiteral("obrien"));
    CHECK(model->index(0, ui::PatientListModel::NhsNumber).data().toString() == QStringLiteral("Not recorded"));
}

TEST_CASE("Enter in the search box opens the highlighted patient, arrows move the highlight")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::PatientListPage page(f.reader(), nullptr);
    f.settle();
    page.show();
    QSignalSpy opened(&page, &ui::PatientListPage::patientActivated);
    typeSearch(f, page, QStringLiteral("smith"));
    QTest::keyClick(page.searchBox(), Qt::Key_Down);
    QTest::keyClick(page.searchBox(), Qt::Key_Return);
    REQUIRE(opened.count() == 1);
    const auto joan = must(f.service->byRef(QStringLiteral("RX101")));
    CHECK(opened.at(0).at(0).toLongLong() == joan->id);
}

TEST_CASE("the status line states the count and when it was updated")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::PatientListPage page(f.reader(), nullptr);
    f.settle();
    typeSearch(f, page, QStringLiteral("smi"));
    const QString status = page.findChild<QLabel *>(QStringLiteral("patientSearchStatus"))->text();
    CHECK(status.contains(QStringLiteral("3 patients found")));
    CHECK(status.contains(QStringLiteral("Updated ")));
}
