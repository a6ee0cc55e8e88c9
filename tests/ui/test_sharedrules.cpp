// Issues 7 and 8: each shared rule (still waiting, a referral's stratum, in care and the next
// check-in) gives the same answer through
// the domain's function, a storage query, a report and a screen, on one fixture of referrals in
// every state that matters.
#include "domain/referralrules.h"
#include "reporting/caseloadreport.h"
#include "reporting/referralreports.h"
#include "storage/reportqueries.h"
#include "ui/caseloadpage.h"
#include "ui/clinicaldateedit.h"
#include "ui/patientreferralspanel.h"
#include "ui/referrallistmodel.h"
#include "ui/waitinglistpage.h"
#include "uitestsupport.h"

#include <QTableWidget>
#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace painmdt;
using domain::Stratum;
using test::must;

namespace {

struct RulesFixture : test::UiFixture {
    test::FixedToday fixedToday;
    domain::Patient jane;
    std::map<QString, domain::Referral> referrals_; // ref -> as stored

    RulesFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
        const domain::Answers low{0, 0, 0, 0, 0, 0, 0, 0, 0}, high{1, 1, 1, 1, 1, 1, 1, 1, 3};
        domain::Answers incomplete = low;
        incomplete[4] = std::nullopt;
        refer(jane, "R1-untriaged", QDate(2026, 9, 1));
        const auto r2 = triage(refer(jane, "R2-did-not-attend", QDate(2026, 9, 1)), "community_physio", low);
        contact(r2, QDate(2026, 9, 10), "dna");
        const auto r3 = triage(refer(jane, "R3-seen", QDate(2026, 9, 1)), "community_physio", high);
        contact(r3, QDate(2026, 9, 12), "attended");
        triage(refer(jane, "R4-declined", QDate(2026, 9, 1)), "declined");
        auto r5 = refer(jane, "R5-discharged", QDate(2026, 9, 1));
        r5.dischargedOn = QDate(2026, 9, 20);
        r5.dischargeReason = QStringLiteral("Moved away");
        REQUIRE(referrals->update(r5).ok());
        triage(refer(jane, "R6-incomplete", QDate(2026, 9, 1)), "advice", incomplete);
        for (const auto &r : must(referrals->forPatient(jane.id)))
            referrals_[r.referralRef] = r;
    }
    void contact(const domain::Referral &r, QDate on, const char *outcome)
    {
        domain::Contact c;
        c.referralId = r.id;
        c.contactOn = on;
        c.mode = QStringLiteral("phone");
        c.outcome = QString::fromLatin1(outcome);
        REQUIRE(referrals->addContact(c).ok());
    }
    Stratum stratumByDomain(const domain::Referral &r)
    {
        const auto a = must(referrals->assessments().latestFor(r.id, domain::startBackCode));
        return a ? domain::stratumOf(true, a->result.complete, a->result.band) : Stratum::NotScored;
    }
};

} // namespace

TEST_CASE("Still waiting: the domain, the worklist query, the report and the screens agree")
{
    RulesFixture f;
    const QDate asOf = ui::ClinicalDateEdit::today();
    std::set<QString> byDomain;
    for (const auto &[ref, r] : f.referrals_)
        if (domain::stillWaiting(domain::referralOn(r, domain::firstContactOn(must(f.referrals->contactsOf(r.id)), asOf), asOf)))
            byDomain.insert(ref);
    CHECK(byDomain == std::set<QString>{"R1-untriaged", "R2-did-not-attend", "R6-incomplete"});

    std::set<QString> byQuery;
    for (const auto &row : must(f.referrals->waitingForFirstContact(100)))
        byQuery.insert(row.referral.referralRef);
    CHECK(byQuery == byDomain);

    const reporting::ReportPeriod period{QDate(2026, 1, 1), asOf, asOf};
    const auto report = reporting::waitingTimes(must(storage::waitingRows(*f.db, period.from, period.to, asOf)), period);
    CHECK(report.value(QStringLiteral("waiting_at_as_of")).toInt() == int(byDomain.size()));

    ui::WaitingListPage page(*f.referrals, *f.service, f.reader(), nullptr);
    f.settle();
    std::set<QString> onScreen;
    for (int row = 0; row < page.model()->rowCount(); ++row)
        onScreen.insert(page.model()->rowAt(row)->referral.referralRef);
    CHECK(onScreen == byDomain);

    // The patient's page says "Seen", "Declined" or "Discharged" exactly for those not waiting.
    for (const auto &[ref, r] : f.referrals_) {
        const QString status = ui::PatientReferralsPanel::statusText(r, must(f.referrals->contactsOf(r.id)));
        const bool settled = status.startsWith(QStringLiteral("Seen")) || status == QStringLiteral("Declined")
                             || status.startsWith(QStringLiteral("Discharged"));
        INFO(ref.toStdString() << ": " << status.toStdString());
        CHECK(settled != byDomain.count(ref));
    }
}

