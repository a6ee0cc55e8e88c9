#include "reporting/outcomesreport.h"

#include "domain/outcomes.h"
#include "domain/scoring.h"
#include "reporting/statistics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <numeric>

namespace painmdt::reporting {

using domain::mainScore;
using storage::AdministrationRow;

namespace {

using Group = std::vector<const AdministrationRow *>; // one patient's administrations of one instrument, in date order

// Talking Therapies thresholds (clinical reference §2).
constexpr double phq9Caseness = 10, gad7Caseness = 8, phq9Reliable = 6, gad7Reliable = 4;

domain::ScoreResult resultOf(const AdministrationRow &r)
{
    domain::ScoreResult result;
    const QJsonObject scores = QJsonDocument::fromJson(r.scores.toUtf8()).object();
    for (auto it = scores.begin(); it != scores.end(); ++it)
        result.scores.push_back({it.key(), it.value().isDouble() ? std::optional(it.value().toDouble()) : std::nullopt});
    result.complete = r.complete;
    result.band = r.band;
    return result;
}

struct Pair {
    const AdministrationRow *baseline = nullptr;
    const AdministrationRow *latest = nullptr;
};

Pair pairOf(const Group &group)
{
    std::vector<domain::Administered> administered;
    for (const AdministrationRow *r : group)
        administered.push_back({r->collectedOn, r->occasion, r->complete});
    const domain::OutcomePair found = domain::outcomePair(administered);
    return {found.baseline ? group[*found.baseline] : nullptr, found.latest ? group[*found.latest] : nullptr};
}

bool inPeriod(const QDate &d, const ReportPeriod &p) { return d >= p.from && d <= p.to; }

QJsonValue value(std::optional<double> v) { return v ? QJsonValue(*v) : QJsonValue(); }

std::optional<double> mean(const std::vector<double> &values)
{
    const auto m = meanOf(values);
    return m ? std::optional(roundTo(*m, 2)) : std::nullopt;
}

// code -> (instrument -> patients' groups), from rows ordered by patient, instrument, date.
std::map<QString, std::vector<Group>> groupsOf(const std::vector<AdministrationRow> &rows)
{
    std::map<QString, std::vector<Group>> groups;
    for (size_t i = 0; i < rows.size(); ++i) {
        const bool starts = i == 0 || rows[i].patientId != rows[i - 1].patientId || rows[i].instrument != rows[i - 1].instrument;
        if (starts)
            groups[rows[i].instrument].emplace_back();
        groups[rows[i].instrument].back().push_back(&rows[i]);
    }
    return groups;
}

// Patient -> (baseline, latest) main-score values, for the pairs whose baseline is in the period.
using Scores = std::map<qint64, std::pair<double, double>>;

QJsonObject instrumentFigures(const QString &score, const domain::InstrumentDefinition *definition,
                              const Definitions &definitions, const std::vector<Group> &groups,
                              const ReportPeriod &period, Scores &paired)
{
    qint64 eligible = 0, improved = 0, deteriorated = 0, notJudged = 0, administrations = 0, incomplete = 0, blank = 0,
           unknownVersion = 0;
    std::vector<double> baselines, latests, changes;
    for (const Group &group : groups) {
        for (const AdministrationRow *r : group)
            if (inPeriod(r->collectedOn, period)) {
                ++administrations;
                incomplete += r->complete ? 0 : 1;
                blank += r->blank ? 1 : 0;
                unknownVersion += definitions.of(*r) ? 0 : 1;
            }
        if (definition && definition->singleOccasion)
            continue; // a distribution, never a paired change (clinical reference §2)
        const Pair pair = pairOf(group);
        if (!pair.baseline || !inPeriod(pair.baseline->collectedOn, period))
            continue;
        ++eligible;
        const auto first = pair.latest ? resultOf(*pair.baseline).value(score) : std::nullopt;
        const auto last = pair.latest ? resultOf(*pair.latest).value(score) : std::nullopt;
        if (!first || !last)
            continue;
        paired.emplace(pair.baseline->patientId, std::pair(*first, *last));
        baselines.push_back(*first);
        latests.push_back(*last);
        changes.push_back(*last - *first);
        const domain::InstrumentDefinition *rule = definitions.of(*pair.latest); // the version that scored it
        const auto better = rule ? domain::meaningfulImprovement(*rule, resultOf(*pair.baseline), resultOf(*pair.latest))
                                 : std::nullopt;
        const auto worse = rule ? domain::meaningfulDeterioration(*rule, resultOf(*pair.baseline), resultOf(*pair.latest))
                                : std::nullopt;
        improved += better == true ? 1 : 0;
        deteriorated += worse == true ? 1 : 0;
        notJudged += better ? 0 : 1; // the rule cannot apply (a pain score of 0 at baseline)
    }
    const auto n = qint64(baselines.size());
    const bool hasRule = definition && !definition->singleOccasion
                         && definition->meaningfulChange.kind != domain::MeaningfulChange::Kind::None;
    const auto pctPaired = percent(n, eligible);
    const auto interval = meanInterval95(changes);
    const auto rounded = [](std::optional<double> v) { return v ? QJsonValue(roundTo(*v, 2)) : QJsonValue(); };
    const qint64 unchanged = n - improved - deteriorated - notJudged;
    return {{QStringLiteral("score"), score},
            {QStringLiteral("single_occasion"), definition && definition->singleOccasion},
            {QStringLiteral("rule_unconfirmed"), hasRule && definition->meaningfulChange.unconfirmed},
            {QStringLiteral("eligible"), eligible},
            {QStringLiteral("paired"), n},
            {QStringLiteral("pct_paired"), value(pctPaired)},
            {QStringLiteral("interpret_with_caution"), !pctPaired || 2 * n < eligible}, // unrounded: 49.95 % is under half
            {QStringLiteral("mean_baseline"), value(mean(baselines))},
            {QStringLiteral("mean_latest"), value(mean(latests))},
            {QStringLiteral("mean_change"), value(mean(changes))},
            {QStringLiteral("meaningful_improvement"), hasRule ? QJsonValue(improved) : QJsonValue()},
            {QStringLiteral("pct_meaningful_improvement"), hasRule ? value(percent(improved, n)) : QJsonValue()},
            {QStringLiteral("median_change"), rounded(median(changes))},
            {QStringLiteral("mean_change_ci95_low"), rounded(interval ? std::optional(interval->low) : std::nullopt)},
            {QStringLiteral("mean_change_ci95_high"), rounded(interval ? std::optional(interval->high) : std::nullopt)},
            {QStringLiteral("meaningful_deterioration"), hasRule ? QJsonValue(deteriorated) : QJsonValue()},
            {QStringLiteral("pct_meaningful_deterioration"), hasRule ? value(percent(deteriorated, n)) : QJsonValue()},
            {QStringLiteral("no_meaningful_change"), hasRule ? QJsonValue(unchanged) : QJsonValue()},
            {QStringLiteral("pct_no_meaningful_change"), hasRule ? value(percent(unchanged, n)) : QJsonValue()},
            {QStringLiteral("change_not_judged"), hasRule ? QJsonValue(notJudged) : QJsonValue()},
            {QStringLiteral("administrations"), administrations},
            {QStringLiteral("incomplete"), incomplete},
            {QStringLiteral("returned_blank"), blank},
            {QStringLiteral("unknown_version"), unknownVersion}};
}

void addCount(QJsonObject &o, const QString &key, qint64 n) { o.insert(key, qint64(o.value(key).toDouble()) + n); }

// NHS Talking Therapies terms over patients paired on both PHQ-9 and GAD-7.
QJsonObject moodFigures(const Scores &phq9, const Scores &gad7)
{
    qint64 patients = 0, caseness = 0, improvement = 0, deterioration = 0, recovery = 0, reliableRecovery = 0;
    for (const auto &[patient, depression] : phq9) {
        const auto anxiety = gad7.find(patient);
        if (anxiety == gad7.end())
            continue;
        const auto [phqStart, phqEnd] = depression;
        const auto [gadStart, gadEnd] = anxiety->second;
        ++patients;
        const bool casenessStart = phqStart >= phq9Caseness || gadStart >= gad7Caseness;
        const bool casenessEnd = phqEnd >= phq9Caseness || gadEnd >= gad7Caseness;
        const bool worse = phqEnd - phqStart >= phq9Reliable || gadEnd - gadStart >= gad7Reliable;
        const bool better = !worse && (phqStart - phqEnd >= phq9Reliable || gadStart - gadEnd >= gad7Reliable);
        const bool recovered = casenessStart && !casenessEnd;
        caseness += casenessStart;
        improvement += better;
        deterioration += worse;
        recovery += recovered;
        reliableRecovery += recovered && better;
    }
    return {{QStringLiteral("patients"), patients},
            {QStringLiteral("at_caseness_at_start"), caseness},
            {QStringLiteral("reliable_improvement"), improvement},
            {QStringLiteral("pct_reliable_improvement"), value(percent(improvement, patients))},
            {QStringLiteral("reliable_deterioration"), deterioration},
            {QStringLiteral("pct_reliable_deterioration"), value(percent(deterioration, patients))},
            {QStringLiteral("recovery"), recovery},
            {QStringLiteral("pct_recovery"), value(percent(recovery, caseness))},
            {QStringLiteral("reliable_recovery"), reliableRecovery},
            {QStringLiteral("pct_reliable_recovery"), value(percent(reliableRecovery, caseness))}};
}

// What each answer code means, from the definition (a service's own scale prints its own words).
QJsonObject answerLabels(const domain::InstrumentDefinition &definition)
{
    QJsonObject labels;
    if (!definition.items.empty())
        for (const auto &option : definition.items.front().options)
            labels.insert(QString::number(option.code), option.label);
    return labels;
}

QJsonObject zeroCounts(const domain::InstrumentDefinition &definition)
{
    QJsonObject counts;
    if (!definition.items.empty())
        for (const auto &option : definition.items.front().options)
            counts.insert(QString::number(option.code), 0);
    return counts;
}

// An answer given under another version, as the newest version numbers it (matched by its words),
// so a renumbered scale is counted under one numbering; nullopt when the newest lacks those words.
std::optional<int> newestCode(const domain::InstrumentDefinition &newest, const domain::InstrumentDefinition &scored, int code)
{
    if (&newest == &scored || newest.items.empty() || scored.items.empty())
        return code;
    for (const auto &given : scored.items.front().options)
        if (given.code == code)
            for (const auto &option : newest.items.front().options)
                if (option.label == given.label)
                    return option.code;
    return std::nullopt;
}

// Each patient's latest complete answer in the period: one patient, one voice. "Improved"
// follows the definition's own category rule, so a service's reversed scale works too.
QJsonObject pgicFigures(const domain::InstrumentDefinition &definition, const Definitions &definitions,
                        const std::vector<Group> &groups, const ReportPeriod &period)
{
    QJsonObject byAnswer = zeroCounts(definition);
    qint64 patients = 0, improved = 0, incomplete = 0, unmatched = 0;
    for (const Group &group : groups) {
        const AdministrationRow *latest = nullptr;
        for (const AdministrationRow *r : group)
            if (inPeriod(r->collectedOn, period)) {
                incomplete += r->complete ? 0 : 1;
                latest = r->complete ? r : latest;
            }
        const domain::InstrumentDefinition *scored = latest ? definitions.of(*latest) : nullptr;
        const auto answer = scored ? resultOf(*latest).value(mainScore(*scored)) : std::nullopt;
        if (!answer)
            continue;
        ++patients;
        if (const auto code = newestCode(definition, *scored, int(*answer)))
            addCount(byAnswer, QString::number(*code), 1);
        else
            ++unmatched; // its words are not on the newest version's scale
        improved += domain::meaningfulImprovement(*scored, {}, resultOf(*latest)) == true;
    }
    return {{QStringLiteral("patients"), patients}, {QStringLiteral("by_answer"), byAnswer},
            {QStringLiteral("answer_labels"), answerLabels(definition)}, {QStringLiteral("improved"), improved}, {QStringLiteral("pct_improved"), value(percent(improved, patients))},
            {QStringLiteral("incomplete"), incomplete}, {QStringLiteral("answers_not_on_newest_scale"), unmatched}};
}

// Every response in the period, as the national FFT counts them; "don't know" (6) is a response.
QJsonObject fftFigures(const domain::InstrumentDefinition &definition, const std::vector<Group> &groups,
                       const ReportPeriod &period)
{
    QJsonObject byAnswer = zeroCounts(definition);
    qint64 responses = 0, positive = 0, negative = 0, incomplete = 0;
    for (const Group &group : groups)
        for (const AdministrationRow *r : group) {
            if (!inPeriod(r->collectedOn, period))
                continue;
            const auto answer = resultOf(*r).value(mainScore(definition));
            if (!r->complete || !answer) {
                ++incomplete;
                continue;
            }
            ++responses;
            const int code = int(*answer);
            addCount(byAnswer, QString::number(code), 1);
            positive += code == 1 || code == 2;
            negative += code == 4 || code == 5;
        }
    return {{QStringLiteral("responses"), responses}, {QStringLiteral("by_answer"), byAnswer},
            {QStringLiteral("answer_labels"), answerLabels(definition)},
            {QStringLiteral("positive"), positive}, {QStringLiteral("pct_positive"), value(percent(positive, responses))},
            {QStringLiteral("negative"), negative}, {QStringLiteral("pct_negative"), value(percent(negative, responses))},
            {QStringLiteral("incomplete"), incomplete}};
}

} // namespace

Definitions::Definitions(std::initializer_list<const domain::InstrumentDefinition *> definitions)
{
    for (const auto *d : definitions)
        add(d);
}

void Definitions::add(const domain::InstrumentDefinition *definition)
{
    m_versions[{definition->code, definition->version}] = definition;
    auto &newest = m_newest[definition->code];
    if (!newest || domain::compareVersions(definition->version, newest->version) > 0)
        newest = definition;
}

const domain::InstrumentDefinition *Definitions::of(const AdministrationRow &row) const
{
    if (const auto found = m_versions.find({row.instrument, row.version}); found != m_versions.end())
        return found->second;
    return nullptr; // a version this database cannot read: never judged by another version's rule
}

QJsonObject outcomes(const std::vector<AdministrationRow> &rows, const Definitions &definitions, const ReportPeriod &period)
{
    auto groups = groupsOf(rows);
    const auto &newest = definitions.newest();
    for (const auto &[code, definition] : newest)
        groups.try_emplace(code); // every instrument is listed, with zeros when nobody answered it
    QJsonObject instruments;
    std::map<QString, Scores> paired;
    for (const auto &[code, patients] : groups) {
        const auto found = newest.find(code);
        const domain::InstrumentDefinition *definition = found == newest.end() ? nullptr : found->second;
        instruments.insert(code, instrumentFigures(definition ? mainScore(*definition) : QStringLiteral("total"),
                                                   definition, definitions, patients, period, paired[code]));
    }
    QJsonObject report = echoParameters(period);
    report.insert(QStringLiteral("report"), QStringLiteral("outcomes"));
    report.insert(QStringLiteral("instruments"), instruments);
    report.insert(QStringLiteral("mood"), moodFigures(paired[QStringLiteral("phq9")], paired[QStringLiteral("gad7")]));
    // PGIC, and any single-occasion measure a service defines with a responder category (its own
    // PGIC the other way round, under its own code): a distribution with its responders.
    for (const auto &[code, definition] : newest)
        if (definition->singleOccasion && definition->meaningfulChange.kind == domain::MeaningfulChange::Kind::Category)
            report.insert(code, pgicFigures(*definition, definitions, groups[code], period));
    if (const auto fft = newest.find(QStringLiteral("fft")); fft != newest.end())
        report.insert(QStringLiteral("fft"), fftFigures(*fft->second, groups[QStringLiteral("fft")], period));
    return report;
}

} // namespace painmdt::reporting
