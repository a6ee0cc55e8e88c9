// Triage, the STarT Back form, the waiting list and recording a contact, as a user drives them
// (issue 3; clinical reference §1, §4; ux.md keystroke budgets and worklists).
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/contactdialog.h"
#include "ui/patientbanner.h"
#include "ui/referrallistmodel.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui/waitinglistpage.h"
#include "ui_contactdialog.h"

#include <QLineEdit>

#include <QAbstractItemModelTester>
#include <QAbstractScrollArea>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace painmdt;
using test::must;
using painmdt::test::unnamedFocusables;
using domain::Answers;

namespace {

const QDate today(2026, 11, 21);

struct TriageFixture : test::UiFixture {
    test::FixedToday fixedToday;

    TriageFixture() { useReferrals(); }

    const domain::InstrumentDefinition &startBack()
    {
        const auto *definition = referrals->assessments().instrument(QStringLiteral("startback"));
        REQUIRE(definition);
        return *definition;
    }
};

QStringList column(const QAbstractItemModel &model, int section)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts << model.index(row, section).data().toString();
    return texts;
}

QString labelText(const QWidget &root, const char *name)
{
    const auto *label = root.findChild<QLabel *>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

void activate(QWidget &window)
{
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
}


} // namespace

TEST_CASE("a referral is triaged by keyboard only: Enter, nine digits, Ctrl+Enter")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto sarah = f.add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
    f.refer(jane, "R001", QDate(2026, 10, 1));
    const auto urgent = f.refer(sarah, "R002", QDate(2026, 11, 10), "urgent");

    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    page.resize(1200, 800);
    activate(page);
    QSignalSpy triaged(&page, &ui::TriagePage::triaged);
    page.table()->setFocus();

    int keystrokes = 0;
    auto press = [&](int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key(key), modifiers);
        ++keystrokes;
    };
    press(Qt::Key_Return); // the first row is the urgent referral
    REQUIRE(page.isFormOpen());
    CHECK(page.form()->referral().referralRef == QStringLiteral("R002"));
    CHECK(page.form()->banner()->accessibleName().startsWith(QStringLiteral("JONES, Sarah · Born 06-May-1990")));
    CHECK(labelText(page, "referralSummary").contains(QStringLiteral("Received 10-Nov-2026 (11 days ago)")));
    CHECK(labelText(page, "referralSummary").contains(QStringLiteral("URGENT")));

    keystrokes = 0;
    for (const int digit : {1, 1, 1, 1, 0, 0, 0, 1, 2}) // items 1-9
        press(Qt::Key_0 + digit);
    CHECK(keystrokes == 9);
    CHECK(keystrokes <= 30); // ux.md budget for the nine items

    CHECK(labelText(page, "startBackSummary") == QStringLiteral("Total 5 · Psychosocial 1 · Medium risk"));
    CHECK(labelText(page, "startBackSuggestion") == QStringLiteral("Suggested: Physiotherapy (Community physio)"));
    CHECK(page.form()->pathwayBox()->currentData().toString() == QStringLiteral("community_physio"));
    CHECK(page.form()->pathwayBox()->currentText() == QStringLiteral("Community physio (community)"));
    CHECK(QApplication::focusWidget() == page.form()->pathwayBox()); // moved on after item 9

    press(Qt::Key_Return, Qt::ControlModifier);
    CHECK_FALSE(page.isFormOpen());
    CHECK(labelText(page, "triageError").isEmpty());
    REQUIRE(triaged.count() == 1);
    CHECK(triaged.at(0).at(0).toString() == QStringLiteral("Triaged JONES, Sarah (referral R002) to Community physio "
                                                           "on 21-Nov-2026; STarT Back Medium risk."));

    const auto saved = must(f.referrals->byId(urgent.id));
    REQUIRE(saved);
    CHECK(saved->triagedOn == today);
    CHECK(saved->pathway == QStringLiteral("community_physio"));
    const auto assessment = must(f.referrals->assessments().latestFor(urgent.id, QStringLiteral("startback")));
    REQUIRE(assessment);
    CHECK(assessment->result.band == QStringLiteral("Medium"));
    CHECK(assessment->result.complete);
    CHECK(assessment->answers == Answers{1, 1, 1, 1, 0, 0, 0, 1, 2});
    CHECK(assessment->collectedOn == today);
    f.settle();
    CHECK(page.model()->rowCount() == 1); // back on the refreshed worklist
    CHECK(QApplication::focusWidget() == page.table());
}

