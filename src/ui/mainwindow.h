#pragma once
// The app's frame: navigation on the left (Patients, Triage, Waiting list, Caseload, Reviews,
// Reports), the current page, and every action in a menu with its shortcut.
#include "services/actor.h"
#include "services/workspace.h"

#include <QMainWindow>
#include <functional>
#include <memory>

class QListWidget;
class QUndoStack;
class QStackedWidget;

namespace painmdt::services {
class StartupCheck;
class AccountService;
class AttendanceService;
class AuditService;
class BackgroundReader;
class ChangeHub;
class PatientService;
class ReferralService;
class ReviewService;
}

namespace painmdt::ui {

class AutoBackup;
class Notice;
class PatientListPage;
class PatientPage;
class PatientReferralsPanel;
class PatientOutcomes;
class PatientAttendances;
class PatientTimeline;
class HelpWindow;
class ImportWizard;
class IdleLock;
class TriagePage;
class CaseloadPage;
class ReviewsPage;
class ReportsPage;
class WaitingListPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `session` is the logged-in user (ui/logindialog.h): every service acts as them.
    MainWindow(std::shared_ptr<services::Database> database, const services::StampSource &session,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    PatientListPage *patientList() const { return m_list; }
    PatientPage *patientPage() const { return m_patientPage; }
    Notice *notice() const { return m_notice; }
    QStackedWidget *pages() const { return m_pages; }
    TriagePage *triagePage() const { return m_triage; }
    WaitingListPage *waitingList() const { return m_waiting; }
    CaseloadPage *caseloadPage() const { return m_caseload; }
    ReviewsPage *reviewsPage() const { return m_reviewsPage; }
    ReportsPage *reportsPage() const { return m_reportsPage; }
    PatientReferralsPanel *referralsPanel() const { return m_referralsPanel; }
    PatientTimeline *timeline() const { return m_timeline; }
    PatientOutcomes *outcomes() const { return m_outcomes; }
    PatientAttendances *attendances() const { return m_attendancesTab; }
    IdleLock *idleLock() const { return m_idleLock; }
    services::ChangeHub *changeHub() const { return m_hub; }
    services::BackgroundReader &reader() const { return *m_reader; }
    QUndoStack *undoStack() const { return m_undo; }

    void openPatient(qint64 id);
    void newPatient();
    void editPatient();
    void removePatient();
    void writeGpLetter(); // the patient on screen: the letter dialog (tests find it as a child)
    // File > Import a file...; from the start page, at the sample patients file (kind patients).
    ImportWizard *openImportWizard(const QString &file = {});
    void showList();
    void showSection(int row); // a navigation row: Patients, Triage, Waiting list, Caseload, Reviews, Reports
    void manageUsers();        // administrators
    void searchAudit();        // administrators and service managers
    void showHelp();           // F1: the user guide
    void findCommand();        // Ctrl+K: any command by name
    void editPreferences();
    void manageBackups();      // administrators: Administration > Backups
    AutoBackup *autoBackup() const { return m_autoBackup; }
    // The check started when the database was opened (main.cpp): a damaged database is shown as
    // such, with what to do, as soon as the check answers.
    void watchStartupCheck(std::shared_ptr<services::StartupCheck> check);
    // Opening another database starts another PainMDT (its own log-in and window); tests replace it.
    void setDatabaseOpener(std::function<void(const QString &)> open) { m_openDatabase = std::move(open); }
    void openDatabase(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override; // keeps unsaved triage answers as a draft

private:
    void createMenus();
    void showDatabase(bool demo);
    void createAutoBackup();
    void restoreWindow();
    void createNavigation();
    void updateActions();
    void reloadOpenPatient();

    std::shared_ptr<services::Database> m_database;
    services::ChangeHub *m_hub;
    services::StampSource m_session; // announces on m_hub
    std::unique_ptr<services::BackgroundReader> m_reader;
    std::unique_ptr<services::PatientService> m_patients;
    std::unique_ptr<services::ReferralService> m_referrals;
    std::unique_ptr<services::ReviewService> m_reviews;
    std::unique_ptr<services::AccountService> m_accounts; // log-in only (the idle lock)
    std::unique_ptr<services::AccountService> m_admin;    // as the session: user management
    std::unique_ptr<services::AuditService> m_audit;
    IdleLock *m_idleLock = nullptr;
    AutoBackup *m_autoBackup = nullptr;
    std::shared_ptr<services::StartupCheck> m_startupCheck;
    void showDamage(const QString &problem);
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    Notice *m_notice;
    PatientListPage *m_list;
    PatientPage *m_patientPage;
    TriagePage *m_triage;
    WaitingListPage *m_waiting;
    CaseloadPage *m_caseload;
    ReviewsPage *m_reviewsPage;
    ReportsPage *m_reportsPage;
    PatientReferralsPanel *m_referralsPanel;
    PatientTimeline *m_timeline;
    PatientOutcomes *m_outcomes = nullptr;
    std::unique_ptr<services::AttendanceService> m_attendances;
    PatientAttendances *m_attendancesTab = nullptr;
    HelpWindow *m_help = nullptr;
    QUndoStack *m_undo;
    std::function<void(const QString &)> m_openDatabase;
    void applyPreferences();
    qint64 m_noticePatient = 0; // the patient the notice on screen is about (0: none)
    int m_stepsNoticed = 0;     // undo steps already offered in a notice
    void showSaved(const QString &message);
    QAction *m_newAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_letterAction = nullptr;
};

} // namespace painmdt::ui
