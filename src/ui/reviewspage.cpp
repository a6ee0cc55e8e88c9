#include "ui/reviewspage.h"

#include "domain/clinicaldate.h"
#include "domain/nhsnumber.h"
#include "domain/referralrules.h"
#include "interchange/outputfile.h"
#include "reporting/minutes.h"
#include "services/patientservice.h"
#include "services/reviewservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/drafts.h"
#include "ui/listtable.h"

#include <QComboBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

QPushButton *button(const QString &text, QWidget *parent, const char *name)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

QTableWidgetItem *cell(const QString &text)
{
    return new QTableWidgetItem(text);
}

} // namespace

ReviewsPage::ReviewsPage(services::ReviewService &reviews, services::PatientService &patients, QString me, QWidget *parent)
    : QWidget(parent), m_reviews(reviews), m_patients(patients), m_me(std::move(me)), m_meetings(new QListWidget(this)),
      m_date(new ClinicalDateEdit(this)), m_title(new QLineEdit(this)), m_attendees(new QPlainTextEdit(this)),
      m_agenda(new QListWidget(this)), m_banner(new QLabel(this)), m_discussion(new QPlainTextEdit(this)),
      m_decisions(new QPlainTextEdit(this)), m_actions(new QTableWidget(0, 4, this)), m_whose(new QComboBox(this)),
      m_openActions(new QTableWidget(0, 6, this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("reviewsPage"));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("reviewTabs"));
    tabs->setAccessibleName(tr("Meetings or open actions"));
    auto *meetings = new QWidget(this);
    auto *split = new QHBoxLayout(meetings);
    auto *left = new QVBoxLayout;
    auto *newButton = button(tr("Ne&w meeting"), this, "newMeetingButton");
    m_meetings->setObjectName(QStringLiteral("meetingList"));
    m_meetings->setAccessibleName(tr("Meetings, newest first"));
    left->addWidget(newButton);
    left->addWidget(m_meetings, 1);
    split->addLayout(left, 1);
    split->addWidget(buildMeeting(), 3);
    tabs->addTab(meetings, tr("Meetings"));
    tabs->addTab(buildActions(), tr("Open actions"));
    m_message->setObjectName(QStringLiteral("reviewMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    auto *title = new QLabel(tr("MDT case reviews"), this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addWidget(m_message);
    layout->addWidget(tabs, 1);
    setFocusProxy(m_meetings);
    connect(newButton, &QPushButton::clicked, this, &ReviewsPage::newMeeting);
    connect(m_meetings, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            showMeeting(m_meetings->item(row)->data(Qt::UserRole).toLongLong());
    });
    connect(m_agenda, &QListWidget::currentRowChanged, this, &ReviewsPage::showItem);
    refresh();
}

