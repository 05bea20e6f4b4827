#include "model/AttentionModel.h"

#include "common/StudioError.h"
#include "model/SeededDropout.h"

namespace studio {

AttentionModelImpl::AttentionModelImpl(const ModelConfig& config)
    : m_config(config)
{
    m_encoder = register_module("encoder", SequenceEncoder(config));
    m_attention = register_module("attention", makeAttention(config));
    m_head = register_module("head", torch::nn::Linear(m_attention->contextWidth(), config.outputs));
}

ModelOutput AttentionModelImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    ModelPass pass = forwardPass(input, mask);
    return {std::move(pass.prediction), std::move(pass.attention.weights)};
}

ModelPass AttentionModelImpl::forwardPass(const torch::Tensor& input, const torch::Tensor& mask)
{
    return forwardFromStates(m_encoder(input, mask), mask);
}

ModelPass AttentionModelImpl::forwardFromStates(torch::Tensor states, const torch::Tensor& mask)
{
    ModelPass pass;
    pass.states = std::move(states);
    pass.attention = m_attention->forward(pass.states, mask);
    pass.prediction = m_head(seededDropout(pass.attention.context, m_config.dropout, is_training(), m_dropoutGenerator));
    return pass;
}

void AttentionModelImpl::useDropoutGenerator(at::Generator generator)
{
    m_dropoutGenerator = generator;
    m_encoder->useDropoutGenerator(std::move(generator));
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
