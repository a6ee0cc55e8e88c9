#include "cli/cli.h"

#include "interchange/demogenerator.h"
#include "interchange/patientimport.h"
#include "services/patientservice.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <spdlog/spdlog.h>

#include <functional>
#include <map>

namespace painmdt::cli {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Cli", text); }

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &reason, ExitCode code = Failed)
{
    err() << "painmdt: " << reason << Qt::endl;
    return code;
}

// Shared set-up: --db plus --help, then parse. Returns false (with the exit code) on
// a usage error or after printing help.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const QString &description, int &exitCode)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), tr("The SQLite database file (created when new)."), tr("DB")});
    if (!parser.parse(arguments)) {
        exitCode = fail(parser.errorText(), Usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        exitCode = Ok;
        return false;
    }
    if (parser.value(QStringLiteral("db")).isEmpty()) {
        exitCode = fail(tr("--db DB is required (the path of the database file)."), Usage);
        return false;
    }
    return true;
}

Result<std::shared_ptr<storage::Database>> openDatabase(const QCommandLineParser &parser)
{
    return storage::Database::open(parser.value(QStringLiteral("db")));
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("patients"), tr("How many patients (default 2000)."), tr("N"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("seed"), tr("Random seed: the same seed gives the same data (default 1)."),
                      tr("S"), QStringLiteral("1")});
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

    auto db = openDatabase(parser);
    if (!db)
        return fail(db.error());
    QElapsedTimer timer;
    timer.start();
    const auto summary = interchange::generateDemo(*db.value(), options);
    if (!summary)
        return fail(summary.error());
    out() << tr("Wrote %1 demo patients to %2 in %3 s.")
                 .arg(summary->patients).arg(parser.value(QStringLiteral("db")))
                 .arg(timer.elapsed() / 1000.0, 0, 'f', 1) << Qt::endl;
    return Ok;
}

const QStringList importKinds{QStringLiteral("patients")};

std::unique_ptr<interchange::RowImporter> importerFor(const QString &kind, services::PatientService &patients)
{
    if (kind == QLatin1String("patients"))
        return std::make_unique<interchange::PatientImporter>(patients);
    return nullptr;
}

void printImportSummary(const interchange::ImportSummary &s, const QString &rejectsPath)
{
    out() << tr("%1 rows: %2 added, %3 updated, %4 unchanged")
                 .arg(s.rows).arg(s.added).arg(s.updated).arg(s.unchanged);
    if (s.rejected > 0)
        out() << tr(", %1 rejected (written to %2)").arg(s.rejected).arg(rejectsPath);
    out() << Qt::endl;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("kind"), tr("What the file holds: patients."), tr("KIND")});
    parser.addOption({QStringLiteral("skip-invalid"),
                      tr("Import the valid rows and write the invalid ones, with a reason column, to REJECTS.csv."),
                      tr("REJECTS.csv")});
    parser.addOption({QStringLiteral("ignore-unknown-columns"), tr("Ignore columns this kind does not use.")});
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("cannot read %1: %2").arg(path, file.errorString()));
    auto db = openDatabase(parser);
    if (!db)
        return fail(db.error());
    services::PatientService patients(*db.value());
    auto importer = importerFor(kind, patients);

    interchange::ImportOptions options;
    options.ignoreUnknownColumns = parser.isSet(QStringLiteral("ignore-unknown-columns"));
    options.rejectsPath = parser.value(QStringLiteral("skip-invalid"));
    const auto summary = interchange::importCsv(*db.value(), *importer, file.readAll(), options);
    for (const auto &issue : summary.issues)
        err() << path << ": " << issue.text() << Qt::endl;
    if (!summary.error.isEmpty())
        return fail(summary.error + tr(" Nothing was imported."));
    if (!summary.ok)
        return fail(tr("%1: %2 problem(s); nothing was imported. Fix the rows above, or use "
                       "--skip-invalid REJECTS.csv to import the valid rows.").arg(path).arg(summary.issues.size()));
    printImportSummary(summary, options.rejectsPath);
    return Ok;
}

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), tr("The report to produce."));
    int code = Ok;
    if (!parse(parser, arguments, tr("Produces a report."), code))
        return code;
    return fail(tr("no reports are available in this version yet."), Usage);
}

const std::map<QString, std::function<int(const QStringList &)>> &subcommands()
{
    static const std::map<QString, std::function<int(const QStringList &)>> table{
        {QStringLiteral("demo"), runDemo},
        {QStringLiteral("import"), runImport},
        {QStringLiteral("report"), runReport},
    };
    return table;
}

} // namespace

bool isSubcommand(const QStringList &arguments)
{
    return arguments.size() > 1 && subcommands().count(arguments.at(1)) > 0;
}

int run(const QStringList &arguments)
{
    const auto it = subcommands().find(arguments.value(1));
    if (it == subcommands().end())
        return fail(tr("unknown command \"%1\"; try --help.").arg(arguments.value(1)), Usage);
    QStringList rest = arguments;
    rest.removeAt(1); // the parser sees "painmdt --db ..." for "painmdt demo --db ..."
    spdlog::info("command {} started", it->first.toStdString());
    const int code = it->second(rest);
    spdlog::info("command {} finished with exit code {}", it->first.toStdString(), code);
    return code;
}

} // namespace painmdt::cli
