// PatientService: the rules, the row version and the change log around every patient write.
#include "domain/clinicaldate.h"
#include "domain/patient.h"
#include "services/accountservice.h"
#include "services/patientservice.h"
#include "storage/auditqueries.h"
#include "storage/changelog.h"
#include "storage/patientrepository.h"
#include "storage/sqlvalues.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <functional>
#include <thread>

using namespace painmdt;
using namespace painmdt::test;
using domain::Patient;

namespace {

// A database, a movable clock and a service writing through it.
struct Fixture {
    TempDatabase t;
    std::shared_ptr<QDateTime> clock = std::make_shared<QDateTime>(fixedNow());
    services::PatientService service{*t, stampsAt(clock)};

    storage::PatientRepository repository{*t};
    storage::PatientRepository &repo() { return repository; }
    int patients() { return countRows(*t, QStringLiteral("patient")); }
    int changes() { return countRows(*t, QStringLiteral("change_log")); }
    Patient add(const Patient &p)
    {
        const auto saved = service.add(p);
        INFO(saved.problem.summary().toStdString());
        REQUIRE(saved.ok());
        return *saved.value;
    }
    Patient reload(qint64 id)
    {
        const auto p = must(repo().byId(id));
        REQUIRE(p);
        return *p;
    }
    QString column(qint64 id, const QString &name)
    {
        return scalar(*t, QStringLiteral("SELECT %1 FROM patient WHERE id = %2").arg(name).arg(id)).toString();
    }
};

bool hasFieldError(const services::SaveProblem &problem, const QString &field, const QString &text = {})
{
    return std::any_of(problem.fieldErrors.begin(), problem.fieldErrors.end(), [&](const domain::FieldError &e) {
        return e.field == field && e.message.contains(text, Qt::CaseInsensitive);
    });
}

std::string fieldsOf(const services::SaveProblem &problem)
{
    std::string out;
    for (const auto &e : problem.fieldErrors)
        out += e.field.toStdString() + ": " + e.message.toStdString() + "\n";
    return out + problem.message.toStdString();
}

QJsonObject parseChanges(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    INFO(json.toStdString());
    REQUIRE(error.error == QJsonParseError::NoError);
    REQUIRE(doc.isObject());
    return doc.object();
}

QJsonArray oldNew(const QString &oldValue, const QString &newValue)
{
    return QJsonArray{oldValue, newValue};
}

Patient smithJohn()
{
    Patient p = person(QStringLiteral("  Smith "), QStringLiteral("Jo   Anne"), QDate(1960, 3, 12),
                       QStringLiteral(" 999 000 0018 "), QStringLiteral(" RX100 "));
    p.sex = domain::Sex::Female;
    p.postcode = QStringLiteral(" nw12bu ");
    p.phone = QStringLiteral("07700  900123");
    p.gpPractice = QStringLiteral("Y00001");
    return p;
}

} // namespace

