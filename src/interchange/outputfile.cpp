#include "interchange/outputfile.h"
#include "storage/dialect.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/stat.h>
#include <unistd.h>

namespace painmdt::interchange {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("OutputFile", text); }

// The path with every link followed, also for a file that does not exist yet (its folder is
// resolved) and for a dangling link (its target is where a write would go).
QString resolved(const QString &path)
{
    QString current = QFileInfo(path).absoluteFilePath();
    for (int hops = 0; hops < 40 && QFileInfo(current).isSymLink(); ++hops)
        current = QFileInfo(current).symLinkTarget();
    const QFileInfo info(current);
    if (info.exists())
        return info.canonicalFilePath();
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (folder.isEmpty() ? info.absolutePath() : folder) + QLatin1Char('/') + info.fileName();
}

// Same file on disk: also catches a hard link, which no path comparison can.
bool sameFile(const QString &a, const QString &b)
{
    if (resolved(a) == resolved(b))
        return true;
    struct stat sa {}, sb {};
    return ::stat(QFile::encodeName(a).constData(), &sa) == 0 && ::stat(QFile::encodeName(b).constData(), &sb) == 0
           && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool isStream(const QString &path)
{
    struct stat s {};
    return ::stat(QFile::encodeName(path).constData(), &s) == 0 && (S_ISCHR(s.st_mode) || S_ISFIFO(s.st_mode));
}

} // namespace

QStringList databaseFiles(const QString &databasePath)
{
    // SQLite keeps its companions beside the file it opened: after links, the real one. The team
    // server's database is no file here.
    QStringList files;
    if (storage::isServerLocation(databasePath))
        return files;
    for (const QString &base : {databasePath, resolved(databasePath)}) {
        files << base;
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            files << base + QLatin1String(suffix);
    }
    files.removeDuplicates();
    return files;
}

Status checkOutputPath(const QString &option, const QString &output, const QStringList &inputs)
{
    if (output.isEmpty())
        return Error{tr("%1 needs a file name.").arg(option)};
    if (QFileInfo(resolved(output)).isDir())
        return Error{tr("%1 %2 is a folder; give the name of a file to write.").arg(option, output)};
    for (const QString &input : inputs)
        if (!input.isEmpty() && sameFile(output, input))
            return Error{tr("%1 %2 would overwrite %3, which this command reads; nothing was done. "
                            "Give another file name.").arg(option, output, input)};
    QFile existing(resolved(output));
    if (existing.open(QIODevice::ReadOnly) && existing.read(16) == QByteArray("SQLite format 3", 16))
        return Error{tr("%1 %2 is a database; PainMDT never writes a report or rejects file over one. Give another "
                        "file name.").arg(option, output)};
    return success();
}

Status checkStandardOutput(const QStringList &inputs)
{
    struct stat out {};
    if (::fstat(STDOUT_FILENO, &out) != 0 || !S_ISREG(out.st_mode))
        return success(); // a terminal or a pipe
    for (const QString &input : inputs) {
        struct stat in {};
        if (::stat(QFile::encodeName(input).constData(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
            return Error{tr("standard output is %1, which this command reads; nothing was done. Use --out FILE, or "
                            "redirect to another file.").arg(input)};
    }
    return success();
}

Status writeWholeFile(const QString &path, const QByteArray &bytes)
{
    if (isStream(path)) {
        QFile stream(path);
        if (!stream.open(QIODevice::WriteOnly) || stream.write(bytes) != bytes.size() || !stream.flush())
            return Error{tr("Cannot write %1: %2").arg(path, stream.errorString())};
        return success();
    }
    QSaveFile file(path);
    const auto failed = [&] {
        return Error{tr("Cannot write %1: %2. Check the free space and your permissions.")
                         .arg(path, file.errorString())};
    };
    if (!file.open(QIODevice::WriteOnly))
        return failed();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // patient data: owner-only, always
    if (file.write(bytes) != bytes.size() || !file.flush())
        return failed(); // destroying the unsaved QSaveFile removes its temporary file
    if (!file.commit())
        return failed();
    return success();
}

} // namespace painmdt::interchange
