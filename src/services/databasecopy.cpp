#include "services/databasecopy.h"

#include <QObject>
#include <spdlog/spdlog.h>

namespace painmdt::services {

Result<storage::CopySummary> copyDatabase(storage::Database &from, const StampSource &session, const QString &to,
                                          const storage::CopyProgress &progress)
{
    if (Status allowed = session.require(domain::Action::BackUp); !allowed)
        return allowed.failure();
    if (to == from.location())
        return Error{QObject::tr("The copy and its source are the same database.")};
    auto opened = storage::Database::open(to, storage::OpenMode::CreateIfMissing);
    if (!opened)
        return opened.failure();
    std::shared_ptr<storage::Database> target = opened.value();
    auto copied = storage::copyDatabase(from, *target, progress);
    if (!copied) {
        const bool made = target->createdNow();
        target.reset(); // closed before its files go
        if (made)
            storage::Database::removeFiles(to);
        return copied.failure();
    }
    qint64 rows = 0;
    for (const auto &table : copied->tables)
        rows += table.rows;
    spdlog::info("database copied: {} tables, {} rows, {} audit rows", copied->tables.size(), rows, copied->auditRows);
    return copied;
}

} // namespace painmdt::services
