// Instrument definitions as data (issue 3): the built-in definitions and every validation error.
#include "support/catchqt.h"

#include "domain/instrument.h"
#include "domain/scoring.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace painmdt::domain;
using painmdt::Result;

namespace {

// A small valid definition that each validation case breaks in one place.
const char *const validJson = R"({
  "format": 1,
  "code": "test_scale",
  "name": "Test scale",
  "version": "1",
  "scoring_version": "test-1",
  "licence": "",
  "better": "lower",
  "option_sets": {"yesno": [{"code": 0, "label": "No"}, {"code": 1, "label": "Yes"}]},
  "items": [
    {"id": "a", "text": "Item A", "options": "yesno"},
    {"id": "b", "text": "Item B", "options": "yesno"},
    {"id": "c", "text": "Item C", "options": [
      {"code": 0, "label": "Never"}, {"code": 1, "label": "Sometimes"}, {"code": 2, "label": "Always"}]}
  ],
  "scores": [
    {"id": "total", "label": "Total", "method": "sum", "items": ["a", "b", "c"],
     "recode": {"c": {"0": 0, "1": 0, "2": 1}}},
    {"id": "average", "label": "Average", "method": "mean", "items": ["a", "b", "c"], "min_answered": 2}
  ],
  "band_score": "total",
  "bands": [
    {"label": "High", "when": [{"score": "total", "min": 2}]},
    {"label": "Low"}
  ],
  "meaningful_change": {"kind": "reduction_points", "score": "total", "value": 1}
})";

QJsonObject validObject() { return QJsonDocument::fromJson(validJson).object(); }

// Sets (or, without a value, removes) the value at a path like "items[2].options[1].code".
QJsonValue changed(const QJsonValue &node, QStringList steps, const std::optional<QJsonValue> &value)
{
    if (steps.isEmpty())
        return value.value_or(QJsonValue());
    const QString step = steps.takeFirst();
    if (step.startsWith(QLatin1Char('['))) {
        QJsonArray array = node.toArray();
        const int i = step.mid(1, step.size() - 2).toInt();
        if (steps.isEmpty() && !value)
            array.removeAt(i);
        else
            array[i] = changed(array.at(i), steps, value);
        return array;
    }
    QJsonObject object = node.toObject();
    if (steps.isEmpty() && !value)
        object.remove(step);
    else
        object[step] = changed(object.value(step), steps, value);
    return object;
}

QByteArray withChange(const QString &path, const std::optional<QJsonValue> &value)
{
    static const QRegularExpression split(QStringLiteral("(\\[[0-9]+\\])|\\."));
    QStringList steps;
    qsizetype from = 0;
    for (auto it = split.globalMatch(path); it.hasNext();) {
        const auto m = it.next();
        if (m.capturedStart() > from)
            steps << path.mid(from, m.capturedStart() - from);
        if (!m.captured(1).isEmpty())
            steps << m.captured(1);
        from = m.capturedEnd();
    }
    if (from < path.size())
        steps << path.mid(from);
    return QJsonDocument(changed(validObject(), steps, value).toObject()).toJson();
}

QStringList errorLines(const QByteArray &json)
{
    const Result<InstrumentDefinition> result = parseInstrumentDefinition(json);
    return result ? QStringList() : result.error().split(QLatin1Char('\n'));
}

bool anyStartsWith(const QStringList &lines, const QString &prefix)
{
    for (const QString &line : lines)
        if (line.startsWith(prefix))
            return true;
    return false;
}

QJsonValue json(const char *text) { return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0); }

std::vector<int> codesOf(const Item &item)
{
    std::vector<int> codes;
    for (const AnswerOption &o : item.options)
        codes.push_back(o.code);
    return codes;
}

std::vector<int> range(int from, int to)
{
    std::vector<int> r;
    for (int i = from; i <= to; ++i)
        r.push_back(i);
    return r;
}

} // namespace

