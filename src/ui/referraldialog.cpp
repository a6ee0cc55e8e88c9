#include "ui/referraldialog.h"

#include "domain/clinicaldate.h"
#include "services/referralservice.h"
#include "ui/drafts.h"
#include "ui/formmessage.h"
#include "ui/staleoffer.h"
#include "ui_referraldialog.h"

#include <QIcon>
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
        {field::referralRef, QStringLiteral("referralRef")}, {field::receivedOn, QStringLiteral("receivedDate")},
        {field::source, QStringLiteral("source")}, {field::priority, QStringLiteral("priority")},
        {field::reason, QStringLiteral("reason")}, {field::referrer, QStringLiteral("referrer")},
        {field::keyWorker, QStringLiteral("keyWorker")}, {field::painSite, QStringLiteral("painSite")},
        {field::dischargedOn, QStringLiteral("dischargeDate")},
        {field::dischargeReason, QStringLiteral("dischargeReason")}};
    return stems.value(field);
}

} // namespace

ReferralDialog::ReferralDialog(services::ReferralService &service, const Patient &patient, const Referral &referral,
                               Mode mode, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ReferralDialog>()), m_service(service), m_patient(patient),
      m_original(referral), m_mode(referral.id == 0 ? Mode::Edit : mode)
{
    m_ui->setupUi(this);
    const bool discharging = m_mode == Mode::Discharge;
    if (discharging)
        setWindowTitle(tr("Discharge referral %1 \u2014 %2").arg(referral.referralRef, displayName(patient)));
    else if (referral.id == 0)
        setWindowTitle(tr("New referral \u2014 %1").arg(displayName(patient)));
    else
        setWindowTitle(tr("Edit referral %1 \u2014 %2").arg(referral.referralRef, displayName(patient)));
    m_ui->banner->setPatient(patient, ClinicalDateEdit::today());
    m_ui->banner->setAlerts(service.assessments().alerts(patient.id, true));

    for (const QString &code : referralSources())
        m_ui->sourceEdit->addItem(codeLabel(code), code);
    for (const QString &code : referralPriorities())
        m_ui->priorityEdit->addItem(code == QLatin1String("urgent") ? tr("URGENT") : codeLabel(code), code);
    m_ui->painSiteEdit->addItem(tr("Not recorded"), QString());
    for (const QString &code : painSites())
        m_ui->painSiteEdit->addItem(codeLabel(code), code);
    m_ui->referralFields->setVisible(!discharging);
    m_ui->dischargeFields->setVisible(discharging);

    showSummary(referral);
    load(referral);
    m_ui->receivedDateEdit->setEchoLabel(m_ui->receivedDateMessage);
    m_ui->dischargeDateEdit->setEchoLabel(m_ui->dischargeDateMessage);
    connect(m_ui->priorityEdit, &QComboBox::currentIndexChanged, this, &ReferralDialog::updatePriorityMessage);
    connect(m_ui->painSiteEdit, &QComboBox::currentIndexChanged, this, &ReferralDialog::updatePainSiteMessage);
    updatePriorityMessage();

    auto *save = m_ui->buttonBox->button(QDialogButtonBox::Save);
    save->setDefault(true);
    if (discharging) {
        save->setText(tr("&Discharge")); // the date label uses Alt+T, so Alt+D is free
        save->setIcon(QIcon());          // not a floppy disk: this ends the episode
    }
    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &ReferralDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ReferralDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    QLineEdit *first = discharging ? m_ui->dischargeDateEdit : m_ui->receivedDateEdit;
    first->setFocus();
    first->selectAll(); // typing replaces the offered date
    const QString key = discharging ? QStringLiteral("discharge/%1").arg(referral.id)
                        : referral.id != 0 ? QStringLiteral("referral/%1").arg(referral.id)
                                           : QStringLiteral("referral/new/%1").arg(patient.id);
    m_draft = new FormDraft(this, key + QStringLiteral("/patient/%1").arg(patient.id), referral.rowVersion);
    m_draft->offerIn(m_ui->generalMessage, discharging ? tr("discharge") : tr("referral"));
    m_stale = new StaleOffer(m_ui->buttonBox, m_ui->generalMessage, m_draft, [this] { return reloadStored(); });
}

// The referral as stored now, in the form (StaleOffer::Reload).
Result<int> ReferralDialog::reloadStored()
{
    const auto stored = m_service.byId(m_original.id);
    if (!stored)
        return stored.failure();
    if (!stored->has_value())
        return Error{tr("This referral was removed meanwhile; nothing was saved.")};
    m_original = *stored.value();
    showSummary(m_original);
    load(m_original);
    return m_original.rowVersion;
}

