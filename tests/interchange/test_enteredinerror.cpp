// Records withdrawn as entered in error (schema 12; undo of a new record, issue 8): the row and
// its change log stay, every list, worklist and report query leaves it out, it comes back
// exactly when restored, and an import can neither bring it back nor attach to it.
#include "interchange/importsupport.h"

#include "domain/referralrules.h"
#include "storage/reportqueries.h"

using namespace painmdt;
using namespace painmdt::test;

namespace {

const QString undone = QStringLiteral("Undone after saving");

struct WithdrawFixture : EpisodeFixture {
    WithdrawFixture()
    {
        loadReferrals();
        load(Kind::Contacts, "contacts_good.csv");
    }
    int mark(const char *entity) // change-log rows that set or cleared the mark
    {
        return scalar(*t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = '%1' AND changes "
                                         "LIKE '%entered_in_error%'").arg(QLatin1String(entity))).toInt();
    }
    qint64 attendedContacts(const QDate &from, const QDate &to)
    {
        const auto counts = must(storage::contactCounts(*t, from, to, QDate(2026, 11, 1)));
        qint64 n = 0;
        for (const auto &c : counts)
            n += c.outcome == domain::attendedOutcome ? c.count : 0;
        return n;
    }
    bool waiting(const domain::Referral &r)
    {
        const auto rows = must(service.waitingForFirstContact(100));
        return std::any_of(rows.begin(), rows.end(), [&](const domain::ReferralRow &row) { return row.referral.id == r.id; });
    }
};

} // namespace

TEST_CASE("A contact entered in error counts for nothing, stays in the database, and comes back when restored",
          "[episodes][enteredinerror]")
{
    WithdrawFixture f;
    const auto rf1 = f.referral("RF001");
    const auto first = f.contact("CT001"); // RF001's only attended contact: its first contact
    REQUIRE_FALSE(f.waiting(rf1));
    const qint64 attended = f.attendedContacts(QDate(2024, 1, 1), QDate(2024, 12, 31));
    const int contacts = f.count("contact");

    const auto withdrawn = f.service.markContact(first.id, first.rowVersion, undone);
    REQUIRE(withdrawn.ok());
    CHECK(withdrawn.value->enteredInError == undone);
    CHECK(f.count("contact") == contacts); // kept, never deleted
    CHECK(f.mark("contact") == 1);        // and audited
    CHECK(f.contact("CT001").isEnteredInError());
    const auto listed = must(f.service.contactsOf(rf1.id));
    CHECK(std::none_of(listed.begin(), listed.end(), [&](const domain::Contact &c) { return c.id == first.id; }));
    CHECK(f.waiting(rf1)); // no first contact any more: back on the waiting list
    CHECK(f.attendedContacts(QDate(2024, 1, 1), QDate(2024, 12, 31)) == attended - 1);
    const auto rows = must(storage::waitingRows(*f.t, QDate(2024, 1, 15), QDate(2024, 1, 15), QDate(2026, 11, 1)));
    REQUIRE(rows.size() == 1);
    CHECK_FALSE(rows.front().firstContactOn.isValid()); // the waiting-times report: not seen

    // Nobody edits a withdrawn contact; a stale restore changes nothing.
    auto edit = *withdrawn.value;
    edit.note = QStringLiteral("changed");
    CHECK_FALSE(f.service.updateContact(edit).ok());
    CHECK_FALSE(f.service.markContact(first.id, first.rowVersion, {}).ok());
    CHECK(f.contact("CT001").isEnteredInError());

    REQUIRE(f.service.markContact(first.id, withdrawn.value->rowVersion, {}).ok());
    CHECK_FALSE(f.contact("CT001").isEnteredInError());
    CHECK(f.contact("CT001").note == first.note);
    CHECK_FALSE(f.waiting(rf1));
    CHECK(f.attendedContacts(QDate(2024, 1, 1), QDate(2024, 12, 31)) == attended);
    CHECK(f.mark("contact") == 2);
}

TEST_CASE("A referral is withdrawn only once nothing live hangs on it, and then leaves every list", "[episodes][enteredinerror]")
{
    WithdrawFixture f;
    const auto rf2 = f.referral("RF002"); // untriaged, one attended contact, one cancellation
    const auto refused = f.service.markReferral(rf2.id, rf2.rowVersion, undone);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("withdraw those first")));
    CHECK_FALSE(f.referral("RF002").isEnteredInError());

    REQUIRE(must(storage::PatientRepository(*f.t).lastContactOn(rf2.patientId)) == QDate(2024, 4, 1));
    for (const auto &c : must(f.service.contactsOf(rf2.id)))
        REQUIRE(f.service.markContact(c.id, c.rowVersion, undone).ok());
    CHECK_FALSE(must(storage::PatientRepository(*f.t).lastContactOn(rf2.patientId)).isValid());
    f.load(Kind::Assessments, "assessments_good.csv"); // AS002 is linked to RF002
    CHECK_FALSE(f.service.markReferral(rf2.id, rf2.rowVersion, undone).ok());
    const auto as2 = f.assessment(QStringLiteral("AS002"));
    REQUIRE(f.service.assessments().markInError(as2.id, as2.rowVersion, undone).ok());
    const auto withdrawn = f.service.markReferral(rf2.id, rf2.rowVersion, undone);
    REQUIRE(withdrawn.ok());

    const auto awaiting = must(f.service.awaitingTriage(100));
    CHECK(std::none_of(awaiting.begin(), awaiting.end(), [&](const auto &row) { return row.referral.id == rf2.id; }));
    CHECK(must(f.service.forPatient(rf2.patientId)).empty());
    CHECK(must(storage::waitingRows(*f.t, QDate(2024, 2, 1), QDate(2024, 2, 1), QDate(2026, 11, 1))).empty());
    CHECK(must(f.service.assessments().forPatient(rf2.patientId)).empty());
    CHECK(f.referral("RF002").isEnteredInError()); // still there, by its ref

    // Nothing new attaches to it.
    domain::Contact c;
    c.referralId = rf2.id;
    c.contactOn = QDate(2024, 5, 1);
    c.mode = QStringLiteral("phone");
    c.outcome = QStringLiteral("attended");
    const auto attached = f.service.addContact(c);
    REQUIRE_FALSE(attached.ok());
    REQUIRE(attached.problem.fieldErrors.size() == 1);
    CHECK(attached.problem.fieldErrors.front().message.contains(QStringLiteral("entered in error")));

    REQUIRE(f.service.markReferral(rf2.id, withdrawn.value->rowVersion, {}).ok());
    CHECK(must(f.service.forPatient(rf2.patientId)).size() == 1);
}

