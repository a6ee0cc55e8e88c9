#include "ui/waitinglistpage.h"
#include "ui/listtable.h"

#include "domain/clinicaldate.h"
#include "services/backgroundreader.h"
#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/liverefresh.h"
#include "ui/contactdialog.h"
#include "ui/referrallistmodel.h"
#include "ui/undo.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;
using Column = ReferralListModel::Column;

WaitingListPage::WaitingListPage(services::ReferralService &service, services::PatientService &patients,
                                 services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent)
    : QWidget(parent), m_service(service), m_patients(patients), m_reader(reader),
      m_live(new LiveRefresh(this, hub,
                             {QStringLiteral("referral"), QStringLiteral("contact"), QStringLiteral("patient"),
                              QStringLiteral("assessment")},
                             [this] { refresh(); })),
      m_filter(new QLineEdit(this)),
      m_status(new QLabel(this)), m_table(new QTableView(this)),
      m_model(new ReferralListModel({Column::Patient, Column::NhsNumber, Column::Received, Column::DaysWaiting,
                                     Column::Priority, Column::Stratum, Column::Pathway},
                                    this))
{
    setObjectName(QStringLiteral("waitingListPage"));
    auto *title = new QLabel(tr("Waiting for a first contact"), this);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    title->setFont(font);
    auto *filterLabel = new QLabel(tr("Fil&ter"), this);
    filterLabel->setBuddy(m_filter);
    m_filter->setObjectName(QStringLiteral("waitingFilter"));
    m_filter->setAccessibleName(tr("Filter waiting list"));
    m_filter->setPlaceholderText(tr("Patient name, NHS number or pathway"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("waitingStatus"));
    auto *legend = new QLabel(tr("\u2022 waiting more than 4 weeks \u00B7 \u26A0 more than 6 weeks \u00B7 "
                                 "Enter records a contact \u00B7 click a column heading to sort"), this);
    legend->setWordWrap(true);

    setUpListTable(m_table, QStringLiteral("waitingTable"), tr("Referrals waiting for a first contact"));
    setFocusProxy(m_table); // Ctrl+3 lands on the list: arrows and Enter work at once
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(m_model->sectionOf(Column::DaysWaiting), Qt::DescendingOrder); // longest wait first
    m_table->installEventFilter(this);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(title);
    layout->addLayout(filterRow);
    layout->addWidget(m_status);
    layout->addWidget(legend);
    layout->addWidget(m_table, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        const qint64 keep = currentReferralId();
        m_model->setFilter(text);
        selectReferral(keep);
        updateStatus();
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &WaitingListPage::updateStatus);
    connect(m_table, &QTableView::activated, this, &WaitingListPage::recordContact);
    refresh();
}

qint64 WaitingListPage::currentReferralId() const
{
    const auto *row = m_model->rowAt(m_table->currentIndex().row());
    return row ? row->referral.id : 0;
}

void WaitingListPage::selectReferral(qint64 id)
{
    int found = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        if (m_model->rowAt(i)->referral.id == id)
            found = i;
    if (m_model->rowCount() > 0)
        m_table->selectRow(found);
}

void WaitingListPage::refresh()
{
    m_live->loaded();
    m_reader.read<std::vector<ReferralRow>>(
        this, QStringLiteral("waiting list"),
        [](services::Readers &r) { return r.referrals.waitingForFirstContact(pageSize); },
        [this](const Many<ReferralRow> &rows) { showRows(rows); });
}

void WaitingListPage::showRows(const Many<ReferralRow> &rows)
{
    const qint64 keep = currentReferralId();
    m_model->setRows(rows ? rows.value() : std::vector<ReferralRow>{}, ClinicalDateEdit::today());
    m_readError = rows ? QString() : rows.error(); // never an empty list that looks like "nobody waits"
    if (!rows)
        m_live->failed();
    m_updated = QTime::currentTime().toString(QStringLiteral("HH:mm"));
    m_table->resizeColumnsToContents();
    selectReferral(keep);
    updateStatus();
    Q_EMIT loaded();
}

void WaitingListPage::updateStatus()
{
    if (!m_readError.isEmpty())
        return m_status->setText(tr("\u26A0 The waiting list could not be read: %1").arg(m_readError));
    const int shown = m_model->rowCount(), total = m_model->totalCount();
    QString count = total == 1 ? tr("1 referral") : tr("%1 referrals").arg(total);
    if (total >= pageSize)
        count = tr("The %1 longest waits (more are not shown)").arg(total);
    if (!m_model->filter().isEmpty())
        count = tr("%1 of %2 \u00B7 filter \u201C%3\u201D").arg(shown).arg(count, m_model->filter());
    else if (total == 0)
        count = tr("Nobody is waiting: a referral waits here from triage until its first contact");
    const int column = m_model->sortColumn();
    const QString by = column < 0 ? tr("longest wait first")
                                  : tr("sorted by %1, %2")
                                        .arg(m_model->headerData(column, Qt::Horizontal).toString().toLower(),
                                             m_model->sortOrder() == Qt::AscendingOrder ? tr("ascending")
                                                                                        : tr("descending"));
    m_status->setText(tr("%1 \u00B7 %2 \u00B7 Updated %3").arg(count, by, m_updated));
}

void WaitingListPage::recordContact()
{
    const auto *row = m_model->rowAt(m_table->currentIndex().row());
    if (!row)
        return;
    const auto found = m_service.byId(row->referral.id);
    const auto person = found && found->has_value() ? m_patients.byId(found.value()->patientId)
                                                    : Maybe<Patient>(std::nullopt);
    if (!found || !person) {
        m_status->setText(tr("\u26A0 That referral could not be read: %1").arg(!found ? found.error() : person.error()));
        return;
    }
    if (!found->has_value() || !person->has_value() || found.value()->isEnteredInError())
        return refresh();
    const Referral &referral = *found.value();
    const Patient &patient = *person.value();
    ContactDialog dialog(m_service, referral, patient, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Contact c = dialog.saved();
    pushSaved(m_undo, contactAdded(m_service, c, [this](const QString &problem) { Q_EMIT contactRecorded(problem); }));
    refresh();
    Q_EMIT contactRecorded(tr("Recorded %1 (%2, %3) for %4, referral %5.")
                               .arg(codeLabel(c.outcome).toLower(), codeLabel(c.mode), formatClinicalDate(c.contactOn),
                                    displayName(patient), referral.referralRef));
}

// Enter opens "Record contact"; in the filter box Up/Down move the highlight without leaving it.
bool WaitingListPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        recordContact();
        return true;
    }
    if (watched == m_filter && stepHighlight(m_table, key))
        return true;
    return QWidget::eventFilter(watched, event);
}

} // namespace painmdt::ui
