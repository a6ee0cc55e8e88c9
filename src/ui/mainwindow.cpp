#include "ui/mainwindow.h"

#include "reporting/gpletter.h"
#include "ui/gpletterdialog.h"
#include "ui/importwizard.h"

#include "domain/patient.h"
#include "services/accountservice.h"
#include "services/attendanceservice.h"
#include "services/auditservice.h"
#include "services/backgroundreader.h"
#include "services/backupservice.h"
#include "services/startupcheck.h"
#include "services/changehub.h"
#include "services/patientservice.h"
#include "services/settingsservice.h"
#include "services/workspace.h"
#include "ui/auditdialog.h"
#include "ui/autobackup.h"
#include "ui/backupsdialog.h"
#include "ui/caseloadpage.h"
#include "ui/commandpalette.h"
#include "ui/helpwindow.h"
#include "ui/definitionsdialog.h"
#include "ui/drafts.h"
#include "ui/idlelock.h"
#include "ui/notice.h"
#include "ui/patientbanner.h"
#include "ui/patientdialog.h"
#include "ui/patientlistpage.h"
#include "ui/patientpage.h"
#include "ui/patientreferralspanel.h"
#include "ui/preferences.h"
#include "ui/costsdialog.h"
#include "ui/reportspage.h"
#include "ui/reviewspage.h"
#include "ui/patientattendances.h"
#include "ui/patientoutcomes.h"
#include "ui/patienttimeline.h"
#include "ui/triagepage.h"
#include "ui/undo.h"
#include "ui/usersdialog.h"
#include "ui/waitinglistpage.h"
#include "services/referralservice.h"
#include "services/reviewservice.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QProcess>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QSignalBlocker>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTime>
#include <QTimer>
#include <QTabBar>
#include <QTabWidget>
#include <QUndoStack>

namespace painmdt::ui {

namespace {

services::StampSource withHub(services::StampSource session, services::ChangeHub *hub)
{
    session.setHub(hub);
    return session;
}

} // namespace

MainWindow::MainWindow(std::shared_ptr<services::Database> database, const services::StampSource &session,
                       QWidget *parent)
    : QMainWindow(parent), m_database(std::move(database)), m_hub(new services::ChangeHub(this)), m_session(withHub(session, m_hub)),
      m_reader(std::make_unique<services::BackgroundReader>(m_database->location(), session)),
      m_patients(std::make_unique<services::PatientService>(*m_database, m_session)),
      m_referrals(std::make_unique<services::ReferralService>(*m_database, m_session)),
      m_reviews(std::make_unique<services::ReviewService>(*m_database, m_session)),
      m_admin(std::make_unique<services::AccountService>(*m_database, m_session)),
      m_audit(std::make_unique<services::AuditService>(*m_database, session)),
      m_navigation(new QListWidget(this)), m_pages(new QStackedWidget(this)), m_notice(new Notice(this)),
      m_list(new PatientListPage(*m_reader, m_hub, this)), m_patientPage(new PatientPage(this)),
      m_triage(new TriagePage(*m_referrals, *m_patients, *m_reader, m_hub, this)),
      m_waiting(new WaitingListPage(*m_referrals, *m_patients, *m_reader, m_hub, this)),
      m_caseload(new CaseloadPage(*m_reader, m_hub, session.actor(), session.role() == domain::Role::Clinician, this)),
      m_reviewsPage(new ReviewsPage(*m_reviews, *m_patients, session.actor(), this)),
      m_reportsPage(new ReportsPage(m_database, *m_reader, m_hub, m_session, this)),
      m_referralsPanel(new PatientReferralsPanel(*m_referrals, *m_audit, m_patientPage)),
      m_timeline(new PatientTimeline(*m_referrals, m_patientPage)), m_undo(new QUndoStack(this))
{
    m_hub->watch(*m_database); // another copy of PainMDT, or an import, on the same file
    DraftStore::setCurrent(std::make_shared<DraftStore>(DraftStore::folderFor(m_database->location(), session.actor())));
    // The referrals (with their actions) and the timeline share the space under the record.
    auto *record = new QTabWidget(m_patientPage);
    record->setObjectName(QStringLiteral("patientTabs"));
    record->setAccessibleName(tr("Parts of the patient's record"));
    record->tabBar()->setAccessibleName(tr("Parts of the patient's record"));
    record->addTab(m_referralsPanel, tr("Referrals and contacts"));
    record->addTab(m_timeline, tr("Time&line"));
    m_outcomes = new PatientOutcomes(*m_referrals, m_patientPage);
    record->addTab(m_outcomes, tr("Out&comes"));
    m_attendances = std::make_unique<services::AttendanceService>(*m_database, m_session);
    m_attendancesTab = new PatientAttendances(*m_attendances, m_session, m_patientPage);
    record->addTab(m_attendancesTab, tr("Hosp&ital use"));
    connect(m_attendancesTab, &PatientAttendances::changed, this, [this](const QString &notice) {
        m_timeline->refresh();
        showSaved(notice);
    });
    m_patientPage->addSection(record);
    connect(m_referralsPanel, &PatientReferralsPanel::changed, m_timeline, &PatientTimeline::refresh);
    connect(m_outcomes, &PatientOutcomes::changed, this, [this](const QString &notice) {
        reloadOpenPatient(); // an alert it raised, the timeline
        showSaved(notice);
    });
    setWindowTitle(tr("PainMDT \u2014 %1").arg(QFileInfo(m_database->location()).fileName()));
    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_notice);
    auto *row = new QHBoxLayout;
    row->addWidget(m_navigation);
    row->addWidget(m_pages, 1);
    outer->addLayout(row, 1);
    setCentralWidget(central);

