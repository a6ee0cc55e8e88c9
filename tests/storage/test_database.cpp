// Opening, migrating and refusing database files; transactions; foreign keys
// (architecture.md "Storage habits").
#include "services/patientservice.h"
#include "storage/alertrepository.h"
#include "storage/changelog.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/migrations.h"
#include "storage/patientrepository.h"
#include "storage/transaction.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <set>

using namespace painmdt;
using namespace painmdt::test;

namespace {

constexpr int painmdtApplicationId = 0x504D4454; // "PMDT"

int newestMigration()
{
    const auto migrations = storage::loadMigrations(QStringLiteral(":/migrations/sqlite"));
    REQUIRE_FALSE(migrations.empty());
    return migrations.back().version;
}

QString metaValue(storage::Database &db, const QString &key)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    REQUIRE(q.exec());
    return q.next() ? q.value(0).toString() : QString();
}

// Runs SQL on a connection of the test's own, not through storage::Database: how another
// program would make or change a file.
void rawSql(const QString &path, const QStringList &statements)
{
    static int counter = 0;
    const QString name = QStringLiteral("test-raw-%1").arg(++counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(sql));
        }
        q.finish();
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Files in a folder other than `keep`: a refused open must not leave a journal or -wal behind.
QStringList filesBeside(const QString &path)
{
    QStringList files = QFileInfo(path).dir().entryList(QDir::Files | QDir::Hidden);
    files.removeAll(QFileInfo(path).fileName());
    return files;
}

void createScratchTable(storage::Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("CREATE TABLE scratch (x TEXT NOT NULL)")));
}

void insertScratch(storage::Database &db, const QString &value)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("INSERT INTO scratch(x) VALUES (?)"));
    q.addBindValue(value);
    REQUIRE(q.exec());
}

QStringList scratchValues(storage::Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT x FROM scratch ORDER BY x")));
    QStringList values;
    while (q.next())
        values << q.value(0).toString();
    return values;
}

} // namespace

