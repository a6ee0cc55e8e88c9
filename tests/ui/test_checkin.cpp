// Logging a check-in as a clinician does it (issue 8; ux.md keystroke budget): from anywhere, in
// at most 8 keystrokes beyond the search text and the note; earlier contacts visible read-only
// while writing; the note kept exactly as typed; an edited note keeps its earlier version; a
// contact after the patient's death refused beside the date.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/contactdialog.h"
#include "ui/mainwindow.h"
#include "ui/notice.h"
#include "support/testsupport.h"
#include "ui/patientlistpage.h"
#include "ui/patientpage.h"
#include "ui/patientreferralspanel.h"
#include "ui_contactdialog.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTest>
#include <QTimeEdit>
#include <QTimer>

using namespace painmdt;
using test::must;

namespace {

const QDate today(2026, 11, 21);

// Counts the keystrokes a script sends, so the budget is checked, not just claimed.
struct Keys {
    int count = 0;
    void click(QWidget *w, Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
    {
        ++count;
        QTest::keyClick(w, key, mods);
    }
};

struct CheckInFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient jane;
    domain::Referral open;

    CheckInFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        auto old = triage(refer(jane, "R-OLD", today.addDays(-300)), "advice");
        old.dischargedOn = today.addDays(-200);
        old.dischargeReason = QStringLiteral("Goals met");
        REQUIRE(referrals->update(old).ok());
        open = triage(refer(jane, "R-OPEN", today.addDays(-60)), "community_physio");
        domain::Contact c;
        c.referralId = open.id;
        c.contactOn = today.addDays(-14);
        c.mode = QStringLiteral("phone");
        c.outcome = QStringLiteral("attended");
        c.durationMinutes = 20;
        c.nextDueOn = today;
        c.note = QStringLiteral("Walked to the shops twice.");
        REQUIRE(referrals->addContact(c).ok());
    }
};

} // namespace

TEST_CASE("a check-in from the patient list takes 5 keystrokes beyond the search text and the note", "[ui][checkin]")
{
    CheckInFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    // Start somewhere else: the caseload.
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    Keys keys;
    keys.count = 0; // the Ctrl+4 above only sets the scene

    keys.click(&window, Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("smith 1960")); // search text: not counted
    keys.click(QApplication::focusWidget(), Qt::Key_Return);
    test::settle(window.reader());
    REQUIRE(window.pages()->currentWidget() == window.patientPage());

    const QString note = QStringLiteral("  Sleeping better; café trip 🙂\nPlan: pacing diary\t(week 3)  ");
    bool checked = false;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<ui::ContactDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog != nullptr);
        auto &form = dialog->form();
        // The earlier check-in and its note are in view, read-only, while writing.
        CHECK(form.previousEdit->isReadOnly());
        CHECK(form.previousEdit->toPlainText().contains(QStringLiteral("Walked to the shops twice.")));
        CHECK(form.previousEdit->toPlainText().contains(QStringLiteral("Phone \u00B7 Attended")));
        CHECK(form.noteEdit->toPlainText().isEmpty()); // nothing copied forward
        CHECK(dialog->windowTitle().contains(QStringLiteral("SMITH, Jane")));
        QApplication::setActiveWindow(dialog);
        REQUIRE(QTest::qWaitForWindowActive(dialog));
        keys.click(QApplication::focusWidget(), Qt::Key_T, Qt::AltModifier); // No&te
        INFO(QApplication::focusWidget()->objectName().toStdString() << " in " << QApplication::focusWidget()->window()->objectName().toStdString());
        REQUIRE(QApplication::focusWidget() == form.noteEdit);
        form.noteEdit->insertPlainText(note); // the note: not counted
        keys.click(form.noteEdit, Qt::Key_Return, Qt::ControlModifier);
        checked = true;
    });
    keys.click(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(checked);
    CHECK(keys.count <= 8);
    CHECK(keys.count == 5);

    const auto contacts = must(f.referrals->contactsOf(f.open.id)); // the open episode, not the newer-looking old one
    REQUIRE(contacts.size() == 2);
    const domain::Contact &saved = contacts.back();
    CHECK(saved.note == note); // exactly as typed: spaces, tab, line end, emoji
    CHECK(saved.contactOn == today);
    CHECK(saved.mode == QStringLiteral("phone"));         // as last time
    CHECK(saved.durationMinutes == std::optional<int>(20)); // as last time
    CHECK(saved.nextDueOn == today.addDays(14));          // the same gap as last time
    CHECK(saved.contactTime.isValid());
    CHECK(saved.staff == QStringLiteral("tester"));
    test::settle(window.reader());
}

