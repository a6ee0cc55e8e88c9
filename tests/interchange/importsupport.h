#pragma once
// Shared by the import tests: readable issue lists, and for referrals, contacts and assessments
// a database with the fixture patients (tests/data/episodes/: invented people, NHS numbers from
// the 999 test range) and one importer per file, as the command line runs them.
#include "domain/assessment.h"
#include "domain/referral.h"
#include "interchange/csvimport.h"
#include "interchange/csvreader.h"
#include "interchange/patientimport.h"
#include "interchange/referralimport.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "storage/assessmentrepository.h"
#include "storage/changelog.h"
#include "storage/referralrepository.h"
#include "support/testsupport.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <optional>

namespace painmdt::test {

using interchange::ImportIssue;
using interchange::ImportOptions;
using interchange::ImportSummary;

// Every row of the given tables, each led by its table's name, in key order: "the database is
// exactly as it was". instrument_definition has no id; its rowid is a real column on the server.
inline QStringList snapshot(storage::Database &db,
                            std::initializer_list<const char *> tables = {"patient", "referral", "contact", "assessment",
                                                                          "instrument_definition", "change_log"})
{
    QStringList rows;
    for (const char *table : tables) {
        const QLatin1String name(table);
        QSqlQuery q(db.connection());
        const QString key = name == QLatin1String("instrument_definition") ? QStringLiteral("rowid") : QStringLiteral("id");
        REQUIRE(q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(name, key)));
        while (q.next()) {
            QStringList cells{name};
            for (int i = 0; i < q.record().count(); ++i)
                cells << q.value(i).toString();
            rows << cells.join(QLatin1Char('|'));
        }
    }
    return rows;
}

// The fixture folder, found from this source file (the interchange tests have no data define).
inline QByteArray episodeFile(const char *name)
{
    const QDir here = QFileInfo(QStringLiteral(__FILE__)).absoluteDir();
    return readBytes(here.filePath(QStringLiteral("../data/episodes/") + QLatin1String(name)));
}

inline std::string issuesText(const ImportSummary &s)
{
    std::string out;
    for (const ImportIssue &i : s.issues)
        out += i.text().toStdString() + "\n";
    if (!s.error.isEmpty())
        out += "error: " + s.error.toStdString() + "\n";
    return out;
}

enum class Kind { Referrals, Contacts, Assessments };

struct EpisodeFixture {
    TempDatabase t;
    services::PatientService patients{*t, fixedStamps()};
    services::ReferralService service{*t, fixedStamps()};

    // A fresh importer per file, as the command line makes one per run.
    ImportSummary run(Kind kind, const QByteArray &csv, const ImportOptions &options = {})
    {
        switch (kind) {
        case Kind::Referrals: {
            interchange::ReferralImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        case Kind::Contacts: {
            interchange::ContactImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        case Kind::Assessments: {
            interchange::AssessmentImporter importer(service);
            return interchange::importCsv(*t, importer, csv, options);
        }
        }
        return {};
    }
    // Imports the fixture file or fails the test.
    ImportSummary load(Kind kind, const char *file)
    {
        const ImportSummary s = run(kind, episodeFile(file));
        INFO(file << "\n" << issuesText(s));
        REQUIRE(s.ok);
        REQUIRE(s.rejected == 0);
        return s;
    }
    void loadPatients()
    {
        interchange::PatientImporter importer(patients);
        const ImportSummary s = interchange::importCsv(*t, importer, episodeFile("patients.csv"), {});
        INFO(issuesText(s));
        REQUIRE(s.ok);
        REQUIRE(s.added == 4);
    }
    void loadReferrals()
    {
        loadPatients();
        load(Kind::Referrals, "referrals_good.csv");
    }

    int count(const char *table) { return countRows(*t, QLatin1String(table)); }
    int changes() { return count("change_log"); }
    qint64 patientId(const char *ref)
    {
        const auto p = must(patients.byRef(QLatin1String(ref)));
        INFO(ref);
        REQUIRE(p);
        return p->id;
    }
    domain::Referral referral(const char *ref)
    {
        const auto r = must(service.byRef(QLatin1String(ref)));
        INFO(ref);
        REQUIRE(r);
        return *r;
    }
    domain::Contact contact(const char *ref)
    {
        const auto c = must(service.contactByRef(QLatin1String(ref)));
        INFO(ref);
        REQUIRE(c);
        return *c;
    }
    domain::Assessment assessment(const QString &ref)
    {
        const auto a = must(service.assessments().byRef(ref));
        INFO(ref.toStdString());
        REQUIRE(a);
        return *a;
    }
};

// One kind of bad row: the file must be rejected as a whole with this exact issue.
struct BadRow {
    const char *name;
    QByteArray csv;
    int line;
    const char *column;
    const char *text; // part of the message
};

inline void checkRejected(EpisodeFixture &f, Kind kind, const BadRow &c, const char *table)
{
    const int rowsBefore = f.count(table);
    const int changesBefore = f.changes();
    const ImportSummary s = f.run(kind, c.csv);
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    CHECK(s.added == 0);
    CHECK(s.updated == 0);
    REQUIRE(s.issues.size() == 1);
    const ImportIssue &issue = s.issues.front();
    CHECK(issue.line == c.line);
    CHECK(issue.column == QLatin1String(c.column));
    CHECK(issue.message.contains(QLatin1String(c.text)));
    CHECK(issue.text().startsWith(QStringLiteral("line %1, column %2: ").arg(c.line).arg(QLatin1String(c.column))));
    // Atomic: the good row before the bad one was not written either.
    CHECK(f.count(table) == rowsBefore);
    CHECK(f.changes() == changesBefore);
}

} // namespace painmdt::test
