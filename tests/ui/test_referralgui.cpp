// Registering, discharging and reviewing a patient's referrals on the patient page, as a user
// drives them (issue 3; ux.md: inline messages, Ctrl+Enter saves, history without clinical text,
// accessible names).
#include "ui/uitestsupport.h"

#include "domain/clinicaldate.h"
#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/contactdialog.h"
#include "ui/patientreferralspanel.h"
#include "ui/referraldialog.h"
#include "ui_contactdialog.h"
#include "ui_referraldialog.h"

#include <QAbstractScrollArea>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace painmdt;
using test::must;
using painmdt::test::unnamedFocusables;
using Panel = ui::PatientReferralsPanel;

namespace {

const QDate today(2026, 11, 21);
const QDateTime writeTime(today, QTime(14, 5), Qt::UTC); // every write in these tests happens now

struct ReferralFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient jane;

    ReferralFixture()
    {
        useReferrals(services::StampSource(QStringLiteral("tester"), [] { return writeTime; }, domain::Role::Admin));
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    }

    // Jane's referrals, unless another patient is named.
    using UiFixture::refer;
    domain::Referral refer(const char *ref, QDate received, const char *priority = "routine")
    {
        return refer(jane, ref, received, priority);
    }

    void contact(const domain::Referral &r, QDate on, const char *outcome, const char *mode = "clinic")
    {
        domain::Contact c;
        c.referralId = r.id;
        c.contactOn = on;
        c.mode = QString::fromLatin1(mode);
        c.outcome = QString::fromLatin1(outcome);
        c.staff = QStringLiteral("a.okoro");
        REQUIRE(referrals->addContact(c).ok());
    }
};

// "21-Nov-2026 14:05" as the history shows the fixed writeTime in this machine's time zone.
QString stampText()
{
    const QDateTime local = writeTime.toLocalTime();
    return domain::formatClinicalDate(local.date()) + QLatin1Char(' ') + local.toString(QStringLiteral("HH:mm"));
}

QStringList row(const QTableWidget &table, int r)
{
    QStringList texts;
    for (int c = 0; c < table.columnCount(); ++c)
        texts << (table.item(r, c) ? table.item(r, c)->text() : QStringLiteral("<none>"));
    return texts;
}

QStringList column(const QTableWidget &table, int c)
{
    QStringList texts;
    for (int r = 0; r < table.rowCount(); ++r)
        texts << table.item(r, c)->text();
    return texts;
}

QStringList lines(const QListWidget &list)
{
    QStringList texts;
    for (int i = 0; i < list.count(); ++i)
        texts << list.item(i)->text();
    return texts;
}

void activate(QWidget &window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
}

void type(const QString &text) { QTest::keyClicks(QApplication::focusWidget(), text); }
void key(int k, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QTest::keyClick(QApplication::focusWidget(), Qt::Key(k), modifiers);
}


// Runs `drive` on the modal dialog that `open` shows, then closes it if the script did not.
template <typename Dialog>
void onModal(const std::function<void(Dialog &)> &drive)
{
    QTimer::singleShot(0, [drive] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        CHECK(dialog);
        if (!dialog)
            return;
        QApplication::setActiveWindow(dialog);
        CHECK(QTest::qWaitForWindowActive(dialog));
        drive(*dialog);
        if (dialog->isVisible()) { // never leave a modal open on failure
            FAIL_CHECK("dialog stayed open");
            dialog->reject();
        }
    });
}

} // namespace

