#include "domain/outcomes.h"

namespace painmdt::domain {

bool isBaselineOccasion(const QString &occasion)
{
    return occasion == QLatin1String("referral") || occasion == QLatin1String("assessment");
}

bool isFollowUpOccasion(const QString &occasion)
{
    return occasion == QLatin1String("review") || occasion == QLatin1String("discharge")
           || occasion == QLatin1String("follow_up");
}

OutcomePair outcomePair(const std::vector<Administered> &administrations)
{
    OutcomePair pair;
    for (size_t i = 0; i < administrations.size() && !pair.baseline; ++i)
        if (administrations[i].complete && isBaselineOccasion(administrations[i].occasion))
            pair.baseline = i;
    if (!pair.baseline)
        return pair;
    const QDate after = administrations[*pair.baseline].on; // a same-day one is not a follow-up
    for (size_t i = 0; i < administrations.size(); ++i)
        if (administrations[i].complete && isFollowUpOccasion(administrations[i].occasion) && administrations[i].on > after)
            pair.latest = i; // oldest first: the last one wins
    return pair;
}

QString mainScore(const InstrumentDefinition &definition)
{
    if (!definition.meaningfulChange.score.isEmpty())
        return definition.meaningfulChange.score;
    if (!definition.bandScore.isEmpty())
        return definition.bandScore;
    return definition.scores.empty() ? QString() : definition.scores.front().id;
}

std::optional<double> improvementThreshold(const InstrumentDefinition &definition, double baseline)
{
    const MeaningfulChange &rule = definition.meaningfulChange;
    if (!(baseline > rule.baselineAbove))
        return std::nullopt;
    switch (rule.kind) {
    case MeaningfulChange::Kind::ReductionPoints: return baseline - rule.value;
    case MeaningfulChange::Kind::ReductionPercent: return baseline > 0 ? std::optional(baseline * (1 - rule.value / 100)) : std::nullopt;
    case MeaningfulChange::Kind::IncreasePoints: return baseline + rule.value;
    default: return std::nullopt;
    }
}

} // namespace painmdt::domain
