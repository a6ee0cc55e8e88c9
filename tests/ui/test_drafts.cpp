// Typed work is never lost (issue 8, ux.md): a check-in's note survives Esc and a killed
// process; triage answers survive Ctrl+Q and come back after a restart, focus on the first
// unanswered item; saving discards the draft; drafts are owner-only files.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/contactdialog.h"
#include "ui/drafts.h"
#include "ui/mainwindow.h"
#include "ui/patientdialog.h"
#include "ui/referraldialog.h"
#include "ui_referraldialog.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui_contactdialog.h"
#include "ui_patientdialog.h"

#include <QRadioButton>

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>

using namespace painmdt;
using test::must;

namespace {

const QDate today(2026, 11, 21);

struct DraftFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient jane;
    domain::Referral referral;

    DraftFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        referral = triage(refer(jane, "R1", today.addDays(-30)), "advice");
    }
};

} // namespace

TEST_CASE("Esc in the check-in dialog keeps the note, reopening gives it back, saving discards it", "[ui][drafts]")
{
    DraftFixture f;
    const QString note = QStringLiteral("Half-written: pain 6/10, asked about");
    {
        ui::ContactDialog dialog(*f.referrals, f.referral, f.jane);
        dialog.form().noteEdit->setPlainText(note);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        CHECK(dialog.result() == QDialog::Rejected);
    }
    CHECK(ui::DraftStore::current()->count() == 1);
    ui::ContactDialog again(*f.referrals, f.referral, f.jane);
    CHECK(again.form().noteEdit->toPlainText() == note);
    CHECK(again.form().generalMessage->text().contains(QStringLiteral("unsaved check-in from")));
    again.accept();
    REQUIRE(again.result() == QDialog::Accepted);
    CHECK(ui::DraftStore::current()->count() == 0);
    ui::ContactDialog fresh(*f.referrals, f.referral, f.jane);
    CHECK(fresh.form().noteEdit->toPlainText().isEmpty());
}

TEST_CASE("a check-in's note is on disk within seconds, so it survives a killed process", "[ui][drafts]")
{
    DraftFixture f;
    const QString folder = f.dir.filePath(QStringLiteral("drafts"));
    auto *dialog = new ui::ContactDialog(*f.referrals, f.referral, f.jane);
    dialog->form().noteEdit->setPlainText(QStringLiteral("Typed before the power cut"));
    // No close, no reject: only the autosave runs, as when the process is killed.
    QTRY_VERIFY_WITH_TIMEOUT(ui::DraftStore(folder).count() == 1, ui::FormDraft::intervalMs * 3);
    ui::DraftStore::setCurrent(nullptr); // the dying process's store goes away...
    delete dialog;
    ui::DraftStore::setCurrent(std::make_shared<ui::DraftStore>(folder)); // ...and a new one starts
    ui::ContactDialog afterRestart(*f.referrals, f.referral, f.jane);
    CHECK(afterRestart.form().noteEdit->toPlainText() == QStringLiteral("Typed before the power cut"));
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.json")}, QDir::Files);
    REQUIRE(files.size() == 1);
    CHECK(QFile(QDir(folder).filePath(files.first())).permissions()
          == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser));
}

TEST_CASE("Ctrl+Q in the middle of a triage keeps the answers for the next start", "[ui][drafts]")
{
    DraftFixture f;
    const auto waiting = f.refer(f.jane, "R2", today.addDays(-3));
    {
        ui::MainWindow window(f.db, test::adminSession());
        window.show();
        test::settle(window.reader());
        REQUIRE(window.triagePage()->openReferral(waiting.id));
        auto *form = window.triagePage()->form()->startBack();
        form->focusItem(0);
        for (const Qt::Key key : {Qt::Key_1, Qt::Key_0, Qt::Key_1})
            QTest::keyClick(QApplication::focusWidget(), key);
        window.close(); // what Ctrl+Q does
        test::settle(window.reader());
    }
    ui::MainWindow restarted(f.db, test::adminSession());
    restarted.show();
    test::settle(restarted.reader());
    REQUIRE(restarted.triagePage()->openReferral(waiting.id));
    auto *form = restarted.triagePage()->form();
    CHECK(form->startBack()->answers()[0] == 1);
    CHECK(form->startBack()->answers()[1] == 0);
    CHECK(form->startBack()->answers()[2] == 1);
    CHECK_FALSE(form->startBack()->answers()[3].has_value());
    CHECK(form->errorLabel()->text().contains(QStringLiteral("unsaved triage")));
    CHECK(QApplication::focusWidget() == static_cast<QWidget *>(form->startBack()->option(3, 0))); // item 4: where it stopped
    test::settle(restarted.reader());
}

TEST_CASE("a draft typed against an older version of the record is mentioned, never put back", "[ui][drafts]")
{
    DraftFixture f;
    {
        ui::PatientDialog dialog(*f.service, f.jane);
        dialog.form().phoneEdit->setText(QStringLiteral("07700 900001"));
        dialog.reject(); // kept as a draft of version 1
    }
    auto changed = f.jane; // a colleague records the death meanwhile
    changed.dateOfDeath = today.addDays(-1);
    REQUIRE(f.service->update(changed).ok());
    const auto now = *must(f.service->byId(f.jane.id));
    ui::PatientDialog again(*f.service, now);
    CHECK(again.form().phoneEdit->text() != QStringLiteral("07700 900001"));
    CHECK(again.form().generalMessage->text().contains(QStringLiteral("has been changed since")));
}