TEST_CASE("an edited note keeps its earlier version in the record's history", "[ui][checkin]")
{
    CheckInFixture f;
    auto c = must(f.referrals->contactsOf(f.open.id)).front();
    const QString first = c.note;
    c.note = QStringLiteral("Walked to the shops twice; corrected: three times.");
    REQUIRE(f.referrals->updateContact(c).ok());
    // The change log keeps the note before and after the edit (never shown in the audit screen's
    // lines, which hold no clinical text; the patient timeline shows earlier versions).
    QSqlQuery q(f.db->connection());
    q.prepare(QStringLiteral("SELECT changes FROM change_log WHERE entity = 'contact' AND entity_id = ? AND action = 'update'"));
    q.addBindValue(c.id);
    REQUIRE(q.exec());
    REQUIRE(q.next());
    const QString changes = q.value(0).toString();
    CHECK(changes.contains(first));
    CHECK(changes.contains(QStringLiteral("three times")));
    // ... and the patient's timeline shows the note with its earlier version.
    const auto events = must(f.referrals->timeline(f.jane.id));
    bool shown = false;
    for (const auto &e : events)
        shown = shown || (e.text.startsWith(c.note) && e.text.contains(QStringLiteral("Earlier version of this note:\n") + first));
    CHECK(shown);
}

TEST_CASE("a contact dated after the patient's death is refused beside the date", "[ui][checkin]")
{
    CheckInFixture f;
    auto jane = f.jane;
    jane.dateOfDeath = today.addDays(-3);
    REQUIRE(f.service->update(jane).ok());
    ui::ContactDialog dialog(*f.referrals, f.open, *must(f.service->byId(jane.id)));
    dialog.form().contactDateEdit->setText(QStringLiteral("t"));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(dialog.form().contactDateMessage->text().contains(QStringLiteral("after the patient died")));
    CHECK(must(f.referrals->contactsOf(f.open.id)).size() == 1);
}

TEST_CASE("a date of death before the patient's last contact is refused", "[ui][checkin]")
{
    CheckInFixture f;
    auto jane = f.jane;
    jane.dateOfDeath = today.addDays(-20); // the last check-in was 14 days ago
    const auto refused = f.service->update(jane);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("before the patient's last contact")));
    jane.dateOfDeath = today.addDays(-14); // the same day is possible
    CHECK(f.service->update(jane).ok());
}

TEST_CASE("a check-in logged by mistake goes with Ctrl+Z and comes back with Ctrl+Shift+Z, never deleted", "[ui][checkin][undo]")
{
    CheckInFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    window.openPatient(f.jane.id);
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<ui::ContactDialog *>(QApplication::activeModalWidget());
        REQUIRE(dialog != nullptr);
        dialog->form().noteEdit->setPlainText(QStringLiteral("Wrong patient"));
        dialog->accept();
    });
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(must(f.referrals->contactsOf(f.open.id)).size() == 2);
    REQUIRE(window.notice()->isVisible());
    const auto caseload = [&] {
        domain::CaseloadQuery q;
        q.today = today;
        return must(f.referrals->caseload(q));
    };
    REQUIRE(caseload().size() == 1);
    CHECK(caseload().front().nextCheckIn == today.addDays(14)); // the new check-in's

    QApplication::setActiveWindow(&window); // as the window manager does when the dialog closes
    REQUIRE(QTest::qWaitForWindowActive(&window));
    INFO("focus: " << (QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className() : "none"));
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    const auto left = must(f.referrals->contactsOf(f.open.id));
    REQUIRE(left.size() == 1);
    CHECK(left.front().note == QStringLiteral("Walked to the shops twice."));
    CHECK(caseload().front().nextCheckIn == today); // the earlier one again: due today
    CHECK(test::countRows(*f.db, QStringLiteral("contact")) == 2); // withdrawn, kept
    CHECK(test::scalar(*f.db, QStringLiteral("SELECT entered_in_error FROM contact WHERE note = 'Wrong patient'"))
              .toString() == QStringLiteral("Undone after saving"));

    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(must(f.referrals->contactsOf(f.open.id)).size() == 2);
    CHECK(caseload().front().nextCheckIn == today.addDays(14));
    test::settle(window.reader());
}