TEST_CASE("add stores the normalised values, row version 1 and a create entry in the change log", "[services][patient]")
{
    Fixture f;
    const Patient saved = f.add(smithJohn());
    CHECK(saved.id > 0);
    CHECK(saved.rowVersion == 1);
    CHECK(saved.nhsNumber == QStringLiteral("9990000018"));

    const Patient stored = f.reload(saved.id);
    CHECK(stored.patientRef == QStringLiteral("RX100"));
    CHECK(stored.nhsNumber == QStringLiteral("9990000018"));
    CHECK(stored.familyName == QStringLiteral("Smith"));
    CHECK(stored.givenName == QStringLiteral("Jo Anne"));
    CHECK(stored.dateOfBirth == QDate(1960, 3, 12));
    CHECK_FALSE(stored.dateOfDeath.isValid());
    CHECK(stored.sex == domain::Sex::Female);
    CHECK(stored.postcode == QStringLiteral("NW1 2BU"));
    CHECK(stored.phone == QStringLiteral("07700 900123"));
    CHECK(stored.gpPractice == QStringLiteral("Y00001"));
    CHECK(stored.rowVersion == 1);
    CHECK_FALSE(stored.isDeleted());

    // Search keys and audit columns.
    CHECK(f.column(saved.id, QStringLiteral("family_key")) == QStringLiteral("SMITH"));
    CHECK(f.column(saved.id, QStringLiteral("given_key")) == QStringLiteral("JOANNE"));
    CHECK(f.column(saved.id, QStringLiteral("ref_key")) == QStringLiteral("RX100"));
    CHECK(f.column(saved.id, QStringLiteral("created_by")) == testActor);
    CHECK(f.column(saved.id, QStringLiteral("created_at")) == QStringLiteral("2024-06-03T09:30:00.000Z"));
    CHECK(f.column(saved.id, QStringLiteral("updated_at")) == QStringLiteral("2024-06-03T09:30:00.000Z"));

    const auto log = must(storage::historyOf(*f.t, QStringLiteral("patient"), saved.id));
    REQUIRE(log.size() == 1);
    CHECK(log[0].action == QStringLiteral("create"));
    CHECK(log[0].actor == testActor);
    CHECK(log[0].at == fixedNow());
    CHECK(log[0].changesJson.isEmpty()); // the row itself holds its first values (docs/adr/0010)
}

TEST_CASE("update bumps the row version and logs the old and new value of each changed field", "[services][patient]")
{
    Fixture f;
    Patient p = f.add(smithJohn());
    *f.clock = fixedNow().addSecs(3600);

    p.givenName = QStringLiteral("Joanna");
    p.postcode = QStringLiteral("se1 7eh");
    p.phone = QStringLiteral("07700 900123"); // the same after normalisation: not a change
    const auto updated = f.service.update(p);
    INFO(fieldsOf(updated.problem));
    REQUIRE(updated.ok());
    CHECK(updated.value->rowVersion == 2);
    CHECK(updated.value->postcode == QStringLiteral("SE1 7EH"));

    const Patient stored = f.reload(p.id);
    CHECK(stored.rowVersion == 2);
    CHECK(stored.givenName == QStringLiteral("Joanna"));
    CHECK(stored.postcode == QStringLiteral("SE1 7EH"));
    CHECK(f.column(p.id, QStringLiteral("given_key")) == QStringLiteral("JOANNA"));
    CHECK(f.column(p.id, QStringLiteral("created_at")) == QStringLiteral("2024-06-03T09:30:00.000Z"));
    CHECK(f.column(p.id, QStringLiteral("updated_at")) == QStringLiteral("2024-06-03T10:30:00.000Z"));

    const auto log = must(storage::historyOf(*f.t, QStringLiteral("patient"), p.id));
    REQUIRE(log.size() == 2);
    CHECK(log[1].action == QStringLiteral("update"));
    CHECK(log[1].actor == testActor);
    CHECK(log[1].at == fixedNow().addSecs(3600));
    const QJsonObject changes = parseChanges(log[1].changesJson);
    CHECK(changes.keys() == (QStringList{QStringLiteral("given_name"), QStringLiteral("postcode")}));
    CHECK(changes.value(QStringLiteral("given_name")).toArray() == oldNew(QStringLiteral("Jo Anne"), QStringLiteral("Joanna")));
    CHECK(changes.value(QStringLiteral("postcode")).toArray() == oldNew(QStringLiteral("NW1 2BU"), QStringLiteral("SE1 7EH")));

    // A second update from the returned value works without reloading.
    Patient again = *updated.value;
    again.nhsNumber.clear();
    *f.clock = fixedNow().addSecs(7200);
    const auto second = f.service.update(again);
    REQUIRE(second.ok());
    CHECK(second.value->rowVersion == 3);
    CHECK(f.reload(p.id).nhsNumber.isEmpty());
    CHECK(f.column(p.id, QStringLiteral("nhs_number")).isNull());
    const auto log2 = must(storage::historyOf(*f.t, QStringLiteral("patient"), p.id));
    REQUIRE(log2.size() == 3);
    CHECK(parseChanges(log2[2].changesJson).value(QStringLiteral("nhs_number")).toArray()
          == oldNew(QStringLiteral("9990000018"), QString()));
}

