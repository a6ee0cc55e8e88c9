#include "ui/questionnairedialog.h"

#include "domain/clinicaldate.h"
#include "domain/referral.h"
#include "services/assessmentservice.h"
#include "ui/clinicaldateedit.h"
#include "ui/drafts.h"
#include "ui/patientbanner.h"
#include "ui/startbackform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace painmdt::ui {

using domain::Assessment;

QuestionnaireDialog::QuestionnaireDialog(services::AssessmentService &service,
                                         const domain::InstrumentDefinition &definition, const domain::Patient &patient,
                                         qint64 referralId, std::optional<Assessment> correcting, QWidget *parent)
    : QDialog(parent), m_service(service), m_definition(definition), m_patient(patient), m_referralId(referralId),
      m_correcting(std::move(correcting)), m_form(new StartBackForm(definition, this)), m_occasion(new QComboBox(this)),
      m_date(new ClinicalDateEdit(this)), m_blank(new QCheckBox(tr("Returned &blank (handed back with nothing answered)"), this)),
      m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("questionnaireDialog"));
    setWindowTitle(tr("%1 %2 \u2014 %3").arg(m_correcting ? tr("Correct") : tr("Record"), domain::codeLabel(definition.code),
                                            domain::displayName(patient)));
    auto *layout = new QVBoxLayout(this);
    auto *banner = new PatientBanner(this);
    banner->setPatient(patient, ClinicalDateEdit::today());
    banner->setAlerts(service.alerts(patient.id, true));
    layout->addWidget(banner);

    auto *fields = new QFormLayout;
    for (const QString &code : domain::assessmentOccasions())
        m_occasion->addItem(domain::codeLabel(code), code);
    m_occasion->setObjectName(QStringLiteral("occasionBox"));
    m_occasion->setAccessibleName(tr("Occasion"));
    m_date->setObjectName(QStringLiteral("collectedOnEdit"));
    m_date->setAccessibleName(tr("Date collected"));
    m_date->setDate(ClinicalDateEdit::today());
    fields->addRow(tr("&Occasion"), m_occasion);
    fields->addRow(tr("Date co&llected"), m_date);
    m_blank->setObjectName(QStringLiteral("returnedBlankBox"));
    fields->addRow(QString(), m_blank);
    if (m_correcting) {
        m_reason = new QLineEdit(this);
        m_reason->setObjectName(QStringLiteral("correctionReasonEdit"));
        m_reason->setAccessibleName(tr("Reason for the correction"));
        fields->addRow(tr("&Reason for the correction"), m_reason);
        m_occasion->setCurrentIndex(m_occasion->findData(m_correcting->occasion));
        m_date->setDate(m_correcting->collectedOn);
        m_form->setAnswers(m_correcting->answers);
    }
    layout->addLayout(fields);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    addFreeText(layout);
    // The live score and band, always in view above Save (the form's own copy scrolls away).
    auto *live = new QLabel(m_form->summaryText(), this);
    live->setObjectName(QStringLiteral("questionnaireScore"));
    QFont strong = live->font();
    strong.setBold(true);
    live->setFont(strong);
    live->setAccessibleName(tr("Score so far"));
    connect(m_form, &StartBackForm::changed, live, [this, live] { live->setText(m_form->summaryText()); });
    layout->addWidget(live);
    m_error->setObjectName(QStringLiteral("questionnaireError"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QuestionnaireDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const auto &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &QuestionnaireDialog::accept);
    // After the last item: the first free-text question if there is one, else Save.
    QWidget *next = m_freeText.empty() ? static_cast<QWidget *>(buttons->button(QDialogButtonBox::Save))
                                       : m_freeText.at(m_definition.freeText.front().id);
    connect(m_form, &StartBackForm::lastItemAnswered, next, [next] { next->setFocus(); });
    if (m_correcting)
        for (const auto &[id, text] : m_correcting->freeText)
            if (auto *box = freeTextEdit(id))
                box->setPlainText(text);
    resize(760, 640);
    m_form->focusItem(0);
    m_draft = new FormDraft(this, QStringLiteral("questionnaire/%1/%2/%3")
                                      .arg(patient.id).arg(definition.code).arg(m_correcting ? m_correcting->id : 0));
    m_draft->offerIn(m_error, tr("%1 answers").arg(domain::codeLabel(definition.code)));
}

void QuestionnaireDialog::addFreeText(QLayout *layout)
{
    for (const domain::FreeTextQuestion &question : m_definition.freeText) {
        auto *label = new QLabel(question.text, this);
        label->setWordWrap(true);
        auto *box = new QPlainTextEdit(this);
        box->setObjectName(QStringLiteral("freeText_") + question.id);
        box->setAccessibleName(question.text);
        box->setTabChangesFocus(true); // Tab moves on, as in every other field; Enter starts a new line
        box->setMaximumHeight(fontMetrics().lineSpacing() * 5);
        label->setBuddy(box);
        layout->addWidget(label);
        layout->addWidget(box);
        m_freeText[question.id] = box;
    }
}

QPlainTextEdit *QuestionnaireDialog::freeTextEdit(const QString &questionId) const
{
    const auto found = m_freeText.find(questionId);
    return found == m_freeText.end() ? nullptr : found->second;
}

std::map<QString, QString> QuestionnaireDialog::freeText() const
{
    std::map<QString, QString> text;
    for (const auto &[id, box] : m_freeText)
        if (!box->toPlainText().trimmed().isEmpty())
            text[id] = box->toPlainText().trimmed();
    return text;
}

QString QuestionnaireDialog::problem() const
{
    if (!m_date->date().isValid())
        return tr("Enter the date it was collected (e.g. 12-Nov-2026, or t for today).");
    if (m_reason && m_reason->text().trimmed().isEmpty())
        return tr("Say why the answers are corrected.");
    if (m_blank->isChecked() && m_form->anyAnswered())
        return tr("\"Returned blank\" is ticked but some items are answered: untick it, or clear the answers.");
    if (!m_blank->isChecked() && !m_form->anyAnswered() && freeText().empty())
        return tr("Nothing is answered. If the questionnaire came back empty, tick \"Returned blank\".");
    return {};
}

void QuestionnaireDialog::accept()
{
    if (const QString stop = problem(); !stop.isEmpty()) {
        m_error->setText(QStringLiteral("\u26A0 ") + stop);
        return;
    }
    // A correction keeps what it does not change: the version it is scored with, who collected it, how.
    Assessment a = m_correcting.value_or(Assessment{});
    a.patientId = m_patient.id;
    a.referralId = m_correcting ? m_correcting->referralId : m_referralId;
    a.instrument = m_definition.code;
    a.instrumentVersion = m_definition.version;
    a.occasion = m_occasion->currentData().toString();
    a.collectedOn = m_date->date();
    a.answers = m_blank->isChecked() ? domain::Answers(m_definition.items.size(), std::nullopt) : m_form->answers();
    a.freeText = freeText();
    const auto result = m_correcting ? m_service.correct(m_correcting->id, m_correcting->rowVersion, a, m_reason->text())
                                     : m_service.add(a);
    if (!result.ok()) {
        m_error->setText(QStringLiteral("\u26A0 ") + result.problem.summary());
        return;
    }
    m_saved = *result.value;
    m_draft->done();
    QDialog::accept();
}

void QuestionnaireDialog::reject()
{
    m_draft->flush();
    QDialog::reject();
}

} // namespace painmdt::ui
