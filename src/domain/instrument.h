#pragma once
// Questionnaire instruments as data (issue 3): one JSON definition file per instrument gives its
// items, answer codes, scoring, bands and meaningful-change rule. A service adds an instrument it
// holds a licence for by importing a definition; no code change. Built-in definitions live in
// resources/instruments/ (clinical reference §1, §2). Scoring itself is in scoring.h.
//
// Definition format (UTF-8 JSON object; keys are snake_case; any other key is an error, so a
// misspelt key cannot be silently ignored):
//   format            optional, 1 (the only format so far)
//   code              required; lower-case letters, digits, "_", starting with a letter; the
//                     `instrument` column of `--kind assessments` (e.g. "phq9")
//   name, version     required text; version = version of the form (stored with each answer set)
//   scoring_version   required text, stored with every derived score (e.g. "phq9-1")
//   licence           notice shown with the form, verbatim (may be "")
//   recall            instruction / recall sentence shown above the items (may be "")
//   source, wording   optional text: where the item wording comes from; a caution about the
//                     wording (e.g. "paraphrase - replace with the licensed wording")
//   better            required: "lower" | "higher" | "not_applicable"
//   single_occasion   optional bool (default false): reported as a distribution, never paired
//   option_sets       optional {name: [options]}: answer lists shared by several items
//   items             required, non-empty list of {id, text, options}; options is a list of
//                     {code: whole number, label: text}, in display order, or the name of an
//                     option set. Codes are what `answers` holds in item order ("1;0;;3").
//   scores            required, non-empty list of {id, label, method: "sum" | "mean",
//                     items: [item ids], recode: {item id: {"code": value}} (optional; a code
//                     not listed scores its own value), min_answered (optional; default and,
//                     for "sum", only allowed value: every item; a mean may allow fewer)}
//   band_score        optional: the score the bands classify, for display
//   bands             optional list of {label, when: [{score, min, max}]}; min and max are
//                     inclusive and either may be left out; the first band whose conditions all
//                     hold applies; a band without `when` means "otherwise" and must be last
//   meaningful_change optional {kind, score, value, baseline_above, categories,
//                     with_band_change, unconfirmed}; kind: "none" | "reduction_percent" |
//                     "reduction_points" | "increase_points" | "category". Reductions need
//                     better = "lower", increases better = "higher"; "category" = the latest
//                     score is one of `categories` (e.g. PGIC 1, 2); single-occasion instruments
//                     allow only "none" and "category". with_band_change: the band must change too.
//   alerts            optional list of {id, item, above, when_blank, message}: an answer to
//                     `item` above `above` (a whole number), or the item left unanswered when
//                     when_blank is true (default), raises an alert on the patient that a
//                     clinician must acknowledge (hazard H9: PHQ-9 item 9). The message says what
//                     to do and is shown with the alert.
//   free_text         optional list of {id, text}: questions answered in the patient's own
//                     words (the FFT's follow-up), stored with the administration, never
//                     scored. Ids must differ from item ids.
// Errors name where the problem is as a path, indices counting from 0:
// "items[3].options[1].code: must be a whole number".
#include "domain/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>
#include <vector>

namespace painmdt::domain {

struct AnswerOption {
    int code = 0;
    QString label;
};

struct Item {
    QString id;
    QString text;
    std::vector<AnswerOption> options; // the allowed codes, in display order

    bool allows(int code) const;
};

enum class Better { Lower, Higher, NotApplicable };

struct Condition {
    QString score;                // a score id
    std::optional<double> min, max; // inclusive bounds; nullopt = unbounded
};

struct Band {
    QString label;
    std::vector<Condition> when; // all must hold; empty = otherwise
};

struct ScoreDefinition {
    enum class Method { Sum, Mean };
    QString id;
    QString label;
    Method method = Method::Sum;
    QStringList items;                       // item ids
    QHash<QString, QHash<int, double>> recode; // item id -> code -> value; absent = the code itself
    int minAnswered = 0;                     // 0 or less = every item
};

struct MeaningfulChange {
    enum class Kind { None, ReductionPercent, ReductionPoints, IncreasePoints, Category };
    Kind kind = Kind::None;
    QString score;
    double value = 0;
    double baselineAbove = -std::numeric_limits<double>::infinity(); // e.g. NRS: baseline > 0
    QList<int> categories;        // Category: e.g. PGIC 1, 2
    bool withBandChange = false;  // the band must change as well (e.g. ePPOC PSEQ)
    bool unconfirmed = false;     // the rule is not confirmed by the clinical reference: say so
};

// An answer that must reach a clinician whatever way it arrived (hazard H9).
struct AlertRule {
    QString id;             // e.g. "self_harm"; one alert per administration and rule
    QString item;           // an item id
    int above = 0;          // an answer above this raises the alert
    bool whenBlank = true;  // so does the item left unanswered (a risk not asked is not "no risk")
    QString message;
};

// A question answered in words, not codes (the FFT's "why did you give that answer?").
struct FreeTextQuestion {
    QString id;
    QString text;
};

struct InstrumentDefinition {
    QString code, name, version, scoringVersion, licence, recall;
    QString source;      // where the item wording was taken from
    QString wording;     // caution about the wording, e.g. a paraphrase; empty when confirmed
    Better better = Better::Lower;
    bool singleOccasion = false; // PGIC, FFT
    std::vector<Item> items;
    std::vector<ScoreDefinition> scores;
    QString bandScore; // optional: the score the bands classify, for display
    std::vector<Band> bands;
    MeaningfulChange meaningfulChange;
    std::vector<AlertRule> alerts;
    std::vector<FreeTextQuestion> freeText;

    const Item *item(const QString &id) const;             // nullptr when unknown
    const ScoreDefinition *score(const QString &id) const;  // nullptr when unknown
    int itemIndex(const QString &id) const;                 // -1 when unknown
};

// Sane sizes for a definition file (docs/interchange.md): far above any real questionnaire.
struct DefinitionLimits {
    qsizetype bytes = 256 * 1024;
    qsizetype items = 200;
    qsizetype scores = 50;
    qsizetype bands = 50;
    qsizetype freeText = 10;
};
inline constexpr DefinitionLimits definitionLimits{};

// Validates everything; the error lists EVERY problem, each "path: what is wrong", one a line.
// `version` must be numbers separated by dots ("1", "2.1"): versions are compared, never
// downgraded (compareVersions).
Result<InstrumentDefinition> parseInstrumentDefinition(const QByteArray &json);

// <0, 0, >0 as version a is older than, the same as, or newer than b ("1.0" == "1").
int compareVersions(const QString &a, const QString &b);

// Reads and parses a definition file; errors start with the file name.
Result<InstrumentDefinition> readInstrumentDefinition(const QString &path);

// The resource paths of the built-in definitions (":/instruments/startback.json", ...).
QStringList builtInInstrumentFiles();

// The six built-in instruments, in the contract's order: startback, nrs_pain, phq9, gad7, pgic,
// fft. Parsed once; a definition that fails to parse is logged and left out (a test guards this).
std::vector<InstrumentDefinition> builtInInstruments();

// A rule in words, as the instruments list shows it: "self_harm (item q9 above 0 or blank)".
QString describeAlertRule(const AlertRule &rule);

// The instrument with this code, or nullptr.
const InstrumentDefinition *findInstrument(const std::vector<InstrumentDefinition> &instruments,
                                           const QString &code);

} // namespace painmdt::domain
