#pragma once
// Files PainMDT writes for a user (rejects, reports, exports). Two rules, because breaking
// either destroyed data (issue 6): an output never lands on the database, its companion files
// (-wal, -shm, -journal) or an input of the same command, however the path is spelt (links,
// "..", hard links); and an output is written whole or not at all (QSaveFile), owner-only,
// because it holds patient data.
#include "domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace painmdt::interchange {

// The database file and the files SQLite keeps beside it.
QStringList databaseFiles(const QString &databasePath);

// Refuses `output` when it is, or resolves to, any of `inputs` or a folder. `option` names the
// option in the message ("--out").
Status checkOutputPath(const QString &option, const QString &output, const QStringList &inputs);

// Refuses when standard output is (redirected onto) one of `inputs`: `report > x.sqlite`.
Status checkStandardOutput(const QStringList &inputs);

// Writes `bytes` to `path` atomically: on any failure (full disk, no permission) the file is as
// it was before and the error says why. The file is readable by its owner only, even one that
// existed with wider permissions: it now holds patient data. A character
// device or pipe (/dev/stdout) is written directly: it has nothing to keep.
Status writeWholeFile(const QString &path, const QByteArray &bytes);

} // namespace painmdt::interchange
