#pragma once
// Alerts for answers saved before alerts existed (hazard H9): part of migration 14.
#include "domain/result.h"

namespace painmdt::storage {

class Database;

// Raises, for every live administration, each alert its instrument version's rules (built-in or
// imported definition) say its answers set off and that it does not have yet, audited as
// "PainMDT (upgrade)". Runs inside the migration's transaction.
Status backfillAlerts(Database &db);

} // namespace painmdt::storage
