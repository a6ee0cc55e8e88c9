#pragma once
// Alerts raised by questionnaire answers (schema 13; hazard H9). Writes go through
// services::AssessmentService. An alert on an administration withdrawn as entered in error is
// not listed: the answers it came from no longer count.
#include "domain/assessment.h"
#include "domain/result.h"
#include "storage/changelog.h"

namespace painmdt::storage {

class Database;

class AlertRepository {
public:
    explicit AlertRepository(Database &db) : m_db(db) {}
    // Newest administration first; `openOnly`: those not yet acknowledged.
    Many<domain::AssessmentAlert> forPatient(qint64 patientId, bool openOnly);
    Maybe<domain::AssessmentAlert> byId(qint64 id);
    Maybe<domain::AssessmentAlert> find(qint64 assessmentId, const QString &rule);
    Result<qint64> insert(const domain::AssessmentAlert &a, const Stamp &stamp);
    Status acknowledge(const domain::AssessmentAlert &a, const QString &note, const Stamp &stamp); // checks a.rowVersion
    // Open again with a new answer (changed answers set the rule off again); checks a.rowVersion.
    Status reopen(const domain::AssessmentAlert &a, std::optional<int> answer, const Stamp &stamp);
    static QVariantMap columns(const domain::AssessmentAlert &a);

private:
    Database &m_db;
};

} // namespace painmdt::storage