TEST_CASE("a referral is registered by keyboard and shows on the patient page as awaiting triage")
{
    ReferralFixture f;
    ui::ReferralDialog dialog(*f.referrals, f.jane, domain::Referral{});
    auto &form = dialog.form();
    activate(dialog);

    // Defaults offered: received today, from the GP, routine; the date is selected for typing over.
    CHECK(dialog.windowTitle() == QStringLiteral("New referral — SMITH, Jane"));
    CHECK(form.banner->accessibleName().startsWith(QStringLiteral("SMITH, Jane · Born 12-Mar-1960")));
    CHECK(form.receivedDateEdit->text() == QStringLiteral("21-Nov-2026"));
    CHECK(form.sourceEdit->currentData().toString() == QStringLiteral("gp"));
    CHECK(form.priorityEdit->currentData().toString() == QStringLiteral("routine"));
    CHECK(form.priorityMessage->text().isEmpty());
    CHECK_FALSE(form.dischargeFields->isVisible());
    CHECK(QApplication::focusWidget() == form.receivedDateEdit);

    type(QStringLiteral("-3d"));
    CHECK(form.receivedDateMessage->text() == QStringLiteral("= 18-Nov-2026"));
    key(Qt::Key_Tab);
    type(QStringLiteral("c")); // Community
    key(Qt::Key_Tab);
    type(QStringLiteral("Dr A Patel"));
    key(Qt::Key_Tab);
    type(QStringLiteral("u")); // URGENT
    CHECK(form.priorityEdit->currentText() == QStringLiteral("URGENT"));
    CHECK(form.priorityMessage->text().contains(QStringLiteral("URGENT"))); // said in words, not colour alone
    key(Qt::Key_Tab);
    CHECK(QApplication::focusWidget() == form.reasonEdit);
    type(QStringLiteral("Low back pain for 6 months"));
    key(Qt::Key_Return, Qt::ControlModifier);

    REQUIRE(dialog.result() == QDialog::Accepted);
    CHECK_FALSE(dialog.isVisible());
    const auto saved = must(f.referrals->forPatient(f.jane.id));
    REQUIRE(saved.size() == 1);
    const domain::Referral &r = saved.front();
    const QString assigned = QStringLiteral("RF") + writeTime.toLocalTime().toString(QStringLiteral("yyyyMMddHHmmss"));
    CHECK(r.referralRef == assigned);
    CHECK(r.receivedOn == QDate(2026, 11, 18));
    CHECK(r.source == QStringLiteral("community"));
    CHECK(r.referrer == QStringLiteral("Dr A Patel"));
    CHECK(r.priority == QStringLiteral("urgent"));
    CHECK(r.reason == QStringLiteral("Low back pain for 6 months"));
    CHECK(dialog.saved().id == r.id);

    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    REQUIRE(panel.table()->rowCount() == 1);
    CHECK(row(*panel.table(), 0)
          == QStringList{assigned, "18-Nov-2026", "Community", "⚠ URGENT", "Awaiting triage", "Not scored"});
    CHECK(panel.currentReferralId() == r.id);

    // A second blank ref in the same second is still unique.
    CHECK(ui::ReferralDialog::assignRef(*f.referrals, writeTime.toLocalTime()) == assigned + QStringLiteral("-2"));
}

TEST_CASE("referral dialog: a received date in the future is said beside the field and nothing is saved")
{
    ReferralFixture f;
    ui::ReferralDialog dialog(*f.referrals, f.jane, domain::Referral{});
    auto &form = dialog.form();
    activate(dialog);

    type(QStringLiteral("+1d"));
    key(Qt::Key_Tab);
    key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(dialog.isVisible());
    CHECK(form.receivedDateMessage->text() == QStringLiteral("⚠ 22-Nov-2026 is in the future."));
    CHECK(QApplication::focusWidget() == form.receivedDateEdit); // focus goes to the field to fix
    CHECK(form.generalMessage->text().isEmpty());
    CHECK(must(f.referrals->forPatient(f.jane.id)).empty());

    form.receivedDateEdit->setText(QStringLiteral("31-Feb-2026"));
    dialog.accept();
    CHECK(dialog.isVisible());
    CHECK(form.receivedDateMessage->text().startsWith(QStringLiteral("⚠ ")));
    CHECK(must(f.referrals->forPatient(f.jane.id)).empty());

    // A ref already used is refused beside the ref field.
    f.refer("R001", QDate(2026, 10, 1));
    form.receivedDateEdit->setText(QStringLiteral("t"));
    form.referralRefEdit->setText(QStringLiteral("R001"));
    dialog.accept();
    CHECK(dialog.isVisible());
    CHECK(form.receivedDateMessage->text() == QStringLiteral("= 21-Nov-2026"));
    CHECK(form.referralRefMessage->text().contains(QStringLiteral("R001")));
    CHECK(QApplication::focusWidget() == form.referralRefEdit);
    CHECK(must(f.referrals->forPatient(f.jane.id)).size() == 1);

    key(Qt::Key_Escape);
    CHECK(dialog.result() == QDialog::Rejected);
}

