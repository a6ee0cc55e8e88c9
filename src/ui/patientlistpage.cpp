#include "ui/patientlistpage.h"
#include "ui/listtable.h"

#include "services/backgroundreader.h"
#include "ui/clinicaldateedit.h"
#include "ui/liverefresh.h"
#include "ui/patientlistmodel.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

namespace painmdt::ui {

PatientListPage::PatientListPage(services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent)
    : QWidget(parent), m_reader(reader),
      m_live(new LiveRefresh(this, hub, {QStringLiteral("patient")}, [this] { refresh(); })), m_search(new QLineEdit(this)), m_status(new QLabel(this)),
      m_table(new QTableView(this)), m_model(new PatientListModel(this))
{
    auto *searchLabel = new QLabel(tr("&Find patient"), this);
    searchLabel->setBuddy(m_search);
    m_search->setObjectName(QStringLiteral("patientSearch"));
    m_search->setPlaceholderText(tr("Surname, NHS number, date of birth or patient ref, e.g. smith 1960"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Find patient"));
    m_search->installEventFilter(this);

    setUpListTable(m_table, QStringLiteral("patientTable"), tr("Patients found"));
    m_table->setModel(m_model);
    m_table->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("patientSearchStatus"));
    setColumnWidths();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(searchLabel);
    layout->addWidget(m_search);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, this, &PatientListPage::searchTyped);
    connect(m_table, &QTableView::activated, this, &PatientListPage::activateCurrent);
    refresh();
}

// Fixed widths from typical content: measuring every row on each keystroke costs more than
// the search itself.
void PatientListPage::setColumnWidths()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    const QString samples[PatientListModel::ColumnCount] = {
        QStringLiteral("WWWWWWWWWWWWWWWW, Wwwwwwwwww"), QStringLiteral("00-Www-0000 (00y 00m)"),
        QStringLiteral("Not recorded"), QStringLiteral("000 000 0000"), QStringLiteral("WW000000000"),
        QStringLiteral("WW00 0WW")};
    for (int column = 0; column < PatientListModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, metrics.horizontalAdvance(samples[column]) + 24);
}

void PatientListPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

// Indexed range queries keep one keystroke well under 20 ms at 100,000 patients
// (docs/performance.md), so it runs at once, without a debounce delay; a keystroke typed while
// a search runs replaces the one still queued.
void PatientListPage::searchTyped()
{
    m_openWhenShown = false; // an Enter before this keystroke was for another search
    m_selectFirst = true;
    refresh();
}

void PatientListPage::refresh()
{
    const auto terms = domain::parsePatientSearch(m_search->text());
    m_live->loaded();
    if (const auto *p = m_model->patientAt(m_table->currentIndex().row()); p && m_shown == m_asked)
        m_highlighted = p->id; // only from the answer to what is typed, never an older one
    const quint64 ticket = ++m_asked;
    m_reader.read<Listing>(
        this, QStringLiteral("patient search"),
        [terms](services::Readers &r) -> Result<Listing> {
            auto found = r.patients.find(terms, pageSize);
            if (!found)
                return found.failure();
            Listing listing{std::move(found.value())};
            if (terms.empty()) {
                const auto total = r.patients.count({});
                if (!total)
                    return total.failure();
                listing.total = total.value();
            }
            return listing;
        },
        [this, ticket, everyone = terms.empty()](const Result<Listing> &listing) {
            m_shown = ticket;
            showListing(listing, everyone, ticket == m_asked);
            if (ticket == m_asked && std::exchange(m_openWhenShown, false))
                activateCurrent();
        });
}

void PatientListPage::showListing(const Result<Listing> &listing, bool everyone, bool latest)
{
    if (!listing) { // never an empty list that looks like "nobody matches"
        m_model->setPatients({}, ClinicalDateEdit::today());
        m_status->setText(tr("\u26A0 The patient list could not be read: %1").arg(listing.error()));
        m_live->failed();
        Q_EMIT loaded();
        return;
    }
    const auto &found = listing->matches;
    const int shown = int(found.patients.size());
    m_model->setPatients(found.patients, ClinicalDateEdit::today());
    // A reload (a colleague's change) keeps the highlight on the same patient; a new search, or a
    // reload where that patient is gone, starts at the first row.
    int row = 0;
    for (int i = 0; !m_selectFirst && i < shown; ++i)
        if (found.patients[size_t(i)].id == m_highlighted)
            row = i;
    if (latest) // an older answer shown on the way does not count as the new search's
        m_selectFirst = false;
    if (shown > 0)
        m_table->selectRow(row);
    const QString updated = tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm")));
    QString status = shown == 1 ? tr("1 patient found") : tr("%1 patients found").arg(shown);
    if (everyone)
        status = tr("All patients: %1").arg(QLocale().toString(listing->total));
    else if (found.more)
        status = tr("More than %1 patients match: showing the first %1; type more to narrow").arg(shown);
    if (everyone && listing->total == 0) // a new, empty database: say how to begin
        status = tr("No patients yet. Register one with Ctrl+N, or bring a list in with File \u203A Import a "
                    "file\u2026 (sample files: Help \u203A User guide, F1)");
    else if (shown == 0)
        status = tr("No patient matches \u201C%1\u201D. Try fewer letters, the NHS number, or a date of birth; "
                    "Ctrl+N registers a new patient").arg(m_search->text().simplified());
    m_status->setText(QStringLiteral("%1 · %2 · %3").arg(status, tr("sorted by name"), updated));
    Q_EMIT loaded();
}

void PatientListPage::hideEvent(QHideEvent *event)
{
    m_openWhenShown = false; // the user went elsewhere: an answer arriving later opens nothing
    QWidget::hideEvent(event);
}

void PatientListPage::activateCurrent()
{
    if (const auto *p = m_model->patientAt(m_table->currentIndex().row()))
        Q_EMIT patientActivated(p->id);
}

// Enter in the search box opens the highlighted patient; Up/Down move through the results
// without leaving the box, so a search-and-open is type, arrows, Enter.
bool PatientListPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
    if (enter && (watched == m_search || watched == m_table)) {
        if (m_shown == m_asked)
            activateCurrent();
        else
            m_openWhenShown = true;
        return true;
    }
    if (watched == m_search && (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up)) {
        const int step = key->key() == Qt::Key_Down ? 1 : -1;
        const int row = std::clamp(m_table->currentIndex().row() + step, 0, m_model->rowCount() - 1);
        m_table->selectRow(row);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace painmdt::ui
