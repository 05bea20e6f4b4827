#pragma once

#include "model/ModelConfig.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>

namespace studio {

// Turns an input sequence into one state per step: an embedding (tokens) or a linear projection
// (series), then an LSTM or GRU, uni- or bidirectional. Batches with padding run as packed
// sequences, so padding never reaches a real step's state (in either direction).
class SequenceEncoderImpl : public torch::nn::Module {
public:
    explicit SequenceEncoderImpl(const ModelConfig& config);
    // input: (B, T) int64 token ids or (B, T, F) float values; mask: (B, T) bool, true on real
    // steps, padding only at the end. Returns (B, T, encoderWidth), zero on padded steps.
    torch::Tensor forward(const torch::Tensor& input, const torch::Tensor& mask);

private:
    torch::Tensor runRecurrent(const torch::Tensor& steps);
    torch::Tensor runRecurrentPacked(const torch::Tensor& steps, const torch::Tensor& lengths);

    torch::nn::Embedding m_embedding{nullptr};
    torch::nn::Linear m_projection{nullptr};
    torch::nn::LSTM m_lstm{nullptr};
    torch::nn::GRU m_gru{nullptr};
};
TORCH_MODULE(SequenceEncoder);

} // namespace studio
