#pragma once
// The caseload worklists (issue 8): mine or the whole team's open episodes; check-ins overdue or
// due within 7 days; episodes with nobody seen for N days; flagged patients. Overdue first, marked
// "⚠ Overdue" in words as well as a tint; each row shows Born and its key worker. The status line
// says the filter, sort, count and when it was updated. Enter opens the patient.
#include "domain/referralrules.h"
#include "domain/result.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace painmdt::services { class BackgroundReader; class ChangeHub; }

namespace painmdt::ui {

class LiveRefresh;
class ReferralListModel;

class CaseloadPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int pageSize = 5000;

    // `me` is the logged-in user: "Mine" lists the episodes they are key worker of.
    CaseloadPage(services::BackgroundReader &reader, services::ChangeHub *hub, QString me, bool mineFirst,
                 QWidget *parent = nullptr);

    QComboBox *whoseBox() const { return m_whose; }
    QComboBox *viewBox() const { return m_view; }
    QSpinBox *quietDaysBox() const { return m_quietDays; }
    QTableView *table() const { return m_table; }
    ReferralListModel *model() const { return m_model; }
    QLabel *statusLabel() const { return m_status; }

    void refresh();
    void setChoices(bool mine, int quietDays); // the user's preferences (ui/preferences.h)

Q_SIGNALS:
    void patientActivated(qint64 patientId);
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    domain::CaseloadQuery query() const;
    void showRows(const Many<domain::ReferralRow> &rows);
    void updateStatus();
    void openCurrent();

    services::BackgroundReader &m_reader;
    QString m_me;
    LiveRefresh *m_live;
    QComboBox *m_whose;
    QComboBox *m_view;
    QSpinBox *m_quietDays;
    QLineEdit *m_filter;
    QLabel *m_status;
    QTableView *m_table;
    ReferralListModel *m_model;
    QString m_updated;
    QString m_readError;
};

} // namespace painmdt::ui
