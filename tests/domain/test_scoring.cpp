// Scoring instruments defined as data (issue 3): every boundary in the clinical reference §1, §2.
#include "support/catchqt.h"

#include "domain/scoring.h"

using namespace painmdt::domain;
using painmdt::Result;

namespace {

const InstrumentDefinition &instrument(const char *code)
{
    static const std::vector<InstrumentDefinition> all = builtInInstruments();
    const InstrumentDefinition *def = findInstrument(all, QString::fromLatin1(code));
    REQUIRE(def);
    return *def;
}

Answers answers(const InstrumentDefinition &def, const char *text)
{
    const auto parsed = parseAnswers(def, QString::fromLatin1(text));
    if (const auto *problems = std::get_if<std::vector<AnswerProblem>>(&parsed))
        FAIL("answers rejected: " << describe(*problems).toStdString());
    return std::get<Answers>(parsed);
}

ScoreResult scored(const char *code, const char *text)
{
    return score(instrument(code), answers(instrument(code), text));
}

// Answers of `items` items, each 0..maxCode, adding up to total (highest codes first).
Answers summingTo(int items, int maxCode, int total)
{
    Answers a;
    for (int i = 0; i < items; ++i) {
        const int code = std::min(maxCode, total);
        a.push_back(code);
        total -= code;
    }
    REQUIRE(total == 0);
    return a;
}

ScoreResult withTotal(const char *code, int items, int maxCode, int total)
{
    return score(instrument(code), summingTo(items, maxCode, total));
}

std::vector<AnswerProblem> problemsOf(const char *code, const char *text)
{
    const auto parsed = parseAnswers(instrument(code), QString::fromLatin1(text));
    const auto *problems = std::get_if<std::vector<AnswerProblem>>(&parsed);
    return problems ? *problems : std::vector<AnswerProblem>{};
}

} // namespace

TEST_CASE("STarT Back: total, psychosocial subscore and stratum at every boundary")
{
    struct Case {
        const char *answers; // items 1-9; 5-9 are psychosocial; item 9 scores 1 for codes 3 and 4
        int total, psychosocial;
        const char *stratum;
    };
    const Case cases[] = {
        {"0;0;0;0;0;0;0;0;0", 0, 0, "Low"},
        {"0;0;0;0;1;1;1;0;0", 3, 3, "Low"},     // (3,3)
        {"1;1;1;0;0;0;0;0;0", 3, 0, "Low"},
        {"1;0;0;0;1;1;1;0;0", 4, 3, "Medium"},  // (4,3)
        {"1;1;1;1;0;0;0;0;0", 4, 0, "Medium"},
        {"0;0;0;0;1;1;1;1;0", 4, 4, "High"},    // (4,4)
        {"1;1;1;1;1;1;1;0;0", 7, 3, "Medium"},  // (7,3)
        {"1;1;1;1;0;1;1;1;0", 7, 3, "Medium"},
        {"1;1;1;1;1;1;1;1;0", 8, 4, "High"},
        {"1;1;1;1;1;1;1;1;4", 9, 5, "High"},    // maximum
        // item 9 (bothersomeness): codes 0-2 score 0, codes 3-4 score 1
        {"0;0;0;0;1;1;1;0;1", 3, 3, "Low"},
        {"0;0;0;0;1;1;1;0;2", 3, 3, "Low"},     // moderately: not counted
        {"0;0;0;0;1;1;1;0;3", 4, 4, "High"},    // very much: counted
        {"0;0;0;0;1;1;1;0;4", 4, 4, "High"},
        {"1;0;0;0;1;1;0;0;2", 3, 2, "Low"},
        {"1;0;0;0;1;1;0;0;3", 4, 3, "Medium"},
    };
    for (const Case &c : cases) {
        INFO(c.answers);
        const ScoreResult r = scored("startback", c.answers);
        CHECK(r.complete);
        CHECK(r.value(QStringLiteral("total")) == std::optional<double>(c.total));
        CHECK(r.value(QStringLiteral("psychosocial")) == std::optional<double>(c.psychosocial));
        CHECK(r.band == QString::fromLatin1(c.stratum));
        CHECK(r.scoringVersion == QStringLiteral("startback-1"));
    }
}

