// The Reports section as a service manager uses it (issue 10): Ctrl+6, the dashboard's figures
// each one click from their report, a period typed in any of the date forms, the run on the
// worker with cancel, the preview, and the same figures saved as JSON (byte for byte the
// command line's), CSV and PDF, and printed to a PDF printer; every run and copy audited.
#include "ui/uitestsupport.h"

#include "interchange/demogenerator.h"
#include "reporting/reportpdf.h"
#include "reporting/reportrunner.h"
#include "support/testsupport.h"
#include "ui/clinicaldateedit.h"
#include "ui/mainwindow.h"
#include "ui/reportspage.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPrinter>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QTest>
#include <QTextBrowser>

using namespace painmdt;
using test::must;

namespace {

const QDate today(2026, 11, 21);

struct ReportsFixture : test::UiFixture {
    test::FixedToday fixedToday;

    ReportsFixture()
    {
        interchange::DemoOptions o;
        o.patients = 400;
        o.today = today;
        REQUIRE(interchange::generateDemo(*db, o).ok());
    }

    void waitFor(ui::ReportsPage &page, void (ui::ReportsPage::*signal)())
    {
        QSignalSpy spy(&page, signal);
        settle();
        if (spy.isEmpty())
            REQUIRE(spy.wait(30000));
    }

    // What `painmdt report NAME` gives for the same period: the CLI's own path.
    QJsonObject cli(const QString &name, const reporting::ReportPeriod &p)
    {
        return must(reporting::runReport(*db, test::adminSession(), name, p, QStringLiteral("json")));
    }

    // How each run of report `name` left PainMDT, oldest first (the dashboard records its own).
    QStringList auditedFormats(const QString &name)
    {
        QStringList formats;
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT changes FROM change_log WHERE action = 'report' AND entity = 'report' ORDER BY id")));
        while (q.next()) {
            const QJsonObject details = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
            if (details.value(QStringLiteral("report")).toString() == name)
                formats << details.value(QStringLiteral("format")).toString();
        }
        return formats;
    }
};

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

TEST_CASE("Reports: Ctrl+6 opens the section on the list of reports, and no report or dashboard tile is greyed")
{
    ReportsFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_6, Qt::ControlModifier);
    CHECK(window.pages()->currentWidget() == window.reportsPage());
    REQUIRE(QApplication::focusWidget() != nullptr);
    CHECK(QApplication::focusWidget()->objectName() == QStringLiteral("reportList"));
    CHECK(window.reportsPage()->reportList()->count() == 7);
    INFO(test::unnamedFocusables(window.reportsPage()).join(QStringLiteral(", ")).toStdString());
    CHECK(test::unnamedFocusables(window.reportsPage()).isEmpty());
    CHECK(window.reportsPage()->reportList()->currentItem()->text() == QStringLiteral("Service outcome report"));
    test::settle(window.reader());
}

TEST_CASE("Reports: the dashboard's figures are the reports' own, and a tile opens its report for the same period")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.show();
    f.waitFor(page, &ui::ReportsPage::dashboardLoaded);
    const auto year = reporting::presetPeriod(reporting::PeriodPreset::FinancialYearToDate, today);
    CHECK(year.from == QDate(2026, 4, 1));
    const auto waiting = f.cli(QStringLiteral("waiting-times"), {QDate(1900, 1, 1), today, today, {}}); // whenever referred
    CHECK(page.tiles()[0]->accessibleName()
          == QStringLiteral("Waiting now %1").arg(waiting.value(QStringLiteral("waiting_at_as_of")).toInt()));
    const auto caseload = f.cli(QStringLiteral("caseload"), year);
    CHECK(page.tiles()[2]->accessibleName() == QStringLiteral("Caseload %1").arg(caseload.value(QStringLiteral("open_episodes")).toInt()));
    CHECK(page.tiles()[5]->accessibleName().contains(QStringLiteral("\u00A3"))); // the demo has a tariff and service costs

    QTest::mouseClick(page.tiles()[0], Qt::LeftButton); // waiting now: every referral, as far back as they go
    f.waitFor(page, &ui::ReportsPage::reportShown);
    CHECK(page.figures() == waiting);

    page.tariffBox()->setCurrentIndex(page.tariffBox()->count() - 1); // another tariff chosen meanwhile...
    QTest::mouseClick(page.tiles()[5], Qt::LeftButton);
    f.waitFor(page, &ui::ReportsPage::reportShown);
    CHECK(page.figures().value(QStringLiteral("report")).toString() == QStringLiteral("cost-savings"));
    const auto cohort = reporting::presetPeriod(reporting::PeriodPreset::CompleteWindows, today);
    CHECK(page.fromEdit()->date() == cohort.from);
    CHECK(page.toEdit()->date() == QDate(2025, 11, 21));
    CHECK(page.figures() == f.cli(QStringLiteral("cost-savings"), cohort)); // ...the tile's own, the default, is used
    CHECK(page.tariffBox()->currentIndex() == 0);
    CHECK(page.figures().value(QStringLiteral("patients_excluded_incomplete_window")).toInt() == 0);
}

