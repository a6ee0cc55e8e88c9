#pragma once
// Shared helpers for the storage, interchange and CLI tests: a temporary SQLite database per
// test, a fixed clock and actor, valid NHS numbers from the reserved 999 test range, and Catch
// printers for Qt types (so a failed CHECK shows the values, not "{?}").
#include "domain/nhsnumber.h"
#include "domain/patient.h"
#include "services/actor.h"
#include "storage/database.h"

#include "support/catchqt.h"
#include "support/must.h"

#include <catch2/catch.hpp>

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTime>
#include <QUrl>
#include <QUuid>

#include <functional>
#include <memory>
#include <string>
#include <vector>


namespace painmdt::test {

// The clock every service test runs on: 3 June 2024, 09:30 UTC.
inline QDateTime fixedNow()
{
    return QDateTime(QDate(2024, 6, 3), QTime(9, 30, 0), Qt::UTC);
}
inline const QString testActor = QStringLiteral("test.clinician");

// A clock the test can move: stamps read whatever *clock holds at the time of the write.
inline services::StampSource stampsAt(std::shared_ptr<QDateTime> clock, QString actor = testActor)
{
    return services::StampSource(std::move(actor), [clock] { return *clock; }, domain::Role::Admin);
}
inline services::StampSource fixedStamps(QString actor = testActor)
{
    return services::StampSource(std::move(actor), [] { return fixedNow(); }, domain::Role::Admin);
}

// The first valid NHS number at or after "999" + serial (six digits): prefixes whose check
// digit would be 10 are skipped, so two serials may give the same number; use
// validNhsNumbers() when uniqueness matters.
inline QString nhsNumber(int serial)
{
    for (int s = serial;; ++s) {
        const QString nine = QStringLiteral("999%1").arg(s, 6, 10, QLatin1Char('0'));
        if (const auto check = domain::nhsCheckDigit(nine)) {
            const QString digits = nine + QString::number(*check);
            if (domain::checkNhsNumber(digits).ok())
                return digits;
        }
    }
}

// `count` distinct valid numbers in ascending order, from "999" + startSerial.
inline std::vector<QString> validNhsNumbers(int count, int startSerial = 0)
{
    std::vector<QString> numbers;
    for (int s = startSerial; int(numbers.size()) < count; ++s) {
        const QString nine = QStringLiteral("999%1").arg(s, 6, 10, QLatin1Char('0'));
        if (const auto check = domain::nhsCheckDigit(nine)) {
            const QString digits = nine + QString::number(*check);
            if (domain::checkNhsNumber(digits).ok())
                numbers.push_back(digits);
        }
    }
    return numbers;
}

inline domain::Patient person(const QString &family, const QString &given, const QDate &dob,
                              const QString &nhs = {}, const QString &ref = {})
{
    domain::Patient p;
    p.familyName = family;
    p.givenName = given;
    p.dateOfBirth = dob;
    p.nhsNumber = nhs;
    p.patientRef = ref;
    return p;
}

inline QByteArray readBytes(const QString &path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(bytes) == bytes.size());
}

// The text of a PDF as poppler reads it (pdftotext -layout): what a reader would see, with the
// font's ligatures ("ﬁ") read as their letters.
inline QString pdfText(const QString &path)
{
    QProcess poppler;
    poppler.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    REQUIRE(poppler.waitForFinished(60000));
    INFO(QString::fromUtf8(poppler.readAllStandardError()).toStdString());
    REQUIRE(poppler.exitCode() == 0);
    return QString::fromUtf8(poppler.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

inline std::shared_ptr<storage::Database> openDatabase(const QString &path)
{
    auto opened = storage::Database::open(path);
    INFO("opening " << path.toStdString() << ": " << (opened ? std::string() : opened.error().toStdString()));
    REQUIRE(opened.ok());
    return opened.value();
}

// One scalar from SQL on the database's own connection (tests only: storage code binds values).
inline QVariant scalar(storage::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    INFO(sql.toStdString());
    const bool ran = q.exec(sql) && q.next();
    INFO(q.lastError().text().toStdString());
    REQUIRE(ran);
    return q.value(0);
}

inline int countRows(storage::Database &db, const QString &table)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table)).toInt();
}

// The team server the tests run on instead of SQLite files, when set: PAINMDT_TEST_PG holds
// `postgresql://user@host:port` of a throwaway server (scripts/with-postgres.sh); the password
// comes from PGPASSWORD. Unset, every test database is a SQLite file.
inline QString testServer()
{
    return qEnvironmentVariable("PAINMDT_TEST_PG");
}

// A plain connection to `database` on the test server, for what the tests do outside PainMDT:
// `use`'s answer, or false (a failed check, never an exception: destructors call this) when the
// connection could not be made.
inline bool withTestServer(const QString &database, const std::function<bool(QSqlDatabase &)> &use)
{
    const QUrl server(testServer());
    const QString name = QStringLiteral("painmdt-test-admin");
    bool answer = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(server.host());
        admin.setPort(server.port(5432));
        admin.setUserName(server.userName());
        admin.setDatabaseName(database);
        const bool opened = admin.open();
        INFO(admin.lastError().text().toStdString());
        CHECK(opened);
        answer = opened && use(admin);
    }
    QSqlDatabase::removeDatabase(name);
    return answer;
}

// Runs `sql` on the test server's maintenance database (CREATE and DROP DATABASE).
inline bool onTestServer(const QString &sql)
{
    return withTestServer(QStringLiteral("postgres"), [&](QSqlDatabase &admin) {
        QSqlQuery q(admin);
        const bool ran = q.exec(sql);
        INFO(sql.toStdString() << ": " << (ran ? std::string() : q.lastError().text().toStdString()));
        CHECK(ran);
        return ran;
    });
}

// A fresh database, removed with the object: a file in its own temporary folder, or, with
// PAINMDT_TEST_PG set, a new database on the test server.
struct TempDatabase {
    QTemporaryDir dir;
    QString path;
    QString serverName; // the database on the test server; empty for a file
    std::shared_ptr<storage::Database> db;

    explicit TempDatabase(const QString &fileName = QStringLiteral("test.sqlite"))
    {
        REQUIRE(dir.isValid());
        if (const QString server = testServer(); !server.isEmpty()) {
            serverName = QStringLiteral("t") + QUuid::createUuid().toString(QUuid::Id128);
            REQUIRE(onTestServer(QStringLiteral("CREATE DATABASE %1").arg(serverName)));
            path = server + QLatin1Char('/') + serverName;
        } else {
            path = dir.filePath(fileName);
        }
        db = openDatabase(path);
    }
    ~TempDatabase()
    {
        if (serverName.isEmpty())
            return;
        db.reset();
        onTestServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(serverName));
    }
    TempDatabase(const TempDatabase &) = delete;
    TempDatabase &operator=(const TempDatabase &) = delete;
    storage::Database &operator*() { return *db; }
    storage::Database *operator->() { return db.get(); }
    // Closes the connection (checkpointing the write-ahead log) and opens the file again.
    void reopen()
    {
        db.reset();
        db = openDatabase(path);
    }
};

} // namespace painmdt::test
