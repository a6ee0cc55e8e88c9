// Property test (issue 6): random and mutated files, seeded from tests/data, fed to the CSV
// reader and to every importer. Whatever the bytes, each file is either imported or refused with
// a line (and, where it is about one field, a column); never a crash; and a refused file leaves
// the database exactly as it was. Seeded: a failure names its seed and case, and repeats.
#include "importsupport.h"

#include <QDirIterator>
#include <QSqlQuery>
#include <QSqlRecord>

#include <random>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QString dataFolder() { return QFileInfo(QStringLiteral(__FILE__)).absoluteDir().filePath(QStringLiteral("../data")); }

// One random change of the kind that breaks real files: a stray byte (NUL, quote, comma, line
// ends, invalid UTF-8), a lost or doubled piece, swapped lines, a cut-off end, a hostile cell.
QByteArray mutate(QByteArray bytes, std::mt19937 &rng)
{
    const auto pick = [&](qsizetype n) { return n <= 0 ? qsizetype(0) : qsizetype(rng() % quint64(n)); };
    static const QByteArray strays[] = {QByteArray(1, '\0'), "\"", ",", "\r", "\n", "\r\n", "\xFF", "\xC3", "\xEF\xBB\xBF",
                                        "\xE2\x80\xAE", "\xE2\x80\x8B", ";", ";;", "9999-99-99", "-1", "1066-10-14",
                                        "2099-01-01", QByteArray(300, 'x'), "ep0001", " "};
    switch (rng() % 8) {
    case 0: bytes.insert(pick(bytes.size() + 1), strays[pick(std::size(strays))]); break;
    case 1: if (!bytes.isEmpty()) bytes[pick(bytes.size())] = char(rng() % 256); break;
    case 2: bytes.remove(pick(bytes.size()), pick(20) + 1); break;
    case 3: bytes.truncate(pick(bytes.size() + 1)); break;
    case 4: {
        QList<QByteArray> lines = bytes.split('\n');
        if (lines.size() > 2)
            lines.swapItemsAt(1 + pick(lines.size() - 1), 1 + pick(lines.size() - 1));
        if (!lines.isEmpty())
            lines.insert(pick(lines.size()), lines.at(pick(lines.size())));
        bytes = lines.join('\n');
        break;
    }
    case 5: { // replace one cell of a data line
        QList<QByteArray> lines = bytes.split('\n');
        if (lines.size() > 1) {
            QByteArray &line = lines[1 + pick(lines.size() - 1)];
            QList<QByteArray> cells = line.split(',');
            cells[pick(cells.size())] = strays[pick(std::size(strays))];
            line = cells.join(',');
        }
        bytes = lines.join('\n');
        break;
    }
    case 6: bytes.replace('\n', rng() % 2 ? "\r" : "\r\r\n"); break;
    default: {
        QByteArray noise(pick(200), '\0');
        for (char &c : noise)
            c = char(rng() % 256);
        bytes.append(noise);
    }
    }
    return bytes;
}

// Every problem is placed: a line within the file (1 for header problems), and a column when
// it names one that the file or the kind has.
void checkPlaced(const ImportSummary &s, const QByteArray &file)
{
    const int lines = int(file.count('\n') + file.count('\r')) + 2;
    CHECK((!s.issues.empty() || !s.error.isEmpty() || s.ok));
    for (const ImportIssue &issue : s.issues) {
        INFO(issue.text().toStdString());
        CHECK(issue.line >= 1);
        CHECK(issue.line <= lines);
        CHECK_FALSE(issue.message.isEmpty());
    }
}

// The episode fixture's patients and referrals, on a clock late enough for every fixture date.
// (The other seed files' refs are unknown here: they exercise refusals.)
struct FuzzFixture {
    TempDatabase t;
    services::StampSource stamps{testActor, [] { return QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC); },
                                 domain::Role::Admin};
    services::PatientService patients{*t, stamps};
    services::ReferralService service{*t, stamps};

    FuzzFixture()
    {
        for (const char *file : {"episodes/patients.csv", "episodes/referrals_good.csv"}) {
            const ImportSummary s = importAs(QLatin1String(file), readBytes(dataFolder() + QLatin1Char('/') + QLatin1String(file)), {});
            INFO(file << issuesText(s));
            REQUIRE(s.ok);
        }
    }
    ImportSummary importAs(const QString &name, const QByteArray &bytes, const ImportOptions &options)
    {
        std::unique_ptr<interchange::RowImporter> importer;
        if (name.contains(QLatin1String("patients")))
            importer = std::make_unique<interchange::PatientImporter>(patients);
        else if (name.contains(QLatin1String("referrals")))
            importer = std::make_unique<interchange::ReferralImporter>(service);
        else if (name.contains(QLatin1String("contacts")))
            importer = std::make_unique<interchange::ContactImporter>(service);
        else
            importer = std::make_unique<interchange::AssessmentImporter>(service);
        return interchange::importCsv(*t, *importer, bytes, options);
    }
};

