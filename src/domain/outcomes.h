#pragma once
// Which two administrations of one instrument show a patient's course (interchange contract
// "outcomes"): the baseline is the earliest complete one at referral or assessment; the latest is
// the last complete one at review, discharge or follow-up on a later day. The report and the
// patient's outcome view both use this one rule.
#include "domain/instrument.h"

#include <QDate>
#include <QString>
#include <optional>
#include <vector>

namespace painmdt::domain {

bool isBaselineOccasion(const QString &occasion); // referral, assessment
bool isFollowUpOccasion(const QString &occasion); // review, discharge, follow_up

struct Administered {
    QDate on;
    QString occasion;
    bool complete = false;
};

struct OutcomePair {
    std::optional<size_t> baseline; // index into the administrations
    std::optional<size_t> latest;
};

// `administrations` of one patient and instrument, oldest first (ties in entry order).
OutcomePair outcomePair(const std::vector<Administered> &administrations);

// The score an instrument's course is told by: its meaningful-change score, else its band score,
// else its first.
QString mainScore(const InstrumentDefinition &definition);

// The main score at or past which a change from `baseline` is a meaningful improvement, by the
// definition's rule (a fall of N points or N %, a rise of N points); nullopt when the rule is not
// a threshold on that score (none, a category) or cannot apply (baseline not above baseline_above).
std::optional<double> improvementThreshold(const InstrumentDefinition &definition, double baseline);

} // namespace painmdt::domain
