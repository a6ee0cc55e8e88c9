#pragma once
// Referrals waiting for a first contact (ux.md worklists): longest wait first, waits over 4 and
// 6 weeks marked "•" and "⚠" as well as tinted; headers sort; a filter narrows by patient name,
// NHS number or pathway. Enter records a contact for the highlighted referral.
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QUndoStack;

#include "domain/referralrules.h"
#include "domain/result.h"

namespace painmdt::services { class BackgroundReader; class ChangeHub; class PatientService; class ReferralService; }

namespace painmdt::ui {

class LiveRefresh;
class ReferralListModel;

class WaitingListPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 5000; // rows loaded; the status line says when there are more

    // The list loads on `reader`'s thread and reloads when `hub` announces a change to it.
    WaitingListPage(services::ReferralService &service, services::PatientService &patients,
                    services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent = nullptr);

    QLineEdit *filterBox() const { return m_filter; }
    QTableView *table() const { return m_table; }
    ReferralListModel *model() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }

    // Where a recorded contact goes as an undoable step (ui/undo.h); none: not undoable.
    void setUndoStack(QUndoStack *stack) { m_undo = stack; }
    void refresh();       // reloads in the background, keeping filter, sort and the highlighted referral
    void recordContact(); // opens "Record contact" for the highlighted referral

Q_SIGNALS:
    void contactRecorded(const QString &message); // for the main window's notice
    void loaded();                                // a load's answer (or its error) is on screen

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showRows(const Many<domain::ReferralRow> &rows);
    void updateStatus();
    void selectReferral(qint64 id);
    qint64 currentReferralId() const;

    services::ReferralService &m_service;
    services::PatientService &m_patients;
    services::BackgroundReader &m_reader;
    LiveRefresh *m_live;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTableView *m_table;
    ReferralListModel *m_model;
    QUndoStack *m_undo = nullptr;
    QString m_updated; // "HH:mm" of the last load
    QString m_readError; // the last load's failure, shown instead of a count
};

} // namespace painmdt::ui
