#pragma once
// Questionnaire administrations: scored by the instrument's definition when saved, the raw
// answers and the scoring version kept. Also the registry of instrument definitions: the
// built-in ones plus those a service imported (validated, no code change).
#include "domain/assessment.h"
#include "domain/instrument.h"
#include "services/actor.h"
#include "services/patientrules.h"
#include "services/patientservice.h"
#include "storage/alertrepository.h"
#include "storage/assessmentrepository.h"
#include "storage/referralrepository.h"

#include <map>

namespace painmdt::services {

class AssessmentService {
public:
    AssessmentService(storage::Database &db, StampSource stamps = StampSource());

    // The newest version of each instrument, built-in or imported.
    const domain::InstrumentDefinition *instrument(const QString &code) const;
    // One version of an instrument (an assessment is always scored by the version it was
    // scored with); nullptr when unknown.
    const domain::InstrumentDefinition *instrument(const QString &code, const QString &version) const;
    QStringList instrumentCodes() const;
    // Every version of an instrument, newest first.
    std::vector<const domain::InstrumentDefinition *> versions(const QString &code) const;

    struct ImportedDefinition {
        domain::InstrumentDefinition definition;
        bool unchanged = false; // exactly this version was imported before
    };
    // Validates and stores a definition file; the instrument is usable at once. Refuses to
    // replace a built-in instrument, to change a stored version, or to go down a version, and
    // a definition that scores any of its worked `cases` otherwise than they say.
    Result<ImportedDefinition> importDefinition(const QByteArray &json, const std::vector<domain::ScoringCase> &cases = {});

    // Scores `a.answers` with the instrument's definition, then saves.
    SaveResult<domain::Assessment> add(domain::Assessment a);
    SaveResult<domain::Assessment> update(domain::Assessment a);
    // Alerts the answers raised (hazard H9): saving an administration, by form or import, raises
    // one per alert rule its answers set off (instrument.h "alerts"), once. A clinician
    // acknowledges one saying what was done (required), audited.
    Many<domain::AssessmentAlert> alerts(qint64 patientId, bool openOnly);
    SaveResult<domain::AssessmentAlert> acknowledgeAlert(qint64 id, int expectedVersion, const QString &whatWasDone);
    int alertsRaised() const { return m_alertsRaised; } // by this service so far (an import counts them)

    // A submitted administration is never edited: a correction saves `corrected` as a new
    // administration and withdraws the old one (at `expectedVersion`) with "Corrected: reason",
    // together or not at all. The reason is required.
    SaveResult<domain::Assessment> correct(qint64 oldId, int expectedVersion, domain::Assessment corrected,
                                           const QString &reason);

    // Entered in error (`reason`) or live again (""), if still at `expectedVersion` (schema 12).
    SaveResult<domain::Assessment> markInError(qint64 id, int expectedVersion, const QString &reason);
    // Fills in version and result from the definition; field errors when it cannot.
    std::vector<domain::FieldError> scoreIt(domain::Assessment &a) const;

    // Reads.
    Maybe<domain::Assessment> byId(qint64 id); // also one entered in error
    Many<domain::Assessment> forPatient(qint64 patientId);
    Maybe<domain::Assessment> latestFor(qint64 referralId, const QString &instrument);
    Maybe<domain::Assessment> byRef(const QString &assessmentRef);
    // The same administration stored without a ref (re-import of a file without refs), also one
    // withdrawn or corrected since (the import then leaves it as it is).
    Maybe<domain::Assessment> sameAssessment(const domain::Assessment &a);
    // Whether the imported definitions could be read (trying again after a failure); when not,
    // nothing is scored or saved, and an import stops (a fault, not a bad row).
    Status definitionsReady();

    // Every version of every instrument, by code then version: what it is and where it came from.
    struct Registered {
        domain::InstrumentDefinition definition;
        QByteArray json;     // as imported; empty for a built-in
        bool builtIn = false;
        QString importedBy;  // imported ones
        QDateTime importedAt;
    };
    std::vector<const Registered *> registry() const;

private:
    void addDefinition(Registered registered);
    Status loadDefinitions();
    Problems checkPatient(const domain::Assessment &a);
    Problems checkNew(const domain::Assessment &a); // also its ref's case
    Status raiseAlerts(const domain::Assessment &a, const storage::Stamp &stamp, Changes &changes);

    storage::Database &m_db;
    storage::AssessmentRepository m_repo;
    storage::PatientRepository m_patients;
    storage::ReferralRepository m_referrals;
    storage::AlertRepository m_alerts;
    Door m_door;
    int m_alertsRaised = 0;
    std::map<QString, std::vector<Registered>> m_instruments; // code -> its versions, oldest first
    Status m_loaded = success();
};

} // namespace painmdt::services