TEST_CASE("STarT Back: any unanswered item makes the result incomplete, never a guess of 0")
{
    const InstrumentDefinition &sb = instrument("startback");
    for (size_t blank = 0; blank < 9; ++blank) {
        INFO("item " << blank + 1 << " unanswered");
        Answers a(9, 1);
        a[8] = 4;
        a[blank] = std::nullopt;
        const ScoreResult r = score(sb, a);
        CHECK_FALSE(r.complete);
        CHECK(r.band.isEmpty());
        CHECK_FALSE(r.value(QStringLiteral("total")).has_value());
        // The subscore is only complete when none of items 5-9 is missing.
        CHECK(r.value(QStringLiteral("psychosocial")).has_value() == (blank < 4));
    }
    const ScoreResult none = score(sb, Answers(9));
    CHECK_FALSE(none.complete);
    CHECK(none.band.isEmpty());
    CHECK_FALSE(score(sb, Answers{}).complete); // too few answers: nothing is guessed
}

TEST_CASE("PHQ-9, GAD-7 and pain NRS bands at every boundary")
{
    struct Case {
        const char *code;
        int items, maxCode, total;
        const char *band;
    };
    const Case cases[] = {
        {"phq9", 9, 3, 0, "Minimal"},   {"phq9", 9, 3, 4, "Minimal"},   {"phq9", 9, 3, 5, "Mild"},
        {"phq9", 9, 3, 9, "Mild"},      {"phq9", 9, 3, 10, "Moderate"}, {"phq9", 9, 3, 14, "Moderate"},
        {"phq9", 9, 3, 15, "Moderately severe"}, {"phq9", 9, 3, 19, "Moderately severe"},
        {"phq9", 9, 3, 20, "Severe"},   {"phq9", 9, 3, 27, "Severe"},
        {"gad7", 7, 3, 0, "Minimal"},   {"gad7", 7, 3, 4, "Minimal"},   {"gad7", 7, 3, 5, "Mild"},
        {"gad7", 7, 3, 9, "Mild"},      {"gad7", 7, 3, 10, "Moderate"}, {"gad7", 7, 3, 14, "Moderate"},
        {"gad7", 7, 3, 15, "Severe"},   {"gad7", 7, 3, 21, "Severe"},
        {"nrs_pain", 1, 10, 0, "Mild"}, {"nrs_pain", 1, 10, 4, "Mild"}, {"nrs_pain", 1, 10, 5, "Moderate"},
        {"nrs_pain", 1, 10, 6, "Moderate"}, {"nrs_pain", 1, 10, 7, "Severe"}, {"nrs_pain", 1, 10, 10, "Severe"},
    };
    for (const Case &c : cases) {
        INFO(c.code << " total " << c.total);
        const ScoreResult r = withTotal(c.code, c.items, c.maxCode, c.total);
        CHECK(r.complete);
        const QString id = c.items == 1 ? QStringLiteral("score") : QStringLiteral("total");
        CHECK(r.value(id) == std::optional<double>(c.total));
        CHECK(r.band == QString::fromLatin1(c.band));
    }
    const ScoreResult missing = scored("phq9", "3;3;3;3;3;3;3;3;");
    CHECK_FALSE(missing.complete);
    CHECK(missing.band.isEmpty());
}

TEST_CASE("FFT answers fall in positive, neither, negative or don't know, PGIC has no bands")
{
    const std::pair<const char *, const char *> fft[] = {
        {"1", "Positive"}, {"2", "Positive"}, {"3", "Neither"}, {"4", "Negative"}, {"5", "Negative"}, {"6", "Don't know"}};
    for (const auto &[answer, band] : fft)
        CHECK(scored("fft", answer).band == QString::fromLatin1(band));
    const ScoreResult pgic = scored("pgic", "2");
    CHECK(pgic.complete);
    CHECK(pgic.value(QStringLiteral("score")) == std::optional<double>(2));
    CHECK(pgic.band.isEmpty());
    CHECK_FALSE(scored("fft", "").complete);
}

