// Drives the real windows through the steps the user guide describes and saves each as a PNG,
// so the guide's pictures are never staged by hand: painmdt_screenshots DB OUTDIR
#include "services/accountservice.h"
#include "services/auditservice.h"
#include "services/backgroundreader.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "storage/database.h"
#include "storage/referralrepository.h"
#include "ui/auditdialog.h"
#include "ui/autobackup.h"
#include "ui/backupsdialog.h"
#include "ui/caseloadpage.h"
#include "ui/contactdialog.h"
#include "ui/definitionsdialog.h"
#include "ui/drafts.h"
#include "ui/logindialog.h"
#include "ui/mainwindow.h"
#include "ui/attendancedialog.h"
#include "ui/gpletterdialog.h"
#include "ui/importwizard.h"
#include "reporting/gpletter.h"
#include "reporting/dashboard.h"
#include "ui/costsdialog.h"
#include "ui/patientattendances.h"
#include "ui/patientpage.h"
#include "services/attendanceservice.h"
#include "ui/reportspage.h"
#include "ui/patientdialog.h"
#include "ui/patientlistmodel.h"
#include "ui/patientlistpage.h"
#include "ui/patientoutcomes.h"
#include "ui/questionnairedialog.h"
#include "ui/referrallistmodel.h"
#include "ui/reviewspage.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui/usersdialog.h"
#include "ui_contactdialog.h"
#include "ui_patientdialog.h"

#include <QApplication>
#include <QPushButton>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QStyleFactory>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QEventLoop>
#include <QFile>
#include <QComboBox>
#include <QTest>
#include <QTimer>

using namespace painmdt;

