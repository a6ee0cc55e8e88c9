#include "services/databasecopy.h"
#include "storage/dialect.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QUuid>
#include <spdlog/spdlog.h>

#include <unistd.h>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QObject::tr(text); }

bool taken(const QString &path) { return QFileInfo(path).exists() || QFileInfo(path).isSymLink(); }

} // namespace

Result<storage::CopySummary> copyDatabase(storage::Database &from, const StampSource &session, const QString &to,
                                          const storage::CopyProgress &progress)
{
    if (Status allowed = session.require(domain::Action::BackUp); !allowed)
        return allowed.failure();
    if (to == from.location())
        return Error{tr("The copy and its source are the same database.")};
    const bool file = !storage::isServerLocation(to);
    if (file && taken(to))
        return Error{tr("%1 already exists; a copy goes only into a new database. Give a new file name.").arg(to)};
    // A file is built under a name of its own and linked into place only when whole: a copy that
    // fails, is killed or loses a race leaves nothing at `to`, and never removes what another made.
    const QString building =
        file ? to + QStringLiteral(".copying-") + QUuid::createUuid().toString(QUuid::Id128).left(12) : to;
    auto opened = storage::Database::open(building, storage::OpenMode::CreateIfMissing);
    if (!opened)
        return opened.failure();
    std::shared_ptr<storage::Database> target = std::move(opened.value()); // the only owner: reset() closes it
    auto copied = storage::copyDatabase(from, *target, progress);
    target.reset(); // closed (its write-ahead log folded in) before the file is moved or removed
    if (!copied) {
        if (file) // a server database keeps the empty schema it was given
            storage::Database::removeFiles(building);
        return copied.failure();
    }
    if (file) {
        const bool placed = ::link(QFile::encodeName(building).constData(), QFile::encodeName(to).constData()) == 0;
        storage::Database::removeFiles(building);
        if (!placed)
            return Error{tr("%1 appeared while the copy was being made, or cannot be written; the copy was not kept.")
                             .arg(to)};
    }
    qint64 rows = 0;
    for (const auto &table : copied->tables)
        rows += table.rows;
    spdlog::info("database copied: {} tables, {} rows, {} audit rows", copied->tables.size(), rows, copied->auditRows);
    return copied;
}

} // namespace painmdt::services
