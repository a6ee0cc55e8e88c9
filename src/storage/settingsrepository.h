#pragma once
// The team's shared settings (schema 9): one text value per key.
#include "domain/result.h"
#include "storage/changelog.h"

#include <QString>
#include <optional>

namespace painmdt::storage {

class Database;

class SettingsRepository {
public:
    explicit SettingsRepository(Database &db); // must not outlive db
    Result<std::optional<QString>> value(const QString &key);
    Status setValue(const QString &key, const QString &value, const Stamp &stamp);

private:
    Database &m_db;
};

} // namespace painmdt::storage