    m_pages->addWidget(m_list);
    m_pages->addWidget(m_patientPage);
    m_pages->addWidget(m_triage);
    m_pages->addWidget(m_waiting);
    m_pages->addWidget(m_caseload);
    m_pages->addWidget(m_reviewsPage);
    m_pages->addWidget(m_reportsPage);
    createNavigation();
    createMenus();
    connect(m_list, &PatientListPage::patientActivated, this, &MainWindow::openPatient);
    connect(m_caseload, &CaseloadPage::patientActivated, this, &MainWindow::openPatient);
    connect(m_reviewsPage, &ReviewsPage::patientActivated, this, &MainWindow::openPatient);
    connect(m_triage, &TriagePage::triaged, this, &MainWindow::showSaved);
    connect(m_waiting, &WaitingListPage::contactRecorded, this, &MainWindow::showSaved);
    // The worklists refresh themselves from the change hub.
    m_referralsPanel->setUndoStack(m_undo);
    m_attendancesTab->setUndoStack(m_undo);
    m_patientPage->addBelowBanner(m_referralsPanel->alertsBox()); // seen whichever tab is open
    m_triage->form()->setUndoStack(m_undo);
    m_waiting->setUndoStack(m_undo);
    connect(m_referralsPanel, &PatientReferralsPanel::changed, this, &MainWindow::showSaved);
    // An undone or redone step changes what the open record shows.
    connect(m_undo, &QUndoStack::indexChanged, this, [this] {
        if (m_pages->currentWidget() == m_patientPage)
            reloadOpenPatient();
    });
    connect(m_hub, &services::ChangeHub::changed, this, [this](const services::ChangeNotice &notice) {
        // The open patient's page, when someone else changed them (or anything, from outside).
        if (m_pages->currentWidget() == m_patientPage && (notice.external || notice.patientIds.contains(m_patientPage->patient().id)))
            reloadOpenPatient();
    });
    connect(m_pages, &QStackedWidget::currentChanged, this, &MainWindow::updateActions);
    // Who is at work, always in view: a shared computer on a ward changes hands.
    statusBar()->addPermanentWidget(new QLabel(tr("Logged in as %1 (%2)").arg(session.actor(), domain::roleLabel(session.role())), this));
    const auto demo = services::SettingsService(*m_database, session).isDemo();
    showDatabase(demo && demo.value());
    PatientBanner::setTestNumbersExpected(demo && demo.value());
    updateActions();
    restoreWindow();
    // A demo is practice, and `painmdt --demo` removes its file at exit: never one to reopen.
    if (demo && !demo.value())
        rememberDatabase(m_database->location());
    m_openDatabase = [](const QString &path) {
        QProcess::startDetached(QCoreApplication::applicationFilePath(), {QStringLiteral("--db"), path});
    };
    applyPreferences();
    // Focus is always visible on lists and tables (ux.md; the Fusion frame alone was too faint).
    setStyleSheet(QStringLiteral("QAbstractItemView:focus { border: 2px solid #005EB8; }"));
    m_list->focusSearch();
    if (const int kept = DraftStore::current()->count(); kept > 0)
        m_notice->show(kept == 1 ? tr("1 unsaved form was kept from last time: open the same record again to carry on.")
                                 : tr("%1 unsaved forms were kept from last time: open the same records again to carry "
                                      "on.").arg(kept));
    // The team's idle time, set by an administrator (painmdt settings); the default if unreadable.
    const auto minutes = services::SettingsService(*m_database, session).idleLockMinutes();
    m_accounts = std::make_unique<services::AccountService>(*m_database);
    m_idleLock = new IdleLock(this, *m_accounts, session.actor(),
                              std::chrono::minutes(minutes ? minutes.value() : services::defaultIdleLockMinutes));
    createAutoBackup();
}

