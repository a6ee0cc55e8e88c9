#pragma once
// Runs the real `painmdt` binary as a scheduler or a script would (interchange contract
// "Command line"), for the CLI tests.
#include "storage/database.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QUuid>

#include <map>

namespace painmdt::test {

struct Outcome {
    int exitCode = -1;
    QString out;
    QString err;
    QStringList errLines() const { return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

// One temporary folder per test holds the databases and the child's data/config folders, so
// nothing reaches the real home folder.
struct Cli {
    QTemporaryDir dir;
    QString user = QStringLiteral("test.admin");
    QString password = QStringLiteral("correct horse battery");
    std::vector<std::pair<QString, QString>> extraEnvironment; // a null value removes the variable
    std::map<QString, QString> serverDatabases;                  // name -> its database on the test server

    Cli() { REQUIRE(dir.isValid()); }
    ~Cli()
    {
        for (const auto &[name, serverName] : serverDatabases)
            onTestServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(serverName));
    }
    Cli(const Cli &) = delete;
    Cli &operator=(const Cli &) = delete;
    QString path(const QString &name) const { return dir.filePath(name); }

    // Where the test's database `name` lives: a file in the folder or, with PAINMDT_TEST_PG set,
    // an empty database of its own on the test server (the same one each time for one name).
    QString database(const QString &name)
    {
        const QString server = testServer();
        if (server.isEmpty())
            return path(name);
        auto [at, added] = serverDatabases.try_emplace(name);
        if (added) {
            at->second = QStringLiteral("c") + QUuid::createUuid().toString(QUuid::Id128);
            REQUIRE(onTestServer(QStringLiteral("CREATE DATABASE %1").arg(at->second)));
        }
        return server + QLatin1Char('/') + at->second;
    }
    // Whether a command made the database at `location` (for a server one, its schema).
    bool made(const QString &location) const
    {
        for (const auto &[name, serverName] : serverDatabases)
            if (location.endsWith(QLatin1Char('/') + serverName))
                return withTestServer(serverName, [](QSqlDatabase &db) { return !db.tables().isEmpty(); });
        return QFile::exists(location);
    }

    // The child's environment: this test's folders, the offscreen platform, and the log-in.
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("xdg-data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("xdg-config")));
        const QString runtime = path(QStringLiteral("xdg-runtime"));
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        // Every command logs in; the first that makes a database makes this user its administrator.
        env.insert(QStringLiteral("PAINMDT_USER"), user);
        env.insert(QStringLiteral("PAINMDT_PASSWORD"), password);
        for (const auto &[name, value] : extraEnvironment)
            value.isNull() ? env.remove(name) : env.insert(name, value);
        return env;
    }

    // Starts `painmdt arguments` in this test's folder and environment, without waiting.
    void start(QProcess &process, const QStringList &arguments) const
    {
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(dir.path());
        process.start(QStringLiteral(PAINMDT_EXE), arguments);
    }

    Outcome run(const QStringList &arguments)
    {
        QProcess process;
        start(process, arguments);
        INFO("painmdt " << arguments.join(QLatin1Char(' ')).toStdString());
        REQUIRE(process.waitForStarted(10000));
        const bool finished = process.waitForFinished(120000);
        if (!finished)
            process.kill();
        REQUIRE(finished);
        REQUIRE(process.exitStatus() == QProcess::NormalExit);
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }
};

inline QString data(const char *name)
{
    return QStringLiteral(PAINMDT_TEST_DATA "/") + QString::fromLatin1(name);
}

inline int patientsIn(const QString &dbPath)
{
    auto db = openDatabase(dbPath);
    return countRows(*db, QStringLiteral("patient"));
}

inline std::string describe(const Outcome &o)
{
    return "exit " + std::to_string(o.exitCode) + "\nstdout:\n" + o.out.toStdString() + "stderr:\n" + o.err.toStdString();
}

// A usage or failure message: exactly one line on stderr, starting "painmdt: ".
inline void checkOneLineReason(const Outcome &o, const QString &part)
{
    INFO(describe(o));
    REQUIRE(o.errLines().size() == 1);
    CHECK(o.errLines().first().startsWith(QStringLiteral("painmdt: ")));
    CHECK(o.errLines().first().contains(part));
}

// A report's output against its golden file in tests/data/reports/; PAINMDT_UPDATE_GOLDEN=1
// rewrites the file after a deliberate change.
inline void checkGolden(const QByteArray &bytes, const char *file)
{
    const QString path = QStringLiteral(PAINMDT_TEST_DATA "/reports/") + QString::fromLatin1(file);
    if (qEnvironmentVariableIsSet("PAINMDT_UPDATE_GOLDEN"))
        writeBytes(path, bytes);
    INFO(file);
    CHECK(bytes == readBytes(path));
}

} // namespace painmdt::test
