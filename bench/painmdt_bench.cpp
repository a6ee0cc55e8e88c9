// Timing harness for the speed targets in docs/performance.md. Run it on a Release build:
//   painmdt_bench demo    --db FILE [--patients N]   time the demo generator
//   painmdt_bench search  --db FILE                  per-keystroke search latency (p50/p95/max)
//   painmdt_bench referrals --db FILE                the reports, the two worklists and the caseload lists
//   painmdt_bench startup --db FILE                  open the database to a shown window; peak memory
//   painmdt_bench gui     --db FILE                  the GUI thread's worst stall while opening each
//                                                    worklist, searching and saving a triage, and a
//                                                    500-event timeline (it writes: use a copy)
//   painmdt_bench costs   --db FILE [--attendances N] the attendances and cost-savings reports over N
//                                                    attendances (added if fewer), the same figures by
//                                                    one SQL statement, and 1,000,000 attendance rows
//                                                    loaded into copies of it by `painmdt import` (time,
//                                                    peak memory) and by the sqlite3 shell (the yardstick)
//   painmdt_bench reports --db FILE                  the dashboard, every report (figures, PDF, CSV) for
//                                                    the last financial year, and the GUI thread's worst
//                                                    stall while the Reports page runs each one
//   painmdt_bench backup  --db FILE                  the start-up check's cost, an encrypted backup and
//                                                    verified restores by `painmdt` (on copies)
//   painmdt_bench writers --db DB [--processes 5] [--seconds 30]  processes adding one to the same
//                                                    counter at once: saves, stale refusals, lost updates
//                                                    (none allowed); DB may be postgresql://...
// Each prints one line per figure; wall-clock times are measured here, never asserted in tests.
#include "domain/nhsnumber.h"
#include "interchange/demogenerator.h"
#include "storage/database.h"
#include "interchange/costimport.h"
#include "reporting/caseloadreport.h"
#include "reporting/costreports.h"
#include "services/attendanceservice.h"
#include "reporting/outcomesreport.h"
#include "services/assessmentservice.h"
#include "reporting/referralreports.h"
#include "storage/patientrepository.h"
#include "storage/referralrepository.h"
#include "services/backgroundreader.h"
#include "services/startupcheck.h"
#include "ui/caseloadpage.h"
#include "ui/mainwindow.h"
#include "reporting/dashboard.h"
#include "reporting/reportpdf.h"
#include "reporting/reportrunner.h"
#include "ui/reportspage.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "ui/patientlistpage.h"
#include "ui/patientoutcomes.h"
#include "ui/referrallistmodel.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui/waitinglistpage.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QLabel>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTimer>

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
    const auto sample = repo.search({}, 2000).value();
    for (size_t i = 0; i < sample.size(); i += 400) {
        if (!sample[i].hasNhsNumber())
            continue;
        scripts << sample[i].nhsNumber << domain::formatNhsNumber(sample[i].nhsNumber);
    }
    return scripts;
}

// A 5 ms timer on the GUI thread: how late it fires is how long the GUI thread was blocked.
class StallProbe : public QObject {
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worst = std::max(m_worst, now - m_last - tickNs);
            m_last = now;
        });
    }
    void start()
    {
        m_worst = 0;
        m_clock.start();
        m_last = 0;
        m_timer.start(int(tickNs / 1'000'000));
    }
    double worstMs() const { return double(m_worst) / 1e6; }

private:
    static constexpr qint64 tickNs = 5'000'000;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0, m_worst = 0;
};

// Runs `act`, then the event loop until `loaded` fires; the GUI thread's worst stall meanwhile.
template <typename Act>
double worstStall(StallProbe &probe, QSignalSpy &loaded, Act act)
{
    probe.start();
    QTest::qWait(20); // the probe's first ticks
    loaded.clear();
    act();
    if (loaded.isEmpty() && !loaded.wait(30000))
        std::fprintf(stderr, "no answer within 30 s\n");
    QTest::qWait(20); // a tick after the answer was shown
    return probe.worstMs();
}