QWidget *ReviewsPage::buildMeeting()
{
    auto *box = new QWidget(this);
    auto *form = new QFormLayout;
    m_date->setObjectName(QStringLiteral("meetingDate"));
    m_date->setAccessibleName(tr("Meeting date"));
    m_title->setObjectName(QStringLiteral("meetingTitle"));
    m_title->setAccessibleName(tr("Meeting title"));
    m_attendees->setObjectName(QStringLiteral("meetingAttendees"));
    m_attendees->setAccessibleName(tr("Attendees"));
    m_attendees->setTabChangesFocus(true);
    m_attendees->setFixedHeight(m_attendees->fontMetrics().lineSpacing() * 3 + 12);
    auto *dateLabel = new QLabel(tr("&Date"), this);
    dateLabel->setBuddy(m_date);
    auto *titleLabel = new QLabel(tr("T&itle"), this);
    titleLabel->setBuddy(m_title);
    auto *attendeesLabel = new QLabel(tr("Atte&ndees"), this);
    attendeesLabel->setBuddy(m_attendees);
    form->addRow(dateLabel, m_date);
    form->addRow(titleLabel, m_title);
    form->addRow(attendeesLabel, m_attendees);
    auto *saveMeetingButton = button(tr("Save &meeting"), this, "saveMeetingButton");
    auto *suggestButton = button(tr("S&uggest patients"), this, "suggestButton");
    auto *addButton = button(tr("&Add patient\u2026"), this, "addPatientButton");
    auto *printButton = button(tr("&Print minutes\u2026"), this, "printMinutesButton");
    auto *row = new QHBoxLayout;
    for (QPushButton *b : {saveMeetingButton, suggestButton, addButton, printButton})
        row->addWidget(b);
    row->addStretch();
    m_agenda->setObjectName(QStringLiteral("agendaList"));
    m_agenda->setAccessibleName(tr("Agenda"));
    auto *agendaLabel = new QLabel(tr("A&genda"), this);
    agendaLabel->setBuddy(m_agenda);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addLayout(row);
    layout->addWidget(agendaLabel);
    layout->addWidget(m_agenda, 1);
    layout->addWidget(buildItem(), 2);
    connect(saveMeetingButton, &QPushButton::clicked, this, &ReviewsPage::saveMeeting);
    connect(suggestButton, &QPushButton::clicked, this, &ReviewsPage::suggest);
    connect(addButton, &QPushButton::clicked, this, [this] {
        // A short ref or NHS number; the box is data entry, not a confirmation.
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Add a patient to the agenda"),
                                                   tr("Patient ref or NHS number:"), QLineEdit::Normal, {}, &ok);
        if (ok)
            addPatient(text);
    });
    connect(printButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the minutes"), tr("mdt-minutes.pdf"),
                                                          tr("PDF (*.pdf)"));
        if (path.isEmpty())
            return;
        const QString problem = printMinutes(path);
        say(problem.isEmpty() ? tr("The minutes were saved to %1.").arg(path) : problem);
    });
    return box;
}

QWidget *ReviewsPage::buildItem()
{
    auto *box = new QWidget(this);
    m_itemBox = box;
    m_banner->setObjectName(QStringLiteral("itemBanner"));
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setStyleSheet(QStringLiteral("QLabel { border: 2px solid #005EB8; padding: 4px; font-weight: bold; }"));
    m_discussion->setObjectName(QStringLiteral("itemDiscussion"));
    m_discussion->setAccessibleName(tr("Discussion"));
    m_discussion->setTabChangesFocus(true);
    m_decisions->setObjectName(QStringLiteral("itemDecisions"));
    m_decisions->setAccessibleName(tr("Decisions"));
    m_decisions->setTabChangesFocus(true);
    m_actions->setObjectName(QStringLiteral("itemActions"));
    setUpListTable(m_actions, QStringLiteral("itemActions"), tr("Actions agreed for this patient"));
    m_actions->setHorizontalHeaderLabels({tr("What"), tr("Who"), tr("Due"), tr("Done")});
    auto *saveButton = button(tr("Sa&ve item (Ctrl+Enter)"), this, "saveItemButton");
    auto *actionButton = button(tr("Add ac&tion\u2026"), this, "addActionButton");
    auto *doneButton = button(tr("Mark action d&one"), this, "actionDoneButton");
    auto *row = new QHBoxLayout;
    for (QPushButton *b : {saveButton, actionButton, doneButton})
        row->addWidget(b);
    row->addStretch();
    auto *discussionLabel = new QLabel(tr("Dis&cussion"), this);
    discussionLabel->setBuddy(m_discussion);
    auto *decisionsLabel = new QLabel(tr("Decision&s"), this);
    decisionsLabel->setBuddy(m_decisions);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(discussionLabel);
    layout->addWidget(m_discussion, 1);
    layout->addWidget(decisionsLabel);
    layout->addWidget(m_decisions, 1);
    layout->addWidget(m_actions, 1);
    layout->addLayout(row);
    connect(saveButton, &QPushButton::clicked, this, &ReviewsPage::saveItem);
    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this); // active while the page is shown
        connect(shortcut, &QShortcut::activated, this, &ReviewsPage::saveItem);
    }
    connect(actionButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString what = QInputDialog::getText(this, tr("Add an action"), tr("What is to be done?"),
                                                   QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
        const QString who = QInputDialog::getText(this, tr("Add an action"), tr("Who will do it? (user name)"),
                                                  QLineEdit::Normal, m_me, &ok);
        if (ok)
            addAction(what, who, ClinicalDateEdit::today().addDays(14));
    });
    connect(doneButton, &QPushButton::clicked, this, &ReviewsPage::markActionDone);
    return box;
}

