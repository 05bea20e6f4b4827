#include "analysis/ExplanationSummary.h"

#include "analysis/ExplanationAgreement.h"
#include "analysis/RankAgreement.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace studio {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double percentile(const std::vector<double>& sorted, double p)
{
    const double position = p * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<size_t>(std::floor(position));
    const size_t above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

struct Collected {
    std::vector<double> tau, overlap, comprehensiveness, sufficiency;
    int64_t marked = 0;
    int64_t decides = 0;
};

} // namespace

Quartiles quartilesOf(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    Quartiles q;
    q.count = static_cast<int64_t>(values.size());
    if (values.empty()) {
        q.lower = q.median = q.upper = kUndefined;
        return q;
    }
    std::sort(values.begin(), values.end());
    q.lower = percentile(values, 0.25);
    q.median = percentile(values, 0.5);
    q.upper = percentile(values, 0.75);
    return q;
}

ExplanationSummary summarizeExplanations(const std::vector<Explanation>& explanations,
                                         const std::vector<std::vector<uint8_t>>& relevant, int topK)
{
    std::vector<QString> order;  // rankings in the order first seen
    std::map<QString, Collected> collected;
    const auto entry = [&](const QString& name) -> Collected& {
        if (collected.find(name) == collected.end())
            order.push_back(name);
        return collected[name];
    };
    for (size_t i = 0; i < explanations.size(); ++i) {
        const Explanation& explanation = explanations[i];
        const std::vector<uint8_t> marks = i < relevant.size() ? relevant[i] : std::vector<uint8_t>{};
        const bool hasMarks = std::find(marks.begin(), marks.end(), 1) != marks.end();
        for (const MethodScores& scores : explanation.methods) {
            Collected& c = entry(toString(scores.method));
            if (hasMarks && !scores.perStep.empty()) {
                const std::vector<double> importance =
                    scores.method == AttributionMethod::Attention ? scores.perStep : magnitudes(scores.perStep);
                const size_t top = topSteps(importance, 1).front();
                ++c.marked;
                c.decides += top < marks.size() && marks[top] == 1 ? 1 : 0;
            }
        }
        for (const MethodAgreement& agreement : agreementWithAttention(explanation, topK)) {
            Collected& c = entry(toString(agreement.method));
            c.tau.push_back(agreement.kendallTau);
            c.overlap.push_back(agreement.topKOverlap);
        }
        for (const FaithfulnessCurve& curve : explanation.faithfulness) {
            Collected& c = entry(curve.ranking);
            c.comprehensiveness.push_back(curve.aopcComprehensiveness);
            c.sufficiency.push_back(curve.aopcSufficiency);
        }
    }
    ExplanationSummary summary;
    summary.examples = static_cast<int64_t>(explanations.size());
    for (const QString& name : order) {
        const Collected& c = collected[name];
        MethodSummary method;
        method.ranking = name;
        method.kendallTau = quartilesOf(c.tau);
        method.topKOverlap = quartilesOf(c.overlap);
        method.aopcComprehensiveness = quartilesOf(c.comprehensiveness);
        method.aopcSufficiency = quartilesOf(c.sufficiency);
        method.markedExamples = c.marked;
        method.topStepDecides = c.marked > 0 ? static_cast<double>(c.decides) / static_cast<double>(c.marked) : kUndefined;
        summary.methods.push_back(method);
    }
    return summary;
}

} // namespace studio