TEST_CASE("triage form: Esc goes back without saving, a missing pathway is said inline")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto referral = f.refer(jane, "R001", QDate(2026, 10, 1));
    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    activate(page);
    QSignalSpy triaged(&page, &ui::TriagePage::triaged);
    REQUIRE(page.openReferral(referral.id));

    // Incomplete answers pre-select nothing, and saving without a pathway is refused in place.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_3); // not an answer to item 2: ignored
    CHECK(page.form()->startBack()->answers() == Answers{1, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                          std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    CHECK(labelText(page, "startBackSummary") == QStringLiteral("Incomplete: 8 items unanswered (items 2, 3, 4, 5, 6, 7, 8, 9)"));
    CHECK(page.form()->pathwayBox()->currentIndex() == -1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return, Qt::ControlModifier);
    CHECK(page.isFormOpen());
    CHECK(labelText(page, "triageError").contains(QStringLiteral("Choose a pathway")));
    CHECK(QApplication::focusWidget() == page.form()->pathwayBox());

    // Up and Down move between items.
    page.form()->startBack()->focusItem(4);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up);
    CHECK(QApplication::focusWidget() == page.form()->startBack()->option(3, 0));

    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    CHECK_FALSE(page.isFormOpen());
    CHECK(triaged.count() == 0);
    CHECK_FALSE(must(f.referrals->byId(referral.id))->isTriaged());
    CHECK_FALSE(must(f.referrals->assessments().latestFor(referral.id, QStringLiteral("startback"))));

    // What was typed is not lost: reopening the referral brings it back, said in words.
    REQUIRE(page.openReferral(referral.id));
    CHECK(page.form()->startBack()->answers() == Answers{1, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                          std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    CHECK(labelText(page, "triageError").contains(QStringLiteral("unsaved triage from")));
    // ... and carries on where it stopped: item 2, the first unanswered, not item 1.
    CHECK(QApplication::focusWidget() == page.form()->startBack()->option(1, 0));
}

TEST_CASE("a user's own pathway choice stands, an untouched STarT Back form stores no assessment")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto referral = f.refer(jane, "R001", QDate(2026, 10, 1));
    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    activate(page);
    REQUIRE(page.openReferral(referral.id));
    auto *pathway = page.form()->pathwayBox();
    pathway->setFocus();
    QTest::keyClick(pathway, Qt::Key_End); // "Declined", chosen by the user
    REQUIRE(pathway->currentData().toString() == QStringLiteral("declined"));
    CHECK(pathway->currentText() == QStringLiteral("Declined"));
    page.form()->startBack()->setAnswers({0, 0, 0, 0, 0, 0, 0, 0, 0});
    CHECK(pathway->currentData().toString() == QStringLiteral("declined")); // not overridden by "advice"
    CHECK(labelText(page, "pathwayHint").contains(QStringLiteral("Differs from the STarT Back suggestion (Advice)")));
    page.form()->startBack()->setAnswers({});
    QTest::keyClick(pathway, Qt::Key_Tab); // the form's order: pathway, notes, key worker, Save
    CHECK(QApplication::focusWidget() == page.form()->notesEdit());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    CHECK(QApplication::focusWidget() == page.form()->keyWorkerEdit());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    CHECK(QApplication::focusWidget()->objectName() == QStringLiteral("triageSave"));
    REQUIRE(page.form()->save());
    CHECK(must(f.referrals->byId(referral.id))->pathway == QStringLiteral("declined"));
    CHECK_FALSE(must(f.referrals->assessments().latestFor(referral.id, QStringLiteral("startback"))));
}

TEST_CASE("StarT Back form: strata at the boundaries, and an unanswered item is never scored as 0")
{
    TriageFixture f;
    ui::StartBackForm form(f.startBack());
    struct Case {
        const char *name;
        Answers answers;
        const char *summary;
        const char *band;
        const char *suggested; // pathway code; "" = none
    };
    const Case cases[] = {
        {"(3,3) Low", {0, 0, 0, 0, 1, 1, 1, 0, 0}, "Total 3 · Psychosocial 3 · Low risk", "Low", "advice"},
        {"(4,3) Medium", {1, 0, 0, 0, 1, 1, 1, 0, 0}, "Total 4 · Psychosocial 3 · Medium risk", "Medium", "community_physio"},
        {"(4,4) High", {0, 0, 0, 0, 1, 1, 1, 1, 0}, "Total 4 · Psychosocial 4 · High risk", "High", "psych_informed_physio"},
        {"(7,3) Medium", {1, 1, 1, 1, 1, 1, 1, 0, 0}, "Total 7 · Psychosocial 3 · Medium risk", "Medium", "community_physio"},
        {"item 9 'Very much' scores 1", {0, 0, 0, 0, 1, 1, 1, 0, 3}, "Total 4 · Psychosocial 4 · High risk", "High", "psych_informed_physio"},
        {"item 9 'Moderately' scores 0", {0, 0, 0, 0, 1, 1, 1, 0, 2}, "Total 3 · Psychosocial 3 · Low risk", "Low", "advice"},
        {"one unanswered", {1, 1, 1, 1, 1, 1, 1, std::nullopt, 0}, "Incomplete: 1 item unanswered (item 8)", "", ""},
        {"none answered", {}, "Incomplete: 9 items unanswered", "", ""},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        form.setAnswers(c.answers);
        const auto result = form.result();
        CHECK(labelText(form, "startBackSummary") == QString::fromUtf8(c.summary));
        CHECK(result.band == QString::fromUtf8(c.band));
        CHECK(result.complete == (*c.band != '\0'));
        const auto suggestion = form.suggestion();
        CHECK((suggestion ? suggestion->pathway : QString()) == QString::fromUtf8(c.suggested));
        if (!result.complete) {
            CHECK_FALSE(result.value(QStringLiteral("total")).has_value());
            CHECK(labelText(form, "startBackSuggestion") == QStringLiteral("A pathway is suggested when every item is answered."));
        }
    }
    // The answers show as checked buttons, and the Keele notice is shown with the form.
    form.setAnswers({1, 0, 0, 0, 1, 1, 1, 0, 4});
    CHECK(form.option(0, 1)->isChecked());
    CHECK(form.option(8, 4)->isChecked());
    CHECK_FALSE(form.option(8, 0)->isChecked());
    CHECK(labelText(form, "startBackLicence") == QStringLiteral("© 2007 Keele University, funded by Arthritis Research UK"));
}

TEST_CASE("the triage worklist shows urgent referrals first, then the oldest")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto joan = f.add("Smith", "Joan", QDate(1960, 9, 1), "9990000026", "RX101");
    const auto sarah = f.add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
    const auto liam = f.add("O'Brien", "Liam", QDate(1948, 12, 30), "", "RX300");
    f.refer(jane, "R001", QDate(2026, 9, 1));
    f.refer(joan, "R002", QDate(2026, 11, 18), "urgent");
    f.refer(sarah, "R003", QDate(2026, 11, 1), "urgent");
    f.refer(liam, "R004", QDate(2026, 11, 20));

    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    using M = ui::ReferralListModel;
    const auto &model = *page.model();
    CHECK(column(model, model.sectionOf(M::Patient))
          == QStringList{"JONES, Sarah", "SMITH, Joan", "SMITH, Jane", "O'BRIEN, Liam"});
    CHECK(column(model, model.sectionOf(M::Priority)) == QStringList{"URGENT", "URGENT", "Routine", "Routine"});
    CHECK(column(model, model.sectionOf(M::Received))
          == QStringList{"01-Nov-2026", "18-Nov-2026", "01-Sep-2026", "20-Nov-2026"});
    CHECK(column(model, model.sectionOf(M::DaysWaiting)) == QStringList{"20", "3", "⚠ 81", "1"});
    CHECK(column(model, model.sectionOf(M::NhsNumber))
          == QStringList{"999 000 0042", "999 000 0026", "999 000 0018", "Not recorded"});
    CHECK(column(model, model.sectionOf(M::Source)) == QStringList{"GP", "GP", "GP", "GP"});
    const QModelIndex received = model.index(0, model.sectionOf(M::Received));
    CHECK(received.data(Qt::TextAlignmentRole).toInt() == int(Qt::AlignRight | Qt::AlignVCenter));
    CHECK(model.headerData(0, Qt::Horizontal).toString() == QStringLiteral("Priority"));
    const QString status = page.statusLabel()->text();
    CHECK(status.contains(QStringLiteral("4 referrals")));
    CHECK(status.contains(QStringLiteral("urgent first, then oldest")));
    CHECK(status.contains(QStringLiteral("Updated ")));
}

