// The desk, tried as a new user would (issue 8, item 8): each defect found, with the test that
// would have caught it.
#include "ui/uitestsupport.h"

#include "interchange/demogenerator.h"
#include "ui/commandpalette.h"
#include "ui/helpwindow.h"
#include "ui/mainwindow.h"
#include "ui/patientlistpage.h"
#include "ui/patientpage.h"
#include "ui/caseloadpage.h"
#include "ui/notice.h"
#include "ui/preferences.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>

using namespace painmdt;

namespace {

QMenu *menuNamed(ui::MainWindow &window, const QString &title)
{
    for (QAction *a : window.menuBar()->actions())
        if (a->menu() && a->text() == title)
            return a->menu();
    return nullptr;
}

} // namespace

TEST_CASE("no two commands in a menu share a mnemonic", "[ui][desk]")
{
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    for (QAction *top : window.menuBar()->actions()) {
        QStringList seen;
        for (QAction *a : top->menu()->actions()) {
            const QString text = a->text();
            const auto amp = text.indexOf(QLatin1Char('&'));
            if (a->isSeparator() || amp < 0)
                continue;
            const QString letter = text.mid(amp + 1, 1).toLower();
            INFO(top->text().toStdString() << ": " << text.toStdString());
            CHECK_FALSE(seen.contains(letter));
            seen << letter;
        }
    }
    test::settle(window.reader());
}

TEST_CASE("F1 opens the user guide, Ctrl+K finds a command by name", "[ui][desk]")
{
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_F1);
    auto *help = window.findChild<ui::HelpWindow *>();
    REQUIRE(help != nullptr);
    CHECK(help->isVisible());
    CHECK(help->browser()->toPlainText().contains(QStringLiteral("PainMDT user guide")));

    bool ran = false;
    QTimer::singleShot(0, [&] {
        auto *palette = qobject_cast<ui::CommandPalette *>(QApplication::activeModalWidget());
        REQUIRE(palette != nullptr);
        QTest::keyClicks(palette->searchBox(), QStringLiteral("waiting"));
        REQUIRE(palette->list()->count() == 1);
        CHECK(palette->list()->item(0)->text().contains(QStringLiteral("Waiting list")));
        QTest::keyClick(palette->searchBox(), Qt::Key_Return);
        ran = true;
    });
    QApplication::setActiveWindow(&window);
    window.findCommand();
    REQUIRE(ran);
    CHECK(window.pages()->currentWidget()->objectName() == QStringLiteral("waitingListPage"));
    test::settle(window.reader());
}

TEST_CASE("an empty database says how to start instead of showing a blank table", "[ui][desk]")
{
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    const QString status = window.findChild<QLabel *>(QStringLiteral("patientSearchStatus"))->text();
    CHECK(status.contains(QStringLiteral("No patients yet")));
    CHECK(status.contains(QStringLiteral("Ctrl+N")));
    CHECK(status.contains(QStringLiteral("Import a file")));
}

TEST_CASE("the status bar keeps the database's name through menu hints, and a demo says so", "[ui][desk]")
{
    test::UiFixture f;
    interchange::DemoOptions options;
    options.patients = 20;
    REQUIRE(interchange::generateDemo(*f.db, options).ok());
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    window.statusBar()->showMessage(QStringLiteral("Register a new patient")); // what a menu hover does
    auto *where = window.findChild<QLabel *>(QStringLiteral("databaseLabel"));
    REQUIRE(where != nullptr);
    CHECK(where->isVisible());
    CHECK(where->text().contains(QStringLiteral("ui.sqlite")));
    auto *demo = window.findChild<QLabel *>(QStringLiteral("demoMarker"));
    REQUIRE(demo != nullptr);
    CHECK(demo->text().contains(QStringLiteral("DEMO")));
    CHECK(window.windowTitle().contains(QStringLiteral("DEMO")));
    test::settle(window.reader());
}

TEST_CASE("the window opens no larger than the screen it is on", "[ui][desk]")
{
    test::UiFixture f;
    QSettings().remove(QStringLiteral("window/geometry"));
    ui::MainWindow window(f.db, test::adminSession());
    const QSize room = window.screen()->availableGeometry().size();
    CHECK(window.width() <= room.width());
    CHECK(window.height() <= room.height());
    test::settle(window.reader());
}

TEST_CASE("Tab on the patient page follows the screen: the buttons, then the referrals", "[ui][desk]")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    test::settle(window.reader());
    window.openPatient(test::must(f.service->byRef(QStringLiteral("RX100")))->id);
    QWidget *back = nullptr;
    for (auto *button : window.patientPage()->findChildren<QToolButton *>())
        if (button->text().startsWith(QStringLiteral("Back to patient list")))
            back = button;
    REQUIRE(back != nullptr);
    back->setFocus(Qt::TabFocusReason);
    QStringList order;
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        order << QApplication::focusWidget()->metaObject()->className();
        if (auto *button = qobject_cast<QToolButton *>(QApplication::focusWidget()))
            order.back() = button->text().section(QLatin1Char(' '), 0, 0);
    }
    INFO(order.join(QStringLiteral(" > ")).toStdString());
    CHECK(order.at(0) == QStringLiteral("Edit"));
    // then Remove (when allowed), then into the record's tabs, not back to the referral buttons first
    const auto tabs = window.findChild<QWidget *>(QStringLiteral("patientTabs"));
    bool reachedTabs = false;
    for (int i = 0; i < 3 && !reachedTabs; ++i) {
        reachedTabs = tabs->isAncestorOf(QApplication::focusWidget()) || QApplication::focusWidget() == tabs;
        if (!reachedTabs)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    CHECK(reachedTabs);
}

TEST_CASE("recent databases are remembered, and another one opens in its own window", "[ui][desk]")
{
    test::UiFixture f;
    test::UiFixture other; // a second database, opened earlier
    { ui::MainWindow first(other.db, test::adminSession()); test::settle(first.reader()); }
    ui::MainWindow window(f.db, test::adminSession());
    CHECK(ui::recentDatabases().value(0) == QFileInfo(f.db->location()).absoluteFilePath());
    CHECK(ui::recentDatabases().contains(QFileInfo(other.db->location()).absoluteFilePath()));
    QString opened;
    window.setDatabaseOpener([&](const QString &path) { opened = path; });
    QMenu *file = menuNamed(window, QStringLiteral("&File"));
    QMenu *recent = nullptr;
    for (QAction *a : file->actions())
        if (a->menu())
            recent = a->menu();
    REQUIRE(recent != nullptr);
    Q_EMIT recent->aboutToShow();
    REQUIRE_FALSE(recent->actions().isEmpty());
    recent->actions().first()->trigger(); // the current database itself is not offered
    CHECK(opened == QFileInfo(other.db->location()).absoluteFilePath());
    CHECK(window.notice()->text().contains(QStringLiteral("new window")));
    test::settle(window.reader());
}

TEST_CASE("preferences choose which caseload opens and the quiet days", "[ui][desk]")
{
    test::UiFixture f;
    ui::Preferences wanted;
    wanted.caseload = ui::Preferences::Caseload::Mine;
    wanted.quietDays = 60;
    wanted.save();
    ui::MainWindow window(f.db, test::adminSession()); // an administrator: the team's by role
    CHECK(window.caseloadPage()->whoseBox()->currentIndex() == 0);
    CHECK(window.caseloadPage()->quietDaysBox()->value() == 60);
    ui::Preferences().save(); // back to the defaults for the other tests
    test::settle(window.reader());
}
