#include "cli/cli.h"

#include "cli/common.h"

#include "interchange/csvreader.h"
#include "interchange/demogenerator.h"
#include "interchange/importkinds.h"
#include "domain/clinicaldate.h"
#include "domain/instrument.h"
#include "domain/scoring.h"
#include "services/assessmentservice.h"
#include "interchange/outputfile.h"
#include "reporting/reportpdf.h"
#include "reporting/reportrunner.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "services/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <spdlog/spdlog.h>

#include <functional>
#include <map>

namespace painmdt::cli {

namespace {

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("patients"), tr("How many patients (default 2000)."), tr("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("seed"), tr("Random seed: the same seed gives the same data (default 1)."),
                      tr("S"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("referrals"),
                      tr("About how many referrals (default: 12000, or half the patients if fewer)."), tr("N")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Writes a synthetic demo database (invented patients, NHS numbers "
                                     "from the 999 test range)."), code))
        return code;
    bool okPatients = false, okSeed = false;
    interchange::DemoOptions options;
    options.patients = parser.value(QStringLiteral("patients")).toInt(&okPatients);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&okSeed);
    if (!okPatients || options.patients < 0 || options.patients > 5000000)
        return fail(tr("--patients must be a whole number from 0 to 5000000."), Usage);
    if (!okSeed)
        return fail(tr("--seed must be a whole number."), Usage);
    if (parser.isSet(QStringLiteral("referrals"))) {
        bool okReferrals = false;
        options.referrals = parser.value(QStringLiteral("referrals")).toInt(&okReferrals);
        if (!okReferrals || *options.referrals < 0)
            return fail(tr("--referrals must be a whole number, 0 or more."), Usage);
    }

    // On an existing database the demo adds accounts: an administrator's work.
    auto opened = openAs(parser, services::OpenMode::CreateIfMissing, domain::Action::ManageUsers, true);
    if (!opened)
        return fail(opened);
    QElapsedTimer timer;
    timer.start();
    const auto summary = interchange::generateDemo(*opened->db, options);
    if (!summary) {
        discard(opened.value());
        return fail(summary.error());
    }
    out() << tr("Wrote %1 demo patients, %2 referrals, %3 assessments, %4 contacts and %5 hospital or GP attendances "
                "to %6 in %7 s.")
                 .arg(summary->patients).arg(summary->referrals).arg(summary->assessments).arg(summary->contacts)
                 .arg(summary->attendances)
                 .arg(parser.value(QStringLiteral("db"))).arg(timer.elapsed() / 1000.0, 0, 'f', 1) << Qt::endl;
    return Ok;
}

using interchange::importAction;
using interchange::maxCsvBytes;

// The row kinds, and instrument definitions (JSON, not rows).
const QStringList importKinds = interchange::rowImportKinds() + QStringList{QStringLiteral("instrument")};

// `--cases CASES.csv` with a definition: `answers`, then a column per score to check and/or
// `band`; an empty cell expects no value (incomplete).
Result<std::vector<domain::ScoringCase>> readCases(const QString &path)
{
    std::vector<domain::ScoringCase> cases;
    if (path.isEmpty())
        return cases;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("cannot read %1: %2").arg(path, file.errorString())};
    const auto table = interchange::parseCsv(file.read(maxCsvBytes));
    if (!table.ok())
        return Error{tr("%1: line %2: %3").arg(path).arg(table.errors.front().line).arg(table.errors.front().message)};
    const auto answers = table.header.indexOf(QStringLiteral("answers"));
    if (answers < 0)
        return Error{tr("%1: the cases file needs an \"answers\" column.").arg(path)};
    if (table.header.size() < 2 || table.records.empty()) // a file that checks nothing must not look like a pass
        return Error{tr("%1: the cases file needs at least one case and a column to check besides \"answers\" (a score "
                        "id or \"band\").").arg(path)};
    for (const auto &record : table.records) {
        domain::ScoringCase c{record.line, record.fields.value(answers), {}};
        for (qsizetype i = 0; i < table.header.size(); ++i)
            if (i != answers)
                c.expected[table.header[i]] = record.fields.value(i).trimmed();
        cases.push_back(std::move(c));
    }
    return cases;
}

