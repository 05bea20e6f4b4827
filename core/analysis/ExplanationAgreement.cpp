#include "analysis/ExplanationAgreement.h"

#include "analysis/RankAgreement.h"

#include <algorithm>
#include <cmath>

namespace studio {

std::vector<double> magnitudes(const std::vector<double>& scores)
{
    std::vector<double> out(scores.size());
    std::transform(scores.begin(), scores.end(), out.begin(), [](double value) { return std::abs(value); });
    return out;
}

std::vector<MethodAgreement> agreementWithAttention(const Explanation& explanation, int topK)
{
    const std::vector<double>* attention = explanation.scores(AttributionMethod::Attention);
    if (!attention)
        return {};
    std::vector<MethodAgreement> agreements;
    for (const MethodScores& entry : explanation.methods) {
        if (entry.method == AttributionMethod::Attention)
            continue;
        const std::vector<double> size = magnitudes(entry.perStep);
        MethodAgreement agreement;
        agreement.method = entry.method;
        agreement.kendallTau = kendallTauB(*attention, size);
        agreement.topKOverlap = topKOverlap(*attention, size, static_cast<size_t>(std::max(topK, 0)));
        agreements.push_back(agreement);
    }
    return agreements;
}

} // namespace studio