TEST_CASE("all six built-in definitions load without error")
{
    for (const QString &file : builtInInstrumentFiles()) {
        INFO(file.toStdString());
        const Result<InstrumentDefinition> def = readInstrumentDefinition(file);
        INFO((def ? QString() : def.error()).toStdString());
        CHECK(def.ok());
    }
    const std::vector<InstrumentDefinition> all = builtInInstruments();
    QStringList codes;
    for (const InstrumentDefinition &d : all)
        codes << d.code;
    CHECK(codes == QStringList{"startback", "nrs_pain", "phq9", "gad7", "pgic", "fft"});
    REQUIRE(findInstrument(all, QStringLiteral("phq9")));
    CHECK(findInstrument(all, QStringLiteral("phq9"))->name.contains(QStringLiteral("PHQ-9")));
    CHECK(findInstrument(all, QStringLiteral("pseq")) == nullptr);
}

TEST_CASE("built-in answer codes follow the interchange contract")
{
    struct Case {
        const char *code;
        int items;
        int firstCode, lastCode; // every item, except STarT Back item 9
        bool singleOccasion;
        Better better;
    };
    const Case cases[] = {
        {"startback", 9, 0, 1, false, Better::Lower}, {"nrs_pain", 1, 0, 10, false, Better::Lower},
        {"phq9", 9, 0, 3, false, Better::Lower},      {"gad7", 7, 0, 3, false, Better::Lower},
        {"pgic", 1, 1, 7, true, Better::Lower},       {"fft", 1, 1, 6, true, Better::NotApplicable},
    };
    const std::vector<InstrumentDefinition> all = builtInInstruments();
    for (const Case &c : cases) {
        INFO(c.code);
        const InstrumentDefinition *def = findInstrument(all, QString::fromLatin1(c.code));
        REQUIRE(def);
        REQUIRE(def->items.size() == static_cast<size_t>(c.items));
        for (int i = 0; i < c.items; ++i) {
            INFO("item " << i + 1);
            const bool bothersome = def->code == QStringLiteral("startback") && i == 8;
            CHECK(codesOf(def->items[static_cast<size_t>(i)]) == (bothersome ? range(0, 4) : range(c.firstCode, c.lastCode)));
            CHECK_FALSE(def->items[static_cast<size_t>(i)].text.isEmpty());
        }
        CHECK(def->singleOccasion == c.singleOccasion);
        CHECK(def->better == c.better);
        CHECK_FALSE(def->scoringVersion.isEmpty());
    }
}

TEST_CASE("the STarT Back definition keeps Keele's notice, labels and recode")
{
    const std::vector<InstrumentDefinition> all = builtInInstruments();
    const InstrumentDefinition *sb = findInstrument(all, QStringLiteral("startback"));
    REQUIRE(sb);
    CHECK(sb->licence == QString::fromUtf8("© 2007 Keele University, funded by Arthritis Research UK"));
    CHECK(sb->recall.contains(QStringLiteral("last 2 weeks")));
    CHECK(sb->items[0].options[0].label == QStringLiteral("Disagree"));
    CHECK(sb->items[0].options[1].label == QStringLiteral("Agree"));
    QStringList bothersome;
    for (const AnswerOption &o : sb->items[8].options)
        bothersome << o.label;
    CHECK(bothersome == QStringList{"Not at all", "Slightly", "Moderately", "Very much", "Extremely"});

    const ScoreDefinition *total = sb->score(QStringLiteral("total"));
    const ScoreDefinition *psych = sb->score(QStringLiteral("psychosocial"));
    REQUIRE(total);
    REQUIRE(psych);
    CHECK(total->items.size() == 9);
    CHECK(total->minAnswered == 9);
    CHECK(psych->items == QStringList{"q5", "q6", "q7", "q8", "q9"});
    CHECK(psych->minAnswered == 5);
    const QHash<int, double> recode{{0, 0}, {1, 0}, {2, 0}, {3, 1}, {4, 1}};
    CHECK(total->recode.value(QStringLiteral("q9")) == recode);
    CHECK(psych->recode.value(QStringLiteral("q9")) == recode);
    QStringList bands;
    for (const Band &b : sb->bands)
        bands << b.label;
    CHECK(bands == QStringList{"High", "Medium", "Low"});
    CHECK(sb->meaningfulChange.kind == MeaningfulChange::Kind::None);
}