int benchSearch(const QString &path)
{
    auto db = openOrDie(path);
    storage::PatientRepository repo(*db);
    services::BackgroundReader reader(path, services::StampSource(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); },
                                                                  domain::Role::Clinician));
    ui::PatientListPage page(reader, nullptr);
    page.resize(1000, 700);
    page.show();
    QSignalSpy loaded(&page, &ui::PatientListPage::loaded);
    loaded.wait(30000);
    std::vector<double> ms;
    for (const QString &script : typingScripts(repo)) {
        page.searchBox()->clear();
        loaded.wait(30000);
        for (const QChar c : script) {
            QElapsedTimer timer;
            timer.start();
            loaded.clear();
            QTest::keyClick(page.searchBox(), c.toLatin1()); // asks the worker for the search
            if (loaded.isEmpty())
                loaded.wait(30000);                          // until the answer is on screen
            QCoreApplication::processEvents();               // and the view has laid itself out
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
    std::printf("triage_worklist_ms %.1f\n", medianMs([&] { awaiting = repo.awaitingTriage(5000)->size(); }));
    std::printf("waiting_list_ms %.1f\n", medianMs([&] { waiting = repo.waitingForFirstContact(5000)->size(); }));
    std::printf("referrals_in_reports %d\nawaiting_triage_rows %zu\nwaiting_list_rows %zu\n", referrals, awaiting, waiting);
    std::printf("report_caseload_ms %.1f\n", medianMs([&] {
        reporting::toJson(reporting::caseload(storage::episodeRows(*db, asOf).value(),
                                              storage::contactCounts(*db, period.from, period.to, asOf).value(), period));
    }));
    services::AssessmentService assessments(*db);
    reporting::Definitions definitions;
    for (const auto *registered : assessments.registry())
        definitions.add(&registered->definition);
    size_t administrations = 0;
    std::printf("report_outcomes_ms %.1f\n", medianMs([&] {
        const auto rows = storage::administrationRows(*db, asOf).value();
        administrations = rows.size();
        reporting::toJson(reporting::outcomes(rows, definitions, period));
    }));
    std::printf("outcomes_administrations %zu\n", administrations);
    using View = domain::CaseloadQuery::View;
    for (const auto &[name, view, who] : {std::tuple{"caseload_team_ms", View::Open, ""},
                                          std::tuple{"caseload_mine_ms", View::Open, "demo.clinician"},
                                          std::tuple{"caseload_team_overdue_ms", View::Overdue, ""},
                                          std::tuple{"caseload_mine_overdue_ms", View::Overdue, "demo.clinician"},
                                          std::tuple{"caseload_team_quiet_ms", View::Quiet, ""}}) {
        domain::CaseloadQuery q;
        q.view = view;
        q.keyWorker = QString::fromLatin1(who);
        q.today = asOf;
        size_t rows = 0;
        std::printf("%s %.1f\n", name, medianMs([&] { rows = repo.caseload(q)->size(); }));
        std::printf("%s_rows %zu\n", name, rows);
    }
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

// Issue 8: a patient with 500 events (one referral, 499 check-ins with notes) opened with the
// timeline: the read alone, and the worst stall of opening the record on the GUI thread.
int benchTimeline(const std::shared_ptr<storage::Database> &db, ui::MainWindow &window)
{
    const services::StampSource admin(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); }, domain::Role::Admin);
    services::ReferralService referrals(*db, admin);
    services::PatientService patients(*db, admin);
    domain::Patient p;
    p.familyName = QStringLiteral("Manyevents");
    p.givenName = QStringLiteral("Bench");
    p.dateOfBirth = QDate(1960, 1, 1);
    const auto saved = patients.add(p);
    domain::Referral r;
    r.patientId = saved.value->id;
    r.receivedOn = QDate::currentDate().addDays(-600);
    r.source = QStringLiteral("gp");
    r.referralRef = QStringLiteral("BENCH-TIMELINE");
    r = *referrals.add(r).value;
    for (int i = 0; i < 499; ++i) {
        domain::Contact c;
        c.referralId = r.id;
        c.contactOn = r.receivedOn.addDays(1 + i);
        c.mode = QStringLiteral("phone");
        c.outcome = QStringLiteral("attended");
        c.note = QStringLiteral("Check-in %1: pacing, sleep and goals reviewed; plan agreed.").arg(i);
        if (!referrals.addContact(c).ok())
            return std::fprintf(stderr, "contact not added\n"), 1;
    }
    size_t events = 0;
    std::printf("timeline_read_ms %.1f\n", medianMs([&] { events = referrals.timeline(r.patientId)->size(); }));
    std::printf("timeline_events %zu\n", events);
    QElapsedTimer open;
    open.start();
    window.openPatient(r.patientId);
    std::printf("open_patient_with_timeline_ms %lld\n", open.elapsed()); // all on the GUI thread: a stall
    // Issue 9: a patient with a year of outcome measures (five rounds of PHQ-9, GAD-7 and the pain
    // score, and a PGIC and an FFT): opening the record builds the outcome view and its charts.
    auto &assessments = referrals.assessments();
    for (int round = 0; round < 5; ++round)
        for (const auto &[code, answers] : {std::pair{"phq9", "2;2;2;1;1;1;1;0;0"}, std::pair{"gad7", "2;2;1;1;1;0;0"},
                                            std::pair{"nrs_pain", "7"}}) {
            domain::Assessment a;
            a.patientId = r.patientId;
            a.instrument = QString::fromLatin1(code);
            a.occasion = round == 0 ? QStringLiteral("assessment") : QStringLiteral("review");
            a.collectedOn = r.receivedOn.addDays(10 + 90 * round);
            a.answers = domain::answersFromText(QString::fromLatin1(answers));
            if (!assessments.add(a).ok())
                return std::fprintf(stderr, "questionnaire not added\n"), 1;
        }
    window.showList();
    open.restart();
    window.openPatient(r.patientId);
    std::printf("open_patient_with_outcome_charts_ms %lld\n", open.elapsed());
    std::printf("outcome_charts %d\n", window.outcomes()->chartCount());
    return 0;
}

