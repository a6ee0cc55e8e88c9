// Connection faults on the team server (issue 12): the server ends PainMDT's connection (as a
// restart or a dropped network does) and the next statement says so; the connection is made
// again with nothing sent twice, and a write after it is saved exactly once.
#include "services/patientservice.h"
#include "storage/transaction.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>
#include <QThread>

using namespace painmdt;
using namespace painmdt::test;

namespace {

// Ends the server side of `db`'s connection, as a restart does, and waits until it is gone.
void dropConnection(storage::Database &db)
{
    const qint64 pid = scalar(db, QStringLiteral("SELECT pg_backend_pid()")).toLongLong();
    REQUIRE(onTestServer(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
    for (int i = 0; i < 100; ++i) {
        const bool gone = withTestServer(QStringLiteral("postgres"), [&](QSqlDatabase &admin) {
            QSqlQuery q(admin);
            return q.exec(QStringLiteral("SELECT 1 FROM pg_stat_activity WHERE pid = %1").arg(pid)) && !q.next();
        });
        if (gone)
            return;
        QThread::msleep(50);
    }
    FAIL("the server did not end the connection");
}

} // namespace

TEST_CASE("A connection the server dropped is made again, and a save after it is made once", "[storage][server]")
{
    if (testServer().isEmpty()) {
        SUCCEED("a file has no connection to lose");
        return;
    }
    TempDatabase t;
    services::PatientService service(*t, fixedStamps());
    const auto added = service.add(person(QStringLiteral("Okafor"), QStringLiteral("Grace"), QDate(1960, 3, 12)));
    REQUIRE(added.ok());
    const int logged = countRows(*t, QStringLiteral("change_log"));

    SECTION("a save after the drop connects again first, and is saved once")
    {
        dropConnection(*t);
        auto changed = *added.value;
        changed.phone = QStringLiteral("07700 900123");
        const auto saved = service.update(changed);
        INFO(saved.problem.summary().toStdString());
        REQUIRE(saved.ok());
        CHECK(countRows(*t, QStringLiteral("change_log")) == logged + 1);
        CHECK(service.byId(added.value->id).value()->rowVersion == 2);
    }
    SECTION("a read after the drop connects again first")
    {
        dropConnection(*t);
        const auto read = service.byId(added.value->id);
        INFO((read ? std::string() : read.error().toStdString()));
        REQUIRE(read.ok());
        CHECK(read.value()->familyName == QStringLiteral("Okafor"));
    }
    SECTION("a drop inside a transaction fails it whole, says so, and nothing of it is sent again")
    {
        {
            storage::Transaction tx(*t);
            REQUIRE(tx.ok());
            QSqlQuery q(t->connection());
            REQUIRE(q.exec(QStringLiteral("UPDATE patient SET phone = 'half' WHERE id = %1").arg(added.value->id)));
            dropConnection(*t);
            const Status committed = tx.commit();
            REQUIRE_FALSE(committed.ok());
            INFO(committed.error().toStdString());
            CHECK((committed.error().contains(QStringLiteral("cannot tell whether it was saved"))
                   || committed.error().contains(QStringLiteral("connection"))));
        }
        const auto read = service.byId(added.value->id); // connected again, outside any transaction
        REQUIRE(read.ok());
        CHECK(read.value()->phone.isEmpty());
        CHECK(read.value()->rowVersion == 1);
        CHECK(countRows(*t, QStringLiteral("change_log")) == logged);
    }
}
