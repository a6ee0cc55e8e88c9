#include "ui/auditdialog.h"

#include "domain/clinicaldate.h"
#include "domain/textrules.h"
#include "services/accountservice.h"
#include "services/backgroundreader.h"
#include "ui/clinicaldateedit.h"
#include "ui/listtable.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace painmdt::ui {

namespace {

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setTextAlignment(alignment);
    return item;
}

// A date field with the date it understood echoed beside it (ux.md).
QHBoxLayout *withEcho(ClinicalDateEdit *edit, QWidget *parent)
{
    auto *echo = new QLabel(parent);
    edit->setEchoLabel(echo);
    auto *row = new QHBoxLayout;
    row->addWidget(edit);
    row->addWidget(echo, 1);
    return row;
}

} // namespace

AuditDialog::AuditDialog(services::BackgroundReader &reader, services::AccountService &accounts,
                         PatientLookup findPatient, QWidget *parent)
    : QDialog(parent), m_reader(reader), m_findPatient(std::move(findPatient)), m_patient(new QLineEdit(this)),
      m_user(new QComboBox(this)), m_userProblem(new QLabel(this)), m_from(new ClinicalDateEdit(this)),
      m_to(new ClinicalDateEdit(this)), m_search(new QPushButton(tr("&Search"), this)), m_status(new QLabel(this)),
      m_table(new QTableWidget(0, ColumnCount, this))
{
    setWindowTitle(tr("Audit trail"));
    resize(820, 560);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_patient->setObjectName(QStringLiteral("auditPatientEdit"));
    m_patient->setAccessibleName(tr("Patient: NHS number or patient ref"));
    m_patient->setPlaceholderText(tr("NHS No. or patient ref; empty for every patient"));
    form->addRow(labelFor(tr("&Patient"), m_patient), m_patient);
    m_user->setObjectName(QStringLiteral("auditUserCombo"));
    m_user->setAccessibleName(tr("User"));
    form->addRow(labelFor(tr("&User"), m_user), m_user);
    m_userProblem->setObjectName(QStringLiteral("auditUserProblem"));
    m_userProblem->setWordWrap(true);
    m_userProblem->hide();
    form->addRow(m_userProblem);
    for (ClinicalDateEdit *edit : {m_from, m_to}) {
        edit->setPlaceholderText(tr("Any date; e.g. 01-Mar-2024 or -7d"));
        // Wide enough for the whole hint: a cut-off "e.g. 01..." tells nobody what to type.
        edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 24);
    }
    m_from->setObjectName(QStringLiteral("auditFromEdit"));
    m_from->setAccessibleName(tr("From date"));
    form->addRow(labelFor(tr("&From"), m_from), withEcho(m_from, this));
    m_to->setObjectName(QStringLiteral("auditToEdit"));
    m_to->setAccessibleName(tr("To date"));
    form->addRow(labelFor(tr("&To"), m_to), withEcho(m_to, this));
    layout->addLayout(form);

    auto *searchRow = new QHBoxLayout;
    m_search->setObjectName(QStringLiteral("auditSearchButton"));
    m_search->setDefault(true); // Enter in any filter searches
    searchRow->addWidget(m_search);
    searchRow->addStretch();
    layout->addLayout(searchRow);

    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    setUpListTable(m_table, QStringLiteral("auditTable"), tr("Audit entries"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("User"), tr("What")});
    m_table->horizontalHeaderItem(WhenColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(WhenColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(UserColumn, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);

    auto *closeRow = new QHBoxLayout;
    auto *close = new QPushButton(tr("&Close"), this);
    close->setObjectName(QStringLiteral("auditCloseButton"));
    closeRow->addStretch();
    closeRow->addWidget(close);
    layout->addLayout(closeRow);

    connect(m_search, &QPushButton::clicked, this, &AuditDialog::search);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    fillUsers(accounts);
    search(); // the newest entries, so the screen is never blank on opening
    m_patient->setFocus();
}

QLabel *AuditDialog::labelFor(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, this);
    label->setBuddy(buddy); // Alt+letter reaches the field, and names it for a screen reader
    return label;
}

QString AuditDialog::whenText(const QDateTime &at)
{
    const QDateTime local = at.toLocalTime();
    return domain::formatClinicalDate(local.date()) + QLatin1Char(' ') + local.toString(QStringLiteral("HH:mm"));
}

