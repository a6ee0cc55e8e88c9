// Issue 7: the audit trail as people read it. The audit screen's search (by patient, user and
// date, newest first, "more" past the limit, administrators and service managers only) and a
// record's history (field labels, the user's display name, never a changed value).
#include "services/accountservice.h"
#include "services/auditservice.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "support/elsewhere.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;
using domain::Role;

namespace {

const QString password = QStringLiteral("correct horse battery");

QDateTime noonUtc(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(12, 0), Qt::UTC);
}

services::StampSource as(const QString &user, Role role, const QDateTime &at = fixedNow())
{
    return services::StampSource(user, [at] { return at; }, role);
}

// Two accounts (one whose display name is its user name) and three patients registered on known
// days by known users: AU1 by a.okoro on 10-Mar, AU2 by b.tan on 15-Apr, AU3 by a.okoro on 20-May.
struct AuditFixture {
    TempDatabase t;
    std::vector<QString> nhs = validNhsNumbers(3);
    domain::Patient amberley, birchall, cawley;

    AuditFixture()
    {
        services::AccountService accounts(*t, fixedStamps());
        REQUIRE(accounts.addUser(QStringLiteral("a.okoro"), QStringLiteral("Amara Okoro"), Role::Clinician, password).ok());
        REQUIRE(accounts.addUser(QStringLiteral("b.tan"), {}, Role::Triage, password).ok());
        amberley = registerAs(QStringLiteral("a.okoro"), noonUtc(2024, 3, 10), QStringLiteral("Amberley"), 0);
        birchall = registerAs(QStringLiteral("b.tan"), noonUtc(2024, 4, 15), QStringLiteral("Birchall"), 1);
        cawley = registerAs(QStringLiteral("a.okoro"), noonUtc(2024, 5, 20), QStringLiteral("Cawley"), 2);
    }

    domain::Patient registerAs(const QString &user, const QDateTime &at, const QString &family, int n)
    {
        services::PatientService patients(*t, as(user, Role::Clinician, at));
        const auto saved = patients.add(person(family, QStringLiteral("Tess"), QDate(1970, 1, 1), nhs[size_t(n)],
                                               QStringLiteral("AU%1").arg(n + 1)));
        INFO(saved.problem.summary().toStdString());
        REQUIRE(saved.ok());
        return *saved.value;
    }

    services::AuditService audit(Role role = Role::Admin)
    {
        return services::AuditService(*t, as(QStringLiteral("m.hughes"), role));
    }
};

QStringList whats(const services::AuditPage &page)
{
    QStringList texts;
    for (const services::AuditLine &line : page.lines)
        texts << line.what;
    return texts;
}

services::AuditPage searched(services::AuditService audit, const storage::AuditQuery &q) // a copy shares the database
{
    const auto page = audit.search(q);
    INFO((page ? QString() : page.error()).toStdString());
    REQUIRE(page.ok());
    return page.value();
}

// Another connection removes the table, as damage or tampering outside PainMDT would.
void dropAuditTable(const QString &path)
{
    test::sqlElsewhere(path, QStringLiteral("DROP TABLE change_log"));
}

} // namespace

TEST_CASE("the audit search filters by user and date range and patient with the newest first", "[services][audit]")
{
    AuditFixture f;
    auto audit = f.audit();

    storage::AuditQuery byUser;
    byUser.actor = QStringLiteral("a.okoro");
    const auto mine = searched(audit, byUser);
    CHECK(whats(mine) == QStringList{QStringLiteral("Patient AU3 created"), QStringLiteral("Patient AU1 created")});
    REQUIRE(mine.lines.size() == 2);
    CHECK(mine.lines[0].user == QStringLiteral("Amara Okoro (a.okoro)"));
    CHECK(mine.lines[0].at == noonUtc(2024, 5, 20));
    CHECK(mine.lines[0].patientId == f.cawley.id);
    CHECK_FALSE(mine.more);

    storage::AuditQuery april;
    april.from = QDate(2024, 4, 1);
    april.to = QDate(2024, 4, 30);
    const auto inApril = searched(audit, april);
    CHECK(whats(inApril) == QStringList{QStringLiteral("Patient AU2 created")});
    REQUIRE(inApril.lines.size() == 1);
    CHECK(inApril.lines[0].user == QStringLiteral("b.tan")); // display name = user name: said once

    storage::AuditQuery bothEnds; // from and to are whole days, both included
    bothEnds.from = QDate(2024, 3, 10);
    bothEnds.to = QDate(2024, 4, 15);
    CHECK(whats(searched(audit, bothEnds)) == QStringList{QStringLiteral("Patient AU2 created"), QStringLiteral("Patient AU1 created")});

    // A later change by a.okoro is on the patient's trail too.
    domain::Patient changed = f.birchall;
    changed.givenName = QStringLiteral("Theresa");
    REQUIRE(services::PatientService(*f.t, as(QStringLiteral("a.okoro"), Role::Clinician, noonUtc(2024, 5, 21))).update(changed).ok());
    storage::AuditQuery byPatient;
    byPatient.patientId = f.birchall.id;
    const auto hers = searched(audit, byPatient);
    REQUIRE(hers.lines.size() == 2);
    CHECK(hers.lines[0].what.startsWith(QStringLiteral("Patient AU2 updated: ")));
    CHECK(hers.lines[0].what.contains(QStringLiteral("Given name")));
    CHECK_FALSE(hers.lines[0].what.contains(QStringLiteral("Theresa"))); // which field, never its value
    CHECK(hers.lines[1].what == QStringLiteral("Patient AU2 created"));

    byPatient.actor = QStringLiteral("a.okoro"); // filters combine
    CHECK(searched(audit, byPatient).lines.size() == 1);
    byPatient.to = QDate(2024, 5, 20);
    CHECK(searched(audit, byPatient).lines.empty());
}