TEST_CASE("Reports: dates typed in any clinical form run the report the command line would give, saved byte for byte")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.show();
    page.selectReport(QStringLiteral("waiting-times"));
    typeInto(page.fromEdit(), QStringLiteral("01-Apr-2025"));
    typeInto(page.toEdit(), QStringLiteral("31/03/2026"));
    typeInto(page.asOfEdit(), QStringLiteral("2026-11-21"));
    CHECK(page.periodBox()->currentData().toInt() == -1); // typed dates: Custom
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    QTest::keyClick(page.asOfEdit(), Qt::Key_F5);
    f.waitFor(page, &ui::ReportsPage::reportShown);
    const reporting::ReportPeriod period{QDate(2025, 4, 1), QDate(2026, 3, 31), today, {}};
    const QJsonObject expected = f.cli(QStringLiteral("waiting-times"), period);
    REQUIRE(page.figures() == expected);
    CHECK(page.preview()->toPlainText().contains(QStringLiteral("Waiting times")));
    CHECK(page.preview()->toPlainText().contains(QStringLiteral("01-Apr-2025 to 31-Mar-2026")));
    CHECK(page.preview()->toPlainText().contains(QStringLiteral("Referrals received")));

    const QString json = f.dir.filePath(QStringLiteral("w.json")), csv = f.dir.filePath(QStringLiteral("w.csv")),
                  pdf = f.dir.filePath(QStringLiteral("w.pdf"));
    must(page.exportTo(json, QStringLiteral("json")));
    CHECK(test::readBytes(json) == reporting::toJson(expected));
    must(page.exportTo(csv, QStringLiteral("csv")));
    CHECK(test::readBytes(csv) == reporting::toCsv(expected));
    must(page.exportTo(pdf, QStringLiteral("pdf")));
    const QString text = test::pdfText(pdf);
    CHECK(text.contains(QStringLiteral("Waiting times")));
    CHECK(text.contains(QStringLiteral("Page 1 of")));
    CHECK(text.contains(QStringLiteral("Printed by tester")));
    CHECK(f.auditedFormats(QStringLiteral("waiting-times")) == QStringList{QStringLiteral("screen"), QStringLiteral("json"), QStringLiteral("json"),
                                            QStringLiteral("csv"), QStringLiteral("pdf")});
}

TEST_CASE("Reports: printing goes through the printer (here a PDF printer), with the footer on every page, and is audited")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.selectReport(QStringLiteral("attendances"));
    page.setPeriod({QDate(2025, 4, 1), QDate(2026, 3, 31), today, {}});
    CHECK(page.periodBox()->currentText() == QStringLiteral("Last financial year"));
    page.run();
    f.waitFor(page, &ui::ReportsPage::reportShown);
    REQUIRE_FALSE(page.figures().isEmpty());
    QPrinter printer;
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(f.dir.filePath(QStringLiteral("printed.pdf")));
    must(page.printTo(printer));
    const QString text = test::pdfText(printer.outputFileName());
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("Hospital attendances")));
    CHECK(text.contains(QStringLiteral("Top attenders")));
    CHECK(text.contains(QStringLiteral("Attendances by setting"))); // the chart: its title and labels are text in the PDF
    CHECK(text.contains(QStringLiteral("Example: NHS reference costs"))); // the tariff, in the parameters
    CHECK(text.contains(QStringLiteral("\u00A3")));
    CHECK(f.auditedFormats(QStringLiteral("attendances")).endsWith(QStringLiteral("pdf"))); // a PDF printer writes a file

    printer.setOutputFileName(f.db->location()); // "print to file" onto the database itself
    const Status refused = page.printTo(printer);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().contains(QStringLiteral("would overwrite")));
    CHECK(f.auditedFormats(QStringLiteral("attendances")).size() == 2); // screen, pdf: the refused one is not recorded
}

