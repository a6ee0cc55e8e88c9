#include "ui/samplefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace painmdt::ui {

QString sampleFilesFolder()
{
    QStringList candidates = QStandardPaths::locateAll(QStandardPaths::GenericDataLocation,
                                                       QStringLiteral("doc/painmdt/examples"), QStandardPaths::LocateDirectory);
    // A build tree: build/<type>/src/painmdt, three levels below the source's examples/.
    candidates << QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../../../examples"));
    for (const QString &folder : candidates)
        if (QFileInfo::exists(folder + QStringLiteral("/patients.csv")))
            return QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    return {};
}

} // namespace painmdt::ui
