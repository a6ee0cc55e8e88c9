// Issue 7, live refresh and failed reads: lists load on the background reader; a failed read is
// a message, never an empty list; a committed write is announced once on the change hub, a failed
// one never; a hidden page reloads when shown, not before; a second copy's changes are seen.
#include "services/changehub.h"
#include "ui/mainwindow.h"
#include "ui/patientlistmodel.h"
#include "ui/patientlistpage.h"
#include "ui/patientreferralspanel.h"
#include "ui/referrallistmodel.h"
#include "ui/triagepage.h"
#include "ui/waitinglistpage.h"
#include "support/elsewhere.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QSignalSpy>
#include <QTest>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <catch2/catch.hpp>

using namespace painmdt;
using test::must;

namespace {

struct LiveFixture : test::UiFixture {
    test::FixedToday fixedToday;
    services::ChangeHub hub;
    domain::Patient jane;

    LiveFixture()
    {
        useReferrals(withHub());
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        refer(jane, "R001", QDate(2026, 10, 1));
    }
    services::StampSource withHub()
    {
        auto session = test::adminSession();
        session.setHub(&hub);
        return session;
    }
    void elsewhere(const QString &sql) { test::sqlElsewhere(db->location(), sql); }
};

QString textOf(QLabel *label) { return label ? label->text() : QStringLiteral("<none>"); }

} // namespace

TEST_CASE("A failed read reaches the user as a message, never as an empty list")
{
    LiveFixture f;
    ui::TriagePage triage(*f.referrals, *f.service, f.reader(), nullptr);
    ui::WaitingListPage waiting(*f.referrals, *f.service, f.reader(), nullptr);
    ui::PatientListPage patients(f.reader(), nullptr);
    f.settle();
    REQUIRE(triage.model()->rowCount() == 1);
    REQUIRE(waiting.model()->rowCount() == 1);

    SECTION("the worklists, when a table they read has gone")
    {
        f.elsewhere(QStringLiteral("ALTER TABLE contact RENAME TO contact_gone"));
        triage.refresh();
        waiting.refresh();
        f.settle();
        CHECK(triage.statusLabel()->text().startsWith(QStringLiteral("\u26A0 The triage worklist could not be read:")));
        CHECK(triage.statusLabel()->text().contains(QStringLiteral("contact")));
        CHECK(waiting.statusLabel()->text().startsWith(QStringLiteral("\u26A0 The waiting list could not be read:")));
        CHECK(triage.model()->rowCount() == 0); // nothing shown that might be taken as the answer
    }
    SECTION("the patient list, when the patient table has gone")
    {
        f.elsewhere(QStringLiteral("ALTER TABLE patient RENAME TO patient_gone"));
        patients.refresh();
        f.settle();
        CHECK(patients.statusLabel()->text().startsWith(QStringLiteral("\u26A0 The patient list could not be read:")));
        CHECK_FALSE(patients.statusLabel()->text().contains(QStringLiteral("All patients: 0")));
        CHECK(patients.model()->rowCount() == 0);
    }
    SECTION("the patient's referrals, when the contacts cannot be read")
    {
        ui::PatientReferralsPanel panel(*f.referrals, f.audit());
        f.elsewhere(QStringLiteral("ALTER TABLE contact RENAME TO contact_gone"));
        panel.setPatient(f.jane);
        auto *empty = panel.findChild<QLabel *>(QStringLiteral("noReferrals"));
        CHECK(textOf(empty).startsWith(QStringLiteral("\u26A0 The referrals could not all be read:")));
        CHECK(empty->isVisibleTo(&panel));
    }
}

TEST_CASE("A committed write is announced once, after the commit, and a refused one never")
{
    LiveFixture f;
    QSignalSpy changed(&f.hub, &services::ChangeHub::changed);
    REQUIRE(changed.isEmpty()); // the fixture's own writes were announced before the spy

    auto referral = must(f.referrals->byRef(QStringLiteral("R001"))).value();
    bool committedWhenAnnounced = false;
    QObject::connect(&f.hub, &services::ChangeHub::changed, [&] { committedWhenAnnounced = !f.db->inTransaction(); });
    // Triage writes the assessment and the referral inside one transaction: one announcement.
    REQUIRE(f.referrals->triage(referral, QDate(2026, 10, 2), QStringLiteral("community_physio"), {},
                                domain::Answers{0, 0, 0, 0, 0, 0, 0, 0, 1}).ok());
    REQUIRE(changed.count() == 1);
    CHECK(committedWhenAnnounced);
    const auto notice = changed.at(0).at(0).value<services::ChangeNotice>();
    CHECK(notice.entities == QSet<QString>{QStringLiteral("referral"), QStringLiteral("assessment")});
    CHECK(notice.patientIds == QSet<qint64>{f.jane.id});
    CHECK_FALSE(notice.external);

    changed.clear();
    referral = must(f.referrals->byRef(QStringLiteral("R001"))).value();
    referral.receivedOn = QDate(2030, 1, 1); // in the future: refused
    CHECK_FALSE(f.referrals->update(referral).ok());
    auto readOnly = services::StampSource(QStringLiteral("r.o"), [] { return QDateTime::currentDateTimeUtc(); },
                                          domain::Role::ReadOnly);
    readOnly.setHub(&f.hub);
    services::PatientService refused(*f.db, readOnly);
    CHECK(refused.add(f.jane).problem.forbidden);
    CHECK(changed.isEmpty());
}

