#include "storage/assessmentrepository.h"

#include "storage/database.h"
#include "storage/sqlvalues.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace painmdt::storage {

using domain::Assessment;

namespace {

const QString columnsSql = QStringLiteral(
    "SELECT id, assessment_ref, patient_id, referral_id, instrument, instrument_version, occasion, collected_on, "
    "collected_by, mode, answers, scores, complete, band, scoring_version, row_version, entered_in_error, free_text "
    "FROM assessment ");

domain::ScoreResult resultFrom(const QString &scores, bool complete, const QString &band, const QString &version)
{
    domain::ScoreResult result;
    const QJsonObject object = QJsonDocument::fromJson(scores.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        result.scores.push_back({it.key(), it.value().isDouble() ? std::optional<double>(it.value().toDouble())
                                                                 : std::nullopt});
    result.complete = complete;
    result.band = band;
    result.scoringVersion = version;
    return result;
}

std::map<QString, QString> freeTextFrom(const QString &json)
{
    std::map<QString, QString> text;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        text[it.key()] = it.value().toString();
    return text;
}

QVariant freeTextJson(const std::map<QString, QString> &text)
{
    if (text.empty())
        return QVariant(QMetaType(QMetaType::QString));
    QJsonObject object;
    for (const auto &[id, words] : text)
        object.insert(id, words);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Assessment fromRow(const QSqlQuery &q)
{
    Assessment a;
    a.id = q.value(0).toLongLong();
    a.assessmentRef = q.value(1).toString();
    a.patientId = q.value(2).toLongLong();
    a.referralId = q.value(3).toLongLong();
    a.instrument = q.value(4).toString();
    a.instrumentVersion = q.value(5).toString();
    a.occasion = q.value(6).toString();
    a.collectedOn = dateAt(q, 7);
    a.collectedBy = q.value(8).toString();
    a.mode = q.value(9).toString();
    a.answers = domain::answersFromText(q.value(10).toString());
    a.result = resultFrom(q.value(11).toString(), q.value(12).toInt() == 1, q.value(13).toString(),
                          q.value(14).toString());
    a.rowVersion = q.value(15).toInt();
    a.enteredInError = q.value(16).toString();
    a.freeText = freeTextFrom(q.value(17).toString());
    return a;
}

Maybe<Assessment> one(QSqlQuery &q)
{
    return fetchOne<Assessment>(q, fromRow);
}

void bindAssessment(QSqlQuery &q, const Assessment &a)
{
    q.addBindValue(nullIfEmpty(a.assessmentRef));
    q.addBindValue(a.patientId);
    q.addBindValue(a.referralId > 0 ? QVariant(a.referralId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(a.instrument);
    q.addBindValue(a.instrumentVersion);
    q.addBindValue(a.occasion);
    q.addBindValue(a.collectedOn.toString(Qt::ISODate));
    q.addBindValue(nullIfEmpty(a.collectedBy));
    q.addBindValue(nullIfEmpty(a.mode));
    q.addBindValue(QStringLiteral("") + domain::formatAnswers(a.answers)); // never NULL: "" is one blank answer
    q.addBindValue(AssessmentRepository::scoresJson(a.result));
    q.addBindValue(a.result.complete ? 1 : 0);
    q.addBindValue(nullIfEmpty(a.result.band));
    q.addBindValue(a.result.scoringVersion);
    q.addBindValue(freeTextJson(a.freeText));
}

} // namespace

AssessmentRepository::AssessmentRepository(Database &db)
    : m_db(db),
      m_byRef(db.prepared(columnsSql + QStringLiteral("WHERE assessment_ref = ?"))),
      m_same(db.prepared(columnsSql + QStringLiteral("WHERE patient_id = ? AND instrument = ? AND occasion = ? "
                                               "AND collected_on = ? AND answers = ? AND assessment_ref IS NULL "
                                               "ORDER BY entered_in_error IS NOT NULL, id LIMIT 1"))), m_insert(db.prepared(QStringLiteral(
        "INSERT INTO assessment(assessment_ref, patient_id, referral_id, instrument, instrument_version, occasion, "
        "collected_on, collected_by, mode, answers, scores, complete, band, scoring_version, free_text, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")))
{
}

QString AssessmentRepository::scoresJson(const domain::ScoreResult &result)
{
    QJsonObject object;
    for (const auto &s : result.scores)
        object.insert(s.id, s.value ? QJsonValue(*s.value) : QJsonValue());
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Maybe<Assessment> AssessmentRepository::byId(qint64 id)
{
    QSqlQuery &q = m_db.prepared(columnsSql + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    return one(q);
}

Maybe<Assessment> AssessmentRepository::byRef(const QString &assessmentRef)
{
    m_byRef.addBindValue(assessmentRef);
    return one(m_byRef);
}

Maybe<Assessment> AssessmentRepository::sameAssessment(const Assessment &a)
{
    m_same.addBindValue(a.patientId);
    m_same.addBindValue(a.instrument);
    m_same.addBindValue(a.occasion);
    m_same.addBindValue(a.collectedOn.toString(Qt::ISODate));
    m_same.addBindValue(QStringLiteral("") + domain::formatAnswers(a.answers));
    return one(m_same);
}

Many<Assessment> AssessmentRepository::forPatient(qint64 patientId)
{
    QSqlQuery &q = m_db.prepared(columnsSql + QStringLiteral("WHERE patient_id = ? AND entered_in_error IS NULL "
                                                              "ORDER BY collected_on DESC, id DESC"));
    q.addBindValue(patientId);
    return fetchAll<Assessment>(q, fromRow);
}

Maybe<Assessment> AssessmentRepository::latestFor(qint64 referralId, const QString &instrument)
{
    QSqlQuery &q = m_db.prepared(columnsSql + QStringLiteral("WHERE referral_id = ? AND instrument = ? AND entered_in_error IS NULL "
                                          "ORDER BY collected_on DESC, id DESC LIMIT 1"));
    q.addBindValue(referralId);
    q.addBindValue(instrument);
    return one(q);
}

Result<qint64> AssessmentRepository::insert(const Assessment &a, const Stamp &stamp)
{
    bindAssessment(m_insert, a);
    for (int i = 0; i < 2; ++i) {
        m_insert.addBindValue(stamp.atText());
        m_insert.addBindValue(stamp.actor);
    }
    return insertReturningId(m_db, m_insert, QObject::tr("assessment"));
}

Status AssessmentRepository::update(const Assessment &a, const Stamp &stamp)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE assessment SET assessment_ref = ?, patient_id = ?, referral_id = ?, instrument = ?, "
        "instrument_version = ?, occasion = ?, collected_on = ?, collected_by = ?, mode = ?, answers = ?, scores = ?, "
        "complete = ?, band = ?, scoring_version = ?, free_text = ?, updated_at = ?, updated_by = ?, row_version = row_version + 1 "
        "WHERE id = ? AND row_version = ?"));
    bindAssessment(q, a);
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
    q.addBindValue(a.id);
    q.addBindValue(a.rowVersion);
    return updatedOne(m_db, q, QObject::tr("assessment"), "assessment", a.id);
}

Many<AssessmentRepository::ImportedDefinition> AssessmentRepository::importedDefinitions()
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT definition, imported_by, imported_at FROM instrument_definition ORDER BY code, imported_at"));
    return fetchAll<ImportedDefinition>(q, [](const QSqlQuery &r) {
        return ImportedDefinition{r.value(0).toString().toUtf8(), r.value(1).toString(),
                                  QDateTime::fromString(r.value(2).toString(), Qt::ISODateWithMs)};
    });
}

Result<qint64> AssessmentRepository::saveDefinition(const domain::InstrumentDefinition &definition,
                                                    const QByteArray &json, const Stamp &stamp)
{
    // A stored version never changes (the service checks first; the primary key makes sure).
    QSqlQuery &q = m_db.prepared(QStringLiteral("INSERT INTO instrument_definition(code, version, definition, imported_at, "
                                                "imported_by) VALUES (?, ?, ?, ?, ?) RETURNING rowid"));
    q.addBindValue(definition.code);
    q.addBindValue(definition.version);
    q.addBindValue(QString::fromUtf8(json));
    q.addBindValue(stamp.atText());
    q.addBindValue(stamp.actor);
    return insertReturningId(m_db, q, QObject::tr("instrument definition"));
}

QVariantMap AssessmentRepository::columns(const Assessment &a)
{
    return {{QStringLiteral("assessment_ref"), a.assessmentRef}, {QStringLiteral("patient_id"), a.patientId},
            {QStringLiteral("referral_id"), a.referralId}, {QStringLiteral("instrument"), a.instrument},
            {QStringLiteral("instrument_version"), a.instrumentVersion}, {QStringLiteral("occasion"), a.occasion},
            {QStringLiteral("collected_on"), a.collectedOn.toString(Qt::ISODate)},
            {QStringLiteral("collected_by"), a.collectedBy}, {QStringLiteral("mode"), a.mode},
            {QStringLiteral("complete"), a.result.complete},
            {QStringLiteral("scoring_version"), a.result.scoringVersion},
            {QStringLiteral("answers"), domain::formatAnswers(a.answers)},
            {QStringLiteral("scores"), scoresJson(a.result)}, {QStringLiteral("band"), a.result.band},
            {QStringLiteral("free_text"), freeTextJson(a.freeText).toString()}};
}

Result<QString> AssessmentRepository::refInOtherCase(const QString &ref)
{
    return storage::refInOtherCase(m_db, "assessment", "assessment_ref", ref);
}

} // namespace painmdt::storage
