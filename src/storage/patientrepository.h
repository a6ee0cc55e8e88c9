#pragma once
// The only code that reads and writes the patient table. Returns domain values; callers write
// through services::PatientService, which adds the change log and the rules.
#include "domain/patient.h"
#include "domain/patientsearch.h"
#include "domain/result.h"
#include "storage/changelog.h"

#include <QSqlQuery>
#include <optional>
#include <vector>

namespace painmdt::storage {

class Database;

class PatientRepository {
public:
    explicit PatientRepository(Database &db); // must not outlive db
    // The stored patient_ref equal to `ref` but for case, or "" (see sqlvalues.h).
    Result<QString> refInOtherCase(const QString &ref);

    Maybe<domain::Patient> byId(qint64 id);              // deleted ones too
    Maybe<domain::Patient> byRef(const QString &patientRef); // deleted ones too
    // The patients among these ids or refs (deleted ones too), in no order: a bulk import's batch
    // reads only what the attach rules need.
    Many<domain::PatientLifetime> lifetimes(const QList<qint64> &ids);
    Many<domain::PatientLifetime> lifetimesByRef(const QStringList &refs);
    Maybe<domain::Patient> liveByNhsNumber(const QString &digits);
    // The patient with this NHS number: the live one, else the most recently registered removed one.
    Maybe<domain::Patient> byNhsNumber(const QString &digits);
    // The earliest date on the patient's referrals and assessments (invalid when none): a date of
    // birth may not move after it.
    Result<QDate> earliestRecordOn(qint64 patientId);
    // Live patients with the same name keys and date of birth, other than `p` itself.
    Many<domain::Patient> sameNameAndBirth(const domain::Patient &p);

    // Live patients matching every term, in name order, at most `limit`.
    Many<domain::Patient> search(const std::vector<domain::SearchTerm> &terms, int limit);
    // How many live patients match, counting no further than `cap` (cap + 1 means "more").
    Result<int> count(const std::vector<domain::SearchTerm> &terms, int cap = 1'000'000'000);

    // What the search box needs: the first `limit` patients, and whether there are more.
    // Counting every match would cost more than the search; "type more" is the useful answer.
    using Found = domain::PatientMatches;
    Result<Found> find(const std::vector<domain::SearchTerm> &terms, int limit);

    Result<qint64> insert(const domain::Patient &p, const Stamp &stamp);
    // Fails when p.rowVersion is not the stored one (someone else saved first).
    Status update(const domain::Patient &p, const Stamp &stamp);
    Status setDeleted(qint64 id, int rowVersion, const QString &reason, const Stamp &stamp);

    // An unused local reference for a patient registered without one: "PM" and a number.
    Result<QString> nextLocalRef();

    // Column -> value, as the change log stores them.
    // The latest contact_on of any of the patient's referrals (invalid when none).
    Result<QDate> lastContactOn(qint64 patientId);

    static QVariantMap columns(const domain::Patient &p);

private:
    // Above this many candidates a term is checked while walking the name index instead.
    static constexpr int fewCandidates = 2000;

    // The WHERE clauses for one search: listing and counting want different plans.
    struct Plan {
        QString listWhere;
        QVariantList listValues;
        QString countWhere;
        QVariantList countValues;
    };

    Result<Plan> plan(const std::vector<domain::SearchTerm> &terms);
    Many<domain::Patient> list(const Result<Plan> &plan, int limit);
    Result<int> countUpTo(const QString &idQuery, const QVariantList &values, int cap);

    Database &m_db;
    QSqlQuery &m_byRef;   // prepared once: imports look up every row
    QSqlQuery &m_byNhsNumber;
    QSqlQuery &m_insert;
};

} // namespace painmdt::storage
