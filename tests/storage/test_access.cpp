// Issue 7: the one door. The role matrix at every service write, accounts and log-in, and the
// hash-chained, append-only audit trail.
#include "services/accountservice.h"
#include "services/referralservice.h"
#include "storage/changelog.h"
#include "storage/dialect.h"
#include "storage/migrations.h"
#include "storage/sqlerror.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;
using domain::Action;
using domain::Role;

namespace {

services::StampSource as(Role role, const QString &name = QStringLiteral("someone"))
{
    return services::StampSource(name, [] { return fixedNow(); }, role);
}

// One try of each write the door guards, as `role`, on a database an administrator set up.
struct Attempt {
    const char *name;
    Action action;
    std::function<bool(storage::Database &, const services::StampSource &, qint64 patientId, qint64 referralId)> run;
};

std::vector<Attempt> attempts()
{
    using services::PatientService;
    using services::ReferralService;
    static int serial = 0;
    return {
        {"register a patient", Action::EditPatient,
         [](storage::Database &db, const services::StampSource &s, qint64, qint64) {
             return PatientService(db, s).add(person(QStringLiteral("Newby"), QStringLiteral("Ann"), QDate(1970, 1, 1), {},
                                                     QStringLiteral("NEW%1").arg(++serial))).problem.forbidden;
         }},
        {"remove a patient", Action::RemovePatient,
         [](storage::Database &db, const services::StampSource &s, qint64 id, qint64) {
             PatientService patients(db, s);
             return patients.remove(*must(patients.byId(id)), QStringLiteral("test")).forbidden();
         }},
        {"add a referral", Action::EditReferral,
         [](storage::Database &db, const services::StampSource &s, qint64 id, qint64) {
             domain::Referral r;
             r.referralRef = QStringLiteral("RNEW%1").arg(++serial);
             r.patientId = id;
             r.receivedOn = QDate(2024, 5, 1);
             r.source = QStringLiteral("gp");
             return ReferralService(db, s).add(r).problem.forbidden;
         }},
        {"triage", Action::Triage,
         [](storage::Database &db, const services::StampSource &s, qint64, qint64 referralId) {
             ReferralService referrals(db, s);
             const auto r = must(referrals.byId(referralId));
             return referrals.triage(*r, QDate(2024, 5, 2), QStringLiteral("advice"), {}).problem.forbidden;
         }},
        {"record a contact", Action::RecordContact,
         [](storage::Database &db, const services::StampSource &s, qint64, qint64 referralId) {
             domain::Contact c;
             c.referralId = referralId;
             c.contactOn = QDate(2024, 5, 3);
             c.mode = QStringLiteral("phone");
             c.outcome = QStringLiteral("attended");
             return ReferralService(db, s).addContact(c).problem.forbidden;
         }},
        {"record a questionnaire", Action::RecordAssessment,
         [](storage::Database &db, const services::StampSource &s, qint64 id, qint64) {
             domain::Assessment a;
             a.patientId = id;
             a.instrument = QStringLiteral("nrs_pain");
             a.occasion = QStringLiteral("review");
             a.collectedOn = QDate(2024, 5, 3);
             a.answers = {4};
             return services::AssessmentService(db, s).add(a).problem.forbidden;
         }},
        {"change the community pathways", Action::ConfigureService,
         [](storage::Database &db, const services::StampSource &s, qint64, qint64) {
             return ReferralService(db, s).setCommunityPathways({{QStringLiteral("declined"), false}}).forbidden();
         }},
        {"add a user", Action::ManageUsers,
         [](storage::Database &db, const services::StampSource &s, qint64, qint64) {
             return services::AccountService(db, s)
                 .addUser(QStringLiteral("user%1").arg(++serial), {}, Role::Clinician, QStringLiteral("long enough"))
                 .problem.forbidden;
         }},
    };
}

} // namespace

TEST_CASE("The role matrix holds at the door for every role and every write", "[services][access]")
{
    for (const Role role : {Role::Admin, Role::Triage, Role::Clinician, Role::Manager, Role::ReadOnly}) {
        for (const Attempt &attempt : attempts()) {
            INFO(domain::roleCode(role).toStdString() << " tries to " << attempt.name);
            TempDatabase t;
            services::PatientService admin(*t, fixedStamps());
            const auto patient = admin.add(person(QStringLiteral("Matrix"), QStringLiteral("Mo"), QDate(1960, 1, 1), {},
                                                  QStringLiteral("MX1")));
            REQUIRE(patient.ok());
            domain::Referral r;
            r.referralRef = QStringLiteral("MXR1");
            r.patientId = patient.value->id;
            r.receivedOn = QDate(2024, 4, 1);
            r.source = QStringLiteral("gp");
            const auto referral = services::ReferralService(*t, fixedStamps()).add(r);
            REQUIRE(referral.ok());
            const int before = countRows(*t, QStringLiteral("change_log"));

            const bool refused = attempt.run(*t, as(role), patient.value->id, referral.value->id);
            CHECK(refused == !domain::allowed(role, attempt.action));
            if (refused) // a refusal writes nothing, not even an audit row
                CHECK(countRows(*t, QStringLiteral("change_log")) == before);
        }
    }
}

