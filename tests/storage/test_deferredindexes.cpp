// A bulk load's deferred indexes (Database::deferIndexes, docs/adr/0027): dropped inside the
// outermost transaction, built again by its commit, brought back by its rollback; never left
// missing by a commit, never dropped inside a savepoint, never dropped on the server.
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/transaction.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QSqlQuery>

using namespace painmdt;
using namespace painmdt::test;

namespace {

const QStringList reportIndexes{QStringLiteral("attendance_patient"), QStringLiteral("attendance_date")};

// The indexes on attendance, with the statement that made each where the engine keeps it.
QStringList indexesOnAttendance(storage::Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(db.dialect().isFile()
                       ? QStringLiteral("SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema "
                                        "WHERE type = 'index' AND tbl_name = 'attendance' ORDER BY name")
                       : QStringLiteral("SELECT indexname || ': ' || indexdef FROM pg_indexes "
                                        "WHERE tablename = 'attendance' ORDER BY indexname")));
    QStringList names;
    while (q.next())
        names << q.value(0).toString();
    return names;
}

bool has(const QStringList &indexes, const QString &name)
{
    return std::any_of(indexes.begin(), indexes.end(), [&](const QString &i) { return i.startsWith(name + QLatin1Char(':')); });
}

} // namespace

TEST_CASE("Deferred indexes are dropped for the load and made again, the same, by its commit", "[storage][sqlite]")
{
    TempDatabase t;
    const QStringList before = indexesOnAttendance(*t);
    REQUIRE(has(before, reportIndexes[0]));
    REQUIRE(has(before, reportIndexes[1]));
    storage::Transaction tx(*t);
    REQUIRE(tx.ok());
    REQUIRE(t->deferIndexes(reportIndexes));
    CHECK(t->indexesDeferred());
    const QStringList during = indexesOnAttendance(*t);
    CHECK_FALSE(has(during, reportIndexes[0]));
    CHECK_FALSE(has(during, reportIndexes[1]));
    CHECK(has(during, QStringLiteral("attendance_ref_nocase"))); // only those named
    REQUIRE(tx.commit());
    CHECK_FALSE(t->indexesDeferred());
    CHECK(indexesOnAttendance(*t) == before);
}

TEST_CASE("A rollback brings deferred indexes back, and the next commit does not make them twice", "[storage][sqlite]")
{
    TempDatabase t;
    const QStringList before = indexesOnAttendance(*t);
    {
        storage::Transaction tx(*t);
        REQUIRE(t->deferIndexes(reportIndexes));
        REQUIRE(tx.rollback());
    }
    CHECK_FALSE(t->indexesDeferred());
    CHECK(indexesOnAttendance(*t) == before);
    storage::Transaction next(*t);
    REQUIRE(next.commit());
    CHECK(indexesOnAttendance(*t) == before);
}

TEST_CASE("An index rebuilt inside a savepoint that is rolled back is made again by the commit", "[storage][sqlite]")
{
    TempDatabase t;
    const QStringList before = indexesOnAttendance(*t);
    storage::Transaction tx(*t);
    REQUIRE(t->deferIndexes(reportIndexes));
    {
        storage::Transaction inner(*t);
        REQUIRE(t->rebuildDeferredIndexes()); // a read that needs them, inside a write's savepoint
        CHECK_FALSE(t->indexesDeferred());
        REQUIRE(inner.rollback()); // ... undone with the savepoint
    }
    CHECK(t->indexesDeferred());
    REQUIRE(tx.commit());
    CHECK(indexesOnAttendance(*t) == before);
}

TEST_CASE("Indexes are deferred only by the outermost transaction, and never on the server", "[storage]")
{
    TempDatabase t;
    const QStringList before = indexesOnAttendance(*t);
    SECTION("outside a transaction") {
        REQUIRE(t->deferIndexes(reportIndexes));
        CHECK_FALSE(t->indexesDeferred());
    }
    SECTION("inside a savepoint, whose rollback would bring them back unannounced") {
        storage::Transaction outer(*t);
        storage::Transaction inner(*t);
        REQUIRE(t->deferIndexes(reportIndexes));
        CHECK_FALSE(t->indexesDeferred());
        REQUIRE(inner.rollback());
        REQUIRE(outer.commit());
    }
    SECTION("on the server, where a dropped index locks every reader out until the commit") {
        storage::Transaction tx(*t);
        REQUIRE(t->deferIndexes(reportIndexes));
        CHECK(t->indexesDeferred() == t->dialect().isFile());
        if (!t->dialect().isFile())
            CHECK(indexesOnAttendance(*t) == before);
        REQUIRE(tx.commit());
    }
    CHECK(indexesOnAttendance(*t) == before);
}

TEST_CASE("A deferred index that cannot be made again fails the commit, and nothing is kept", "[storage][sqlite]")
{
    TempDatabase t;
    QSqlQuery q(t->connection());
    REQUIRE(q.exec(QStringLiteral("CREATE TABLE scratch (x INTEGER)")));
    REQUIRE(q.exec(QStringLiteral("CREATE UNIQUE INDEX scratch_x ON scratch(x)")));
    REQUIRE(q.exec(QStringLiteral("INSERT INTO scratch VALUES (1)")));
    {
        storage::Transaction tx(*t);
        REQUIRE(t->deferIndexes({QStringLiteral("scratch_x")}));
        REQUIRE(q.exec(QStringLiteral("INSERT INTO scratch VALUES (1)"))); // the index would have refused it
        const Status committed = tx.commit();
        REQUIRE_FALSE(committed);
        CHECK(committed.error().contains(QStringLiteral("UNIQUE")));
    }
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM scratch")).toInt() == 1);
    CHECK(scalar(*t, QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'scratch_x'")).toInt() == 1);
    CHECK_FALSE(t->indexesDeferred());
}
