#include "domain/scoring.h"

#include "domain/textrules.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace painmdt::domain {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("Scoring", text); }

// Comparisons of derived scores allow for binary rounding (e.g. a mean of 4.1).
constexpr double tolerance = 1e-9;

// "0-4" for consecutive codes, otherwise "1, 2, 5".
QString describeCodes(const Item &item)
{
    std::vector<int> codes;
    for (const AnswerOption &o : item.options)
        codes.push_back(o.code);
    std::sort(codes.begin(), codes.end());
    if (codes.empty())
        return {};
    bool consecutive = true;
    for (size_t i = 1; i < codes.size(); ++i)
        consecutive = consecutive && codes[i] == codes[i - 1] + 1;
    if (consecutive && codes.size() > 1)
        return QStringLiteral("%1-%2").arg(codes.front()).arg(codes.back());
    QStringList list;
    for (int c : codes)
        list << QString::number(c);
    return list.join(QStringLiteral(", "));
}

std::optional<int> answerCode(const Item &item, const Answers &answers, int index)
{
    if (index < 0 || static_cast<size_t>(index) >= answers.size())
        return std::nullopt;
    const std::optional<int> code = answers[static_cast<size_t>(index)];
    if (!code || !item.allows(*code))
        return std::nullopt;
    return code;
}

std::optional<double> computeScore(const InstrumentDefinition &def, const ScoreDefinition &s, const Answers &answers)
{
    double sum = 0;
    int answered = 0;
    for (const QString &id : s.items) {
        const int index = def.itemIndex(id);
        if (index < 0)
            return std::nullopt; // a definition built in code with a dangling item: never guess
        const std::optional<int> code = answerCode(def.items[static_cast<size_t>(index)], answers, index);
        if (!code)
            continue;
        const auto recode = s.recode.constFind(id);
        sum += (recode != s.recode.constEnd() && recode->contains(*code)) ? recode->value(*code)
                                                                          : static_cast<double>(*code);
        ++answered;
    }
    const int all = static_cast<int>(s.items.size());
    const int needed = s.minAnswered <= 0 ? all : std::min(s.minAnswered, all);
    if (answered == 0 || answered < needed)
        return std::nullopt;
    if (s.method == ScoreDefinition::Method::Mean)
        return sum / answered;
    return answered == all ? std::optional<double>(sum) : std::nullopt; // a sum never guesses 0
}

bool holds(const Condition &c, const ScoreResult &result)
{
    const std::optional<double> v = result.value(c.score);
    if (!v)
        return false;
    if (c.min && *v < *c.min - tolerance)
        return false;
    if (c.max && *v > *c.max + tolerance)
        return false;
    return true;
}

} // namespace

std::variant<Answers, std::vector<AnswerProblem>> parseAnswers(const InstrumentDefinition &def, const QString &text)
{
    const qsizetype expected = static_cast<qsizetype>(def.items.size());
    if (text.trimmed().isEmpty()) // a questionnaire returned blank: every item missing (contract)
        return Answers(static_cast<size_t>(expected), std::nullopt);
    const QStringList parts = text.split(QLatin1Char(';'));
    if (parts.size() != expected)
        return std::vector<AnswerProblem>{
            {0, tr("%1 answers expected, %2 given (separate answers with \";\", leave unanswered ones empty)")
                    .arg(expected)
                    .arg(parts.size())}};

    static const QRegularExpression whole(QStringLiteral("^-?[0-9]{1,9}$"));
    Answers answers;
    std::vector<AnswerProblem> problems;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString part = parts[i].trimmed();
        const Item &item = def.items[static_cast<size_t>(i)];
        const int number = static_cast<int>(i) + 1;
        if (part.isEmpty()) {
            answers.push_back(std::nullopt);
        } else if (!whole.match(part).hasMatch()) {
            problems.push_back({number, tr("item %1: %2 is not a whole number (answer codes %3)")
                                            .arg(number)
                                            .arg(echo(part), describeCodes(item))});
        } else if (const int code = part.toInt(); !item.allows(code)) {
            problems.push_back(
                {number, tr("item %1: %2 is not an answer code (%3)").arg(number).arg(code).arg(describeCodes(item))});
        } else {
            answers.push_back(code);
        }
    }
    if (!problems.empty())
        return problems;
    return answers;
}

QString formatAnswers(const Answers &answers)
{
    QStringList parts;
    for (const std::optional<int> &a : answers)
        parts << (a ? QString::number(*a) : QString());
    return parts.join(QLatin1Char(';'));
}

QString describe(const std::vector<AnswerProblem> &problems)
{
    QStringList lines;
    for (const AnswerProblem &p : problems)
        lines << p.message;
    return lines.join(QStringLiteral("; "));
}

std::optional<double> ScoreResult::value(const QString &id) const
{
    for (const ScoreValue &s : scores)
        if (s.id == id)
            return s.value;
    return std::nullopt;
}

ScoreResult score(const InstrumentDefinition &def, const Answers &answers)
{
    ScoreResult result;
    result.scoringVersion = def.scoringVersion;
    result.complete = true;
    for (const ScoreDefinition &s : def.scores) {
        const std::optional<double> value = computeScore(def, s, answers);
        result.complete = result.complete && value.has_value();
        result.scores.push_back({s.id, value});
    }
    if (!result.complete)
        return result;
    for (const Band &band : def.bands) {
        if (std::all_of(band.when.begin(), band.when.end(), [&](const Condition &c) { return holds(c, result); })) {
            result.band = band.label;
            break;
        }
    }
    return result;
}

