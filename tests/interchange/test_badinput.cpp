// Issue 6: bad input never costs data. One test per finding of the adversarial review that
// the services and importers can answer; the command-line findings are in tests/cli.
#include "importsupport.h"

#include "domain/textrules.h"
#include "storage/transaction.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace painmdt;
using namespace painmdt::test;

namespace {

QByteArray csv(std::initializer_list<const char *> lines)
{
    QByteArray bytes;
    for (const char *line : lines)
        bytes += QByteArray(line) + "\n";
    return bytes;
}

bool mentions(const ImportSummary &s, const char *column, const char *text)
{
    return std::any_of(s.issues.begin(), s.issues.end(), [&](const ImportIssue &i) {
        return i.column == QLatin1String(column) && i.message.contains(QString::fromUtf8(text));
    });
}

QByteArray definition(const char *code, const char *version, const char *itemText = "How much?")
{
    return QStringLiteral(R"({"code": "%1", "name": "Test %1", "version": "%2", "scoring_version": "%1-%2",
        "better": "lower", "items": [{"id": "1", "text": "%3",
        "options": [{"code": 0, "label": "No"}, {"code": 1, "label": "Yes"}]}],
        "scores": [{"id": "total", "label": "Total", "method": "sum", "items": ["1"]}]})")
        .arg(QLatin1String(code), QLatin1String(version), QLatin1String(itemText))
        .toUtf8();
}

} // namespace

TEST_CASE("Finding 3: re-importing an unchanged assessments file changes nothing, even after a newer version",
          "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    auto &assessments = f.service.assessments();
    REQUIRE(assessments.importDefinition(definition("sleepq", "1")).ok());
    const QByteArray rows = csv({"assessment_ref,patient_ref,instrument,occasion,collected_on,answers",
                                 "SQ1,EP0001,sleepq,assessment,2024-02-05,1", ",EP0002,sleepq,review,2024-03-05,0"});
    REQUIRE(f.run(Kind::Assessments, rows).added == 2);
    REQUIRE(assessments.importDefinition(definition("sleepq", "2", "How much, now?")).ok());
    const QStringList before = snapshot(*f.t);

    const ImportSummary again = f.run(Kind::Assessments, rows);
    INFO(issuesText(again));
    CHECK(again.ok);
    CHECK(again.unchanged == 2);
    CHECK(snapshot(*f.t) == before); // still scored with version 1, and nothing re-written
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM assessment WHERE instrument_version = '1'")).toInt() == 2);

    // A new administration takes the newest version.
    REQUIRE(f.run(Kind::Assessments, csv({"assessment_ref,patient_ref,instrument,occasion,collected_on,answers",
                                          "SQ3,EP0003,sleepq,assessment,2024-04-01,1"})).added == 1);
    CHECK(must(f.service.assessments().byRef(QStringLiteral("SQ3")))->instrumentVersion == QStringLiteral("2"));
}

TEST_CASE("Finding 3: a built-in instrument is never replaced and a stored version never changes or goes down",
          "[interchange][badinput]")
{
    EpisodeFixture f;
    auto &assessments = f.service.assessments();
    const QStringList before = snapshot(*f.t);

    const auto builtIn = assessments.importDefinition(definition("startback", "99"));
    REQUIRE_FALSE(builtIn.ok());
    CHECK(builtIn.error().contains(QStringLiteral("built into PainMDT")));
    CHECK(assessments.instrument(QStringLiteral("startback"))->items.size() == 9);
    CHECK(snapshot(*f.t) == before);

    REQUIRE(assessments.importDefinition(definition("sleepq", "2.0")).ok());
    const auto same = assessments.importDefinition(definition("sleepq", "2.0"));
    REQUIRE(same.ok());
    CHECK(same->unchanged);
    const auto changed = assessments.importDefinition(definition("sleepq", "2", "Reworded"));
    REQUIRE_FALSE(changed.ok()); // "2" is "2.0": the same version, other content
    CHECK(changed.error().contains(QStringLiteral("already imported with different content")));
    const auto older = assessments.importDefinition(definition("sleepq", "1.5"));
    REQUIRE_FALSE(older.ok());
    CHECK(older.error().contains(QStringLiteral("older than the stored version")));
    CHECK(countRows(*f.t, QStringLiteral("instrument_definition")) == 1);

    // The import went through the change log.
    CHECK(scalar(*f.t, QStringLiteral("SELECT COUNT(*) FROM change_log WHERE entity = 'instrument_definition'")).toInt() == 1);
    // And a new service (a new run) sees the same registry.
    services::AssessmentService reopened(*f.t, fixedStamps());
    CHECK(reopened.instrument(QStringLiteral("sleepq"))->version == QStringLiteral("2.0"));
    CHECK(reopened.instrument(QStringLiteral("startback"))->items.size() == 9);
}