TEST_CASE("Reports: charts take the place of their markers, in the preview as on paper")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.selectReport(QStringLiteral("cost-savings"));
    page.setPeriod(reporting::presetPeriod(reporting::PeriodPreset::CompleteWindows, today));
    page.run();
    f.waitFor(page, &ui::ReportsPage::reportShown);
    const QString shown = page.preview()->toPlainText();
    CHECK_FALSE(shown.contains(QStringLiteral("[[chart")));
    CHECK(shown.contains(QChar::ObjectReplacementCharacter));
    const auto doc = reporting::reportDocument(page.figures());
    REQUIRE(doc.charts.size() == 1);
    CHECK(doc.charts[0].series == QStringList{QStringLiteral("Before"), QStringLiteral("After")});
    CHECK(doc.charts[0].categories.first() == QStringLiteral("A&E"));
    const QJsonObject before = page.figures().value(QStringLiteral("before")).toObject();
    CHECK(doc.charts[0].values[0][0] == before.value(QStringLiteral("by_setting")).toObject().value(QStringLiteral("ae")).toDouble());
}

TEST_CASE("Reports: a bad date names its field and runs nothing, Cancel drops the answer and records nothing")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.selectReport(QStringLiteral("triage"));
    typeInto(page.fromEdit(), QStringLiteral("31/02/2026"));
    page.run();
    CHECK(page.statusLabel()->text().startsWith(QStringLiteral("\u26A0 From:")));
    CHECK(page.figures().isEmpty());
    typeInto(page.fromEdit(), QStringLiteral("01-May-2026"));
    typeInto(page.toEdit(), QStringLiteral("01-Apr-2026"));
    page.run();
    CHECK(page.statusLabel()->text().contains(QStringLiteral("after To")));

    typeInto(page.toEdit(), QStringLiteral("01-Jun-2026"));
    page.run();
    CHECK(page.cancelButton()->isVisibleTo(&page));
    page.cancel();
    f.settle();
    CHECK(page.figures().isEmpty());
    CHECK(page.runButton()->isEnabled());
    CHECK(f.auditedFormats(QStringLiteral("triage")).isEmpty());
}

TEST_CASE("Reports: the cost options appear for costed reports, and the window hint says who cannot be counted yet")
{
    ReportsFixture f;
    ui::ReportsPage page(f.db, f.reader(), nullptr, test::adminSession());
    page.show();
    page.selectReport(QStringLiteral("waiting-times"));
    CHECK_FALSE(page.tariffBox()->isVisible());
    page.selectReport(QStringLiteral("cost-savings"));
    CHECK(page.tariffBox()->isVisible());
    CHECK(page.tariffBox()->count() >= 2); // the default, and the demo's example tariff
    page.setPeriod(reporting::presetPeriod(reporting::PeriodPreset::FinancialYearToDate, today));
    CHECK(page.findChild<QLabel *>(QStringLiteral("reportWindowHint"))->text().contains(QStringLiteral("21-Nov-2025")));
    page.windowBox()->setValue(6);
    CHECK(page.findChild<QLabel *>(QStringLiteral("reportWindowHint"))->text().contains(QStringLiteral("21-May-2026")));
    page.indexBox()->setCurrentIndex(1);
    page.run();
    f.waitFor(page, &ui::ReportsPage::reportShown);
    CHECK(page.figures().value(QStringLiteral("index")).toString() == QStringLiteral("referral"));
    CHECK(page.figures().value(QStringLiteral("window_months")).toInt() == 6);
}
