#pragma once
// `painmdt copy` (issue 12, "Moving up"; docs/adr/0024): a team's whole database, audit trail
// included, from a laptop's SQLite file to the team server, or back. Administrators only.
#include "services/actor.h"
#include "storage/databasecopy.h"

namespace painmdt::services {

// Copies `from` into the new database at `to` (a file not yet there, or an empty server
// database); storage::copyDatabase says what is checked. A file is made under a name of its own
// and linked to `to` only once whole (nothing is ever left, or removed, at `to` on failure); a
// server database keeps the empty schema it was given. Requires domain::Action::BackUp on `from`.
Result<storage::CopySummary> copyDatabase(storage::Database &from, const StampSource &session, const QString &to,
                                const storage::CopyProgress &progress = {});

} // namespace painmdt::services