TEST_CASE("Finding 4: nothing attaches to a removed patient", "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const auto alys = must(f.patients.byRef(QStringLiteral("EP0001")));
    REQUIRE(f.patients.remove(*alys, QStringLiteral("registered in error")).ok());
    const QStringList before = snapshot(*f.t);

    const ImportSummary referral = f.run(Kind::Referrals, csv({"referral_ref,patient_ref,received_on,source",
                                                                "RF900,EP0001,2024-05-01,gp"}));
    CHECK_FALSE(referral.ok);
    CHECK(mentions(referral, "patient_ref", "was removed"));
    const ImportSummary assessment = f.run(Kind::Assessments,
        csv({"patient_ref,instrument,occasion,collected_on,answers", "EP0001,nrs_pain,review,2024-05-01,3"}));
    CHECK(mentions(assessment, "patient_ref", "was removed"));
    const ImportSummary contact = f.run(Kind::Contacts, csv({"referral_ref,contact_on,mode,outcome",
                                                              "RF001,2024-05-01,phone,attended"}));
    CHECK(mentions(contact, "patient_ref", "was removed"));

    interchange::PatientImporter importer(f.patients);
    const ImportSummary update = interchange::importCsv(
        *f.t, importer, csv({"patient_ref,family_name,given_name,date_of_birth", "EP0001,Testley,Alice,1968-04-12"}), {});
    CHECK(mentions(update, "patient_ref", "was removed"));
    CHECK(snapshot(*f.t) == before);
}

TEST_CASE("Finding 5: control, bidirectional and invisible characters are refused where they hide things",
          "[interchange][badinput]")
{
    using domain::TextKind;
    struct Case {
        const char *name;
        QString text;
        TextKind kind;
        bool accepted;
    };
    const QChar nul(0);
    const std::vector<Case> cases{
        {"plain name", QStringLiteral("O'Brien-Şahin"), TextKind::Name, true},
        {"NUL", QStringLiteral("EP") + nul + QStringLiteral("1"), TextKind::Ref, false},
        {"NUL in a note", QStringLiteral("a") + nul, TextKind::FreeText, false},
        {"bell", QStringLiteral("a\u0007b"), TextKind::Name, false},
        {"C1 control", QStringLiteral("a\u0085b"), TextKind::Line, false},
        {"right-to-left override", QStringLiteral("Smith\u202Enhoj"), TextKind::Name, false},
        {"isolate in a note", QStringLiteral("dose \u2066x\u2069"), TextKind::FreeText, false},
        {"zero-width space", QStringLiteral("Sm\u200Bith"), TextKind::Name, false},
        {"zero-width joiner in a note (emoji)", QStringLiteral("\U0001F469\u200D\u2695"), TextKind::FreeText, true},
        {"soft hyphen", QStringLiteral("Smi\u00ADth"), TextKind::Name, false},
        {"byte-order mark", QStringLiteral("\uFEFFSmith"), TextKind::Ref, false},
        {"line end in a name", QStringLiteral("Smith\nJones"), TextKind::Name, false},
        {"line end in a note", QStringLiteral("line one\r\nline two\ttab"), TextKind::FreeText, true},
        {"65-character ref", QString(65, QLatin1Char('R')), TextKind::Ref, false},
        {"64-character ref", QString(64, QLatin1Char('R')), TextKind::Ref, true},
        {"101-character name", QString(101, QLatin1Char('a')), TextKind::Name, false},
        {"20,001-character note", QString(20001, QLatin1Char('a')), TextKind::FreeText, false},
        {"tag character after a ref", QStringLiteral("EP0001") + QString::fromUcs4(U"\U000E0041"), TextKind::Ref, false},
        {"variation selector in a name", QStringLiteral("Alys\uFE0F"), TextKind::Name, false},
        {"Khmer inherent vowel in a name", QStringLiteral("Aly\u17B4s"), TextKind::Name, false},
        {"deprecated format character in a name", QStringLiteral("Al\u206Ays"), TextKind::Name, false},
        {"shorthand format control in a line", QStringLiteral("x") + QString::fromUcs4(U"\U0001BCA0"), TextKind::Line, false},
        {"combining accent after a ref", QStringLiteral("EP0001\u0300"), TextKind::Ref, false},
        {"combining accent in a name (decomposed e-acute)", QStringLiteral("Ame\u0301lie"), TextKind::Name, true},
        {"private-use character in a note", QStringLiteral("a\uE000"), TextKind::FreeText, false},
    };
    for (const Case &c : cases) {
        INFO(c.name);
        const QString problem = domain::textProblem(c.text, c.kind, QStringLiteral("field"));
        CHECK(problem.isEmpty() == c.accepted);
    }
}

