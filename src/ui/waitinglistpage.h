#pragma once
// Referrals waiting for a first contact (ux.md worklists): longest wait first, waits over 4 and
// 6 weeks marked "•" and "⚠" as well as tinted; headers sort; a filter narrows by patient name,
// NHS number or pathway. Enter records a contact for the highlighted referral.
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace painmdt::services { class ReferralService; }
namespace painmdt::storage { class PatientRepository; }

namespace painmdt::ui {

class ReferralListModel;

class WaitingListPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 5000; // rows loaded; the status line says when there are more

    WaitingListPage(services::ReferralService &service, storage::PatientRepository &patients, QWidget *parent = nullptr);

    QLineEdit *filterBox() const { return m_filter; }
    QTableView *table() const { return m_table; }
    ReferralListModel *model() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }

    void refresh();       // reloads from the database, keeping filter, sort and the highlighted referral
    void recordContact(); // opens "Record contact" for the highlighted referral

Q_SIGNALS:
    void contactRecorded(const QString &message); // for the main window's notice

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void updateStatus();
    void selectReferral(qint64 id);
    qint64 currentReferralId() const;

    services::ReferralService &m_service;
    storage::PatientRepository &m_patients;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTableView *m_table;
    ReferralListModel *m_model;
    QString m_updated; // "HH:mm" of the last load
};

} // namespace painmdt::ui
