#include "ui/patientreferralspanel.h"
#include "ui/listtable.h"

#include "domain/clinicaldate.h"
#include "domain/referralrules.h"
#include "services/auditservice.h"
#include "services/patientservice.h"
#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/contactdialog.h"
#include "ui/patientbanner.h"
#include "ui/referraldialog.h"
#include "ui/referrallistmodel.h"
#include "ui/undo.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

QString outcomeText(const QString &code)
{
    QString text = codeLabel(code);
    if (!text.isEmpty())
        text[0] = text[0].toLower(); // "attended", "did not attend"
    return text;
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setTextAlignment(alignment);
    return item;
}

} // namespace

PatientReferralsPanel::PatientReferralsPanel(services::ReferralService &service, services::AuditService &audit,
                                             QWidget *parent)
    : QWidget(parent), m_service(service), m_audit(audit), m_heading(new QLabel(this)), m_empty(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this)), m_historyLabel(new QLabel(this)),
      m_history(new QListWidget(this)), m_buttons(new QHBoxLayout),
      // Mnemonics unique across the Patient menu: Find, New patient, Edit patient, reMove, Back.
      m_newAction(new QAction(tr("New &referral\u2026"), this)),
      m_editAction(new QAction(tr("Edi&t referral\u2026"), this)),
      m_dischargeAction(new QAction(tr("&Discharge referral\u2026"), this)),
      m_contactAction(new QAction(tr("&Log check-in\u2026"), this)),
      m_flagAction(new QAction(tr("Fla&g for the team\u2026"), this)),
      m_clearFlagAction(new QAction(tr("&Clear flag\u2026"), this)), m_flags(new QLabel(this)),
      m_acknowledgeAction(new QAction(tr("Ac&knowledge alert\u2026"), this)), m_alertsBox(new QFrame(this)),
      m_alerts(new QLabel(m_alertsBox))
{
    setObjectName(QStringLiteral("patientReferralsPanel"));
    m_newAction->setObjectName(QStringLiteral("newReferralAction"));
    m_editAction->setObjectName(QStringLiteral("editReferralAction"));
    m_dischargeAction->setObjectName(QStringLiteral("dischargeReferralAction"));
    m_contactAction->setObjectName(QStringLiteral("recordContactAction"));
    m_newAction->setStatusTip(tr("Register a new referral for this patient"));
    m_dischargeAction->setStatusTip(tr("Discharge the highlighted referral"));
    m_contactAction->setStatusTip(tr("Log a check-in or other contact: on the highlighted referral if it is open, "
                                     "else on the newest open one"));
    m_flagAction->setObjectName(QStringLiteral("flagPatientAction"));
    m_clearFlagAction->setObjectName(QStringLiteral("clearFlagAction"));
    connect(m_flagAction, &QAction::triggered, this, &PatientReferralsPanel::flagPatient);
    connect(m_clearFlagAction, &QAction::triggered, this, &PatientReferralsPanel::clearFlags);
    m_acknowledgeAction->setObjectName(QStringLiteral("acknowledgeAlertAction"));
    m_acknowledgeAction->setStatusTip(tr("Record that you have seen the newest alert and what was done"));
    connect(m_acknowledgeAction, &QAction::triggered, this, &PatientReferralsPanel::acknowledgeAlert);
    connect(m_newAction, &QAction::triggered, this, &PatientReferralsPanel::newReferral);
    connect(m_editAction, &QAction::triggered, this, &PatientReferralsPanel::editReferral);
    connect(m_dischargeAction, &QAction::triggered, this, &PatientReferralsPanel::dischargeReferral);
    connect(m_contactAction, &QAction::triggered, this, &PatientReferralsPanel::recordContact);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_heading->setObjectName(QStringLiteral("referralsHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    top->addWidget(m_heading);
    top->addSpacing(12);
    top->addLayout(m_buttons);
    top->addStretch();
    layout->addLayout(top);
    for (QAction *action : {m_newAction, m_editAction, m_dischargeAction, m_contactAction})
        addButton(action);
    // Alerts first, where nobody opening the record can miss them (hazard H9): words, a symbol and
    // a heavy border, never colour alone.
    m_alerts->setObjectName(QStringLiteral("alertsLabel"));
    m_alerts->setWordWrap(true);
    m_alerts->setTextFormat(Qt::PlainText);
    m_alerts->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_alerts->setFocusPolicy(Qt::StrongFocus);
    m_alerts->setAccessibleName(tr("Alerts on this patient"));
    m_alertsBox->setObjectName(QStringLiteral("alertsBox"));
    m_alertsBox->setStyleSheet(QStringLiteral("#alertsBox { border: 3px solid #B00020; } QLabel { font-weight: bold; }"));
    auto *alertRow = new QHBoxLayout(m_alertsBox);
    alertRow->setContentsMargins(8, 6, 8, 6);
    alertRow->addWidget(m_alerts, 1);
    auto *acknowledge = new QToolButton(m_alertsBox);
    acknowledge->setDefaultAction(m_acknowledgeAction);
    acknowledge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    alertRow->addWidget(acknowledge, 0, Qt::AlignTop);
    m_alertsBox->hide();
    layout->addWidget(m_alertsBox); // the main window moves it under the banner
    m_flags->setObjectName(QStringLiteral("flagsLabel"));
    m_flags->setWordWrap(true);
    m_flags->setTextFormat(Qt::PlainText); // a reason is shown as typed, never read as markup
    m_flags->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    m_flags->setFocusPolicy(Qt::StrongFocus); // a screen reader reaches it with Tab
    m_flags->setAccessibleName(tr("Flags on this patient"));
    m_flags->setStyleSheet(QStringLiteral("QLabel { border: 2px solid #8A1538; padding: 4px; }"));
    m_flags->hide();
    layout->addWidget(m_flags);

    m_empty->setObjectName(QStringLiteral("noReferrals"));
    m_empty->setText(tr("No referrals recorded for this patient. Use New referral\u2026 to register one."));
    layout->addWidget(m_empty);

    setUpListTable(m_table, QStringLiteral("referralsTable"), tr("Referrals"));
    m_table->setHorizontalHeaderLabels(
        {tr("Ref"), tr("Received"), tr("Source"), tr("Priority"), tr("Status"), tr("STarT Back")});
    m_table->horizontalHeaderItem(Received)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this] {
        updateHistory();
        updateActions();
    });
    connect(m_table, &QTableWidget::activated, this, [this] { editReferral(); });
    layout->addWidget(m_table, 2);

    m_historyLabel->setObjectName(QStringLiteral("historyLabel"));
    m_historyLabel->setText(tr("Hi&story"));
    m_historyLabel->setBuddy(m_history);
    layout->addWidget(m_historyLabel);
    m_history->setObjectName(QStringLiteral("historyList"));
    m_history->setAccessibleName(tr("History of the highlighted referral"));
    m_history->setSelectionMode(QAbstractItemView::NoSelection);
    m_history->setFocusPolicy(Qt::StrongFocus); // screen-reader users can walk the lines
    layout->addWidget(m_history, 1);

    setTabOrder(m_table, m_history);
    refresh();
}