// Issue 7: on the stress database no action blocks the GUI thread for more than about 100 ms.
int benchGui(const QString &path)
{
    auto db = openOrDie(path);
    ui::MainWindow window(db, services::StampSource(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); },
                                                    domain::Role::Admin));
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    StallProbe probe;
    QSignalSpy listLoaded(window.patientList(), &ui::PatientListPage::loaded);
    QSignalSpy triageLoaded(window.triagePage(), &ui::TriagePage::loaded);
    QSignalSpy waitingLoaded(window.waitingList(), &ui::WaitingListPage::loaded);
    listLoaded.wait(30000);
    std::printf("stall_open_triage_ms %.1f\n", worstStall(probe, triageLoaded, [&] { window.showSection(1); }));
    std::printf("stall_open_waiting_ms %.1f\n", worstStall(probe, waitingLoaded, [&] { window.showSection(2); }));
    QSignalSpy caseloadLoaded(window.caseloadPage(), &ui::CaseloadPage::loaded);
    std::printf("stall_open_caseload_ms %.1f\n", worstStall(probe, caseloadLoaded, [&] { window.showSection(3); }));
    QElapsedTimer teamTimer;
    teamTimer.start();
    window.caseloadPage()->whoseBox()->setCurrentIndex(1); // the whole team's (the bench user is no clinician)
    window.caseloadPage()->refresh();
    caseloadLoaded.wait(30000);
    std::printf("open_team_caseload_ms %lld\ncaseload_team_rows %d\n", teamTimer.elapsed(),
                window.caseloadPage()->model()->rowCount());
    window.showSection(0);
    std::printf("stall_search_ms %.1f\n", worstStall(probe, listLoaded, [&] {
        QTest::keyClicks(window.patientList()->searchBox(), QStringLiteral("smi"));
    }));
    // Saving a triage: the write on the GUI thread, then both worklists reload from the hub.
    window.showSection(1);
    triageLoaded.wait(30000);
    ui::TriagePage *triage = window.triagePage();
    triage->table()->selectRow(0);
    QTest::keyClick(triage->table(), Qt::Key_Return);
    if (!triage->isFormOpen())
        return std::fprintf(stderr, "no referral to triage\n"), 1;
    triage->form()->startBack()->setAnswers({0, 0, 0, 0, 0, 0, 0, 0, 1});
    triage->form()->pathwayBox()->setCurrentIndex(1); // community physio
    const int before = triage->model()->rowCount();
    bool saved = false;
    std::printf("stall_save_triage_ms %.1f\n", worstStall(probe, triageLoaded, [&] { saved = triage->form()->save(); }));
    if (!saved)
        return std::fprintf(stderr, "not saved: %s\n", qPrintable(triage->form()->errorLabel()->text())), 1;
    std::printf("triage_rows_before %d\ntriage_rows_after %d\n", before, triage->model()->rowCount());
    return benchTimeline(db, window);
}

} // namespace

