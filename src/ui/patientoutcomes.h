#pragma once
// A patient's outcome measures (issue 9): baseline against latest for each measure, a chart of
// each measure's course (its bands shaded and named, the baseline marked, the line a meaningful
// improvement must reach drawn), and every questionnaire, newest first, read-only. Record
// questionnaire opens any instrument's form; Correct saves a new version with a reason.
#include "domain/assessment.h"
#include "domain/patient.h"

#include <QWidget>
#include <vector>

class QAction;
class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace painmdt::services { class ReferralService; }

namespace painmdt::ui {

class PatientOutcomes : public QWidget {
    Q_OBJECT
public:
    explicit PatientOutcomes(services::ReferralService &service, QWidget *parent = nullptr);

    void setPatient(const domain::Patient &patient); // loads
    void refresh();

    QAction *recordAction() const { return m_record; }   // asks which questionnaire, then records it
    QAction *correctAction() const { return m_correct; } // the highlighted questionnaire
    void record(const QString &instrument);              // opens the form for this instrument
    void correctHighlighted();
    void updateActions();

    QTableWidget *summaryTable() const { return m_summary; }
    QTableWidget *historyTable() const { return m_history; }
    int chartCount() const { return int(m_charts.size()); }
    QWidget *chart(int i) const { return m_charts.at(size_t(i)); }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    void changed(const QString &notice); // a questionnaire was saved

private:
    void chooseAndRecord();
    void showSummary();
    void showCharts();
    void showHistory();
    std::vector<domain::Assessment> ofInstrument(const QString &code) const; // oldest first, complete or not
    qint64 episodeId() const; // the patient's newest open referral, 0 when none

    services::ReferralService &m_service;
    domain::Patient m_patient;
    std::vector<domain::Assessment> m_assessments; // newest first
    QAction *m_record;
    QAction *m_correct;
    QLabel *m_message;
    QTableWidget *m_summary;
    QVBoxLayout *m_chartsLayout;
    std::vector<QWidget *> m_charts;
    QTableWidget *m_history;
};

} // namespace painmdt::ui