TEST_CASE("meaningful-change rules of the built-ins follow the clinical reference")
{
    using Kind = MeaningfulChange::Kind;
    const std::vector<InstrumentDefinition> all = builtInInstruments();
    const auto rule = [&](const char *code) { return findInstrument(all, QString::fromLatin1(code))->meaningfulChange; };
    CHECK(rule("nrs_pain").kind == Kind::ReductionPercent);
    CHECK(rule("nrs_pain").value == 30);
    CHECK(rule("nrs_pain").baselineAbove == 0);
    CHECK(rule("phq9").kind == Kind::ReductionPoints);
    CHECK(rule("phq9").value == 5);
    CHECK_FALSE(rule("phq9").unconfirmed);
    CHECK(rule("gad7").kind == Kind::ReductionPoints);
    CHECK(rule("gad7").value == 4);
    CHECK(rule("gad7").unconfirmed);
    CHECK(rule("pgic").kind == Kind::Category);
    CHECK(rule("pgic").categories == QList<int>{1, 2});
    CHECK(rule("fft").kind == Kind::None);
}

TEST_CASE("the test definition is valid and parsed into the types")
{
    const Result<InstrumentDefinition> def = parseInstrumentDefinition(validJson);
    INFO((def ? QString() : def.error()).toStdString());
    REQUIRE(def.ok());
    CHECK(def->code == QStringLiteral("test_scale"));
    CHECK(def->items.size() == 3);
    CHECK(def->items[0].options.size() == 2); // from the option set
    CHECK(def->scores[0].minAnswered == 3);   // default: every item
    CHECK(def->scores[1].method == ScoreDefinition::Method::Mean);
    CHECK(def->scores[1].minAnswered == 2);
    CHECK(def->bandScore == QStringLiteral("total"));
    CHECK(def->bands[1].when.empty());
    CHECK(def->meaningfulChange.kind == MeaningfulChange::Kind::ReductionPoints);
}

