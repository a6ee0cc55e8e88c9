#pragma once
// Record one hospital or GP attendance by hand (issue 10), under the patient banner: the date,
// the setting, bed days for an admission, the specialty and the hospital's reference if known.
// Problems show beside their field in words; Enter or Ctrl+Enter saves; closing keeps a draft.
#include "domain/attendance.h"
#include "domain/patient.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace painmdt::services { class AttendanceService; }

namespace painmdt::ui {

class ClinicalDateEdit;
class FormDraft;
class PatientBanner;

class AttendanceDialog : public QDialog {
    Q_OBJECT
public:
    AttendanceDialog(services::AttendanceService &service, const domain::Patient &patient, QWidget *parent = nullptr);

    domain::Attendance saved() const { return m_saved; } // valid after Accepted
    PatientBanner *banner() const { return m_banner; }
    ClinicalDateEdit *dateEdit() const { return m_date; }
    QComboBox *settingBox() const { return m_setting; }
    QSpinBox *bedDaysBox() const { return m_bedDays; }
    QLineEdit *specialtyEdit() const { return m_specialty; }
    QLineEdit *refEdit() const { return m_ref; }
    QLabel *messageFor(const QString &field) const; // the label beside the field (domain::field names)

    void accept() override;
    void reject() override; // keeps what was typed as a draft (ui/drafts.h)

private:
    domain::Attendance fromForm() const;
    std::vector<domain::FieldError> problems(domain::Attendance &a) const;
    void showErrors(const std::vector<domain::FieldError> &errors, const QString &general);
    QLabel *addRow(QFormLayout *form, const QString &label, QWidget *field, const char *name);

    services::AttendanceService &m_service;
    domain::Patient m_patient;
    PatientBanner *m_banner;
    ClinicalDateEdit *m_date;
    QComboBox *m_setting;
    QSpinBox *m_bedDays;
    QLineEdit *m_specialty;
    QLineEdit *m_ref;
    QLabel *m_general;
    QDialogButtonBox *m_buttons;
    FormDraft *m_draft = nullptr;
    domain::Attendance m_saved;
};

} // namespace painmdt::ui