// Adds attendances spread over four years to every patient until there are `wanted`, by SQL: the
// figures are about the reports and the import, not the demo generator.
void fillAttendances(storage::Database &db, qint64 wanted)
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM attendance"));
    const qint64 have = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    const qint64 patients = [&] { q.exec(QStringLiteral("SELECT COUNT(*) FROM patient")); q.next(); return q.value(0).toLongLong(); }();
    q.finish();
    if (have >= wanted || patients == 0)
        return;
    const qint64 each = (wanted - have + patients - 1) / patients;
    const bool ok = q.exec(QStringLiteral(
        "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < %1) "
        "INSERT INTO attendance(patient_id, attended_on, setting, bed_days, created_at, created_by, updated_at, updated_by) "
        "SELECT p.id, date('now', '-' || (abs(random()) % 1460) || ' days'), "
        "CASE abs(random()) % 7 WHEN 0 THEN 'ae' WHEN 1 THEN 'non_elective_admission' WHEN 2 THEN 'elective_admission' "
        "WHEN 3 THEN 'outpatient_first' WHEN 4 THEN 'outpatient_followup' WHEN 5 THEN 'gp' ELSE 'ambulance' END, NULL, "
        "'2026-01-01T00:00:00Z', 'bench', '2026-01-01T00:00:00Z', 'bench' FROM patient p, k").arg(each));
    if (!ok)
        std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
}

// The cost-savings figures of the default options by one hand-written statement: the yardstick.
const char *costSavingsSql =
    "WITH idx AS (SELECT r.patient_id, MIN(c.contact_on) AS d FROM contact c JOIN referral r ON r.id = c.referral_id "
    "JOIN patient p ON p.id = r.patient_id WHERE p.deleted_at IS NULL AND r.entered_in_error IS NULL AND "
    "c.entered_in_error IS NULL AND c.outcome = 'attended' AND c.contact_on <= :asof GROUP BY r.patient_id "
    "HAVING d >= :from AND d <= :to AND date(d, '+12 months') <= :asof), "
    "w AS (SELECT a.setting, a.bed_days, CASE WHEN a.attended_on < idx.d THEN 'before' ELSE 'after' END AS side "
    "FROM attendance a JOIN idx ON idx.patient_id = a.patient_id WHERE a.entered_in_error IS NULL AND a.attended_on <> idx.d "
    "AND a.attended_on >= date(idx.d, '-12 months') AND a.attended_on <= date(idx.d, '+12 months')) "
    "SELECT w.side, w.setting, COUNT(*), SUM(COALESCE(w.bed_days, 0)), SUM(t.unit_cost) FROM w "
    "LEFT JOIN tariff_line t ON t.setting = w.setting AND t.tariff = (SELECT tariff FROM tariff_line ORDER BY id DESC LIMIT 1) "
    "GROUP BY w.side, w.setting";

