#pragma once
// Synthetic, believable demo data (issue 2): deterministic for a seed, NHS numbers only from the
// 999 test range, invented names, plausible ages and postcodes. Later issues add referrals,
// assessments, contacts and attendances here.
#include "domain/result.h"

#include <QDate>

#include <functional>
#include <optional>

namespace painmdt::storage { class Database; }

namespace painmdt::interchange {

struct DemoOptions {
    int patients = 2000;
    // About this many referrals over two years; default: what a roaming team receives (a few
    // thousand a year), at most half of the patients.
    std::optional<int> referrals;
    quint64 seed = 1;
    QDate today = QDate::currentDate(); // ages are drawn relative to this
    std::function<bool(int done, int total)> progress; // return false to cancel
};

struct DemoSummary {
    int patients = 0;
    int referrals = 0;
    int assessments = 0;
    int contacts = 0;
    int attendances = 0;
};

// The demo database's accounts, one per role, all with demoPassword; shown on the demo's log-in
// screen and in the README, so a newcomer gets in without reading anything.
struct DemoAccount {
    const char *userName;
    const char *role; // domain::roleCode
};
inline constexpr DemoAccount demoAccounts[] = {
    {"demo.admin", "admin"}, {"demo.triage", "triage"}, {"demo.clinician", "clinician"},
    {"demo.manager", "manager"}, {"demo.readonly", "read_only"}};
inline constexpr const char *demoPassword = "painmdt-demo";

// Writes into an empty database (refuses one that already has patients), in one transaction,
// with the demo accounts (demo.admin becomes the first administrator when there is none yet).
Result<DemoSummary> generateDemo(storage::Database &db, const DemoOptions &options);

} // namespace painmdt::interchange