TEST_CASE("An update from a stale copy is refused and changes nothing", "[services][patient]")
{
    Fixture f;
    const Patient loaded = f.add(smithJohn());

    // Two people open the same patient; a colleague with an account saves first, an hour later.
    services::AccountService accounts(*f.t, fixedStamps());
    REQUIRE(accounts.addUser(QStringLiteral("j.osei"), QStringLiteral("Jo Osei"), domain::Role::Clinician,
                             QStringLiteral("long-enough-1")).ok());
    auto later = std::make_shared<QDateTime>(fixedNow().addSecs(3600));
    services::PatientService colleague(*f.t, stampsAt(later, QStringLiteral("j.osei")));
    Patient mine = loaded;
    Patient theirs = loaded;
    theirs.phone = QStringLiteral("07700 900999");
    REQUIRE(colleague.update(theirs).ok());
    const int logged = f.changes();

    mine.givenName = QStringLiteral("Joan");
    const auto refused = f.service.update(mine);
    REQUIRE_FALSE(refused.ok());
    // Who and when, in the local time and the clinical date format, so the user can ask them.
    const QDateTime at = later->toLocalTime();
    CHECK(refused.problem.message.startsWith(QStringLiteral("Jo Osei (j.osei) changed this patient at %1 on %2, after you opened it")
                                                 .arg(at.toString(QStringLiteral("HH:mm")), domain::formatClinicalDate(at.date()))));
    CHECK(refused.problem.stale);
    CHECK_FALSE(refused.problem.fault);
    CHECK(refused.problem.fieldErrors.empty());

    const Patient stored = f.reload(loaded.id);
    CHECK(stored.givenName == QStringLiteral("Jo Anne"));
    CHECK(stored.phone == QStringLiteral("07700 900999"));
    CHECK(stored.rowVersion == 2);
    CHECK(f.changes() == logged); // nothing of mine

    // Removing from the stale copy is refused too.
    const Status removed = f.service.remove(mine, QStringLiteral("Duplicate"));
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.error().startsWith(QStringLiteral("Jo Osei (j.osei) changed this patient")));
    CHECK(removed.failure().stale);
    CHECK_FALSE(f.reload(loaded.id).isDeleted());
    CHECK(f.changes() == logged);
}

TEST_CASE("A stale save of a record removed meanwhile says so", "[services][patient]")
{
    Fixture f;
    const Error refused = storage::staleSave(*f.t, "patient", 4242, QStringLiteral("patient"));
    CHECK(refused.message == QStringLiteral("This patient was removed by someone else meanwhile; nothing was saved."));
    CHECK(refused.stale);
}

TEST_CASE("update of a patient that does not exist is refused", "[services][patient]")
{
    Fixture f;
    Patient ghost = smithJohn();
    ghost.id = 4242;
    ghost.rowVersion = 1;
    const auto refused = f.service.update(ghost);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.message.contains(QStringLiteral("no longer exists")));
    CHECK(f.patients() == 0);
    CHECK(f.changes() == 0);
}

