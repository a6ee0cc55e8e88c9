#pragma once
// Settings the whole team shares, read by anyone and changed by an administrator through the
// door (audited with the old and new value).
#include "services/door.h"
#include "storage/settingsrepository.h"

namespace painmdt::services {

// The app locks itself after this long without a key press or a mouse movement.
inline constexpr int defaultIdleLockMinutes = 10;
inline constexpr int maxIdleLockMinutes = 240;

class SettingsService {
public:
    SettingsService(storage::Database &db, StampSource session);

    Result<int> idleLockMinutes();
    Status setIdleLockMinutes(int minutes); // 1 to maxIdleLockMinutes
    // A demo database of invented patients (painmdt demo), so screens can say so.
    Result<bool> isDemo();
    Status markAsDemo(); // the demo generator, in its own transaction

private:
    storage::SettingsRepository m_settings;
    Door m_door;
};

} // namespace painmdt::services