long peakKb()
{
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

int benchImport(storage::Database &db, const QString &path, const QDate &asOf);

int benchCosts(const QString &path, qint64 wanted)
{
    auto db = openOrDie(path);
    QElapsedTimer fill;
    fill.start();
    fillAttendances(*db, wanted);
    std::printf("fill_attendances_s %.1f\n", double(fill.elapsed()) / 1000.0);
    const QDate asOf = QDate::currentDate();
    const reporting::ReportPeriod period{asOf.addYears(-3), asOf.addYears(-1), asOf};
    services::AttendanceService costs(*db);
    const auto tariffs = costs.tariffs().value();
    const std::optional<domain::Tariff> tariff = tariffs.empty() ? std::nullopt : std::optional(tariffs.front());
    const auto serviceCosts = costs.serviceCosts().value();
    const auto prices = reporting::pricesOf(tariff);
    std::printf("report_cost_savings_ms %.1f\n", medianMs([&] {
        const auto tallies = storage::costSavingsTallies(*db, false, 12, period.from, period.to, asOf, prices).value();
        reporting::toJson(reporting::costSavings(tallies, tariff, serviceCosts, period));
    }));
    std::printf("cost_savings_one_sql_ms %.1f\n", medianMs([&] {
        QSqlQuery q(db->connection());
        q.prepare(QString::fromLatin1(costSavingsSql));
        q.bindValue(QStringLiteral(":from"), period.from.toString(Qt::ISODate));
        q.bindValue(QStringLiteral(":to"), period.to.toString(Qt::ISODate));
        q.bindValue(QStringLiteral(":asof"), asOf.toString(Qt::ISODate));
        if (!q.exec())
            std::fprintf(stderr, "%s\n", qPrintable(q.lastError().text()));
        while (q.next()) {
        }
    }));
    std::printf("report_attendances_ms %.1f\n", medianMs([&] {
        reporting::toJson(reporting::attendances(storage::attendanceTallies(*db, period.from, period.to, asOf, prices, 20).value(),
                                                 tariff, period));
    }));
    std::printf("peak_memory_after_reports_kb %ld\n", peakKb());

    return benchImport(*db, path, asOf);
}

// A child process's wall time, or -1 when it failed (its output on stderr).
double timedChild(const QString &program, const QStringList &arguments, const QByteArray &input = {})
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(program, arguments);
    child.write(input);
    child.closeWriteChannel();
    if (!child.waitForFinished(-1) || child.exitCode() != 0) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(program), child.readAllStandardOutput().constData());
        return -1;
    }
    std::fprintf(stderr, "%s", child.readAllStandardOutput().constData());
    return double(timer.elapsed()) / 1000.0;
}