QStringList seedFiles()
{
    QStringList files;
    QDirIterator it(dataFolder(), {QStringLiteral("*.csv")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

} // namespace

TEST_CASE("The CSV reader never crashes and places every error, whatever the bytes", "[interchange][fuzz]")
{
    std::mt19937 rng(20261129);
    const QStringList seeds = seedFiles();
    REQUIRE(seeds.size() >= 8);
    for (int round = 0; round < 3000; ++round) {
        QByteArray bytes = readBytes(seeds.at(int(rng() % quint64(seeds.size()))));
        for (int k = 0, n = 1 + int(rng() % 4); k < n; ++k)
            bytes = mutate(bytes, rng);
        INFO("round " << round);
        const interchange::CsvTable table = interchange::parseCsv(bytes);
        const int lines = int(bytes.count('\n') + bytes.count('\r')) + 2;
        for (const interchange::CsvError &e : table.errors) {
            CHECK(e.line >= 1);
            CHECK(e.line <= lines);
            CHECK(e.column >= 0);
        }
        for (const interchange::CsvRecord &r : table.records)
            CHECK(r.fields.size() == table.header.size());
    }
}

TEST_CASE("Every importer, fed mutated files: imported, or refused with the database untouched",
          "[interchange][fuzz]")
{
    FuzzFixture f;
    std::mt19937 rng(6);
    const QStringList seeds = seedFiles();
    // A third as many on the team server: the same importers, each snapshot a dozen round trips.
    const int rounds = testServer().isEmpty() ? 120 : 40;
    int imported = 0, refused = 0;
    for (const QString &seed : seeds) {
        const QByteArray original = readBytes(seed);
        for (int round = 0; round < rounds; ++round) {
            QByteArray bytes = original;
            for (int k = 0, n = 1 + int(rng() % 3); k < n; ++k)
                bytes = mutate(bytes, rng);
            INFO(QFileInfo(seed).fileName().toStdString() << " round " << round << "\n" << bytes.left(600).toStdString());
            const QStringList before = snapshot(*f.t);
            const ImportSummary s = f.importAs(QFileInfo(seed).fileName(), bytes, {});
            INFO(issuesText(s));
            checkPlaced(s, bytes);
            CHECK(f.t->transactionDepth() == 0);
            if (s.ok) {
                ++imported;
                CHECK(s.rejected == 0);
            } else {
                ++refused;
                CHECK(snapshot(*f.t) == before); // atomic: not one row written
            }
        }
    }
    // Both outcomes were exercised, or the mutations are too weak (or too strong) to test anything.
    CHECK(imported >= 10 * rounds / 120);
    CHECK(refused > 200 * rounds / 120);
    // Hundreds of rolled-back rows and files later, the audit trail's chain still holds.
    const auto chain = storage::verifyAuditTrail(*f.t);
    REQUIRE(chain.ok());
    CHECK(chain->firstBrokenId == 0);
    CHECK(chain->rows > 10);
}

TEST_CASE("With --skip-invalid, mutated files import their valid rows and list exactly the others",
          "[interchange][fuzz]")
{
    FuzzFixture f;
    QTemporaryDir dir;
    std::mt19937 rng(7);
    const int rounds = testServer().isEmpty() ? 40 : 15;
    for (const QString &seed : seedFiles()) {
        const QByteArray original = readBytes(seed);
        for (int round = 0; round < rounds; ++round) {
            const QByteArray bytes = mutate(mutate(original, rng), rng);
            INFO(QFileInfo(seed).fileName().toStdString() << " round " << round);
            ImportOptions options;
            options.rejectsPath = dir.filePath(QStringLiteral("rejects.csv"));
            QFile::remove(options.rejectsPath);
            const QStringList before = snapshot(*f.t);
            const ImportSummary s = f.importAs(QFileInfo(seed).fileName(), bytes, options);
            INFO(issuesText(s));
            checkPlaced(s, bytes);
            if (!s.ok) { // a broken file structure: nothing, even with --skip-invalid
                CHECK(snapshot(*f.t) == before);
                continue;
            }
            CHECK(s.added + s.updated + s.unchanged + s.rejected == s.rows);
            const interchange::CsvTable rejects = interchange::parseCsv(readBytes(options.rejectsPath));
            CHECK(rejects.ok());
            CHECK(int(rejects.records.size()) == s.rejected);
        }
    }
}
