#pragma once
// The patient page's referrals: one row per referral, newest first (Ref, Received, Source,
// Priority, Status, STarT Back), and below it the history of the highlighted one: who created
// and changed it and which fields (never the values: clinical text stays out of the list), then
// its contacts. New, edit, discharge and record-contact are QActions the main window puts in its
// Patient menu; the panel shows them as buttons too.
#include "domain/assessment.h"
#include "domain/patient.h"
#include "domain/referral.h"

#include <QWidget>
#include <vector>

class QAction;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QTableWidget;

namespace painmdt::services { class AuditService; class ReferralService; }

class QUndoCommand;
class QUndoStack;

namespace painmdt::ui {

class PatientReferralsPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Ref, Received, Source, Priority, Status, StartBack, ColumnCount };

    PatientReferralsPanel(services::ReferralService &service, services::AuditService &audit, QWidget *parent = nullptr);

    void setPatient(const domain::Patient &patient); // reloads; highlights the newest referral
    // Where saved edits, discharges and flags go as undoable steps (ui/undo.h); none: not undoable.
    void setUndoStack(QUndoStack *stack) { m_undo = stack; }
    const domain::Patient &patient() const { return m_patient; }
    void refresh();                                   // reloads, keeping the highlighted referral
    void updateActions();                             // enables what applies to the highlighted referral

    qint64 currentReferralId() const;                 // 0 when none is highlighted
    bool selectReferral(qint64 referralId);

    QAction *newReferralAction() const { return m_newAction; }
    QAction *editReferralAction() const { return m_editAction; }
    QAction *dischargeAction() const { return m_dischargeAction; }
    QAction *recordContactAction() const { return m_contactAction; }
    QAction *flagAction() const { return m_flagAction; }
    QAction *clearFlagAction() const { return m_clearFlagAction; }
    QLabel *flagsLabel() const { return m_flags; }
    QAction *acknowledgeAlertAction() const { return m_acknowledgeAction; }
    QLabel *alertsLabel() const { return m_alerts; }
    QWidget *alertsBox() const { return m_alertsBox; } // the label and its Acknowledge button

    void newReferral();
    void editReferral();
    void dischargeReferral();
    void recordContact(); // on the highlighted referral if open, else the newest open one
    void flagPatient();
    void clearFlags();
    // The newest open alert (hazard H9): asks what was done, then records who, when and that.
    void acknowledgeAlert();

    QTableWidget *table() const { return m_table; }
    QListWidget *history() const { return m_history; }

    // "Awaiting triage", "Triaged 02-Oct-2026: Community physio", "Seen 05-Feb-2024" (first
    // attended contact), "Discharged 01-Mar-2025", "Declined". `contacts` oldest first.
    static QString statusText(const domain::Referral &referral, const std::vector<domain::Contact> &contacts);
    // The history lines of one referral: its audit trail, then its contacts. A part that cannot
    // be read is a line saying so.
    static QStringList historyLines(services::ReferralService &service, services::AuditService &audit,
                                    qint64 referralId);

signals:
    void changed(const QString &notice); // after a save: show the notice, refresh other lists

private:
    void addButton(QAction *action);
    void updateHistory();
    std::optional<domain::Referral> current() const;
    std::optional<domain::Referral> contactTarget() const;
    void showFlags();
    void showAlerts();
    void saved(qint64 referralId, const QString &notice);

    services::ReferralService &m_service;
    services::AuditService &m_audit;
    domain::Patient m_patient;
    std::vector<domain::Referral> m_referrals; // as shown, newest first
    QLabel *m_heading;
    QLabel *m_empty;
    QTableWidget *m_table;
    QLabel *m_historyLabel;
    QListWidget *m_history;
    QHBoxLayout *m_buttons;
    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_dischargeAction;
    QAction *m_contactAction;
    QAction *m_flagAction;
    QAction *m_clearFlagAction;
    QLabel *m_flags;
    std::vector<domain::PatientFlag> m_openFlags;
    QAction *m_acknowledgeAction;
    QWidget *m_alertsBox;
    QLabel *m_alerts;
    std::vector<domain::AssessmentAlert> m_openAlerts; // newest first
    QUndoStack *m_undo = nullptr;
    void pushUndo(QUndoCommand *step);
};

} // namespace painmdt::ui