long childrenPeakKb()
{
    struct rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

// 1,000,000 rows of a hospital extract, with refs, loaded two ways into copies of this database:
// by `painmdt import` as a manager runs it (its time and peak memory), and by the sqlite3 shell
// into the same table, refs joined to patients in SQL (the yardstick).
int benchImport(storage::Database &db, const QString &path, const QDate &asOf)
{
    const QString extract = path + QStringLiteral(".extract.csv");
    QFile out(extract);
    if (!out.open(QIODevice::WriteOnly))
        return std::fprintf(stderr, "cannot write %s\n", qPrintable(extract)), 1;
    out.write("attendance_ref,patient_ref,attended_on,setting\n");
    QSqlQuery refs(db.connection());
    refs.exec(QStringLiteral("SELECT patient_ref FROM patient WHERE deleted_at IS NULL AND date_of_death IS NULL"));
    QStringList patientRefs;
    while (refs.next())
        patientRefs << refs.value(0).toString();
    refs.finish();
    const QStringList settings = domain::attendanceSettings();
    for (int i = 0; i < 1000000 && !patientRefs.isEmpty(); ++i)
        out.write(QStringLiteral("BX%1,%2,%3,%4\n").arg(i).arg(patientRefs[i % patientRefs.size()])
                      .arg(asOf.addDays(-(i % 1000)).toString(Qt::ISODate), settings[i % settings.size()]).toUtf8());
    out.close();
    QSqlQuery(db.connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    const QString yard = path + QStringLiteral(".yardstick.sqlite"), mine = path + QStringLiteral(".import.sqlite");
    for (const QString &copy : {yard, mine}) {
        QFile::remove(copy);
        QFile::copy(path, copy);
    }
    const QByteArray shell = ".bail on\n.mode csv\nBEGIN;\n"
        "CREATE TEMP TABLE extract(attendance_ref TEXT, patient_ref TEXT, attended_on TEXT, setting TEXT);\n"
        ".import --skip 1 " + extract.toUtf8() + " extract\n"
        "INSERT INTO attendance(attendance_ref, patient_id, attended_on, setting, created_at, created_by, updated_at, updated_by) "
        "SELECT e.attendance_ref, p.id, e.attended_on, e.setting, '2026-01-01T00:00:00Z', 'shell', '2026-01-01T00:00:00Z', "
        "'shell' FROM extract e JOIN patient p ON p.patient_ref = e.patient_ref;\nCOMMIT;\n";
    qputenv("PAINMDT_USER", "demo.admin");
    qputenv("PAINMDT_PASSWORD", "painmdt-demo");
    const QString painmdt = QCoreApplication::applicationDirPath() + QStringLiteral("/../src/painmdt");
    std::printf("import_attendances_s %.1f\n", timedChild(painmdt, {QStringLiteral("import"), QStringLiteral("--db"), mine,
                                                                     QStringLiteral("--kind"), QStringLiteral("attendances"), extract}));
    std::printf("import_attendances_peak_memory_kb %ld\n", childrenPeakKb());
    std::printf("import_yardstick_sqlite3_shell_s %.1f\n", timedChild(QStringLiteral("sqlite3"), {yard}, shell));
    for (const QString &file : {extract, yard, mine})
        QFile::remove(file);
    return 0;
}

int benchReports(const QString &path)
{
    auto db = openOrDie(path);
    const QDate asOf = QDate::currentDate();
    std::printf("dashboard_ms %.1f\n", medianMs([&] { reporting::dashboard(*db, asOf); }));
    const auto year = reporting::presetPeriod(reporting::PeriodPreset::LastFinancialYear, asOf);
    for (const QString &name : reporting::reportNames()) {
        QJsonObject figures;
        const QByteArray key = name.toUtf8().replace('-', '_');
        std::printf("report_%s_ms %.1f\n", key.constData(), medianMs([&] { figures = reporting::makeReport(*db, name, year).value(); }));
        std::printf("pdf_%s_ms %.1f\n", key.constData(), medianMs([&] { reporting::toPdf(reporting::reportDocument(figures)).value(); }));
        std::printf("csv_%s_ms %.1f\n", key.constData(), medianMs([&] { reporting::toCsv(figures); }));
    }
    const services::StampSource manager(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); }, domain::Role::Manager);
    services::BackgroundReader reader(db->location(), manager);
    ui::ReportsPage page(db, reader, nullptr, manager);
    page.resize(1400, 900);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return 1;
    StallProbe probe;
    QSignalSpy dashboardLoaded(&page, &ui::ReportsPage::dashboardLoaded);
    dashboardLoaded.wait(60000);
    QSignalSpy shown(&page, &ui::ReportsPage::reportShown);
    double worst = 0;
    for (int row = 0; row < page.reportList()->count(); ++row) {
        page.reportList()->setCurrentRow(row);
        page.setPeriod(year);
        worst = std::max(worst, worstStall(probe, shown, [&] { page.run(); }));
    }
    std::printf("stall_reports_page_ms %.1f\npeak_memory_kb %ld\n", worst, peakKb());
    return 0;
}

