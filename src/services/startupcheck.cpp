#include "services/startupcheck.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace painmdt::services {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("StartupCheck", text); }

StartupCheck::Finding quickCheck(const QString &location)
{
    auto db = storage::Database::open(location, storage::OpenMode::MustExist);
    if (!db)
        return {false, tr("PainMDT could not check %1 at start: %2").arg(QFileInfo(location).fileName(), db.error())};
    const Status sound = db.value()->quickCheck();
    if (sound)
        return {};
    if (sound.failure().fault)
        return {false, tr("PainMDT could not check %1 at start: %2").arg(QFileInfo(location).fileName(), sound.error())};
    return {true, tr("PainMDT found damage in %1 when it opened it, and will not write to it: saving anything would "
                     "make the damage worse. You can still read it; do not use it for new work.")
                      .arg(QFileInfo(location).fileName())};
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

StartupCheck::Finding StartupCheck::result() const
{
    return m_answer.get();
}

void StartupCheck::guard(storage::Database &db) const
{
    db.setWriteGate([answer = m_answer]() -> Status {
        if (const Finding &f = answer.get(); f.damaged)
            return Error{f.problem, false, true};
        return success();
    });
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