// `import --kind instrument FILE.json [--cases CASES.csv]`: a definition a service holds a licence for.
int importInstrument(const Opened &opened, const QString &path, const QByteArray &json, const QString &casesPath)
{
    const auto cases = readCases(casesPath);
    if (!cases)
        return fail(cases.error() + tr(" Nothing was imported."));
    services::AssessmentService assessments(*opened.db, opened.session);
    const auto imported = assessments.importDefinition(json, cases.value());
    if (imported.forbidden())
        return fail(imported);
    if (!imported) {
        for (const QString &line : imported.error().split(QLatin1Char('\n')))
            err() << path << ": " << line << Qt::endl;
        return fail(tr("%1 is not a valid instrument definition, or does not score its test cases as they say; "
                       "nothing was imported.").arg(path));
    }
    const auto &d = imported->definition;
    if (!cases->empty())
        out() << tr("All %1 test case(s) in %2 scored as expected.").arg(cases->size()).arg(casesPath) << Qt::endl;
    out() << (imported->unchanged ? tr("Instrument %1 (%2), version %3, was already imported; nothing changed.")
                                  : tr("Imported instrument %1 (%2), version %3."))
                 .arg(d.code, d.name, d.version) << Qt::endl;
    return Ok;
}

void printImportSummary(const interchange::ImportSummary &s, const QString &rejectsPath)
{
    out() << tr("%1 rows: %2 added, %3 updated, %4 unchanged")
                 .arg(s.rows).arg(s.added).arg(s.updated).arg(s.unchanged);
    if (s.rejected > 0)
        out() << tr(", %1 rejected (written to %2)").arg(s.rejected).arg(rejectsPath);
    out() << Qt::endl;
    if (s.alertsRaised > 0) // hazard H9: said where it cannot be missed, on the main output
        out() << tr("%1 alert(s) raised by the answers (e.g. PHQ-9 item 9): a clinician must see and acknowledge "
                    "each on the patient's record in PainMDT.").arg(s.alertsRaised) << Qt::endl;
}

int importRows(const Opened &opened, const QCommandLineParser &parser, const QString &path, const QByteArray &bytes)
{
    auto importing = interchange::importSession(parser.value(QStringLiteral("kind")), *opened.db, opened.session);
    interchange::ImportOptions options;
    options.ignoreUnknownColumns = parser.isSet(QStringLiteral("ignore-unknown-columns"));
    options.rejectsPath = parser.value(QStringLiteral("skip-invalid"));
    const auto summary = interchange::importCsv(*opened.db, importing->importer(), bytes, options);
    for (const auto &issue : summary.issues)
        err() << path << ": " << issue.text() << Qt::endl;
    if (!summary.error.isEmpty())
        return fail(summary.error + tr(" Nothing was imported."));
    if (!summary.ok)
        return fail(summary.rejected > 0
                        ? tr("%1: %2 bad row(s); nothing was imported. Fix the rows above, or use "
                             "--skip-invalid REJECTS.csv to import the valid rows.").arg(path).arg(summary.rejected)
                        : tr("%1: the file cannot be imported as it is (see above); nothing was imported.").arg(path));
    printImportSummary(summary, options.rejectsPath);
    return Ok;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("kind"), tr("What the file holds: %1.").arg(importKinds.join(QStringLiteral(", "))),
                      tr("KIND")});
    parser.addOption({QStringLiteral("skip-invalid"),
                      tr("Import the valid rows and write the invalid ones, with a reason column, to REJECTS.csv."),
                      tr("REJECTS.csv")});
    parser.addOption({QStringLiteral("ignore-unknown-columns"), tr("Ignore columns this kind does not use.")});
    parser.addOption({QStringLiteral("cases"),
                      tr("With --kind instrument: worked examples (answers, then the scores and band expected); "
                         "the definition is imported only if it scores every one as expected."), tr("CASES.csv")});
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), tr("The UTF-8 CSV file to import."));
    int code = Ok;
    if (!parse(parser, arguments, tr("Imports a CSV file. Atomic: if any row is invalid nothing is written, "
                                     "unless --skip-invalid is given."), code))
        return code;
    if (parser.positionalArguments().size() != 1)
        return fail(tr("give exactly one CSV file to import."), Usage);
    const QString kind = parser.value(QStringLiteral("kind"));
    const QString path = parser.positionalArguments().constFirst();

    if (!importKinds.contains(kind)) // before the database is touched
        return fail(kind.isEmpty() ? tr("--kind is required: %1.").arg(importKinds.join(QStringLiteral(", ")))
                                   : tr("unknown --kind \"%1\"; this version imports: %2.")
                                         .arg(kind, importKinds.join(QStringLiteral(", "))), Usage);
    const QString rejectsPath = parser.value(QStringLiteral("skip-invalid"));
    if (parser.isSet(QStringLiteral("skip-invalid")))
        if (Status s = interchange::checkOutputPath(QStringLiteral("--skip-invalid"), rejectsPath,
                                                    interchange::databaseFiles(parser.value(QStringLiteral("db"))) << path); !s)
            return fail(s.error(), Usage);
    const bool instrument = kind == QLatin1String("instrument");
    // Read with a limit: a device or a pipe (/dev/zero) would otherwise fill the memory.
    const qint64 limit = instrument ? domain::definitionLimits.bytes : maxCsvBytes;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(limit + 1);
    if (bytes.size() > limit)
        return fail(tr("%1 is larger than %2 MB, the most one import reads; split it into smaller files.")
                        .arg(path).arg(double(limit) / (1024 * 1024), 0, 'f', limit < 1024 * 1024 ? 2 : 0));
    auto opened = openAs(parser, services::OpenMode::CreateIfMissing, importAction(kind));
    if (!opened)
        return fail(opened);
    if (Status healthy = opened->db->quickCheck(); !healthy) { // never write into a damaged file
        discard(opened.value());
        return fail(healthy.error());
    }
    const int result = instrument ? importInstrument(opened.value(), path, bytes, parser.value(QStringLiteral("cases")))
                                  : importRows(opened.value(), parser, path, bytes);
    if (result != Ok)
        discard(opened.value()); // a database made for this import goes with it
    return result;
}

