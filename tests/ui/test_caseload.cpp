// The caseload worklists as a clinician uses them (issue 8): mine and the team's, overdue first
// and marked in words, Born and the key worker on every row, the header's filter, count and
// "Updated", flagged and quiet patients, Enter to open; and Ctrl+2/3/4 landing on the list.
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/caseloadpage.h"
#include "ui/mainwindow.h"
#include "ui/referrallistmodel.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace painmdt;
using Column = ui::ReferralListModel::Column;
using test::must;

namespace {

const QDate today(2026, 11, 21);

struct CaseloadFixture : test::UiFixture {
    test::FixedToday fixedToday;

    CaseloadFixture() { useReferrals(); }

    // An open episode held by `keyWorker`: seen `seenDaysAgo` days ago, next check-in `nextIn`
    // days from today (none when nextIn is nullopt).
    domain::Referral episode(const domain::Patient &p, const char *ref, const char *keyWorker, int seenDaysAgo,
                             std::optional<int> nextIn)
    {
        auto r = triage(refer(p, ref, today.addDays(-seenDaysAgo - 20)), "community_physio");
        r.keyWorker = QString::fromLatin1(keyWorker);
        r = *referrals->update(r).value;
        domain::Contact c;
        c.referralId = r.id;
        c.contactOn = today.addDays(-seenDaysAgo);
        c.mode = QStringLiteral("phone");
        c.outcome = QStringLiteral("attended");
        if (nextIn)
            c.nextDueOn = today.addDays(*nextIn);
        REQUIRE(referrals->addContact(c).ok());
        return r;
    }

    QStringList column(ui::CaseloadPage &page, Column c)
    {
        QStringList texts;
        const int section = page.model()->sectionOf(c);
        for (int row = 0; row < page.model()->rowCount(); ++row)
            texts << page.model()->index(row, section).data().toString();
        return texts;
    }

    void choose(QComboBox *box, int index, ui::CaseloadPage &)
    {
        box->setCurrentIndex(index);
        settle(); // every load asked for so far is on screen, this one last
    }
};

} // namespace

TEST_CASE("the caseload shows overdue check-ins first, in words, with Born and the key worker", "[ui][caseload]")
{
    CaseloadFixture f;
    const auto ann = f.add("Overdue", "Ann", QDate(1961, 2, 3), "9990000018");
    const auto bea = f.add("Duesoon", "Bea", QDate(1972, 4, 5), "9990000026");
    const auto cal = f.add("Later", "Cal", QDate(1983, 6, 7), "9990000034");
    const auto dee = f.add("Colleague", "Dee", QDate(1994, 8, 9), "9990000042");
    f.episode(cal, "R3", "me", 3, 30);
    f.episode(bea, "R2", "me", 10, 7);  // the seventh day: still "due", not overdue
    f.episode(ann, "R1", "me", 40, -1); // yesterday: overdue
    f.episode(dee, "R4", "someone.else", 10, -5);

    ui::CaseloadPage page(f.reader(), nullptr, QStringLiteral("me"), true);
    page.show();
    f.settle();
    REQUIRE(page.model()->rowCount() == 3); // mine only
    const QStringList next = f.column(page, Column::NextCheckIn);
    INFO(next.join(QStringLiteral(" / ")).toStdString() << " | " << page.statusLabel()->text().toStdString());
    CHECK(next.at(0).startsWith(QStringLiteral("\u26A0 Overdue 1 d")));
    CHECK(next.at(1) == QStringLiteral("Due in 7 d \u00B7 28-Nov-2026"));
    CHECK(next.at(2) == QStringLiteral("21-Dec-2026"));
    CHECK(f.column(page, Column::Born).at(0) == QStringLiteral("03-Feb-1961"));
    CHECK(f.column(page, Column::KeyWorker).at(0) == QStringLiteral("me"));
    const QString status = page.statusLabel()->text();
    CHECK(status.contains(QStringLiteral("Mine (me)")));
    CHECK(status.contains(QStringLiteral("All open episodes")));
    CHECK(status.contains(QStringLiteral("3 patients")));
    CHECK(status.contains(QStringLiteral("overdue first")));
    CHECK(status.contains(QStringLiteral("Updated ")));

    f.choose(page.whoseBox(), 1, page); // the whole team
    CHECK(page.model()->rowCount() == 4);
    CHECK(f.column(page, Column::Patient).at(0).startsWith(QStringLiteral("COLLEAGUE")));
    f.choose(page.viewBox(), 1, page); // overdue only
    CHECK(f.column(page, Column::Patient) == QStringList({QStringLiteral("COLLEAGUE, Dee"), QStringLiteral("OVERDUE, Ann")}));
    f.choose(page.viewBox(), 2, page); // due within 7 days
    CHECK(f.column(page, Column::Patient) == QStringList({QStringLiteral("DUESOON, Bea")}));
    f.choose(page.viewBox(), 3, page); // nobody seen them for more than 28 days
    CHECK(f.column(page, Column::Patient) == QStringList({QStringLiteral("OVERDUE, Ann")}));
    CHECK_FALSE(page.statusLabel()->text().contains(QStringLiteral("\u2026")));

    QSignalSpy opened(&page, &ui::CaseloadPage::patientActivated);
    page.table()->setFocus();
    QTest::keyClick(page.table(), Qt::Key_Return);
    REQUIRE(opened.count() == 1);
    CHECK(opened.at(0).at(0).toLongLong() == ann.id);
}