TEST_CASE("A new database file is created, migrated to the newest schema and stamped as ours", "[storage][database]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("sub/folder/new.sqlite")); // folders made too
    REQUIRE_FALSE(QFile::exists(path));

    auto db = openDatabase(path);
    CHECK(QFile::exists(path));
    CHECK(db->location() == path);
    CHECK(db->schemaVersion() == newestMigration());
    CHECK(db->schemaVersion() >= 1);
    CHECK(metaValue(*db, QStringLiteral("schema_version")) == QString::number(newestMigration()));
    CHECK(metaValue(*db, QStringLiteral("application")) == QStringLiteral("PainMDT"));
    CHECK(scalar(*db, QStringLiteral("PRAGMA application_id")).toInt() == painmdtApplicationId);

    // Per-connection settings (architecture.md): checked, not assumed.
    CHECK(scalar(*db, QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    CHECK(scalar(*db, QStringLiteral("PRAGMA journal_mode")).toString().toLower() == QStringLiteral("wal"));
    CHECK(scalar(*db, QStringLiteral("PRAGMA synchronous")).toInt() == 1); // NORMAL

    const QStringList tables = db->connection().tables();
    CHECK(tables.contains(QStringLiteral("meta")));
    CHECK(tables.contains(QStringLiteral("patient")));
    CHECK(tables.contains(QStringLiteral("change_log")));
    CHECK(countRows(*db, QStringLiteral("patient")) == 0);
}

TEST_CASE("An existing empty file (zero bytes) is taken as a new database", "[storage][database]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("empty.sqlite"));
    writeBytes(path, {});
    auto db = openDatabase(path);
    CHECK(db->schemaVersion() == newestMigration());
    CHECK(scalar(*db, QStringLiteral("PRAGMA application_id")).toInt() == painmdtApplicationId);
}

TEST_CASE("Migrating an up-to-date database again changes nothing", "[storage][database]")
{
    TempDatabase t;
    const int before = t->schemaVersion();
    const int metaRows = countRows(*t, QStringLiteral("meta"));
    const Status again = storage::migrate(*t);
    INFO((again ? std::string() : again.error().toStdString()));
    REQUIRE(again.ok());
    CHECK(t->schemaVersion() == before);
    CHECK(countRows(*t, QStringLiteral("meta")) == metaRows);
}

TEST_CASE("Reopening an existing database keeps its data and settings", "[storage][database][sqlite]")
{
    TempDatabase t;
    {
        services::PatientService service(*t, fixedStamps());
        const auto saved = service.add(person(QStringLiteral("Pemberton"), QStringLiteral("Iris"),
                                              QDate(1961, 4, 2), QStringLiteral("9990000018"),
                                              QStringLiteral("RX1")));
        REQUIRE(saved.ok());
    }
    t.reopen();
    CHECK(t->schemaVersion() == newestMigration());
    CHECK(countRows(*t, QStringLiteral("patient")) == 1);
    CHECK(countRows(*t, QStringLiteral("change_log")) == 1);
    storage::PatientRepository repo(*t);
    const auto found = must(repo.byRef(QStringLiteral("RX1")));
    REQUIRE(found);
    CHECK(found->familyName == QStringLiteral("Pemberton"));
    CHECK(found->nhsNumber == QStringLiteral("9990000018"));
    CHECK(found->dateOfBirth == QDate(1961, 4, 2));
    CHECK(scalar(*t, QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    CHECK(scalar(*t, QStringLiteral("PRAGMA journal_mode")).toString().toLower() == QStringLiteral("wal"));
}

TEST_CASE("Two Database objects on one file have separate connections and see each other's commits", "[storage][database]")
{
    TempDatabase t;
    auto second = openDatabase(t.path);
    CHECK(second->connection().connectionName() != t->connection().connectionName());
    services::PatientService service(*t, fixedStamps());
    REQUIRE(service.add(person(QStringLiteral("Quill"), QStringLiteral("Ada"), QDate(1970, 1, 1))).ok());
    CHECK(countRows(*second, QStringLiteral("patient")) == 1);
}

TEST_CASE("A file that is not ours is refused with a clear message and left byte for byte unchanged", "[storage][database]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("foreign.sqlite"));

    SECTION("a short text file")
    {
        writeBytes(path, "not a database\n");
        const QByteArray before = readBytes(path);
        const auto opened = storage::Database::open(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().contains(QStringLiteral("is not a PainMDT database")));
        CHECK(opened.error().contains(path));
        CHECK(readBytes(path) == before);
        CHECK(filesBeside(path).isEmpty());
    }
    SECTION("a longer text file (a CSV saved under the wrong name)")
    {
        QByteArray csv = "patient_ref,family_name,given_name,date_of_birth\r\n";
        for (int i = 0; i < 400; ++i)
            csv += "RX" + QByteArray::number(i) + ",Invented,Person,1970-01-01\r\n";
        writeBytes(path, csv);
        const auto opened = storage::Database::open(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().contains(QStringLiteral("is not a PainMDT database")));
        CHECK(readBytes(path) == csv);
        CHECK(filesBeside(path).isEmpty());
    }
    SECTION("an SQLite database made by another program")
    {
        rawSql(path, {QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"),
                      QStringLiteral("INSERT INTO notes(body) VALUES ('someone else''s data')")});
        const QByteArray before = readBytes(path);
        REQUIRE(before.startsWith("SQLite format 3"));
        const auto opened = storage::Database::open(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().contains(QStringLiteral("is an SQLite database but not a PainMDT one")));
        CHECK(readBytes(path) == before);
        CHECK(filesBeside(path).isEmpty());
    }
    SECTION("an SQLite database of another program that uses write-ahead logging")
    {
        rawSql(path, {QStringLiteral("PRAGMA journal_mode = WAL"),
                      QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"),
                      QStringLiteral("INSERT INTO notes(body) VALUES ('x')")});
        const QByteArray before = readBytes(path);
        const auto opened = storage::Database::open(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().contains(QStringLiteral("not a PainMDT one")));
        CHECK(readBytes(path) == before);
    }
    SECTION("a folder")
    {
        REQUIRE(QDir().mkpath(path));
        const auto opened = storage::Database::open(path);
        REQUIRE_FALSE(opened.ok());
        CHECK(opened.error().contains(QStringLiteral("is a folder")));
    }
}

TEST_CASE("A database made by a newer PainMDT is refused and not changed", "[storage][database]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
    {
        auto db = openDatabase(path);
        services::PatientService service(*db, fixedStamps());
        REQUIRE(service.add(person(QStringLiteral("Marlow"), QStringLiteral("Ben"), QDate(1950, 2, 3))).ok());
    }
    rawSql(path, {QStringLiteral("UPDATE meta SET value = '999' WHERE key = 'schema_version'")});
    const QByteArray before = readBytes(path);

    const auto opened = storage::Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().contains(QStringLiteral("newer version")));
    CHECK(opened.error().contains(QStringLiteral("999")));
    CHECK(readBytes(path) == before);

    // migrate() refuses it in the same words when asked directly.
    rawSql(path, {QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'schema_version'").arg(newestMigration())});
    auto db = openDatabase(path);
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(QStringLiteral("UPDATE meta SET value = '999' WHERE key = 'schema_version'")));
    }
    const Status refused = storage::migrate(*db);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QStringLiteral("newer version")));
    CHECK(db->schemaVersion() == 999);
}

TEST_CASE("A read-only database file is refused without being changed", "[storage][database]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("readonly.sqlite"));
    {
        auto db = openDatabase(path);
        services::PatientService service(*db, fixedStamps());
        REQUIRE(service.add(person(QStringLiteral("Faraday"), QStringLiteral("Kit"), QDate(1966, 9, 9))).ok());
    }
    REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QByteArray before = readBytes(path);
    const QStringList besideBefore = filesBeside(path);

    const auto opened = storage::Database::open(path);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().contains(QStringLiteral("read-only")));
    CHECK(opened.error().contains(path));
    CHECK(readBytes(path) == before);
    CHECK(filesBeside(path) == besideBefore);
    CHECK_FALSE(QFileInfo(path).permissions() & QFileDevice::WriteOwner); // mode still 0444

    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

TEST_CASE("A migration that fails halfway leaves the database as it was", "[storage][database][migrations][sqlite]")
{
    TempDatabase t;
    services::PatientService service(*t, fixedStamps());
    REQUIRE(service.add(person(QStringLiteral("Hale"), QStringLiteral("Rosa"), QDate(1980, 8, 8), {},
                               QStringLiteral("KEEP1"))).ok());
    // Pretend the database is at schema 2 without schema 3's index: migration 3 then runs and
    // succeeds, and migration 4 fails (its trigger already exists). Both must roll back.
    {
        QSqlQuery q(t->connection());
        REQUIRE(q.exec(QStringLiteral("UPDATE meta SET value = '2' WHERE key = 'schema_version'")));
        REQUIRE(q.exec(QStringLiteral("DROP INDEX referral_open")));
    }
    const QStringList tablesBefore = t->connection().tables();
    const auto indexCount = [&] {
        return scalar(*t, QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'referral_open'")).toInt();
    };

    const Status migrated = storage::migrate(*t);
    REQUIRE_FALSE(migrated.ok());
    CHECK(migrated.error().contains(QStringLiteral("Migration 004_contact_dates.sql failed")));
    CHECK(t->transactionDepth() == 0);
    CHECK(t->schemaVersion() == 2);
    CHECK(metaValue(*t, QStringLiteral("schema_version")) == QStringLiteral("2"));
    CHECK(indexCount() == 0); // migration 3 ran, and was rolled back with the rest
    CHECK(t->connection().tables() == tablesBefore);
    CHECK(countRows(*t, QStringLiteral("patient")) == 1);

    // The connection still works for writes afterwards.
    REQUIRE(service.add(person(QStringLiteral("Hale"), QStringLiteral("Tom"), QDate(1982, 8, 8))).ok());
    CHECK(countRows(*t, QStringLiteral("patient")) == 2);
}

TEST_CASE("splitStatements cuts a migration into statements", "[storage][migrations]")
{
    struct Case {
        const char *name;
        QString sql;
        QStringList expected;
    };
    const std::vector<Case> cases{
        {"empty text", QString(), {}},
        {"only comments and blank lines", QStringLiteral("-- a comment\n\n   -- indented comment\n"), {}},
        {"one statement", QStringLiteral("CREATE TABLE a (x INT);"), {QStringLiteral("CREATE TABLE a (x INT);")}},
        {"two statements with comments between",
         QStringLiteral("-- first\nCREATE TABLE a (x INT);\n\n-- second\nCREATE TABLE b (y INT);\n"),
         {QStringLiteral("CREATE TABLE a (x INT);"), QStringLiteral("CREATE TABLE b (y INT);")}},
        {"a statement over several lines keeps its lines",
         QStringLiteral("CREATE TABLE a (\n    x INT,\n    -- note\n    y TEXT\n);\n"),
         {QStringLiteral("CREATE TABLE a (\n    x INT,\n    y TEXT\n);")}},
        {"CRLF line endings", QStringLiteral("CREATE TABLE a (x INT);\r\nCREATE TABLE b (y INT);\r\n"),
         {QStringLiteral("CREATE TABLE a (x INT);"), QStringLiteral("CREATE TABLE b (y INT);")}},
        {"a trigger body is one statement",
         QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET y = 1;\n  DELETE FROM c;\nEND;\n"
                        "CREATE TABLE d (z INT);\n"),
         {QStringLiteral("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET y = 1;\n  DELETE FROM c;\nEND;"),
          QStringLiteral("CREATE TABLE d (z INT);")}},
        {"lower-case trigger keywords",
         QStringLiteral("create trigger t after delete on a begin\n  delete from b;\nend;\nselect 1;\n"),
         {QStringLiteral("create trigger t after delete on a begin\n  delete from b;\nend;"),
          QStringLiteral("select 1;")}},
        {"a last statement without a semicolon is kept",
         QStringLiteral("CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1)"),
         {QStringLiteral("CREATE TABLE a (x INT);"), QStringLiteral("INSERT INTO a VALUES (1)")}},
        {"a semicolon inside a line does not end the statement",
         QStringLiteral("INSERT INTO a VALUES ('x;y'),\n('z');\n"),
         {QStringLiteral("INSERT INTO a VALUES ('x;y'),\n('z');")}},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        CHECK(storage::splitStatements(c.sql) == c.expected);
    }
}

TEST_CASE("splitStatements splits the shipped migrations into statements SQLite accepts one at a time", "[storage][migrations]")
{
    const auto migrations = storage::loadMigrations(QStringLiteral(":/migrations/sqlite"));
    REQUIRE_FALSE(migrations.empty());
    int expectedVersion = 1;
    for (const auto &m : migrations) {
        INFO(m.fileName.toStdString());
        CHECK(m.version == expectedVersion++); // numbered 1, 2, 3 ... without gaps
        const QStringList statements = storage::splitStatements(m.sql);
        CHECK_FALSE(statements.isEmpty());
        for (const QString &s : statements) {
            CHECK_FALSE(s.startsWith(QStringLiteral("--")));
            CHECK((s.endsWith(QLatin1Char(';')) || s == statements.back()));
        }
    }
}

TEST_CASE("Transaction commits only when asked", "[storage][transaction]")
{
    TempDatabase t;
    createScratchTable(*t);

    SECTION("no commit: the row is gone at scope end")
    {
        {
            storage::Transaction tx(*t);
            REQUIRE(tx.ok());
            insertScratch(*t, QStringLiteral("a"));
            CHECK(scratchValues(*t) == QStringList{QStringLiteral("a")}); // visible inside
        }
        CHECK(scratchValues(*t).isEmpty());
        CHECK(t->transactionDepth() == 0);
    }
    SECTION("commit: the row stays, also for another connection")
    {
        {
            storage::Transaction tx(*t);
            insertScratch(*t, QStringLiteral("a"));
            const Status committed = tx.commit();
            REQUIRE(committed.ok());
        }
        CHECK(scratchValues(*t) == QStringList{QStringLiteral("a")});
        auto other = openDatabase(t.path);
        CHECK(countRows(*other, QStringLiteral("scratch")) == 1);
    }
    SECTION("explicit rollback, then the destructor does nothing more")
    {
        storage::Transaction tx(*t);
        insertScratch(*t, QStringLiteral("a"));
        REQUIRE(tx.rollback().ok());
        CHECK(scratchValues(*t).isEmpty());
        CHECK(t->transactionDepth() == 0);
        insertScratch(*t, QStringLiteral("outside")); // autocommit again
    }
    SECTION("a statement the engine refused: PostgreSQL's failed transaction is never reported as saved")
    {
        storage::Transaction tx(*t);
        insertScratch(*t, QStringLiteral("a"));
        CHECK_FALSE(QSqlQuery(t->connection()).exec(QStringLiteral("SELECT no_such_column FROM scratch")));
        const Status committed = tx.commit();
        // SQLite keeps the transaction and commits the row; PostgreSQL abandoned it, and its
        // COMMIT would answer with a silent ROLLBACK.
        CHECK(committed.ok() == !t->dialect().abandonsTransactionOnError());
        CHECK(scratchValues(*t).size() == (committed.ok() ? 1 : 0));
    }
    SECTION("commit after commit is an error, not a second COMMIT")
    {
        storage::Transaction tx(*t);
        insertScratch(*t, QStringLiteral("a"));
        REQUIRE(tx.commit().ok());
        const Status again = tx.commit();
        CHECK_FALSE(again.ok());
        CHECK(scratchValues(*t) == QStringList{QStringLiteral("a")});
    }
    CHECK(t->transactionDepth() == 0);
}

TEST_CASE("Nested transactions are savepoints", "[storage][transaction]")
{
    TempDatabase t;
    createScratchTable(*t);

    SECTION("inner rolled back, outer committed: only the outer's rows stay")
    {
        {
            storage::Transaction outer(*t);
            insertScratch(*t, QStringLiteral("outer-1"));
            {
                storage::Transaction inner(*t);
                REQUIRE(inner.ok());
                CHECK(t->transactionDepth() == 2);
                insertScratch(*t, QStringLiteral("inner"));
            } // no commit
            CHECK(t->transactionDepth() == 1);
            insertScratch(*t, QStringLiteral("outer-2"));
            REQUIRE(outer.commit().ok());
        }
        CHECK(scratchValues(*t) == (QStringList{QStringLiteral("outer-1"), QStringLiteral("outer-2")}));
    }
    SECTION("inner committed, outer rolled back: nothing stays")
    {
        {
            storage::Transaction outer(*t);
            insertScratch(*t, QStringLiteral("outer"));
            {
                storage::Transaction inner(*t);
                insertScratch(*t, QStringLiteral("inner"));
                REQUIRE(inner.commit().ok());
            }
            CHECK(scratchValues(*t).size() == 2);
        }
        CHECK(scratchValues(*t).isEmpty());
    }
    SECTION("three levels: the middle one rolled back takes the innermost with it")
    {
        {
            storage::Transaction outer(*t);
            insertScratch(*t, QStringLiteral("1"));
            {
                storage::Transaction middle(*t);
                insertScratch(*t, QStringLiteral("2"));
                {
                    storage::Transaction inner(*t);
                    CHECK(t->transactionDepth() == 3);
                    insertScratch(*t, QStringLiteral("3"));
                    REQUIRE(inner.commit().ok());
                }
                REQUIRE(middle.rollback().ok());
            }
            {
                storage::Transaction again(*t); // a later savepoint at the same depth works
                insertScratch(*t, QStringLiteral("4"));
                REQUIRE(again.commit().ok());
            }
            REQUIRE(outer.commit().ok());
        }
        CHECK(scratchValues(*t) == (QStringList{QStringLiteral("1"), QStringLiteral("4")}));
    }
    CHECK(t->transactionDepth() == 0);
}

TEST_CASE("Foreign keys are enforced on every connection", "[storage][database][sqlite]")
{
    TempDatabase t;
    services::PatientService service(*t, fixedStamps());
    const auto saved = service.add(person(QStringLiteral("Okoro"), QStringLiteral("Ngozi"), QDate(1977, 7, 7)));
    REQUIRE(saved.ok());
    const qint64 patientId = saved.value->id;

    QSqlQuery q(t->connection());
    REQUIRE(q.exec(QStringLiteral("CREATE TABLE test_child (id INTEGER PRIMARY KEY, "
                                  "patient_id INTEGER NOT NULL REFERENCES patient(id))")));

    q.prepare(QStringLiteral("INSERT INTO test_child(patient_id) VALUES (?)"));
    q.addBindValue(patientId);
    CHECK(q.exec()); // a real parent

    q.prepare(QStringLiteral("INSERT INTO test_child(patient_id) VALUES (?)"));
    q.addBindValue(patientId + 1000); // no such patient
    CHECK_FALSE(q.exec());
    CHECK(q.lastError().text().contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive));
    CHECK(countRows(*t, QStringLiteral("test_child")) == 1);

    q.prepare(QStringLiteral("DELETE FROM patient WHERE id = ?"));
    q.addBindValue(patientId);
    CHECK_FALSE(q.exec()); // a parent with children cannot go
    CHECK(countRows(*t, QStringLiteral("patient")) == 1);

    // The same on a second connection to the file: the pragma is per connection.
    auto second = openDatabase(t.path);
    QSqlQuery q2(second->connection());
    q2.prepare(QStringLiteral("INSERT INTO test_child(patient_id) VALUES (?)"));
    q2.addBindValue(patientId + 2000);
    CHECK_FALSE(q2.exec());
}

