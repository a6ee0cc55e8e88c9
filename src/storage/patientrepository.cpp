#include "storage/patientrepository.h"

#include "domain/clinicaldate.h"
#include "storage/database.h"
#include "storage/dialect.h"
#include "storage/sqlvalues.h"

#include <QSqlError>

namespace painmdt::storage {

using domain::Patient;
using domain::SearchTerm;

namespace {

const QString selectColumns = QStringLiteral(
    "SELECT id, patient_ref, nhs_number, family_name, given_name, date_of_birth, date_of_death, "
    "sex, postcode, phone, gp_practice, row_version, deleted_at, deletion_reason FROM patient ");

const QString lifetimeColumns =
    QStringLiteral("SELECT id, patient_ref, date_of_birth, date_of_death, deleted_at IS NOT NULL FROM patient WHERE ");

domain::PatientLifetime lifetimeFrom(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), domain::parseIsoDate(q.value(2).toString()),
            domain::parseIsoDate(q.value(3).toString()), q.value(4).toBool()};
}

// Key form of the upper bound of a prefix range: every key starting with `prefix` sorts
// below it, so "key >= prefix AND key < upper" can use an index. Holds on both engines because
// both compare text in byte order (the server is refused otherwise: docs/adr/0023).
QString prefixUpper(const QString &prefix)
{
    return prefix + QChar(0xFFFF);
}

Patient fromRow(const QSqlQuery &q)
{
    Patient p;
    p.id = q.value(0).toLongLong();
    p.patientRef = q.value(1).toString();
    p.nhsNumber = q.value(2).toString();
    p.familyName = q.value(3).toString();
    p.givenName = q.value(4).toString();
    p.dateOfBirth = domain::parseIsoDate(q.value(5).toString());
    p.dateOfDeath = domain::parseIsoDate(q.value(6).toString());
    p.sex = domain::parseSexCode(q.value(7).toString()).value_or(domain::Sex::NotRecorded);
    p.postcode = q.value(8).toString();
    p.phone = q.value(9).toString();
    p.gpPractice = q.value(10).toString();
    p.rowVersion = q.value(11).toInt();
    if (!q.value(12).isNull())
        p.deletedAt = QDateTime::fromString(q.value(12).toString(), Qt::ISODateWithMs);
    p.deletionReason = q.value(13).toString();
    return p;
}

// The index ranges that can match one term; each is a plain range on one indexed column.
struct Range {
    const char *column;
    QString low;
    QString high; // exclusive
};

std::vector<Range> rangesOf(const SearchTerm &t)
{
    switch (t.kind) {
    case SearchTerm::Kind::FamilyPrefix: return {{"family_key", t.text, prefixUpper(t.text)}};
    case SearchTerm::Kind::GivenPrefix: return {{"given_key", t.text, prefixUpper(t.text)}};
    case SearchTerm::Kind::RefPrefix: return {{"ref_key", t.text, prefixUpper(t.text)}};
    case SearchTerm::Kind::BirthDate: {
        const QString iso = t.date.toString(Qt::ISODate);
        return {{"date_of_birth", iso, iso + QLatin1Char('~')}};
    }
    case SearchTerm::Kind::Digits: {
        std::vector<Range> ranges{{"nhs_number", t.text, prefixUpper(t.text)},
                                  {"ref_key", t.text, prefixUpper(t.text)}};
        if (domain::isBirthYear(t.text))
            ranges.push_back({"date_of_birth", t.text + QStringLiteral("-01-01"),
                              QString::number(t.text.toInt() + 1) + QStringLiteral("-01-01")});
        return ranges;
    }
    }
    return {};
}