QWidget *ReviewsPage::buildActions()
{
    auto *box = new QWidget(this);
    m_whose->setObjectName(QStringLiteral("actionsWhose"));
    m_whose->setAccessibleName(tr("Whose actions"));
    m_whose->addItem(tr("Mine (%1)").arg(m_me), m_me);
    m_whose->addItem(tr("Whole team"), QString());
    setUpListTable(m_openActions, QStringLiteral("openActions"), tr("Open actions, soonest due first"));
    m_openActions->setHorizontalHeaderLabels({tr("Due"), tr("Patient"), tr("Born"), tr("NHS No."), tr("What"), tr("Owner")});
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_whose);
    layout->addWidget(m_openActions, 1);
    connect(m_whose, &QComboBox::currentIndexChanged, this, &ReviewsPage::showOpenActions);
    connect(m_openActions, &QTableWidget::activated, this, [this](const QModelIndex &index) {
        if (index.row() >= 0 && index.row() < int(m_open.size()))
            Q_EMIT patientActivated(m_open[size_t(index.row())].patient.id);
    });
    return box;
}

void ReviewsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void ReviewsPage::say(const QString &text)
{
    m_message->setText(text);
}

void ReviewsPage::refresh()
{
    const qint64 keep = m_meeting.id;
    const auto meetings = m_reviews.meetings();
    const QSignalBlocker blocker(m_meetings);
    m_meetings->clear();
    if (!meetings)
        say(tr("\u26A0 The meetings could not be read: %1").arg(meetings.error()));
    for (const MdtMeeting &m : meetings ? meetings.value() : std::vector<MdtMeeting>{}) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 \u00B7 %2").arg(formatClinicalDate(m.heldOn), m.title), m_meetings);
        item->setData(Qt::UserRole, m.id);
        if (m.id == keep)
            m_meetings->setCurrentItem(item);
    }
    if (meetings && meetings->empty())
        say(tr("No meetings yet. New meeting starts one for today; Suggest patients fills its agenda."));
    if (keep != 0)
        showMeeting(keep);
    showOpenActions();
}

void ReviewsPage::newMeeting()
{
    m_meeting = MdtMeeting{};
    m_meeting.heldOn = ClinicalDateEdit::today();
    m_meeting.title = tr("MDT case review");
    m_date->setDate(m_meeting.heldOn);
    m_title->setText(m_meeting.title);
    m_attendees->setPlainText(m_me);
    m_items.clear();
    m_agenda->clear();
    showItem();
    saveMeeting();
}

bool ReviewsPage::saveMeeting()
{
    MdtMeeting m = m_meeting;
    m.heldOn = m_date->date();
    m.title = m_title->text();
    m.attendees = m_attendees->toPlainText();
    const auto saved = m_reviews.saveMeeting(m);
    if (!saved.ok()) {
        say(saved.problem.summary());
        return false;
    }
    m_meeting = *saved.value;
    refresh();
    say(tr("Saved the meeting of %1.").arg(formatClinicalDate(m_meeting.heldOn)));
    return true;
}