TEST_CASE("A live NHS number belongs to one patient only", "[services][patient]")
{
    Fixture f;
    const Patient first = f.add(smithJohn());

    SECTION("add with the same number, typed differently, is refused on nhs_number")
    {
        Patient other = person(QStringLiteral("Jones"), QStringLiteral("Ivy"), QDate(1971, 1, 1),
                               QStringLiteral("999-000-0018"), QStringLiteral("RX200"));
        const auto refused = f.service.add(other);
        REQUIRE_FALSE(refused.ok());
        INFO(fieldsOf(refused.problem));
        CHECK(hasFieldError(refused.problem, QStringLiteral("nhs_number"), QStringLiteral("already has this NHS number")));
        CHECK(hasFieldError(refused.problem, QStringLiteral("nhs_number"), QStringLiteral("RX100")));
        // Neither the number nor a name: the message must not tie another patient to an identifier.
        CHECK_FALSE(hasFieldError(refused.problem, QStringLiteral("nhs_number"), QStringLiteral("999 000 0018")));
        // The ref only: the message reaches stderr and scheduled jobs' logs (issue 6).
        CHECK_FALSE(hasFieldError(refused.problem, QStringLiteral("nhs_number"), QStringLiteral("SMITH")));
        CHECK(f.patients() == 1);
        CHECK(f.changes() == 1);
    }
    SECTION("update that takes another patient's number is refused")
    {
        Patient other = f.add(person(QStringLiteral("Jones"), QStringLiteral("Ivy"), QDate(1971, 1, 1),
                                     nhsNumber(2), QStringLiteral("RX200")));
        other.nhsNumber = QStringLiteral("9990000018");
        const auto refused = f.service.update(other);
        REQUIRE_FALSE(refused.ok());
        CHECK(hasFieldError(refused.problem, QStringLiteral("nhs_number")));
        CHECK(f.reload(other.id).nhsNumber == nhsNumber(2));
        CHECK(f.reload(other.id).rowVersion == 1);
        CHECK(f.changes() == 2);
    }
    SECTION("a patient keeps its own number on update")
    {
        Patient same = first;
        same.phone = QStringLiteral("07700 900555");
        REQUIRE(f.service.update(same).ok());
    }
    SECTION("a soft-deleted patient's number can be given to a new patient")
    {
        REQUIRE(f.service.remove(first, QStringLiteral("Registered twice")).ok());
        const Patient again = f.add(person(QStringLiteral("Smith"), QStringLiteral("Jo Anne"), QDate(1960, 3, 12),
                                           QStringLiteral("9990000018"), QStringLiteral("RX101")));
        CHECK(again.id != first.id);
        CHECK(must(f.repo().liveByNhsNumber(QStringLiteral("9990000018")))->id == again.id);
    }
}

TEST_CASE("A patient ref is used once, by live and removed patients alike", "[services][patient]")
{
    Fixture f;
    const Patient first = f.add(smithJohn());
    Patient other = person(QStringLiteral("Jones"), QStringLiteral("Ivy"), QDate(1971, 1, 1), {}, QStringLiteral("RX100"));

    auto refused = f.service.add(other);
    REQUIRE_FALSE(refused.ok());
    CHECK(hasFieldError(refused.problem, QStringLiteral("patient_ref"), QStringLiteral("RX100")));
    CHECK(f.patients() == 1);

    REQUIRE(f.service.remove(first, QStringLiteral("Test record")).ok());
    refused = f.service.add(other);
    REQUIRE_FALSE(refused.ok());
    CHECK(hasFieldError(refused.problem, QStringLiteral("patient_ref")));
    CHECK(f.patients() == 1);
}