TEST_CASE("A hidden worklist does not reload on a change, and reloads when it is shown")
{
    LiveFixture f;
    ui::WaitingListPage waiting(*f.referrals, *f.service, f.reader(), &f.hub);
    QSignalSpy loads(&waiting, &ui::WaitingListPage::loaded);
    f.settle();
    REQUIRE(loads.count() == 1);
    REQUIRE(waiting.model()->rowCount() == 1);

    const auto joan = f.add("Smith", "Joan", QDate(1960, 9, 1), "9990000026", "RX101");
    f.refer(joan, "R002", QDate(2026, 10, 5)); // announced while the page is hidden
    f.settle();
    CHECK(loads.count() == 1); // no work for a page nobody sees
    CHECK(waiting.model()->rowCount() == 1);

    waiting.show();
    f.settle();
    CHECK(loads.count() == 2);
    CHECK(waiting.model()->rowCount() == 2);

    f.refer(joan, "R003", QDate(2026, 10, 6)); // on screen: at once
    f.settle();
    CHECK(loads.count() == 3);
    CHECK(waiting.model()->rowCount() == 3);
}

TEST_CASE("Two copies of PainMDT on one file see each other's changes")
{
    LiveFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    window.showSection(1); // the triage worklist
    test::settle(window.reader());
    REQUIRE(window.triagePage()->model()->rowCount() == 1);
    QSignalSpy changed(window.changeHub(), &services::ChangeHub::changed);

    // The other copy: its own connection, its own session.
    auto other = services::openDatabase(f.db->location(), services::OpenMode::MustExist);
    REQUIRE(other.ok());
    services::ReferralService otherReferrals(*other.value(), test::adminSession());
    domain::Referral r;
    r.referralRef = QStringLiteral("R-OTHER");
    r.patientId = f.jane.id;
    r.receivedOn = QDate(2026, 11, 1);
    r.source = QStringLiteral("gp");
    r.priority = QStringLiteral("urgent");
    REQUIRE(otherReferrals.add(r).ok());

    window.changeHub()->checkNow(); // what the poll does every 2 s
    REQUIRE(changed.count() == 1);
    const auto notice = changed.at(0).at(0).value<services::ChangeNotice>(); // read from the audit trail
    CHECK(notice.entities == QSet<QString>{QStringLiteral("referral")});
    CHECK(notice.patientIds == QSet<qint64>{f.jane.id});
    test::settle(window.reader());
    REQUIRE(window.triagePage()->model()->rowCount() == 2);
    CHECK(window.triagePage()->model()->rowAt(0)->referral.referralRef == QStringLiteral("R-OTHER")); // urgent first

    window.changeHub()->checkNow(); // nothing new: no announcement
    CHECK(changed.count() == 1);

    // The other copy only opens a record: an audit row, but no list has changed.
    REQUIRE(services::PatientService(*other.value(), test::adminSession()).recordOpened(f.jane).ok());
    window.changeHub()->checkNow();
    CHECK(changed.count() == 1);
}

TEST_CASE("A reload keeps the highlighted patient, and Enter during a search opens that search's first row")
{
    LiveFixture f;
    f.add("Smith", "Adam", QDate(1950, 1, 1), "9990000026", "RX101");
    f.add("Smith", "Zoe", QDate(1970, 1, 1), "9990000034", "RX102");
    ui::PatientListPage page(f.reader(), &f.hub);
    page.show();
    QSignalSpy opened(&page, &ui::PatientListPage::patientActivated);
    QTest::keyClicks(page.searchBox(), QStringLiteral("smith"));
    f.settle();
    REQUIRE(page.model()->rowCount() == 3);
    page.table()->selectRow(2);
    const qint64 zoe = page.model()->patientAt(2)->id;

    page.refresh(); // what a colleague's change does
    f.settle();
    CHECK(page.model()->patientAt(page.table()->currentIndex().row())->id == zoe);

    // Typing, Enter before the answer, and a colleague's reload in between: the answer to what was
    // typed decides, from its first row, not the row highlighted before.
    QTest::keyClicks(page.searchBox(), QStringLiteral(" a"));
    QTest::keyClick(page.searchBox(), Qt::Key_Return);
    page.refresh();
    f.settle();
    REQUIRE(opened.count() == 1);
    CHECK(opened.at(0).at(0).toLongLong() == page.model()->patientAt(0)->id);
    CHECK(page.model()->patientAt(0)->givenName == QStringLiteral("Adam"));
}

TEST_CASE("A list whose load failed tries again when it is next shown")
{
    LiveFixture f;
    ui::WaitingListPage waiting(*f.referrals, *f.service, f.reader(), &f.hub);
    waiting.show();
    f.settle();
    f.elsewhere(QStringLiteral("ALTER TABLE contact RENAME TO contact_gone"));
    waiting.refresh();
    f.settle();
    REQUIRE(waiting.statusLabel()->text().startsWith(QStringLiteral("\u26A0")));
    f.elsewhere(QStringLiteral("ALTER TABLE contact_gone RENAME TO contact"));
    waiting.hide();
    waiting.show();
    f.settle();
    CHECK_FALSE(waiting.statusLabel()->text().startsWith(QStringLiteral("\u26A0")));
    CHECK(waiting.model()->rowCount() == 1);
}

TEST_CASE("This copy's own changes are not announced again when another copy writes")
{
    LiveFixture f;
    f.hub.watch(*f.db);
    QSignalSpy changed(&f.hub, &services::ChangeHub::changed);
    f.refer(f.jane, "R-OWN", QDate(2026, 10, 2)); // announced once, at its commit
    REQUIRE(changed.count() == 1);

    auto other = services::openDatabase(f.db->location(), services::OpenMode::MustExist);
    REQUIRE(other.ok());
    REQUIRE(services::PatientService(*other.value(), test::adminSession()).recordOpened(f.jane).ok()); // an event only
    f.hub.checkNow();
    CHECK(changed.count() == 1); // neither the event nor our own referral again
}