TEST_CASE("Finding 5: a hostile patients file is refused row by row, and nothing is written",
          "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadPatients();
    const QStringList before = snapshot(*f.t);
    QByteArray file = "patient_ref,family_name,given_name,date_of_birth\n";
    file += QByteArray("NUL1,Nul") + '\0' + "man,Ann,1970-01-01\n";          // line 2
    file += "ep0001,Twin,Alys,1968-04-12\n";                                  // line 3: EP0001 in other case
    file += "BIDI1,Smith\xE2\x80\xAEnhoj,Ann,1970-01-01\n";                   // line 4: U+202E
    file += "ZW1,Sm\xE2\x80\x8Bith,Ann,1970-01-01\n";                         // line 5: U+200B
    file += "LONG1," + QByteArray(5000, 'a') + ",Ann,1970-01-01\n";           // line 6
    file += "OLD1,Norman,William,1066-10-14\n";                               // line 7

    interchange::PatientImporter importer(f.patients);
    const ImportSummary s = interchange::importCsv(*f.t, importer, file, {});
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    CHECK(s.rejected == 6);
    CHECK(mentions(s, "family_name", "U+0000"));
    CHECK(mentions(s, "patient_ref", "differs only in upper/lower case from the stored EP0001"));
    CHECK(mentions(s, "family_name", "U+202E"));
    CHECK(mentions(s, "family_name", "U+200B"));
    CHECK(mentions(s, "family_name", "the limit is 100"));
    CHECK(mentions(s, "date_of_birth", "before 1880"));
    CHECK(snapshot(*f.t) == before);
}

