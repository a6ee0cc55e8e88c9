// PatientRepository::search and count: what the search box finds, in which order, and that the
// two SQL plans (few candidates / many candidates) give the same answers as a plain filter.
#include "domain/patient.h"
#include "domain/patientsearch.h"
#include "services/patientservice.h"
#include "storage/patientrepository.h"
#include "storage/transaction.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>

using namespace painmdt;
using namespace painmdt::test;
using domain::Patient;
using domain::SearchTerm;

namespace {

std::vector<std::string> refsOf(const std::vector<Patient> &patients)
{
    std::vector<std::string> refs;
    for (const Patient &p : patients)
        refs.push_back(p.patientRef.toStdString());
    return refs;
}

struct Seed {
    const char *ref;
    const char *family;
    const char *given;
    QDate dob;
    const char *nhs;
};

// Small registry: every search rule has a patient that should match and one that should not.
const std::vector<Seed> &smallRegistry()
{
    static const std::vector<Seed> seeds{
        {"RX1234", "Smith", "John", QDate(1960, 3, 12), "9990000018"},
        {"RX1299", "Smith", "Joanna", QDate(1975, 7, 1), "9990000026"},
        {"H100", "Smithson", "Mary", QDate(1960, 11, 30), "9990000034"},
        {"H101", "Asmith", "Peter", QDate(1982, 1, 15), ""},
        {"H102", "O'Brien", "Sean", QDate(1955, 5, 5), "9993000000"},
        {"RX2000", "Smith", "Alan", QDate(1960, 3, 12), "9991000003"},
        {"H103", "Jones", "Sarah", QDate(1990, 12, 25), ""},
        {"H104", "Jones", "John", QDate(1960, 7, 4), "9990000042"},
        {"H105", "Müller", "Jürgen", QDate(1948, 2, 29), "9992000015"},
        {"H106", "Ahmed-Jones", "Sarah", QDate(1985, 6, 15), ""},
        {"1960555", "Patel", "Ravi", QDate(1971, 9, 9), "9992000007"},
        {"H107", "MacLeod", "Fiona", QDate(1960, 1, 1), ""},
        {"H108", "McLeod", "Hamish", QDate(1959, 12, 31), ""},
        {"H109", "Smyth", "Joan", QDate(1961, 3, 12), ""},
        {"H110", "Dubois", "Zoë", QDate(2000, 2, 2), ""},
        {"H111", "Smith", "John", QDate(1950, 1, 1), ""},
        {"DEL1", "Smith", "Deleted", QDate(1960, 3, 12), "9990000050"}, // soft-deleted below
    };
    return seeds;
}

struct SmallRegistry {
    TempDatabase t;
    services::PatientService service{*t, fixedStamps()};

    SmallRegistry()
    {
        for (const Seed &s : smallRegistry()) {
            const auto saved = service.add(person(QString::fromUtf8(s.family), QString::fromUtf8(s.given), s.dob,
                                                  QString::fromLatin1(s.nhs), QString::fromLatin1(s.ref)));
            INFO(s.ref << ": " << saved.problem.summary().toStdString());
            REQUIRE(saved.ok());
            if (QLatin1String(s.ref) == QLatin1String("DEL1"))
                REQUIRE(service.remove(*saved.value, QStringLiteral("Test record")).ok());
        }
    }
    storage::PatientRepository repository{*t};
    storage::PatientRepository &repo() { return repository; }
    std::vector<std::string> find(const QString &text, int limit = 100)
    {
        return refsOf(must(repo().search(domain::parsePatientSearch(text), limit)));
    }
};

} // namespace