// "(a >= ? AND a < ? OR b >= ? AND b < ?)". For a listing the columns are hidden from the planner
// (Dialect::withoutIndex) so that no index on them is used: it then walks the name index in
// order and stops at the LIMIT, the fastest plan when many rows match.
QString orCondition(const Dialect &dialect, const std::vector<Range> &ranges, bool avoidIndexes, QVariantList &values)
{
    QStringList parts;
    for (const Range &r : ranges) {
        const QString column = avoidIndexes ? dialect.withoutIndex(QLatin1String(r.column)) : QLatin1String(r.column);
        parts << QStringLiteral("%1 >= ? AND %1 < ?").arg(column);
        values << r.low << r.high;
    }
    return QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

// "SELECT id ... UNION ALL SELECT id ...": one index range each, so a few matches are found
// without scanning; best when few rows match (an NHS number, a ref, a date of birth).
QString candidateIds(const std::vector<Range> &ranges, QVariantList &values)
{
    QStringList parts;
    for (const Range &r : ranges) {
        parts << QStringLiteral("SELECT id FROM patient WHERE deleted_at IS NULL AND %1 >= ? AND %1 < ?")
                     .arg(QLatin1String(r.column));
        values << r.low << r.high;
    }
    return parts.join(QStringLiteral(" UNION ALL "));
}

bool isNameTerm(const SearchTerm &t)
{
    return t.kind == SearchTerm::Kind::FamilyPrefix || t.kind == SearchTerm::Kind::GivenPrefix;
}

void bindPatient(QSqlQuery &q, const Patient &p)
{
    q.addBindValue(p.patientRef);
    q.addBindValue(nullIfEmpty(p.nhsNumber));
    q.addBindValue(p.familyName);
    q.addBindValue(p.givenName);
    q.addBindValue(p.dateOfBirth.toString(Qt::ISODate));
    q.addBindValue(isoOrNull(p.dateOfDeath));
    q.addBindValue(nullIfEmpty(domain::sexCode(p.sex)));
    q.addBindValue(nullIfEmpty(p.postcode));
    q.addBindValue(nullIfEmpty(p.phone));
    q.addBindValue(nullIfEmpty(p.gpPractice));
    q.addBindValue(domain::nameKey(p.familyName));
    q.addBindValue(domain::nameKey(p.givenName));
    q.addBindValue(p.patientRef.toUpper());
}

} // namespace

PatientRepository::PatientRepository(Database &db)
    : m_db(db),
      m_byRef(db.prepared(selectColumns + QStringLiteral("WHERE patient_ref = ?"))),
      m_byNhsNumber(db.prepared(selectColumns + QStringLiteral("WHERE nhs_number = ? AND deleted_at IS NULL"))),
      m_insert(db.prepared(QStringLiteral(
        "INSERT INTO patient(patient_ref, nhs_number, family_name, given_name, date_of_birth, "
        "date_of_death, sex, postcode, phone, gp_practice, family_key, given_key, ref_key, "
        "created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")))
{
}

Maybe<Patient> PatientRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(selectColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return fetchOne<Patient>(q, fromRow);
}

Maybe<Patient> PatientRepository::byRef(const QString &patientRef)
{
    m_byRef.addBindValue(patientRef);
    return fetchOne<Patient>(m_byRef, fromRow);
}

Many<domain::PatientLifetime> PatientRepository::lifetimes(const QList<qint64> &ids)
{
    return fetchIn<domain::PatientLifetime>(m_db, lifetimeColumns, QStringLiteral("id"), ids, lifetimeFrom);
}

Many<domain::PatientLifetime> PatientRepository::lifetimesByRef(const QStringList &refs)
{
    return fetchIn<domain::PatientLifetime>(m_db, lifetimeColumns, QStringLiteral("patient_ref"), refs, lifetimeFrom);
}

Maybe<Patient> PatientRepository::liveByNhsNumber(const QString &digits)
{
    m_byNhsNumber.addBindValue(digits);
    return fetchOne<Patient>(m_byNhsNumber, fromRow);
}

Maybe<Patient> PatientRepository::byNhsNumber(const QString &digits)
{
    if (auto live = liveByNhsNumber(digits); !live || live->has_value())
        return live; // the index covers live patients only; removed ones need the scan below
    QSqlQuery &q = m_db.prepared(selectColumns + QStringLiteral("WHERE nhs_number = ? ORDER BY deleted_at IS NOT NULL, id DESC LIMIT 1"));
    q.addBindValue(digits);
    return fetchOne<Patient>(q, fromRow);
}

