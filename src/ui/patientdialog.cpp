#include "ui/patientdialog.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"
#include "services/patientservice.h"
#include "ui/drafts.h"
#include "ui/formmessage.h"
#include "ui/staleoffer.h"
#include "ui_patientdialog.h"

#include <QLayout>
#include <QPushButton>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

const Sex sexChoices[] = {Sex::NotRecorded, Sex::Female, Sex::Male, Sex::Other, Sex::Unknown};

} // namespace

PatientDialog::PatientDialog(services::PatientService &service, const Patient &patient, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PatientDialog>()), m_service(service), m_original(patient)
{
    m_ui->setupUi(this);
    setWindowTitle(patient.id == 0 ? tr("Register patient") : tr("Edit patient"));
    for (const Sex sex : sexChoices)
        m_ui->sexEdit->addItem(sexLabel(sex), int(sex));
    m_ui->dateOfBirthEdit->setEchoLabel(m_ui->dateOfBirthMessage);
    m_ui->dateOfDeathEdit->setEchoLabel(m_ui->dateOfDeathMessage);
    m_ui->duplicateFrame->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setDefault(true);
    load(patient);

    for (QLineEdit *edit : findChildren<QLineEdit *>()) {
        connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
            m_touched.insert(edit->objectName());
            validateTouched();
        });
    }
    connect(m_ui->openExistingButton, &QPushButton::clicked, this, [this] {
        m_existingChosen = m_duplicateAcknowledged;
        done(QDialog::Rejected);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &PatientDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->familyNameEdit->setFocus();
    m_draft = new FormDraft(this, patient.id != 0 ? QStringLiteral("patient/%1").arg(patient.id) : QStringLiteral("patient/new"),
                            patient.rowVersion);
    m_draft->offerIn(m_ui->generalMessage, patient.id != 0 ? tr("change to this patient") : tr("new patient"),
                     patient.id == 0);
    m_stale = new StaleOffer(m_ui->buttonBox, m_ui->generalMessage, m_draft, [this] { return reloadStored(); });
    connect(m_stale, &StaleOffer::reloaded, this, &PatientDialog::validateTouched);
}

void PatientDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

PatientDialog::~PatientDialog() = default;

void PatientDialog::load(const Patient &p)
{
    m_ui->familyNameEdit->setText(p.familyName);
    m_ui->givenNameEdit->setText(p.givenName);
    m_ui->dateOfBirthEdit->setDate(p.dateOfBirth);
    m_ui->sexEdit->setCurrentIndex(m_ui->sexEdit->findData(int(p.sex)));
    m_ui->nhsNumberEdit->setDigits(p.nhsNumber);
    m_ui->patientRefEdit->setText(p.patientRef);
    m_ui->postcodeEdit->setText(p.postcode);
    m_ui->phoneEdit->setText(p.phone);
    m_ui->gpPracticeEdit->setText(p.gpPractice);
    m_ui->dateOfDeathEdit->setDate(p.dateOfDeath);
}

Patient PatientDialog::fromForm() const
{
    Patient p = m_original;
    p.familyName = m_ui->familyNameEdit->text();
    p.givenName = m_ui->givenNameEdit->text();
    p.dateOfBirth = m_ui->dateOfBirthEdit->date();
    p.sex = Sex(m_ui->sexEdit->currentData().toInt());
    p.nhsNumber = m_ui->nhsNumberEdit->text();
    p.patientRef = m_ui->patientRefEdit->text();
    p.postcode = m_ui->postcodeEdit->text();
    p.phone = m_ui->phoneEdit->text();
    p.gpPractice = m_ui->gpPracticeEdit->text();
    p.dateOfDeath = m_ui->dateOfDeathEdit->date();
    return p;
}

QLabel *PatientDialog::messageLabel(const QString &field) const
{
    static const QHash<QString, QString> names{
        {field::familyName, QStringLiteral("familyNameMessage")}, {field::givenName, QStringLiteral("givenNameMessage")},
        {field::dateOfBirth, QStringLiteral("dateOfBirthMessage")}, {field::sex, QStringLiteral("sexMessage")},
        {field::nhsNumber, QStringLiteral("nhsNumberMessage")}, {field::patientRef, QStringLiteral("patientRefMessage")},
        {field::postcode, QStringLiteral("postcodeMessage")}, {field::phone, QStringLiteral("phoneMessage")},
        {field::gpPractice, QStringLiteral("gpPracticeMessage")}, {field::dateOfDeath, QStringLiteral("dateOfDeathMessage")}};
    return findChild<QLabel *>(names.value(field));
}

QWidget *PatientDialog::fieldWidget(const QString &field) const
{
    QString name = messageLabel(field) ? messageLabel(field)->objectName() : QString();
    return findChild<QWidget *>(name.replace(QLatin1String("Message"), QLatin1String("Edit")));
}

// Domain validation plus the typed-date problems the domain never sees (text it could not parse),
// in form order.
std::vector<FieldError> PatientDialog::problems(Patient &p) const
{
    auto errors = normaliseAndValidate(p, ClinicalDateEdit::today());
    if (const QString problem = m_ui->dateOfBirthEdit->problem(); !problem.isEmpty())
        errors.insert(errors.begin(), {field::dateOfBirth, problem});
    if (const QString problem = m_ui->dateOfDeathEdit->problem(); !problem.isEmpty())
        errors.push_back({field::dateOfDeath, problem});
    return errors;
}

void PatientDialog::showErrors(const std::vector<FieldError> &errors, bool onlyTouched)
{
    QHash<QString, QString> byField;
    for (const FieldError &e : errors)
        if (!byField.contains(e.field)) // the first, most specific message per field
            byField.insert(e.field, e.message);
    for (const char *f : {field::familyName, field::givenName, field::dateOfBirth, field::nhsNumber,
                             field::patientRef, field::postcode, field::dateOfDeath}) {
        QWidget *widget = fieldWidget(f);
        const bool show = !onlyTouched || (widget && m_touched.contains(widget->objectName()));
        if (byField.contains(f) && show)
            setMessage(messageLabel(f), byField.value(f));
        else if (auto *date = qobject_cast<ClinicalDateEdit *>(widget))
            date->setEchoLabel(messageLabel(f)); // back to echoing the parsed date
        else
            setMessage(messageLabel(f), {});
    }
    // Wrapped messages need taller rows: grow the dialog rather than clip them.
    layout()->activate();
    resize(sizeHint().expandedTo(size()));
}

void PatientDialog::focusFirst(const std::vector<FieldError> &errors)
{
    if (!errors.empty())
        if (QWidget *w = fieldWidget(errors.front().field))
            w->setFocus();
}

void PatientDialog::validateTouched()
{
    Patient p = fromForm();
    showErrors(problems(p), true);
}

bool PatientDialog::warnIfDuplicate(const Patient &p)
{
    const auto matches = m_service.possibleDuplicates(p);
    if (!matches) // the check did not run: say so, and let the user decide, as for a match
        return warnUnchecked(matches.error());
    if (matches->empty() || matches->front().id == m_duplicateAcknowledged)
        return false;
    const Patient &match = matches->front();
    m_duplicateAcknowledged = match.id;
    m_ui->duplicateMessage->setText(
        tr("\u26A0 %1, born %2, NHS No. %3, ref %4 has the same name and date of birth. "
           "Open that record if it is this patient; press Save again to register a different person.")
            .arg(displayName(match), formatClinicalDate(match.dateOfBirth),
                 match.hasNhsNumber() ? formatNhsNumber(match.nhsNumber) : tr("Not recorded"), match.patientRef));
    m_ui->duplicateFrame->show();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("Register anyway"));
    m_ui->openExistingButton->setFocus();
    return true;
}