void ReviewsPage::showMeeting(qint64 id)
{
    const auto found = m_reviews.meeting(id);
    if (!found || !found->has_value())
        return say(found ? tr("That meeting no longer exists.") : found.error());
    m_meeting = *found.value();
    m_date->setDate(m_meeting.heldOn);
    m_title->setText(m_meeting.title);
    m_attendees->setPlainText(m_meeting.attendees);
    const int keep = m_agenda->currentRow();
    const auto items = m_reviews.agenda(id);
    m_items = items ? items.value() : std::vector<AgendaItem>{};
    if (!items)
        say(tr("\u26A0 The agenda could not be read: %1").arg(items.error()));
    const QSignalBlocker blocker(m_agenda);
    m_agenda->clear();
    const QDate today = ClinicalDateEdit::today();
    for (const AgendaItem &item : m_items) {
        const auto patient = m_patients.byId(item.patientId);
        const QString who = patient && patient->has_value() ? reporting::bannerLine(*patient.value(), today) : tr("Not readable");
        m_agenda->addItem(item.suggestedBecause.isEmpty() ? who : QStringLiteral("%1 \u2014 %2").arg(who, item.suggestedBecause));
    }
    m_agenda->setCurrentRow(std::clamp(keep, m_items.empty() ? -1 : 0, int(m_items.size()) - 1));
    showItem();
}

const AgendaItem *ReviewsPage::currentItem() const
{
    const int row = m_agenda->currentRow();
    return row >= 0 && row < int(m_items.size()) ? &m_items[size_t(row)] : nullptr;
}

void ReviewsPage::showItem()
{
    if (m_draft) { // what was typed for the item left behind is kept before the fields change
        m_draft->flush();
        delete m_draft;
        m_draft = nullptr;
    }
    const AgendaItem *item = currentItem();
    m_discussion->setEnabled(item != nullptr);
    m_decisions->setEnabled(item != nullptr);
    m_actions->setRowCount(0);
    if (!item) {
        m_banner->setText(tr("Choose a patient on the agenda."));
        m_discussion->clear();
        m_decisions->clear();
        return;
    }
    const auto patient = m_patients.byId(item->patientId);
    m_banner->setText(patient && patient->has_value() ? reporting::bannerLine(*patient.value(), ClinicalDateEdit::today())
                                                      : tr("\u26A0 This patient could not be read."));
    m_discussion->setPlainText(item->discussion);
    m_decisions->setPlainText(item->decisions);
    const auto actions = m_reviews.actions(item->id);
    m_itemActions = actions ? actions.value() : std::vector<MdtAction>{};
    m_actions->setRowCount(int(m_itemActions.size()));
    for (int row = 0; row < int(m_itemActions.size()); ++row) {
        const MdtAction &a = m_itemActions[size_t(row)];
        m_actions->setItem(row, 0, cell(a.description));
        m_actions->setItem(row, 1, cell(a.owner));
        m_actions->setItem(row, 2, cell(formatClinicalDate(a.dueOn)));
        m_actions->setItem(row, 3, cell(a.doneOn.isValid() ? formatClinicalDate(a.doneOn) : tr("Open")));
    }
    m_draft = new FormDraft(m_itemBox, QStringLiteral("review/%1/patient/%2").arg(item->id).arg(item->patientId),
                            item->rowVersion);
    m_draft->offerIn(m_message, tr("discussion"));
}

void ReviewsPage::suggest()
{
    if (m_meeting.id == 0 && !saveMeeting())
        return;
    const auto suggestions = m_reviews.suggestions(ClinicalDateEdit::today());
    if (!suggestions)
        return say(suggestions.error());
    int added = 0;
    for (const Suggestion &s : suggestions.value())
        if (std::none_of(m_items.begin(), m_items.end(), [&](const AgendaItem &i) { return i.patientId == s.patientId; }))
            added += m_reviews.addToAgenda(m_meeting.id, s.patientId, s.why).ok() ? 1 : 0;
    showMeeting(m_meeting.id);
    say(added == 0 ? tr("Nobody new to suggest.") : tr("Added %1 suggested patient(s) to the agenda.").arg(added));
}

bool ReviewsPage::addPatient(const QString &refOrNhs)
{
    if (m_meeting.id == 0 && !saveMeeting())
        return false;
    const auto found = m_patients.byRefOrNhsNumber(refOrNhs.trimmed());
    if (!found)
        return say(found.error()), false;
    if (!found->has_value())
        return say(tr("No patient has the ref or NHS number \u201C%1\u201D.").arg(refOrNhs.trimmed())), false;
    const auto added = m_reviews.addToAgenda(m_meeting.id, found.value()->id, tr("added by hand"));
    if (!added.ok())
        return say(added.problem.summary()), false;
    showMeeting(m_meeting.id);
    m_agenda->setCurrentRow(int(m_items.size()) - 1);
    return true;
}