QStringList failedCases(const InstrumentDefinition &def, const std::vector<ScoringCase> &cases)
{
    QStringList failures;
    for (const ScoringCase &c : cases) {
        const QString where = tr("test case on line %1 of the cases file").arg(c.line);
        const auto parsed = parseAnswers(def, c.answers);
        if (const auto *problems = std::get_if<std::vector<AnswerProblem>>(&parsed)) {
            failures << tr("%1: answers: %2").arg(where, describe(*problems));
            continue;
        }
        const ScoreResult result = score(def, std::get<Answers>(parsed));
        for (const auto &[key, wanted] : c.expected) {
            if (key == QLatin1String("band")) {
                if (result.band != wanted)
                    failures << tr("%1: band is \"%2\", the case expects \"%3\"").arg(where, result.band, wanted);
                continue;
            }
            const QString &column = key; // clang 14 cannot capture a structured binding
            const auto scoreId = std::find_if(def.scores.begin(), def.scores.end(), [&column](const ScoreDefinition &s) {
                return s.id.compare(column, Qt::CaseInsensitive) == 0; // a CSV header is read lower-cased
            });
            if (scoreId == def.scores.end()) {
                failures << tr("%1: %2 is neither a score of %3 nor \"band\"").arg(where, key, def.code);
                continue;
            }
            bool number = false;
            const double expected = wanted.toDouble(&number);
            const auto got = result.value(scoreId->id);
            const QString gotText = got ? QString::number(*got) : tr("none (incomplete)");
            if (wanted.isEmpty() ? got.has_value() : !number || !got || std::abs(*got - expected) > 1e-9)
                failures << tr("%1: %2 is %3, the case expects %4").arg(where, key, gotText, wanted.isEmpty() ? tr("none") : wanted);
        }
    }
    return failures;
}

std::vector<RaisedAlert> raisedAlerts(const InstrumentDefinition &def, const Answers &answers)
{
    std::vector<RaisedAlert> raised;
    for (const AlertRule &rule : def.alerts) {
        const int at = def.itemIndex(rule.item);
        const std::optional<int> answer = at >= 0 && size_t(at) < answers.size() ? answers[size_t(at)] : std::nullopt;
        if (answer ? *answer > rule.above : rule.whenBlank)
            raised.push_back({rule, answer});
    }
    return raised;
}

namespace {

enum class Direction { Better, Worse };

// Whether latest moved from baseline by at least the rule's amount in `direction`; nullopt when
// the rule cannot apply (see meaningfulImprovement).
std::optional<bool> meaningfulMove(const InstrumentDefinition &def, const ScoreResult &baseline,
                                   const ScoreResult &latest, Direction direction)
{
    using Kind = MeaningfulChange::Kind;
    const MeaningfulChange &rule = def.meaningfulChange;
    if (rule.kind == Kind::None || !latest.complete)
        return std::nullopt;
    const std::optional<double> now = latest.value(rule.score);
    if (!now)
        return std::nullopt;

    if (rule.kind == Kind::Category) {
        if (direction == Direction::Worse)
            return std::nullopt; // a category names improvement only
        const double rounded = std::round(*now);
        return std::abs(*now - rounded) < tolerance && rule.categories.contains(static_cast<int>(rounded));
    }

    if (def.singleOccasion || !baseline.complete)
        return std::nullopt;
    const std::optional<double> before = baseline.value(rule.score);
    if (!before || !(*before > rule.baselineAbove))
        return std::nullopt;

    // The fall (or, for IncreasePoints, the rise) that counts as better; worse is its opposite.
    const double sign = direction == Direction::Better ? 1.0 : -1.0;
    bool moved = false;
    switch (rule.kind) {
    case Kind::ReductionPercent:
        if (*before <= 0)
            return std::nullopt; // a percentage of nothing
        // (before - now) / before >= value %, without dividing (10 -> 7 is exactly 30 %).
        moved = sign * (*before - *now) * 100.0 >= rule.value * *before - tolerance;
        break;
    case Kind::ReductionPoints:
        moved = sign * (*before - *now) >= rule.value - tolerance;
        break;
    case Kind::IncreasePoints:
        moved = sign * (*now - *before) >= rule.value - tolerance;
        break;
    case Kind::None:
    case Kind::Category:
        return std::nullopt;
    }
    if (moved && rule.withBandChange)
        moved = !baseline.band.isEmpty() && !latest.band.isEmpty() && baseline.band != latest.band;
    return moved;
}

} // namespace

std::optional<bool> meaningfulImprovement(const InstrumentDefinition &def, const ScoreResult &baseline,
                                          const ScoreResult &latest)
{
    return meaningfulMove(def, baseline, latest, Direction::Better);
}

std::optional<bool> meaningfulDeterioration(const InstrumentDefinition &def, const ScoreResult &baseline,
                                            const ScoreResult &latest)
{
    return meaningfulMove(def, baseline, latest, Direction::Worse);
}

} // namespace painmdt::domain
