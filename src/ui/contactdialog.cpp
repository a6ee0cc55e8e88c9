#include "ui/contactdialog.h"

#include "domain/clinicaldate.h"
#include "services/referralservice.h"
#include "ui/drafts.h"
#include "ui/formmessage.h"
#include "ui_contactdialog.h"

#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

// Form widgets are named <stem>Edit and <stem>Message; this maps a domain field to its stem.
QString stemOf(const QString &field)
{
    static const QHash<QString, QString> stems{
        {field::contactOn, QStringLiteral("contactDate")}, {field::mode, QStringLiteral("mode")},
        {field::outcome, QStringLiteral("outcome")}, {field::staff, QStringLiteral("staff")},
        {field::durationMinutes, QStringLiteral("duration")}, {field::nextDueOn, QStringLiteral("nextDue")},
        {field::note, QStringLiteral("note")}};
    return stems.value(field);
}

} // namespace

ContactDialog::ContactDialog(services::ReferralService &service, const Referral &referral, const Patient &patient,
                             QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ContactDialog>()), m_service(service), m_referral(referral)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Record contact \u2014 %1").arg(displayName(patient)));
    m_ui->banner->setPatient(patient, ClinicalDateEdit::today());
    m_ui->banner->setAlerts(service.assessments().alerts(patient.id, true));
    m_ui->referralSummary->setText(
        tr("Referral %1 \u00B7 received %2 from %3 \u00B7 pathway %4")
            .arg(referral.referralRef, formatClinicalDate(referral.receivedOn), codeLabel(referral.source),
                 referral.isTriaged() ? codeLabel(referral.pathway) : tr("awaiting triage")));
    m_outcomeHint = m_ui->outcomeMessage->text();
    fillChoices();
    m_ui->contactDateEdit->setDate(ClinicalDateEdit::today());
    const QTime now = QTime::currentTime();
    m_ui->contactTimeEdit->setTime(QTime(now.hour(), now.minute()));
    m_ui->contactDateEdit->setEchoLabel(m_ui->contactDateMessage);
    m_ui->nextDueEdit->setEchoLabel(m_ui->nextDueMessage);
    m_ui->staffEdit->setText(m_service.stamps().actor());
    // The spin box's own line edit takes the focus: it needs the name a screen reader says.
    for (auto *edit : m_ui->durationEdit->findChildren<QLineEdit *>())
        edit->setAccessibleName(tr("Duration in minutes"));
    for (auto *edit : m_ui->contactTimeEdit->findChildren<QLineEdit *>())
        edit->setAccessibleName(m_ui->contactTimeEdit->accessibleName());
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setDefault(true);
    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &ContactDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ContactDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_ui->contactDateEdit->setFocus();
    m_draft = new FormDraft(this, QStringLiteral("contact/%1/patient/%2").arg(referral.id).arg(patient.id));
    m_draft->offerIn(m_ui->generalMessage, tr("check-in"));
}

void ContactDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

ContactDialog::~ContactDialog() = default;

// Ledger-style defaults from this referral's last contact: its mode, its duration, the same gap
// to the next check-in (two weeks when there is none), so a check-in always plans the next one.
// The outcome is always "attended"; the note starts empty: nothing is copied forward.
void ContactDialog::fillChoices()
{
    for (const QString &code : contactModes())
        m_ui->modeEdit->addItem(codeLabel(code), code);
    for (const QString &code : contactOutcomes())
        m_ui->outcomeEdit->addItem(codeLabel(code), code);
    m_ui->outcomeEdit->setCurrentIndex(m_ui->outcomeEdit->findData(QStringLiteral("attended")));
    const auto earlier = m_service.contactsOf(m_referral.id);
    if (!earlier) { // only defaults and history: say so, and offer the plain defaults
        m_ui->previousEdit->setPlainText(tr("\u26A0 The earlier contacts could not be read: %1").arg(earlier.error()));
        m_ui->modeEdit->setCurrentIndex(0);
        return;
    }
    const Contact *last = earlier->empty() ? nullptr : &earlier->back();
    m_ui->modeEdit->setCurrentIndex(std::max(0, m_ui->modeEdit->findData(last ? last->mode : QString())));
    if (last && last->durationMinutes)
        m_ui->durationEdit->setValue(*last->durationMinutes);
    const qint64 gap = last && last->nextDueOn.isValid() ? last->contactOn.daysTo(last->nextDueOn) : 14;
    m_ui->nextDueEdit->setDate(ClinicalDateEdit::today().addDays(std::max<qint64>(1, gap)));
    m_ui->previousEdit->setPlainText(earlier->empty() ? tr("None yet: this is the first contact on this referral.")
                                                      : previousContacts(earlier.value()));
}