TEST_CASE("A server location is checked before connecting, and a server that does not answer is named",
          "[storage][database][server]")
{
    struct Case {
        const char *location;
        const char *says;
    };
    const Case cases[] = {
        {"postgresql://painmdt:secret@127.0.0.1:1/painmdt", "Do not put the password in the server location"},
        {"postgresql://painmdt@127.0.0.1:1/", "names no database on the server"},
        {"postgresql://painmdt@127.0.0.1:1/painmdt?sslmod=require", "sslmod is not a connection setting"},
        {"postgresql://painmdt@127.0.0.1:1/painmdt?sslmode=require;x", "may not hold ';'"},
        {"postgresql://painmdt@127.0.0.1:1/painmdt?sslrootcert=/ca.pem%20sslmode%3Ddisable", "may not hold ';'"},
        {"postgresql://painmdt@127.0.0.1:1/painmdt", "Cannot open postgresql://painmdt@127.0.0.1:1/painmdt"}, // nothing listens
    };
    for (const Case &c : cases) {
        INFO(c.location);
        const auto opened = storage::Database::open(QString::fromUtf8(c.location));
        REQUIRE_FALSE(opened.ok());
        INFO(opened.error().toStdString());
        CHECK(opened.error().contains(QString::fromUtf8(c.says)));
        CHECK_FALSE(opened.error().contains(QStringLiteral("secret")));
    }
}

