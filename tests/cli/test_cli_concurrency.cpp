// Several writers at once (issue 12, "Concurrency"): separate painmdt processes importing into one
// database, a file or (PAINMDT_TEST_PG) the team server. Each import is whole or absent, none is
// lost, and the audit trail, which every writer extends, still holds.
#include "clisupport.h"
#include "storage/changelog.h"

#include <memory>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QByteArray patientsFile(int writer, int count)
{
    QByteArray csv = "patient_ref,family_name,given_name,date_of_birth\n";
    for (int i = 0; i < count; ++i)
        csv += QStringLiteral("W%1-%2,Writer%1,Pat,19%3-0%4-1%5\n")
                   .arg(writer).arg(i).arg(50 + i % 40).arg(1 + i % 9).arg(i % 10).toUtf8();
    return csv;
}

} // namespace

TEST_CASE("Four processes importing into one database at once: every import whole, none lost, the audit chain intact",
          "[cli][concurrency]")
{
    Cli cli;
    const QString db = cli.database(QStringLiteral("shared.sqlite"));
    REQUIRE(cli.run({QStringLiteral("init"), QStringLiteral("--db"), db}).exitCode == 0);
    constexpr int writers = 4, perWriter = 400, rounds = 3;

    int imported = 0;
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::unique_ptr<QProcess>> running;
        for (int w = 0; w < writers; ++w) {
            const QString file = cli.path(QStringLiteral("w%1-%2.csv").arg(w).arg(round));
            writeBytes(file, patientsFile(w + writers * round, perWriter));
            auto &p = running.emplace_back(std::make_unique<QProcess>());
            cli.start(*p, {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--kind"),
                           QStringLiteral("patients"), file});
        }
        for (auto &p : running) {
            REQUIRE(p->waitForFinished(120000));
            const QString err = QString::fromUtf8(p->readAllStandardError());
            INFO(err.toStdString());
            // Whole, or refused as busy with nothing written; never half, never an engine's text.
            CHECK((p->exitCode() == 0 || err.contains(QStringLiteral("busy"))));
            if (p->exitCode() == 0)
                imported += perWriter;
        }
    }
    CHECK(imported >= writers * perWriter); // the writers wait their turn: most, here all, get through
    CHECK(patientsIn(db) == imported);
    auto opened = openDatabase(db);
    const auto chain = storage::verifyAuditTrail(*opened);
    REQUIRE(chain.ok());
    CHECK(chain->firstBrokenId == 0);
    CHECK(chain->rows >= imported);
}
