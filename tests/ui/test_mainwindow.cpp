// The main window as a user drives it: Ctrl+F, type, Enter, the banner; Ctrl+N; accessibility.
#include "ui/uitestsupport.h"

#include "services/accountservice.h"
#include "ui/idlelock.h"
#include "ui/mainwindow.h"
#include "ui/notice.h"
#include "ui/patientbanner.h"
#include "ui/patientdialog.h"
#include "ui/patientlistpage.h"
#include "ui/patientpage.h"
#include "ui/patientlistmodel.h"
#include "ui/patientreferralspanel.h"
#include "ui_patientdialog.h"

#include <QAbstractScrollArea>
#include <QSqlQuery>
#include <QAccessible>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

using namespace painmdt;
using test::must;
using painmdt::test::FixedToday;
using painmdt::test::unnamedFocusables;

namespace {

QString bannerText(const ui::MainWindow &w)
{
    QStringList texts;
    for (const QLabel *label : w.patientPage()->banner()->findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('|'));
}


} // namespace

TEST_CASE("Ctrl+F then typing and Enter opens the patient under the banner")
{
    FixedToday today;
    test::UiFixture f;
    f.addStandardPatients();
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    REQUIRE(QApplication::focusWidget() == window.patientList()->searchBox());
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("smith 12/03/1960"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // before the search has answered
    test::settle(window.reader());                                  // opens the first row of *that* answer

    REQUIRE(window.pages()->currentWidget() == window.patientPage());
    const QString banner = bannerText(window);
    CHECK(banner.contains(QStringLiteral("SMITH, Jane")));
    CHECK(banner.contains(QStringLiteral("Born <b>12-Mar-1960 (66y)</b>")));
    CHECK(banner.contains(QStringLiteral("Gender <b>Female</b>")));
    CHECK(banner.contains(QStringLiteral("NHS No. <b>999 000 0018</b>")));

    QTest::keyClick(&window, Qt::Key_Left, Qt::AltModifier); // back to the list
    CHECK(window.pages()->currentWidget() == window.patientList());
}

TEST_CASE("the banner flags a missing NHS number and marks a death without relying on colour")
{
    FixedToday today;
    test::UiFixture f;
    domain::Patient p;
    p.familyName = QStringLiteral("Ward");
    p.givenName = QStringLiteral("Edith");
    p.dateOfBirth = QDate(1940, 9, 3);
    p.dateOfDeath = QDate(2024, 1, 3);
    ui::PatientBanner banner;
    banner.setPatient(p, QDate(2026, 11, 21));
    const QString text = ui::PatientBanner::plainText(p, QDate(2026, 11, 21));
    CHECK(text == QStringLiteral("WARD, Edith · Born 03-Sep-1940 · Died 03-Jan-2024 · Age at Death 83y · "
                                 "Gender Not recorded · NHS No. Not recorded"));
    CHECK(banner.styleSheet().contains(QStringLiteral("dashed"))); // a pattern, not only a colour
    bool flagged = false;
    for (const QLabel *label : banner.findChildren<QLabel *>())
        flagged = flagged || label->text().contains(QStringLiteral("NHS number unknown"));
    CHECK(flagged);
}

TEST_CASE("Ctrl+N registers a patient and opens their record")
{
    FixedToday today;
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    bool sawDialog = false;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<ui::PatientDialog *>(QApplication::activeModalWidget());
        sawDialog = dialog != nullptr;
        if (!dialog)
            return;
        QApplication::setActiveWindow(dialog);
        CHECK(QTest::qWaitForWindowActive(dialog));
        CHECK(QApplication::focusWidget() == dialog->form().familyNameEdit);
        for (const char *text : {"Mensah", "Kofi", "-40y"}) {
            QTest::keyClicks(QApplication::focusWidget(), QString::fromLatin1(text));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        dialog->accept();
        if (dialog->isVisible()) { // a validation message: fail, but never leave a modal open
            FAIL_CHECK("dialog stayed open: " << dialog->findChild<QLabel *>(QStringLiteral("dateOfBirthMessage"))->text().toStdString());
            dialog->reject();
        }
    });
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    CHECK(sawDialog);
    REQUIRE(window.pages()->currentWidget() == window.patientPage());
    CHECK(window.patientPage()->patient().familyName == QStringLiteral("Mensah"));
    CHECK(window.notice()->isVisible());
    CHECK(window.notice()->text().contains(QStringLiteral("Registered MENSAH, Kofi")));
}

