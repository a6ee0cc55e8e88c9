// Hazard H9 on screen: an open alert shows above the patient's referrals in words with a heavy
// border, and beside the patient in every worklist, until a clinician acknowledges it from the
// Patient menu saying what was done; a role that may not acknowledge does not get the command.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/caseloadpage.h"
#include "ui/contactdialog.h"
#include "ui/mainwindow.h"
#include "ui/patientbanner.h"
#include "ui/patientreferralspanel.h"
#include "ui/questionnairedialog.h"
#include "ui/referraldialog.h"
#include "ui/referrallistmodel.h"
#include "ui/triagepage.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QLabel>
#include <QTimer>

using namespace painmdt;
using test::must;

namespace {

struct AlertFixture : test::UiFixture {
    domain::Patient jane;
    domain::Referral open;

    AlertFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        open = triage(refer(jane, "R1", QDate(2026, 9, 1)), "community_physio");
        domain::Contact c;
        c.referralId = open.id;
        c.contactOn = QDate(2026, 9, 10);
        c.mode = QStringLiteral("clinic");
        c.outcome = QStringLiteral("attended");
        REQUIRE(referrals->addContact(c).ok());
        domain::Assessment a;
        a.patientId = jane.id;
        a.referralId = open.id;
        a.instrument = QStringLiteral("phq9");
        a.occasion = QStringLiteral("assessment");
        a.collectedOn = QDate(2026, 9, 10);
        a.answers = domain::answersFromText(QStringLiteral("2;2;1;1;1;1;1;1;2"));
        REQUIRE(referrals->assessments().add(a).ok());
    }
};

} // namespace

TEST_CASE("an open alert is on the patient's record and the worklists until it is acknowledged", "[ui][alerts]")
{
    AlertFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    test::settle(window.reader());
    window.openPatient(f.jane.id);
    QLabel *alerts = window.referralsPanel()->alertsLabel();
    REQUIRE(alerts->isVisible());
    CHECK(alerts->text().contains(QStringLiteral("ALERT, not yet acknowledged: PHQ-9 of 10-Sep-2026, item 9 answered 2")));
    CHECK_FALSE(alerts->accessibleName().isEmpty());
    QAction *acknowledge = window.referralsPanel()->acknowledgeAlertAction();
    REQUIRE(acknowledge->isEnabled());

    // Beside the patient in the caseload, in words.
    auto *caseload = window.caseloadPage();
    caseload->refresh();
    test::settle(window.reader());
    REQUIRE(caseload->model()->rowCount() == 1);
    const int patientColumn = caseload->model()->sectionOf(ui::ReferralListModel::Patient);
    REQUIRE(patientColumn >= 0);
    CHECK(caseload->model()->index(0, patientColumn).data().toString().contains(QStringLiteral("\u26A0 Alert")));

    QTimer::singleShot(0, [] {
        auto *ask = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        REQUIRE(ask != nullptr);
        CHECK(ask->labelText().contains(QStringLiteral("What was done?")));
        ask->setTextValue(QStringLiteral("Phoned: safety plan agreed, GP told"));
        ask->accept();
    });
    acknowledge->trigger();
    CHECK_FALSE(alerts->isVisible());
    CHECK_FALSE(acknowledge->isEnabled());
    const auto all = must(f.referrals->assessments().alerts(f.jane.id, false));
    REQUIRE(all.size() == 1);
    CHECK(all.front().acknowledgedBy == QStringLiteral("tester"));
    CHECK(all.front().acknowledgement == QStringLiteral("Phoned: safety plan agreed, GP told"));
    test::settle(window.reader());
}

TEST_CASE("a service manager sees the alert but is not offered to acknowledge it", "[ui][alerts]")
{
    AlertFixture f;
    ui::MainWindow window(f.db, services::StampSource(QStringLiteral("m.manager"),
                                                      [] { return QDateTime::currentDateTimeUtc(); }, domain::Role::Manager));
    window.show();
    test::settle(window.reader());
    window.openPatient(f.jane.id);
    CHECK(window.referralsPanel()->alertsLabel()->isVisible());
    CHECK_FALSE(window.referralsPanel()->acknowledgeAlertAction()->isEnabled());
    test::settle(window.reader());
}

TEST_CASE("an open alert shows under the banner of every screen that acts on the patient away from the record",
          "[ui][alerts]")
{
    AlertFixture f;
    const auto expectAlert = [](ui::PatientBanner *banner) {
        REQUIRE(banner != nullptr);
        CHECK_FALSE(banner->alertsLabel()->isHidden());
        CHECK(banner->alertsLabel()->text().contains(QStringLiteral("ALERT, not yet acknowledged: PHQ-9 of 10-Sep-2026")));
    };
    ui::ContactDialog contact(*f.referrals, f.open, f.jane);
    expectAlert(contact.findChild<ui::PatientBanner *>());
    ui::ReferralDialog referral(*f.referrals, f.jane, f.open);
    expectAlert(referral.findChild<ui::PatientBanner *>());
    ui::QuestionnaireDialog questionnaire(f.referrals->assessments(), *f.referrals->assessments().instrument(QStringLiteral("gad7")),
                                          f.jane, f.open.id);
    expectAlert(questionnaire.findChild<ui::PatientBanner *>());
    ui::TriageForm triage(*f.referrals);
    triage.load(f.open, f.jane);
    expectAlert(triage.banner());

    // Acknowledged: the line goes, on the next screen opened.
    const auto alert = must(f.referrals->assessments().alerts(f.jane.id, true)).front();
    REQUIRE(f.referrals->assessments().acknowledgeAlert(alert.id, alert.rowVersion, QStringLiteral("Phoned")).ok());
    ui::ContactDialog after(*f.referrals, f.open, f.jane);
    CHECK(after.findChild<ui::PatientBanner *>()->alertsLabel()->isHidden());
}