// --as-of defaults to today, --to to as-of, --from to a year before --to.
std::optional<reporting::ReportPeriod> reportPeriod(const QCommandLineParser &parser, QString &problem)
{
    reporting::ReportPeriod period;
    const auto date = [&](const char *option, const QDate &fallback, QDate &into) {
        const QString text = parser.value(QLatin1String(option));
        into = text.isEmpty() ? fallback : domain::parseIsoDate(text);
        if (!into.isValid())
            problem = tr("--%1 must be a date in the form YYYY-MM-DD (got \"%2\").").arg(QLatin1String(option), text);
        return into.isValid();
    };
    if (!date("as-of", QDate::currentDate(), period.asOf) || !date("to", period.asOf, period.to)
        || !date("from", period.to.addYears(-1).addDays(1), period.from))
        return std::nullopt;
    if (period.from > period.to) {
        problem = tr("--from is after --to.");
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("window-months"))) {
        bool whole = false;
        period.options.windowMonths = parser.value(QStringLiteral("window-months")).toInt(&whole);
        if (!whole || period.options.windowMonths < 1 || period.options.windowMonths > 120) {
            problem = tr("--window-months must be a whole number of months from 1 to 120.");
            return std::nullopt;
        }
    }
    const QString index = parser.value(QStringLiteral("index"));
    if (index != QLatin1String("first-contact") && index != QLatin1String("referral")) {
        problem = tr("--index must be first-contact or referral.");
        return std::nullopt;
    }
    period.options.indexByReferral = index == QLatin1String("referral");
    period.options.tariff = parser.value(QStringLiteral("tariff")).trimmed();
    return period;
}