TEST_CASE("A service manager cannot change a clinical note, and read-only changes nothing", "[services][access]")
{
    CHECK_FALSE(domain::allowed(Role::Manager, Action::RecordContact));
    CHECK_FALSE(domain::allowed(Role::Manager, Action::EditReferral));
    CHECK(domain::allowed(Role::Manager, Action::RunReports));
    for (const Action a : {Action::EditPatient, Action::RemovePatient, Action::EditReferral, Action::Triage,
                           Action::RecordContact, Action::RecordAssessment, Action::ImportClinical,
                           Action::ConfigureService, Action::ManageUsers})
        CHECK_FALSE(domain::allowed(Role::ReadOnly, a));
    CHECK(domain::allowed(Role::ReadOnly, Action::RunReports));
    // Nobody logged in is read-only: a forgotten log-in can change nothing.
    CHECK(services::StampSource().role() == Role::ReadOnly);
}

TEST_CASE("Log-in: first administrator, right and wrong passwords, lock-out after five failures", "[services][access]")
{
    TempDatabase t;
    auto clock = std::make_shared<QDateTime>(fixedNow());
    services::AccountService accounts(*t, services::StampSource(), [clock] { return *clock; });
    REQUIRE(accounts.accountCount().value() == 0);
    const auto admin = accounts.createFirstAdmin(QStringLiteral("a.admin"), QStringLiteral("s3cret-enough"));
    REQUIRE(admin.ok());
    CHECK(admin->role() == Role::Admin);
    CHECK_FALSE(accounts.createFirstAdmin(QStringLiteral("another"), QStringLiteral("whatever1")).ok());

    services::AccountService managing(*t, admin.value(), [clock] { return *clock; });
    REQUIRE(managing.addUser(QStringLiteral("c.linician"), QStringLiteral("Cee Linician"), Role::Clinician,
                             QStringLiteral("password-1")).ok());
    CHECK_FALSE(managing.addUser(QStringLiteral("C.Linician"), {}, Role::Clinician, QStringLiteral("password-2")).ok());
    CHECK_FALSE(managing.addUser(QStringLiteral("short.pw"), {}, Role::Clinician, QStringLiteral("short")).ok());

    const auto in = accounts.logIn(QStringLiteral("C.LINICIAN"), QStringLiteral("password-1")); // names in any case
    REQUIRE(in.ok());
    CHECK(in->role() == Role::Clinician);
    CHECK(in->actor() == QStringLiteral("c.linician"));

    const auto unknown = accounts.logIn(QStringLiteral("nobody"), QStringLiteral("password-1"));
    const auto wrong = accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("nope"));
    CHECK(unknown.forbidden());
    CHECK(unknown.error() == wrong.error()); // whether the name exists is not given away
    // A name no account has is kept only as a digest: it may have been a password typed there.
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE (actor || coalesce(changes, '')) LIKE '%nobody%'")).toInt() == 0);
    CHECK(accounts.logIn(QStringLiteral("c.linician"), QString()).error().contains(QStringLiteral("password is needed")));

    for (int i = 0; i < 4; ++i)
        CHECK_FALSE(accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("nope")).ok());
    const auto locked = accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("password-1"));
    REQUIRE_FALSE(locked.ok()); // five failures: even the right password waits
    CHECK(locked.error() == wrong.error()); // and is not told apart from a wrong one (no oracle)
    *clock = clock->addSecs(services::lockOutMinutes * 60 + 1);
    CHECK(accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("password-1")).ok());

    REQUIRE(managing.setDisabled(QStringLiteral("c.linician"), true).ok());
    CHECK(accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("password-1")).error() == wrong.error());
    CHECK(accounts.logIn(QStringLiteral("c.linician"), QStringLiteral("password-1")).forbidden());
    CHECK_FALSE(managing.setDisabled(QStringLiteral("a.admin"), true).ok()); // not one's own account
    const auto lastAdmin = managing.setRole(QStringLiteral("a.admin"), Role::Clinician);
    REQUIRE_FALSE(lastAdmin.ok()); // a database always keeps an administrator
    CHECK(lastAdmin.problem.summary().contains(QStringLiteral("last active administrator")));
    // Only a change that takes an administrator away asks for another one: with the only
    // administrator's account disabled outside PainMDT, the demo generator's own administrator
    // session (not an account) can still change a clinician.
    REQUIRE(QSqlQuery(t->connection()).exec(QStringLiteral("UPDATE app_user SET disabled = 1 WHERE user_name = 'a.admin'")));
    services::AccountService outsider(*t, as(Role::Admin, QStringLiteral("demo")), [clock] { return *clock; });
    const auto others = outsider.setRole(QStringLiteral("c.linician"), Role::Triage);
    INFO(others.problem.summary().toStdString());
    CHECK(others.ok());
    // ... while the disabled administrator's own session, still open, can no longer change anything.
    const auto stale = managing.setRole(QStringLiteral("c.linician"), Role::Clinician);
    CHECK(stale.problem.forbidden);
    CHECK(stale.problem.summary().contains(QStringLiteral("log in again")));
    CHECK(stale.problem.summary().contains(QStringLiteral("Nothing was saved")));

    QStringList logged;
    QSqlQuery read(t->connection());
    REQUIRE(read.exec(QStringLiteral("SELECT action FROM change_log WHERE entity = 'user' ORDER BY id")));
    while (read.next())
        logged << read.value(0).toString();
    const QString actions = logged.join(QLatin1Char(' '));
    CHECK(actions.contains(QStringLiteral("login_failed")));
    CHECK(actions.contains(QStringLiteral("lockout")));
    CHECK(actions.contains(QStringLiteral("login")));
    // The audit keeps that the password changed, never the hash.
    const QString hash = scalar(*t, QStringLiteral("SELECT password_hash FROM app_user WHERE user_name = 'c.linician'")).toString();
    CHECK(hash.startsWith(QStringLiteral("$argon2id$")));
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE changes LIKE '%%1%'").arg(hash)).toInt() == 0);
}