void PatientReferralsPanel::addButton(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setObjectName(action->objectName() + QStringLiteral("Button"));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto updateText = [button, action] { // as PatientPage: the shortcut shown on the button
        QString text = action->text().remove(QLatin1Char('&'));
        if (!action->shortcut().isEmpty())
            text += QStringLiteral(" (%1)").arg(action->shortcut().toString(QKeySequence::NativeText));
        button->setText(text);
        button->setAccessibleName(text);
    };
    updateText();
    connect(action, &QAction::changed, button, updateText);
    m_buttons->addWidget(button);
}

void PatientReferralsPanel::setPatient(const Patient &patient)
{
    const bool other = patient.id != m_patient.id;
    m_patient = patient;
    if (other)
        m_table->setCurrentCell(-1, -1);
    refresh();
}

QString PatientReferralsPanel::statusText(const Referral &r, const std::vector<Contact> &contacts)
{
    // The same rule as the waiting list and the waiting-times report (domain/referralrules.h).
    const QDate today = ClinicalDateEdit::today();
    const ReferralOn now = referralOn(r, firstContactOn(contacts, today), today);
    if (now.dischargedOn.isValid())
        return tr("Discharged %1").arg(formatClinicalDate(now.dischargedOn));
    if (now.pathway == declinedPathway)
        return tr("Declined");
    if (now.firstContactOn.isValid())
        return tr("Seen %1").arg(formatClinicalDate(now.firstContactOn));
    if (r.isTriaged())
        return tr("Triaged %1: %2").arg(formatClinicalDate(r.triagedOn), codeLabel(r.pathway));
    return tr("Awaiting triage");
}