TEST_CASE("Finding 5: implausible dates are refused with the rule they break", "[interchange][badinput]")
{
    EpisodeFixture f; // the services' today is 2024-06-03
    f.loadReferrals();
    const QStringList before = snapshot(*f.t);

    const ImportSummary contacts = f.run(Kind::Contacts, csv({
        "contact_ref,referral_ref,contact_on,mode,outcome,next_due_on",
        "C1,RF001,2030-01-01,clinic,attended,",               // line 2: attended in 2030
        "C2,RF001,2024-06-10,clinic,dna,",                    // line 3: a DNA next week
        "C3,RF001,2024-07-01,clinic,cancelled_by_service,",   // line 4: fine, cancelled ahead
        "C4,RF001,2024-05-01,phone,attended,2031-01-01",      // line 5: next check-in years away
    }));
    INFO(issuesText(contacts));
    CHECK(mentions(contacts, "contact_on", "more than a year ahead"));
    CHECK(mentions(contacts, "contact_on", "only a cancelled appointment"));
    CHECK(mentions(contacts, "next_due_on", "more than two years"));
    CHECK(contacts.rejected == 3);

    const ImportSummary assessments = f.run(Kind::Assessments, csv({
        "patient_ref,instrument,occasion,collected_on,answers",
        "EP0001,nrs_pain,review,2024-07-01,3",   // future
        "EP0001,nrs_pain,review,1966-01-01,3",   // before Alys was born (1968)
    }));
    INFO(issuesText(assessments));
    CHECK(mentions(assessments, "collected_on", "in the future"));
    CHECK(mentions(assessments, "collected_on", "before the patient's date of birth"));

    const ImportSummary referrals = f.run(Kind::Referrals, csv({"referral_ref,patient_ref,received_on,source",
                                                                 "RF901,EP0001,1066-10-14,gp"}));
    CHECK(mentions(referrals, "received_on", "before the patient's date of birth"));
    CHECK(snapshot(*f.t) == before);
}

TEST_CASE("Contract: a questionnaire returned blank is stored as incomplete and never scored",
          "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    const ImportSummary s = f.run(Kind::Assessments, csv({
        "assessment_ref,patient_ref,instrument,occasion,collected_on,answers",
        "BL1,EP0001,phq9,assessment,2024-02-05,",
        "BL2,EP0002,startback,referral,2024-02-05,;;;;;;;;",
    }));
    INFO(issuesText(s));
    REQUIRE(s.ok);
    CHECK(s.added == 2);
    for (const char *ref : {"BL1", "BL2"}) {
        const auto a = must(f.service.assessments().byRef(QLatin1String(ref)));
        REQUIRE(a);
        CHECK_FALSE(a->result.complete);
        CHECK(std::none_of(a->answers.begin(), a->answers.end(), [](const auto &x) { return x.has_value(); }));
    }
}

TEST_CASE("Finding 6: an oversized instrument definition is refused at once", "[interchange][badinput]")
{
    EpisodeFixture f;
    QByteArray huge = definition("bigq", "1");
    huge.insert(huge.indexOf("\"name\""), "\"source\": \"" + QByteArray(300 * 1024, 'x') + "\", ");
    const auto refused = f.service.assessments().importDefinition(huge);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().contains(QStringLiteral("the limit is 262144")));

    QJsonObject many = QJsonDocument::fromJson(definition("manyq", "1")).object();
    QJsonArray items;
    for (int i = 0; i < 201; ++i)
        items.append(QJsonObject{{QStringLiteral("id"), QString::number(i)}, {QStringLiteral("text"), QStringLiteral("q")},
                                 {QStringLiteral("options"), many.value(QStringLiteral("items")).toArray().at(0)
                                                                 .toObject().value(QStringLiteral("options"))}});
    many.insert(QStringLiteral("items"), items);
    const auto tooMany = f.service.assessments().importDefinition(QJsonDocument(many).toJson());
    REQUIRE_FALSE(tooMany.ok());
    CHECK(tooMany.error().contains(QStringLiteral("items: has 201 entries; the limit is 200")));
    CHECK(countRows(*f.t, QStringLiteral("instrument_definition")) == 0);
}

TEST_CASE("Finding 7: a full disk is reported as a full disk, not as a failed rollback", "[interchange][badinput][sqlite]")
{
    EpisodeFixture f;
    f.loadPatients();
    const QStringList before = snapshot(*f.t);
    // A real SQLITE_FULL: the database may not grow past its present size.
    const int pages = scalar(*f.t, QStringLiteral("PRAGMA page_count")).toInt();
    scalar(*f.t, QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 2));
    QByteArray file = "patient_ref,family_name,given_name,date_of_birth,gp_practice\n";
    for (int i = 0; i < 3000; ++i)
        file += QStringLiteral("FULL%1,Filler,Ann,1970-01-01,%2\n").arg(i).arg(QString(150, QLatin1Char('g'))).toUtf8();

    interchange::PatientImporter importer(f.patients);
    const ImportSummary s = interchange::importCsv(*f.t, importer, file, {});
    INFO(issuesText(s));
    CHECK_FALSE(s.ok);
    const std::string all = issuesText(s);
    CHECK(all.find("disk is full") != std::string::npos);
    CHECK(all.find("no transaction is active") == std::string::npos);
    CHECK(f.t->transactionDepth() == 0);
    CHECK_FALSE(f.t->inTransaction());
    CHECK(snapshot(*f.t) == before);
}

