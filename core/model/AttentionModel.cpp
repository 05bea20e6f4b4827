#include "model/AttentionModel.h"

#include "common/StudioError.h"

namespace studio {

AttentionModelImpl::AttentionModelImpl(const ModelConfig& config)
    : config_(config)
{
    encoder_ = register_module("encoder", SequenceEncoder(config));
    attention_ = register_module("attention", makeAttention(config));
    dropout_ = register_module("dropout", torch::nn::Dropout(config.dropout));
    head_ = register_module("head", torch::nn::Linear(attention_->contextWidth(), config.outputs));
}

ModelOutput AttentionModelImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    const auto states = encoder_(input, mask);
    const auto attended = attention_->forward(states, mask);
    return {head_(dropout_(attended.context)), attended.weights};
}

AttentionModel buildModel(const ModelConfig& config)
{
    const QString problem = config.validate();
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("Cannot build the model: %1").arg(problem));
    return AttentionModel(config);
}

torch::Tensor tokenMask(const torch::Tensor& ids, int64_t padId)
{
    return ids.ne(padId);
}

} // namespace studio