// Daily and at exit (ui/autobackup.h); the last outcome stays in view, a failure marked.
void MainWindow::createAutoBackup()
{
    m_autoBackup = new AutoBackup(m_database, m_session, this);
    auto *last = new QLabel(this);
    last->setObjectName(QStringLiteral("backupLabel"));
    statusBar()->addPermanentWidget(last);
    connect(m_autoBackup, &AutoBackup::finished, this, [last](const QString &file, const QString &error) {
        last->setText(error.isEmpty() ? tr("Backed up %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm")))
                                      : tr("\u26A0 Backup failed"));
        last->setToolTip(error.isEmpty() ? QDir::toNativeSeparators(file) : error);
    });
}

void MainWindow::manageBackups()
{
    auto *dialog = new BackupsDialog(m_database, m_session, *m_autoBackup, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::watchStartupCheck(std::shared_ptr<services::StartupCheck> check)
{
    m_startupCheck = std::move(check);
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        if (!m_startupCheck->finished())
            return;
        poll->deleteLater();
        if (const auto finding = m_startupCheck->result(); finding.damaged)
            showDamage(finding.problem);
        else if (!finding.problem.isEmpty())
            m_notice->show(finding.problem + tr(" Run painmdt check --db %1 when you can.").arg(m_database->location()));
    });
    poll->start(100);
}

