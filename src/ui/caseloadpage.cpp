#include "ui/caseloadpage.h"

#include "services/backgroundreader.h"
#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/listtable.h"
#include "ui/liverefresh.h"
#include "ui/referrallistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;
using Column = ReferralListModel::Column;
using View = CaseloadQuery::View;

namespace {

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

CaseloadPage::CaseloadPage(services::BackgroundReader &reader, services::ChangeHub *hub, QString me, bool mineFirst,
                           QWidget *parent)
    : QWidget(parent), m_reader(reader), m_me(std::move(me)),
      m_live(new LiveRefresh(this, hub,
                             {QStringLiteral("referral"), QStringLiteral("contact"), QStringLiteral("patient"),
                              QStringLiteral("patient_flag"), QStringLiteral("assessment")},
                             [this] { refresh(); })),
      m_whose(new QComboBox(this)), m_view(new QComboBox(this)), m_quietDays(new QSpinBox(this)),
      m_filter(new QLineEdit(this)), m_status(new QLabel(this)), m_table(new QTableView(this)),
      m_model(new ReferralListModel({Column::NextCheckIn, Column::Patient, Column::Born, Column::NhsNumber,
                                     Column::KeyWorker, Column::LastContact, Column::Pathway, Column::Stratum,
                                     Column::Flag},
                                    this))
{
    setObjectName(QStringLiteral("caseloadPage"));
    auto *title = new QLabel(tr("Caseload"), this);
    QFont font = title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    title->setFont(font);

    m_whose->setObjectName(QStringLiteral("caseloadWhose"));
    m_whose->addItem(tr("Mine (%1)").arg(m_me), m_me);
    m_whose->addItem(tr("Whole team"), QString());
    m_whose->setCurrentIndex(mineFirst ? 0 : 1);
    m_view->setObjectName(QStringLiteral("caseloadView"));
    m_view->addItem(tr("All open episodes"), int(View::Open));
    m_view->addItem(tr("Check-ins overdue"), int(View::Overdue));
    m_view->addItem(tr("Check-ins due within 7 days"), int(View::DueSoon));
    m_view->addItem(tr("Nobody seen them for more than\u2026"), int(View::Quiet));
    m_view->addItem(tr("Flagged patients"), int(View::Flagged));
    m_quietDays->setObjectName(QStringLiteral("caseloadQuietDays"));
    m_quietDays->setRange(1, 730);
    m_quietDays->setValue(28);
    m_quietDays->setSuffix(tr(" days"));
    m_quietDays->setAccessibleName(tr("Days without a contact"));
    m_filter->setObjectName(QStringLiteral("caseloadFilter"));
    m_filter->setAccessibleName(tr("Filter caseload"));
    m_filter->setPlaceholderText(tr("Patient name, NHS number or pathway"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("caseloadStatus"));
    auto *legend = new QLabel(tr("\u26A0 check-in overdue \u00B7 \u2691 flagged by the team \u00B7 Enter opens the "
                                 "patient \u00B7 click a column heading to sort"), this);
    legend->setWordWrap(true);

    setUpListTable(m_table, QStringLiteral("caseloadTable"), tr("Caseload"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the loaded order: overdue first
    m_table->installEventFilter(this);
    setFocusProxy(m_table); // Ctrl+4 lands on the list, ready for the arrows and Enter

    auto *choices = new QHBoxLayout;
    choices->addWidget(buddyLabel(tr("Who&se"), m_whose, this));
    choices->addWidget(m_whose);
    choices->addWidget(buddyLabel(tr("S&how"), m_view, this));
    choices->addWidget(m_view);
    choices->addWidget(m_quietDays);
    choices->addWidget(buddyLabel(tr("Fil&ter"), m_filter, this));
    choices->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(title);
    layout->addLayout(choices);
    layout->addWidget(m_status);
    layout->addWidget(legend);
    layout->addWidget(m_table, 1);
    setTabOrder(m_whose, m_view);
    setTabOrder(m_view, m_quietDays);
    setTabOrder(m_quietDays, m_filter);
    setTabOrder(m_filter, m_table);

    const auto reload = [this] {
        m_quietDays->setEnabled(m_view->currentData().toInt() == int(View::Quiet));
        refresh();
    };
    connect(m_whose, &QComboBox::currentIndexChanged, this, reload);
    connect(m_view, &QComboBox::currentIndexChanged, this, reload);
    connect(m_quietDays, &QSpinBox::valueChanged, this, reload);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->setFilter(text);
        if (m_model->rowCount() > 0)
            m_table->selectRow(0);
        updateStatus();
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &CaseloadPage::updateStatus);
    connect(m_table, &QTableView::activated, this, &CaseloadPage::openCurrent);
    m_quietDays->setEnabled(false);
    refresh();
}

void CaseloadPage::setChoices(bool mine, int quietDays)
{
    m_quietDays->setValue(quietDays);
    m_whose->setCurrentIndex(mine ? 0 : 1);
}

CaseloadQuery CaseloadPage::query() const
{
    CaseloadQuery q;
    q.view = View(m_view->currentData().toInt());
    q.keyWorker = m_whose->currentData().toString();
    q.quietDays = m_quietDays->value();
    q.today = ClinicalDateEdit::today();
    q.limit = pageSize;
    return q;
}

void CaseloadPage::refresh()
{
    m_live->loaded();
    m_reader.read<std::vector<ReferralRow>>(
        this, QStringLiteral("caseload"), [q = query()](services::Readers &r) { return r.referrals.caseload(q); },
        [this](const Many<ReferralRow> &rows) { showRows(rows); });
}

void CaseloadPage::showRows(const Many<ReferralRow> &rows)
{
    m_model->setRows(rows ? rows.value() : std::vector<ReferralRow>{}, ClinicalDateEdit::today());
    m_readError = rows ? QString() : rows.error(); // never an empty list that looks like "nothing overdue"
    if (!rows)
        m_live->failed();
    m_updated = QTime::currentTime().toString(QStringLiteral("HH:mm"));
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    updateStatus();
    Q_EMIT loaded();
}

void CaseloadPage::updateStatus()
{
    if (!m_readError.isEmpty())
        return m_status->setText(tr("\u26A0 The caseload could not be read: %1").arg(m_readError));
    const int shown = m_model->rowCount(), total = m_model->totalCount();
    QString what = m_view->currentText();
    if (m_view->currentData().toInt() == int(View::Quiet))
        what = tr("Nobody seen them for more than %1 days").arg(m_quietDays->value());
    QString count = total == 1 ? tr("1 patient") : tr("%1 patients").arg(total);
    if (total >= pageSize)
        count = tr("the first %1 (more are not shown)").arg(total);
    if (!m_model->filter().isEmpty())
        count = tr("%1 of %2 \u00B7 filter \u201C%3\u201D").arg(shown).arg(count, m_model->filter());
    const int column = m_model->sortColumn();
    const QString by = column < 0 ? tr("overdue first, then by next check-in")
                                  : tr("sorted by %1, %2")
                                        .arg(m_model->headerData(column, Qt::Horizontal).toString().toLower(),
                                             m_model->sortOrder() == Qt::AscendingOrder ? tr("ascending")
                                                                                        : tr("descending"));
    // Nobody in the whole view, unfiltered: say how the list fills (a narrower view is just empty).
    if (total == 0 && m_model->filter().isEmpty() && m_view->currentData().toInt() == int(View::Open))
        count = m_whose->currentData().toString().isEmpty()
                    ? tr("nobody here: every open episode (a referral not discharged) is listed; register one on a "
                         "patient's page, or import referrals (File \u203A Import a file\u2026)")
                    : tr("nobody here: no open episode has %1 as key worker (a referral's key worker is set when "
                         "it is edited or imported)").arg(m_me);
    m_status->setText(tr("%1 \u00B7 %2 \u00B7 %3 \u00B7 %4 \u00B7 Updated %5")
                          .arg(m_whose->currentText(), what, count, by, m_updated));
}

void CaseloadPage::openCurrent()
{
    if (const auto *row = m_model->rowAt(m_table->currentIndex().row()))
        Q_EMIT patientActivated(row->patient.id);
}

// Enter opens the patient; in the filter box Up/Down move the highlight without leaving it.
bool CaseloadPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent *>(event)->key();
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        openCurrent();
        return true;
    }
    if (watched == m_filter && stepHighlight(m_table, key))
        return true;
    return QWidget::eventFilter(watched, event);
}

} // namespace painmdt::ui
