#pragma once
// One questionnaire administration (clinical reference §2): instrument and version, occasion,
// date, who and how, the raw answers, and the scores with the scoring version that made them.
#include "domain/scoring.h"

#include <QDate>
#include <QString>
#include <QStringList>

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
    ScoreResult result;      // derived from answers by the definition's scoring
    QString enteredInError;  // why it was withdrawn (schema 12); "" = a live administration
    int rowVersion = 0;

    bool isEnteredInError() const { return !enteredInError.isEmpty(); }
};

namespace field {
inline constexpr auto assessmentRef = "assessment_ref";
inline constexpr auto instrument = "instrument";
inline constexpr auto occasion = "occasion";
inline constexpr auto collectedOn = "collected_on";
inline constexpr auto answers = "answers";
} // namespace field

} // namespace painmdt::domain
