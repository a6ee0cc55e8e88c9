#include "ui/triagepage.h"
#include "ui/drafts.h"
#include "ui/listtable.h"

#include "domain/clinicaldate.h"
#include "services/backgroundreader.h"
#include "services/referralservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/liverefresh.h"
#include "ui/patientbanner.h"
#include "ui/referrallistmodel.h"
#include "ui/startbackform.h"
#include "ui/undo.h"

#include <QApplication>
#include <QComboBox>
#include <QGridLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace painmdt::ui {

using namespace painmdt::domain;

namespace {

const QString errorStyle = QStringLiteral("color: #B00020;");

const InstrumentDefinition &startBackDefinition(services::ReferralService &service)
{
    static const InstrumentDefinition none;
    const InstrumentDefinition *found = service.assessments().instrument(QStringLiteral("startback"));
    return found ? *found : none;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

// A shortcut that works only while focus is inside `owner`, so two pages never compete.
QShortcut *localShortcut(const QKeySequence &keys, QWidget *owner)
{
    auto *shortcut = new QShortcut(keys, owner);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    return shortcut;
}

QString priorityText(const Referral &r)
{
    return r.priority == QLatin1String("urgent") ? QObject::tr("URGENT") : QObject::tr("Routine");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// TriageForm

TriageForm::TriageForm(services::ReferralService &service, QWidget *parent)
    : QWidget(parent), m_service(service), m_banner(new PatientBanner(this)), m_summary(new QLabel(this)),
      m_startBack(new StartBackForm(startBackDefinition(service), this)), m_date(new ClinicalDateEdit(this)),
      m_dateEcho(new QLabel(this)), m_pathway(new QComboBox(this)), m_pathwayHint(new QLabel(this)),
      m_notes(new QPlainTextEdit(this)), m_keyWorker(new QLineEdit(this)), m_error(new QLabel(this)),
      m_siteWarning(new QLabel(this))
{
    setObjectName(QStringLiteral("triageForm"));
    m_summary->setObjectName(QStringLiteral("referralSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner); // fixed above the scrolling form: the patient never scrolls away
    layout->addWidget(buildScrollingBody(), 1);
    layout->addWidget(buildButtons());

    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(localShortcut(keys, this), &QShortcut::activated, this, &TriageForm::save);
    connect(localShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, &TriageForm::leave);
    connect(m_startBack, &StartBackForm::changed, this, &TriageForm::suggestPathway);
    connect(m_startBack, &StartBackForm::lastItemAnswered, m_pathway, [this] { m_pathway->setFocus(Qt::TabFocusReason); });
    connect(m_pathway, &QComboBox::activated, this, [this] {
        m_pathwayChosen = true;
        updatePathwayHint();
    });
    auto *autosave = new QTimer(this);
    autosave->setInterval(FormDraft::intervalMs);
    connect(autosave, &QTimer::timeout, this, [this] {
        if (isVisible())
            saveDraft();
    });
    autosave->start();
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *) {
        if (old && isAncestorOf(old))
            saveDraft();
    });
}

// Everything below the banner scrolls (200 % scaling, small screens); the banner and the
// buttons stay put.
QWidget *TriageForm::buildScrollingBody()
{
    auto *body = new QWidget;
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(12, 8, 12, 8);
    bodyLayout->addWidget(m_summary);
    m_siteWarning->setObjectName(QStringLiteral("painSiteWarning"));
    m_siteWarning->setWordWrap(true);
    m_siteWarning->setStyleSheet(QStringLiteral("QLabel { border: 2px solid #B00020; padding: 4px; font-weight: bold; }"));
    m_siteWarning->hide();
    bodyLayout->addWidget(m_siteWarning);
    bodyLayout->addSpacing(6);
    bodyLayout->addWidget(heading(startBackDefinition(m_service).name, body));
    bodyLayout->addWidget(m_startBack);
    bodyLayout->addSpacing(10);
    bodyLayout->addWidget(heading(tr("Triage decision"), body));
    bodyLayout->addWidget(buildDecision());
    bodyLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("triageScroll"));
    scroll->setWidget(body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // the fields inside take focus, not the frame around them
    // Answering by number moves focus down the form: keep the focused item in view (vertically
    // only, so the item numbers never scroll off to the left).
    connect(qApp, &QApplication::focusChanged, scroll, [scroll](QWidget *, QWidget *now) {
        if (!now || !scroll->widget()->isAncestorOf(now))
            return;
        const int middle = now->mapTo(scroll->widget(), QPoint(0, now->height() / 2)).y();
        scroll->ensureVisible(scroll->horizontalScrollBar()->value(), middle, 0, now->height() / 2 + 24);
    });
    return scroll;
}

QWidget *TriageForm::buildDecision()
{
    auto *box = new QWidget;
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *dateLabel = new QLabel(tr("Triage &date"), box);
    dateLabel->setBuddy(m_date);
    m_date->setObjectName(QStringLiteral("triageDate"));
    m_date->setAccessibleName(tr("Triage date"));
    m_date->setMaximumWidth(m_date->fontMetrics().horizontalAdvance(QStringLiteral("00-Www-0000 or 00/00/0000")) + 24);
    m_date->setEchoLabel(m_dateEcho);
    auto *pathwayLabel = new QLabel(tr("Path&way"), box);
    pathwayLabel->setBuddy(m_pathway);
    m_pathway->setObjectName(QStringLiteral("triagePathway"));
    m_pathway->setAccessibleName(tr("Pathway"));
    m_pathway->setPlaceholderText(tr("Choose a pathway"));
    m_pathway->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_pathwayHint->setObjectName(QStringLiteral("pathwayHint"));
    m_pathwayHint->setWordWrap(true);
    auto *notesLabel = new QLabel(tr("&Notes"), box);
    notesLabel->setBuddy(m_notes);
    m_notes->setObjectName(QStringLiteral("triageNotes"));
    m_notes->setAccessibleName(tr("Triage notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 4 + 12);
    grid->addWidget(dateLabel, 0, 0);
    grid->addWidget(m_date, 0, 1);
    grid->addWidget(m_dateEcho, 0, 2);
    grid->addWidget(pathwayLabel, 1, 0);
    grid->addWidget(m_pathway, 1, 1);
    grid->addWidget(m_pathwayHint, 1, 2);
    grid->addWidget(notesLabel, 2, 0, Qt::AlignTop);
    grid->addWidget(m_notes, 2, 1, 1, 2);
    // An accepted referral opens an episode: who holds it (a hand-over later is an edit).
    auto *keyWorkerLabel = new QLabel(tr("&Key worker"), box);
    keyWorkerLabel->setBuddy(m_keyWorker);
    m_keyWorker->setObjectName(QStringLiteral("triageKeyWorker"));
    m_keyWorker->setAccessibleName(tr("Key worker"));
    m_keyWorker->setPlaceholderText(tr("User name, e.g. a.okoro; blank: unassigned"));
    grid->addWidget(keyWorkerLabel, 3, 0);
    grid->addWidget(m_keyWorker, 3, 1);
    grid->setColumnStretch(2, 1);
    return box;
}

QWidget *TriageForm::buildButtons()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(12, 6, 12, 8);
    m_error->setObjectName(QStringLiteral("triageError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(errorStyle);
    auto *back = new QPushButton(tr("Back to list (Esc)"), bar);
    back->setObjectName(QStringLiteral("triageBack"));
    back->setAutoDefault(false);
    auto *save = new QPushButton(tr("Save triage (Ctrl+Enter)"), bar);
    save->setObjectName(QStringLiteral("triageSave"));
    save->setAutoDefault(false);
    save->setDefault(true); // marks the one primary action
    row->addWidget(m_error, 1);
    row->addWidget(back);
    row->addWidget(save);
    setTabOrder(m_notes, m_keyWorker); // from the notes to the key worker, then Save, then Back
    setTabOrder(m_keyWorker, save);
    setTabOrder(save, back);
    connect(back, &QPushButton::clicked, this, &TriageForm::leave);
    connect(save, &QPushButton::clicked, this, &TriageForm::save);
    return bar;
}

// Labels say where each pathway is managed: the community share is what commissioners count.
void TriageForm::fillPathways()
{
    const auto community = m_service.pathwayCommunity(); // every code has its answer
    m_pathway->clear();
    for (const QString &code : pathwayCodes()) {
        QString label = codeLabel(code);
        if (code != QLatin1String("declined") && community) // unread: no claim either way
            label += community->at(code) ? tr(" (community)") : tr(" (secondary care)");
        m_pathway->addItem(label, code);
    }
    if (!community)
        showError(tr("Where each pathway is managed could not be read: %1").arg(community.error()));
    m_pathway->setCurrentIndex(-1);
}

void TriageForm::load(const Referral &referral, const Patient &patient)
{
    m_referral = referral;
    m_patient = patient;
    m_pathwayChosen = false;
    m_triageSaved = false;
    m_banner->setPatient(patient, ClinicalDateEdit::today());
    m_banner->setAlerts(m_service.assessments().alerts(patient.id, true));
    m_summary->setText(summaryLine());
    // Hazard H22: before any answer, where it cannot be missed.
    const bool outside = !domain::startBackValidatedFor(referral.painSite);
    m_siteWarning->setVisible(outside);
    m_siteWarning->setText(outside ? tr("\u26A0 This referral is for %1 pain. STarT Back is validated for low back pain "
                                        "only: its risk group is not validated for this patient, and no pathway is "
                                        "pre-selected from it. Choose the pathway on your clinical judgement.")
                                         .arg(codeLabel(referral.painSite).toLower())
                                   : QString());
    fillPathways();
    m_startBack->setAnswers({});
    m_date->setDate(ClinicalDateEdit::today());
    m_notes->clear();
    m_keyWorker->setText(referral.keyWorker);
    m_error->clear();
    restoreDraft();
    updatePathwayHint();
    focusStart();
}

// A fresh form starts at item 1; a restored draft goes on where it stopped: the first item still
// unanswered, or the pathway when all nine are answered.
void TriageForm::focusStart()
{
    const domain::Answers answers = m_startBack->answers();
    const auto open = std::find(answers.begin(), answers.end(), std::nullopt);
    if (open == answers.end())
        m_pathway->setFocus(Qt::TabFocusReason);
    else
        m_startBack->focusItem(int(open - answers.begin()));
}

QString TriageForm::draftKey() const
{
    return QStringLiteral("triage/%1").arg(m_referral.id);
}

void TriageForm::saveDraft()
{
    DraftStore *store = DraftStore::current();
    if (!store || m_referral.id == 0 || m_triageSaved) // a saved triage's answers are not a draft
        return;
    const domain::Answers answers = m_startBack->answers();
    const bool typed = m_startBack->anyAnswered() || !m_notes->toPlainText().trimmed().isEmpty() || m_pathwayChosen
                       || m_keyWorker->text().trimmed() != m_referral.keyWorker;
    if (!typed)
        return store->discard(draftKey());
    QStringList codes;
    for (const auto &a : answers)
        codes << (a ? QString::number(*a) : QString());
    store->save(draftKey(), {{QStringLiteral("answers"), codes.join(QLatin1Char(';'))},
                             {QStringLiteral("notes"), m_notes->toPlainText()},
                             {QStringLiteral("date"), m_date->text()},
                             {QStringLiteral("key_worker"), m_keyWorker->text()},
                             {QStringLiteral("pathway"), m_pathwayChosen ? m_pathway->currentData().toString() : QString()}});
}

// Leaving without saving keeps what was typed, offered back when this referral is opened again,
// in this session or after a restart (ux.md: typed work is never lost).
void TriageForm::leave()
{
    saveDraft();
    Q_EMIT cancelled();
}

bool TriageForm::restoreDraft()
{
    DraftStore *store = DraftStore::current();
    const auto draft = store ? store->load(draftKey()) : std::nullopt;
    if (!draft)
        return false;
    m_startBack->setAnswers(domain::answersFromText(draft->fields.value(QStringLiteral("answers")).toString()));
    m_notes->setPlainText(draft->fields.value(QStringLiteral("notes")).toString());
    if (const QString date = draft->fields.value(QStringLiteral("date")).toString(); !date.isEmpty())
        m_date->setText(date);
    if (draft->fields.contains(QStringLiteral("key_worker")))
        m_keyWorker->setText(draft->fields.value(QStringLiteral("key_worker")).toString());
    if (const QString pathway = draft->fields.value(QStringLiteral("pathway")).toString(); !pathway.isEmpty()) {
        m_pathway->setCurrentIndex(m_pathway->findData(pathway));
        m_pathwayChosen = true;
    }
    m_error->setStyleSheet({}); // information, not an error
    m_error->setText(draftBackText(tr("triage"), draft->savedAt));
    return true;
}

QString TriageForm::summaryLine() const
{
    const Referral &r = m_referral;
    const qint64 days = r.receivedOn.daysTo(ClinicalDateEdit::today());
    QStringList parts{tr("Referral %1").arg(r.referralRef),
                      tr("Received %1 (%2 days ago)").arg(formatClinicalDate(r.receivedOn)).arg(days),
                      tr("From %1").arg(codeLabel(r.source)), priorityText(r)};
    if (!r.referrer.isEmpty())
        parts << tr("Referrer %1").arg(r.referrer);
    parts << tr("Reason: %1").arg(r.reason.isEmpty() ? tr("Not recorded") : r.reason);
    return parts.join(QStringLiteral(" \u00B7 "));
}

// A complete form pre-selects its matched treatment until the user picks a pathway themselves;
// an incomplete one takes back a pathway it had only suggested.
void TriageForm::suggestPathway()
{
    if (!m_pathwayChosen && domain::startBackValidatedFor(m_referral.painSite)) {
        const auto matched = m_startBack->suggestion();
        m_pathway->setCurrentIndex(matched ? m_pathway->findData(matched->pathway) : -1);
    }
    updatePathwayHint();
}

void TriageForm::updatePathwayHint()
{
    const auto matched = m_startBack->suggestion();
    const QString chosen = m_pathway->currentData().toString();
    QString hint;
    if (!domain::startBackValidatedFor(m_referral.painSite))
        return m_pathwayHint->setText(matched ? tr("Not pre-selected: STarT Back is not validated for this pain site "
                                                   "(it would suggest %1).").arg(codeLabel(matched->pathway))
                                              : QString());
    if (matched && !m_pathwayChosen)
        hint = tr("Pre-selected from STarT Back (%1 risk); change it if your judgement differs.")
                   .arg(m_startBack->result().band);
    else if (matched && !chosen.isEmpty() && chosen != matched->pathway)
        hint = tr("\u26A0 Differs from the STarT Back suggestion (%1).").arg(codeLabel(matched->pathway));
    m_pathwayHint->setText(hint);
}

QString TriageForm::dateProblem() const
{
    if (!m_date->problem().isEmpty())
        return m_date->problem();
    const QDate on = m_date->date();
    if (!on.isValid())
        return tr("Enter the triage date.");
    if (on > ClinicalDateEdit::today())
        return tr("The triage date %1 is in the future.").arg(formatClinicalDate(on));
    if (on < m_referral.receivedOn)
        return tr("The triage date %1 is before the referral was received (%2).")
            .arg(formatClinicalDate(on), formatClinicalDate(m_referral.receivedOn));
    return {};
}

void TriageForm::showError(const QString &text, QWidget *focus)
{
    m_error->setStyleSheet(errorStyle);
    m_error->setText(text.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + text);
    if (focus)
        focus->setFocus(Qt::OtherFocusReason);
}

bool TriageForm::save()
{
    if (const QString problem = dateProblem(); !problem.isEmpty()) {
        showError(problem, m_date);
        return false;
    }
    const QString pathway = m_pathway->currentData().toString();
    if (pathway.isEmpty()) {
        showError(tr("Choose a pathway (or Declined) before saving."), m_pathway);
        return false;
    }
    std::optional<Answers> answers;
    if (m_startBack->anyAnswered())
        answers = m_startBack->answers(); // an untouched form records no assessment at all
    Referral decided = m_referral;
    decided.keyWorker = m_keyWorker->text().trimmed();
    qint64 startbackId = 0;
    const auto result = m_service.triage(decided, m_date->date(), pathway, m_notes->toPlainText(), answers, &startbackId);
    if (!result.ok()) {
        showError(result.problem.summary());
        return false;
    }
    pushSaved(m_undo, triageDecided(m_service, m_referral, *result.value, startbackId,
                                    [this](const QString &problem) { Q_EMIT undoFailed(problem); }));
    showError({});
    m_triageSaved = true;
    if (DraftStore *store = DraftStore::current())
        store->discard(draftKey());
    Q_EMIT saved(savedMessage(*result.value));
    return true;
}

QString TriageForm::savedMessage(const Referral &saved) const
{
    const ScoreResult r = m_startBack->result();
    const QString startBack = !m_startBack->anyAnswered() ? tr("STarT Back not recorded")
                              : r.complete                ? tr("STarT Back %1 risk").arg(r.band)
                                                          : tr("STarT Back incomplete");
    return tr("Triaged %1 (referral %2) to %3 on %4; %5.")
        .arg(displayName(m_patient), saved.referralRef, codeLabel(saved.pathway), formatClinicalDate(saved.triagedOn),
             startBack);
}

// ---------------------------------------------------------------------------------------------
// TriagePage

TriagePage::TriagePage(services::ReferralService &service, services::PatientService &patients,
                       services::BackgroundReader &reader, services::ChangeHub *hub, QWidget *parent)
    : QWidget(parent), m_service(service), m_patients(patients), m_reader(reader),
      m_live(new LiveRefresh(this, hub, {QStringLiteral("referral"), QStringLiteral("patient"), QStringLiteral("assessment")},
                             [this] { refresh(); })),
      m_stack(new QStackedWidget(this)),
      m_status(new QLabel(this)), m_listMessage(new QLabel(this)), m_table(new QTableView(this)),
      m_model(new ReferralListModel({ReferralListModel::Priority, ReferralListModel::Received,
                                     ReferralListModel::DaysWaiting, ReferralListModel::Patient,
                                     ReferralListModel::NhsNumber, ReferralListModel::Source,
                                     ReferralListModel::Reason},
                                    this)),
      m_form(new TriageForm(service, this))
{
    setObjectName(QStringLiteral("triagePage"));
    m_stack->addWidget(buildWorklist());
    m_stack->addWidget(m_form);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    connect(m_form, &TriageForm::cancelled, this, &TriagePage::showWorklist);
    connect(m_form, &TriageForm::undoFailed, this, &TriagePage::triaged);
    connect(m_form, &TriageForm::saved, this, [this](const QString &message) {
        refresh(); // also announced on the hub; a page without one still shows its own save
        showWorklist();
        Q_EMIT triaged(message);
    });
    refresh();
}

QWidget *TriagePage::buildWorklist()
{
    auto *page = new QWidget(this);
    m_status->setObjectName(QStringLiteral("triageStatus"));
    m_listMessage->setObjectName(QStringLiteral("triageListMessage"));
    m_listMessage->setWordWrap(true);
    m_listMessage->hide();
    setUpListTable(m_table, QStringLiteral("triageTable"), tr("Referrals awaiting triage"));
    setFocusProxy(m_table); // Ctrl+2 lands on the list: arrows and Enter work at once
    m_table->setModel(m_model);
    m_table->installEventFilter(this);
    connect(m_table, &QTableView::activated, this, &TriagePage::activateCurrent);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->addWidget(heading(tr("Awaiting triage"), page));
    layout->addWidget(m_status);
    layout->addWidget(m_listMessage);
    layout->addWidget(m_table, 1);
    return page;
}

bool TriagePage::isFormOpen() const
{
    return m_stack->currentWidget() == m_form;
}

void TriagePage::refresh()
{
    m_live->loaded();
    m_reader.read<std::vector<ReferralRow>>(
        this, QStringLiteral("triage worklist"), [](services::Readers &r) { return r.referrals.awaitingTriage(pageSize); },
        [this](const Many<ReferralRow> &rows) { showRows(rows); });
}

void TriagePage::showRows(const Many<ReferralRow> &rows)
{
    const auto *current = m_model->rowAt(m_table->currentIndex().row());
    const qint64 keep = current ? current->referral.id : 0;
    m_model->setRows(rows ? rows.value() : std::vector<ReferralRow>{}, ClinicalDateEdit::today());
    if (!rows) { // never an empty list that looks like "nothing to triage"
        m_live->failed();
        m_status->setText(tr("\u26A0 The triage worklist could not be read: %1").arg(rows.error()));
        Q_EMIT loaded();
        return;
    }
    m_table->resizeColumnsToContents();
    int row = 0;
    for (int i = 0; i < m_model->rowCount(); ++i)
        if (m_model->rowAt(i)->referral.id == keep)
            row = i;
    if (m_model->rowCount() > 0)
        m_table->selectRow(row);
    const int n = m_model->rowCount();
    const QString updated = QTime::currentTime().toString(QStringLiteral("HH:mm"));
    const QString count = n == 1 ? tr("1 referral") : tr("%1 referrals").arg(n);
    m_status->setText(n == 0 ? tr("Nothing awaits triage. A referral appears here when it is registered (New referral\u2026 "
                                  "on a patient's page) or imported (File \u203A Import a file\u2026) \u00B7 Updated %1").arg(updated)
                             : tr("%1 \u00B7 urgent first, then oldest \u00B7 Updated %2 \u00B7 Enter opens the triage form")
                                   .arg(n >= pageSize ? tr("First %1").arg(count) : count, updated));
    Q_EMIT loaded();
}

void TriagePage::showWorklist()
{
    m_stack->setCurrentIndex(0);
    m_table->setFocus(Qt::OtherFocusReason);
}

bool TriagePage::openReferral(qint64 id)
{
    const auto referral = m_service.byId(id); // fresh: the row version must be current
    const auto patient = referral && referral->has_value() ? m_patients.byId(referral.value()->patientId)
                                                           : Maybe<Patient>(std::nullopt);
    if (!referral || !patient) {
        m_listMessage->setText(tr("\u26A0 That referral could not be read: %1")
                                   .arg(!referral ? referral.error() : patient.error()));
        m_listMessage->show();
        return false;
    }
    if (!referral->has_value() || !patient->has_value() || referral.value()->isTriaged()
        || referral.value()->isEnteredInError()) {
        m_listMessage->setText(tr("\u26A0 That referral has been triaged or removed meanwhile; the list is refreshed."));
        m_listMessage->show();
        refresh();
        return false;
    }
    m_listMessage->hide();
    m_form->load(*referral.value(), *patient.value());
    m_stack->setCurrentWidget(m_form);
    m_form->focusStart();
    return true;
}

void TriagePage::activateCurrent()
{
    if (const auto *row = m_model->rowAt(m_table->currentIndex().row()))
        openReferral(row->referral.id);
}

bool TriagePage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            activateCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace painmdt::ui