// Writes a finished report to --out or standard output, never over the database.
int writeReport(const QByteArray &bytes, const QString &outPath)
{
    if (!outPath.isEmpty()) {
        if (Status s = interchange::writeWholeFile(outPath, bytes); !s)
            return fail(s.error());
        return Ok;
    }
    out() << QString::fromUtf8(bytes);
    out().flush();
    return out().status() == QTextStream::Ok ? Ok : fail(tr("the report could not be written to standard output."));
}

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), tr("The report: %1.").arg(reporting::reportNames().join(QStringLiteral(", "))));
    parser.addOption({QStringLiteral("from"), tr("First day of the period (YYYY-MM-DD)."), tr("DATE")});
    parser.addOption({QStringLiteral("to"), tr("Last day of the period (default: the as-of date)."), tr("DATE")});
    parser.addOption({QStringLiteral("as-of"), tr("Report what was known on this day (default: today)."), tr("DATE")});
    parser.addOption({QStringLiteral("format"), tr("json (default), csv or pdf (pdf needs --out)."), tr("FORMAT"),
                      QStringLiteral("json")});
    parser.addOption({QStringLiteral("out"), tr("Write to FILE instead of standard output."), tr("FILE")});
    parser.addOption({QStringLiteral("window-months"), tr("cost-savings, service: months before and after the index date (default 12)."),
                      tr("W"), QStringLiteral("12")});
    parser.addOption({QStringLiteral("index"), tr("cost-savings, service: the index date, first-contact (default) or referral."),
                      tr("MODE"), QStringLiteral("first-contact")});
    parser.addOption({QStringLiteral("tariff"), tr("attendances, cost-savings, service: the tariff to cost with (default: the one "
                                                   "imported most recently)."), tr("NAME")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Produces a report."), code))
        return code;
    const QString name = parser.positionalArguments().value(0);
    if (!reporting::reportNames().contains(name))
        return fail(tr("unknown report \"%1\"; available: %2.").arg(name, reporting::reportNames().join(QStringLiteral(", "))), Usage);
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("csv") && format != QLatin1String("pdf"))
        return fail(tr("--format must be json, csv or pdf."), Usage);
    if (format == QLatin1String("pdf") && !parser.isSet(QStringLiteral("out")))
        return fail(tr("a PDF report needs --out FILE (it is not written to the terminal)."), Usage);
    QString problem;
    const auto period = reportPeriod(parser, problem);
    if (!period)
        return fail(problem, Usage);
    const QString outPath = parser.value(QStringLiteral("out"));
    const QStringList protectedFiles = interchange::databaseFiles(parser.value(QStringLiteral("db")));
    if (Status s = parser.isSet(QStringLiteral("out")) ? interchange::checkOutputPath(QStringLiteral("--out"), outPath, protectedFiles)
                                                      : interchange::checkStandardOutput(protectedFiles); !s)
        return fail(s.error(), Usage);

    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::RunReports);
    if (!opened)
        return fail(opened);
    const auto figures = reporting::runReport(*opened->db, opened->session, name, *period, format); // audited
    if (!figures)
        return fail(figures);
    if (format == QLatin1String("pdf")) {
        auto doc = reporting::reportDocument(figures.value());
        doc.printedBy = opened->session.actor();
        doc.printedAt = opened->session.now().at.toLocalTime();
        const auto pdf = reporting::toPdf(doc);
        return pdf ? writeReport(pdf.value(), outPath) : fail(pdf);
    }
    return writeReport(format == QLatin1String("csv") ? reporting::toCsv(figures.value()) : reporting::toJson(figures.value()),
                       outPath);
}

// `pathways`: which pathways count as managed in the community (configurable per service).
int runPathways(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("community"), tr("Count CODE as community."), tr("CODE")});
    parser.addOption({QStringLiteral("not-community"), tr("Count CODE as secondary care."), tr("CODE")});
    int code = Ok;
    if (!parse(parser, arguments, tr("Shows, or changes, which pathways count as managed in the community."), code))
        return code;
    std::vector<std::pair<QString, bool>> changes;
    for (const auto &[option, community] : {std::pair{"community", true}, std::pair{"not-community", false}})
        for (const QString &pathway : parser.values(QLatin1String(option))) {
            const QString wanted = pathway.trimmed().toLower();
            if (!domain::pathwayCodes().contains(wanted)) // before the database is touched
                return fail(tr("\"%1\" is not a pathway; use one of: %2.")
                                .arg(pathway, domain::pathwayCodes().join(QStringLiteral(", "))), Usage);
            changes.emplace_back(wanted, community);
        }
    auto opened = openAs(parser, services::OpenMode::MustExist,
                         changes.empty() ? domain::Action::RunReports : domain::Action::ConfigureService);
    if (!opened)
        return fail(opened);
    services::ReferralService referrals(*opened->db, opened->session);
    if (!changes.empty())
        if (Status s = referrals.setCommunityPathways(changes); !s) // all the changes, or none
            return fail(Error{s.error() + tr(" Nothing was changed."), s.forbidden()});
    const auto community = referrals.pathwayCommunity();
    if (!community)
        return fail(community);
    for (const QString &pathway : domain::pathwayCodes())
        out() << pathway << ',' << (community->at(pathway) ? "community" : "secondary") << Qt::endl;
    return Ok;
}

// `instruments`: every questionnaire this database knows, built-in or imported, and where each
// came from (a definition a service imported is shown with its source and who imported it).
int runInstruments(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = Ok;
    if (!parse(parser, arguments, tr("Lists every questionnaire, built-in or imported, with its version, source "
                                     "and who imported it."), code))
        return code;
    auto opened = openAs(parser, services::OpenMode::MustExist, domain::Action::RunReports);
    if (!opened)
        return fail(opened);
    services::AssessmentService assessments(*opened->db, opened->session);
    if (Status ready = assessments.definitionsReady(); !ready)
        return fail(ready);
    out() << interchange::csvLine({QStringLiteral("code"), QStringLiteral("version"), QStringLiteral("name"),
                                   QStringLiteral("origin"), QStringLiteral("imported_by"), QStringLiteral("imported_at"),
                                   QStringLiteral("alerts"), QStringLiteral("source")});
    for (const auto *r : assessments.registry()) {
        const auto &d = r->definition;
        QStringList alerts;
        for (const auto &rule : d.alerts)
            alerts << domain::describeAlertRule(rule);
        out() << interchange::csvLine({d.code, d.version, d.name, r->builtIn ? tr("built in") : tr("imported"),
                                       r->importedBy, r->importedAt.isValid() ? r->importedAt.toString(Qt::ISODate) : QString(),
                                       alerts.join(QStringLiteral("; ")), d.source});
    }
    return Ok;
}