namespace {

// Writes a few audited changes, then runs raw SQL with the append-only triggers dropped, as
// someone with the file and the sqlite3 shell could.
Result<storage::AuditCheck> tampered(const QStringList &sql)
{
    TempDatabase t;
    services::PatientService patients(*t, fixedStamps());
    for (int i = 0; i < 4; ++i)
        REQUIRE(patients.add(person(QStringLiteral("Chain"), QStringLiteral("Link"), QDate(1970, 1, 1 + i), {},
                                    QStringLiteral("CH%1").arg(i))).ok());
    const auto intact = storage::verifyAuditTrail(*t);
    REQUIRE(intact.ok());
    REQUIRE(intact->firstBrokenId == 0);
    REQUIRE(intact->rows == 4);
    QSqlQuery q(t->connection());
    for (const char *trigger : {"change_log_no_update", "change_log_no_delete", "change_log_no_replace"})
        REQUIRE(q.exec(QStringLiteral("DROP TRIGGER %1").arg(QLatin1String(trigger))));
    for (const QString &statement : sql) {
        INFO(statement.toStdString());
        REQUIRE(q.exec(statement));
    }
    // Put the protection back as it was, so that the check judges the rows alone.
    for (const QString &statement : storage::splitStatements(storage::loadMigrations(t->dialect().migrationsPath()).at(6).sql))
        REQUIRE(q.exec(statement));
    return storage::verifyAuditTrail(*t);
}

} // namespace

TEST_CASE("The audit trail is append-only in the database itself", "[storage][audit][sqlite]")
{
    TempDatabase t;
    services::PatientService patients(*t, fixedStamps());
    REQUIRE(patients.add(person(QStringLiteral("Fixed"), QStringLiteral("Row"), QDate(1970, 1, 1))).ok());
    QSqlQuery q(t->connection());
    CHECK_FALSE(q.exec(QStringLiteral("UPDATE change_log SET actor = 'someone.else'")));
    CHECK(q.lastError().text().contains(QStringLiteral("append-only")));
    const Error refused = storage::sqlError(q.lastError()); // named as the rule, not read from the text
    CHECK(refused.rule == storage::rule::auditAppendOnly);
    CHECK_FALSE(refused.fault);
    CHECK_FALSE(q.exec(QStringLiteral("DELETE FROM change_log")));
    CHECK_FALSE(q.exec(QStringLiteral("INSERT OR REPLACE INTO change_log SELECT id, at, 'mallory', entity, entity_id, action, "
                                      "changes, patient_id, prev_hash, hash FROM change_log WHERE id = 1")));
    CHECK(countRows(*t, QStringLiteral("change_log")) == 1);
    CHECK(scalar(*t, QStringLiteral("SELECT actor FROM change_log")).toString() == testActor);

    REQUIRE(q.exec(QStringLiteral("DROP TRIGGER change_log_no_update"))); // the protection itself removed
    const auto check = storage::verifyAuditTrail(*t);
    REQUIRE(check.ok());
    CHECK(check->firstBrokenId == -1);
}