// Issue 11: what the start-up check adds to opening, how long it runs in the background, and the
// encrypted backup and verified restores of this database through `painmdt` (on copies).
int benchBackup(const QString &path)
{
    const QString copy = path + QStringLiteral(".backup-bench.sqlite"), bak = path + QStringLiteral(".bench.painmdt-backup");
    const QString restored = path + QStringLiteral(".restored.sqlite"), pass = path + QStringLiteral(".pass");
    for (const QString &f : {copy, bak, restored})
        QFile::remove(f);
    QFile::copy(path, copy);
    QFile passFile(pass);
    if (!passFile.open(QIODevice::WriteOnly) || passFile.write("lantern orchard pebble\n") < 0)
        return std::fprintf(stderr, "cannot write %s\n", qPrintable(pass)), 1;
    passFile.close();
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        auto db = storage::Database::open(copy, storage::OpenMode::MustExist);
        const double open = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        services::StartupCheck check(copy);
        check.guard(*db.value());
        const double added = double(timer.nsecsElapsed()) / 1e6;
        const bool sound = !check.result().damaged && check.result().problem.isEmpty();
        std::printf("open_ms %.1f startup_check_added_ms %.2f startup_check_runs_ms %lld sound %d\n", open, added,
                    timer.elapsed(), int(sound));
    }
    qputenv("PAINMDT_USER", "demo.admin");
    qputenv("PAINMDT_PASSWORD", "painmdt-demo");
    const QString painmdt = QCoreApplication::applicationDirPath() + QStringLiteral("/../src/painmdt");
    const QString passOption = QStringLiteral("--passphrase-file");
    std::printf("backup_s %.1f\n", timedChild(painmdt, {QStringLiteral("backup"), QStringLiteral("--db"), copy,
                                                         QStringLiteral("--out"), bak, passOption, pass}));
    std::printf("backup_peak_memory_kb %ld\n", childrenPeakKb());
    std::printf("backup_bytes %lld database_bytes %lld\n", QFileInfo(bak).size(), QFileInfo(copy).size());
    std::printf("restore_new_s %.1f\n", timedChild(painmdt, {QStringLiteral("restore"), QStringLiteral("--in"), bak,
                                                              QStringLiteral("--db"), restored, passOption, pass}));
    std::printf("restore_replace_s %.1f\n", timedChild(painmdt, {QStringLiteral("restore"), QStringLiteral("--in"), bak,
                                                                  QStringLiteral("--db"), copy, QStringLiteral("--replace"),
                                                                  passOption, pass}));
    std::printf("peak_memory_of_any_child_kb %ld\n", childrenPeakKb());
    return 0;
}

// One of `writers`' processes: until `seconds` have passed, adds one to the counter held in
// patient `id`'s phone field (read, change, save; a save refused as stale is read again and
// retried). Prints its own saves, its stale refusals and any other refusals (a busy database).
int benchWriter(const QString &path, qint64 id, int seconds, const QString &actor)
{
    auto db = openOrDie(path);
    services::PatientService patients(*db, services::StampSource(actor, [] { return QDateTime::currentDateTimeUtc(); },
                                                                 domain::Role::Admin));
    long saved = 0, stale = 0, other = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < seconds * 1000LL) {
        const auto read = patients.byId(id);
        if (!read || !read->has_value())
            return std::fprintf(stderr, "%s\n", read ? "the counter patient is gone" : qPrintable(read.error())), 1;
        domain::Patient next = *read.value();
        next.phone = QString::number(next.phone.toLongLong() + 1);
        const auto result = patients.update(next);
        (result.ok() ? saved : result.problem.stale ? stale : other) += 1;
    }
    std::printf("%ld %ld %ld\n", saved, stale, other);
    return 0;
}