namespace {

void save(QWidget *w, const QString &dir, const char *name)
{
    QCoreApplication::processEvents();
    w->grab().save(QDir(dir).filePath(QString::fromLatin1(name)));
}

// Lists load on the background reader: wait until each answer is on screen before the picture.
void settled(services::BackgroundReader &reader)
{
    for (int round = 0; round < 3; ++round) { // an answer may ask for another
        reader.drain();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette = app.palette();
    palette.setColor(QPalette::Highlight, QColor(0x00, 0x5E, 0xB8));
    app.setPalette(palette);
    if (argc < 3)
        return 2;
    const QString out = QString::fromLocal8Bit(argv[2]);
    QDir().mkpath(out);
    auto db = storage::Database::open(QString::fromLocal8Bit(argv[1]));
    if (!db)
        return 1;

    // The demo's log-in, as a newcomer first sees it.
    services::AccountService accounts(*db.value());
    ui::LoginDialog login(accounts, QStringLiteral("painmdt-demo.sqlite"), true);
    login.show();
    if (!QTest::qWaitForWindowExposed(&login))
        return 1;
    save(&login, out, "login.png");
    login.close();

    // The first run: the start page of a new database, then its empty lists.
    {
        QTemporaryDir fresh;
        auto empty = storage::Database::open(fresh.filePath(QStringLiteral("painmdt.sqlite")));
        if (!empty)
            return 1;
        services::AccountService none(*empty.value());
        ui::LoginDialog start(none, QStringLiteral("painmdt.sqlite"), false);
        start.show();
        if (!QTest::qWaitForWindowExposed(&start))
            return 1;
        QTest::keyClicks(start.userEdit(), QStringLiteral("r.ellison"));
        QTest::keyClicks(start.passwordEdit(), QStringLiteral("a long passphrase 42"));
        QTest::keyClicks(start.repeatEdit(), QStringLiteral("a long passphrase 42"));
        save(&start, out, "first-run.png");
        start.close();
        const services::StampSource first(QStringLiteral("r.ellison"), [] { return QDateTime::currentDateTimeUtc(); },
                                          domain::Role::Admin);
        QTemporaryDir emptyDrafts;
        ui::DraftStore::setCurrent(std::make_shared<ui::DraftStore>(emptyDrafts.path()));
        ui::MainWindow emptyWindow(empty.value(), first);
        emptyWindow.resize(1280, 560);
        emptyWindow.show();
        if (!QTest::qWaitForWindowExposed(&emptyWindow))
            return 1;
        settled(emptyWindow.reader());
        save(&emptyWindow, out, "first-run-empty.png");
        emptyWindow.close();
    }

    // The screenshots show a clinician at work (the demo's demo.clinician).
    const services::StampSource clinician(QStringLiteral("demo.clinician"), [] { return QDateTime::currentDateTimeUtc(); },
                                          domain::Role::Clinician);
    ui::MainWindow window(db.value(), clinician);
    QTemporaryDir drafts; // the pictures' own drafts (the triage is left half done) go nowhere real
    ui::DraftStore::setCurrent(std::make_shared<ui::DraftStore>(drafts.path()));
    window.resize(1280, 800);
    window.show();
    QApplication::setActiveWindow(&window);
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    const auto settle = [&window] { settled(window.reader()); };
    QTest::keyClicks(window.patientList()->searchBox(), QStringLiteral("smith"));
    settle();
    save(&window, out, "patient-search.png");

    // A patient with a referral, so the page shows the referrals panel at work.
    storage::ReferralRepository referrals(*db.value());
    const auto referral = referrals.byRef(QStringLiteral("RF0000003"));
    window.openPatient(referral && referral->has_value() ? referral.value()->patientId
                                : window.patientList()->model()->index(0, 0).data(ui::PatientListModel::PatientIdRole).toLongLong());
    save(&window, out, "patient-view.png");

    window.showSection(1);
    settle();
    save(&window, out, "triage-worklist.png");
    auto *worklist = window.triagePage()->findChild<QTableView *>();
    worklist->setFocus();
    QTest::keyClick(worklist, Qt::Key_Return); // opens the first (urgent, oldest) referral
    for (const char code : {'1', '1', '0', '1', '0', '1', '0', '0', '3'})
        QTest::keyClick(window.focusWidget(), code); // without a window manager the window may not be active
    save(&window, out, "triage-form.png");
    QTest::keyClick(window.focusWidget(), Qt::Key_Escape);

    window.showSection(2);
    settle();
    save(&window, out, "waiting-list.png");

    // Case management: the clinician's caseload, overdue first; a patient's timeline; a check-in.
    window.showSection(3);
    settle();
    save(&window, out, "caseload.png");
    const domain::ReferralRow *first = window.caseloadPage()->model()->rowAt(0);
    if (first) {
        const domain::ReferralRow row = *first;
        window.openPatient(row.patient.id);
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
            tabs->setCurrentIndex(1);
        save(&window, out, "timeline.png");
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
            tabs->setCurrentIndex(0);
        services::ReferralService referralService(*db.value(), clinician);
        services::PatientService patients(*db.value(), clinician);
        const auto patient = patients.byId(row.patient.id);
        if (patient && patient->has_value()) {
            ui::DraftStore::setCurrent(nullptr); // pictures only: no draft left behind
            ui::ContactDialog checkIn(referralService, row.referral, *patient.value());
            checkIn.show();
            checkIn.form().noteEdit->setPlainText(QStringLiteral("Better week; walked to the park twice. Agreed to keep the pacing diary."));
            save(&checkIn, out, "checkin.png");
            checkIn.close();
        }
    }

    // Hazard H9: the first patient in the team's caseload with an open alert, if any, on their record.
    window.showSection(3);
    window.caseloadPage()->setChoices(false, 28);
    window.caseloadPage()->refresh();
    settle();
    for (int i = 0; i < window.caseloadPage()->model()->rowCount(); ++i)
        if (const domain::ReferralRow *row = window.caseloadPage()->model()->rowAt(i); row && row->alerted) {
            window.openPatient(row->patient.id);
            save(&window, out, "alert.png");
            if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
                tabs->setCurrentWidget(window.outcomes());
            save(&window, out, "outcomes.png");
            services::ReferralService outcomeService(*db.value(), clinician);
            services::PatientService people(*db.value(), clinician);
            const auto patient = people.byId(row->patient.id);
            const auto *phq9 = outcomeService.assessments().instrument(QStringLiteral("phq9"));
            if (phq9 && patient && patient->has_value()) {
                ui::DraftStore::setCurrent(nullptr); // pictures only: no draft left behind
                ui::QuestionnaireDialog form(outcomeService.assessments(), *phq9, *patient.value(), row->referral.id);
                form.show();
                form.form()->setAnswers(domain::answersFromText(QStringLiteral("2;1;2;1;1;;1;0;0")));
                save(&form, out, "questionnaire.png");
                form.close();
                // The alert goes with the patient: under the banner of a check-in too.
                ui::ContactDialog checkIn(outcomeService, row->referral, *patient.value());
                checkIn.show();
                save(&checkIn, out, "alert-checkin.png");
                checkIn.close();
            }
            if (const auto *fft = outcomeService.assessments().instrument(QStringLiteral("fft")); fft && patient && patient->has_value()) {
                ui::QuestionnaireDialog form(outcomeService.assessments(), *fft, *patient.value(), row->referral.id);
                form.show();
                form.form()->setAnswers({2});
                form.freeTextEdit(QStringLiteral("why"))->setPlainText(
                    QStringLiteral("The nurse rang every fortnight, so I never felt forgotten. The wait for the first appointment was long."));
                save(&form, out, "fft.png");
            }
            if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
                tabs->setCurrentIndex(0);
            break;
        }

    // The MDT: the latest demo meeting, its first patient's discussion and actions.
    window.showSection(4);
    if (window.reviewsPage()->meetingList()->count() > 0) {
        window.reviewsPage()->meetingList()->setCurrentRow(0);
        window.reviewsPage()->agendaList()->setCurrentRow(0);
    }
    save(&window, out, "reviews.png");

    // Reports: the dashboard, and the net-saving tile's report (cost-savings) in the preview.
    window.showSection(5);
    settled(window.reader());
    if (window.reportsPage()->tiles().size() == 6) {
        window.reportsPage()->tiles().back()->click();
        settled(window.reader());
    }
    save(&window, out, "reports.png");
    // The service outcome report for the latest year with complete windows, scrolled to its findings.
    window.reportsPage()->selectReport(QStringLiteral("service"));
    window.reportsPage()->setPeriod(reporting::presetPeriod(reporting::PeriodPreset::CompleteWindows, QDate::currentDate()));
    {
        QEventLoop shown;
        QObject::connect(window.reportsPage(), &ui::ReportsPage::reportShown, &shown, &QEventLoop::quit);
        window.reportsPage()->run();
        QTimer::singleShot(60000, &shown, &QEventLoop::quit);
        shown.exec();
    }
    save(&window, out, "service-report.png");

    // Hospital use: the demo patient with the most attendances, and the dialog to record one.
    QSqlQuery busiest(db.value()->connection());
    if (busiest.exec(QStringLiteral("SELECT patient_id FROM attendance WHERE entered_in_error IS NULL "
                                    "GROUP BY patient_id ORDER BY COUNT(*) DESC LIMIT 1")) && busiest.next()) {
        window.openPatient(busiest.value(0).toLongLong());
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
            tabs->setCurrentWidget(window.attendances());
        save(&window, out, "hospital-use.png");
        services::AttendanceService attendances(*db.value(), clinician);
        ui::AttendanceDialog record(attendances, window.patientPage()->patient());
        record.show();
        QTest::keyClicks(record.dateEdit(), QStringLiteral("-3d"));
        record.settingBox()->setCurrentIndex(record.settingBox()->findData(QStringLiteral("non_elective_admission")));
        record.bedDaysBox()->setValue(2);
        save(&record, out, "attendance-dialog.png");
        record.hide();
        // The GP summary letter for the same patient, a note typed.
        if (const auto facts = reporting::gpLetterFacts(*db.value(), window.patientPage()->patient().id)) {
            ui::GpLetterDialog letter(db.value(), clinician, facts.value());
            letter.show();
            QTest::keyClicks(letter.noteEdit(), QStringLiteral("Seen twice at home; pacing plan agreed. Please keep "
                                                               "the current medication and refer back if A&E visits rise."));
            QTest::qWait(400);
            save(&letter, out, "gp-letter.png");
        }
        if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("patientTabs")))
            tabs->setCurrentIndex(0);
    }

