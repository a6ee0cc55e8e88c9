#pragma once
// Log a check-in (a contact) on a referral under the patient banner: date (today) and time (now),
// mode and duration (as the referral's last contact), outcome (attended), staff (the current
// user), the next check-in (the same gap as last time, else two weeks), the note. The earlier
// contacts and their notes are shown read-only below. Enter or Ctrl+Enter saves; problems show
// beside their field, never in a box. "Did not attend" is recorded only when the user chooses it.
#include "domain/patient.h"
#include "domain/referral.h"

#include <QDialog>
#include <memory>

namespace Ui { class ContactDialog; }
class QLabel;
class QWidget;

namespace painmdt::services { class ReferralService; }

namespace painmdt::ui {

class FormDraft;

class ContactDialog : public QDialog {
    Q_OBJECT
public:
    ContactDialog(services::ReferralService &service, const domain::Referral &referral,
                  const domain::Patient &patient, QWidget *parent = nullptr);
    ~ContactDialog() override;

    domain::Contact saved() const { return m_saved; } // valid after Accepted
    Ui::ContactDialog &form() { return *m_ui; }      // for tests

    void accept() override;
    void reject() override; // keeps what was typed as a draft (ui/drafts.h)

private:
    void fillChoices();
    static QString previousContacts(const std::vector<domain::Contact> &contacts);
    domain::Contact fromForm() const;
    std::vector<domain::FieldError> problems(domain::Contact &c) const;
    void showErrors(const std::vector<domain::FieldError> &errors);
    QLabel *messageLabel(const QString &field) const;
    QWidget *fieldWidget(const QString &field) const;

    std::unique_ptr<Ui::ContactDialog> m_ui;
    services::ReferralService &m_service;
    domain::Referral m_referral;
    domain::Contact m_saved;
    QString m_outcomeHint;
    FormDraft *m_draft = nullptr;
};

} // namespace painmdt::ui