TEST_CASE("Finding 7: an import that finds the database busy says so and what to do", "[interchange][badinput]")
{
    EpisodeFixture f;
    auto other = openDatabase(f.t.path);
    storage::Transaction holding(*other); // another writer holds the lock past the 5 s busy timeout
    REQUIRE(holding.ok());
    interchange::PatientImporter importer(f.patients);
    const ImportSummary s = interchange::importCsv(*f.t, importer, episodeFile("patients.csv"), {});
    CHECK_FALSE(s.ok);
    CHECK(s.error.contains(QStringLiteral("busy")));
    CHECK(s.error.contains(QStringLiteral("try again")));
}

namespace {

// Wraps an importer and, at one row, does what SQLite does when it aborts a whole transaction
// on its own (SQLITE_FULL while spilling): the transaction is gone, though nobody asked.
class AbortingImporter : public interchange::RowImporter {
public:
    AbortingImporter(interchange::RowImporter &inner, storage::Database &db, int abortAtLine, bool rowFails)
        : m_inner(inner), m_db(db), m_line(abortAtLine), m_rowFails(rowFails) {}
    QString kind() const override { return m_inner.kind(); }
    std::vector<interchange::ColumnSpec> columns() const override { return m_inner.columns(); }
    void begin() override { m_inner.begin(); }
    interchange::RowResult importRow(const interchange::CsvRow &row) override
    {
        auto result = m_inner.importRow(row);
        if (row.line == m_line) {
            QSqlQuery q(m_db.connection());
            REQUIRE(q.exec(QStringLiteral("ROLLBACK")));
            if (m_rowFails)
                result.issues.push_back({row.line, {}, QStringLiteral("database or disk is full")});
        }
        return result;
    }

private:
    interchange::RowImporter &m_inner;
    storage::Database &m_db;
    int m_line;
    bool m_rowFails;
};

} // namespace

TEST_CASE("Finding 9: when the engine drops the import's transaction, no later row is committed on its own",
          "[interchange][badinput]")
{
    for (const bool rowFails : {true, false}) {
        INFO("the row at which the transaction is lost " << (rowFails ? "fails" : "succeeds"));
        TempDatabase t;
        services::PatientService patients(*t, fixedStamps());
        interchange::PatientImporter inner(patients);
        AbortingImporter importer(inner, *t, 3, rowFails);
        QByteArray file = "patient_ref,family_name,given_name,date_of_birth\n";
        for (int i = 0; i < 6; ++i)
            file += QStringLiteral("AB%1,Aborted,Ann,1970-01-0%2\n").arg(i).arg(i + 1).toUtf8();
        const ImportSummary s = interchange::importCsv(*t, importer, file, {});
        INFO(issuesText(s));
        CHECK_FALSE(s.ok);
        CHECK(s.error.contains(QStringLiteral("Nothing was saved")));
        CHECK(t->transactionDepth() == 0);
        CHECK(countRows(*t, QStringLiteral("patient")) == 0);
        CHECK(countRows(*t, QStringLiteral("change_log")) == 0);
    }
}

TEST_CASE("A nested transaction refuses to start once the outer one is gone", "[storage][transaction][badinput]")
{
    TempDatabase t;
    storage::Transaction outer(*t);
    REQUIRE(outer.ok());
    QSqlQuery(t->connection()).exec(QStringLiteral("ROLLBACK"));
    storage::Transaction inner(*t);
    CHECK_FALSE(inner.ok());
    CHECK_FALSE(t->inTransaction()); // SAVEPOINT would have begun, and later committed, a new one
    CHECK_FALSE(outer.commit().ok());
    CHECK(t->transactionDepth() == 0);
}