TEST_CASE("Invalid patients are refused with an error on the right field and nothing is written", "[services][patient]")
{
    struct Case {
        const char *name;
        std::function<void(Patient &)> change;
        const char *field;
        const char *text; // part of the message
    };
    const std::vector<Case> cases{
        {"date of birth tomorrow", [](Patient &p) { p.dateOfBirth = QDate(2024, 6, 4); }, "date_of_birth", "future"},
        {"date of birth missing", [](Patient &p) { p.dateOfBirth = QDate(); }, "date_of_birth", "required"},
        {"date of birth before 1880", [](Patient &p) { p.dateOfBirth = QDate(1879, 12, 31); }, "date_of_birth", "1880"},
        {"date of death in the future", [](Patient &p) { p.dateOfDeath = QDate(2025, 1, 1); }, "date_of_death", "future"},
        {"date of death before birth", [](Patient &p) { p.dateOfDeath = QDate(1959, 1, 1); }, "date_of_death", "before the date of birth"},
        {"NHS number of one repeated digit", [](Patient &p) { p.nhsNumber = QStringLiteral("999 999 9999"); }, "nhs_number", "repeated"},
        {"NHS number with a wrong check digit", [](Patient &p) { p.nhsNumber = QStringLiteral("9990000017"); }, "nhs_number", "check digit"},
        {"NHS number of 9 digits", [](Patient &p) { p.nhsNumber = QStringLiteral("999000001"); }, "nhs_number", "9 digits"},
        {"NHS number with letters", [](Patient &p) { p.nhsNumber = QStringLiteral("999OOO0018"); }, "nhs_number", "letters"},
        {"family name missing", [](Patient &p) { p.familyName = QStringLiteral("   "); }, "family_name", "required"},
        {"given name of punctuation only", [](Patient &p) { p.givenName = QStringLiteral("-'"); }, "given_name", "letter"},
        {"postcode not a postcode", [](Patient &p) { p.postcode = QStringLiteral("NW1"); }, "postcode", "not a UK postcode"},
    };
    for (const Case &c : cases) {
        DYNAMIC_SECTION(c.name)
        {
            Fixture f;
            Patient p = smithJohn();
            c.change(p);
            const auto refused = f.service.add(p);
            INFO(fieldsOf(refused.problem));
            REQUIRE_FALSE(refused.ok());
            CHECK(hasFieldError(refused.problem, QString::fromLatin1(c.field), QString::fromUtf8(c.text)));
            CHECK(f.patients() == 0);
            CHECK(f.changes() == 0);
        }
    }
}

TEST_CASE("Every field error is reported at once", "[services][patient]")
{
    Fixture f;
    Patient p = smithJohn();
    p.familyName.clear();
    p.dateOfBirth = QDate(2030, 1, 1);
    p.postcode = QStringLiteral("nowhere");
    const auto refused = f.service.add(p);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.fieldErrors.size() == 3);
    CHECK(hasFieldError(refused.problem, QStringLiteral("family_name")));
    CHECK(hasFieldError(refused.problem, QStringLiteral("date_of_birth")));
    CHECK(hasFieldError(refused.problem, QStringLiteral("postcode")));
    CHECK(refused.problem.summary().contains(QStringLiteral("Family name is required.")));
}

TEST_CASE("Borderline values that are valid are accepted", "[services][patient]")
{
    Fixture f;
    Patient bornToday = person(QStringLiteral("Newborn"), QStringLiteral("Baby"), QDate(2024, 6, 3));
    bornToday.postcode = QStringLiteral("zz993wz"); // not known
    const Patient saved = f.add(bornToday);
    CHECK(saved.postcode == QStringLiteral("ZZ99 3WZ"));
    CHECK(saved.nhsNumber.isEmpty());
    CHECK(f.column(saved.id, QStringLiteral("nhs_number")).isNull());
    CHECK(f.column(saved.id, QStringLiteral("postcode")) == QStringLiteral("ZZ99 3WZ"));

    Patient died = person(QStringLiteral("Elder"), QStringLiteral("Ruth"), QDate(1930, 1, 1), nhsNumber(3));
    died.dateOfDeath = QDate(2024, 6, 3);
    CHECK(f.add(died).dateOfDeath == QDate(2024, 6, 3));
}

