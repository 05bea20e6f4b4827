#pragma once

#include "model/ModelConfig.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>

namespace studio {

// How the recurrent layers run. ThroughTime, the default for float32 models, is our own loop
// (model/RecurrentThroughTime, forward and backward by hand); LibTorch is torch::nn::LSTM/GRU,
// kept as the reference the tests and `attention-cli bench` compare with, and used for float64
// (the gradient checks). Both give the same numbers within 1e-5.
enum class RecurrentKernel { ThroughTime, LibTorch };

// Turns an input sequence into one state per step: an embedding (tokens) or a linear projection
// (series), then an LSTM or GRU, uni- or bidirectional. Padding never reaches a real step's state
// in either direction: the backward direction reads each sequence reversed within its own length
// (LibTorch: packed sequences), and padded steps come out as zeros.
class SequenceEncoderImpl : public torch::nn::Module {
public:
    explicit SequenceEncoderImpl(const ModelConfig& config);
    // input: (B, T) int64 token ids or (B, T, F) float values; mask: (B, T) bool, true on real
    // steps, padding only at the end. Returns (B, T, encoderWidth), zero on padded steps.
    torch::Tensor forward(const torch::Tensor& input, const torch::Tensor& mask);

    void useKernel(RecurrentKernel kernel) { m_kernel = kernel; }
    RecurrentKernel kernel() const { return m_kernel; }

private:
    torch::Tensor runRecurrent(const torch::Tensor& steps);
    torch::Tensor runRecurrentPacked(const torch::Tensor& steps, const torch::Tensor& lengths);
    torch::Tensor runThroughTime(const torch::Tensor& steps, const torch::Tensor& lengths, bool padded);

    RecurrentKernel m_kernel = RecurrentKernel::ThroughTime;

    torch::nn::Embedding m_embedding{nullptr};
    torch::nn::Linear m_projection{nullptr};
    torch::nn::LSTM m_lstm{nullptr};
    torch::nn::GRU m_gru{nullptr};
};
TORCH_MODULE(SequenceEncoder);

} // namespace studio
