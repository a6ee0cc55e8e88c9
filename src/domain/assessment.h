#pragma once
// One questionnaire administration (clinical reference §2): instrument and version, occasion,
// date, who and how, the raw answers, and the scores with the scoring version that made them.
#include "domain/scoring.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <map>

namespace painmdt::domain {

const QStringList &assessmentOccasions(); // referral, assessment, review, discharge, follow_up

// Stored answers ("1;0;;1") back into codes, without checking them against a definition.
Answers answersFromText(const QString &text);

struct Assessment {
    qint64 id = 0;
    QString assessmentRef;   // optional; makes re-import idempotent
    qint64 patientId = 0;
    qint64 referralId = 0;   // 0 when not tied to an episode
    QString instrument;      // definition code, e.g. "startback"
    QString instrumentVersion;
    QString occasion;
    QDate collectedOn;
    QString collectedBy;
    QString mode;            // e.g. "paper", "phone", "in person"
    Answers answers;
    std::map<QString, QString> freeText; // a free_text question's id -> the patient's words (FFT)
    ScoreResult result;      // derived from answers by the definition's scoring
    QString enteredInError;  // why it was withdrawn (schema 12); "" = a live administration
    int rowVersion = 0;

    bool isEnteredInError() const { return !enteredInError.isEmpty(); }
};

// An alert an administration raised (instrument.h "alerts"; hazard H9): open until a clinician
// acknowledges it, saying what was done.
struct AssessmentAlert {
    qint64 id = 0;
    qint64 assessmentId = 0;
    qint64 patientId = 0;
    QString instrument;      // the administration's, for display
    QDate collectedOn;       // the administration's
    QString rule;            // the rule's id, e.g. "self_harm"
    QString item;            // the item's id, e.g. "q9"
    std::optional<int> answer; // nullopt: the item was left unanswered
    QString message;
    QDateTime acknowledgedAt; // UTC; invalid while open
    QString acknowledgedBy;
    QString acknowledgement;  // what was done
    int rowVersion = 0;

    bool isOpen() const { return !acknowledgedAt.isValid(); }
};

// An item's number for people: "q9" -> "9" (the built-in definitions' ids); any other id as it is.
QString itemNumber(const QString &itemId);

namespace field {
inline constexpr auto assessmentRef = "assessment_ref";
inline constexpr auto instrument = "instrument";
inline constexpr auto occasion = "occasion";
inline constexpr auto collectedOn = "collected_on";
inline constexpr auto answers = "answers";
} // namespace field

} // namespace painmdt::domain