TEST_CASE("A database at each earlier schema version is migrated to the newest, its data kept", "[storage][migrations]")
{
    const auto migrations = storage::loadMigrations(QStringLiteral(":/migrations/sqlite"));
    for (int version = 1; version < newestMigration(); ++version) {
        INFO("from schema " << version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        // An old PainMDT's file: the migrations up to `version`, and one patient in it.
        QStringList statements;
        for (const auto &m : migrations)
            if (m.version <= version)
                statements << storage::splitStatements(m.sql);
        statements << QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema_version', '%1')").arg(version)
                   << QStringLiteral("INSERT INTO patient(patient_ref, family_name, given_name, date_of_birth, "
                                     "family_key, given_key, ref_key, created_at, created_by, updated_at, updated_by) "
                                     "VALUES ('OLD1', 'Oldfile', 'Olive', '1950-01-01', 'OLDFILE', 'OLIVE', 'OLD1', "
                                     "'2024-01-01T00:00:00Z', 'old', '2024-01-01T00:00:00Z', 'old')");
        rawSql(path, statements);

        auto db = openDatabase(path);
        CHECK(db->schemaVersion() == newestMigration());
        storage::PatientRepository repo(*db);
        const auto olive = must(repo.byRef(QStringLiteral("OLD1")));
        REQUIRE(olive);
        CHECK(olive->familyName == QStringLiteral("Oldfile"));
        CHECK(must(repo.search(domain::parsePatientSearch(QStringLiteral("oldf")), 10)).size() == 1);
    }
}

TEST_CASE("Answers saved before alerts existed raise their alerts when the database is upgraded (hazard H9)",
          "[storage][migrations][alerts]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("schema12.sqlite"));
    QStringList statements;
    for (const auto &m : storage::loadMigrations(QStringLiteral(":/migrations/sqlite")))
        if (m.version <= 12)
            statements << storage::splitStatements(m.sql);
    statements << QStringLiteral("INSERT INTO meta(key, value) VALUES ('schema_version', '12')")
               << QStringLiteral("INSERT INTO patient(id, patient_ref, family_name, given_name, date_of_birth, family_key, "
                                 "given_key, ref_key, created_at, created_by, updated_at, updated_by) VALUES (1, 'OLD1', "
                                 "'Oldfile', 'Olive', '1950-01-01', 'OLDFILE', 'OLIVE', 'OLD1', '2024-01-01T00:00:00Z', "
                                 "'old', '2024-01-01T00:00:00Z', 'old')");
    // item 9 answered 2; item 9 blank; item 9 answered 0; withdrawn with 3; GAD-7 (no alert rule).
    const QStringList rows = {QStringLiteral("'phq9', '0;0;0;0;0;0;0;0;2', NULL"), QStringLiteral("'phq9', '1;1;1;1;1;1;1;1;', NULL"),
                              QStringLiteral("'phq9', '3;3;3;3;3;3;3;3;0', NULL"),
                              QStringLiteral("'phq9', '0;0;0;0;0;0;0;0;3', 'typed on the wrong patient'"),
                              QStringLiteral("'gad7', '3;3;3;3;3;3;3', NULL")};
    for (const QString &row : rows)
        statements << QStringLiteral("INSERT INTO assessment(patient_id, instrument, answers, entered_in_error, "
                                     "instrument_version, occasion, collected_on, scores, complete, scoring_version, "
                                     "created_at, created_by, updated_at, updated_by) VALUES (1, %1, '1', 'review', "
                                     "'2024-03-01', '{}', 0, 'x-1', '2024-03-01T00:00:00Z', 'old', "
                                     "'2024-03-01T00:00:00Z', 'old')").arg(row);
    // An old PainMDT let an import replace the built-in PHQ-9 as version 2, without alert rules.
    statements << QStringLiteral("INSERT INTO assessment(patient_id, instrument, answers, instrument_version, occasion, "
                                 "collected_on, scores, complete, scoring_version, created_at, created_by, updated_at, "
                                 "updated_by) VALUES (1, 'phq9', '0;0;0;0;0;0;0;0;3', '2', 'review', '2024-03-02', '{}', 0, "
                                 "'x-2', '2024-03-02T00:00:00Z', 'old', '2024-03-02T00:00:00Z', 'old')");
    rawSql(path, statements);

    auto db = openDatabase(path);
    CHECK(db->schemaVersion() == newestMigration());
    storage::AlertRepository alerts(*db);
    const auto open = must(alerts.forPatient(1, true));
    REQUIRE(open.size() == 3);
    std::set<std::optional<int>> answers;
    for (const auto &a : open) {
        CHECK(a.rule == QStringLiteral("self_harm"));
        answers.insert(a.answer);
    }
    CHECK(answers == std::set<std::optional<int>>{2, 3, std::nullopt});
    // Audited like any other alert, and the audit chain still holds.
    QSqlQuery q(db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM change_log WHERE entity = 'assessment_alert' AND "
                                  "action = 'create' AND actor = 'PainMDT (upgrade)' AND patient_id = 1")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 3);
    q.finish();
    const auto chain = must(storage::verifyAuditTrail(*db));
    CHECK(chain.firstBrokenId == 0);
}

