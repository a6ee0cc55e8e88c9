#pragma once
// The patient banner (clinical reference §3, ux.md): on every screen about one patient, fixed
// order, labels lighter than values: AHMED-JONES, Sarah · Born 12-Mar-1960 (65y) ·
// Gender Female · NHS No. 999 000 0018. A deceased patient's banner changes colour and border
// and shows Died and Age at Death.
#include "domain/patient.h"

#include <QFrame>

class QLabel;

namespace painmdt::ui {

class PatientBanner : public QFrame {
    Q_OBJECT
public:
    explicit PatientBanner(QWidget *parent = nullptr);
    void setPatient(const domain::Patient &patient, const QDate &today);

    // The banner as one line of plain text (for printed pages and accessibility).
    static QString plainText(const domain::Patient &patient, const QDate &today);

private:
    QLabel *m_name;
    QLabel *m_born;
    QLabel *m_gender;
    QLabel *m_nhs;
};

} // namespace painmdt::ui
