#pragma once
// Register or edit a patient, with inline messages beside each field (never a modal box for a
// typing mistake), and a warning that offers the existing record when the name and date of
// birth match another patient. A save refused because a colleague saved first offers to reload
// their change with what was typed kept on top.
#include "domain/patient.h"
#include "domain/result.h"

#include <QDialog>
#include <QSet>
#include <memory>

namespace Ui { class PatientDialog; }
class QLabel;
class QWidget;

namespace painmdt::services { class PatientService; }

namespace painmdt::ui {

class FormDraft;
class StaleOffer;

class PatientDialog : public QDialog {
    Q_OBJECT
public:
    // A default-constructed patient (id 0) registers a new one.
    PatientDialog(services::PatientService &service, const domain::Patient &patient, QWidget *parent = nullptr);
    ~PatientDialog() override;

    domain::Patient saved() const { return m_saved; } // valid after Accepted
    qint64 existingChosen() const { return m_existingChosen; } // id when "Open existing" was used

    Ui::PatientDialog &form() { return *m_ui; } // for tests

    void accept() override;
    void reject() override; // keeps what was typed as a draft (ui/drafts.h)

private:
    domain::Patient fromForm() const;
    void load(const domain::Patient &p);
    std::vector<domain::FieldError> problems(domain::Patient &p) const;
    void showErrors(const std::vector<domain::FieldError> &errors, bool onlyTouched);
    void focusFirst(const std::vector<domain::FieldError> &errors);
    void validateTouched();
    bool warnIfDuplicate(const domain::Patient &p);
    bool warnUnchecked(const QString &error); // the duplicate check itself failed
    QLabel *messageLabel(const QString &field) const;
    QWidget *fieldWidget(const QString &field) const;
    Result<int> reloadStored();

    std::unique_ptr<Ui::PatientDialog> m_ui;
    services::PatientService &m_service;
    domain::Patient m_original;
    domain::Patient m_saved;
    qint64 m_existingChosen = 0;
    static constexpr qint64 uncheckedAcknowledged = -2;
    qint64 m_duplicateAcknowledged = -1; // id of the match the user chose to register past
    QSet<QString> m_touched;
    FormDraft *m_draft = nullptr;
    StaleOffer *m_stale = nullptr;
};

} // namespace painmdt::ui
