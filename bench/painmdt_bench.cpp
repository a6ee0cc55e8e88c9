// Timing harness for the speed targets in docs/performance.md. Run it on a Release build:
//   painmdt_bench demo    --db FILE [--patients N]   time the demo generator
//   painmdt_bench search  --db FILE                  per-keystroke search latency (p50/p95/max)
//   painmdt_bench referrals --db FILE                the two reports and the two worklists
//   painmdt_bench startup --db FILE                  open the database to a shown window; peak memory
// Each prints one line per figure; wall-clock times are measured here, never asserted in tests.
#include "domain/nhsnumber.h"
#include "interchange/demogenerator.h"
#include "storage/database.h"
#include "reporting/referralreports.h"
#include "storage/patientrepository.h"
#include "storage/referralrepository.h"
#include "ui/mainwindow.h"
#include "ui/patientlistpage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>

using namespace painmdt;

namespace {

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const double rank = p * double(v.size() - 1);
    const auto lo = size_t(rank);
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (rank - double(lo)) * (v[hi] - v[lo]);
}

std::shared_ptr<storage::Database> openOrDie(const QString &path)
{
    auto db = storage::Database::open(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error()));
        std::exit(1);
    }
    return db.value();
}

int benchDemo(const QString &path, int patients)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    QElapsedTimer timer;
    timer.start();
    auto db = openOrDie(path);
    interchange::DemoOptions options;
    options.patients = patients;
    const auto made = interchange::generateDemo(*db, options);
    if (!made)
        return std::fprintf(stderr, "%s\n", qPrintable(made.error())), 1;
    std::printf("demo_patients %d\ndemo_seconds %.2f\n", patients, double(timer.elapsed()) / 1000.0);
    return 0;
}

// What people type, one keystroke at a time: surnames, NHS numbers with and without spaces,
// dates of birth, refs, and combinations, taken from the database so that they match.
QStringList typingScripts(storage::PatientRepository &repo)
{
    QStringList scripts{QStringLiteral("smith"), QStringLiteral("patel"), QStringLiteral("o'brien"),
                        QStringLiteral("s"), QStringLiteral("smith jo"), QStringLiteral("jones 1960"),
                        QStringLiteral("12/03/1960"), QStringLiteral("12-Mar-1960"), QStringLiteral("rx01234"),
                        QStringLiteral("zzzz")};
    const auto sample = repo.search({}, 2000);
    for (size_t i = 0; i < sample.size(); i += 400) {
        if (!sample[i].hasNhsNumber())
            continue;
        scripts << sample[i].nhsNumber << domain::formatNhsNumber(sample[i].nhsNumber);
    }
    return scripts;
}

int benchSearch(const QString &path)
{
    auto db = openOrDie(path);
    storage::PatientRepository repo(*db);
    ui::PatientListPage page(repo);
    page.resize(1000, 700);
    page.show();
    std::vector<double> ms;
    for (const QString &script : typingScripts(repo)) {
        page.searchBox()->clear();
        for (const QChar c : script) {
            QElapsedTimer timer;
            timer.start();
            QTest::keyClick(page.searchBox(), c.toLatin1()); // runs the query and resets the model
            QCoreApplication::processEvents();               // and lets the view lay itself out
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (qEnvironmentVariableIsSet("PAINMDT_BENCH_VERBOSE"))
                std::printf("  %-24s %7.2f ms\n", qPrintable(page.searchBox()->text()), ms.back());
        }
    }
    std::printf("search_keystrokes %zu\nsearch_p50_ms %.2f\nsearch_p95_ms %.2f\nsearch_max_ms %.2f\n", ms.size(),
                percentile(ms, 0.5), percentile(ms, 0.95), *std::max_element(ms.begin(), ms.end()));
    return 0;
}

// Median of five runs of `work`, in milliseconds.
template <typename Work>
double medianMs(Work work)
{
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return percentile(ms, 0.5);
}

// The two reports over the whole demo period, and the two worklists as the GUI loads them.
int benchReferrals(const QString &path)
{
    auto db = openOrDie(path);
    const QDate asOf = QDate::currentDate();
    const reporting::ReportPeriod period{asOf.addYears(-3), asOf, asOf};
    int referrals = 0;
    std::printf("report_waiting_times_ms %.1f\n", medianMs([&] {
        const auto rows = storage::waitingRows(*db, period.from, period.to, period.asOf).value();
        referrals = int(rows.size());
        reporting::toJson(reporting::waitingTimes(rows, period));
    }));
    std::printf("report_triage_ms %.1f\n", medianMs([&] {
        reporting::toJson(reporting::triageMix(storage::triageRows(*db, period.from, period.to, period.asOf).value(), period));
    }));
    storage::ReferralRepository repo(*db);
    size_t awaiting = 0, waiting = 0;
    std::printf("triage_worklist_ms %.1f\n", medianMs([&] { awaiting = repo.awaitingTriage(5000).size(); }));
    std::printf("waiting_list_ms %.1f\n", medianMs([&] { waiting = repo.waitingForFirstContact(5000).size(); }));
    std::printf("referrals_in_reports %d\nawaiting_triage_rows %zu\nwaiting_list_rows %zu\n", referrals, awaiting, waiting);
    return 0;
}

int benchStartup(const QString &path, QElapsedTimer &sinceStart)
{
    auto db = openOrDie(path);
    ui::MainWindow window(db, services::StampSource(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); },
                                                    domain::Role::Clinician));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QCoreApplication::processEvents();
    std::printf("startup_ms %lld\npeak_rss_mb %.1f\n", sinceStart.elapsed(), peakMegabytes());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("what"), QStringLiteral("demo, search, referrals or startup"));
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("DB")});
    parser.addOption({QStringLiteral("patients"), QStringLiteral("Demo size."), QStringLiteral("N"), QStringLiteral("100000")});
    parser.addHelpOption();
    parser.process(app);
    const QString what = parser.positionalArguments().value(0);
    const QString db = parser.value(QStringLiteral("db"));
    if (db.isEmpty())
        parser.showHelp(2);
    if (what == QLatin1String("demo"))
        return benchDemo(db, parser.value(QStringLiteral("patients")).toInt());
    if (what == QLatin1String("search"))
        return benchSearch(db);
    if (what == QLatin1String("referrals"))
        return benchReferrals(db);
    if (what == QLatin1String("startup"))
        return benchStartup(db, sinceStart);
    parser.showHelp(2);
}