TEST_CASE("every validation error names where the problem is")
{
    struct Case {
        const char *path;   // what to change; see changed()
        const char *value;  // JSON text; nullptr removes the key
        const char *error;  // expected start of one error line
    };
    const Case cases[] = {
        // required fields and their types
        {"code", nullptr, "code: is required"},
        {"code", R"("PHQ 9")", R"(code: "PHQ 9" must be lower-case letters)"},
        {"name", nullptr, "name: is required"},
        {"name", R"("  ")", "name: must not be empty"},
        {"name", "7", "name: must be text"},
        {"version", nullptr, "version: is required"},
        {"scoring_version", nullptr, "scoring_version: is required"},
        {"items", nullptr, "items: is required"},
        {"items", "[]", "items: must not be empty"},
        {"items", "{}", "items: must be a list"},
        {"scores", nullptr, "scores: is required"},
        {"format", "2", "format: must be 1"},
        {"single_occasion", R"("yes")", "single_occasion: must be true or false"},
        {"nmae", R"("x")", "nmae: unknown key"},
        // enum strings
        {"better", R"("smaller")", R"(better: "smaller" is not one of lower, higher, not_applicable)"},
        {"scores[0].method", R"("total")", R"(scores[0].method: "total" is not one of sum, mean)"},
        {"meaningful_change.kind", R"("better")", R"(meaningful_change.kind: "better" is not one of none, )"},
        // items and options
        {"items[1].id", R"("a")", R"(items[1].id: "a" is already the id of items[0])"},
        {"items[1].id", R"("b c")", R"(items[1].id: "b c" must be letters, digits or _ only)"},
        {"items[1].text", nullptr, "items[1].text: is required"},
        {"items[2].options", nullptr, "items[2].options: is required"},
        {"items[2].options", "[]", "items[2].options: needs at least one answer option"},
        {"items[2].options", "7", "items[2].options: must be a list"},
        {"items[0].options", R"("freq")", R"(items[0].options: "freq" is not one of the option_sets)"},
        {"items[2].options[1].code", "1.5", "items[2].options[1].code: must be a whole number"},
        {"items[2].options[1].code", R"("1")", "items[2].options[1].code: must be a whole number"},
        {"items[2].options[1].code", nullptr, "items[2].options[1].code: is required"},
        {"items[2].options[1].code", "0", "items[2].options[1].code: 0 is already the code of items[2].options[0]"},
        {"items[2].options[1].label", nullptr, "items[2].options[1].label: is required"},
        {"items[2].txt", R"("x")", "items[2].txt: unknown key"},
        {"option_sets.yesno[1].code", "0", "option_sets.yesno[1].code: 0 is already the code of option_sets.yesno[0]"},
        // scores
        {"scores[0].items[1]", R"("zz")", R"(scores[0].items[1]: unknown item "zz")"},
        {"scores[0].items[1]", R"("a")", R"(scores[0].items[1]: item "a" is listed twice)"},
        {"scores[0].items", "[]", "scores[0].items: must not be empty"},
        {"scores[1].id", R"("total")", R"(scores[1].id: "total" is already the id of scores[0])"},
        {"scores[0].label", nullptr, "scores[0].label: is required"},
        {"scores[0].recode.zz", R"({"0": 1})", R"(scores[0].recode.zz: unknown item "zz")"},
        {"scores[0].recode.c.9", "1", R"(scores[0].recode.c.9: 9 is not an answer code of item "c")"},
        {"scores[0].recode.c.x", "1", R"(scores[0].recode.c.x: "x" is not a whole-number answer code)"},
        {"scores[0].recode.c.2", R"("one")", "scores[0].recode.c.2: must be a number"},
        {"scores[1].recode", R"({"a": {"1": 2}})", ""}, // valid: recode of one of the score's items
        {"scores[1].items", R"(["a", "b"])", ""},       // valid: min_answered 2 of 2
        {"scores[1].min_answered", "4", "scores[1].min_answered: must be between 1 and 3"},
        {"scores[1].min_answered", "0", "scores[1].min_answered: must be between 1 and 3"},
        {"scores[1].min_answered", "1.5", "scores[1].min_answered: must be a whole number"},
        {"scores[0].min_answered", "2", "scores[0].min_answered: a sum needs every item answered (3)"},
        // bands
        {"band_score", R"("nope")", R"(band_score: unknown score "nope")"},
        {"bands[0].when[0].score", R"("nope")", R"(bands[0].when[0].score: unknown score "nope")"},
        {"bands[0].when[0].min", nullptr, "bands[0].when[0]: needs min, max or both"},
        {"bands[0].when[0].max", "1", "bands[0].when[0]: min 2 is above max 1"},
        {"bands[0].when[0].min", R"("2")", "bands[0].when[0].min: must be a number"},
        {"bands[0].when", nullptr, "bands[0]: a band without conditions means \"otherwise\" and must be the last"},
        {"bands[1].label", nullptr, "bands[1].label: is required"},
        // meaningful change
        {"meaningful_change.score", R"("nope")", R"(meaningful_change.score: unknown score "nope")"},
        {"meaningful_change.value", nullptr, "meaningful_change.value: is required"},
        {"meaningful_change.value", "0", "meaningful_change.value: must be greater than 0"},
        {"meaningful_change.categories", "[1]", "meaningful_change.categories: is only used by kind \"category\""},
        {"meaningful_change.kind", R"("category")", "meaningful_change.categories: is required"},
        {"meaningful_change.kind", R"("increase_points")",
         R"(meaningful_change.kind: an increase is an improvement only when better is "higher")"},
        {"single_occasion", "true", "meaningful_change.kind: a single-occasion instrument can only use"},
        {"meaningful_change.with_band_change", "1", "meaningful_change.with_band_change: must be true or false"},
        {"meaningful_change.unconfirmed", "true", ""}, // valid
        // alerts (hazard H9)
        {"alerts", R"([{"id": "x", "item": "zz", "above": 0, "message": "m"}])", R"(alerts[0].item: unknown item "zz")"},
        {"alerts", R"([{"id": "x", "item": "a", "message": "m"}])", "alerts[0].above: is required"},
        {"alerts", R"([{"id": "x", "item": "a", "above": 0.5, "message": "m"}])", "alerts[0].above: must be a whole number"},
        {"alerts", R"([{"id": "x", "item": "a", "above": 0}])", "alerts[0].message: is required"},
        {"alerts", R"([{"item": "a", "above": 0, "message": "m"}])", "alerts[0].id: is required"},
        {"alerts", R"([{"id": "x", "item": "a", "above": 0, "message": "m", "colour": "red"}])", "alerts[0].colour: unknown key"},
        {"alerts", R"([{"id": "x", "item": "a", "above": 0, "message": "m"}, {"id": "x", "item": "b", "above": 0, "message": "m"}])",
         R"(alerts[1].id: "x" is used twice)"},
        {"alerts", R"({"id": "x"})", "alerts: must be a list"},
        {"alerts", R"([{"id": "x", "item": "a", "above": 0, "message": "m", "when_blank": false}])", ""}, // valid
        // free_text (the FFT's follow-up question)
        {"free_text", R"([{"id": "a", "text": "Why?"}])", R"(free_text[0].id: "a" is already the id of an item or question)"},
        {"free_text", R"([{"id": "why", "text": "Why?"}, {"id": "why", "text": "Why not?"}])",
         R"(free_text[1].id: "why" is already the id)"},
        {"free_text", R"([{"id": "why"}])", "free_text[0].text: is required"},
        {"free_text", R"([{"id": "why", "text": "Why?", "max": 3}])", "free_text[0].max: unknown key"},
        {"free_text", R"("Why?")", "free_text: must be a list"},
        {"free_text", R"([{"id": "why", "text": "Why?"}])", ""}, // valid
    };
    for (const Case &c : cases) {
        INFO(c.path << " = " << (c.value ? c.value : "(removed)"));
        const std::optional<QJsonValue> value = c.value ? std::optional<QJsonValue>(json(c.value)) : std::nullopt;
        const QStringList lines = errorLines(withChange(QString::fromLatin1(c.path), value));
        INFO(lines.join(QLatin1Char('\n')).toStdString());
        if (*c.error == '\0')
            CHECK(lines.isEmpty());
        else
            CHECK(anyStartsWith(lines, QString::fromUtf8(c.error)));
    }
}