TEST_CASE("Temporary data stays in memory, never in an unlinked file beside /var/tmp (issue 6)", "[storage][database][sqlite]")
{
    TempDatabase t;
    CHECK(scalar(*t, QStringLiteral("PRAGMA temp_store")).toInt() == 2); // MEMORY
    auto second = openDatabase(t.path); // every connection, not only the first
    CHECK(scalar(*second, QStringLiteral("PRAGMA temp_store")).toInt() == 2);
}

TEST_CASE("report and pathways never create a database, a missing one is named", "[storage][database]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("typo.sqlite"));
    const auto opened = storage::Database::open(path, storage::OpenMode::MustExist);
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().contains(QStringLiteral("There is no PainMDT database")));
    CHECK_FALSE(QFileInfo::exists(path));
}

// A schema change is written for both engines (docs/adr/0023): the server's folder must reach the same number.
TEST_CASE("The team server's migrations reach the same schema number as SQLite's", "[storage][migrations]")
{
    const auto sqlite = storage::loadMigrations(QStringLiteral(":/migrations/sqlite"));
    const auto server = storage::loadMigrations(QStringLiteral(":/migrations/postgresql"));
    REQUIRE_FALSE(sqlite.empty());
    REQUIRE_FALSE(server.empty());
    CHECK(server.back().version == sqlite.back().version);
}