Many<Patient> PatientRepository::sameNameAndBirth(const Patient &p)
{
    QSqlQuery &q = m_db.prepared(selectColumns + QStringLiteral("WHERE deleted_at IS NULL AND family_key = ? AND given_key = ? "
                                             "AND date_of_birth = ? AND id <> ? ORDER BY id"));
    q.addBindValue(domain::nameKey(p.familyName));
    q.addBindValue(domain::nameKey(p.givenName));
    q.addBindValue(p.dateOfBirth.toString(Qt::ISODate));
    q.addBindValue(p.id);
    return fetchAll<Patient>(q, fromRow);
}

Result<int> PatientRepository::countUpTo(const QString &idQuery, const QVariantList &values, int cap)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT COUNT(*) FROM (%1 LIMIT ?) AS capped").arg(idQuery));
    bindAll(q, values);
    q.addBindValue(cap + 1);
    // finish(): a cached statement left mid-step would hold a read snapshot open
    const auto count = fetchOne<int>(q, [](const QSqlQuery &r) { return r.value(0).toInt(); });
    if (!count)
        return count.failure();
    return count->value_or(0);
}

// Name terms are ranges of the name index. Any other term becomes "id IN (its candidates)"
// when it has few candidates; otherwise an OR of ranges, checked row by row while walking the
// name index (listing) or through the column indexes (counting, which stops at its cap).
Result<PatientRepository::Plan> PatientRepository::plan(const std::vector<SearchTerm> &terms)
{
    Plan plan;
    QStringList listing{QStringLiteral("deleted_at IS NULL")};
    QStringList counting = listing;
    for (const SearchTerm &t : terms) {
        const auto ranges = rangesOf(t);
        QVariantList candidateValues;
        const QString candidates = candidateIds(ranges, candidateValues);
        bool few = false;
        if (!isNameTerm(t)) {
            const Result<int> n = countUpTo(candidates, candidateValues, fewCandidates);
            if (!n)
                return n.failure();
            few = n.value() <= fewCandidates;
        }
        if (few) {
            listing << QStringLiteral("id IN (%1)").arg(candidates);
            counting << listing.back();
            plan.listValues << candidateValues;
            plan.countValues << candidateValues;
        } else {
            listing << orCondition(m_db.dialect(), ranges, !isNameTerm(t), plan.listValues);
            counting << orCondition(m_db.dialect(), ranges, false, plan.countValues);
        }
    }
    plan.listWhere = QStringLiteral("WHERE ") + listing.join(QStringLiteral(" AND "));
    plan.countWhere = QStringLiteral("WHERE ") + counting.join(QStringLiteral(" AND "));
    return plan;
}

Many<Patient> PatientRepository::list(const Result<Plan> &plan, int limit)
{
    if (!plan)
        return plan.failure();
    QSqlQuery &q = m_db.prepared(selectColumns + plan->listWhere
              + QStringLiteral(" ORDER BY family_key, given_key, date_of_birth, id LIMIT ?"));
    bindAll(q, plan->listValues);
    q.addBindValue(limit);
    return fetchAll<Patient>(q, fromRow);
}

Result<PatientRepository::Found> PatientRepository::find(const std::vector<SearchTerm> &terms, int limit)
{
    auto patients = list(plan(terms), limit + 1);
    if (!patients)
        return patients.failure();
    Found found{std::move(patients.value()), false};
    found.more = int(found.patients.size()) > limit;
    if (found.more)
        found.patients.pop_back();
    return found;
}

Many<Patient> PatientRepository::search(const std::vector<SearchTerm> &terms, int limit)
{
    return list(plan(terms), limit);
}

Result<int> PatientRepository::count(const std::vector<SearchTerm> &terms, int cap)
{
    const Result<Plan> p = plan(terms);
    if (!p)
        return p.failure();
    return countUpTo(QStringLiteral("SELECT id FROM patient ") + p->countWhere, p->countValues, cap);
}

Result<qint64> PatientRepository::insert(const Patient &p, const Stamp &stamp)
{
    bindPatient(m_insert, p);
    m_insert.addBindValue(stamp.atText());
    m_insert.addBindValue(stamp.actor);
    m_insert.addBindValue(stamp.atText());
    m_insert.addBindValue(stamp.actor);
    return insertReturningId(m_db, m_insert, QObject::tr("patient"));
}