TEST_CASE("meaningful improvement follows each instrument's rule")
{
    struct Case {
        const char *code;
        const char *baseline, *latest;
        std::optional<bool> improved;
    };
    const Case cases[] = {
        {"nrs_pain", "10", "7", true},   // 30 %: exactly the threshold
        {"nrs_pain", "10", "8", false},  // 20 %
        {"nrs_pain", "3", "2", true},    // 33 %
        {"nrs_pain", "7", "5", false},   // 28.6 %
        {"nrs_pain", "1", "0", true},
        {"nrs_pain", "5", "8", false},   // worse
        {"nrs_pain", "0", "0", std::nullopt}, // baseline must be above 0
        {"nrs_pain", "0", "3", std::nullopt},
        {"nrs_pain", "", "3", std::nullopt},  // incomplete baseline
        {"nrs_pain", "8", "", std::nullopt},  // incomplete latest
        {"phq9", "3;3;3;3;3;0;0;0;0", "3;3;3;1;0;0;0;0;0", true},  // 15 -> 10
        {"phq9", "3;3;3;3;3;0;0;0;0", "3;3;3;2;0;0;0;0;0", false}, // 15 -> 11
        {"phq9", "3;3;3;3;3;0;0;0;0", "3;3;3;3;3;3;0;0;0", false}, // 15 -> 18
        {"phq9", "3;3;3;3;3;0;0;0;0", "3;3;3;1;0;0;0;0;", std::nullopt},
        {"gad7", "2;2;2;2;0;0;0", "1;1;1;1;0;0;0", true},  // 8 -> 4
        {"gad7", "2;2;2;2;0;0;0", "2;1;1;1;0;0;0", false}, // 8 -> 5
        {"pgic", "", "1", true},
        {"pgic", "", "2", true},
        {"pgic", "", "3", false},
        {"pgic", "", "4", false},
        {"pgic", "", "7", false},
        {"pgic", "", "", std::nullopt},
        {"fft", "1", "1", std::nullopt},
        {"startback", "1;1;1;1;1;1;1;1;4", "0;0;0;0;0;0;0;0;0", std::nullopt},
    };
    for (const Case &c : cases) {
        INFO(c.code << ": " << c.baseline << " -> " << c.latest);
        CHECK(meaningfulImprovement(instrument(c.code), scored(c.code, c.baseline), scored(c.code, c.latest))
              == c.improved);
    }
}

TEST_CASE("meaningful deterioration is the same rule the other way")
{
    struct Case {
        const char *code;
        const char *baseline, *latest;
        std::optional<bool> deteriorated;
    };
    const Case cases[] = {
        {"nrs_pain", "5", "7", true},    // a rise of 40 %
        {"nrs_pain", "10", "10", false},
        {"nrs_pain", "6", "7", false},   // 16.7 %
        {"nrs_pain", "3", "4", true},    // 33 %
        {"nrs_pain", "10", "7", false},  // better
        {"nrs_pain", "0", "8", std::nullopt}, // a percentage of nothing: not judged, never "no change"
        {"phq9", "3;3;3;1;0;0;0;0;0", "3;3;3;3;3;0;0;0;0", true},  // 10 -> 15: exactly 5
        {"phq9", "3;3;3;2;0;0;0;0;0", "3;3;3;3;3;0;0;0;0", false}, // 11 -> 15
        {"gad7", "1;1;1;1;0;0;0", "2;2;2;2;0;0;0", true},  // 4 -> 8
        {"pgic", "", "7", std::nullopt}, // a category names improvement only
        {"fft", "1", "5", std::nullopt},
    };
    for (const Case &c : cases) {
        INFO(c.code << ": " << c.baseline << " -> " << c.latest);
        CHECK(meaningfulDeterioration(instrument(c.code), scored(c.code, c.baseline), scored(c.code, c.latest))
              == c.deteriorated);
    }
}

