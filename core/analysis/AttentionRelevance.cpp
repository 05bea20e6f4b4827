#include "analysis/AttentionRelevance.h"

#include "common/StudioError.h"
#include "train/Batch.h"

#include <torch/utils.h>

#include <algorithm>

namespace studio {

RelevanceStats measureRelevance(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices)
{
    constexpr size_t kBatch = 128;
    if (!hasSingleDistribution(model->config().attention))
        throw StudioError(QStringLiteral("Relevance needs one attention distribution per sequence; %1 attention has none.")
                              .arg(toString(model->config().attention)));
    torch::NoGradGuard noGrad;
    model->eval();
    RelevanceStats stats;
    for (size_t start = 0; start < indices.size(); start += kBatch) {
        const std::vector<int64_t> slice(indices.begin() + static_cast<std::ptrdiff_t>(start),
                                         indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), start + kBatch)));
        const Batch batch = makeBatch(data, slice);
        const auto weights = model->forward(batch.input, batch.mask).attention.to(torch::kFloat).contiguous();
        const auto rows = weights.accessor<float, 2>();
        for (size_t b = 0; b < slice.size(); ++b) {
            const Example& example = data.examples[static_cast<size_t>(slice[b])];
            const auto length = static_cast<int64_t>(example.relevant.size());
            const auto relevantCount = std::count(example.relevant.begin(), example.relevant.end(), 1);
            if (relevantCount == 0)
                continue;
            int64_t top = 0;
            double mass = 0.0;
            for (int64_t t = 0; t < length; ++t) {
                if (rows[b][t] > rows[b][top])
                    top = t;
                if (example.relevant[t])
                    mass += rows[b][t];
            }
            stats.topIsRelevant += example.relevant[top] ? 1.0 : 0.0;
            stats.relevantMass += mass;
            stats.overUniform += mass / (static_cast<double>(relevantCount) / static_cast<double>(length));
            ++stats.examples;
        }
    }
    if (stats.examples > 0) {
        stats.topIsRelevant /= static_cast<double>(stats.examples);
        stats.relevantMass /= static_cast<double>(stats.examples);
        stats.overUniform /= static_cast<double>(stats.examples);
    }
    return stats;
}

} // namespace studio
