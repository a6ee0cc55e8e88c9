// Hazard H26: a 999 test NHS number in a live database is marked on the banner (screen, screen
// reader and printed pages), never in the demo, where every number is one.
#include "support/testsupport.h"
#include "ui/uitestsupport.h"

#include "domain/nhsnumber.h"
#include "services/settingsservice.h"
#include "ui/mainwindow.h"
#include "ui/patientbanner.h"

#include <QLabel>

using namespace painmdt;

namespace {

bool bannerSays(const ui::PatientBanner &banner, const QString &words)
{
    for (const QLabel *label : banner.findChildren<QLabel *>())
        if (label->text().contains(words))
            return true;
    return false;
}

} // namespace

TEST_CASE("The test range is 999 000 0000 to 999 999 9999, and nothing else", "[domain][nhs]")
{
    CHECK(domain::isTestNhsNumber(QStringLiteral("9990000018")));
    CHECK(domain::isTestNhsNumber(QStringLiteral("9999999999")));
    CHECK_FALSE(domain::isTestNhsNumber(QStringLiteral("9434765919")));
    CHECK_FALSE(domain::isTestNhsNumber(QStringLiteral("999000001")));
    CHECK_FALSE(domain::isTestNhsNumber(QString()));
}

TEST_CASE("A 999 test number is marked on the banner in a live database, not in the demo", "[ui][nhs]")
{
    test::UiFixture f;
    const auto test999 = test::person(QStringLiteral("Tester"), QStringLiteral("Tina"), QDate(1970, 1, 1),
                                      QStringLiteral("9990000018"));
    const QString warning = QStringLiteral("TEST number");
    {
        ui::MainWindow live(f.db, test::adminSession());
        ui::PatientBanner banner;
        banner.setPatient(test999, QDate(2026, 11, 21));
        CHECK(bannerSays(banner, warning));
        CHECK(ui::PatientBanner::plainText(test999, QDate(2026, 11, 21)).contains(warning));
        CHECK(banner.accessibleName().contains(warning));
        auto unknown = test999;
        unknown.nhsNumber.clear();
        banner.setPatient(unknown, QDate(2026, 11, 21));
        CHECK_FALSE(bannerSays(banner, warning));
    }
    REQUIRE(services::SettingsService(*f.db, test::adminSession()).markAsDemo().ok());
    {
        ui::MainWindow demo(f.db, test::adminSession());
        ui::PatientBanner banner;
        banner.setPatient(test999, QDate(2026, 11, 21));
        CHECK_FALSE(bannerSays(banner, warning));
        CHECK_FALSE(ui::PatientBanner::plainText(test999, QDate(2026, 11, 21)).contains(warning));
    }
}