TEST_CASE("A statement that could not be prepared is prepared again when next asked for", "[storage][database]")
{
    TempDatabase t;
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM made_later");
    CHECK_FALSE(t->prepared(sql).exec()); // no such table yet
    REQUIRE(QSqlQuery(t->connection()).exec(QStringLiteral("CREATE TEMP TABLE made_later(x INTEGER)")));
    QSqlQuery &again = t->prepared(sql);
    REQUIRE(again.exec());
    REQUIRE(again.next());
    CHECK(again.value(0).toInt() == 0);
    again.finish();
}

// Found by the SIGKILL test: a checkpoint writes page 1 (with the new page count) before the pages
// that grow the file; killed between, the file is shorter than its header says, and SQLite
// rebuilds it from the WAL on the next open. Only a file with no WAL beside it is cut short.
TEST_CASE("A checkpoint killed after page 1 was written opens whole from its WAL", "[storage][database][crash]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("checkpoint.sqlite"));
    REQUIRE(storage::Database::open(path, storage::OpenMode::CreateIfMissing).ok());
    const auto readAll = [](const QString &p) {
        QFile f(p);
        REQUIRE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    };
    QByteArray fileBefore, walBefore, page1After;
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("checkpoint"));
        c.setDatabaseName(path);
        REQUIRE(c.open());
        QSqlQuery q(c);
        for (const char *sql : {"PRAGMA wal_autocheckpoint = 0", "CREATE TABLE filler(x BLOB)",
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                                "INSERT INTO filler SELECT randomblob(3000) FROM n"})
            REQUIRE(q.exec(QString::fromLatin1(sql)));
        fileBefore = readAll(path);
        walBefore = readAll(path + QStringLiteral("-wal"));
        REQUIRE(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        REQUIRE(q.exec(QStringLiteral("PRAGMA page_size")));
        REQUIRE(q.next());
        page1After = readAll(path).left(q.value(0).toInt());
        q = QSqlQuery();
        c.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("checkpoint"));

    const QString killed = dir.filePath(QStringLiteral("killed.sqlite"));
    QFile file(killed), wal(killed + QStringLiteral("-wal"));
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(page1After + fileBefore.mid(page1After.size())) == fileBefore.size());
    file.close();
    REQUIRE(wal.open(QIODevice::WriteOnly));
    REQUIRE(wal.write(walBefore) == walBefore.size());
    wal.close();
    REQUIRE(fileBefore.size() < 300 * 3000); // the header now promises pages the file lacks

    auto opened = storage::Database::open(killed, storage::OpenMode::MustExist);
    INFO((opened.ok() ? QString() : opened.error()).toStdString());
    REQUIRE(opened.ok());
    CHECK(opened.value()->quickCheck().ok());
    QSqlQuery q(opened.value()->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT COUNT(*) FROM filler")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 300);

    SECTION("without its WAL, the same file is cut short and refused")
    {
        // (a copy: the open above checkpointed the original)
        const QString alone = dir.filePath(QStringLiteral("alone.sqlite"));
        QFile copy(alone);
        REQUIRE(copy.open(QIODevice::WriteOnly));
        REQUIRE(copy.write(page1After + fileBefore.mid(page1After.size())) == fileBefore.size());
        copy.close();
        const auto refused = storage::Database::open(alone, storage::OpenMode::MustExist);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().contains(QStringLiteral("cut short")));
    }
}