TEST_CASE("a service-defined instrument: means with a minimum answered, increases with a band change")
{
    // Made-up items; the shape of a licensed instrument a service might add (higher is better).
    const char *json = R"({
      "code": "custom", "name": "Custom", "version": "1", "scoring_version": "custom-1", "better": "higher",
      "option_sets": {"six": [{"code": 0, "label": "0"}, {"code": 1, "label": "1"}, {"code": 2, "label": "2"},
                              {"code": 3, "label": "3"}, {"code": 4, "label": "4"}, {"code": 5, "label": "5"},
                              {"code": 6, "label": "6"}]},
      "items": [{"id": "a", "text": "A", "options": "six"}, {"id": "b", "text": "B", "options": "six"},
                {"id": "c", "text": "C", "options": "six"}, {"id": "d", "text": "D", "options": "six"},
                {"id": "e", "text": "E", "options": [{"code": 1, "label": "x"}, {"code": 2, "label": "y"},
                                                     {"code": 5, "label": "z"}]}],
      "scores": [{"id": "total", "label": "Total", "method": "sum", "items": ["a", "b", "c", "d"]},
                 {"id": "mean", "label": "Mean", "method": "mean", "items": ["a", "b", "c", "d"], "min_answered": 3,
                  "recode": {"d": {"6": 12}}}],
      "band_score": "total",
      "bands": [{"label": "Severe", "when": [{"score": "total", "max": 9}]},
                {"label": "Moderate", "when": [{"score": "total", "min": 10, "max": 16}]},
                {"label": "Mild", "when": [{"score": "total", "min": 17}]}],
      "meaningful_change": {"kind": "increase_points", "score": "total", "value": 7, "with_band_change": true}
    })";
    const Result<InstrumentDefinition> parsed = parseInstrumentDefinition(json);
    INFO((parsed ? QString() : parsed.error()).toStdString());
    REQUIRE(parsed.ok());
    const InstrumentDefinition &def = parsed.value();
    const auto run = [&](const char *text) { return score(def, answers(def, text)); };

    CHECK(run("2;4;6;;1").value(QStringLiteral("mean")) == std::optional<double>(4)); // 3 of 4 answered
    CHECK_FALSE(run("2;;;6;1").value(QStringLiteral("mean")).has_value());             // 2 of 4: too few
    CHECK(run("0;0;0;6;1").value(QStringLiteral("mean")) == std::optional<double>(3)); // recode 6 -> 12
    CHECK_FALSE(run("2;4;6;;1").complete);                                              // the sum is missing

    const ScoreResult before = run("2;2;2;2;1");  // 8, Severe
    CHECK(before.band == QStringLiteral("Severe"));
    CHECK(meaningfulImprovement(def, before, run("4;4;4;3;1")) == true);   // 15, Moderate: +7, band changed
    CHECK(meaningfulImprovement(def, before, run("4;4;4;2;1")) == false);  // 14: +6
    CHECK(meaningfulImprovement(def, run("3;3;3;1;1"), run("6;6;6;2;1")) == true);  // 10 -> 20
    CHECK(meaningfulImprovement(def, run("3;3;3;1;1"), run("4;4;4;5;1")) == true);  // 10 Moderate -> 17 Mild
    CHECK(meaningfulImprovement(def, run("4;4;4;5;1"), run("6;6;6;6;1")) == false); // 17 -> 24: both Mild
    CHECK(meaningfulImprovement(def, run("4;4;5;5;1"), run("6;6;6;6;1")) == false); // 18 -> 24: +6

    const auto problems = parseAnswers(def, QStringLiteral("1;1;1;1;3"));
    REQUIRE(std::holds_alternative<std::vector<AnswerProblem>>(problems));
    CHECK(std::get<std::vector<AnswerProblem>>(problems)[0].message
          == QStringLiteral("item 5: 3 is not an answer code (1, 2, 5)"));
}

TEST_CASE("answers are read from the contract's text and reported by item number")
{
    struct Case {
        const char *code;
        const char *text;
        std::vector<int> items; // 1-based; 0 = the list as a whole
        const char *firstMessage;
    };
    const Case cases[] = {
        {"startback", "1;0;;1;0;0;0;1", {0}, "9 answers expected, 8 given"},
        {"startback", "1;0;;1;0;0;0;1;3;0", {0}, "9 answers expected, 10 given"},
        {"phq9", ";", {0}, "9 answers expected, 2 given"},
        {"startback", "1;0;;1;0;0;0;1;7", {9}, "item 9: 7 is not an answer code (0-4)"},
        {"startback", "2;0;;1;0;0;0;1;3", {1}, "item 1: 2 is not an answer code (0-1)"},
        {"startback", "1;0;x;1;0;0;0;1;3", {3}, "item 3: \"x\" is not a whole number (answer codes 0-1)"},
        {"startback", "1;0;1.0;1;-1;0;0;1;5", {3, 5, 9}, "item 3: \"1.0\" is not a whole number"},
        {"nrs_pain", "11", {1}, "item 1: 11 is not an answer code (0-10)"},
        {"nrs_pain", "+3", {1}, "item 1: \"+3\" is not a whole number"},
        {"pgic", "0", {1}, "item 1: 0 is not an answer code (1-7)"},
        {"fft", "7", {1}, "item 1: 7 is not an answer code (1-6)"},
        {"gad7", "0;0;0;0;0;0;4", {7}, "item 7: 4 is not an answer code (0-3)"},
    };
    for (const Case &c : cases) {
        INFO(c.code << ": " << c.text);
        const std::vector<AnswerProblem> problems = problemsOf(c.code, c.text);
        std::vector<int> items;
        for (const AnswerProblem &p : problems)
            items.push_back(p.item);
        CHECK(items == c.items);
        REQUIRE_FALSE(problems.empty());
        CHECK(problems[0].message.startsWith(QString::fromLatin1(c.firstMessage)));
    }
}