TEST_CASE("Search finds patients by name, number, date and ref, in name order", "[storage][search]")
{
    SmallRegistry r;
    using Refs = std::vector<std::string>;
    const Refs smiths{"RX2000", "RX1299", "H111", "RX1234", "H100"};
    const Refs bornOn12Mar1960{"RX2000", "RX1234"};
    const Refs nhs18{"RX1234"};
    struct Case {
        const char *query;
        Refs expected;
    };
    const std::vector<Case> cases{
        // Family prefix: Smith and Smithson, never Asmith, Smyth or the removed Smith.
        {"smi", smiths},
        {"SMITH", smiths},
        {"  Smith  ", smiths},
        {"smithson", {"H100"}},
        {"smy", {"H109"}},
        {"asm", {"H101"}},
        {"jo", {"H104", "H103"}},
        // Family then given prefixes.
        {"smith jo", {"RX1299", "H111", "RX1234"}},
        {"smith, jo", {"RX1299", "H111", "RX1234"}},
        {"Smith John", {"H111", "RX1234"}},
        {"smith a", {"RX2000"}},
        {"jones sarah", {"H103"}},
        {"smith x", {}},
        // NHS number: grouped, hyphenated, plain, padded, and a prefix.
        {"999 000 0018", nhs18},
        {"999-000-0018", nhs18},
        {"9990000018", nhs18},
        {" 9990000018 ", nhs18},
        {"9990000", {"H104", "RX1299", "RX1234", "H100"}},
        {"999 000 00", {"H104", "RX1299", "RX1234", "H100"}},
        {"9990000050", {}}, // the removed patient's number
        {"999100", {"RX2000"}},
        {"9992", {"H105", "1960555"}},
        // Date of birth in every accepted form.
        {"12-Mar-1960", bornOn12Mar1960},
        {"12-mar-1960", bornOn12Mar1960},
        {"12/03/1960", bornOn12Mar1960},
        {"12.03.1960", bornOn12Mar1960},
        {"1960-03-12", bornOn12Mar1960},
        {"smith 12/03/1960", bornOn12Mar1960},
        {"smith john 1960-03-12", {"RX1234"}},
        {"smyth 12/03/1960", {}},
        {"29-Feb-1948", {"H105"}},
        // Birth year: also a ref or NHS number prefix ("1960555" is a hospital number).
        {"smith 1960", {"RX2000", "RX1234", "H100"}},
        {"smith j 1960", {"RX1234"}},
        {"1960", {"H104", "H107", "1960555", "RX2000", "RX1234", "H100"}},
        {"1959", {"H108"}},
        {"2099", {}},
        // Patient ref prefix, any case.
        {"RX12", {"RX1299", "RX1234"}},
        {"rx12", {"RX1299", "RX1234"}},
        {"RX2", {"RX2000"}},
        {"h10", {"H106", "H101", "H104", "H103", "H107", "H108", "H105", "H102", "H100", "H109"}},
        {"h110", {"H110"}},
        {"DEL1", {}},
        {"smith rx12", {"RX1299", "RX1234"}},
        // Accents, apostrophes and hyphens do not matter.
        {"obrien", {"H102"}},
        {"o'brien", {"H102"}},
        {"O'BRIEN sean", {"H102"}},
        {"O\u2019Brien", {"H102"}},
        {"muller", {"H105"}},
        {"müller", {"H105"}},
        {"MÜLLER jürgen", {"H105"}},
        {"dubois zoe", {"H110"}},
        {"dubois zoë", {"H110"}},
        {"ahmed-jones", {"H106"}},
        {"ahmedjones", {"H106"}},
        {"ahmed", {"H106"}},
        {"jones", {"H104", "H103"}},
        {"mac", {"H107"}},
        {"m", {"H107", "H108", "H105"}},
        // Nothing typed lists everyone alive.
        {"", {"H106", "H101", "H110", "H104", "H103", "H107", "H108", "H105", "H102", "1960555",
              "RX2000", "RX1299", "H111", "RX1234", "H100", "H109"}},
        {"zzz", {}},
    };
    for (const Case &c : cases) {
        INFO("query: \"" << c.query << "\"");
        const QString query = QString::fromUtf8(c.query);
        CHECK(r.find(query) == c.expected);
        CHECK(must(r.repo().count(domain::parsePatientSearch(query))) == int(c.expected.size()));
    }
}

