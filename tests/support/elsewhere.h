#pragma once
// What another program does to a database file (damage, tampering, a second copy): `sql` run on
// a plain connection of its own, outside PainMDT.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <catch2/catch.hpp>

namespace painmdt::test {

inline void sqlElsewhere(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("elsewhere");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        other.setDatabaseName(path);
        REQUIRE(other.open());
        QSqlQuery q(other);
        const bool done = q.exec(sql);
        INFO(q.lastError().text().toStdString());
        REQUIRE(done);
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace painmdt::test