TEST_CASE("answers round-trip through the contract's text")
{
    const InstrumentDefinition &sb = instrument("startback");
    const Answers a = answers(sb, " 1; 0 ;;1;0;0;0;1;3 ");
    CHECK(a == Answers{1, 0, std::nullopt, 1, 0, 0, 0, 1, 3});
    CHECK(formatAnswers(a) == QStringLiteral("1;0;;1;0;0;0;1;3"));
    CHECK(formatAnswers(answers(sb, ";;;;;;;;")) == QStringLiteral(";;;;;;;;"));
    CHECK(formatAnswers(answers(instrument("nrs_pain"), "")) == QString());
    CHECK(answers(instrument("nrs_pain"), "").size() == 1);
    CHECK(describe({{3, QStringLiteral("item 3: a")}, {9, QStringLiteral("item 9: b")}})
          == QStringLiteral("item 3: a; item 9: b"));
}

TEST_CASE("worked examples shipped with a definition are checked against its scoring, each failure named")
{
    const auto instruments = builtInInstruments();
    const InstrumentDefinition &phq9 = *findInstrument(instruments, QStringLiteral("phq9"));
    const std::vector<ScoringCase> holding{
        {2, QStringLiteral("3;3;3;3;3;0;0;0;0"), {{QStringLiteral("total"), QStringLiteral("15")}, {QStringLiteral("band"), QStringLiteral("Moderately severe")}}},
        {3, QStringLiteral("1;1;;1;1;1;1;1;1"), {{QStringLiteral("total"), QString()}, {QStringLiteral("band"), QString()}}}, // incomplete
        {4, QString(), {{QStringLiteral("total"), QString()}}}, // returned blank
    };
    CHECK(failedCases(phq9, holding).isEmpty());
    const std::vector<ScoringCase> failing{
        {2, QStringLiteral("3;3;3;3;3;0;0;0;0"), {{QStringLiteral("total"), QStringLiteral("14")}}},
        {3, QStringLiteral("1;1;;1;1;1;1;1;1"), {{QStringLiteral("total"), QStringLiteral("8")}}}, // a blank is never 0
        {4, QStringLiteral("0;0;0;0;0;0;0;0;0"), {{QStringLiteral("band"), QStringLiteral("Mild")}}},
        {5, QStringLiteral("0;0;0;0;0;0;0;0;9"), {{QStringLiteral("total"), QStringLiteral("9")}}},
        {6, QStringLiteral("0;0;0;0;0;0;0;0;0"), {{QStringLiteral("psych"), QStringLiteral("0")}}},
    };
    const QStringList failed = failedCases(phq9, failing);
    REQUIRE(failed.size() == 5);
    CHECK(failed[0] == QStringLiteral("test case on line 2 of the cases file: total is 15, the case expects 14"));
    CHECK(failed[1] == QStringLiteral("test case on line 3 of the cases file: total is none (incomplete), the case expects 8"));
    CHECK(failed[2] == QStringLiteral("test case on line 4 of the cases file: band is \"Minimal\", the case expects \"Mild\""));
    CHECK(failed[3].startsWith(QStringLiteral("test case on line 5 of the cases file: answers: item 9")));
    CHECK(failed[4] == QStringLiteral("test case on line 6 of the cases file: psych is neither a score of phq9 nor \"band\""));
}