// "Anyone", then every account as the audit lines name it. A failed read leaves "Anyone" and
// says why beside the box; searching still works.
void AuditDialog::fillUsers(services::AccountService &accounts)
{
    m_user->addItem(tr("Anyone"), QString());
    const auto all = accounts.accounts();
    if (!all) {
        m_userProblem->setText(QStringLiteral("\u26A0 ") + tr("The list of users could not be read: %1").arg(all.error()));
        m_userProblem->show();
        return;
    }
    for (const services::Account &a : all.value())
        m_user->addItem(a.displayName == a.userName ? a.userName : QStringLiteral("%1 (%2)").arg(a.displayName, a.userName),
                        a.userName);
}

bool AuditDialog::readDates(services::AuditQuery &q)
{
    if (const QString problem = m_from->problem(); !problem.isEmpty()) {
        showProblem(tr("From: %1").arg(problem), m_from);
        return false;
    }
    if (const QString problem = m_to->problem(); !problem.isEmpty()) {
        showProblem(tr("To: %1").arg(problem), m_to);
        return false;
    }
    q.from = m_from->date();
    q.to = m_to->date();
    if (q.from.isValid() && q.to.isValid() && q.from > q.to) {
        showProblem(tr("The From date is after the To date."), m_from);
        return false;
    }
    return true;
}

bool AuditDialog::readPatient(services::AuditQuery &q)
{
    const QString typed = m_patient->text().trimmed();
    if (typed.isEmpty())
        return true;
    if (!m_findPatient) {
        showProblem(tr("Searching by patient is not available here."), m_patient);
        return false;
    }
    const auto found = m_findPatient(typed);
    if (!found) {
        showProblem(tr("The patient could not be looked up: %1").arg(found.error()), m_patient);
        return false;
    }
    if (!found.value()) {
        showProblem(tr("No patient has the NHS No. or patient ref %1.").arg(domain::echo(typed)), m_patient);
        return false;
    }
    q.patientId = *found.value();
    return true;
}

void AuditDialog::search()
{
    const quint64 ticket = ++m_searches; // an answer to an earlier search, or to filters since refused, is dropped
    services::AuditQuery q;
    q.actor = m_user->currentData().toString();
    if (!readDates(q) || !readPatient(q))
        return;
    setStatus(tr("Searching\u2026"), false);
    m_reader.read<services::AuditPage>(
        this, QStringLiteral("audit search"), [q](services::Readers &r) { return r.audit.search(q); },
        [this, ticket, limit = q.limit](const Result<services::AuditPage> &page) {
            if (ticket != m_searches)
                return;
            if (!page)
                showProblem(page.error()); // a refusal or a failed read: never "nothing matched"
            else
                showPage(page.value(), limit);
            Q_EMIT searched();
        });
}

void AuditDialog::showPage(const services::AuditPage &page, int limit)
{
    const int rows = int(page.lines.size());
    m_table->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const services::AuditLine &line = page.lines[size_t(row)];
        m_table->setItem(row, WhenColumn, cell(whenText(line.at), Qt::AlignRight | Qt::AlignVCenter));
        m_table->setItem(row, UserColumn, cell(line.user));
        m_table->setItem(row, WhatColumn, cell(line.what));
    }
    m_table->setVisible(rows > 0);
    if (rows > 0)
        m_table->setCurrentCell(0, 0);
    if (rows == 0)
        setStatus(tr("No audit entries match."), false);
    else if (page.more)
        setStatus(tr("Showing the newest %1; narrow the search to see more.").arg(limit), false);
    else
        setStatus(rows == 1 ? tr("1 entry.") : tr("%1 entries.").arg(rows), false);
}

void AuditDialog::showProblem(const QString &text, QWidget *focus)
{
    m_table->setRowCount(0);
    m_table->hide();
    setStatus(text, true);
    if (focus)
        focus->setFocus();
}

void AuditDialog::setStatus(const QString &text, bool problem)
{
    // Text, not colour alone, marks a problem.
    m_status->setText(problem ? QStringLiteral("\u26A0 ") + text : text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #B00020;") : QString());
}

} // namespace painmdt::ui