TEST_CASE("A referral's stratum: the domain, the worklist query, the triage report and the patient's page agree")
{
    RulesFixture f;
    std::map<QString, Stratum> byDomain;
    for (const auto &[ref, r] : f.referrals_)
        byDomain[ref] = f.stratumByDomain(r);
    CHECK(byDomain.at("R1-untriaged") == Stratum::NotScored);
    CHECK(byDomain.at("R2-did-not-attend") == Stratum::Low);
    CHECK(byDomain.at("R3-seen") == Stratum::High);
    CHECK(byDomain.at("R6-incomplete") == Stratum::Incomplete);

    for (const auto &row : must(f.referrals->waitingForFirstContact(100))) {
        INFO(row.referral.referralRef.toStdString());
        CHECK(row.stratum == byDomain.at(row.referral.referralRef));
    }

    const QDate asOf = ui::ClinicalDateEdit::today();
    const reporting::ReportPeriod period{QDate(2026, 1, 1), asOf, asOf};
    const auto strata = reporting::triageMix(must(storage::triageRows(*f.db, period.from, period.to, asOf)), period)
                            .value(QStringLiteral("strata")).toObject();
    std::map<QString, int> expected{{"low", 0}, {"medium", 0}, {"high", 0}, {"incomplete", 0}, {"not_scored", 0}};
    for (const auto &[ref, r] : f.referrals_)
        if (r.isTriaged())
            ++expected[domain::stratumKey(byDomain.at(ref))];
    for (const auto &[key, count] : expected) {
        INFO(key.toStdString());
        CHECK(strata.value(key).toInt() == count);
    }

    ui::PatientReferralsPanel panel(*f.referrals, f.audit());
    panel.setPatient(f.jane);
    for (int row = 0; row < panel.table()->rowCount(); ++row) {
        const QString ref = panel.table()->item(row, ui::PatientReferralsPanel::Ref)->text();
        INFO(ref.toStdString());
        CHECK(panel.table()->item(row, ui::PatientReferralsPanel::StartBack)->text() == domain::stratumLabel(byDomain.at(ref)));
    }
}

TEST_CASE("In care and the next check-in: the domain, the caseload query, the caseload report and the page agree")
{
    RulesFixture f;
    const QDate today = ui::ClinicalDateEdit::today();
    // Seen but never triaged (in care), and a seen episode whose latest contacts tie on one day.
    const auto untriaged = f.refer(f.jane, "R7-untriaged-seen", QDate(2026, 9, 1));
    f.contact(untriaged, QDate(2026, 9, 15), "attended");
    domain::Contact tie;
    tie.referralId = f.referrals_.at(QStringLiteral("R3-seen")).id;
    tie.contactOn = QDate(2026, 10, 1);
    tie.mode = QStringLiteral("phone");
    tie.outcome = QStringLiteral("attended");
    tie.nextDueOn = today.addDays(-2);
    REQUIRE(f.referrals->addContact(tie).ok());
    tie.outcome = QStringLiteral("could_not_contact");
    tie.nextDueOn = today.addDays(3);
    REQUIRE(f.referrals->addContact(tie).ok());
    for (const auto &r : must(f.referrals->forPatient(f.jane.id)))
        f.referrals_[r.referralRef] = r;

    std::map<QString, QDate> byDomain; // in care -> next check-in
    for (const auto &[ref, r] : f.referrals_) {
        const auto contacts = must(f.referrals->contactsOf(r.id));
        if (domain::inCare(domain::referralOn(r, domain::firstContactOn(contacts, today), today)))
            byDomain[ref] = domain::nextCheckIn(contacts, today);
    }
    CHECK(byDomain.size() == 2);
    CHECK(byDomain.at(QStringLiteral("R3-seen")) == today.addDays(3)); // the later of the tie
    CHECK_FALSE(byDomain.at(QStringLiteral("R7-untriaged-seen")).isValid());

    domain::CaseloadQuery q;
    q.today = today;
    std::map<QString, QDate> byQuery;
    for (const auto &row : must(f.referrals->caseload(q)))
        byQuery[row.referral.referralRef] = row.nextCheckIn;
    CHECK(byQuery == byDomain);

    const reporting::ReportPeriod period{QDate(2026, 1, 1), today, today};
    const auto episodes = must(storage::episodeRows(*f.db, today));
    CHECK(episodes.size() == byDomain.size());
    const auto report = reporting::caseload(episodes, must(storage::contactCounts(*f.db, period.from, period.to, today)), period);
    CHECK(report.value(QStringLiteral("open_episodes")).toInt() == 2);
    CHECK(report.value(QStringLiteral("due_within_7_days")).toInt() == 1);
    CHECK(report.value(QStringLiteral("no_check_in_planned")).toInt() == 1);

    ui::CaseloadPage page(f.reader(), nullptr, QStringLiteral("tester"), false);
    f.settle();
    std::set<QString> onScreen;
    for (int row = 0; row < page.model()->rowCount(); ++row)
        onScreen.insert(page.model()->rowAt(row)->referral.referralRef);
    CHECK(onScreen == std::set<QString>{"R3-seen", "R7-untriaged-seen"});
}
