#pragma once
// The patient banner (clinical reference §3, ux.md): on every screen about one patient, fixed
// order, labels lighter than values: AHMED-JONES, Sarah · Born 12-Mar-1960 (65y) ·
// Gender Female · NHS No. 999 000 0018. A deceased patient's banner changes colour and border
// and shows Died and Age at Death. Screens that do something to the patient away from their
// record (triage, a check-in, a referral, a questionnaire) also show the open alerts under it
// (hazard H9); the record itself shows them with an Acknowledge button.
#include "domain/assessment.h"
#include "domain/patient.h"
#include "domain/result.h"

#include <QFrame>

class QLabel;

namespace painmdt::ui {

class PatientBanner : public QFrame {
    Q_OBJECT
public:
    explicit PatientBanner(QWidget *parent = nullptr);
    void setPatient(const domain::Patient &patient, const QDate &today);
    // Open alerts to show under the names; none hides the line, a failed read says so.
    void setAlerts(const Many<domain::AssessmentAlert> &openAlerts);
    QLabel *alertsLabel() const { return m_alerts; }

    // One open alert in words: "⚠ ALERT, not yet acknowledged: PHQ-9 of 01-Mar-2026, item 9 ...".
    static QString alertLine(const domain::AssessmentAlert &alert);

    // Whether this database is a demo, where every NHS number is a test number. In a live database
    // a test number (999...) is marked on the banner: it is not the patient's real number (H26).
    static void setTestNumbersExpected(bool expected);

    // The banner as one line of plain text (for printed pages and accessibility).
    static QString plainText(const domain::Patient &patient, const QDate &today);

private:
    QLabel *m_name;
    QLabel *m_born;
    QLabel *m_gender;
    QLabel *m_nhs;
    QLabel *m_alerts;
};

} // namespace painmdt::ui