// `processes` writers adding one to the same counter at once for `seconds` (issue 12: "5 writer
// processes for 30 s with no lost update"): the counter must end at the number of saves they
// report, and its row version must have moved by as much.
int benchWriters(const QString &path, int processes, int seconds)
{
    auto db = openOrDie(path);
    services::PatientService patients(*db, services::StampSource(QStringLiteral("bench"), [] { return QDateTime::currentDateTimeUtc(); },
                                                                 domain::Role::Admin));
    domain::Patient counter;
    counter.familyName = QStringLiteral("Counter");
    counter.givenName = QStringLiteral("Writers");
    counter.dateOfBirth = QDate(1970, 1, 1);
    counter.phone = QStringLiteral("0");
    const auto added = patients.add(counter);
    if (!added.ok())
        return std::fprintf(stderr, "%s\n", qPrintable(added.problem.summary())), 1;
    std::vector<std::unique_ptr<QProcess>> running;
    for (int i = 0; i < processes; ++i) {
        auto &child = running.emplace_back(std::make_unique<QProcess>());
        child->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child->start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("writer"), QStringLiteral("--db"), path, QStringLiteral("--patient"),
                      QString::number(added.value->id), QStringLiteral("--seconds"), QString::number(seconds),
                      QStringLiteral("--actor"), QStringLiteral("writer.%1").arg(i + 1)});
    }
    long saved = 0, stale = 0, other = 0;
    for (auto &child : running) {
        if (!child->waitForFinished(-1) || child->exitCode() != 0)
            return std::fprintf(stderr, "a writer failed\n"), 1;
        // The last line: the log may write to standard output before it.
        const QStringList lines = QString::fromUtf8(child->readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList counts = lines.value(lines.size() - 1).split(QLatin1Char(' '));
        saved += counts.value(0).toLong();
        stale += counts.value(1).toLong();
        other += counts.value(2).toLong();
    }
    const auto final = patients.byId(added.value->id);
    if (!final || !final->has_value())
        return std::fprintf(stderr, "the counter could not be read back\n"), 1;
    const long counted = final.value()->phone.toLong();
    std::printf("writers_processes %d\nwriters_seconds %d\nwriters_saves %ld\nwriters_saves_per_s %.0f\n"
                "writers_stale_refusals %ld\nwriters_other_refusals %ld\nwriters_lost_updates %ld\n"
                "writers_row_version_moved %d\n",
                processes, seconds, saved, double(saved) / seconds, stale, other, saved - counted,
                final.value()->rowVersion - added.value->rowVersion);
    return saved == counted && final.value()->rowVersion - added.value->rowVersion == saved ? 0 : 1;
}

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("what"), QStringLiteral("demo, search, referrals, startup or gui"));
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database file."), QStringLiteral("DB")});
    parser.addOption({QStringLiteral("patients"), QStringLiteral("Demo size."), QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("attendances"), QStringLiteral("Attendances for costs."), QStringLiteral("N"),
                      QStringLiteral("2000000")});
    parser.addOption({QStringLiteral("processes"), QStringLiteral("Writer processes."), QStringLiteral("N"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("How long the writers write."), QStringLiteral("S"),
                      QStringLiteral("30")});
    parser.addOption({QStringLiteral("patient"), QStringLiteral("A writer's counter (internal)."), QStringLiteral("ID")});
    parser.addOption({QStringLiteral("actor"), QStringLiteral("A writer's user name (internal)."), QStringLiteral("NAME")});
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
    if (what == QLatin1String("gui"))
        return benchGui(db);
    if (what == QLatin1String("reports"))
        return benchReports(db);
    if (what == QLatin1String("backup"))
        return benchBackup(db);
    if (what == QLatin1String("writers"))
        return benchWriters(db, parser.value(QStringLiteral("processes")).toInt(), parser.value(QStringLiteral("seconds")).toInt());
    if (what == QLatin1String("writer"))
        return benchWriter(db, parser.value(QStringLiteral("patient")).toLongLong(), parser.value(QStringLiteral("seconds")).toInt(),
                           parser.value(QStringLiteral("actor")));
    if (what == QLatin1String("costs"))
        return benchCosts(db, parser.value(QStringLiteral("attendances")).toLongLong());
    parser.showHelp(2);
}
