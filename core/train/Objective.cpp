#include "train/Objective.h"

#include <torch/nn/functional/loss.h>

namespace studio {

namespace F = torch::nn::functional;

torch::Tensor headLoss(HeadKind head, const torch::Tensor& prediction, const torch::Tensor& target)
{
    switch (head) {
    case HeadKind::Binary:
        return F::binary_cross_entropy_with_logits(prediction.squeeze(1), target.to(prediction.scalar_type()));
    case HeadKind::MultiClass:
        return F::cross_entropy(prediction, target);
    case HeadKind::Regression:
        break;
    }
    return F::mse_loss(prediction, target.to(prediction.scalar_type()));
}

double headMetricSum(HeadKind head, const torch::Tensor& prediction, const torch::Tensor& target)
{
    switch (head) {
    case HeadKind::Binary:
        return prediction.squeeze(1).gt(0).eq(target.gt(0.5)).sum().item<double>();
    case HeadKind::MultiClass:
        return prediction.argmax(1).eq(target).sum().item<double>();
    case HeadKind::Regression:
        break;
    }
    // Mean absolute error per example (over its outputs), summed over the batch.
    return (prediction - target).abs().mean(1).sum().item<double>();
}

const char* headMetricName(HeadKind head)
{
    return head == HeadKind::Regression ? "mae" : "accuracy";
}

} // namespace studio
