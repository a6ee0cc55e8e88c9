#pragma once
// Questionnaire administrations: scored by the instrument's definition when saved, the raw
// answers and the scoring version kept. Also the registry of instrument definitions: the
// built-in ones plus those a service imported (validated, no code change).
#include "domain/assessment.h"
#include "domain/instrument.h"
#include "services/actor.h"
#include "services/patientservice.h"
#include "storage/assessmentrepository.h"

#include <map>

namespace painmdt::services {

class AssessmentService {
public:
    AssessmentService(storage::Database &db, StampSource stamps = StampSource());

    // The newest version of each instrument, built-in or imported.
    const domain::InstrumentDefinition *instrument(const QString &code) const;
    QStringList instrumentCodes() const;
    // Validates and stores a definition file; the instrument is usable at once.
    Result<domain::InstrumentDefinition> importDefinition(const QByteArray &json);

    // Scores `a.answers` with the instrument's definition, then saves.
    SaveResult<domain::Assessment> add(domain::Assessment a);
    SaveResult<domain::Assessment> update(domain::Assessment a);
    // Fills in version and result from the definition; field errors when it cannot.
    std::vector<domain::FieldError> scoreIt(domain::Assessment &a) const;

    storage::AssessmentRepository &repository() { return m_repo; }

private:
    void addDefinition(domain::InstrumentDefinition definition);

    storage::Database &m_db;
    storage::AssessmentRepository m_repo;
    storage::ChangeLog m_changes;
    StampSource m_stamps;
    std::map<QString, domain::InstrumentDefinition> m_instruments; // code -> newest definition
};

} // namespace painmdt::services