// Said where it cannot be missed, and kept in view: the database takes no writes from now on.
void MainWindow::showDamage(const QString &problem)
{
    const auto policy = services::BackupService(*m_database, m_session).policy();
    const QFileInfoList backups = policy && policy.value()
                                      ? services::automaticBackups(policy.value()->folder,
                                                                   QFileInfo(m_database->location()).fileName())
                                      : QFileInfoList();
    const QString advice = services::restoreAdvice(m_database->location(),
                                                   backups.isEmpty() ? QString() : backups.front().absoluteFilePath());
    auto *banner = new QLabel(tr("\u26A0 This database is damaged: PainMDT will not save anything to it."), this);
    banner->setObjectName(QStringLiteral("damageBanner"));
    banner->setStyleSheet(QStringLiteral("QLabel { border: 3px solid #D5281B; padding: 4px; font-weight: bold; }"));
    banner->setToolTip(advice);
    statusBar()->insertPermanentWidget(0, banner);
    setWindowTitle(windowTitle() + tr(" \u2014 DAMAGED, NOT SAVING"));
    auto *box = new QMessageBox(QMessageBox::Critical, tr("The database is damaged"), problem, QMessageBox::Ok, this);
    box->setInformativeText(advice);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->setObjectName(QStringLiteral("damageMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

MainWindow::~MainWindow()
{
    // The stack clears itself as it goes, announcing it: the services it would reload from are
    // destroyed before it (a crash on quit, found by the undo tests).
    disconnect(m_undo, nullptr, this, nullptr);
}

// Which database, always in view (a permanent widget: menu hints never hide it), and a demo
// database marked in words and a border, so invented patients are never taken for real ones.
void MainWindow::showDatabase(bool demo)
{
    auto *where = new QLabel(tr("Database: %1").arg(QFileInfo(m_database->location()).fileName()), this);
    where->setObjectName(QStringLiteral("databaseLabel"));
    where->setToolTip(m_database->location());
    statusBar()->addPermanentWidget(where);
    if (demo) {
        auto *marker = new QLabel(tr("DEMO \u2014 invented patients"), this);
        marker->setObjectName(QStringLiteral("demoMarker"));
        marker->setStyleSheet(QStringLiteral("QLabel { border: 2px solid #8A1538; padding: 1px 6px; font-weight: bold; }"));
        statusBar()->addPermanentWidget(marker);
        setWindowTitle(windowTitle() + tr(" \u2014 DEMO"));
    }
}

// The size and place the user left it in; the first time, most of the screen it opens on
// (never larger: at 150 % scaling a fixed 1200 x 760 put the Save buttons off screen).
void MainWindow::restoreWindow()
{
    if (restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray()))
        return;
    const QSize room = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    resize(QSize(1280, 860).boundedTo(room * 0.92));
}

ImportWizard *MainWindow::openImportWizard(const QString &file)
{
    auto *wizard = new ImportWizard(m_database, m_session, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!file.isEmpty()) {
        // The kind is the file's name when it is one (the sample files are named so).
        if (const int kind = wizard->kindBox()->findData(QFileInfo(file).completeBaseName()); kind >= 0)
            wizard->kindBox()->setCurrentIndex(kind);
        wizard->fileEdit()->setText(QDir::toNativeSeparators(file));
    }
    wizard->open();
    return wizard;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_autoBackup->backUpBeforeExit(this)) {
        event->ignore();
        return;
    }
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_triage->form()->saveDraft(); // Ctrl+Q in the middle of a triage loses nothing
    QMainWindow::closeEvent(event);
}

void MainWindow::createNavigation()
{
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Sections"));
    m_navigation->setFixedWidth(160);
    m_navigation->addItems({tr("Patients"), tr("Triage"), tr("Waiting list"), tr("Caseload"), tr("Reviews"), tr("Reports")});
    m_navigation->setCurrentRow(0);
    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::showSection);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open database\u2026"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a PainMDT database"), QString(),
                                                          tr("PainMDT databases (*.sqlite *.db);;All files (*)"));
        if (!path.isEmpty())
            openDatabase(path);
    });
    QMenu *recent = file->addMenu(tr("Open &recent"));
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        for (const QString &path : recentDatabases())
            if (path != QFileInfo(m_database->location()).absoluteFilePath())
                recent->addAction(path, this, [this, path] { openDatabase(path); });
        if (recent->isEmpty())
            recent->addAction(tr("No other database opened yet"))->setEnabled(false);
    });
    QAction *import = file->addAction(tr("&Import a file…"), this, [this] { openImportWizard(); });
    import->setEnabled(!ImportWizard::kindsFor(m_session).isEmpty());
    file->addAction(tr("&Preferences\u2026"), this, &MainWindow::editPreferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("&Patients"), QKeySequence(Qt::CTRL | Qt::Key_1), this, [this] { showSection(0); });
    go->addAction(tr("&Triage worklist"), QKeySequence(Qt::CTRL | Qt::Key_2), this, [this] { showSection(1); });
    go->addAction(tr("&Waiting list"), QKeySequence(Qt::CTRL | Qt::Key_3), this, [this] { showSection(2); });
    go->addAction(tr("&Caseload"), QKeySequence(Qt::CTRL | Qt::Key_4), this, [this] { showSection(3); });
    go->addAction(tr("MDT &reviews"), QKeySequence(Qt::CTRL | Qt::Key_5), this, [this] { showSection(4); });
    go->addAction(tr("R&eports"), QKeySequence(Qt::CTRL | Qt::Key_6), this, [this] { showSection(5); });

    QMenu *patient = menuBar()->addMenu(tr("&Patient"));
    patient->addAction(tr("&Find patient"), QKeySequence::Find, this, [this] {
        showList();
        m_list->focusSearch();
    });
    m_newAction = patient->addAction(tr("&New patient\u2026"), QKeySequence::New, this, &MainWindow::newPatient);
    m_editAction = patient->addAction(tr("&Edit patient\u2026"), QKeySequence(Qt::CTRL | Qt::Key_E),
                                      this, &MainWindow::editPatient);
    m_removeAction = patient->addAction(tr("Re&move patient\u2026"), this, &MainWindow::removePatient);
    patient->addSeparator();
    m_backAction = patient->addAction(tr("&Back to patient list"), QKeySequence::Back, this, &MainWindow::showList);
    for (QAction *action : {m_backAction, m_editAction, m_removeAction})
        m_patientPage->addActionButton(action);
    patient->addSeparator();
    m_referralsPanel->newReferralAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_referralsPanel->recordContactAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    for (QAction *action : {m_referralsPanel->newReferralAction(), m_referralsPanel->editReferralAction(),
                            m_referralsPanel->dischargeAction(), m_referralsPanel->recordContactAction()})
        patient->addAction(action);
    patient->addSeparator();
    patient->addAction(m_referralsPanel->flagAction());
    patient->addAction(m_referralsPanel->clearFlagAction());
    patient->addAction(m_referralsPanel->acknowledgeAlertAction());
    patient->addSeparator();
    m_outcomes->recordAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    patient->addAction(m_outcomes->recordAction());
    patient->addAction(m_outcomes->correctAction());
    patient->addSeparator();
    m_attendancesTab->recordAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    patient->addAction(m_attendancesTab->recordAction());
    patient->addAction(m_attendancesTab->withdrawAction());
    patient->addSeparator();
    m_letterAction = patient->addAction(tr("GP &summary letter…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), this,
                                        &MainWindow::writeGpLetter);

    QMenu *admin = menuBar()->addMenu(tr("&Administration"));
    admin->addAction(tr("&Users\u2026"), this, &MainWindow::manageUsers)->setEnabled(m_session.may(domain::Action::ManageUsers));
    admin->addAction(tr("&Audit trail\u2026"), this, &MainWindow::searchAudit)->setEnabled(m_session.may(domain::Action::ViewAudit));
    admin->addAction(tr("&Backups\u2026"), this, &MainWindow::manageBackups)->setEnabled(m_session.may(domain::Action::BackUp));
    admin->addAction(tr("&Tariffs and service costs\u2026"), this, [this] {
        CostsDialog dialog(*m_attendances, m_session, this);
        dialog.exec();
    })->setEnabled(m_session.may(domain::Action::RunReports)); // everyone who reads costed reports sees what they use
    admin->addAction(tr("&Questionnaire definitions\u2026"), this, [this] {
        DefinitionsDialog dialog(m_referrals->assessments(), this);
        dialog.exec();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this, &MainWindow::showHelp);
    help->addAction(tr("&Find a command\u2026"), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::findCommand);
    help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        QMessageBox::information(this, tr("Keyboard shortcuts"),
                                 tr("Ctrl+F  find a patient (then arrows and Enter to open)\n"
                                    "Ctrl+1 \u2026 Ctrl+6  patients, triage worklist, waiting list, caseload, MDT reviews, reports\n"
                                    "In reports: F5 runs the report, Esc cancels it, Ctrl+P prints it\n"
                                    "Ctrl+Shift+H  record a hospital or GP attendance for the open patient\n"
                                    "In triage: type each item's answer code (0/1, item 9: 0-4); Ctrl+Enter saves\n"
                                    "Ctrl+N  register a new patient\n"
                                    "Ctrl+E  edit the open patient\n"
                                    "Ctrl+R  new referral for the open patient\n"
                                    "Ctrl+L  log a check-in for the open patient\n"
                                    "Alt+L  the open patient's timeline\n"
                                    "Ctrl+K  find any command by name\n"
                                    "F1  this user guide\n"
                                    "Alt+Left  back to the patient list\n"
                                    "In forms: Tab moves on, Ctrl+Enter saves, Esc closes and keeps a draft."));
    });
    help->addAction(tr("&About PainMDT"), this, [this] {
        QMessageBox::about(this, tr("About PainMDT"),
                           tr("PainMDT %1\nCase management for a roaming chronic-pain team.\n"
                              "Licence: GPL-3.0-or-later.").arg(QStringLiteral(PAINMDT_VERSION)));
    });
}

