#pragma once
// Record a contact on a referral under the patient banner: date (today), mode (as the
// referral's last contact, else phone), outcome (attended), staff (the current user), duration,
// next due, note. Enter or Ctrl+Enter saves; problems show beside their field, never in a box.
// A missed contact is recorded as "Did not attend" only when the user chooses it.
#include "domain/patient.h"
#include "domain/referral.h"

#include <QDialog>
#include <memory>

namespace Ui { class ContactDialog; }
class QLabel;
class QWidget;

namespace painmdt::services { class ReferralService; }

namespace painmdt::ui {

class ContactDialog : public QDialog {
    Q_OBJECT
public:
    ContactDialog(services::ReferralService &service, const domain::Referral &referral,
                  const domain::Patient &patient, QWidget *parent = nullptr);
    ~ContactDialog() override;

    domain::Contact saved() const { return m_saved; } // valid after Accepted
    Ui::ContactDialog &form() { return *m_ui; }      // for tests

    void accept() override;

private:
    void fillChoices();
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
};

} // namespace painmdt::ui
