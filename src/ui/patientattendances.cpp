#include "ui/patientattendances.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "services/attendanceservice.h"
#include "ui/attendancedialog.h"
#include "ui/clinicaldateedit.h"
#include "ui/undo.h"

#include <QAction>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

namespace painmdt::ui {

using namespace painmdt::domain;

PatientAttendances::PatientAttendances(services::AttendanceService &service, const services::StampSource &session,
                                       QWidget *parent)
    : QWidget(parent), m_service(service), m_session(session),
      m_record(new QAction(tr("Rec&ord attendance\u2026"), this)),
      m_withdraw(new QAction(tr("&Withdraw attendance (entered in error)\u2026"), this)), m_summary(new QLabel(this)),
      m_table(new QTableWidget(0, 5, this))
{
    m_summary->setObjectName(QStringLiteral("attendanceSummary"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("attendanceTable"));
    m_table->setAccessibleName(tr("Hospital and GP attendances, newest first"));
    m_table->setHorizontalHeaderLabels({tr("Date"), tr("Setting"), tr("Bed days"), tr("Specialty"), tr("Reference")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_record, m_withdraw}) {
        auto *button = new QPushButton(action->text(), this);
        button->setAccessibleName(QString(action->text()).remove(QLatin1Char('&')).remove(QStringLiteral("\u2026")));
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, button, &QPushButton::setEnabled);
        connect(action, &QAction::changed, button, [button, action] { button->setToolTip(action->toolTip()); }); // why greyed
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    connect(m_record, &QAction::triggered, this, &PatientAttendances::record);
    connect(m_withdraw, &QAction::triggered, this, &PatientAttendances::askAndWithdraw);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PatientAttendances::updateActions);
    updateActions();
}

void PatientAttendances::setPatient(const Patient &patient)
{
    m_patient = patient;
    refresh();
}

void PatientAttendances::refresh()
{
    m_live.clear();
    m_table->setRowCount(0);
    const auto live = m_service.forPatient(m_patient.id); // newest first; withdrawn ones left out
    if (!live) {
        m_summary->setText(tr("\u26A0 The attendances could not be read: %1").arg(live.error()));
        return updateActions();
    }
    m_live = live.value();
    for (const Attendance &a : m_live) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString cells[] = {formatClinicalDate(a.attendedOn), codeLabel(a.setting),
                                 a.bedDays ? QString::number(*a.bedDays) : QString(), a.specialty, a.attendanceRef};
        for (int c = 0; c < 5; ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    showSummary();
    updateActions();
}

// "9 recorded: A&E 4, Non-elective admission 2 (11 bed days), GP 3. In the 12 months to today: 5."
void PatientAttendances::showSummary()
{
    if (m_live.empty())
        return m_summary->setText(tr("No hospital or GP attendances recorded. They come from the hospital's extract "
                                     "(a manager imports it) or Record attendance here."));
    std::map<int, std::pair<int, int>> bySetting; // display order -> count, bed days
    const QDate yearAgo = ClinicalDateEdit::today().addYears(-1);
    int lastYear = 0;
    for (const Attendance &a : m_live) {
        auto &[count, bedDays] = bySetting[int(attendanceSettings().indexOf(a.setting))];
        ++count;
        bedDays += a.bedDays.value_or(0);
        lastYear += a.attendedOn > yearAgo ? 1 : 0;
    }
    QStringList parts;
    for (const auto &[order, tally] : bySetting)
        parts << (tally.second > 0 ? tr("%1 %2 (%3 bed days)").arg(codeLabel(attendanceSettings().at(order))).arg(tally.first).arg(tally.second)
                                   : tr("%1 %2").arg(codeLabel(attendanceSettings().at(order))).arg(tally.first));
    m_summary->setText(tr("%n recorded: ", "", int(m_live.size())) + parts.join(QStringLiteral(", "))
                       + tr(". In the 12 months to today: %1.").arg(lastYear));
}

void PatientAttendances::updateActions()
{
    const bool may = m_session.may(Action::RecordAttendances) && m_patient.id > 0 && !m_patient.isDeleted();
    m_record->setEnabled(may);
    m_withdraw->setEnabled(may && m_table->currentRow() >= 0 && m_table->currentRow() < int(m_live.size()));
    for (QAction *a : {m_record, m_withdraw})
        a->setToolTip(m_session.may(Action::RecordAttendances) ? QString() : tr("Your role may not record attendances."));
}

void PatientAttendances::record()
{
    if (!m_record->isEnabled())
        return;
    AttendanceDialog dialog(m_service, m_patient, window());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Attendance saved = dialog.saved();
    pushSaved(m_undo, attendanceAdded(m_service, saved, [this](const QString &problem) { Q_EMIT changed(problem); }));
    refresh();
    for (std::size_t row = 0; row < m_live.size(); ++row)
        if (m_live[row].id == saved.id) { // the new one highlighted: what was just typed is in view
            m_table->selectRow(int(row));
            m_table->setFocus();
        }
    Q_EMIT changed(tr("Recorded %1 on %2 for %3.").arg(codeLabel(saved.setting), formatClinicalDate(saved.attendedOn),
                                                       displayName(m_patient)));
}

void PatientAttendances::askAndWithdraw()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= int(m_live.size()))
        return;
    const Attendance a = m_live[std::size_t(row)]; // a copy: the list may reload while the question is open
    const QString reason = QInputDialog::getText(
        window(), tr("Withdraw an attendance"),
        tr("Why is the %1 on %2 entered in error? (It stays in the audit trail; reports leave it out.)")
            .arg(codeLabel(a.setting).toLower(), formatClinicalDate(a.attendedOn)));
    if (!reason.trimmed().isEmpty())
        withdraw(a, reason.trimmed());
}

void PatientAttendances::withdrawHighlighted(const QString &reason)
{
    const int row = m_table->currentRow();
    if (row >= 0 && row < int(m_live.size()))
        withdraw(m_live[std::size_t(row)], reason);
}

void PatientAttendances::withdraw(const Attendance &a, const QString &reason)
{
    const auto done = m_service.markInError(a.id, a.rowVersion, reason);
    refresh();
    Q_EMIT changed(done.ok() ? tr("Withdrew the %1 on %2 as entered in error.").arg(codeLabel(a.setting).toLower(),
                                                                                    formatClinicalDate(a.attendedOn))
                             : tr("\u26A0 Not withdrawn: %1").arg(done.problem.summary()));
}

} // namespace painmdt::ui