    // The import wizard on a hospital extract with its own headings (a manager's work).
    {
        const services::StampSource manager(QStringLiteral("demo.manager"), [] { return QDateTime::currentDateTimeUtc(); },
                                            domain::Role::Manager);
        QTemporaryDir scratch;
        const QString extract = scratch.filePath(QStringLiteral("extract-nov-2026.csv"));
        QFile file(extract);
        if (file.open(QIODevice::WriteOnly)) {
            const QString ref = window.patientPage()->patient().patientRef;
            file.write(QStringLiteral("Episode ID,Hospital No,Admission Date,Type,LOS,Spec\n"
                                      "EP0001,%1,2026-11-02,ae,,\nEP0002,%1,2026-11-09,non_elective_admission,3,General medicine\n"
                                      "EP0003,%1,09/11/2026,gp,,\n").arg(ref).toUtf8());
            file.close();
        }
        ui::ImportWizard wizard(db.value(), manager);
        wizard.show();
        wizard.kindBox()->setCurrentIndex(wizard.kindBox()->findData(QStringLiteral("attendances")));
        wizard.fileEdit()->setText(extract);
        wizard.next();
        for (const auto &[ours, theirs] : {std::pair{"attendance_ref", "episode id"}, std::pair{"patient_ref", "hospital no"},
                                           std::pair{"attended_on", "admission date"}, std::pair{"setting", "type"},
                                           std::pair{"bed_days", "los"}, std::pair{"specialty", "spec"}})
            if (QComboBox *box = wizard.columnBox(QString::fromLatin1(ours)))
                box->setCurrentIndex(box->findData(QString::fromLatin1(theirs)));
        save(&wizard, out, "import-columns.png");
        QEventLoop wait;
        QObject::connect(&wizard, &ui::ImportWizard::runFinished, &wait, &QEventLoop::quit);
        wizard.next();
        if (wizard.running())
            wait.exec();
        save(&wizard, out, "import-check.png");
    }