TEST_CASE("the waiting list marks waits over 4 and 6 weeks by text, sorts by header and filters")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto joan = f.add("Smith", "Joan", QDate(1960, 9, 1), "9990000026", "RX101");
    const auto sarah = f.add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
    const auto liam = f.add("O'Brien", "Liam", QDate(1948, 12, 30), "", "RX300");
    const auto alan = f.add("Smithson", "Alan", QDate(1975, 1, 2), "9990000034", "RX102");
    f.triage(f.refer(jane, "R001", QDate(2026, 10, 1)), "community_physio", Answers{1, 1, 1, 1, 0, 0, 0, 1, 2}); // 51 days
    f.triage(f.refer(joan, "R002", QDate(2026, 10, 20)), "advice",
             Answers{1, std::nullopt, 0, 0, 0, 0, 0, 0, 0});                           // 32 days
    f.triage(f.refer(sarah, "R003", QDate(2026, 11, 10)), "secondary_pain");          // 11 days
    f.refer(liam, "R004", QDate(2026, 10, 24));                                       // 28 days, not triaged
    f.triage(f.refer(alan, "R005", QDate(2026, 9, 1)), "declined");                   // not waiting

    ui::WaitingListPage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    page.resize(1200, 700);
    activate(page);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    using M = ui::ReferralListModel;
    const auto &model = *page.model();
    const int days = model.sectionOf(M::DaysWaiting);
    CHECK(column(model, model.sectionOf(M::Patient))
          == QStringList{"SMITH, Jane", "SMITH, Joan", "O'BRIEN, Liam", "JONES, Sarah"});
    CHECK(column(model, days) == QStringList{"⚠ 51", "• 32", "28", "11"});
    CHECK(column(model, model.sectionOf(M::Stratum)) == QStringList{"Medium", "Incomplete", "Not scored", "Not scored"});
    CHECK(column(model, model.sectionOf(M::Pathway))
          == QStringList{"Community physio", "Advice", "Awaiting triage", "Secondary pain"});
    CHECK(model.index(0, days).data(Qt::BackgroundRole).isValid()); // a tint as well as the marker
    CHECK(model.index(1, days).data(Qt::BackgroundRole).isValid());
    CHECK_FALSE(model.index(2, days).data(Qt::BackgroundRole).isValid());
    CHECK(model.index(0, days).data(Qt::ToolTipRole).toString().contains(QStringLiteral("more than 6 weeks")));
    CHECK(page.statusLabel()->text().contains(QStringLiteral("4 referrals · sorted by days waiting, descending · Updated ")));

    // A click on the heading turns the sort round.
    QHeaderView *header = page.table()->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(days) + 10, 5));
    CHECK(column(model, days) == QStringList{"11", "28", "• 32", "⚠ 51"});
    CHECK(page.statusLabel()->text().contains(QStringLiteral("sorted by days waiting, ascending")));
    const int patient = model.sectionOf(M::Patient);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(header->sectionViewportPosition(patient) + 10, 5));
    CHECK(column(model, patient) == QStringList{"JONES, Sarah", "O'BRIEN, Liam", "SMITH, Jane", "SMITH, Joan"});

    struct Case {
        const char *typed;
        QStringList names;
    };
    const Case cases[] = {
        {"smith", {"SMITH, Jane", "SMITH, Joan"}},
        {"smith jo", {"SMITH, Joan"}},
        {"999 000 0042", {"JONES, Sarah"}},
        {"0026", {"SMITH, Joan"}},
        {"physio", {"SMITH, Jane"}},
        {"awaiting", {"O'BRIEN, Liam"}},
        {"nobody", {}},
        {"", {"JONES, Sarah", "O'BRIEN, Liam", "SMITH, Jane", "SMITH, Joan"}},
    };
    for (const Case &c : cases) {
        INFO("typed: " << c.typed);
        page.filterBox()->clear();
        QTest::keyClicks(page.filterBox(), QString::fromUtf8(c.typed));
        CHECK(column(model, patient) == c.names);
    }
    QTest::keyClicks(page.filterBox(), QStringLiteral("smith"));
    CHECK(page.statusLabel()->text().startsWith(QStringLiteral("2 of 4 referrals · filter “smith”")));
}