TEST_CASE("possibleDuplicates finds live patients with the same name keys and date of birth", "[services][patient]")
{
    Fixture f;
    const Patient obrien = f.add(person(QStringLiteral("O'Brien"), QStringLiteral("Seán"), QDate(1955, 5, 5), {}, QStringLiteral("A1")));
    f.add(person(QStringLiteral("O'Brien"), QStringLiteral("Sean"), QDate(1955, 5, 6), {}, QStringLiteral("A2"))); // other DOB
    f.add(person(QStringLiteral("OBrien"), QStringLiteral("Siobhan"), QDate(1955, 5, 5), {}, QStringLiteral("A3"))); // other name

    const Patient candidate = person(QStringLiteral("obrien"), QStringLiteral("SEAN"), QDate(1955, 5, 5));
    auto found = must(f.service.possibleDuplicates(candidate));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == obrien.id);

    // Registering the duplicate is allowed (the GUI warns); it then sees the first, not itself.
    const Patient twin = f.add(person(QStringLiteral("O Brien"), QStringLiteral("Sean"), QDate(1955, 5, 5), {}, QStringLiteral("A4")));
    found = must(f.service.possibleDuplicates(twin));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == obrien.id);
    found = must(f.service.possibleDuplicates(obrien));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id == twin.id);

    // A removed patient is not offered.
    REQUIRE(f.service.remove(twin, QStringLiteral("Duplicate of A1")).ok());
    CHECK(must(f.service.possibleDuplicates(obrien)).empty());
    CHECK(must(f.service.possibleDuplicates(person(QStringLiteral("Nobody"), QStringLiteral("Here"), QDate(1955, 5, 5)))).empty());
}

TEST_CASE("remove is a soft delete with a reason, restore brings the patient back", "[services][patient]")
{
    Fixture f;
    Patient p = f.add(smithJohn());
    const Patient other = f.add(person(QStringLiteral("Smithers"), QStringLiteral("Al"), QDate(1961, 1, 1), {}, QStringLiteral("RX300")));
    const auto smith = domain::parsePatientSearch(QStringLiteral("smith"));
    REQUIRE(must(f.repo().count(smith)) == 2);

    // A reason is required.
    const Status noReason = f.service.remove(p, QStringLiteral("   "));
    REQUIRE_FALSE(noReason.ok());
    CHECK(noReason.error().contains(QStringLiteral("reason")));
    CHECK_FALSE(f.reload(p.id).isDeleted());
    CHECK(f.changes() == 2);

    *f.clock = fixedNow().addDays(1);
    REQUIRE(f.service.remove(p, QStringLiteral("  Registered   twice ")).ok());

    const Patient removed = f.reload(p.id); // byId still returns it
    CHECK(removed.isDeleted());
    CHECK(removed.deletedAt == fixedNow().addDays(1));
    CHECK(removed.deletionReason == QStringLiteral("Registered twice"));
    CHECK(removed.rowVersion == 2);
    CHECK(removed.familyName == QStringLiteral("Smith")); // the record itself stays
    CHECK(f.column(p.id, QStringLiteral("deleted_by")) == testActor);
    CHECK(must(f.repo().byRef(QStringLiteral("RX100"))).has_value());
    CHECK_FALSE(must(f.repo().liveByNhsNumber(QStringLiteral("9990000018"))).has_value());

    // Hidden from lists, searches and counts.
    CHECK(must(f.repo().count(smith)) == 1);
    CHECK(must(f.repo().count({})) == 1);
    const auto all = must(f.repo().search({}, 100));
    REQUIRE(all.size() == 1);
    CHECK(all[0].id == other.id);
    CHECK(must(f.repo().search(domain::parsePatientSearch(QStringLiteral("9990000018")), 10)).empty());
    CHECK(must(f.repo().search(domain::parsePatientSearch(QStringLiteral("RX100")), 10)).empty());

    auto log = must(storage::historyOf(*f.t, QStringLiteral("patient"), p.id));
    REQUIRE(log.size() == 2);
    CHECK(log[1].action == QStringLiteral("delete"));
    CHECK(log[1].at == fixedNow().addDays(1));
    CHECK(log[1].actor == testActor);
    CHECK(parseChanges(log[1].changesJson)
          == QJsonObject{{QStringLiteral("deletion_reason"), oldNew(QString(), QStringLiteral("Registered twice"))}});

    *f.clock = fixedNow().addDays(2);
    REQUIRE(f.service.restore(removed).ok());
    const Patient restored = f.reload(p.id);
    CHECK_FALSE(restored.isDeleted());
    CHECK(restored.deletionReason.isEmpty());
    CHECK(restored.rowVersion == 3);
    CHECK(f.column(p.id, QStringLiteral("deleted_by")).isEmpty());
    CHECK(must(f.repo().count(smith)) == 2);
    CHECK(must(f.repo().liveByNhsNumber(QStringLiteral("9990000018")))->id == p.id);

    log = must(storage::historyOf(*f.t, QStringLiteral("patient"), p.id));
    REQUIRE(log.size() == 3);
    CHECK(log[2].action == QStringLiteral("restore"));
    CHECK(log[2].at == fixedNow().addDays(2));
    CHECK(parseChanges(log[2].changesJson)
          == QJsonObject{{QStringLiteral("deletion_reason"), oldNew(QStringLiteral("Registered twice"), QString())}});
}

