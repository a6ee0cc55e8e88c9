#pragma once
// A patient's hospital and GP use (issue 10): what the team needs before and after first contact,
// from the hospital's extract or recorded by hand. A summary line (by setting, bed days, the last
// 12 months), the attendances newest first, Record attendance and Withdraw (entered in error,
// with a reason, audited). A new attendance can be undone (Ctrl+Z) like any other save.
#include "domain/attendance.h"
#include "domain/patient.h"
#include "services/actor.h"

#include <QWidget>
#include <vector>

class QAction;
class QLabel;
class QTableWidget;
class QUndoStack;

namespace painmdt::services { class AttendanceService; }

namespace painmdt::ui {

class PatientAttendances : public QWidget {
    Q_OBJECT
public:
    PatientAttendances(services::AttendanceService &service, const services::StampSource &session,
                       QWidget *parent = nullptr);

    void setPatient(const domain::Patient &patient); // loads
    void refresh();
    void setUndoStack(QUndoStack *stack) { m_undo = stack; }

    QAction *recordAction() const { return m_record; }
    QAction *withdrawAction() const { return m_withdraw; }
    QTableWidget *table() const { return m_table; }
    QLabel *summaryLabel() const { return m_summary; }

    void record();                               // opens the dialog
    void withdrawHighlighted(const QString &reason); // what Withdraw does once a reason is given
    void updateActions(); // the window calls it as the patient page is shown

Q_SIGNALS:
    void changed(const QString &notice);

private:
    void askAndWithdraw();
    void withdraw(const domain::Attendance &a, const QString &reason);
    void showSummary();

    services::AttendanceService &m_service;
    services::StampSource m_session;
    domain::Patient m_patient;
    std::vector<domain::Attendance> m_live; // newest first, withdrawn ones left out
    QAction *m_record;
    QAction *m_withdraw;
    QLabel *m_summary;
    QTableWidget *m_table;
    QUndoStack *m_undo = nullptr;
};

} // namespace painmdt::ui
