#pragma once

// The score eₜ of one step as each attention variant computes it, for the step-through view: the
// terms it is made of (a strip each, with words for every number) and the sum written out with
// the real numbers, e.g. "eₜ = w · hₜ + bₜ = 0.410 + (-0.120) = 0.290".

#include "common/AttentionTrace.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <vector>

namespace studio {

struct ScoreTerm {
    QString label;                        // rich text, e.g. "W h<sub>t</sub> + b"
    std::vector<double> values;
    std::function<QString(int)> explain;  // where number `index` comes from
};

struct ScoreExplanation {
    std::vector<ScoreTerm> terms;  // at most three
    QString html;                  // the formula with its numbers
};

class ScoreTerms {
    Q_DECLARE_TR_FUNCTIONS(ScoreTerms)
public:
    // `unit`: per-feature attention's unit shown (1-based).
    static ScoreExplanation explain(const AttentionTrace& trace, int step, int unit);
};

inline ScoreExplanation explainScore(const AttentionTrace& trace, int step, int unit)
{
    return ScoreTerms::explain(trace, step, unit);
}

} // namespace studio
