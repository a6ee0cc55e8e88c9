#pragma once
// Flags on patients (schema 10). Writes go through services::PatientService.
#include "domain/patient.h"
#include "domain/result.h"
#include "storage/changelog.h"

namespace painmdt::storage {

class Database;

class FlagRepository {
public:
    explicit FlagRepository(Database &db) : m_db(db) {}
    Many<domain::PatientFlag> openFlags(qint64 patientId); // oldest first
    Many<domain::PatientFlag> allFlags(qint64 patientId);  // cleared ones too, oldest first
    Maybe<domain::PatientFlag> byId(qint64 id);
    Result<qint64> insert(const domain::PatientFlag &f, const Stamp &stamp);
    Status clear(const domain::PatientFlag &f, const Stamp &stamp); // checks f.rowVersion
    static QVariantMap columns(const domain::PatientFlag &f);

private:
    Database &m_db;
};

} // namespace painmdt::storage