Status PatientRepository::update(const Patient &p, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE patient SET patient_ref = ?, nhs_number = ?, family_name = ?, given_name = ?, "
        "date_of_birth = ?, date_of_death = ?, sex = ?, postcode = ?, phone = ?, gp_practice = ?, "
        "family_key = ?, given_key = ?, ref_key = ?, updated_at = ?, updated_by = ?, "
        "row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    bindPatient(q, p);
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
    q.addBindValue(p.id);
    q.addBindValue(p.rowVersion);
    return updatedOne(m_db, q, QObject::tr("patient"), "patient", p.id);
}

Status PatientRepository::setDeleted(qint64 id, int rowVersion, const QString &reason, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE patient SET deleted_at = ?, deleted_by = ?, deletion_reason = ?, updated_at = ?, "
        "updated_by = ?, row_version = row_version + 1 WHERE id = ? AND row_version = ?"));
    const bool deleting = !reason.isEmpty();
    q.addBindValue(deleting ? QVariant(stamp.atText()) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(deleting ? QVariant(stamp.actor) : QVariant(QMetaType(QMetaType::QString)));
    q.addBindValue(nullIfEmpty(reason));
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
    q.addBindValue(id);
    q.addBindValue(rowVersion);
    return updatedOne(m_db, q, QObject::tr("patient"), "patient", id);
}

Result<QString> PatientRepository::nextLocalRef()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM patient"));
    const auto first = fetchOne<int>(q, [](const QSqlQuery &r) { return r.value(0).toInt(); });
    if (!first)
        return first.failure();
    for (int next = first->value_or(1);; ++next) { // an imported ref may already look like ours
        const QString ref = QStringLiteral("PM%1").arg(next, 6, 10, QLatin1Char('0'));
        const Maybe<Patient> taken = byRef(ref);
        if (!taken)
            return taken.failure();
        if (!taken->has_value())
            return ref;
    }
}

Result<QDate> PatientRepository::lastContactOn(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT MAX(c.contact_on) FROM contact c JOIN referral r ON r.id = c.referral_id WHERE r.patient_id = ? "
        "AND c.entered_in_error IS NULL AND r.entered_in_error IS NULL"));
    q.addBindValue(patientId);
    const auto found = fetchOne<QDate>(q, [](const QSqlQuery &row) { return dateAt(row, 0); });
    if (!found)
        return found.failure();
    return found.value().value_or(QDate());
}

QVariantMap PatientRepository::columns(const Patient &p)
{
    return {
        {QStringLiteral("patient_ref"), p.patientRef},
        {QStringLiteral("nhs_number"), p.nhsNumber},
        {QStringLiteral("family_name"), p.familyName},
        {QStringLiteral("given_name"), p.givenName},
        {QStringLiteral("date_of_birth"), p.dateOfBirth.toString(Qt::ISODate)},
        {QStringLiteral("date_of_death"), p.dateOfDeath.toString(Qt::ISODate)},
        {QStringLiteral("sex"), domain::sexCode(p.sex)},
        {QStringLiteral("postcode"), p.postcode},
        {QStringLiteral("phone"), p.phone},
        {QStringLiteral("gp_practice"), p.gpPractice},
        {QStringLiteral("deletion_reason"), p.deletionReason},
    };
}

Result<QString> PatientRepository::refInOtherCase(const QString &ref)
{
    return storage::refInOtherCase(m_db, "patient", "patient_ref", ref);
}

Result<QDate> PatientRepository::earliestRecordOn(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT MIN(d) FROM (SELECT MIN(received_on) AS d FROM referral WHERE patient_id = ? AND entered_in_error IS NULL "
        "UNION ALL SELECT MIN(collected_on) FROM assessment WHERE patient_id = ? AND entered_in_error IS NULL) AS dates"));
    q.addBindValue(patientId);
    q.addBindValue(patientId);
    if (!q.exec() || !q.next())
        return sqlError(q.lastError());
    const QDate earliest = dateAt(q, 0);
    q.finish();
    return earliest;
}

} // namespace painmdt::storage