    services::PatientService service(*db.value(), clinician);
    ui::PatientDialog dialog(service, domain::Patient{});
    dialog.show();
    auto &form = dialog.form();
    form.familyNameEdit->setText(QStringLiteral("Okafor"));
    form.givenNameEdit->setText(QStringLiteral("Grace"));
    form.dateOfBirthEdit->setText(QStringLiteral("12/03/60"));
    form.nhsNumberEdit->setText(QStringLiteral("999 000 0017"));
    form.postcodeEdit->setText(QStringLiteral("nw1"));
    dialog.accept(); // shows the inline messages
    save(&dialog, out, "patient-dialog-errors.png");

    // Two people editing one patient: the triage physio saves first, the clinician reloads.
    {
        const domain::Patient opened = window.patientPage()->patient();
        ui::PatientDialog editing(service, opened);
        editing.show();
        editing.form().phoneEdit->setText(QStringLiteral("07700 900222"));
        services::PatientService colleague(*db.value(), services::StampSource(QStringLiteral("demo.triage"),
                                                                              [] { return QDateTime::currentDateTimeUtc(); },
                                                                              domain::Role::Triage));
        domain::Patient theirs = opened;
        theirs.phone = QStringLiteral("07700 900111");
        theirs.postcode = QStringLiteral("LS1 4AP");
        if (colleague.update(theirs).ok()) {
            editing.accept(); // refused as stale
            save(&editing, out, "patient-dialog-stale.png");
            for (QPushButton *button : editing.findChildren<QPushButton *>())
                if (button->text().contains(QLatin1String("keeping what I typed")))
                    button->click();
            save(&editing, out, "patient-dialog-reloaded.png");
        }
        editing.reject();
    }

    // The administrator's screens (the demo's demo.admin).
    const services::StampSource admin(QStringLiteral("demo.admin"), [] { return QDateTime::currentDateTimeUtc(); },
                                      domain::Role::Admin);
    services::AccountService adminAccounts(*db.value(), admin);
    ui::UsersDialog users(adminAccounts);
    users.resize(760, 360);
    users.show();
    save(&users, out, "users.png");
    services::BackgroundReader reader(db.value()->location(), admin);
    ui::AuditDialog trail(reader, adminAccounts, [](const QString &) -> Maybe<qint64> { return std::optional<qint64>(); });
    trail.resize(900, 520);
    trail.show();
    settled(reader);
    save(&trail, out, "audit.png");
    services::AssessmentService questionnaires(*db.value(), admin);
    ui::DefinitionsDialog definitions(questionnaires);
    definitions.show();
    for (int row = 0; row < definitions.table()->rowCount(); ++row) // the FFT: its free-text question in the detail
        if (definitions.table()->item(row, ui::DefinitionsDialog::CodeColumn)->text() == QLatin1String("fft"))
            definitions.table()->setCurrentCell(row, 0);
    save(&definitions, out, "definitions.png");
    services::AttendanceService costs(*db.value(), admin);
    ui::CostsDialog tariffs(costs, admin);
    tariffs.show();
    save(&tariffs, out, "costs.png");
    ui::AutoBackup autoBackup(db.value(), admin);
    ui::BackupsDialog backups(db.value(), admin, autoBackup);
    backups.folderEdit()->setText(QStringLiteral("/media/amara/TEAM-BACKUP/painmdt"));
    backups.passphraseEdit()->setText(QStringLiteral("lantern orchard pebble"));
    backups.show();
    save(&backups, out, "backups.png");
    return 0;
}