// `init`: the explicit way to start a new, empty database (or bring an existing one up to date).
int runInit(const QStringList &arguments)
{
    QCommandLineParser parser;
    int code = Ok;
    if (!parse(parser, arguments, tr("Creates a new, empty PainMDT database (an existing one is brought up "
                                     "to date and otherwise left as it is)."), code))
        return code;
    auto opened = openAs(parser, services::OpenMode::CreateIfMissing, domain::Action::SignIn);
    if (!opened)
        return fail(opened);
    out() << (opened->created ? tr("Created the PainMDT database %1 (schema %2); %3 is its administrator.")
                                    .arg(parser.value(QStringLiteral("db"))).arg(opened->db->schemaVersion())
                                    .arg(opened->session.actor())
                              : tr("%1 is a PainMDT database (schema %2); nothing else to do.")
                                    .arg(parser.value(QStringLiteral("db"))).arg(opened->db->schemaVersion()))
          << Qt::endl;
    return Ok;
}

struct Subcommand {
    Command command;
    std::function<int(const QStringList &)> run;
};

// The one list of commands: `painmdt --help`, the man pages' and the completion's tests read it.
const std::vector<Subcommand> &subcommands()
{
    static const std::vector<Subcommand> table{
        {{QStringLiteral("demo"), tr("write a demo database of invented patients")}, runDemo},
        {{QStringLiteral("import"), tr("import a CSV file, or an instrument definition (.json)")}, runImport},
        {{QStringLiteral("report"), tr("waiting-times, triage, caseload, outcomes, attendances, cost-savings, service")},
         runReport},
        {{QStringLiteral("pathways"), tr("show or change which pathways count as community")}, runPathways},
        {{QStringLiteral("instruments"), tr("list every questionnaire, and where it came from")}, runInstruments},
        {{QStringLiteral("init"), tr("start a new, empty database")}, runInit},
        {{QStringLiteral("audit"), tr("check the audit trail's hash chain (audit verify)")}, runAudit},
        {{QStringLiteral("check"), tr("check the whole database, and say what to do about each problem")}, runCheck},
        {{QStringLiteral("backup"), tr("make an encrypted backup of the whole database")}, runBackup},
        {{QStringLiteral("restore"), tr("restore an encrypted backup, checked before it replaces anything")}, runRestore},
        {{QStringLiteral("copy"), tr("copy the whole database to a new one: a file, or the team server")}, runCopy},
        {{QStringLiteral("user"), tr("list, add, role, disable, enable, reset-password: user accounts")}, runUser},
        {{QStringLiteral("settings"), tr("show or change the team's shared settings")}, runSettings},
    };
    return table;
}

const Subcommand *find(const QString &name)
{
    for (const auto &entry : subcommands())
        if (entry.command.name == name)
            return &entry;
    return nullptr;
}

} // namespace

std::vector<Command> commands()
{
    std::vector<Command> list;
    for (const auto &entry : subcommands())
        list.push_back(entry.command);
    return list;
}

bool isSubcommand(const QStringList &arguments)
{
    return arguments.size() > 1 && find(arguments.at(1)) != nullptr;
}

int run(const QStringList &arguments)
{
    const Subcommand *entry = find(arguments.value(1));
    if (!entry)
        return fail(tr("unknown command \"%1\"; try --help.").arg(arguments.value(1)), Usage);
    const QString name = entry->command.name;
    QStringList rest = arguments;
    rest.removeAt(1); // the parser sees "painmdt --db ..." for "painmdt demo --db ..."
    rest[0] = QStringLiteral("painmdt ") + name; // how --help names it
    spdlog::info("command {} started", name.toStdString());
    const int code = entry->run(rest);
    spdlog::info("command {} finished with exit code {}", name.toStdString(), code);
    return code;
}

} // namespace painmdt::cli