bool ReviewsPage::saveItem()
{
    const AgendaItem *current = currentItem();
    if (!current)
        return false;
    AgendaItem item = *current;
    item.discussion = m_discussion->toPlainText();
    item.decisions = m_decisions->toPlainText();
    const auto stored = m_reviews.saveItem(item);
    if (!stored.ok())
        return say(stored.problem.summary()), false;
    m_items[size_t(m_agenda->currentRow())] = *stored.value;
    if (m_draft)
        m_draft->done();
    say(tr("Saved the discussion and decisions."));
    Q_EMIT saved(m_message->text());
    return true;
}

bool ReviewsPage::addAction(const QString &what, const QString &who, const QDate &due)
{
    const AgendaItem *item = currentItem();
    if (!item)
        return false;
    MdtAction a;
    a.itemId = item->id;
    a.description = what;
    a.owner = who;
    a.dueOn = due;
    const auto saved = m_reviews.saveAction(a);
    if (!saved.ok())
        return say(saved.problem.summary()), false;
    showItem();
    showOpenActions();
    return true;
}

bool ReviewsPage::markActionDone()
{
    const int row = m_actions->currentRow();
    if (row < 0 || row >= int(m_itemActions.size()))
        return false;
    MdtAction a = m_itemActions[size_t(row)];
    a.doneOn = ClinicalDateEdit::today();
    const auto saved = m_reviews.saveAction(a);
    if (!saved.ok())
        return say(saved.problem.summary()), false;
    showItem();
    showOpenActions();
    return true;
}

void ReviewsPage::showOpenActions()
{
    const auto open = m_reviews.openActions(m_whose->currentData().toString());
    m_open = open ? open.value() : std::vector<ActionRow>{};
    if (!open)
        say(tr("\u26A0 The open actions could not be read: %1").arg(open.error()));
    const QDate today = ClinicalDateEdit::today();
    m_openActions->setRowCount(int(m_open.size()));
    for (int row = 0; row < int(m_open.size()); ++row) {
        const ActionRow &r = m_open[size_t(row)];
        const bool overdue = r.action.dueOn < today;
        m_openActions->setItem(row, 0, cell((overdue ? tr("\u26A0 Overdue ") : QString()) + formatClinicalDate(r.action.dueOn)));
        m_openActions->setItem(row, 1, cell(displayName(r.patient)));
        m_openActions->setItem(row, 2, cell(formatClinicalDate(r.patient.dateOfBirth)));
        m_openActions->setItem(row, 3, cell(r.patient.hasNhsNumber() ? formatNhsNumber(r.patient.nhsNumber) : tr("Not recorded")));
        m_openActions->setItem(row, 4, cell(r.action.description));
        m_openActions->setItem(row, 5, cell(r.action.owner));
    }
    m_openActions->resizeColumnsToContents();
}

QString ReviewsPage::printMinutes(const QString &path)
{
    if (m_meeting.id == 0)
        return tr("Choose or start a meeting first.");
    std::vector<reporting::MinutesItem> entries;
    for (const AgendaItem &item : m_items) {
        const auto patient = m_patients.byId(item.patientId);
        const auto actions = m_reviews.actions(item.id);
        if (!patient || !patient->has_value() || !actions)
            return tr("The minutes could not be read in full: nothing was printed.");
        entries.push_back({item, *patient.value(), actions.value()});
    }
    auto doc = reporting::minutesDocument(m_meeting, entries, ClinicalDateEdit::today());
    doc.printedBy = m_me;
    doc.printedAt = QDateTime::currentDateTime();
    const auto pdf = reporting::toPdf(doc);
    if (!pdf)
        return pdf.error();
    if (Status s = interchange::writeWholeFile(path, pdf.value()); !s)
        return s.error();
    return {};
}

} // namespace painmdt::ui