// A save's notice, with Undo when the save left a step on the stack (ux.md: no modal to confirm).
void MainWindow::showSaved(const QString &message)
{
    m_noticePatient = m_pages->currentWidget() == m_patientPage ? m_patientPage->patient().id : 0;
    const bool newStep = m_undo->index() > m_stepsNoticed; // this save left a step; a failure does not
    m_stepsNoticed = m_undo->index();
    if (newStep)
        m_notice->show(message, tr("&Undo"), [this] { m_undo->undo(); });
    else
        m_notice->show(message);
}

void MainWindow::openDatabase(const QString &path)
{
    m_openDatabase(path);
    m_notice->show(tr("Opening %1 in a new window: log in there.").arg(QFileInfo(path).fileName()));
}

void MainWindow::editPreferences()
{
    PreferencesDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences();
}

void MainWindow::applyPreferences()
{
    const Preferences p = Preferences::load();
    const bool mine = p.caseload == Preferences::Caseload::Mine
                      || (p.caseload == Preferences::Caseload::ByRole && m_session.role() == domain::Role::Clinician);
    m_caseload->setChoices(mine, p.quietDays);
}

void MainWindow::showHelp()
{
    if (!m_help)
        m_help = new HelpWindow(this);
    m_help->show();
    m_help->raise();
    m_help->activateWindow();
}