// What is not on this form, in one line, so the user knows which referral this is.
void ReferralDialog::showSummary(const Referral &referral)
{
    QStringList summary;
    if (referral.id != 0) {
        summary << tr("Referral %1").arg(referral.referralRef)
                << tr("received %1 from %2").arg(formatClinicalDate(referral.receivedOn), codeLabel(referral.source));
        if (m_mode == Mode::Discharge && referral.priority == QLatin1String("urgent"))
            summary << tr("URGENT");
        summary << (referral.isTriaged()
                        ? tr("triaged %1: %2").arg(formatClinicalDate(referral.triagedOn), codeLabel(referral.pathway))
                        : tr("awaiting triage"));
        if (referral.isDischarged())
            summary << tr("discharged %1").arg(formatClinicalDate(referral.dischargedOn));
    }
    m_ui->referralSummary->setText(summary.join(QStringLiteral(" \u00B7 ")));
    m_ui->referralSummary->setVisible(!summary.isEmpty());
}

void ReferralDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

ReferralDialog::~ReferralDialog() = default;

std::unique_ptr<ReferralDialog> ReferralDialog::discharge(services::ReferralService &service, const Patient &patient,
                                                          const Referral &referral, QWidget *parent)
{
    return std::make_unique<ReferralDialog>(service, patient, referral, Mode::Discharge, parent);
}

QString ReferralDialog::assignRef(services::ReferralService &service, const QDateTime &now)
{
    const QString stem = QStringLiteral("RF") + now.toString(QStringLiteral("yyyyMMddHHmmss"));
    const auto ref = service.unusedRef(stem);
    return ref ? ref.value() : stem; // unread: a used ref is still refused, with a message, when saved
}

void ReferralDialog::load(const Referral &r)
{
    const QDate today = ClinicalDateEdit::today();
    m_ui->referralRefEdit->setText(r.referralRef);
    m_ui->receivedDateEdit->setDate(r.receivedOn.isValid() ? r.receivedOn : today);
    const int source = m_ui->sourceEdit->findData(r.source.isEmpty() ? QStringLiteral("gp") : r.source);
    m_ui->sourceEdit->setCurrentIndex(std::max(0, source));
    m_ui->priorityEdit->setCurrentIndex(std::max(0, m_ui->priorityEdit->findData(r.priority)));
    m_ui->reasonEdit->setPlainText(r.reason);
    m_ui->referrerEdit->setText(r.referrer);
    m_ui->keyWorkerEdit->setText(r.keyWorker);
    m_ui->painSiteEdit->setCurrentIndex(std::max(0, m_ui->painSiteEdit->findData(r.painSite)));
    updatePainSiteMessage();
    m_ui->dischargeDateEdit->setDate(r.dischargedOn.isValid() ? r.dischargedOn : today);
    m_ui->dischargeReasonEdit->setPlainText(r.dischargeReason);
}

// Hazard H22: said where the site is chosen, and again on the triage form.
void ReferralDialog::updatePainSiteMessage()
{
    const bool outside = !startBackValidatedFor(m_ui->painSiteEdit->currentData().toString());
    m_ui->painSiteMessage->setText(outside ? tr("\u26A0 STarT Back is validated for low back pain only") : QString());
}

void ReferralDialog::updatePriorityMessage()
{
    const bool urgent = m_ui->priorityEdit->currentData().toString() == QLatin1String("urgent");
    m_ui->priorityMessage->setText(urgent ? tr("\u26A0 URGENT: shown first on the triage worklist") : QString());
    m_ui->priorityMessage->setStyleSheet(urgent ? QStringLiteral("color: #B00020; font-weight: bold;") : QString());
}

Referral ReferralDialog::fromForm() const
{
    Referral r = m_original; // triage and discharge fields are kept as loaded
    if (m_mode == Mode::Discharge) {
        r.dischargedOn = m_ui->dischargeDateEdit->date();
        r.dischargeReason = m_ui->dischargeReasonEdit->toPlainText();
        return r;
    }
    r.patientId = m_patient.id;
    r.referralRef = m_ui->referralRefEdit->text();
    r.receivedOn = m_ui->receivedDateEdit->date();
    r.source = m_ui->sourceEdit->currentData().toString();
    r.priority = m_ui->priorityEdit->currentData().toString();
    r.reason = m_ui->reasonEdit->toPlainText();
    r.referrer = m_ui->referrerEdit->text();
    r.keyWorker = m_ui->keyWorkerEdit->text();
    r.painSite = m_ui->painSiteEdit->currentData().toString();
    return r;
}

