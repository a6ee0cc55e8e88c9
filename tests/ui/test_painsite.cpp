// Hazard H22: STarT Back is validated for low back pain only. The referral records where the pain
// is; for another site the referral form says so, and the triage form warns before any answer
// and pre-selects no pathway from the stratum.
#include "support/testsupport.h"
#include "ui/uitestsupport.h"

#include "services/referralservice.h"
#include "ui/referraldialog.h"
#include "ui/startbackform.h"
#include "ui/triagepage.h"
#include "ui_referraldialog.h"

#include <QComboBox>
#include <QLabel>

using namespace painmdt;

namespace {

struct SiteFixture : test::UiFixture {
    test::FixedToday today;
    domain::Patient jane;
    SiteFixture()
    {
        useReferrals();
        jane = add("Smith", "Jane", QDate(1960, 3, 12), "9990000018", "RX100");
    }
    domain::Referral referred(const QString &site)
    {
        domain::Referral r = refer(jane, site.isEmpty() ? "R-NONE" : "R-SITE", QDate(2026, 11, 1));
        r.painSite = site;
        const auto saved = referrals->update(r);
        REQUIRE(saved.ok());
        return *saved.value;
    }
};

const domain::Answers high{0, 0, 0, 0, 1, 1, 1, 1, 0}; // Total 4, Psychosocial 4: High

} // namespace

TEST_CASE("Pain sites: the contract's codes, and only low back (or not recorded) is within STarT Back's validation",
          "[domain][painsite]")
{
    CHECK(domain::painSites().contains(QStringLiteral("low_back")));
    CHECK(domain::startBackValidatedFor(QString()));
    CHECK(domain::startBackValidatedFor(QStringLiteral("low_back")));
    for (const QString &site : domain::painSites())
        if (site != QLatin1String("low_back"))
            CHECK_FALSE(domain::startBackValidatedFor(site));
    CHECK(domain::codeLabel(QStringLiteral("neck_shoulder")) == QStringLiteral("Neck or shoulder"));
}

TEST_CASE("The referral form records the pain site, says when STarT Back does not fit it, and refuses a made-up one",
          "[ui][painsite]")
{
    SiteFixture f;
    ui::ReferralDialog dialog(*f.referrals, f.jane, domain::Referral{});
    auto &form = dialog.form();
    CHECK(form.painSiteEdit->currentText() == QStringLiteral("Not recorded"));
    CHECK(form.painSiteMessage->text().isEmpty());
    form.painSiteEdit->setCurrentIndex(form.painSiteEdit->findData(QStringLiteral("widespread")));
    CHECK(form.painSiteMessage->text().contains(QStringLiteral("validated for low back pain only")));
    form.painSiteEdit->setCurrentIndex(form.painSiteEdit->findData(QStringLiteral("low_back")));
    CHECK(form.painSiteMessage->text().isEmpty());
    form.painSiteEdit->setCurrentIndex(form.painSiteEdit->findData(QStringLiteral("neck_shoulder")));
    dialog.accept();
    REQUIRE(dialog.result() == QDialog::Accepted);
    const auto stored = f.referrals->byId(dialog.saved().id);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK(stored->value().painSite == QStringLiteral("neck_shoulder"));

    domain::Referral invented = f.refer(f.jane, "R-BAD", QDate(2026, 11, 2));
    invented.painSite = QStringLiteral("elbow");
    const auto refused = f.referrals->update(invented);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem.summary().contains(QStringLiteral("pain_site")));
}

TEST_CASE("The triage form warns before scoring when the pain is not low back pain, and pre-selects nothing",
          "[ui][painsite]")
{
    SiteFixture f;
    ui::TriageForm triage(*f.referrals);
    triage.load(f.referred(QStringLiteral("widespread")), f.jane);
    REQUIRE_FALSE(triage.painSiteWarning()->isHidden());
    CHECK(triage.painSiteWarning()->text().contains(QStringLiteral("widespread pain")));
    CHECK(triage.painSiteWarning()->text().contains(QStringLiteral("validated for low back pain only")));
    triage.startBack()->setAnswers(high);
    emit triage.startBack()->changed();
    CHECK(triage.pathwayBox()->currentIndex() == -1); // the clinician chooses

    ui::TriageForm lowBack(*f.referrals);
    lowBack.load(f.referred(QString()), f.jane);
    CHECK(lowBack.painSiteWarning()->isHidden());
    lowBack.startBack()->setAnswers(high);
    emit lowBack.startBack()->changed();
    CHECK(lowBack.pathwayBox()->currentData().toString() == QStringLiteral("psych_informed_physio"));
}