TEST_CASE("Search honours the limit and count stops at its cap", "[storage][search]")
{
    SmallRegistry r;
    const auto smi = domain::parsePatientSearch(QStringLiteral("smi"));
    CHECK(r.find(QStringLiteral("smi"), 2) == (std::vector<std::string>{"RX2000", "RX1299"}));
    CHECK(r.find(QStringLiteral("smi"), 1) == std::vector<std::string>{"RX2000"});
    CHECK(r.find(QStringLiteral("smi"), 5).size() == 5);
    CHECK(r.find(QStringLiteral("smi"), 6).size() == 5);

    struct Cap {
        int cap;
        int expected;
    };
    for (const Cap c : {Cap{0, 1}, Cap{1, 2}, Cap{2, 3}, Cap{4, 5}, Cap{5, 5}, Cap{6, 5}, Cap{1000, 5}}) {
        INFO("cap " << c.cap);
        CHECK(must(r.repo().count(smi, c.cap)) == c.expected);
    }
    CHECK(must(r.repo().count({})) == 16);
    CHECK(must(r.repo().count({}, 10)) == 11); // "more than 10"
    CHECK(must(r.repo().search({}, 3)).size() == 3);
}

TEST_CASE("Search results carry the whole patient record", "[storage][search]")
{
    SmallRegistry r;
    const auto found = must(r.repo().search(domain::parsePatientSearch(QStringLiteral("999 000 0018")), 10));
    REQUIRE(found.size() == 1);
    CHECK(found[0].id > 0);
    CHECK(found[0].familyName == QStringLiteral("Smith"));
    CHECK(found[0].givenName == QStringLiteral("John"));
    CHECK(found[0].dateOfBirth == QDate(1960, 3, 12));
    CHECK(found[0].nhsNumber == QStringLiteral("9990000018"));
    CHECK(found[0].rowVersion == 1);
    CHECK_FALSE(found[0].isDeleted());

    const auto muller = must(r.repo().search(domain::parsePatientSearch(QStringLiteral("muller")), 10));
    REQUIRE(muller.size() == 1);
    CHECK(muller[0].familyName == QStringLiteral("Müller"));
    CHECK(muller[0].givenName == QStringLiteral("Jürgen"));
}

namespace {

// The search rules written out plainly, to check the SQL against.
bool matches(const Patient &p, const SearchTerm &t)
{
    switch (t.kind) {
    case SearchTerm::Kind::FamilyPrefix: return domain::nameKey(p.familyName).startsWith(t.text);
    case SearchTerm::Kind::GivenPrefix: return domain::nameKey(p.givenName).startsWith(t.text);
    case SearchTerm::Kind::RefPrefix: return p.patientRef.toUpper().startsWith(t.text);
    case SearchTerm::Kind::BirthDate: return p.dateOfBirth == t.date;
    case SearchTerm::Kind::Digits:
        return p.nhsNumber.startsWith(t.text) || p.patientRef.toUpper().startsWith(t.text)
            || (domain::isBirthYear(t.text) && p.dateOfBirth.year() == t.text.toInt());
    }
    return false;
}

std::vector<qint64> bruteForce(const std::vector<Patient> &all, const std::vector<SearchTerm> &terms)
{
    std::vector<const Patient *> hits;
    for (const Patient &p : all)
        if (!p.isDeleted() && std::all_of(terms.begin(), terms.end(), [&](const SearchTerm &t) { return matches(p, t); }))
            hits.push_back(&p);
    std::sort(hits.begin(), hits.end(), [](const Patient *a, const Patient *b) {
        return std::make_tuple(domain::nameKey(a->familyName), domain::nameKey(a->givenName), a->dateOfBirth, a->id)
             < std::make_tuple(domain::nameKey(b->familyName), domain::nameKey(b->givenName), b->dateOfBirth, b->id);
    });
    std::vector<qint64> ids;
    for (const Patient *p : hits)
        ids.push_back(p->id);
    return ids;
}

// How many live patients a single term can match (what decides the SQL plan).
int candidates(const std::vector<Patient> &all, const SearchTerm &t)
{
    return int(std::count_if(all.begin(), all.end(), [&](const Patient &p) { return !p.isDeleted() && matches(p, t); }));
}

std::vector<qint64> idsOf(const std::vector<Patient> &patients)
{
    std::vector<qint64> ids;
    for (const Patient &p : patients)
        ids.push_back(p.id);
    return ids;
}

} // namespace

