#include "services/startupcheck.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("StartupCheck", text); }

Status quickCheck(const QString &location)
{
    auto db = storage::Database::open(location, storage::OpenMode::MustExist);
    if (!db)
        return db.failure();
    if (Status sound = db.value()->quickCheck(); !sound)
        return Error{tr("PainMDT found damage in %1 when it opened it, and will not write to it: saving anything "
                        "would make the damage worse. You can still read it; do not use it for new work.")
                         .arg(QFileInfo(location).fileName()), false, true};
    return success();
}

} // namespace

StartupCheck::StartupCheck(QString location)
    : m_location(std::move(location)), m_answer(std::async(std::launch::async, quickCheck, m_location).share())
{
}

StartupCheck::~StartupCheck()
{
    m_answer.wait();
}

bool StartupCheck::finished() const
{
    return m_answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

Status StartupCheck::result() const
{
    return m_answer.get();
}

void StartupCheck::guard(storage::Database &db) const
{
    db.setWriteGate([answer = m_answer] { return answer.get(); });
}

QString restoreAdvice(const QString &location, const QString &newestBackup)
{
    const QString restored = QFileInfo(location).dir().filePath(QFileInfo(location).completeBaseName()
                                                                 + QStringLiteral("-restored.sqlite"));
    return newestBackup.isEmpty()
               ? tr("Restore the latest backup into a new file, check it, and open that instead:\n"
                    "  painmdt restore --in BACKUP --db %1 --passphrase-file FILE\n"
                    "Keep the damaged file for your supplier; `painmdt check --db %2` lists what is wrong.")
                     .arg(restored, location)
               : tr("Restore the latest backup (%1) into a new file, and open that instead:\n"
                    "  painmdt restore --in %1 --db %2 --passphrase-file FILE\n"
                    "Keep the damaged file for your supplier; `painmdt check --db %3` lists what is wrong.")
                     .arg(newestBackup, restored, location);
}

} // namespace painmdt::services