TEST_CASE("a flagged patient is listed under Flagged patients until the flag is cleared", "[ui][caseload]")
{
    CaseloadFixture f;
    const auto ann = f.add("Flagged", "Ann", QDate(1961, 2, 3), "9990000018");
    f.episode(ann, "R1", "me", 3, 10);
    const auto flag = f.service->flag(ann.id, QStringLiteral("Three A&E visits this month"));
    REQUIRE(flag.ok());
    CHECK(flag.value->flaggedBy == QStringLiteral("tester"));
    CHECK_FALSE(f.service->flag(ann.id, QStringLiteral("  ")).ok()); // a flag says why

    ui::CaseloadPage page(f.reader(), nullptr, QStringLiteral("me"), false);
    page.show();
    f.choose(page.viewBox(), 4, page);
    REQUIRE(page.model()->rowCount() == 1);
    CHECK(f.column(page, Column::Flag).at(0) == QStringLiteral("\u2691 Flagged"));

    REQUIRE(f.service->clearFlag(*flag.value, QStringLiteral("Discussed at MDT")).ok());
    page.refresh();
    f.settle();
    CHECK(page.model()->rowCount() == 0);
    CHECK(must(f.service->openFlags(ann.id)).empty());
}

TEST_CASE("a service manager may not flag a patient", "[ui][caseload][access]")
{
    CaseloadFixture f;
    const auto ann = f.add("Flagged", "Ann", QDate(1961, 2, 3), "9990000018");
    services::PatientService asManager(*f.db, services::StampSource(QStringLiteral("m.manager"),
                                                                   [] { return QDateTime::currentDateTimeUtc(); },
                                                                   domain::Role::Manager));
    const auto refused = asManager.flag(ann.id, QStringLiteral("Worried"));
    CHECK(refused.problem.forbidden);
}

TEST_CASE("Ctrl+2, Ctrl+3 and Ctrl+4 leave the focus on the list, so the arrows and Enter work", "[ui][desk]")
{
    test::UiFixture f;
    ui::MainWindow window(f.db, test::adminSession());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    const std::pair<Qt::Key, const char *> sections[] = {
        {Qt::Key_2, "triageTable"}, {Qt::Key_3, "waitingTable"}, {Qt::Key_4, "caseloadTable"}};
    for (const auto &[key, table] : sections) {
        QTest::keyClick(&window, key, Qt::ControlModifier);
        INFO(table);
        REQUIRE(QApplication::focusWidget() != nullptr);
        CHECK(QApplication::focusWidget()->objectName() == QLatin1String(table));
    }
    test::settle(window.reader());
}