TEST_CASE("Search over 6000 patients agrees with a plain filter on both SQL plans", "[storage][search][large]")
{
    TempDatabase t;
    services::PatientService service(*t, fixedStamps());
    const char *families[] = {"Smith", "Smithson", "Smyth", "Jones", "Taylor", "Brown", "Patel", "Khan",
                              "O'Brien", "Nowak", "Okafor", "Ahmed-Jones", "Williams", "Wilson", "Evans",
                              "Walker", "Wright", "Robinson", "Thompson", "White"};
    const char *givens[] = {"John", "Joanna", "Joan", "Mary", "Sarah", "Ravi", "Amina", "Peter", "Sean",
                            "Olivia", "Oliver", "Grace", "Tomasz", "Chinedu", "Fatima", "Alan"};
    constexpr int total = 6000;
    const std::vector<QString> numbers = validNhsNumbers(total);

    std::vector<Patient> all;
    all.reserve(total);
    {
        storage::Transaction tx(*t);
        REQUIRE(tx.ok());
        for (int i = 0; i < total; ++i) {
            Patient p = person(QString::fromUtf8(families[(i * 7) % 20]), QString::fromUtf8(givens[(i * 5 + i / 20) % 16]),
                               QDate(1930, 1, 1).addDays((i * 37) % 27000));
            p.nhsNumber = i % 10 == 3 ? QString() : numbers[i];
            // Hospital numbers, some all digits so that a Digits term also matches refs.
            p.patientRef = i % 7 == 0 ? QStringLiteral("9991%1").arg(i, 4, 10, QLatin1Char('0'))
                                      : QStringLiteral("RX%1").arg(i, 5, 10, QLatin1Char('0'));
            const auto saved = service.add(p);
            INFO(i << ": " << saved.problem.summary().toStdString());
            REQUIRE(saved.ok());
            Patient stored = *saved.value;
            if (i % 50 == 17) {
                REQUIRE(service.remove(stored, QStringLiteral("Test record")).ok());
                stored.deletedAt = fixedNow();
            }
            all.push_back(stored);
        }
        REQUIRE(tx.commit().ok());
    }
    storage::PatientRepository repo(*t);
    REQUIRE(must(repo.count({})) == int(std::count_if(all.begin(), all.end(), [](const Patient &p) { return !p.isDeleted(); })));

    struct Case {
        const char *query;
        int plan; // 1: the Digits term has more than 2000 candidates, 0: at most 2000, -1: no Digits term
    };
    const std::vector<Case> cases{
        {"999", 1},          {"9990", 1},        {"99900", 1},      {"999000", 0},
        {"9990001", 0},      {"99900012", 0},    {"9991", 0},       {"99915", 0},
        {"1970", 0},
        {"smith 999", 1},    {"smi 9990", 1},    {"jo 999000", 0},  {"smith 9990001", 0},
        {"o'brien sean 999", 1}, {"ahmed 1970", 0}, {"RX001", -1},  {"smith jo", -1},
        {"smi", -1},         {"07-Feb-1930", -1},  {"smith rx0", -1}, {"999 000 1", 0},
    };
    for (const Case &c : cases) {
        const QString query = QString::fromUtf8(c.query);
        const auto terms = domain::parsePatientSearch(query);
        INFO("query: \"" << c.query << "\"");
        REQUIRE_FALSE(terms.empty());
        for (const SearchTerm &term : terms)
            if (term.kind == SearchTerm::Kind::Digits) {
                INFO("digits " << term.text.toStdString() << ": " << candidates(all, term) << " candidates");
                REQUIRE(c.plan >= 0);
                CHECK((candidates(all, term) > 2000) == (c.plan == 1));
            }

        const auto expected = bruteForce(all, terms);
        CHECK_FALSE(expected.empty()); // every query finds someone, so a wrong plan shows
        CHECK(idsOf(must(repo.search(terms, 10000))) == expected);
        CHECK(must(repo.count(terms)) == int(expected.size()));
        // The first page, as the patient list asks for it.
        const std::vector<qint64> firstPage(expected.begin(), expected.begin() + std::min<size_t>(50, expected.size()));
        CHECK(idsOf(must(repo.search(terms, 50))) == firstPage);
        CHECK(must(repo.count(terms, 100)) == std::min(int(expected.size()), 101));
    }
}
