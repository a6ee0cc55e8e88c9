#include "services/settingsservice.h"

#include <QCoreApplication>

namespace painmdt::services {

namespace {

const QString idleKey = QStringLiteral("idle_lock_minutes");

} // namespace

SettingsService::SettingsService(storage::Database &db, StampSource session) : m_settings(db), m_door(db, std::move(session))
{
}

Result<int> SettingsService::idleLockMinutes()
{
    const auto stored = m_settings.value(idleKey);
    if (!stored)
        return stored.failure();
    bool ok = false;
    const int minutes = stored.value().value_or(QString()).toInt(&ok);
    return ok && minutes >= 1 && minutes <= maxIdleLockMinutes ? minutes : defaultIdleLockMinutes;
}

namespace {
const QString demoKey = QStringLiteral("database_kind");
} // namespace

Result<bool> SettingsService::isDemo()
{
    const auto stored = m_settings.value(demoKey);
    if (!stored)
        return stored.failure();
    return stored.value().value_or(QString()) == QLatin1String("demo");
}

Status SettingsService::markAsDemo()
{
    const auto saved = m_door.write<bool>(domain::Action::ConfigureService, [&](const storage::Stamp &stamp, Changes &changes) {
        if (Status s = m_settings.setValue(demoKey, QStringLiteral("demo"), stamp); !s)
            return SaveResult<bool>::failed(s.failure());
        changes.push_back({QStringLiteral("setting"), 2, storage::ChangeAction::Update, {},
                           {{demoKey, QStringLiteral("demo")}}});
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

Status SettingsService::setIdleLockMinutes(int minutes)
{
    if (minutes < 1 || minutes > maxIdleLockMinutes)
        return Error{QCoreApplication::translate("Settings", "The idle lock must be from 1 to %1 minutes.").arg(maxIdleLockMinutes)};
    const auto before = idleLockMinutes();
    const auto saved = m_door.write<bool>(domain::Action::ConfigureService, [&](const storage::Stamp &stamp, Changes &changes) {
        if (Status s = m_settings.setValue(idleKey, QString::number(minutes), stamp); !s)
            return SaveResult<bool>::failed(s.failure());
        changes.push_back({QStringLiteral("setting"), 1, storage::ChangeAction::Update,
                           {{idleKey, before ? before.value() : defaultIdleLockMinutes}}, {{idleKey, minutes}}});
        return SaveResult<bool>{true, {}};
    });
    if (!saved.ok())
        return saved.problem.error();
    return success();
}

} // namespace painmdt::services