// Newest first, every note in full and exactly as it was typed.
QString ContactDialog::previousContacts(const std::vector<Contact> &contacts)
{
    QStringList lines;
    for (auto it = contacts.rbegin(); it != contacts.rend(); ++it) {
        QStringList parts{formatClinicalDate(it->contactOn)};
        if (it->contactTime.isValid())
            parts.back() += QLatin1Char(' ') + it->contactTime.toString(QStringLiteral("HH:mm"));
        parts << codeLabel(it->mode) << codeLabel(it->outcome);
        if (!it->staff.isEmpty())
            parts << it->staff;
        if (it->durationMinutes)
            parts << tr("%1 min").arg(*it->durationMinutes);
        if (it->nextDueOn.isValid())
            parts << tr("next due %1").arg(formatClinicalDate(it->nextDueOn));
        lines << parts.join(QStringLiteral(" \u00B7 "));
        if (!it->note.isEmpty())
            lines << it->note;
        lines << QString();
    }
    return lines.join(QLatin1Char('\n')).trimmed();
}

Contact ContactDialog::fromForm() const
{
    Contact c;
    c.referralId = m_referral.id;
    c.contactOn = m_ui->contactDateEdit->date();
    c.contactTime = m_ui->contactTimeEdit->time();
    c.mode = m_ui->modeEdit->currentData().toString();
    c.outcome = m_ui->outcomeEdit->currentData().toString();
    c.staff = m_ui->staffEdit->text();
    if (const int minutes = m_ui->durationEdit->value(); minutes > 0)
        c.durationMinutes = minutes; // 0 reads "Not recorded"
    c.nextDueOn = m_ui->nextDueEdit->date();
    c.note = m_ui->noteEdit->toPlainText();
    return c;
}

// The domain's rules plus what only the form can know: text that is not a date, a contact in
// the future or before the referral arrived.
std::vector<FieldError> ContactDialog::problems(Contact &c) const
{
    const QDate today = ClinicalDateEdit::today();
    auto errors = normaliseAndValidate(c, today);
    if (const QString problem = m_ui->contactDateEdit->problem(); !problem.isEmpty())
        errors.insert(errors.begin(), {field::contactOn, problem});
    else if (c.contactOn > today)
        errors.insert(errors.begin(), {field::contactOn, tr("%1 is in the future.").arg(formatClinicalDate(c.contactOn))});
    else if (c.contactOn.isValid() && c.contactOn < m_referral.receivedOn)
        errors.insert(errors.begin(), {field::contactOn, tr("%1 is before the referral was received (%2).")
                                                             .arg(formatClinicalDate(c.contactOn),
                                                                  formatClinicalDate(m_referral.receivedOn))});
    if (const QString problem = m_ui->nextDueEdit->problem(); !problem.isEmpty())
        errors.push_back({field::nextDueOn, problem});
    return errors;
}

QLabel *ContactDialog::messageLabel(const QString &field) const
{
    return findChild<QLabel *>(stemOf(field) + QStringLiteral("Message"));
}

QWidget *ContactDialog::fieldWidget(const QString &field) const
{
    return findChild<QWidget *>(stemOf(field) + QStringLiteral("Edit"));
}

void ContactDialog::showErrors(const std::vector<FieldError> &errors)
{
    QHash<QString, QString> byField;
    for (const FieldError &e : errors)
        if (!byField.contains(e.field)) // the first, most specific message per field
            byField.insert(e.field, e.message);
    for (const char *f : {field::contactOn, field::mode, field::outcome, field::staff, field::durationMinutes,
                             field::nextDueOn, field::note}) {
        QLabel *label = messageLabel(f);
        if (byField.contains(f))
            setMessage(label, byField.value(f));
        else if (auto *date = qobject_cast<ClinicalDateEdit *>(fieldWidget(f)))
            date->setEchoLabel(label); // back to echoing the parsed date
        else
            setMessage(label, {});
    }
    if (!byField.contains(field::outcome))
        m_ui->outcomeMessage->setText(m_outcomeHint);
    layout()->activate();
    resize(sizeHint().expandedTo(size())); // wrapped messages need taller rows
    if (!errors.empty())
        if (QWidget *w = fieldWidget(errors.front().field))
            w->setFocus();
}

void ContactDialog::accept()
{
    Contact c = fromForm();
    const auto errors = problems(c);
    showErrors(errors);
    setMessage(m_ui->generalMessage, {});
    if (!errors.empty())
        return;
    const auto result = m_service.addContact(c);
    if (!result.ok()) {
        showErrors(result.problem.fieldErrors);
        setMessage(m_ui->generalMessage, result.problem.message);
        return;
    }
    m_saved = *result.value;
    m_draft->done();
    QDialog::accept();
}

} // namespace painmdt::ui
