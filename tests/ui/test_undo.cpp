// Undo and redo of saved changes (issue 8, item 7): each restores exactly, each is an audited
// change (never a hard delete), a step a colleague overtook says so, and a save's notice offers
// Undo and goes away when another patient is opened.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/mainwindow.h"
#include "ui/notice.h"
#include "ui/patientreferralspanel.h"
#include "ui/referrallistmodel.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui/undo.h"

#include <QApplication>
#include <QComboBox>
#include <QInputDialog>
#include <QPushButton>
#include <QSqlQuery>
#include <QTimer>
#include <QUndoStack>

using namespace painmdt;
using test::must;

namespace {

int count(storage::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

int changeRows(storage::Database &db, const char *entity)
{
    return count(db, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = '%1'").arg(QLatin1String(entity)));
}

} // namespace

TEST_CASE("undo and redo of a patient edit restore exactly, each as an audited change", "[ui][undo]")
{
    test::UiFixture f;
    const auto before = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    auto edited = before;
    edited.phone = QStringLiteral("07700 900123");
    edited.postcode = QStringLiteral("NW1 2BU");
    const auto after = *f.service->update(edited).value;
    QUndoStack stack;
    QString problem;
    stack.push(ui::patientEdit(*f.service, before, after, [&](const QString &p) { problem = p; }));
    const int audited = changeRows(*f.db, "patient");

    stack.undo();
    auto now = *must(f.service->byId(before.id));
    CHECK(problem.isEmpty());
    CHECK(now.phone == before.phone);
    CHECK(now.postcode == before.postcode);
    CHECK(changeRows(*f.db, "patient") == audited + 1); // a reversal, recorded

    stack.redo();
    now = *must(f.service->byId(before.id));
    CHECK(now.phone == after.phone);
    CHECK(now.postcode == after.postcode);
    CHECK(changeRows(*f.db, "patient") == audited + 2);
    CHECK(count(*f.db, QStringLiteral("SELECT COUNT(*) FROM patient")) == 1); // nothing ever deleted
}

TEST_CASE("an undo that a colleague's later change overtook says so and changes nothing", "[ui][undo]")
{
    test::UiFixture f;
    const auto before = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    auto edited = before;
    edited.phone = QStringLiteral("07700 900123");
    const auto after = *f.service->update(edited).value;
    QUndoStack stack;
    QString problem;
    stack.push(ui::patientEdit(*f.service, before, after, [&](const QString &p) { problem = p; }));
    auto colleague = after;
    colleague.postcode = QStringLiteral("SW1A 1AA");
    REQUIRE(f.service->update(colleague).ok());
    stack.undo();
    CHECK(problem.contains(QStringLiteral("changed since")));
    CHECK(must(f.service->byId(before.id))->phone == QStringLiteral("07700 900123"));
    CHECK(must(f.service->byId(before.id))->postcode == QStringLiteral("SW1A 1AA"));
    CHECK(stack.count() == 0); // it cannot be taken back any more
}

TEST_CASE("undoing a discharge and a flag writes reversals, never deletions", "[ui][undo]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto open = f.triage(f.refer(jane, "R1", QDate(2026, 9, 1)), "advice");
    auto discharging = open;
    discharging.dischargedOn = QDate(2026, 10, 1);
    discharging.dischargeReason = QStringLiteral("Goals met");
    const auto discharged = *f.referrals->update(discharging).value;
    const auto flag = *f.service->flag(jane.id, QStringLiteral("Worried")).value;
    QUndoStack stack;
    const ui::UndoReport ignore = [](const QString &) {};
    stack.push(ui::referralEdit(*f.referrals, open, discharged, QStringLiteral("discharge"), ignore));
    stack.push(ui::flagRaised(*f.service, flag, ignore));

    stack.undo(); // the flag
    CHECK(must(f.service->openFlags(jane.id)).empty());
    CHECK(must(f.service->allFlags(jane.id)).size() == 1); // cleared, kept
    stack.undo(); // the discharge
    CHECK_FALSE(must(f.referrals->byId(open.id))->isDischarged());
    stack.redo();
    CHECK(must(f.referrals->byId(open.id))->dischargedOn == QDate(2026, 10, 1));
    stack.redo();
    CHECK(must(f.service->openFlags(jane.id)).size() == 1);
    CHECK(must(f.service->allFlags(jane.id)).size() == 2);
}

TEST_CASE("a save's notice offers Undo and goes away when another patient is opened", "[ui][undo]")
{
    test::UiFixture f;
    f.addStandardPatients();
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    const auto jane = *must(f.service->byRef(QStringLiteral("RX100")));
    const auto joan = *must(f.service->byRef(QStringLiteral("RX101")));
    window.openPatient(jane.id);
    const auto flagJane = [&] {
        QTimer::singleShot(0, [] {
            auto *ask = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            REQUIRE(ask != nullptr);
            ask->setTextValue(QStringLiteral("Three A&E visits"));
            ask->accept();
        });
        window.referralsPanel()->flagPatient();
    };
    flagJane();
    REQUIRE(must(f.service->openFlags(jane.id)).size() == 1);
    REQUIRE(window.notice()->isVisible());
    CHECK(window.notice()->text().contains(QStringLiteral("Flagged")));
    window.openPatient(jane.id); // the same patient again: the notice stays
    CHECK(window.notice()->isVisible());
    QPushButton *undo = nullptr;
    for (auto *button : window.notice()->findChildren<QPushButton *>())
        if (button->text() == QStringLiteral("&Undo") && button->isVisible())
            undo = button;
    REQUIRE(undo != nullptr);
    undo->click();
    CHECK(must(f.service->openFlags(jane.id)).empty()); // cleared through the service
    CHECK(must(f.service->allFlags(jane.id)).size() == 1);

    flagJane();
    REQUIRE(window.notice()->isVisible());
    window.openPatient(joan.id); // another patient: a notice about Jane must not sit over Joan's record
    CHECK_FALSE(window.notice()->isVisible());
    test::settle(window.reader());
}

TEST_CASE("undoing a new referral withdraws it as entered in error, redo brings it back", "[ui][undo]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto r = f.refer(jane, "R1", QDate(2026, 9, 1));
    QUndoStack stack;
    QString problem;
    stack.push(ui::referralAdded(*f.referrals, r, [&](const QString &p) { problem = p; }));
    stack.undo();
    CHECK(problem.isEmpty());
    CHECK(must(f.referrals->forPatient(jane.id)).empty());
    CHECK(must(f.referrals->awaitingTriage(10)).empty());
    CHECK(must(f.referrals->byId(r.id))->isEnteredInError()); // kept, by its id
    CHECK(count(*f.db, QStringLiteral("SELECT COUNT(*) FROM referral")) == 1);
    stack.redo();
    CHECK(must(f.referrals->forPatient(jane.id)).size() == 1);
    CHECK(must(f.referrals->awaitingTriage(10)).size() == 1);
    CHECK(changeRows(*f.db, "referral") == 3); // created, withdrawn, restored
}

TEST_CASE("undoing a triage puts the referral back on the triage worklist without its STarT Back", "[ui][undo]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto waiting = f.refer(jane, "R1", QDate::currentDate().addDays(-3));
    QUndoStack stack;
    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    page.form()->setUndoStack(&stack);
    page.show();
    f.settle();
    REQUIRE(page.openReferral(waiting.id));
    page.form()->startBack()->setAnswers(domain::answersFromText(QStringLiteral("1;1;1;1;1;1;1;1;4")));
    page.form()->pathwayBox()->setCurrentIndex(page.form()->pathwayBox()->findData(QStringLiteral("community_pain")));
    REQUIRE(page.form()->save());
    REQUIRE(stack.count() == 1);
    f.settle();
    CHECK(page.model()->rowCount() == 0);
    REQUIRE(must(f.referrals->assessments().latestFor(waiting.id, QStringLiteral("startback"))));

    stack.undo();
    page.refresh();
    f.settle();
    CHECK(page.model()->rowCount() == 1); // back on the worklist
    CHECK_FALSE(must(f.referrals->byId(waiting.id))->isTriaged());
    CHECK_FALSE(must(f.referrals->assessments().latestFor(waiting.id, QStringLiteral("startback"))).has_value());
    CHECK(count(*f.db, QStringLiteral("SELECT COUNT(*) FROM assessment")) == 1); // withdrawn, kept

    stack.redo();
    CHECK(must(f.referrals->byId(waiting.id))->pathway == QStringLiteral("community_pain"));
    CHECK(must(f.referrals->assessments().latestFor(waiting.id, QStringLiteral("startback")))->result.band ==
          QStringLiteral("High"));
    f.settle();
}

TEST_CASE("a new referral triaged and then both undone, newest first, and redone: each step finds the record's version", "[ui][undo]")
{
    test::UiFixture f;
    f.useReferrals();
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto r = f.refer(jane, "R1", QDate(2026, 9, 1));
    QUndoStack stack;
    QString problem;
    const ui::UndoReport report = [&](const QString &p) { problem = p; };
    stack.push(ui::referralAdded(*f.referrals, r, report));
    qint64 startbackId = 0;
    const auto triaged = f.referrals->triage(r, QDate(2026, 9, 2), QStringLiteral("advice"), {},
                                             domain::answersFromText(QStringLiteral("0;0;0;0;0;0;0;0;0")), &startbackId);
    REQUIRE(triaged.ok());
    stack.push(ui::triageDecided(*f.referrals, r, *triaged.value, startbackId, report));
    auto edited = *triaged.value;
    edited.keyWorker = QStringLiteral("a.nurse");
    const auto handedOver = *f.referrals->update(edited).value;
    stack.push(ui::referralEdit(*f.referrals, *triaged.value, handedOver, QStringLiteral("hand-over"), report));

    stack.undo(); // the hand-over
    stack.undo(); // the triage
    stack.undo(); // the registration
    INFO(problem.toStdString());
    CHECK(problem.isEmpty());
    CHECK(stack.count() == 3);
    CHECK(must(f.referrals->byId(r.id))->isEnteredInError());
    CHECK_FALSE(must(f.referrals->byId(r.id))->isTriaged());
    stack.redo();
    stack.redo();
    stack.redo();
    CHECK(problem.isEmpty());
    const auto back = *must(f.referrals->byId(r.id));
    CHECK_FALSE(back.isEnteredInError());
    CHECK(back.pathway == QStringLiteral("advice"));
    CHECK(back.keyWorker == QStringLiteral("a.nurse"));
    CHECK(must(f.referrals->assessments().latestFor(r.id, QStringLiteral("startback")))->id == startbackId);
}

TEST_CASE("a redo that the record's rules now forbid says so and changes nothing", "[ui][undo]")
{
    test::UiFixture f;
    f.useReferrals();
    auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto open = f.triage(f.refer(jane, "R1", QDate(2026, 9, 1)), "advice");
    domain::Contact c;
    c.referralId = open.id;
    c.contactOn = QDate(2026, 10, 1);
    c.mode = QStringLiteral("phone");
    c.outcome = QStringLiteral("attended");
    const auto saved = *f.referrals->addContact(c).value;
    QUndoStack stack;
    QString problem;
    stack.push(ui::contactAdded(*f.referrals, saved, [&](const QString &p) { problem = p; }));
    stack.undo();
    jane = *must(f.service->byId(jane.id));
    jane.dateOfDeath = QDate(2026, 9, 20); // possible now that the contact is withdrawn
    REQUIRE(f.service->update(jane).ok());
    stack.redo();
    CHECK(problem.contains(QStringLiteral("Could not redo")));
    CHECK(must(f.referrals->contactById(saved.id))->isEnteredInError());
    CHECK(must(f.referrals->contactsOf(open.id)).empty());
}