TEST_CASE("every focusable widget has an accessible name")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    CHECK(unnamedFocusables(&window) == QStringList{});
    window.openPatient(must(f.service->byRef(QStringLiteral("RX100")))->id);
    INFO(unnamedFocusables(&window).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedFocusables(&window) == QStringList{});
    ui::PatientDialog dialog(*f.service, domain::Patient{});
    dialog.show();
    CHECK(unnamedFocusables(&dialog) == QStringList{});
}

TEST_CASE("referral actions act only on the patient on screen", "[ui]")
{
    FixedToday today;
    test::UiFixture f;
    f.addStandardPatients();
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    QAction *newReferral = window.referralsPanel()->newReferralAction();
    CHECK(newReferral->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_R));
    CHECK_FALSE(newReferral->isEnabled()); // on the patient list: no patient to refer
    window.openPatient(must(f.service->byRef(QStringLiteral("RX100")))->id);
    CHECK(newReferral->isEnabled());
    window.showSection(1); // the triage worklist
    CHECK_FALSE(newReferral->isEnabled());
}

TEST_CASE("A service manager sees patients, but the actions that change them are greyed out, and opening one is audited")
{
    FixedToday today;
    test::UiFixture f;
    f.addStandardPatients();
    const services::StampSource manager(QStringLiteral("m.anager"), [] { return QDateTime::currentDateTimeUtc(); },
                                        domain::Role::Manager);
    ui::MainWindow window(f.db, manager);
    window.show();
    test::settle(window.reader());
    const auto action = [&](const QString &text) {
        for (QAction *a : window.findChildren<QAction *>())
            if (a->text() == text)
                return a;
        FAIL("no action " << text.toStdString());
        return static_cast<QAction *>(nullptr);
    };
    CHECK_FALSE(action(QStringLiteral("&New patient\u2026"))->isEnabled());
    const qint64 id = window.patientList()->model()->index(0, 0).data(ui::PatientListModel::PatientIdRole).toLongLong();
    window.openPatient(id);
    REQUIRE(window.pages()->currentWidget() == window.patientPage());
    CHECK_FALSE(action(QStringLiteral("&Edit patient\u2026"))->isEnabled());
    CHECK_FALSE(action(QStringLiteral("Re&move patient\u2026"))->isEnabled());
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT actor || ' ' || action || ' ' || patient_id FROM change_log ORDER BY id DESC LIMIT 1")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("m.anager view %1").arg(id));
}

TEST_CASE("Idle lock: the window covers itself, and the same user's password returns to the same screen")
{
    FixedToday today;
    test::UiFixture f;
    f.addStandardPatients();
    services::AccountService accounts(*f.db);
    const auto session = accounts.createFirstAdmin(QStringLiteral("tester"), QStringLiteral("tester-password"));
    REQUIRE(session.ok());
    ui::MainWindow window(f.db, session.value());
    window.show();
    test::settle(window.reader());
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QTest::keyClicks(window.patientList()->searchBox(), QStringLiteral("half-typed"));

    ui::IdleLock *lock = window.idleLock();
    lock->lockNow();
    CHECK(lock->isLocked());
    CHECK_FALSE(window.centralWidget()->isEnabled());
    CHECK(lock->geometry() == window.rect());
    for (QAction *a : window.findChildren<QAction *>())
        CHECK_FALSE(a->isEnabled()); // no shortcut acts behind the cover
    CHECK(QApplication::focusWidget() == lock->passwordEdit());

    QTest::keyClicks(lock->passwordEdit(), QStringLiteral("wrong"));
    QTest::keyClick(lock->passwordEdit(), Qt::Key_Return);
    CHECK(lock->isLocked());
    CHECK(lock->messageLabel()->text().contains(QStringLiteral("Wrong user name or password")));

    QTest::keyClicks(lock->passwordEdit(), QStringLiteral("tester-password"));
    QTest::keyClick(lock->passwordEdit(), Qt::Key_Return);
    CHECK_FALSE(lock->isLocked());
    CHECK(window.centralWidget()->isEnabled());
    CHECK(window.patientList()->searchBox()->text() == QStringLiteral("half-typed")); // nothing typed is lost
    CHECK(QApplication::focusWidget() == window.patientList()->searchBox());
}
