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
};

// Writes into an empty database (refuses one that already has patients), in one transaction.
Result<DemoSummary> generateDemo(storage::Database &db, const DemoOptions &options);

} // namespace painmdt::interchange