void MainWindow::findCommand()
{
    CommandPalette palette(menuBar(), this);
    if (palette.exec() == QDialog::Accepted && palette.chosen())
        palette.chosen()->trigger();
}

void MainWindow::updateActions()
{
    using domain::Action;
    const bool onPatient = m_pages->currentWidget() == m_patientPage;
    const bool live = onPatient && !m_patientPage->patient().isDeleted();
    // What the user's role may not do is greyed out: the door would refuse it anyway.
    m_newAction->setEnabled(m_session.may(Action::EditPatient));
    m_editAction->setEnabled(live && m_session.may(Action::EditPatient));
    m_removeAction->setEnabled(live && m_session.may(Action::RemovePatient));
    m_backAction->setEnabled(onPatient);
    m_letterAction->setEnabled(live);
    // Referral actions belong to the patient on screen: off anywhere else, so Ctrl+R can never
    // act on a patient who is no longer shown.
    if (onPatient) {
        m_referralsPanel->updateActions(); // re-enables what applies to this patient
        m_outcomes->updateActions();
        m_attendancesTab->updateActions();
    }
    const std::pair<QAction *, Action> referralActions[] = {
        {m_referralsPanel->newReferralAction(), Action::EditReferral}, {m_referralsPanel->editReferralAction(), Action::EditReferral},
        {m_referralsPanel->dischargeAction(), Action::EditReferral}, {m_referralsPanel->recordContactAction(), Action::RecordContact},
        {m_referralsPanel->flagAction(), Action::FlagPatient}, {m_referralsPanel->clearFlagAction(), Action::FlagPatient},
        {m_referralsPanel->acknowledgeAlertAction(), Action::AcknowledgeAlert},
        {m_outcomes->recordAction(), Action::RecordAssessment}, {m_outcomes->correctAction(), Action::RecordAssessment},
        {m_attendancesTab->recordAction(), Action::RecordAttendances},
        {m_attendancesTab->withdrawAction(), Action::RecordAttendances}, {m_letterAction, Action::RecordContact}};
    for (const auto &[action, needs] : referralActions)
        action->setEnabled(onPatient && action->isEnabled() && m_session.may(needs));
}

void MainWindow::showSection(int row)
{
    QWidget *const sections[] = {m_list, m_triage, m_waiting, m_caseload, m_reviewsPage, m_reportsPage};
    if (row < 0 || row >= int(std::size(sections)))
        return;
    if (row == 0)
        return showList();
    m_pages->setCurrentWidget(sections[row]);
    m_navigation->setCurrentRow(row);
    sections[row]->setFocus();
}

