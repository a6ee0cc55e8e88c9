#include "interchange/demogenerator.h"

#include "interchange/democosts.h"
#include "services/accountservice.h"
#include "services/reviewservice.h"
#include "services/settingsservice.h"

#include "domain/nhsnumber.h"
#include "services/patientservice.h"
#include "storage/transaction.h"
#include "interchange/demoepisodes.h"
#include "interchange/demorandom.h"

#include <algorithm>
#include <QCoreApplication>
#include <array>
#include <random>

namespace painmdt::interchange {

using domain::Patient;
using domain::Sex;

namespace {

constexpr std::array familyNames{
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
    "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes",
    "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan",
    "Scott", "Watson", "Davis", "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell",
    "Bailey", "Carter", "Cook", "Singh", "Shaw", "Bell", "Collins", "Morgan", "Kelly", "Begum",
    "Miller", "Cox", "Hussain", "Marshall", "Simpson", "Price", "Anderson", "Adams", "Wilkinson", "Ali",
    "Ahmed", "Foster", "Ellis", "Murphy", "Chapman", "Mason", "Gray", "Richards", "Webb", "Griffiths",
    "Hunt", "Palmer", "Campbell", "Holmes", "Mills", "Rogers", "Barnes", "Knight", "Matthews", "Barker",
    "Powell", "Stevens", "Kaur", "Fisher", "Butler", "Dixon", "Russell", "Harvey", "Pearson", "Graham",
    "O'Brien", "Okafor", "Nowak", "Kowalski", "Nguyen", "Chen", "Mensah", "Osei", "Ahmed-Jones", "Da Silva",
    "Fernandes", "Rahman", "Choudhury", "Ibrahim", "Mahmood", "Sharma", "Gill", "McDonald", "MacLeod", "Byrne",
    "Doyle", "Quinn", "Lloyd", "Pritchard", "Vaughan", "Rees", "Owen", "Jenkins", "Howells", "Sutherland"};

constexpr std::array femaleNames{
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Sophie", "Emily", "Jessica", "Lily",
    "Sarah", "Emma", "Hannah", "Rachel", "Laura", "Rebecca", "Claire", "Helen", "Susan", "Margaret",
    "Patricia", "Linda", "Karen", "Julie", "Deborah", "Janet", "Joan", "Mary", "Elizabeth", "Anne",
    "Fatima", "Aisha", "Priya", "Amina", "Zainab", "Chloe", "Megan", "Niamh", "Siobhan", "Agnieszka",
    "Maria", "Ana", "Yasmin", "Nadia", "Joy", "Blessing", "Grace-Ann", "Eleanor", "Ruth", "Pauline"};

constexpr std::array maleNames{
    "Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur", "Muhammad", "Thomas", "James",
    "David", "John", "Michael", "Paul", "Mark", "Peter", "Andrew", "Richard", "Stephen", "Robert",
    "Christopher", "Daniel", "Matthew", "Gary", "Kevin", "Brian", "Colin", "Keith", "Graham", "Ian",
    "Mohammed", "Ahmed", "Ravi", "Sanjay", "Tomasz", "Piotr", "Kwame", "Chinedu", "Sean", "Ciaran",
    "Dylan", "Rhys", "Owen", "Callum", "Jamal", "Omar", "Hamza", "Luca", "Mateus", "Frank"};

// Outward codes of places a roaming team might cover (London, Berkshire and beyond).
constexpr std::array outwardCodes{
    "NW1", "NW5", "WC1E", "WC1N", "N7", "N19", "NW3", "NW6", "N1", "EC1V", "E1", "SE1", "SW9",
    "RG1", "RG2", "RG4", "RG6", "RG30", "RG31", "RG14", "SL1", "SL6", "M1", "M14", "LS6", "B15", "BS8"};

constexpr std::array gpPractices{"Y00001", "Y00002", "Y00003", "Y00004", "Y00005", "Y00006",
                                 "Y00007", "Y00008", "Y00009", "Y00010", "Y00011", "Y00012"};

// Sequential valid numbers from the reserved 999 range, starting at a seeded offset.
class NhsNumbers {
public:
    explicit NhsNumbers(Rng &rng) : m_next(rng.below(500000)) {}
    QString next()
    {
        for (;;) {
            const QString nine = QStringLiteral("999%1").arg(m_next++ % 1000000, 6, 10, QLatin1Char('0'));
            const auto check = domain::nhsCheckDigit(nine);
            const QString digits = nine + QString::number(check.value_or(0));
            if (check && domain::checkNhsNumber(digits).ok())
                return digits;
        }
    }

private:
    int m_next;
};

QString inwardCode(Rng &rng)
{
    static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ"; // inward letters never use CIKMOV
    return QStringLiteral("%1%2%3").arg(rng.below(10)).arg(QLatin1Char(letters[rng.below(20)]))
        .arg(QLatin1Char(letters[rng.below(20)]));
}

// Chronic pain patients are mostly adults of working age and older.
QDate birthDate(Rng &rng, const QDate &today)
{
    const int age = 18 + (rng.below(45) + rng.below(45)); // 18..106, peaking in the 60s
    return today.addYears(-age).addDays(-rng.below(365));
}

Patient makePatient(Rng &rng, NhsNumbers &nhs, int index, const QDate &today)
{
    Patient p;
    const int sexRoll = rng.below(100);
    p.sex = sexRoll < 58 ? Sex::Female : sexRoll < 98 ? Sex::Male : sexRoll < 99 ? Sex::Other : Sex::NotRecorded;
    p.familyName = QString::fromUtf8(rng.pick(familyNames));
    p.givenName = QString::fromUtf8(p.sex == Sex::Female ? rng.pick(femaleNames)
                                    : p.sex == Sex::Male ? rng.pick(maleNames)
                                    : rng.chance(50) ? rng.pick(femaleNames) : rng.pick(maleNames));
    p.dateOfBirth = birthDate(rng, today);
    p.patientRef = QStringLiteral("RX%1").arg(index + 100000, 7, 10, QLatin1Char('0'));
    // A&E registrations before the number is traced: about 2 % without an NHS number.
    p.nhsNumber = rng.chance(2) ? QString() : nhs.next();
    p.postcode = rng.chance(1) ? QStringLiteral("ZZ99 3VZ")
                               : QStringLiteral("%1 %2").arg(QLatin1String(rng.pick(outwardCodes)), inwardCode(rng));
    p.phone = QStringLiteral("07700 900%1").arg(rng.below(1000), 3, 10, QLatin1Char('0')); // Ofcom drama range
    p.gpPractice = QString::fromLatin1(rng.pick(gpPractices));
    if (rng.below(1000) < 5)
        p.dateOfDeath = today.addDays(-rng.below(700) - 1);
    return p;
}

} // namespace

// One account per role; demo.admin is the first administrator of a database without one.
// Weekly MDT meetings over the last six weeks: the suggested patients on each agenda, with a
// discussion, a decision and an action or two (the older ones done).
Status addDemoReviews(storage::Database &db, const services::StampSource &stamps, Rng &rng, const QDate &today)
{
    static constexpr std::array discussions{
        "Check-ins missed twice; phoned the GP, no A&E visits.",
        "High STarT Back score; fear of movement is the main barrier.",
        "Flare-up managed at home with the plan; sleep still poor.",
        "Asking about surgery again; spinal team said not indicated."};
    static constexpr std::array decisions{"Home visit this week", "Refer to the psychologist for two sessions",
                                          "Carry on fortnightly calls", "Joint appointment with the physio"};
    static constexpr std::array owners{"a.okoro", "b.hughes", "c.patel", "demo.clinician"};
    services::ReviewService reviews(db, stamps);
    const auto suggested = reviews.suggestions(today, 30);
    if (!suggested)
        return Error{suggested.error()};
    size_t next = 0;
    for (int week = 6; week >= 0 && next < suggested->size(); --week) {
        domain::MdtMeeting m;
        m.heldOn = today.addDays(-7 * week);
        m.title = QStringLiteral("Weekly MDT");
        m.attendees = QStringLiteral("a.okoro\nb.hughes\nc.patel\ndemo.clinician");
        const auto meeting = reviews.saveMeeting(m);
        if (!meeting.ok())
            return Error{meeting.problem.summary()};
        for (int i = 0; i < 4 && next < suggested->size(); ++i, ++next) {
            const auto &s = suggested.value()[next];
            auto item = reviews.addToAgenda(meeting.value->id, s.patientId, s.why);
            if (!item.ok())
                return Error{item.problem.summary()};
            item.value->discussion = QString::fromLatin1(rng.pick(discussions));
            item.value->decisions = QString::fromLatin1(rng.pick(decisions));
            if (const auto saved = reviews.saveItem(*item.value); !saved.ok())
                return Error{saved.problem.summary()};
            domain::MdtAction a;
            a.itemId = item.value->id;
            a.description = item.value->decisions;
            a.owner = QString::fromLatin1(rng.pick(owners));
            a.dueOn = m.heldOn.addDays(7 + rng.below(14));
            if (a.dueOn < today.addDays(-3) && rng.chance(70))
                a.doneOn = a.dueOn.addDays(-rng.below(3));
            if (const auto saved = reviews.saveAction(a); !saved.ok())
                return Error{saved.problem.summary()};
        }
    }
    return success();
}

Status addDemoAccounts(storage::Database &db)
{
    services::AccountService anyone(db);
    const auto count = anyone.accountCount();
    if (!count)
        return Error{count.error()};
    const QString password = QString::fromLatin1(demoPassword);
    auto admin = count.value() == 0 ? anyone.createFirstAdmin(QStringLiteral("demo.admin"), password)
                                    : Result<services::StampSource>(services::StampSource(
                                          QStringLiteral("demo"), [] { return QDateTime::currentDateTimeUtc(); },
                                          domain::Role::Admin));
    if (!admin)
        return Error{admin.error()};
    services::AccountService accounts(db, admin.value());
    const auto existing = accounts.accounts();
    if (!existing)
        return Error{existing.error()};
    // An account the database already has is left as it is: the one who made the database may
    // have logged in as demo.admin (PAINMDT_USER=demo.admin, as the docs' examples do).
    const auto has = [&existing](const char *name) {
        return std::any_of(existing->begin(), existing->end(), [name](const services::Account &account) {
            return account.userName.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
        });
    };
    for (const DemoAccount &a : demoAccounts) {
        if (has(a.userName))
            continue;
        const auto added = accounts.addUser(QString::fromLatin1(a.userName), {}, *domain::parseRole(QLatin1String(a.role)), password);
        if (!added.ok())
            return Error{added.problem.summary()};
    }
    return success();
}

Result<DemoSummary> generateDemo(storage::Database &db, const DemoOptions &options)
{
    // The generator is the demo's own administrator: it writes through the same door as anyone.
    const services::StampSource stamps(QStringLiteral("demo"), [] { return QDateTime::currentDateTimeUtc(); },
                                       domain::Role::Admin);
    services::PatientService service(db, stamps);
    services::ReferralService referrals(db, stamps);
    DemoSummary summary;
    const auto anyone = service.find({}, 1);
    if (!anyone)
        return anyone.failure();
    if (!anyone->patients.empty())
        return Error{QCoreApplication::translate("Demo", "This database already has patients; the demo "
                                                         "generator writes only into a new database.")};
    Rng rng(options.seed);
    const int permille = referralPermille(options.patients,
                                          options.referrals.value_or(std::min(12000, options.patients / 2)));
    NhsNumbers nhs(rng);
    storage::Transaction tx(db);
    if (!tx.ok())
        return Error{tx.error()};
    for (int i = 0; i < options.patients; ++i) {
        if (options.progress && i % 200 == 0 && !options.progress(i, options.patients))
            return Error{QCoreApplication::translate("Demo", "Cancelled; nothing was written.")};
        Patient p = makePatient(rng, nhs, i, options.today);
        if (p.dateOfDeath.isValid() && p.dateOfDeath < p.dateOfBirth)
            p.dateOfDeath = {};
        const auto saved = service.add(p);
        if (!saved.ok())
            return Error{saved.problem.summary()};
        ++summary.patients;
        if (Status s = addDemoEpisodes(referrals, rng, *saved.value, permille, options.today, summary); !s)
            return Error{s.error()};
    }
    if (Status s = addDemoCosts(db, stamps, options.today, summary); !s)
        return Error{s.error()};
    if (Status s = addDemoAccounts(db); !s)
        return Error{s.error()};
    if (Status s = addDemoReviews(db, stamps, rng, options.today); !s)
        return Error{s.error()};
    if (Status s = services::SettingsService(db, stamps).markAsDemo(); !s) // every screen says "demo"
        return Error{s.error()};
    if (Status s = tx.commit(); !s)
        return Error{s.error()};
    return summary;
}

} // namespace painmdt::interchange
