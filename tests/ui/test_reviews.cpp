// MDT case reviews (issue 8, item 4): a meeting with its agenda (suggested and by hand), the
// discussion, decisions and actions round-trip; the actions worklist; minutes printed with a
// banner on every patient item; who may do it.
#include "ui/uitestsupport.h"

#include "reporting/minutes.h"
#include "services/reviewservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/reviewspage.h"

#include <QApplication>
#include <QAbstractButton>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QTableWidget>
#include <QTest>

using namespace painmdt;
using test::must;

namespace {

const QDate today(2026, 11, 21);

struct ReviewFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient ann, bea, cal;
    std::unique_ptr<services::ReviewService> reviews;

    ReviewFixture()
    {
        useReferrals();
        reviews = std::make_unique<services::ReviewService>(*db, test::adminSession());
        ann = add("Overdue", "Ann", QDate(1961, 2, 3), "9990000018", "RX1");
        bea = add("Flagged", "Bea", QDate(1972, 4, 5), "9990000026", "RX2");
        cal = add("Quiet", "Cal", QDate(1983, 6, 7), "9990000034", "RX3");
        auto r = triage(refer(ann, "R1", today.addDays(-60)), "community_physio");
        domain::Contact c;
        c.referralId = r.id;
        c.contactOn = today.addDays(-30);
        c.mode = QStringLiteral("phone");
        c.outcome = QStringLiteral("attended");
        c.nextDueOn = today.addDays(-9);
        REQUIRE(referrals->addContact(c).ok());
        REQUIRE(service->flag(bea.id, QStringLiteral("Low mood mentioned twice")).ok());
        triage(refer(bea, "R2", today.addDays(-20)), "advice");
    }
};

QString pdfText(const QString &path)
{
    QProcess poppler;
    poppler.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    REQUIRE(poppler.waitForFinished(60000));
    return QString::fromUtf8(poppler.readAllStandardOutput());
}

} // namespace

TEST_CASE("a review with its agenda, discussion, decisions and actions round-trips", "[ui][reviews]")
{
    ReviewFixture f;
    domain::MdtMeeting m;
    m.heldOn = today;
    m.title = QStringLiteral("Weekly MDT");
    m.attendees = QStringLiteral("a.okoro\nb.hughes");
    const auto meeting = *f.reviews->saveMeeting(m).value;

    const auto suggested = must(f.reviews->suggestions(today));
    REQUIRE(suggested.size() == 2); // overdue Ann, flagged Bea; not Cal
    CHECK(suggested[0].patientId == f.ann.id);
    CHECK(suggested[0].why.contains(QStringLiteral("check-in overdue")));
    CHECK(suggested[1].why.contains(QStringLiteral("flagged")));
    for (const auto &s : suggested)
        REQUIRE(f.reviews->addToAgenda(meeting.id, s.patientId, s.why).ok());
    REQUIRE(f.reviews->addToAgenda(meeting.id, f.cal.id, QStringLiteral("added by hand")).ok());
    CHECK_FALSE(f.reviews->addToAgenda(meeting.id, f.cal.id, {}).ok()); // once per meeting

    auto items = must(f.reviews->agenda(meeting.id));
    REQUIRE(items.size() == 3);
    auto item = items[0];
    item.discussion = QStringLiteral("Missed two calls; daughter says she is \u201Cfine\u201D.\n  Worried.");
    item.decisions = QStringLiteral("Home visit this week.");
    REQUIRE(f.reviews->saveItem(item).ok());
    domain::MdtAction a;
    a.itemId = item.id;
    a.description = QStringLiteral("Home visit");
    a.owner = QStringLiteral("a.okoro");
    a.dueOn = today.addDays(3);
    const auto action = *f.reviews->saveAction(a).value;

    const auto again = must(f.reviews->agenda(meeting.id)).front();
    CHECK(again.discussion == item.discussion); // exactly as typed
    CHECK(again.decisions == item.decisions);
    CHECK(must(f.reviews->openActions(QStringLiteral("A.Okoro"))).size() == 1); // any case of the name
    CHECK(must(f.reviews->openActions({})).size() == 1);
    CHECK(must(f.reviews->openActions(QStringLiteral("b.hughes"))).empty());

    // A discussed patient stays in the minutes; an empty item may go.
    CHECK_FALSE(f.reviews->removeFromAgenda(again).ok());
    CHECK(f.reviews->removeFromAgenda(must(f.reviews->agenda(meeting.id)).back()).ok());
    CHECK(must(f.reviews->agenda(meeting.id)).size() == 2);

    auto done = action;
    done.doneOn = today;
    REQUIRE(f.reviews->saveAction(done).ok());
    CHECK(must(f.reviews->openActions({})).empty());

    services::ReviewService asManager(*f.db, services::StampSource(QStringLiteral("m"), [] { return QDateTime::currentDateTimeUtc(); },
                                                                  domain::Role::Manager));
    CHECK(asManager.saveMeeting(m).problem.forbidden);
}

