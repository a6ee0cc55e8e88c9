// The first run (issue 13): a new database opens on a start page that makes its first
// administrator and then offers empty lists, the import wizard, or the demo instead; every
// empty list then says how to fill it.
#include "ui/uitestsupport.h"

#include "services/accountservice.h"
#include "ui/caseloadpage.h"
#include "ui/importwizard.h"
#include "ui/logindialog.h"
#include "ui/mainwindow.h"
#include "ui/patientlistpage.h"
#include "ui/samplefiles.h"
#include "ui/triagepage.h"
#include "ui/waitinglistpage.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QTimer>

using namespace painmdt;

namespace {

void typeNewAdmin(ui::LoginDialog &dialog)
{
    QTest::keyClicks(dialog.userEdit(), QStringLiteral("r.ellison"));
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("a long passphrase 42"));
    QTest::keyClicks(dialog.repeatEdit(), QStringLiteral("a long passphrase 42"));
}

} // namespace

TEST_CASE("A new database opens on the start page: first administrator, then the import wizard", "[ui][firstrun]")
{
    test::UiFixture f;
    services::AccountService accounts(*f.db);
    ui::LoginDialog dialog(accounts, QStringLiteral("team.sqlite"), false);
    dialog.show();
    CHECK(dialog.windowTitle() == QStringLiteral("Welcome to PainMDT"));
    REQUIRE(dialog.importChoice());
    REQUIRE(dialog.demoButton());
    CHECK(dialog.focusWidget() == dialog.userEdit());
    typeNewAdmin(dialog);
    dialog.importChoice()->setChecked(true);
    QTest::keyClick(dialog.repeatEdit(), Qt::Key_Return); // Enter creates and logs in
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.next() == ui::LoginDialog::Next::Import);
    CHECK(dialog.session().actor() == QStringLiteral("r.ellison"));
    CHECK(accounts.accountCount().value() == 1);
}

TEST_CASE("The start page's default is the app with empty lists", "[ui][firstrun]")
{
    test::UiFixture f;
    services::AccountService accounts(*f.db);
    ui::LoginDialog dialog(accounts, QStringLiteral("team.sqlite"), false);
    dialog.show();
    typeNewAdmin(dialog);
    QTest::keyClick(dialog.repeatEdit(), Qt::Key_Return);
    CHECK(dialog.result() == QDialog::Accepted);
    CHECK(dialog.next() == ui::LoginDialog::Next::App);
}

TEST_CASE("Open the demo instead leaves the new database without an account", "[ui][firstrun]")
{
    test::UiFixture f;
    services::AccountService accounts(*f.db);
    ui::LoginDialog dialog(accounts, QStringLiteral("team.sqlite"), false);
    dialog.show();
    QTest::mouseClick(dialog.demoButton(), Qt::LeftButton);
    CHECK(dialog.result() == QDialog::Rejected);
    CHECK(dialog.next() == ui::LoginDialog::Next::Demo);
    CHECK(accounts.accountCount().value() == 0);
}

TEST_CASE("A database with accounts shows the plain log-in, without the start page", "[ui][firstrun]")
{
    test::UiFixture f;
    services::AccountService accounts(*f.db);
    REQUIRE(accounts.createFirstAdmin(QStringLiteral("r.ellison"), QStringLiteral("a long passphrase 42")));
    ui::LoginDialog dialog(accounts, QStringLiteral("team.sqlite"), false);
    CHECK(dialog.windowTitle() == QStringLiteral("PainMDT \u2014 log in"));
    CHECK_FALSE(dialog.importChoice());
    CHECK_FALSE(dialog.demoButton());
}

TEST_CASE("On an empty database every list says how to fill it, and the wizard starts at the sample files", "[ui][firstrun]")
{
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    const auto settled = [&window] { test::settle(window.reader()); };
    settled();
    CHECK(window.patientList()->statusLabel()->text().contains(QStringLiteral("No patients yet")));
    CHECK(window.patientList()->statusLabel()->text().contains(QStringLiteral("File \u203A Import a file")));
    window.showSection(1);
    settled();
    CHECK(window.triagePage()->statusLabel()->text().startsWith(QStringLiteral("Nothing awaits triage")));
    window.showSection(2);
    settled();
    CHECK(window.waitingList()->statusLabel()->text().startsWith(QStringLiteral("Nobody is waiting")));
    window.showSection(3);
    settled();
    CHECK(window.caseloadPage()->statusLabel()->text().contains(QStringLiteral("nobody here")));

    // A build finds its source tree's examples/, as the package finds /usr/share/painmdt/examples.
    const QString samples = ui::sampleFilesFolder();
    REQUIRE_FALSE(samples.isEmpty());
    CHECK(QFileInfo::exists(samples + QStringLiteral("/patients.csv")));
    ui::ImportWizard *wizard = window.openImportWizard(samples + QStringLiteral("/patients.csv"));
    REQUIRE(wizard);
    CHECK(wizard->fileEdit()->text() == QDir::toNativeSeparators(samples + QStringLiteral("/patients.csv")));
    CHECK(wizard->kindBox()->currentData().toString() == QStringLiteral("patients"));
    wizard->close();
}
