#pragma once

// What the attribution tests (tst_step_attribution, tst_feature_attribution) check against: a
// float64 LibTorch copy of a small model for finite differences, its score from given step
// inputs, a pass through LibTorch's own layers, and one method's row of an explanation.

#include "SmallModels.h"
#include "common/Explanation.h"
#include "model/AttentionModel.h"
#include "train/Batch.h"

#include <stdexcept>

namespace studio::testing {

// The same weights in float64, through LibTorch's layers: the reference the finite differences use.
inline AttentionModel doubleCopy(const ModelConfig& config, uint64_t seed)
{
    AttentionModel copy = modelWithSpreadWeights(config, seed, 0.6);
    copy->to(torch::kDouble);
    copy->useRecurrentKernel(RecurrentKernel::LibTorch);
    return copy;
}

inline double scoreAt(AttentionModel& model, const torch::Tensor& stepInputs, const torch::Tensor& mask, int64_t output)
{
    torch::NoGradGuard noGradients;
    return model->forwardFromStepInputs(stepInputs, mask).prediction[0][output].item<double>();
}

// One example through LibTorch's layers (a path separate from the one explanations take).
inline ModelPass libTorchPass(AttentionModel& model, const Example& example)
{
    model->useRecurrentKernel(RecurrentKernel::LibTorch);
    const Batch single = makeSingleInput(model->config(), example);
    return model->forwardPass(single.input, single.mask);
}

inline const std::vector<double>& scoresOf(const Explanation& explanation, AttributionMethod method)
{
    const std::vector<double>* scores = explanation.scores(method);
    if (!scores)
        throw std::runtime_error("method missing: " + toString(method).toStdString());
    return *scores;
}

} // namespace studio::testing
