#pragma once
// Questionnaire administrations and the instrument definitions a service imported.
#include "domain/assessment.h"
#include "domain/instrument.h"
#include "domain/result.h"
#include "storage/changelog.h"

#include <QDateTime>

#include <QSqlQuery>
#include <optional>
#include <vector>

namespace painmdt::storage {

class Database;

class AssessmentRepository {
public:
    explicit AssessmentRepository(Database &db); // must not outlive db
    // The stored assessment_ref equal to `ref` but for case, or "" (see sqlvalues.h).
    Result<QString> refInOtherCase(const QString &ref);

    Maybe<domain::Assessment> byId(qint64 id);
    Maybe<domain::Assessment> byRef(const QString &assessmentRef);
    // The same administration imported again without a ref: patient, instrument, occasion, date,
    // answers; a live one first, else one withdrawn (or corrected) since.
    Maybe<domain::Assessment> sameAssessment(const domain::Assessment &a);
    Many<domain::Assessment> forPatient(qint64 patientId);
    // The latest administration of `instrument` for a referral (by date, then entry order).
    Maybe<domain::Assessment> latestFor(qint64 referralId, const QString &instrument);

    Result<qint64> insert(const domain::Assessment &a, const Stamp &stamp);
    Status update(const domain::Assessment &a, const Stamp &stamp);

    // Definitions imported by the service (built-in ones come from resources), oldest first.
    struct ImportedDefinition {
        QByteArray json;
        QString importedBy;
        QDateTime importedAt; // UTC
    };
    Many<ImportedDefinition> importedDefinitions();
    // Adds a new version (never replaces one); returns its row id for the change log.
    Result<qint64> saveDefinition(const domain::InstrumentDefinition &definition, const QByteArray &json, const Stamp &stamp);

    static QVariantMap columns(const domain::Assessment &a);
    static QString scoresJson(const domain::ScoreResult &result);

private:
    Database &m_db;
    QSqlQuery &m_byRef;
    QSqlQuery &m_same;
    QSqlQuery &m_insert;
};

} // namespace painmdt::storage