TEST_CASE("recording an attended contact makes it the first contact: the referral leaves the waiting list")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto sarah = f.add("Jones", "Sarah", QDate(1990, 5, 6), "9990000042", "RX200");
    const auto referral = f.triage(f.refer(jane, "R001", QDate(2026, 10, 1)), "community_physio");
    f.triage(f.refer(sarah, "R002", QDate(2026, 11, 1)), "advice");

    SECTION("the dialog's defaults and its inline errors")
    {
        ui::ContactDialog dialog(*f.referrals, referral, jane);
        auto &form = dialog.form();
        activate(dialog);
        CHECK(form.contactDateEdit->text() == QStringLiteral("21-Nov-2026"));
        CHECK(form.outcomeEdit->currentData().toString() == QStringLiteral("attended"));
        CHECK(form.modeEdit->currentData().toString() == QStringLiteral("phone"));
        CHECK(form.staffEdit->text() == QStringLiteral("tester"));
        CHECK(form.durationEdit->text() == QStringLiteral("Not recorded"));
        CHECK(form.banner->accessibleName().startsWith(QStringLiteral("SMITH, Jane")));

        form.contactDateEdit->setText(QStringLiteral("+2d"));
        dialog.accept();
        CHECK(dialog.isVisible());
        CHECK(form.contactDateMessage->text() == QStringLiteral("⚠ 23-Nov-2026 is in the future."));
        form.contactDateEdit->setText(QStringLiteral("t"));
        form.modeEdit->setCurrentIndex(form.modeEdit->findData(QStringLiteral("clinic")));
        form.durationEdit->setValue(45);
        dialog.accept();
        CHECK(dialog.result() == QDialog::Accepted);
        const auto contacts = must(f.referrals->contactsOf(referral.id));
        REQUIRE(contacts.size() == 1);
        CHECK(contacts[0].outcome == QStringLiteral("attended"));
        CHECK(contacts[0].mode == QStringLiteral("clinic"));
        CHECK(contacts[0].contactOn == today);
        CHECK(contacts[0].durationMinutes == 45);
        CHECK(contacts[0].staff == QStringLiteral("tester"));
    }

    SECTION("from the waiting list: Enter, Enter")
    {
        ui::WaitingListPage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
        activate(page);
        QSignalSpy recorded(&page, &ui::WaitingListPage::contactRecorded);
        REQUIRE(page.model()->rowCount() == 2);
        REQUIRE(page.model()->rowAt(0)->referral.id == referral.id); // longest wait first
        int keystrokes = 0;
        QTimer::singleShot(0, [&] {
            auto *dialog = qobject_cast<ui::ContactDialog *>(QApplication::activeModalWidget());
            CHECK(dialog);
            if (!dialog)
                return;
            QApplication::setActiveWindow(dialog);
            CHECK(QTest::qWaitForWindowActive(dialog));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // every default as offered
            ++keystrokes;
            if (dialog->isVisible()) { // never leave a modal open on failure
                FAIL_CHECK("dialog stayed open: " << dialog->form().contactDateMessage->text().toStdString());
                dialog->reject();
            }
        });
        page.table()->setFocus();
        QTest::keyClick(page.table(), Qt::Key_Return);
        ++keystrokes;
        CHECK(keystrokes == 2);
        REQUIRE(recorded.count() == 1);
        CHECK(recorded.at(0).at(0).toString()
              == QStringLiteral("Recorded attended (Phone, 21-Nov-2026) for SMITH, Jane, referral R001."));
        f.settle();
        CHECK(column(*page.model(), page.model()->sectionOf(ui::ReferralListModel::Patient))
              == QStringList{"JONES, Sarah"});
    }

    bool stillWaiting = false;
    for (const auto &row : must(f.referrals->waitingForFirstContact(100)))
        stillWaiting = stillWaiting || row.referral.id == referral.id;
    CHECK_FALSE(stillWaiting);
}

