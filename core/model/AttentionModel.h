#pragma once

#include "model/Attention.h"
#include "model/ModelConfig.h"
#include "model/SequenceEncoder.h"

#include <ATen/core/Generator.h>

#include <torch/nn/module.h>
#include <torch/nn/modules/linear.h>

namespace studio {

struct ModelOutput {
    torch::Tensor prediction;  // (B, outputs): logits (binary, multi-class) or values (regression)
    torch::Tensor attention;   // (B, T) | (B, T, T) | (B, T, D); undefined for `none`
};

// One forward with every stage kept: what the step-through view shows (analysis/AttentionTrace).
struct ModelPass {
    torch::Tensor states;       // (B, T, D): the encoder's hidden states hₜ
    AttentionOutput attention;  // the variant's steps, weights and context
    torch::Tensor prediction;   // (B, outputs)
};

// Encoder → attention → dropout → linear head, built from a ModelConfig.
class AttentionModelImpl : public torch::nn::Module {
public:
    explicit AttentionModelImpl(const ModelConfig& config);
    // See SequenceEncoderImpl::forward for the input and mask layout.
    ModelOutput forward(const torch::Tensor& input, const torch::Tensor& mask);
    // The same computation as forward, with the hidden states and the attention's steps kept.
    ModelPass forwardPass(const torch::Tensor& input, const torch::Tensor& mask);
    // The same, from hidden states already computed (model/FusedRecurrent): attention and head.
    ModelPass forwardFromStates(torch::Tensor states, const torch::Tensor& mask);
    // The prediction these states give under other attention weights (B, T), without dropout: for
    // interventions on the attention. Only for variants with one distribution per sequence.
    torch::Tensor predictionWithWeights(const torch::Tensor& states, const torch::Tensor& weights)
    {
        return m_head(m_attention->contextFromWeights(states, weights));
    }
    // The same in two halves (see SequenceEncoderImpl::stepInputs): each step's input eₜ, which
    // attributions differentiate with respect to, and the pass from them.
    torch::Tensor stepInputs(const torch::Tensor& input) { return m_encoder->stepInputs(input); }
    ModelPass forwardFromStepInputs(const torch::Tensor& stepInputs, const torch::Tensor& mask)
    {
        return forwardFromStates(m_encoder->forwardFromStepInputs(stepInputs, mask), mask);
    }
    const ModelConfig& config() const { return m_config; }
    // Which kernel runs the recurrent layers (see RecurrentKernel): kDefaultRecurrentKernel unless
    // a test or the benchmark asks for another.
    void useRecurrentKernel(RecurrentKernel kernel) { m_encoder->useRecurrentKernel(kernel); }
    RecurrentKernel recurrentKernel() const { return m_encoder->kernel(); }
    // Where the dropout masks come from in training (model/SeededDropout): the encoder's between
    // layers and the one before the head. Undefined (the default): torch's global generator.
    void useDropoutGenerator(at::Generator generator);

private:
    ModelConfig m_config;
    SequenceEncoder m_encoder{nullptr};
    std::shared_ptr<AttentionImplBase> m_attention;
    at::Generator m_dropoutGenerator;
    torch::nn::Linear m_head{nullptr};
};
TORCH_MODULE(AttentionModel);

// Builds a model after validating the configuration; throws StudioError on a bad one.
AttentionModel buildModel(const ModelConfig& config);

// The mask for a batch of token ids: true where the id is not `padId`.
torch::Tensor tokenMask(const torch::Tensor& ids, int64_t padId = 0);

} // namespace studio
