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

const MethodSummary* ExplanationSummary::method(const QString& ranking) const
{
    const auto found = std::find_if(methods.begin(), methods.end(), [&](const MethodSummary& m) { return m.ranking == ranking; });
    return found == methods.end() ? nullptr : &*found;
}

const MethodAgreement* ExampleFigures::agreementWith(AttributionMethod method) const
{
    const auto found = std::find_if(agreement.begin(), agreement.end(), [&](const MethodAgreement& a) { return a.method == method; });
    return found == agreement.end() ? nullptr : &*found;
}

double ExampleFigures::aopcComprehensiveness(const QString& ranking) const
{
    const auto found = std::find_if(aopc.begin(), aopc.end(), [&](const RankingAopc& a) { return a.ranking == ranking; });
    return found == aopc.end() ? kUndefined : found->comprehensiveness;
}

TopStepCheck ExampleFigures::topStepOf(AttributionMethod method) const
{
    const auto found = std::find_if(topStep.begin(), topStep.end(), [&](const MethodTopStep& t) { return t.method == method; });
    return found == topStep.end() ? TopStepCheck::Unmarked : found->check;
}

double ExampleFigures::attentionAopcOverRandom() const
{
    return aopcComprehensiveness(toString(AttributionMethod::Attention)) - aopcComprehensiveness(QStringLiteral("random"));
}

ExampleFigures figuresOf(const Explanation& explanation, const std::vector<uint8_t>& relevant, int topK, int64_t index)
{
    ExampleFigures figures;
    figures.index = index;
    figures.score = explanation.score;
    // A native example's explanation may come without step labels (the caller knows the words).
    figures.steps = static_cast<int>(explanation.steps.size());
    if (figures.steps == 0 && !explanation.methods.empty())
        figures.steps = static_cast<int>(explanation.methods.front().perStep.size());
    const bool hasMarks = std::find(relevant.begin(), relevant.end(), 1) != relevant.end();
    for (const MethodScores& scores : explanation.methods) {
        MethodTopStep top{scores.method, TopStepCheck::Unmarked};
        if (hasMarks && !scores.perStep.empty()) {
            const std::vector<double> importance =
                scores.method == AttributionMethod::Attention ? scores.perStep : magnitudes(scores.perStep);
            const size_t step = topSteps(importance, 1).front();
            top.check = step < relevant.size() && relevant[step] == 1 ? TopStepCheck::Decides : TopStepCheck::Misses;
        }
        figures.topStep.push_back(top);
    }
    figures.agreement = agreementWithAttention(explanation, topK);
    for (const FaithfulnessCurve& curve : explanation.faithfulness)
        figures.aopc.push_back({curve.ranking, curve.aopcComprehensiveness, curve.aopcSufficiency});
    return figures;
}

ExplanationSummary summarizeFigures(const std::vector<ExampleFigures>& figures)
{
    std::vector<QString> order;  // rankings in the order first seen
    std::map<QString, Collected> collected;
    const auto entry = [&](const QString& name) -> Collected& {
        if (collected.find(name) == collected.end())
            order.push_back(name);
        return collected[name];
    };
    std::vector<double> attentionOverRandom;
    for (const ExampleFigures& example : figures) {
        for (const MethodTopStep& top : example.topStep) {
            Collected& c = entry(toString(top.method));
            if (top.check != TopStepCheck::Unmarked) {
                ++c.marked;
                c.decides += top.check == TopStepCheck::Decides ? 1 : 0;
            }
        }
        for (const MethodAgreement& agreement : example.agreement) {
            Collected& c = entry(toString(agreement.method));
            c.tau.push_back(agreement.kendallTau);
            c.overlap.push_back(agreement.topKOverlap);
        }
        for (const RankingAopc& aopc : example.aopc) {
            Collected& c = entry(aopc.ranking);
            c.comprehensiveness.push_back(aopc.comprehensiveness);
            c.sufficiency.push_back(aopc.sufficiency);
        }
        attentionOverRandom.push_back(example.attentionAopcOverRandom());
    }
    ExplanationSummary summary;
    summary.examples = static_cast<int64_t>(figures.size());
    summary.attentionAopcOverRandom = quartilesOf(attentionOverRandom);
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

ExplanationSummary summarizeExplanations(const std::vector<Explanation>& explanations,
                                         const std::vector<std::vector<uint8_t>>& relevant, int topK)
{
    std::vector<ExampleFigures> figures;
    figures.reserve(explanations.size());
    for (size_t i = 0; i < explanations.size(); ++i)
        figures.push_back(figuresOf(explanations[i], i < relevant.size() ? relevant[i] : std::vector<uint8_t>{}, topK,
                                    static_cast<int64_t>(i)));
    return summarizeFigures(figures);
}

} // namespace studio
