#pragma once
// Demo referrals for one patient: sources, priorities, STarT Back answers landing in every
// stratum (some incomplete), pathways, key workers, first contacts and check-ins at a believable
// rhythm (some slipping overdue), discharges, and a few patients flagged for the team.
#include "domain/result.h"
#include "interchange/demogenerator.h"
#include "interchange/demorandom.h"
#include "services/referralservice.h"

namespace painmdt::interchange {

// Chance, per thousand patients, of having been referred in the two years of demo data, so
// that about `referrals` referrals are made.
int referralPermille(int patients, int referrals);

Status addDemoEpisodes(services::ReferralService &service, Rng &rng, const domain::Patient &patient,
                       int permille, const QDate &today, DemoSummary &summary);

} // namespace painmdt::interchange
