#pragma once
// What the entry points (the GUI, the command line) need of a database file: to open it and hand
// it to the services. They never reach inside it: the services are the only door (issue 7), and
// the layering check keeps storage headers out of src/ui, src/cli and src/app.
#include "storage/database.h"
#include "storage/dialect.h"

#include <memory>

namespace painmdt::services {

using storage::Database;
using storage::OpenMode;

// See storage::Database::open: what is refused, and the messages.
inline Result<std::shared_ptr<Database>> openDatabase(const QString &location, OpenMode mode = OpenMode::CreateIfMissing)
{
    return Database::open(location, mode);
}

// A `postgresql://` address of the team server, not a file (ADR 0023).
inline bool isServerLocation(const QString &location)
{
    return storage::isServerLocation(location);
}

} // namespace painmdt::services
