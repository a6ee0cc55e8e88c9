#pragma once
// Scoring an administration of an instrument defined as data (instrument.h): answer parsing,
// scores, bands and the meaningful-change rule (clinical reference §1, §2). An unanswered item
// is never taken as 0: a score missing answers beyond its min_answered has no value.
#include "domain/instrument.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <variant>
#include <vector>

namespace painmdt::domain {

using Answers = std::vector<std::optional<int>>; // in item order; nullopt = unanswered

struct AnswerProblem {
    int item; // 1-based item number; 0 = the answer list as a whole (e.g. wrong count)
    QString message;
};

// The `answers` column of `--kind assessments`: codes in item order separated by ";", empty for
// unanswered, blanks around a code ignored. "1;0;;1;0;0;0;1;3" for STarT Back. Every problem is
// listed: a wrong count ("9 answers expected, 8 given"), a code that is not a whole number or not
// among the item's options ("item 9: 7 is not an answer code (0-4)").
std::variant<Answers, std::vector<AnswerProblem>> parseAnswers(const InstrumentDefinition &def,
                                                               const QString &text);
QString formatAnswers(const Answers &answers); // the inverse: "1;0;;1"

// One line for a user or a rejects file: "item 3: ...; item 9: ...".
QString describe(const std::vector<AnswerProblem> &problems);

struct ScoreValue {
    QString id;
    std::optional<double> value; // nullopt = incomplete
};

struct ScoreResult {
    std::vector<ScoreValue> scores; // in the definition's order
    bool complete = false;          // every score has a value
    QString band;                   // "" when incomplete or no band applies
    QString scoringVersion;
    std::optional<double> value(const QString &id) const; // nullopt when unknown or incomplete
};

// Answers must be in item order and as many as the items (parseAnswers checks that); a missing
// trailing answer or a code that is not an option counts as unanswered.
ScoreResult score(const InstrumentDefinition &def, const Answers &answers);

// The alert rules an answer set sets off (instrument.h "alerts"), with the answer that did (nullopt:
// the item was left unanswered). Answers are in item order, as for score().
struct RaisedAlert {
    AlertRule rule;
    std::optional<int> answer;
};
std::vector<RaisedAlert> raisedAlerts(const InstrumentDefinition &def, const Answers &answers);

// A worked example shipped with a definition (issue 9): these answers must give these scores and
// this band, or the definition is not imported.
struct ScoringCase {
    int line = 0;                        // in the cases file, for messages
    QString answers;                     // as in the `answers` column ("1;0;;3")
    std::map<QString, QString> expected; // a score id, or "band" -> the value expected ("" = none)
};
// One message per case the definition scores otherwise; empty when every case holds.
QStringList failedCases(const InstrumentDefinition &def, const std::vector<ScoringCase> &cases);

// Whether latest shows a meaningful improvement on baseline under the definition's rule. nullopt
// when the rule cannot apply: kind None, an incomplete result, a baseline not above
// baselineAbove (or 0 for a percentage), or a single-occasion instrument with a kind other than
// Category. Category looks at latest only (baseline is ignored and may be an empty result).
std::optional<bool> meaningfulImprovement(const InstrumentDefinition &def, const ScoreResult &baseline,
                                          const ScoreResult &latest);
// The same rule the other way (a rise of 5 points on PHQ-9, a rise of 30 % on the pain score):
// what the service outcome report counts as deteriorated. nullopt where meaningfulImprovement is,
// and for Category rules, which name improvement only.
std::optional<bool> meaningfulDeterioration(const InstrumentDefinition &def, const ScoreResult &baseline,
                                            const ScoreResult &latest);

} // namespace painmdt::domain