TEST_CASE("every focusable widget on the triage and waiting-list screens has an accessible name")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto referral = f.refer(jane, "R001", QDate(2026, 10, 1));

    ui::TriagePage triage(*f.referrals, *f.service, f.reader(), nullptr);
    triage.show();
    CHECK(unnamedFocusables(&triage) == QStringList{});
    REQUIRE(triage.openReferral(referral.id));
    CHECK(unnamedFocusables(&triage) == QStringList{});

    ui::WaitingListPage waiting(*f.referrals, *f.service, f.reader(), nullptr);
    waiting.show();
    CHECK(unnamedFocusables(&waiting) == QStringList{});

    ui::ContactDialog dialog(*f.referrals, referral, jane);
    dialog.show();
    INFO(unnamedFocusables(&dialog).join(QStringLiteral(", ")).toStdString());
    CHECK(unnamedFocusables(&dialog) == QStringList{});
}

TEST_CASE("triage names the key worker who holds the episode it opens")
{
    TriageFixture f;
    const auto jane = f.add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    const auto referral = f.refer(jane, "R001", QDate(2026, 10, 1));
    ui::TriagePage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    REQUIRE(page.openReferral(referral.id));
    page.form()->pathwayBox()->setCurrentIndex(0);
    page.form()->keyWorkerEdit()->setText(QStringLiteral("a.okoro"));
    REQUIRE(page.form()->save());
    CHECK(must(f.referrals->byId(referral.id))->keyWorker == QStringLiteral("a.okoro"));
    f.settle();
}