// The domain's rules plus what only the form can know, said in the user's terms and put first
// (the first message for a field is the one shown).
std::vector<FieldError> ReferralDialog::problems(Referral &r) const
{
    auto errors = normaliseAndValidate(r, ClinicalDateEdit::today());
    const QDate today = ClinicalDateEdit::today();
    std::vector<FieldError> own;
    auto checkDate = [&](const ClinicalDateEdit *edit, const char *field, const QDate &date, const QString &missing) {
        if (const QString problem = edit->problem(); !problem.isEmpty())
            own.push_back({field, problem});
        else if (!date.isValid())
            own.push_back({field, missing});
        else if (date > today)
            own.push_back({field, tr("%1 is in the future.").arg(formatClinicalDate(date))});
    };
    if (m_mode == Mode::Discharge) {
        checkDate(m_ui->dischargeDateEdit, field::dischargedOn, r.dischargedOn, tr("Enter the discharge date."));
        if (r.dischargedOn.isValid() && r.dischargedOn < r.receivedOn)
            own.push_back({field::dischargedOn, tr("%1 is before the referral was received (%2).")
                                                    .arg(formatClinicalDate(r.dischargedOn),
                                                         formatClinicalDate(r.receivedOn))});
        if (r.dischargedOn.isValid() && r.id != 0) {
            const auto contacts = m_service.contactsOf(r.id);
            if (!contacts)
                own.push_back({field::dischargedOn, tr("The contacts could not be read to check this date: %1")
                                                        .arg(contacts.error())});
            else if (!contacts->empty() && contacts->back().contactOn > r.dischargedOn)
                own.push_back({field::dischargedOn, tr("%1 is before the last contact (%2).")
                                                        .arg(formatClinicalDate(r.dischargedOn),
                                                             formatClinicalDate(contacts->back().contactOn))});
        }
        if (r.dischargeReason.isEmpty())
            own.push_back({field::dischargeReason, tr("Give the reason for discharge.")});
    } else {
        checkDate(m_ui->receivedDateEdit, field::receivedOn, r.receivedOn, tr("Enter the date the referral was received."));
        if (r.receivedOn.isValid() && r.isTriaged() && r.receivedOn > r.triagedOn)
            own.push_back({field::receivedOn, tr("%1 is after the triage date (%2).")
                                                  .arg(formatClinicalDate(r.receivedOn), formatClinicalDate(r.triagedOn))});
        if (r.receivedOn.isValid() && r.isDischarged() && r.receivedOn > r.dischargedOn)
            own.push_back({field::receivedOn, tr("%1 is after the discharge date (%2).")
                                                  .arg(formatClinicalDate(r.receivedOn), formatClinicalDate(r.dischargedOn))});
    }
    own.insert(own.end(), errors.begin(), errors.end());
    return own;
}

QLabel *ReferralDialog::messageLabel(const QString &field) const
{
    const QString stem = stemOf(field);
    return stem.isEmpty() ? nullptr : findChild<QLabel *>(stem + QStringLiteral("Message"));
}

QWidget *ReferralDialog::fieldWidget(const QString &field) const
{
    const QString stem = stemOf(field);
    return stem.isEmpty() ? nullptr : findChild<QWidget *>(stem + QStringLiteral("Edit"));
}

void ReferralDialog::showErrors(const std::vector<FieldError> &errors)
{
    QHash<QString, QString> byField;
    QStringList general; // about fields this form does not show
    QWidget *firstWidget = nullptr;
    for (const FieldError &e : errors) {
        QWidget *widget = fieldWidget(e.field);
        if (!widget || !widget->isVisibleTo(this)) {
            if (!general.contains(e.message))
                general << e.message;
            continue;
        }
        if (!firstWidget)
            firstWidget = widget;
        if (!byField.contains(e.field)) // the first, most specific message per field
            byField.insert(e.field, e.message);
    }
    for (const char *f : {field::receivedOn, field::source, field::referrer, field::priority, field::reason,
                             field::referralRef, field::keyWorker, field::painSite, field::dischargedOn,
                             field::dischargeReason}) {
        QLabel *label = messageLabel(f);
        if (byField.contains(f))
            setMessage(label, byField.value(f));
        else if (auto *date = qobject_cast<ClinicalDateEdit *>(fieldWidget(f)))
            date->setEchoLabel(label); // back to echoing the parsed date
        else if (label == m_ui->keyWorkerMessage) {
            setMessage(label, {});
            label->setText(tr("Hand the patient over by changing the name."));
        } else if (label != m_ui->priorityMessage && label != m_ui->painSiteMessage) {
            setMessage(label, {});
        }
    }
    if (!byField.contains(field::priority))
        updatePriorityMessage();
    if (!byField.contains(field::painSite))
        updatePainSiteMessage();
    setMessage(m_ui->generalMessage, general.join(QLatin1Char(' ')));
    layout()->activate();
    resize(sizeHint().expandedTo(size())); // wrapped messages need taller rows
    if (firstWidget)
        firstWidget->setFocus();
}

void ReferralDialog::accept()
{
    Referral r = fromForm();
    if (m_mode == Mode::Edit && r.referralRef.trimmed().isEmpty())
        r.referralRef = assignRef(m_service, m_service.stamps().now().at.toLocalTime());
    const auto errors = problems(r);
    showErrors(errors);
    if (!errors.empty())
        return;
    const auto result = r.id == 0 ? m_service.add(r) : m_service.update(r);
    if (!result.ok() && result.problem.stale)
        return m_stale->offer(result.problem.message);
    if (!result.ok()) {
        showErrors(result.problem.fieldErrors);
        if (!result.problem.message.isEmpty())
            setMessage(m_ui->generalMessage, result.problem.message);
        return;
    }
    m_saved = *result.value;
    m_draft->done();
    QDialog::accept();
}

} // namespace painmdt::ui