void MainWindow::writeGpLetter()
{
    if (m_pages->currentWidget() != m_patientPage)
        return;
    const auto facts = reporting::gpLetterFacts(*m_database, m_patientPage->patient().id);
    if (!facts)
        return m_notice->show(tr("\u26A0 The letter cannot be written: %1").arg(facts.error()));
    auto *dialog = new GpLetterDialog(m_database, m_session, facts.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showList()
{
    m_pages->setCurrentWidget(m_list);
    m_navigation->setCurrentRow(0);
    m_list->focusSearch();
}

void MainWindow::openPatient(qint64 id)
{
    const auto found = m_patients->byId(id);
    if (!found)
        return m_notice->show(tr("The patient record could not be read: %1").arg(found.error()));
    if (!found->has_value()) {
        m_notice->show(tr("That patient could not be found; the list has been refreshed."));
        m_list->refresh();
        return;
    }
    const domain::Patient &patient = *found.value();
    if (Status audited = m_patients->recordOpened(patient); !audited) {
        // No record is shown that the audit trail does not know was opened.
        m_notice->show(tr("The patient record could not be opened: %1").arg(audited.error()));
        return;
    }
    if (m_noticePatient != 0 && m_noticePatient != patient.id) { // a saved notice is about the record it was shown on
        m_notice->hide();
        m_noticePatient = 0;
    }
    m_patientPage->setPatient(patient);
    m_referralsPanel->setPatient(patient);
    m_timeline->setPatient(patient);
    m_outcomes->setPatient(patient);
    m_attendancesTab->setPatient(patient);
    m_pages->setCurrentWidget(m_patientPage);
    const QSignalBlocker quiet(m_navigation); // a patient is under Patients, wherever they were opened from
    m_navigation->setCurrentRow(0);
    updateActions();
}

// The open record changed (here, or in another copy of PainMDT): show it as it is now. Not a new
// opening, so not audited again.
void MainWindow::reloadOpenPatient()
{
    const auto found = m_patients->byId(m_patientPage->patient().id);
    if (!found)
        return m_notice->show(tr("This patient's record could not be read again: %1").arg(found.error()));
    if (!found->has_value())
        return;
    m_patientPage->setPatient(*found.value());
    m_referralsPanel->setPatient(*found.value());
    m_timeline->setPatient(*found.value());
    m_outcomes->setPatient(*found.value());
    m_attendancesTab->setPatient(*found.value());
    updateActions();
}

void MainWindow::manageUsers()
{
    UsersDialog dialog(*m_admin, this);
    dialog.exec();
}

void MainWindow::searchAudit()
{
    // Exactly this ref, or this NHS number (removed patients too: their trail is still wanted);
    // never a prefix match, which could show another patient's trail.
    auto findPatient = [this](const QString &text) -> Maybe<qint64> {
        const auto found = m_patients->byRefOrNhsNumber(text);
        if (!found)
            return found.failure();
        return found->has_value() ? std::optional<qint64>(found.value()->id) : std::nullopt;
    };
    AuditDialog dialog(*m_reader, *m_admin, findPatient, this);
    dialog.exec();
}

void MainWindow::newPatient()
{
    PatientDialog dialog(*m_patients, domain::Patient{}, this);
    if (dialog.exec() == QDialog::Accepted) {
        openPatient(dialog.saved().id);
        m_notice->show(tr("Registered %1 (ref %2).").arg(domain::displayName(dialog.saved()), dialog.saved().patientRef));
    } else if (dialog.existingChosen() > 0) {
        openPatient(dialog.existingChosen());
    }
}

void MainWindow::editPatient()
{
    if (m_pages->currentWidget() != m_patientPage)
        return;
    const domain::Patient before = m_patientPage->patient();
    PatientDialog dialog(*m_patients, before, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_undo->push(patientEdit(*m_patients, before, dialog.saved(), [this](const QString &problem) { m_notice->show(problem); }));
    openPatient(dialog.saved().id);
    showSaved(tr("Saved changes to %1.").arg(domain::displayName(dialog.saved())));
}

// Interrupting is right here: removal hides the record from every list, so it needs a reason.
void MainWindow::removePatient()
{
    const domain::Patient p = m_patientPage->patient();
    bool ok = false;
    const QString reason = QInputDialog::getText(
        this, tr("Remove patient"),
        tr("Remove %1 from the lists? The record is kept and can be restored.\nReason (required):")
            .arg(domain::displayName(p)), QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    if (Status s = m_patients->remove(p, reason); !s) {
        m_notice->show(s.error());
        return;
    }
    showList();
    m_notice->show(tr("Removed %1 from the lists.").arg(domain::displayName(p)), tr("&Undo"), [this, id = p.id] {
        const auto removed = m_patients->byId(id);
        if (!removed)
            return m_notice->show(tr("The patient could not be restored: %1").arg(removed.error()));
        if (!removed->has_value())
            return;
        if (Status s = m_patients->restore(*removed.value()); !s)
            return m_notice->show(s.error());
        openPatient(id);
        m_notice->show(tr("Restored %1.").arg(domain::displayName(*removed.value())));
    });
}

} // namespace painmdt::ui