TEST_CASE("a document that is not a JSON object is rejected with the parse offset")
{
    const QStringList broken = errorLines(R"({"code": "x", "name": })");
    REQUIRE(broken.size() == 1);
    INFO(broken[0].toStdString());
    CHECK(broken[0].startsWith(QStringLiteral("(root): not valid JSON: ")));
    CHECK(broken[0].endsWith(QStringLiteral(" at line 1, column 24 (byte offset 23)")));
    const QStringList secondLine = errorLines("{\"code\": \"x\",\n  \"name\" \"y\"}");
    REQUIRE(secondLine.size() == 1);
    INFO(secondLine[0].toStdString());
    CHECK(secondLine[0].contains(QStringLiteral(" at line 2, column ")));
    CHECK(errorLines("[1, 2]") == QStringList{"(root): must be a JSON object {...}"});
    CHECK_FALSE(errorLines("").isEmpty());
}

TEST_CASE("every problem is listed, one a line")
{
    QJsonObject o = validObject();
    o.remove(QStringLiteral("name"));
    o[QStringLiteral("better")] = QStringLiteral("best");
    QJsonObject mc = o.value(QStringLiteral("meaningful_change")).toObject();
    mc[QStringLiteral("score")] = QStringLiteral("nope");
    o[QStringLiteral("meaningful_change")] = mc;
    const QStringList lines = errorLines(QJsonDocument(o).toJson());
    CHECK(lines == QStringList{R"(name: is required)",
                               R"(better: "best" is not one of lower, higher, not_applicable)",
                               R"(meaningful_change.score: unknown score "nope")"});
}