TEST_CASE("Deleting every account outside PainMDT does not make the next caller its administrator", "[services][access]")
{
    TempDatabase t;
    services::AccountService accounts(*t);
    REQUIRE(accounts.createFirstAdmin(QStringLiteral("a.admin"), QStringLiteral("s3cret-enough")).ok());
    QSqlQuery(t->connection()).exec(QStringLiteral("DELETE FROM app_user"));
    const auto intruder = accounts.createFirstAdmin(QStringLiteral("intruder"), QStringLiteral("x"));
    REQUIRE_FALSE(intruder.ok());
    CHECK(intruder.error().contains(QStringLiteral("removed outside PainMDT")));
}

// The server's own guard (docs/adr/0023): the same refusals, TRUNCATE too, and a disabled trigger
// is tampering. Runs under scripts/with-postgres.sh; on SQLite the test above holds.
TEST_CASE("On the team server the audit trail refuses UPDATE, DELETE and TRUNCATE, naming the rule",
          "[storage][audit][server]")
{
    if (testServer().isEmpty())
        return;
    TempDatabase t;
    services::PatientService patients(*t, fixedStamps());
    REQUIRE(patients.add(person(QStringLiteral("Fixed"), QStringLiteral("Row"), QDate(1970, 1, 1))).ok());
    for (const char *sql : {"UPDATE change_log SET actor = 'mallory'", "DELETE FROM change_log", "TRUNCATE change_log"}) {
        INFO(sql);
        QSqlQuery q(t->connection());
        CHECK_FALSE(q.exec(QString::fromUtf8(sql)));
        const Error refused = storage::sqlError(q.lastError());
        CHECK(refused.rule == storage::rule::auditAppendOnly);
        CHECK_FALSE(refused.fault);
    }
    CHECK(countRows(*t, QStringLiteral("change_log")) == 1);
    CHECK(must(storage::verifyAuditTrail(*t)).firstBrokenId == 0);
    REQUIRE(QSqlQuery(t->connection()).exec(QStringLiteral("ALTER TABLE change_log DISABLE TRIGGER change_log_no_update")));
    CHECK(must(storage::verifyAuditTrail(*t)).firstBrokenId == -1);
}

TEST_CASE("audit verify finds an altered, a deleted, an inserted and a reordered row", "[storage][audit][sqlite]")
{
    struct Case {
        const char *name;
        QStringList sql;
        qint64 firstBroken;
    };
    const std::vector<Case> cases{
        {"altered", {QStringLiteral("UPDATE change_log SET actor = 'someone.else' WHERE id = 2")}, 2},
        {"deleted", {QStringLiteral("DELETE FROM change_log WHERE id = 3")}, 4},
        {"deleted last", {QStringLiteral("DELETE FROM change_log WHERE id = 4")}, 0}, // only the head hash tells
        {"inserted",
         {QStringLiteral("UPDATE change_log SET id = id + 10 WHERE id >= 3"),
          QStringLiteral("UPDATE change_log SET id = id - 9 WHERE id >= 13"),
          QStringLiteral("INSERT INTO change_log(id, at, actor, entity, entity_id, action) "
                         "VALUES (3, '2024-01-01T00:00:00.000Z', 'x', 'patient', 1, 'view')")},
         3},
        {"reordered",
         {QStringLiteral("UPDATE change_log SET id = 100 WHERE id = 2"), QStringLiteral("UPDATE change_log SET id = 2 WHERE id = 3"),
          QStringLiteral("UPDATE change_log SET id = 3 WHERE id = 100")},
         2},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const auto check = tampered(c.sql);
        REQUIRE(check.ok());
        CHECK(check->firstBrokenId == c.firstBroken);
        if (c.firstBroken > 0)
            CHECK_FALSE(check->problem.isEmpty());
    }
}

TEST_CASE("Opening a patient record and running a report are audited with the patient and the user",
          "[services][audit]")
{
    TempDatabase t;
    services::PatientService clinician(*t, as(Role::Clinician, QStringLiteral("c.linician")));
    const auto p = clinician.add(person(QStringLiteral("Seen"), QStringLiteral("Sam"), QDate(1970, 1, 1)));
    REQUIRE(p.ok());
    REQUIRE(clinician.recordOpened(*p.value).ok());
    CHECK(scalar(*t, QStringLiteral("SELECT actor || ' ' || action || ' ' || patient_id FROM change_log ORDER BY id DESC LIMIT 1"))
              .toString() == QStringLiteral("c.linician view %1").arg(p.value->id));
    const auto check = storage::verifyAuditTrail(*t);
    REQUIRE(check.ok());
    CHECK(check->firstBrokenId == 0);
}
