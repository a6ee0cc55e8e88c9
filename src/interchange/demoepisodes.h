#pragma once
// Demo referrals for one patient: sources, priorities, STarT Back answers landing in every
// stratum (some incomplete), pathways, first contacts and check-ins, discharges.
#include "domain/result.h"
#include "interchange/demogenerator.h"
#include "interchange/demorandom.h"
#include "services/referralservice.h"

namespace painmdt::interchange {

Status addDemoEpisodes(services::ReferralService &service, Rng &rng, const domain::Patient &patient,
                       const QDate &today, DemoSummary &summary);

} // namespace painmdt::interchange