TEST_CASE("restore is refused when another live patient took the NHS number meanwhile", "[services][patient]")
{
    Fixture f;
    const Patient first = f.add(smithJohn());
    REQUIRE(f.service.remove(first, QStringLiteral("Wrong patient")).ok());
    const Patient second = f.add(person(QStringLiteral("Smyth"), QStringLiteral("Joan"), QDate(1960, 3, 12),
                                        QStringLiteral("9990000018"), QStringLiteral("RX555")));
    const int changesBefore = f.changes();

    const Patient removed = f.reload(first.id);
    const Status refused = f.service.restore(removed);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QStringLiteral("Cannot restore")));
    CHECK(refused.error().contains(QStringLiteral("RX555"))); // the ref, never another patient's name
    CHECK(f.reload(first.id).isDeleted());
    CHECK(f.reload(first.id).rowVersion == removed.rowVersion);
    CHECK(f.changes() == changesBefore);
    CHECK(must(f.repo().liveByNhsNumber(QStringLiteral("9990000018")))->id == second.id);
}

TEST_CASE("restore of a patient who is not removed is refused and writes nothing", "[services][patient]")
{
    Fixture f;
    const Patient p = f.add(smithJohn());
    const int changesBefore = f.changes();
    const Status refused = f.service.restore(p);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QStringLiteral("not removed")));
    CHECK(f.reload(p.id).rowVersion == p.rowVersion);
    CHECK(f.changes() == changesBefore);
}

TEST_CASE("A patient registered without a ref gets an unused local ref", "[services][patient]")
{
    Fixture f;
    static const QRegularExpression localRef(QStringLiteral("^PM\\d{6}$"));

    const Patient first = f.add(person(QStringLiteral("Ash"), QStringLiteral("Ann"), QDate(1980, 1, 1)));
    CHECK(first.patientRef == QStringLiteral("PM000001"));
    CHECK(f.reload(first.id).patientRef == QStringLiteral("PM000001"));

    // An imported ref that happens to look like the next local one.
    f.add(person(QStringLiteral("Birch"), QStringLiteral("Ben"), QDate(1981, 1, 1), {}, QStringLiteral("PM000003")));
    const Patient third = f.add(person(QStringLiteral("Cedar"), QStringLiteral("Cat"), QDate(1982, 1, 1), {}, QStringLiteral("  ")));
    CHECK(localRef.match(third.patientRef).hasMatch());
    CHECK(third.patientRef != QStringLiteral("PM000003"));
    CHECK(third.patientRef == QStringLiteral("PM000004"));

    // Refs stay unique over many registrations.
    QSet<QString> refs{first.patientRef, QStringLiteral("PM000003"), third.patientRef};
    for (int i = 0; i < 20; ++i) {
        const Patient p = f.add(person(QStringLiteral("Elm"), QStringLiteral("Eve"), QDate(1990, 1, 1).addDays(i)));
        CHECK(localRef.match(p.patientRef).hasMatch());
        CHECK_FALSE(refs.contains(p.patientRef));
        refs.insert(p.patientRef);
    }
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(DISTINCT patient_ref) FROM patient")).toInt() == 23);
}

