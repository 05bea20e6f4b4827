#pragma once

#include "model/ModelConfig.h"

#include <ATen/core/Generator.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/rnn.h>

namespace studio {

// How the recurrent layers run. OneDnn, the default for float32 models, is oneDNN's RNN primitives
// (model/OneDnnRecurrent), the fastest at training; ThroughTime is our own loop
// (model/RecurrentThroughTime, forward and backward by hand), kept so that `attention-cli bench`
// compares it in the same sitting; LibTorch is torch::nn::LSTM/GRU, the reference the tests and
// the benchmark compare with, and used for float64 (the gradient checks). All give the same
// numbers within 1e-5.
enum class RecurrentKernel { OneDnn, ThroughTime, LibTorch };
constexpr RecurrentKernel kDefaultRecurrentKernel = RecurrentKernel::OneDnn;

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
    // The same in two halves, for attributions that differentiate with respect to each step's
    // input eₜ: stepInputs gives eₜ (tokens: the embedding's output (B, T, E); a series: the
    // values themselves), forwardFromStepInputs the states from them.
    torch::Tensor stepInputs(const torch::Tensor& input);
    torch::Tensor forwardFromStepInputs(const torch::Tensor& stepInputs, const torch::Tensor& mask);

    void useRecurrentKernel(RecurrentKernel kernel) { m_kernel = kernel; }
    RecurrentKernel kernel() const { return m_kernel; }
    // The generator of the dropout between layers (model/SeededDropout); undefined: torch's global
    // one, which the LibTorch kernel always uses.
    void useDropoutGenerator(at::Generator generator) { m_dropoutGenerator = std::move(generator); }

private:
    // One direction of one layer: time-major input (T, B, I) read left to right, that layer and
    // direction's weight_ih, weight_hh, bias_ih, bias_hh → states (T, B, H).
    using DirectionRun = torch::Tensor (*)(const torch::Tensor& x, const torch::Tensor& weightIh,
                                           const torch::Tensor& weightHh, const torch::Tensor& biasIh,
                                           const torch::Tensor& biasHh);

    torch::Tensor runRecurrent(const torch::Tensor& steps);
    torch::Tensor runRecurrentPacked(const torch::Tensor& steps, const torch::Tensor& lengths);
    torch::Tensor runLayers(const torch::Tensor& steps, const torch::Tensor& lengths, bool padded,
                            DirectionRun runOneDirection);

    RecurrentKernel m_kernel = kDefaultRecurrentKernel;
    at::Generator m_dropoutGenerator;

    torch::nn::Embedding m_embedding{nullptr};
    torch::nn::Linear m_projection{nullptr};
    torch::nn::LSTM m_lstm{nullptr};
    torch::nn::GRU m_gru{nullptr};
};
TORCH_MODULE(SequenceEncoder);

} // namespace studio