TEST_CASE("the audit search shows at most the limit and says when more match", "[services][audit]")
{
    AuditFixture f;
    auto audit = f.audit();
    const int total = countRows(*f.t, QStringLiteral("change_log"));
    REQUIRE(total >= 5);

    storage::AuditQuery q;
    q.limit = total - 1;
    const auto page = searched(audit, q);
    CHECK(int(page.lines.size()) == total - 1);
    CHECK(page.more);
    CHECK(page.lines.front().what == QStringLiteral("Patient AU3 created")); // the newest are the ones shown

    q.limit = total;
    const auto all = searched(audit, q);
    CHECK(int(all.lines.size()) == total);
    CHECK_FALSE(all.more);
}

TEST_CASE("only administrators and service managers may search the audit trail", "[services][audit][access]")
{
    AuditFixture f;
    for (const Role role : {Role::Admin, Role::Manager, Role::Triage, Role::Clinician, Role::ReadOnly}) {
        INFO(domain::roleCode(role).toStdString());
        const auto page = f.audit(role).search({});
        CHECK(page.ok() == domain::allowed(role, domain::Action::ViewAudit));
        if (!page.ok()) {
            CHECK(page.forbidden());
            CHECK(page.error().contains(QStringLiteral("may not see the audit trail")));
        }
    }
    CHECK(f.audit(Role::Manager).search({}).ok());
    CHECK(f.audit(Role::Clinician).search({}).forbidden());
}

TEST_CASE("a referral history names the fields by label and the user by display name but no values", "[services][audit]")
{
    AuditFixture f;
    services::ReferralService referrals(*f.t, as(QStringLiteral("a.okoro"), Role::Clinician, noonUtc(2024, 3, 20)));
    domain::Referral r;
    r.referralRef = QStringLiteral("R-AU1");
    r.patientId = f.amberley.id;
    r.receivedOn = QDate(2024, 3, 11);
    r.source = QStringLiteral("gp");
    r.reason = QStringLiteral("Low back pain for 6 months");
    const auto added = referrals.add(r);
    REQUIRE(added.ok());
    REQUIRE(referrals.triage(*added.value, QDate(2024, 3, 12), QStringLiteral("community_physio"),
                             QStringLiteral("Worse at night")).ok());

    // Any logged-in user may read a record's history: no audit role needed.
    const auto history = f.audit(Role::ReadOnly).history(QStringLiteral("referral"), added.value->id);
    INFO((history ? QString() : history.error()).toStdString());
    REQUIRE(history.ok());
    REQUIRE(history.value().size() == 2);
    CHECK(history.value()[0].action == QStringLiteral("created"));
    CHECK(history.value()[1].action == QStringLiteral("updated: Pathway, Triage notes, Triaged on"));
    CHECK(history.value()[0].user == QStringLiteral("Amara Okoro (a.okoro)"));
    CHECK(history.value()[0].at == noonUtc(2024, 3, 20));

    // The audit screen says the same, naming the referral.
    storage::AuditQuery q;
    q.patientId = f.amberley.id;
    const auto page = searched(f.audit(), q);
    CHECK(whats(page).contains(QStringLiteral("Referral R-AU1 updated: Pathway, Triage notes, Triaged on")));
    for (const QString &what : whats(page)) {
        CHECK_FALSE(what.contains(QStringLiteral("Worse at night")));
        CHECK_FALSE(what.contains(QStringLiteral("Low back pain")));
    }
}

TEST_CASE("log-in events read as sentences and an unknown name is shown only as its digest", "[services][audit]")
{
    AuditFixture f;
    services::AccountService accounts(*f.t, fixedStamps());
    CHECK_FALSE(accounts.logIn(QStringLiteral("nobody.here"), QStringLiteral("a wrong guess")).ok());
    REQUIRE(accounts.logIn(QStringLiteral("a.okoro"), password).ok());

    storage::AuditQuery q;
    q.limit = 2;
    auto audit = f.audit();
    const auto page = searched(audit, q);
    REQUIRE(page.lines.size() == 2);
    CHECK(page.lines[0].what == QStringLiteral("Logged in"));
    CHECK(page.lines[0].user == QStringLiteral("Amara Okoro (a.okoro)"));
    CHECK(page.lines[1].what == QStringLiteral("Log-in failed: no account has that user name"));
    CHECK(page.lines[1].user.startsWith(QStringLiteral("unknown:")));
    CHECK_FALSE(page.lines[1].user.contains(QStringLiteral("nobody")));
}

TEST_CASE("a failed audit read is an error and never an empty page", "[services][audit][sqlite]")
{
    AuditFixture f;
    dropAuditTable(f.t.path);

    const auto page = f.audit().search({});
    REQUIRE_FALSE(page.ok());
    CHECK(page.error().startsWith(QStringLiteral("The audit trail could not be read: ")));
    CHECK(page.failure().fault);
    CHECK_FALSE(page.forbidden());

    const auto history = f.audit().history(QStringLiteral("patient"), f.amberley.id);
    REQUIRE_FALSE(history.ok());
    CHECK(history.error().startsWith(QStringLiteral("The audit trail could not be read: ")));
}
