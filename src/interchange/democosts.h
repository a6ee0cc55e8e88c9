#pragma once
// The demo's hospital and GP use and its costs (issue 10): the example tariff, two years of
// service cost, and for three in a hundred of the people seen (the frequent attenders) a history of A&E visits, admissions,
// outpatient and GP appointments in the year before the team's first contact and after it, which
// mostly falls (some stay the same, some rise), so the demo's cost-savings report reads like a
// real service's.
#include "domain/result.h"
#include "interchange/demogenerator.h"
#include "services/actor.h"

namespace painmdt::storage { class Database; }

namespace painmdt::interchange {

Status addDemoCosts(storage::Database &db, const services::StampSource &stamps, const QDate &today, DemoSummary &summary);

} // namespace painmdt::interchange