TEST_CASE("a definition file's errors start with its file name")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("pseq.json"));
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(withChange(QStringLiteral("items[2].options[1].code"), QJsonValue(QStringLiteral("one"))));
    file.close();
    const Result<InstrumentDefinition> def = readInstrumentDefinition(path);
    REQUIRE_FALSE(def.ok());
    CHECK(def.error() == QStringLiteral("pseq.json: items[2].options[1].code: must be a whole number"));

    const Result<InstrumentDefinition> missing = readInstrumentDefinition(dir.filePath(QStringLiteral("none.json")));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().startsWith(QStringLiteral("none.json: cannot be read")));
}

TEST_CASE("PHQ-9 item 9 above 0 or left blank raises the self-harm alert, whatever the other answers (hazard H9)")
{
    const auto instruments = builtInInstruments();
    const InstrumentDefinition *phq9 = findInstrument(instruments, QStringLiteral("phq9"));
    REQUIRE(phq9 != nullptr);
    REQUIRE(phq9->alerts.size() == 1);
    CHECK(phq9->alerts.front().id == QStringLiteral("self_harm"));
    struct Case {
        const char *answers;
        bool raised;
        std::optional<int> answer;
    };
    const Case cases[] = {
        {"0;0;0;0;0;0;0;0;0", false, std::nullopt},
        {"3;3;3;3;3;3;3;3;0", false, std::nullopt}, // severe, but item 9 "Not at all"
        {"0;0;0;0;0;0;0;0;1", true, 1},
        {"0;0;0;0;0;0;0;0;2", true, 2},
        {"1;2;1;0;0;0;0;0;3", true, 3},
        {"0;0;0;0;0;0;0;0;", true, std::nullopt},   // item 9 blank: not asked is not "no risk"
        {"", true, std::nullopt},                    // returned blank
        {"0;0;;0;0;0;0;0;0", false, std::nullopt},  // another item blank: incomplete, no alert
    };
    for (const Case &c : cases) {
        INFO(c.answers);
        const auto parsed = parseAnswers(*phq9, QString::fromLatin1(c.answers));
        REQUIRE(std::holds_alternative<Answers>(parsed));
        const auto raised = raisedAlerts(*phq9, std::get<Answers>(parsed));
        CHECK(raised.size() == (c.raised ? 1u : 0u));
        if (c.raised && !raised.empty())
            CHECK(raised.front().answer == c.answer);
    }
    // The FFT asks its free-text follow-up (NHS England requires at least one); nothing else does.
    const InstrumentDefinition *fft = findInstrument(instruments, QStringLiteral("fft"));
    REQUIRE(fft != nullptr);
    REQUIRE(fft->freeText.size() == 1);
    CHECK(fft->freeText.front().id == QStringLiteral("why"));
    // No other built-in instrument declares an alert (nothing else in the clinical reference asks).
    for (const InstrumentDefinition &d : instruments)
        if (d.code != QStringLiteral("phq9"))
            CHECK(d.alerts.empty());
}
