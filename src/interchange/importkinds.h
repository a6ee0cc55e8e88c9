#pragma once
// The kinds of CSV file PainMDT imports (interchange contract), who may import each, and an
// importer for one on a given connection: the command line and the GUI's import wizard share it.
#include "domain/access.h"
#include "interchange/csvimport.h"
#include "services/actor.h"

#include <QStringList>
#include <memory>

namespace painmdt::interchange {

inline constexpr qint64 maxCsvBytes = qint64(512) * 1024 * 1024; // docs/interchange.md

// patients, referrals, contacts, assessments, attendances, tariff, service-costs.
const QStringList &rowImportKinds();
QString importKindLabel(const QString &kind); // "Hospital attendances"
domain::Action importAction(const QString &kind);

// An importer of `kind` with the services it writes through, on `db` as `session`; null for an
// unknown kind.
class ImportSession {
public:
    virtual ~ImportSession() = default;
    virtual RowImporter &importer() = 0;
};
std::unique_ptr<ImportSession> importSession(const QString &kind, storage::Database &db, const services::StampSource &session);

} // namespace painmdt::interchange