TEST_CASE("discharge asks for a reason, then the panel shows the referral as discharged")
{
    ReferralFixture f;
    const auto referral = f.refer("R001", QDate(2026, 10, 1));
    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    REQUIRE(panel.dischargeAction()->isEnabled());

    auto dialog = ui::ReferralDialog::discharge(*f.referrals, f.jane, referral);
    auto &form = dialog->form();
    activate(*dialog);
    CHECK(dialog->mode() == ui::ReferralDialog::Mode::Discharge);
    CHECK(form.dischargeFields->isVisible());
    CHECK_FALSE(form.referralFields->isVisible());
    CHECK(form.referralSummary->text()
          == QStringLiteral("Referral R001 · received 01-Oct-2026 from GP · awaiting triage"));
    CHECK(form.dischargeDateEdit->text() == QStringLiteral("21-Nov-2026"));
    CHECK(QApplication::focusWidget() == form.dischargeDateEdit);

    key(Qt::Key_Return, Qt::ControlModifier);
    CHECK(dialog->isVisible());
    CHECK(form.dischargeReasonMessage->text() == QStringLiteral("⚠ Give the reason for discharge."));
    CHECK(QApplication::focusWidget() == form.dischargeReasonEdit);
    CHECK_FALSE(must(f.referrals->byId(referral.id))->isDischarged());

    type(QStringLiteral("Treatment completed"));
    key(Qt::Key_Return, Qt::ControlModifier);
    REQUIRE(dialog->result() == QDialog::Accepted);
    const auto saved = must(f.referrals->byId(referral.id));
    CHECK(saved->dischargedOn == today);
    CHECK(saved->dischargeReason == QStringLiteral("Treatment completed"));

    panel.refresh();
    CHECK(panel.table()->item(0, Panel::Status)->text() == QStringLiteral("Discharged 21-Nov-2026"));
    CHECK_FALSE(panel.dischargeAction()->isEnabled());
    CHECK_FALSE(panel.recordContactAction()->isEnabled());
    CHECK(panel.newReferralAction()->isEnabled());
}

TEST_CASE("discharge before the last contact is refused in place")
{
    ReferralFixture f;
    const auto referral = f.refer("R001", QDate(2026, 10, 1));
    f.contact(referral, QDate(2026, 11, 2), "attended");
    ui::ReferralDialog dialog(*f.referrals, f.jane, referral, ui::ReferralDialog::Mode::Discharge);
    dialog.form().dischargeDateEdit->setText(QStringLiteral("01-Nov-2026"));
    dialog.form().dischargeReasonEdit->setPlainText(QStringLiteral("Treatment completed"));
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(dialog.form().dischargeDateMessage->text()
          == QStringLiteral("⚠ 01-Nov-2026 is before the last contact (02-Nov-2026)."));
}

TEST_CASE("the history lists who created and changed a referral, by field name, then its contacts")
{
    ReferralFixture f;
    auto referral = f.refer("R001", QDate(2026, 10, 1));
    referral = f.triage(referral, "community_physio");
    f.contact(referral, QDate(2026, 11, 2), "dna", "phone");
    f.contact(referral, QDate(2026, 11, 9), "attended");
    referral.dischargedOn = today;
    referral.dischargeReason = QStringLiteral("Pain much improved; back at work");
    REQUIRE(f.referrals->update(referral).ok());

    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    const QString at = stampText();
    CHECK(lines(*panel.history())
          == QStringList{at + "  tester  created", at + "  tester  updated: Pathway, Triaged on",
                         at + "  tester  updated: Discharge reason, Discharged on",
                         "02-Nov-2026  Phone contact: did not attend (a.okoro)",
                         "09-Nov-2026  Clinic contact: attended (a.okoro)"});
    CHECK(panel.findChild<QLabel *>(QStringLiteral("historyLabel"))->text() == QStringLiteral("Hi&story of referral R001"));
    // Clinical text stays out of the list.
    for (const QString &line : lines(*panel.history())) {
        CHECK_FALSE(line.contains(QStringLiteral("Low back pain")));
        CHECK_FALSE(line.contains(QStringLiteral("back at work")));
    }
}