TEST_CASE("a save refused because a colleague saved first reloads their change and keeps what was typed",
          "[ui][drafts]")
{
    DraftFixture f;
    ui::PatientDialog dialog(*f.service, f.jane);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    REQUIRE(QTest::qWaitForWindowActive(&dialog));
    auto &form = dialog.form();
    form.givenNameEdit->setText(QStringLiteral("Janet"));         // mine only
    form.phoneEdit->setText(QStringLiteral("07700 900222"));       // both: mine is kept

    auto theirs = f.jane; // a colleague saves first, from another machine
    theirs.phone = QStringLiteral("07700 900111");
    theirs.gpPractice = QStringLiteral("B86001");
    REQUIRE(f.service->update(theirs).ok());

    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(form.generalMessage->text().contains(QStringLiteral("changed this patient at")));
    CHECK(form.generalMessage->text().contains(QStringLiteral("press Reload")));
    QWidget *reload = QApplication::focusWidget();
    REQUIRE(qobject_cast<QPushButton *>(reload));
    CHECK(qobject_cast<QPushButton *>(reload)->text().contains(QStringLiteral("keeping what I typed")));
    CHECK(must(f.service->byId(f.jane.id))->givenName == QStringLiteral("Jane")); // nothing of mine saved

    QTest::keyClick(reload, Qt::Key_Space);
    CHECK(form.givenNameEdit->text() == QStringLiteral("Janet"));
    CHECK(form.phoneEdit->text() == QStringLiteral("07700 900222"));
    CHECK(form.gpPracticeEdit->text() == QStringLiteral("B86001")); // theirs, not undone
    CHECK(form.generalMessage->text().contains(QStringLiteral("You both changed Phone (theirs: \u201C07700 900111\u201D)")));
    CHECK(QApplication::focusWidget() == static_cast<QWidget *>(form.phoneEdit));
    CHECK_FALSE(reload->isVisible());

    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    const auto stored = *must(f.service->byId(f.jane.id));
    CHECK(stored.givenName == QStringLiteral("Janet"));
    CHECK(stored.phone == QStringLiteral("07700 900222"));
    CHECK(stored.gpPractice == QStringLiteral("B86001"));
    CHECK(stored.rowVersion == f.jane.rowVersion + 2);
}

TEST_CASE("a referral saved by a colleague meanwhile is reloaded with the typed reason kept", "[ui][drafts]")
{
    DraftFixture f;
    ui::ReferralDialog dialog(*f.referrals, f.jane, f.referral);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    REQUIRE(QTest::qWaitForWindowActive(&dialog));
    dialog.form().reasonEdit->setPlainText(QStringLiteral("Low back pain, worse since March"));

    auto theirs = f.referral;
    theirs.keyWorker = QStringLiteral("a.physio");
    REQUIRE(f.referrals->update(theirs).ok());

    dialog.accept();
    REQUIRE(dialog.result() != QDialog::Accepted);
    CHECK(dialog.form().generalMessage->text().contains(QStringLiteral("changed this referral at")));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space); // the Reload button has the focus
    CHECK(dialog.form().keyWorkerEdit->text() == QStringLiteral("a.physio"));
    CHECK(dialog.form().reasonEdit->toPlainText() == QStringLiteral("Low back pain, worse since March"));
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    const auto stored = *must(f.referrals->byId(f.referral.id));
    CHECK(stored.keyWorker == QStringLiteral("a.physio"));
    CHECK(stored.reason == QStringLiteral("Low back pain, worse since March"));
}

TEST_CASE("an abandoned new patient is offered behind a link, never poured into the next one", "[ui][drafts]")
{
    DraftFixture f;
    {
        ui::PatientDialog dialog(*f.service, domain::Patient{});
        dialog.form().familyNameEdit->setText(QStringLiteral("Abandoned"));
        dialog.reject();
    }
    ui::PatientDialog next(*f.service, domain::Patient{});
    CHECK(next.form().familyNameEdit->text().isEmpty());
    QLabel *message = next.form().generalMessage;
    CHECK(message->text().contains(QStringLiteral("Put it back")));
    Q_EMIT message->linkActivated(QStringLiteral("restore"));
    CHECK(next.form().familyNameEdit->text() == QStringLiteral("Abandoned"));
}

TEST_CASE("a saved triage leaves no draft behind", "[ui][drafts]")
{
    DraftFixture f;
    const auto waiting = f.refer(f.jane, "R2", today.addDays(-3));
    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    page.show();
    f.settle();
    REQUIRE(page.openReferral(waiting.id));
    page.form()->startBack()->setAnswers(domain::answersFromText(QStringLiteral("0;0;0;0;0;0;0;0;0")));
    page.form()->pathwayBox()->setCurrentIndex(0);
    page.form()->saveDraft();
    REQUIRE(ui::DraftStore::current()->count() == 1);
    REQUIRE(page.form()->save());
    page.form()->saveDraft(); // what the focus leaving the form does
    CHECK(ui::DraftStore::current()->count() == 0);
    f.settle();
}