QStringList PatientReferralsPanel::historyLines(services::ReferralService &service, services::AuditService &audit,
                                                qint64 referralId)
{
    QStringList lines;
    const auto history = audit.history(QStringLiteral("referral"), referralId);
    if (!history)
        lines << tr("\u26A0 The history could not be read: %1").arg(history.error());
    for (const auto &e : history ? history.value() : std::vector<services::HistoryLine>{}) {
        const QDateTime at = e.at.toLocalTime();
        lines << QStringLiteral("%1 %2  %3  %4")
                     .arg(formatClinicalDate(at.date()), at.toString(QStringLiteral("HH:mm")), e.user, e.action);
    }
    const auto contacts = service.contactsOf(referralId);
    if (!contacts)
        lines << tr("\u26A0 The contacts could not be read: %1").arg(contacts.error());
    for (const Contact &c : contacts ? contacts.value() : std::vector<Contact>{}) {
        QString line = tr("%1  %2 contact: %3")
                           .arg(formatClinicalDate(c.contactOn), codeLabel(c.mode), outcomeText(c.outcome));
        if (!c.staff.isEmpty())
            line += QStringLiteral(" (%1)").arg(c.staff);
        lines << line;
    }
    return lines;
}

void PatientReferralsPanel::refresh()
{
    const qint64 keep = currentReferralId();
    // forPatient gives newest received first; ties by entry order, newest first.
    const auto referrals = m_patient.id > 0 ? m_service.forPatient(m_patient.id) : Many<Referral>(std::vector<Referral>{});
    m_referrals = referrals ? referrals.value() : std::vector<Referral>{};
    QString problem = referrals ? QString() : referrals.error();
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_referrals.size()));
    for (int row = 0; row < int(m_referrals.size()); ++row) {
        const Referral &r = m_referrals[size_t(row)];
        const auto contacts = m_service.contactsOf(r.id);
        const auto startBack = m_service.assessments().latestFor(r.id, QStringLiteral("startback"));
        if (!contacts || !startBack)
            problem = !contacts ? contacts.error() : startBack.error();
        const bool urgent = r.priority == QLatin1String("urgent");
        const bool administered = startBack && startBack->has_value();
        const auto stratum = administered ? stratumOf(true, startBack->value().result.complete, startBack->value().result.band)
                                          : Stratum::NotScored;
        auto *ref = cell(r.referralRef);
        ref->setData(Qt::UserRole, r.id);
        m_table->setItem(row, Ref, ref);
        m_table->setItem(row, Received, cell(formatClinicalDate(r.receivedOn), Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(row, Source, cell(codeLabel(r.source)));
        auto *priority = cell(urgent ? tr("\u26A0 URGENT") : tr("Routine"));
        if (urgent) {
            QFont bold = priority->font();
            bold.setBold(true);
            priority->setFont(bold);
        }
        m_table->setItem(row, Priority, priority);
        m_table->setItem(row, Status, cell(contacts ? statusText(r, contacts.value()) : tr("Not known")));
        m_table->setItem(row, StartBack, cell(startBack ? stratumLabel(stratum) : tr("Not known")));
    }
    m_heading->setText(m_referrals.empty() ? tr("Referrals") : tr("Referrals (%1)").arg(m_referrals.size()));
    // A failed read is said, never shown as "no referrals".
    m_empty->setText(problem.isEmpty() ? tr("No referrals recorded for this patient. Use New referral\u2026 to register one.")
                                       : tr("\u26A0 The referrals could not all be read: %1").arg(problem));
    m_empty->setVisible(m_patient.id > 0 && (m_referrals.empty() || !problem.isEmpty()));
    if (!selectReferral(keep) && !m_referrals.empty())
        m_table->setCurrentCell(0, 0);
    showFlags();
    showAlerts();
    updateHistory();
    updateActions();
}

qint64 PatientReferralsPanel::currentReferralId() const
{
    const int row = m_table->currentRow();
    const auto *item = row >= 0 ? m_table->item(row, Ref) : nullptr;
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

bool PatientReferralsPanel::selectReferral(qint64 referralId)
{
    for (int row = 0; referralId > 0 && row < m_table->rowCount(); ++row)
        if (m_table->item(row, Ref)->data(Qt::UserRole).toLongLong() == referralId) {
            m_table->setCurrentCell(row, 0);
            return true;
        }
    return false;
}

std::optional<Referral> PatientReferralsPanel::current() const
{
    const qint64 id = currentReferralId();
    for (const Referral &r : m_referrals)
        if (r.id == id)
            return r;
    return std::nullopt;
}

void PatientReferralsPanel::updateHistory()
{
    m_history->clear();
    const auto r = current();
    m_historyLabel->setText(r ? tr("Hi&story of referral %1").arg(r->referralRef) : tr("Hi&story"));
    if (r)
        m_history->addItems(historyLines(m_service, m_audit, r->id));
}

void PatientReferralsPanel::updateActions()
{
    const auto r = current();
    const bool live = m_patient.id > 0 && !m_patient.isDeleted();
    m_newAction->setEnabled(live);
    m_editAction->setEnabled(live && r.has_value());
    m_dischargeAction->setEnabled(live && r && !r->isDischarged());
    m_contactAction->setEnabled(live && contactTarget().has_value());
    m_flagAction->setEnabled(live);
    m_clearFlagAction->setEnabled(live && !m_openFlags.empty());
    m_acknowledgeAction->setEnabled(m_patient.id > 0 && !m_openAlerts.empty());
}

std::optional<Referral> PatientReferralsPanel::contactTarget() const
{
    if (const auto r = current(); r && !r->isDischarged())
        return r;
    for (const Referral &r : m_referrals) // newest first
        if (!r.isDischarged())
            return r;
    return std::nullopt;
}

// Open flags, in words and with a border (not colour alone), above the referrals.
void PatientReferralsPanel::showFlags()
{
    const auto flags = m_patient.id > 0 ? m_service.patients().openFlags(m_patient.id)
                                        : Many<PatientFlag>(std::vector<PatientFlag>{});
    m_openFlags = flags ? flags.value() : std::vector<PatientFlag>{};
    QStringList lines;
    if (!flags)
        lines << tr("\u26A0 The flags on this patient could not be read: %1").arg(flags.error());
    for (const PatientFlag &f : m_openFlags)
        lines << tr("\u2691 Flagged for the team by %1 on %2: %3").arg(f.flaggedBy, formatClinicalDate(f.flaggedOn), f.reason);
    m_flags->setText(lines.join(QLatin1Char('\n')));
    m_flags->setVisible(!lines.isEmpty());
}

void PatientReferralsPanel::showAlerts()
{
    const auto alerts = m_patient.id > 0 ? m_service.assessments().alerts(m_patient.id, true)
                                         : Many<AssessmentAlert>(std::vector<AssessmentAlert>{});
    m_openAlerts = alerts ? alerts.value() : std::vector<AssessmentAlert>{};
    QStringList lines;
    if (!alerts) // never "no alerts" when they could not be read
        lines << tr("\u26A0 The alerts on this patient could not be read: %1").arg(alerts.error());
    for (const AssessmentAlert &a : m_openAlerts)
        lines << PatientBanner::alertLine(a);
    m_alerts->setText(lines.join(QLatin1Char('\n')));
    m_alertsBox->setVisible(!lines.isEmpty());
}

void PatientReferralsPanel::acknowledgeAlert()
{
    if (!m_acknowledgeAction->isEnabled() || m_openAlerts.empty())
        return;
    const AssessmentAlert alert = m_openAlerts.front();
    bool ok = false;
    const QString done = QInputDialog::getText(
        window(), tr("Acknowledge the alert on %1").arg(displayName(m_patient)),
        tr("%1 of %2, item %3. What was done? (for example: phoned the patient, risk assessed, GP informed)")
            .arg(codeLabel(alert.instrument), formatClinicalDate(alert.collectedOn), itemNumber(alert.item)),
        QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const auto saved = m_service.assessments().acknowledgeAlert(alert.id, alert.rowVersion, done);
    refresh();
    emit changed(saved.ok() ? tr("Acknowledged the alert on %1.").arg(displayName(m_patient)) : saved.problem.summary());
}

// A short reason is data, not a confirmation: asked for in a small box, as removal's reason is.
void PatientReferralsPanel::flagPatient()
{
    if (!m_flagAction->isEnabled())
        return;
    bool ok = false;
    const QString reason = QInputDialog::getText(window(), tr("Flag %1 for the team").arg(displayName(m_patient)),
                                                 tr("Why should the team look at this patient? (one line)"),
                                                 QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    const auto saved = m_service.patients().flag(m_patient.id, reason);
    if (!saved.ok())
        return emit changed(saved.problem.summary());
    pushUndo(flagRaised(m_service.patients(), *saved.value, [this](const QString &problem) { emit changed(problem); }));
    refresh();
    emit changed(tr("Flagged %1 for the team: %2").arg(displayName(m_patient), saved.value->reason));
}

void PatientReferralsPanel::clearFlags()
{
    if (!m_clearFlagAction->isEnabled())
        return;
    bool ok = false;
    const QString why = QInputDialog::getText(window(), tr("Clear the flag on %1").arg(displayName(m_patient)),
                                              tr("What was done? (one line; the flag and this reason are kept in the "
                                                 "patient's history)"), QLineEdit::Normal, {}, &ok);
    if (!ok)
        return;
    for (const PatientFlag &f : m_openFlags)
        if (painmdt::Status s = m_service.patients().clearFlag(f, why); !s)
            return emit changed(s.error());
    refresh();
    emit changed(tr("Cleared the flag on %1.").arg(displayName(m_patient)));
}

void PatientReferralsPanel::pushUndo(QUndoCommand *step)
{
    pushSaved(m_undo, step);
}

void PatientReferralsPanel::saved(qint64 referralId, const QString &notice)
{
    refresh();
    selectReferral(referralId);
    m_table->setFocus();
    emit changed(notice);
}

void PatientReferralsPanel::newReferral()
{
    if (!m_newAction->isEnabled())
        return;
    ReferralDialog dialog(m_service, m_patient, Referral{}, ReferralDialog::Mode::Edit, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Referral r = dialog.saved();
    pushUndo(referralAdded(m_service, r, [this](const QString &problem) { emit changed(problem); }));
    saved(r.id, tr("Registered referral %1 for %2 (received %3%4).")
                    .arg(r.referralRef, displayName(m_patient), formatClinicalDate(r.receivedOn),
                         r.priority == QLatin1String("urgent") ? tr(", URGENT") : QString()));
}

void PatientReferralsPanel::editReferral()
{
    const auto r = current();
    if (!r || !m_editAction->isEnabled())
        return;
    ReferralDialog dialog(m_service, m_patient, *r, ReferralDialog::Mode::Edit, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    pushUndo(referralEdit(m_service, *r, dialog.saved(), tr("changes to referral %1").arg(r->referralRef),
                          [this](const QString &problem) { emit changed(problem); }));
    saved(r->id, tr("Saved changes to referral %1.").arg(dialog.saved().referralRef));
}

void PatientReferralsPanel::dischargeReferral()
{
    const auto r = current();
    if (!r || !m_dischargeAction->isEnabled())
        return;
    ReferralDialog dialog(m_service, m_patient, *r, ReferralDialog::Mode::Discharge, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    pushUndo(referralEdit(m_service, *r, dialog.saved(), tr("discharge from referral %1").arg(r->referralRef),
                          [this](const QString &problem) { emit changed(problem); }));
    saved(r->id, tr("Discharged %1 from referral %2 on %3.")
                     .arg(displayName(m_patient), r->referralRef, formatClinicalDate(dialog.saved().dischargedOn)));
}

void PatientReferralsPanel::recordContact()
{
    const auto r = contactTarget();
    if (!r || !m_contactAction->isEnabled())
        return;
    ContactDialog dialog(m_service, *r, m_patient, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Contact c = dialog.saved();
    pushUndo(contactAdded(m_service, c, [this](const QString &problem) { emit changed(problem); }));
    // Worded as the waiting list words it.
    saved(r->id, tr("Recorded %1 (%2, %3) for %4, referral %5.")
                     .arg(outcomeText(c.outcome), codeLabel(c.mode), formatClinicalDate(c.contactOn),
                          displayName(m_patient), r->referralRef));
}

} // namespace painmdt::ui