TEST_CASE("the panel says where each referral stands, newest first, with its STarT Back group")
{
    ReferralFixture f;
    const auto waiting = f.refer("R-WAIT", QDate(2026, 11, 20), "urgent");
    const auto triaged = f.triage(f.refer("R-TRIAGED", QDate(2026, 10, 21)), "community_physio",
                                  domain::Answers{1, 1, 1, 1, 0, 0, 0, 1, 2});
    const auto seen = f.triage(f.refer("R-SEEN", QDate(2026, 9, 1)), "psych_informed_physio",
                               domain::Answers{1, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                               std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    f.contact(seen, QDate(2026, 9, 10), "dna");
    f.contact(seen, QDate(2026, 9, 17), "attended");
    f.contact(seen, QDate(2026, 10, 1), "attended");
    f.triage(f.refer("R-DECLINED", QDate(2026, 8, 3)), "declined");

    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    const auto &table = *panel.table();
    CHECK(column(table, Panel::Ref) == QStringList{"R-WAIT", "R-TRIAGED", "R-SEEN", "R-DECLINED"});
    CHECK(column(table, Panel::Received) == QStringList{"20-Nov-2026", "21-Oct-2026", "01-Sep-2026", "03-Aug-2026"});
    CHECK(column(table, Panel::Priority) == QStringList{"⚠ URGENT", "Routine", "Routine", "Routine"});
    CHECK(column(table, Panel::Status)
          == QStringList{"Awaiting triage", "Triaged 22-Oct-2026: Community physio", "Seen 17-Sep-2026", "Declined"});
    CHECK(column(table, Panel::StartBack) == QStringList{"Not scored", "Medium", "Incomplete", "Not scored"});
    CHECK(table.item(0, Panel::Received)->textAlignment() & Qt::AlignRight);
    CHECK(panel.findChild<QLabel *>(QStringLiteral("referralsHeading"))->text() == QStringLiteral("Referrals (4)"));
    CHECK(panel.currentReferralId() == waiting.id);

    // Highlighting another referral shows its history; a refresh keeps the highlight.
    REQUIRE(panel.selectReferral(triaged.id));
    CHECK(lines(*panel.history()).size() == 2);
    panel.refresh();
    CHECK(panel.currentReferralId() == triaged.id);

    // Another patient: an empty list that says so, and only "New referral" to do.
    const auto sarah = f.add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
    panel.setPatient(sarah);
    CHECK(table.rowCount() == 0);
    CHECK(panel.findChild<QLabel *>(QStringLiteral("noReferrals"))->isVisibleTo(&panel));
    CHECK(panel.history()->count() == 0);
    CHECK(panel.newReferralAction()->isEnabled());
    CHECK_FALSE(panel.dischargeAction()->isEnabled());
    CHECK_FALSE(panel.recordContactAction()->isEnabled());
}

TEST_CASE("the panel's actions open the dialogs and report what was saved")
{
    ReferralFixture f;
    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    activate(panel);
    QSignalSpy changed(&panel, &Panel::changed);

    onModal<ui::ReferralDialog>([](ui::ReferralDialog &dialog) {
        CHECK(QApplication::focusWidget() == dialog.form().receivedDateEdit);
        dialog.form().referralRefEdit->setText(QStringLiteral("R900"));
        key(Qt::Key_Return, Qt::ControlModifier); // every other default as offered
    });
    panel.newReferralAction()->trigger();
    REQUIRE(changed.count() == 1);
    CHECK(changed.at(0).at(0).toString()
          == QStringLiteral("Registered referral R900 for SMITH, Jane (received 21-Nov-2026)."));
    REQUIRE(panel.table()->rowCount() == 1);
    CHECK(panel.table()->item(0, Panel::Status)->text() == QStringLiteral("Awaiting triage"));

    onModal<ui::ContactDialog>([](ui::ContactDialog &dialog) {
        CHECK(dialog.form().banner->accessibleName().startsWith(QStringLiteral("SMITH, Jane")));
        key(Qt::Key_Return); // today, attended, by the current user
    });
    panel.recordContactAction()->trigger();
    REQUIRE(changed.count() == 2);
    CHECK(changed.at(1).at(0).toString()
          == QStringLiteral("Recorded attended (Phone, 21-Nov-2026) for SMITH, Jane, referral R900."));
    CHECK(panel.table()->item(0, Panel::Status)->text() == QStringLiteral("Seen 21-Nov-2026"));
    CHECK(lines(*panel.history()).last() == QStringLiteral("21-Nov-2026  Phone contact: attended (tester)"));

    onModal<ui::ReferralDialog>([](ui::ReferralDialog &dialog) {
        CHECK(dialog.mode() == ui::ReferralDialog::Mode::Discharge);
        type(QStringLiteral("t"));
        key(Qt::Key_Tab);
        type(QStringLiteral("Treatment completed"));
        key(Qt::Key_Return, Qt::ControlModifier);
    });
    panel.dischargeAction()->trigger();
    REQUIRE(changed.count() == 3);
    CHECK(changed.at(2).at(0).toString()
          == QStringLiteral("Discharged SMITH, Jane from referral R900 on 21-Nov-2026."));
    CHECK(panel.table()->item(0, Panel::Status)->text() == QStringLiteral("Discharged 21-Nov-2026"));

    // Esc on the edit form changes nothing and says nothing.
    onModal<ui::ReferralDialog>([](ui::ReferralDialog &dialog) {
        CHECK(dialog.form().referralRefEdit->text() == QStringLiteral("R900"));
        key(Qt::Key_Escape);
    });
    panel.editReferralAction()->trigger();
    CHECK(changed.count() == 3);
}

TEST_CASE("every focusable widget of the referral dialog and panel has an accessible name")
{
    ReferralFixture f;
    const auto referral = f.refer("R001", QDate(2026, 10, 1));

    ui::ReferralDialog edit(*f.referrals, f.jane, referral);
    edit.show();
    INFO(unnamedFocusables(&edit).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedFocusables(&edit) == QStringList{});

    ui::ReferralDialog discharge(*f.referrals, f.jane, referral, ui::ReferralDialog::Mode::Discharge);
    discharge.show();
    INFO(unnamedFocusables(&discharge).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedFocusables(&discharge) == QStringList{});

    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    panel.show();
    INFO(unnamedFocusables(&panel).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedFocusables(&panel) == QStringList{});
}