TEST_CASE("update requires a patient ref", "[services][patient]")
{
    Fixture f;
    Patient p = f.add(smithJohn());
    p.patientRef = QStringLiteral("  ");
    const auto refused = f.service.update(p);
    REQUIRE_FALSE(refused.ok());
    CHECK(hasFieldError(refused.problem, QStringLiteral("patient_ref"), QStringLiteral("required")));
    CHECK(f.reload(p.id).patientRef == QStringLiteral("RX100"));
}

TEST_CASE("The audit screen's patient look-up takes exactly the ref or NHS number typed, removed patients too",
          "[services][patient]")
{
    Fixture f;
    auto removed = f.add(person(QStringLiteral("Gone"), QStringLiteral("Ann"), QDate(1950, 1, 1), QStringLiteral("9990000018"),
                                QStringLiteral("RX12")));
    REQUIRE(f.service.remove(removed, QStringLiteral("Registered twice")).ok());
    const auto live = f.add(person(QStringLiteral("Here"), QStringLiteral("Bea"), QDate(1960, 1, 1), QStringLiteral("9990000026"),
                                   QStringLiteral("RX123")));
    CHECK(must(f.service.byRefOrNhsNumber(QStringLiteral("RX12")))->id == removed.id); // not RX123, which starts so
    CHECK(must(f.service.byRefOrNhsNumber(QStringLiteral(" RX123 ")))->id == live.id);
    CHECK(must(f.service.byRefOrNhsNumber(QStringLiteral("999 000 0018")))->id == removed.id);
    CHECK(must(f.service.byRefOrNhsNumber(QStringLiteral("999-000-0026")))->id == live.id);
    CHECK_FALSE(must(f.service.byRefOrNhsNumber(QStringLiteral("RX1"))).has_value());
    CHECK_FALSE(must(f.service.byRefOrNhsNumber(QStringLiteral("999000"))).has_value());
}

TEST_CASE("Writers on their own connections adding one to the same counter lose no update", "[services][patient][concurrency]")
{
    // Read, change, save, and on a stale refusal read again: the optimistic lock is all that
    // stands between two writers, so the counter must end at exactly the saves they made.
    Fixture f;
    Patient counter = smithJohn();
    counter.phone = QStringLiteral("0");
    const Patient added = f.add(counter);
    constexpr int writers = 4, savesEach = 60;
    struct Tally {
        int saved = 0, stale = 0, other = 0;
        QString failure;
    };
    std::vector<Tally> tallies(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            Tally &tally = tallies[size_t(w)];
            auto db = storage::Database::open(f.t.path, storage::OpenMode::MustExist);
            if (!db)
                return void(tally.failure = db.error());
            services::PatientService writer(*db.value(), fixedStamps(QStringLiteral("writer.%1").arg(w)));
            while (tally.saved < savesEach && tally.other < 1000) {
                const auto read = writer.byId(added.id);
                if (!read || !read->has_value())
                    return void(tally.failure = read ? QStringLiteral("gone") : read.error());
                Patient next = *read.value();
                next.phone = QString::number(next.phone.toInt() + 1);
                const auto saved = writer.update(next);
                (saved.ok() ? tally.saved : saved.problem.stale ? tally.stale : tally.other) += 1;
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    int saved = 0;
    for (const Tally &tally : tallies) {
        INFO(tally.failure.toStdString());
        CHECK(tally.failure.isEmpty());
        saved += tally.saved;
    }
    const Patient stored = f.reload(added.id);
    CHECK(saved == writers * savesEach);
    CHECK(stored.phone.toInt() == saved);
    CHECK(stored.rowVersion == added.rowVersion + saved);
}