TEST_CASE("Adversarial review: a database fault is never reported as a bad row", "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    QSqlQuery(f.t->connection()).exec(QStringLiteral("ALTER TABLE assessment RENAME TO assessment_gone"));
    for (const bool skipInvalid : {false, true}) {
        QTemporaryDir dir;
        ImportOptions options;
        if (skipInvalid)
            options.rejectsPath = dir.filePath(QStringLiteral("rejects.csv"));
        const ImportSummary s = f.run(Kind::Assessments, episodeFile("assessments_good.csv"), options);
        INFO(issuesText(s));
        CHECK_FALSE(s.ok);
        CHECK(s.rejected == 0);
        CHECK_FALSE(s.error.isEmpty());
        CHECK_FALSE(QFileInfo::exists(options.rejectsPath));
    }
}

TEST_CASE("Adversarial review: dates stay consistent when the earlier record is edited", "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    f.load(Kind::Contacts, "contacts_good.csv");
    const QStringList before = snapshot(*f.t);
    interchange::PatientImporter importer(f.patients);
    const ImportSummary born = interchange::importCsv(
        *f.t, importer, csv({"patient_ref,family_name,given_name,date_of_birth", "EP0001,Testley,Alys,2024-06-01"}), {});
    CHECK(mentions(born, "date_of_birth", "after the patient's first referral"));
    const ImportSummary moved = f.run(Kind::Referrals, csv({"referral_ref,patient_ref,received_on,source",
                                                             "RF002,EP0002,2024-06-01,ae"}));
    CHECK(mentions(moved, "received_on", "after a contact of this referral"));
    CHECK(snapshot(*f.t) == before);
}

TEST_CASE("Adversarial review: an unchanged file re-imports after a new version changes the item count",
          "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadReferrals();
    auto &assessments = f.service.assessments();
    REQUIRE(assessments.importDefinition(definition("sleepq", "1")).ok());
    const QByteArray rows = csv({"patient_ref,instrument,occasion,collected_on,answers", "EP0002,sleepq,review,2024-03-02,1"});
    REQUIRE(f.run(Kind::Assessments, rows).added == 1);
    QJsonObject two = QJsonDocument::fromJson(definition("sleepq", "2")).object();
    QJsonArray items = two.value(QStringLiteral("items")).toArray();
    QJsonObject second = items.at(0).toObject();
    second.insert(QStringLiteral("id"), QStringLiteral("2"));
    items.append(second);
    two.insert(QStringLiteral("items"), items);
    REQUIRE(assessments.importDefinition(QJsonDocument(two).toJson()).ok());
    // Laid out differently, the same definition is the same definition.
    CHECK(assessments.importDefinition(QJsonDocument(two).toJson(QJsonDocument::Compact))->unchanged);

    const ImportSummary again = f.run(Kind::Assessments, rows);
    INFO(issuesText(again));
    CHECK(again.ok);
    CHECK(again.unchanged == 1);
}

TEST_CASE("Adversarial review: cell values are echoed short, and a database is not read as CSV", "[interchange][badinput]")
{
    EpisodeFixture f;
    f.loadPatients();
    interchange::PatientImporter importer(f.patients);
    const ImportSummary s = interchange::importCsv(
        *f.t, importer, csv({"patient_ref,family_name,given_name,date_of_birth,sex", "X1,Privet,Iris,1970-01-01,Iris Privet thinks of self-harm"}), {});
    const std::string text = issuesText(s);
    INFO(text);
    CHECK(mentions(s, "sex", "\"Iris Privet thinks o\u2026\" is not a sex code"));
    CHECK(text.find("self-harm") == std::string::npos);

    const interchange::CsvTable table = interchange::parseCsv(QByteArray("SQLite format 3\0junk", 20));
    REQUIRE(table.errors.size() == 1);
    CHECK(table.errors[0].message.contains(QStringLiteral("database file, not a CSV file")));
}
