#include "ui/attendancedialog.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "services/attendanceservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/drafts.h"
#include "ui/formmessage.h"
#include "ui/patientbanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

const char *const fields[] = {field::attendedOn, field::setting, field::bedDays, field::specialty, field::attendanceRef};

} // namespace

AttendanceDialog::AttendanceDialog(services::AttendanceService &service, const Patient &patient, QWidget *parent)
    : QDialog(parent), m_service(service), m_patient(patient), m_banner(new PatientBanner(this)),
      m_date(new ClinicalDateEdit(this)), m_setting(new QComboBox(this)), m_bedDays(new QSpinBox(this)),
      m_specialty(new QLineEdit(this)), m_ref(new QLineEdit(this)), m_general(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Record a hospital or GP attendance \u2014 %1").arg(displayName(patient)));
    m_banner->setPatient(patient, ClinicalDateEdit::today());
    for (const QString &code : attendanceSettings())
        m_setting->addItem(codeLabel(code), code);
    m_bedDays->setRange(0, domain::maxBedDays);
    m_bedDays->setSuffix(tr(" days"));
    m_specialty->setPlaceholderText(tr("Optional, e.g. Orthopaedics"));
    m_ref->setPlaceholderText(tr("Optional: the hospital's reference, so an extract does not count it twice"));
    m_general->setWordWrap(true);
    m_general->setObjectName(QStringLiteral("generalMessage"));

    auto *form = new QFormLayout;
    m_date->setEchoLabel(addRow(form, tr("&Date"), m_date, "attendedOn"));
    addRow(form, tr("&Setting"), m_setting, "setting");
    addRow(form, tr("&Bed days"), m_bedDays, "bedDays");
    addRow(form, tr("S&pecialty"), m_specialty, "specialty");
    addRow(form, tr("&Reference"), m_ref, "attendanceRef");
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_general);
    layout->addWidget(m_buttons);

    // Bed days belong to admissions only: the box is off for anything else.
    const auto admission = [this] {
        const bool on = isAdmission(m_setting->currentData().toString());
        m_bedDays->setEnabled(on);
        if (!on)
            m_bedDays->setValue(0);
    };
    connect(m_setting, &QComboBox::currentIndexChanged, this, admission);
    admission();
    m_buttons->button(QDialogButtonBox::Save)->setDefault(true);
    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &AttendanceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AttendanceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AttendanceDialog::reject);
    m_date->setFocus();
    m_draft = new FormDraft(this, QStringLiteral("attendance/patient/%1").arg(patient.id));
    m_draft->offerIn(m_general, tr("attendance"), true); // a new record: an abandoned one is offered, not put back
}

// The row's field, its label (a buddy: Alt+letter), and the message label beside it.
QLabel *AttendanceDialog::addRow(QFormLayout *form, const QString &label, QWidget *field, const char *name)
{
    field->setObjectName(QLatin1String(name) + QStringLiteral("Edit"));
    field->setAccessibleName(QString(label).remove(QLatin1Char('&')));
    auto *caption = new QLabel(label, this);
    caption->setBuddy(field);
    auto *message = new QLabel(this);
    message->setObjectName(QLatin1String(name) + QStringLiteral("Message"));
    message->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(field);
    row->addWidget(message, 1);
    form->addRow(caption, row);
    if (auto *spin = qobject_cast<QSpinBox *>(field))
        for (auto *edit : spin->findChildren<QLineEdit *>())
            edit->setAccessibleName(field->accessibleName());
    return message;
}

QLabel *AttendanceDialog::messageFor(const QString &f) const
{
    static const QHash<QString, QString> stems{
        {field::attendedOn, QStringLiteral("attendedOn")}, {field::setting, QStringLiteral("setting")},
        {field::bedDays, QStringLiteral("bedDays")}, {field::specialty, QStringLiteral("specialty")},
        {field::attendanceRef, QStringLiteral("attendanceRef")}};
    return findChild<QLabel *>(stems.value(f) + QStringLiteral("Message"));
}

void AttendanceDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

Attendance AttendanceDialog::fromForm() const
{
    Attendance a;
    a.patientId = m_patient.id;
    a.attendedOn = m_date->date();
    a.setting = m_setting->currentData().toString();
    if (m_bedDays->isEnabled())
        a.bedDays = m_bedDays->value();
    a.specialty = m_specialty->text().trimmed();
    a.attendanceRef = m_ref->text().trimmed();
    return a;
}

// The date in words a clinician reads first; then the shared rules.
std::vector<FieldError> AttendanceDialog::problems(Attendance &a) const
{
    std::vector<FieldError> errors;
    if (const QString problem = m_date->problem(); !problem.isEmpty())
        errors.push_back({field::attendedOn, problem});
    else if (!a.attendedOn.isValid())
        errors.push_back({field::attendedOn, tr("Type the date it happened, such as 01-Apr-2026.")});
    else if (a.attendedOn > ClinicalDateEdit::today())
        errors.push_back({field::attendedOn, tr("%1 is in the future.").arg(formatClinicalDate(a.attendedOn))});
    for (const FieldError &e : m_service.check(a))
        errors.push_back(e);
    return errors;
}

void AttendanceDialog::showErrors(const std::vector<FieldError> &errors, const QString &general)
{
    QHash<QString, QString> byField;
    for (const FieldError &e : errors)
        if (!byField.contains(e.field))
            byField.insert(e.field, e.message);
    for (const char *f : fields) {
        if (f == QLatin1String(field::attendedOn) && !byField.contains(f))
            m_date->setEchoLabel(messageFor(f)); // back to echoing the date understood
        else
            setMessage(messageFor(f), byField.value(f));
    }
    setMessage(m_general, general);
    if (!errors.empty())
        if (QWidget *w = findChild<QWidget *>(messageFor(errors.front().field)->objectName().replace(
                QStringLiteral("Message"), QStringLiteral("Edit"))))
            w->setFocus();
}

void AttendanceDialog::accept()
{
    Attendance a = fromForm();
    const auto errors = problems(a);
    showErrors(errors, {});
    if (!errors.empty())
        return;
    const auto result = m_service.add(a);
    if (!result.ok())
        return showErrors(result.problem.fieldErrors, result.problem.message);
    m_saved = *result.value;
    m_draft->done();
    QDialog::accept();
}

} // namespace painmdt::ui
