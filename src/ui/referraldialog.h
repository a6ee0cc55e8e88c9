#pragma once
// Register, edit or discharge one referral under the patient banner. New referrals start with
// received today, source GP, priority routine; a blank referral ref is assigned on saving
// ("RF" + date and time). Discharge shows only the discharge date (today) and a required reason.
// Problems show beside their field, never in a box; Enter or Ctrl+Enter saves, Esc cancels.
#include "domain/patient.h"
#include "domain/referral.h"
#include "domain/result.h"

#include <QDialog>
#include <memory>

namespace Ui { class ReferralDialog; }
class QLabel;
class QWidget;

namespace painmdt::services { class ReferralService; }

namespace painmdt::ui {

class FormDraft;
class StaleOffer;

class ReferralDialog : public QDialog {
    Q_OBJECT
public:
    enum class Mode { Edit, Discharge };

    // A referral with id 0 registers a new one for `patient` (Mode::Edit only).
    ReferralDialog(services::ReferralService &service, const domain::Patient &patient,
                   const domain::Referral &referral, Mode mode = Mode::Edit, QWidget *parent = nullptr);
    ~ReferralDialog() override;

    // Convenience for the discharge form.
    static std::unique_ptr<ReferralDialog> discharge(services::ReferralService &service, const domain::Patient &patient,
                                                     const domain::Referral &referral, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    domain::Referral saved() const { return m_saved; } // valid after Accepted
    Ui::ReferralDialog &form() { return *m_ui; }      // for tests

    void accept() override;
    void reject() override; // keeps what was typed as a draft (ui/drafts.h)

    // "RF" + yyyyMMddHHmmss of `now`, with "-2", "-3"... when that ref is already used.
    static QString assignRef(services::ReferralService &service, const QDateTime &now);

private:
    void load(const domain::Referral &r);
    domain::Referral fromForm() const;
    Result<int> reloadStored();
    void showSummary(const domain::Referral &referral);
    std::vector<domain::FieldError> problems(domain::Referral &r) const;
    void showErrors(const std::vector<domain::FieldError> &errors);
    void updatePriorityMessage();
    void updatePainSiteMessage();
    QLabel *messageLabel(const QString &field) const;
    QWidget *fieldWidget(const QString &field) const;

    std::unique_ptr<Ui::ReferralDialog> m_ui;
    services::ReferralService &m_service;
    domain::Patient m_patient;
    domain::Referral m_original;
    domain::Referral m_saved;
    Mode m_mode;
    FormDraft *m_draft = nullptr;
    StaleOffer *m_stale = nullptr;
};

} // namespace painmdt::ui