bool PatientDialog::warnUnchecked(const QString &error)
{
    if (m_duplicateAcknowledged == uncheckedAcknowledged)
        return false;
    m_duplicateAcknowledged = uncheckedAcknowledged;
    m_ui->duplicateMessage->setText(
        tr("⚠ Could not check for a patient with the same name and date of birth: %1 "
           "Press Save again to register anyway, or Cancel and try again later.").arg(error));
    m_ui->duplicateFrame->show();
    m_ui->openExistingButton->hide();
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("Register anyway"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setFocus();
    return true;
}

void PatientDialog::accept()
{
    Patient p = fromForm();
    const auto errors = problems(p);
    showErrors(errors, false);
    if (!errors.empty())
        return focusFirst(errors);
    if (p.id == 0 && warnIfDuplicate(p))
        return;

    const auto result = p.id == 0 ? m_service.add(p) : m_service.update(p);
    if (!result.ok() && result.problem.stale)
        return m_stale->offer(result.problem.message);
    if (!result.ok()) {
        showErrors(result.problem.fieldErrors, false);
        setMessage(m_ui->generalMessage, result.problem.message);
        return focusFirst(result.problem.fieldErrors);
    }
    m_saved = *result.value;
    m_draft->done();
    QDialog::accept();
}

// The patient as stored now, in the form (StaleOffer::Reload).
Result<int> PatientDialog::reloadStored()
{
    const auto stored = m_service.byId(m_original.id);
    if (!stored)
        return stored.failure();
    if (!stored->has_value())
        return Error{tr("This patient was removed meanwhile; nothing was saved.")};
    m_original = *stored.value();
    load(m_original);
    return m_original.rowVersion;
}

} // namespace painmdt::ui
