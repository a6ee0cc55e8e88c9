#pragma once
// Triage (clinical reference §1, ux.md): the "Awaiting triage" worklist, urgent first then
// oldest; Enter opens the referral's triage form under the patient banner: STarT Back, triage
// date, pathway (pre-selected to the matched treatment once the form is complete), notes.
// Ctrl+Enter saves the decision and the STarT Back answers in one transaction; Esc goes back.
#include "domain/patient.h"
#include "domain/referralrules.h"
#include "domain/scoring.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QUndoStack;

namespace painmdt::services { class BackgroundReader; class ChangeHub; class PatientService; class ReferralService; }

namespace painmdt::ui {

class ClinicalDateEdit;
class LiveRefresh;
class PatientBanner;
class ReferralListModel;
class StartBackForm;

// The triage decision for one referral.
class TriageForm : public QWidget {
    Q_OBJECT
public:
    explicit TriageForm(services::ReferralService &service, QWidget *parent = nullptr);

    // Starts afresh for this referral: no answers, today's date, no pathway chosen yet.
    void load(const domain::Referral &referral, const domain::Patient &patient);
    bool save(); // false with an inline message when it could not be saved

    const domain::Referral &referral() const { return m_referral; }
    PatientBanner *banner() const { return m_banner; }
    StartBackForm *startBack() const { return m_startBack; }
    ClinicalDateEdit *dateEdit() const { return m_date; }
    QComboBox *pathwayBox() const { return m_pathway; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QLineEdit *keyWorkerEdit() const { return m_keyWorker; }
    QLabel *errorLabel() const { return m_error; }
    QLabel *painSiteWarning() const { return m_siteWarning; } // shown when STarT Back is not validated for the site

    // Keeps what was typed for this referral as a draft (ui/drafts.h): every few seconds, when
    // focus moves, on leaving the form and when the app quits or locks.
    void saveDraft();
    void focusStart(); // item 1, or where a restored draft stopped
    // Where a saved decision goes as an undoable step (ui/undo.h); none: not undoable.
    void setUndoStack(QUndoStack *stack) { m_undo = stack; }

Q_SIGNALS:
    void saved(const QString &message);
    void cancelled();
    void undoFailed(const QString &message); // undo or redo of a saved decision could not be done

private:
    void leave();
    bool restoreDraft();
    QString draftKey() const;
    QWidget *buildScrollingBody();
    QWidget *buildDecision();
    QWidget *buildButtons();
    void fillPathways();
    void suggestPathway();
    void updatePathwayHint();
    QString dateProblem() const;
    void showError(const QString &text, QWidget *focus = nullptr);
    QString summaryLine() const;
    QString savedMessage(const domain::Referral &saved) const;

    services::ReferralService &m_service;
    domain::Referral m_referral;
    domain::Patient m_patient;
    bool m_pathwayChosen = false; // the user picked one: suggestions no longer change it
    bool m_triageSaved = false;   // saved: nothing left to keep as a draft
    QUndoStack *m_undo = nullptr;
    PatientBanner *m_banner;
    QLabel *m_summary;
    StartBackForm *m_startBack;
    ClinicalDateEdit *m_date;
    QLabel *m_dateEcho;
    QComboBox *m_pathway;
    QLabel *m_pathwayHint;
    QPlainTextEdit *m_notes;
    QLineEdit *m_keyWorker;
    QLabel *m_error;
    QLabel *m_siteWarning;
};

class TriagePage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 2000; // rows loaded into the worklist

    // The worklist loads on `reader`'s thread and reloads when `hub` announces a referral change.
    TriagePage(services::ReferralService &service, services::PatientService &patients,
               services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    ReferralListModel *model() const { return m_model; }
    TriageForm *form() const { return m_form; }
    QLabel *statusLabel() const { return m_status; }
    bool isFormOpen() const;

    void refresh();                 // reloads the worklist in the background, keeping the highlighted referral
    void showWorklist();            // back to the list, the table focused
    bool openReferral(qint64 id);   // false (and a message on the list) when it is gone or already triaged

Q_SIGNALS:
    void triaged(const QString &message); // for the main window's notice (also a failed undo)
    void loaded();                        // a load's answer (or its error) is on screen

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildWorklist();
    void activateCurrent();
    void showRows(const Many<domain::ReferralRow> &rows);

    services::ReferralService &m_service;
    services::PatientService &m_patients;
    services::BackgroundReader &m_reader;
    LiveRefresh *m_live;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QLabel *m_listMessage;
    QTableView *m_table;
    ReferralListModel *m_model;
    TriageForm *m_form;
};

} // namespace painmdt::ui