TEST_CASE("the minutes print with a banner on every patient item", "[ui][reviews]")
{
    ReviewFixture f;
    domain::MdtMeeting m;
    m.heldOn = today;
    m.title = QStringLiteral("Weekly MDT");
    const auto meeting = *f.reviews->saveMeeting(m).value;
    REQUIRE(f.reviews->addToAgenda(meeting.id, f.ann.id, QStringLiteral("check-in overdue")).ok());
    REQUIRE(f.reviews->addToAgenda(meeting.id, f.bea.id, QStringLiteral("flagged")).ok());

    ui::ReviewsPage page(*f.reviews, *f.service, QStringLiteral("tester"));
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.meetingList()->setCurrentRow(0);
    REQUIRE(page.agendaList()->count() == 2);
    page.agendaList()->setCurrentRow(0);
    CHECK(page.bannerLabel()->text().startsWith(QStringLiteral("OVERDUE, Ann \u00B7 Born 03-Feb-1961")));
    page.discussionEdit()->setPlainText(QStringLiteral("Discussed at length."));
    QTest::keyClick(page.discussionEdit(), Qt::Key_Return, Qt::ControlModifier);
    CHECK(must(f.reviews->agenda(meeting.id)).front().discussion == QStringLiteral("Discussed at length."));
    REQUIRE(page.addAction(QStringLiteral("Phone the GP"), QStringLiteral("tester"), today.addDays(7)));
    CHECK(page.actionsTable()->rowCount() == 1);

    const QString path = f.dir.filePath(QStringLiteral("minutes.pdf"));
    REQUIRE(page.printMinutes(path).isEmpty());
    const QString text = pdfText(path);
    INFO(text.toStdString());
    CHECK(text.contains(QStringLiteral("MDT minutes: Weekly MDT")));
    CHECK(text.contains(QStringLiteral("OVERDUE, Ann \u00B7 Born 03-Feb-1961")));
    CHECK(text.contains(QStringLiteral("NHS No. 999 000 0018")));
    CHECK(text.contains(QStringLiteral("FLAGGED, Bea \u00B7 Born 05-Apr-1972")));
    CHECK(text.contains(QStringLiteral("Discussed at length.")));
    CHECK(text.contains(QStringLiteral("Phone the GP")));
    CHECK(text.contains(QStringLiteral("Printed by tester")));
    CHECK(text.contains(QStringLiteral("Page 1 of")));
    CHECK(test::unnamedFocusables(&page).isEmpty());
}

TEST_CASE("no two labels or buttons on the reviews page share a mnemonic", "[ui][reviews][desk]")
{
    ReviewFixture f;
    ui::ReviewsPage page(*f.reviews, *f.service, QStringLiteral("tester"));
    QStringList seen;
    QStringList texts;
    for (auto *label : page.findChildren<QLabel *>())
        texts << label->text();
    for (auto *button : page.findChildren<QAbstractButton *>())
        texts << button->text();
    for (const QString &text : texts) {
        const auto amp = text.indexOf(QLatin1Char('&'));
        if (amp < 0 || amp + 1 >= text.size())
            continue;
        const QString letter = text.mid(amp + 1, 1).toLower();
        INFO(text.toStdString());
        CHECK_FALSE(seen.contains(letter));
        seen << letter;
    }
}

TEST_CASE("a review's discussion is kept as a draft, and the patient's timeline shows the review", "[ui][reviews]")
{
    ReviewFixture f;
    domain::MdtMeeting m;
    m.heldOn = today;
    m.title = QStringLiteral("Weekly MDT");
    const auto meeting = *f.reviews->saveMeeting(m).value;
    REQUIRE(f.reviews->addToAgenda(meeting.id, f.ann.id, QStringLiteral("check-in overdue")).ok());
    {
        ui::ReviewsPage page(*f.reviews, *f.service, QStringLiteral("tester"));
        page.meetingList()->setCurrentRow(0);
        page.agendaList()->setCurrentRow(0);
        page.discussionEdit()->setPlainText(QStringLiteral("Half-typed when the meeting ran over"));
        page.refresh(); // the item is shown again: what was typed goes to the draft first
    }
    ui::ReviewsPage again(*f.reviews, *f.service, QStringLiteral("tester"));
    again.meetingList()->setCurrentRow(0);
    again.agendaList()->setCurrentRow(0);
    CHECK(again.discussionEdit()->toPlainText() == QStringLiteral("Half-typed when the meeting ran over"));
    REQUIRE(again.saveItem());
    CHECK(ui::DraftStore::current()->count() == 0);

    bool shown = false;
    for (const auto &e : must(f.referrals->timeline(f.ann.id)))
        shown = shown || (e.kind == domain::TimelineEvent::Kind::Review && e.text.contains(QStringLiteral("Half-typed")));
    CHECK(shown);
}