TEST_CASE("Undoing a triage puts the referral back to triage and withdraws its STarT Back, together", "[episodes][enteredinerror]")
{
    WithdrawFixture f;
    const auto rf2 = f.referral("RF002");
    qint64 startbackId = 0;
    const auto decided = f.service.triage(rf2, QDate(2024, 2, 3), QStringLiteral("community_pain"), QStringLiteral("n"),
                                          domain::Answers{1, 1, 1, 1, 1, 1, 1, 1, 4}, &startbackId);
    REQUIRE(decided.ok());
    REQUIRE(startbackId > 0);
    REQUIRE(must(f.service.assessments().latestFor(rf2.id, QStringLiteral("startback"))));

    auto before = rf2;
    before.rowVersion = decided.value->rowVersion;
    // Seen since: it cannot go back to the triage worklist.
    const auto seen = f.service.setTriage(before, startbackId, 1, undone);
    REQUIRE_FALSE(seen.ok());
    CHECK(seen.problem.summary().contains(QStringLiteral("has contacts since")));
    CHECK_FALSE(must(f.service.assessments().byId(startbackId))->isEnteredInError()); // nothing half-done
    for (const auto &c : must(f.service.contactsOf(rf2.id)))
        REQUIRE(f.service.markContact(c.id, c.rowVersion, undone).ok());
    const auto undoneTriage = f.service.setTriage(before, startbackId, 1, undone);
    REQUIRE(undoneTriage.ok());
    CHECK_FALSE(f.referral("RF002").isTriaged());
    CHECK_FALSE(must(f.service.assessments().latestFor(rf2.id, QStringLiteral("startback"))).has_value());
    CHECK(must(f.service.assessments().byId(startbackId))->isEnteredInError());
    const auto awaiting = must(f.service.awaitingTriage(100));
    CHECK(std::any_of(awaiting.begin(), awaiting.end(), [&](const auto &row) { return row.referral.id == rf2.id; }));

    // A stale redo (someone triaged it meanwhile) changes neither.
    auto again = *decided.value;
    again.rowVersion = 1;
    CHECK_FALSE(f.service.setTriage(again, startbackId, 2, {}).ok());
    CHECK(must(f.service.assessments().byId(startbackId))->isEnteredInError());

    again.rowVersion = undoneTriage.value->rowVersion;
    REQUIRE(f.service.setTriage(again, startbackId, 2, {}).ok());
    CHECK(f.referral("RF002").pathway == QStringLiteral("community_pain"));
    CHECK(must(f.service.assessments().latestFor(rf2.id, QStringLiteral("startback")))->id == startbackId);
}

TEST_CASE("An import neither brings back nor attaches to a record withdrawn as entered in error", "[episodes][enteredinerror]")
{
    WithdrawFixture f;
    const auto ct1 = f.contact("CT001");
    REQUIRE(f.service.markContact(ct1.id, ct1.rowVersion, undone).ok());
    auto s = f.run(Kind::Contacts, "contact_ref,referral_ref,contact_on,mode,outcome\n"
                                   "CT001,RF001,2024-02-05,clinic,attended\n");
    CHECK_FALSE(s.ok);
    CHECK(issuesText(s).find("line 2, column contact_ref") != std::string::npos);
    CHECK(issuesText(s).find("withdrawn in PainMDT as entered in error") != std::string::npos);
    CHECK(f.contact("CT001").isEnteredInError());

    const auto rf4 = f.referral("RF004"); // no contacts
    REQUIRE(f.service.markReferral(rf4.id, rf4.rowVersion, undone).ok());
    s = f.run(Kind::Contacts, "referral_ref,contact_on,mode,outcome\nRF004,2024-06-10,phone,attended\n");
    CHECK_FALSE(s.ok);
    INFO(issuesText(s));
    CHECK(issuesText(s).find("line 2, column referral_ref") != std::string::npos);
    s = f.run(Kind::Referrals, "referral_ref,patient_ref,received_on,source\nRF004,EP0001,2024-06-03,gp\n");
    CHECK_FALSE(s.ok);
    CHECK(issuesText(s).find("withdrawn in PainMDT") != std::string::npos);
    CHECK(f.referral("RF004").isEnteredInError());
}
