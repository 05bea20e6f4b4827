#include "train/Evaluation.h"

#include "train/Batch.h"
#include "train/Objective.h"

#include <torch/utils.h>

#include <numeric>

namespace studio {

std::vector<int64_t> allIndices(const Dataset& data)
{
    std::vector<int64_t> indices(static_cast<size_t>(data.size()));
    std::iota(indices.begin(), indices.end(), 0);
    return indices;
}

EvaluationResult evaluateModel(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices,
                               int batchSize)
{
    const std::vector<int64_t> chosen = indices.empty() ? allIndices(data) : indices;
    torch::NoGradGuard noGrad;
    model->eval();
    const HeadKind head = model->config().head;
    EvaluationResult result;
    double lossSum = 0.0;
    double metricSum = 0.0;
    for (size_t start = 0; start < chosen.size(); start += static_cast<size_t>(batchSize)) {
        const size_t end = std::min(chosen.size(), start + static_cast<size_t>(batchSize));
        const std::vector<int64_t> slice(chosen.begin() + static_cast<std::ptrdiff_t>(start),
                                         chosen.begin() + static_cast<std::ptrdiff_t>(end));
        const Batch batch = makeBatch(data, slice);
        const ModelOutput output = model->forward(batch.input, batch.mask);
        lossSum += headLoss(head, output.prediction, batch.target).item<double>() * static_cast<double>(slice.size());
        metricSum += headMetricSum(head, output.prediction, batch.target);
        result.count += static_cast<int64_t>(slice.size());
    }
    if (result.count > 0) {
        result.loss = lossSum / static_cast<double>(result.count);
        result.metric = metricSum / static_cast<double>(result.count);
    }
    return result;
}

} // namespace studio
