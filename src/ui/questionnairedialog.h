#pragma once
// Record one questionnaire (issue 9): any instrument, its form generated from the definition under
// the patient banner, typed by keyboard (an answer's number answers the item and moves on), with
// the live score and band; unanswered items are named and make the result incomplete. The
// occasion and date are recorded. A questionnaire handed back empty is recorded by ticking
// "Returned blank". A saved questionnaire is never edited: a correction (`correcting`) saves a
// new one and withdraws the old with a reason. The definition's free-text questions (the FFT's
// "why?") follow the items, in the patient's words. What was typed is kept as a draft (ui/drafts.h).
#include "domain/assessment.h"
#include "domain/instrument.h"
#include "domain/patient.h"

#include <QDialog>
#include <map>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace painmdt::services { class AssessmentService; }

namespace painmdt::ui {

class ClinicalDateEdit;
class FormDraft;
class StartBackForm;

class QuestionnaireDialog : public QDialog {
    Q_OBJECT
public:
    // `referralId`: the episode it belongs to (0 for none).
    QuestionnaireDialog(services::AssessmentService &service, const domain::InstrumentDefinition &definition,
                        const domain::Patient &patient, qint64 referralId,
                        std::optional<domain::Assessment> correcting = {}, QWidget *parent = nullptr);

    domain::Assessment saved() const { return m_saved; } // valid after Accepted

    StartBackForm *form() const { return m_form; }
    QComboBox *occasionBox() const { return m_occasion; }
    ClinicalDateEdit *dateEdit() const { return m_date; }
    QCheckBox *blankBox() const { return m_blank; }
    QLineEdit *reasonEdit() const { return m_reason; } // corrections only
    QPlainTextEdit *freeTextEdit(const QString &questionId) const; // nullptr when not asked
    QLabel *errorLabel() const { return m_error; }

    void accept() override;
    void reject() override; // keeps what was typed as a draft

private:
    QString problem() const; // what stops the save, "" when none
    void addFreeText(QLayout *layout);
    std::map<QString, QString> freeText() const;

    services::AssessmentService &m_service;
    domain::InstrumentDefinition m_definition;
    domain::Patient m_patient;
    qint64 m_referralId;
    std::optional<domain::Assessment> m_correcting;
    domain::Assessment m_saved;
    StartBackForm *m_form;
    QComboBox *m_occasion;
    ClinicalDateEdit *m_date;
    QCheckBox *m_blank;
    QLineEdit *m_reason = nullptr;
    std::map<QString, QPlainTextEdit *> m_freeText; // question id -> its box
    QLabel *m_error;
    FormDraft *m_draft = nullptr;
};

} // namespace painmdt::ui
