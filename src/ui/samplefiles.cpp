#include "ui/samplefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace painmdt::ui {

QString sampleFilesFolder()
{
    // Installed (/usr/share/painmdt/examples), then the source tree this program was built from.
    QStringList candidates = QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                                       QStringLiteral("painmdt/examples"), QStandardPaths::LocateDirectory);
    candidates << QStringLiteral(PAINMDT_SOURCE_EXAMPLES);
    for (const QString &folder : candidates)
        if (QFileInfo::exists(folder + QStringLiteral("/patients.csv")))
            return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    return {};
}

} // namespace painmdt::ui
