#include "model/SequenceEncoder.h"

#include "model/OneDnnRecurrent.h"
#include "model/RecurrentThroughTime.h"
#include "model/SeededDropout.h"

#include <torch/nn/utils/rnn.h>

namespace studio {

namespace rnn = torch::nn::utils::rnn;

SequenceEncoderImpl::SequenceEncoderImpl(const ModelConfig& config)
{
    int64_t stepWidth = 0;
    if (config.input == InputKind::Tokens) {
        m_embedding = register_module(
            "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(config.vocabularySize, config.embeddingDim)));
        stepWidth = config.embeddingDim;
    } else {
        m_projection = register_module("projection", torch::nn::Linear(config.inputFeatures, config.hiddenSize));
        stepWidth = config.hiddenSize;
    }
    // torch applies recurrent dropout only between layers and warns when there is just one.
    const double betweenLayers = config.layers > 1 ? config.dropout : 0.0;
    if (config.cell == RecurrentCell::Lstm) {
        m_lstm = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(stepWidth, config.hiddenSize)
                                                            .num_layers(config.layers)
                                                            .dropout(betweenLayers)
                                                            .bidirectional(config.bidirectional)
                                                            .batch_first(true)));
    } else {
        m_gru = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(stepWidth, config.hiddenSize)
                                                         .num_layers(config.layers)
                                                         .dropout(betweenLayers)
                                                         .bidirectional(config.bidirectional)
                                                         .batch_first(true)));
    }
}

namespace {

// Our loop takes the input projection of every step at once, one product in the autograd graph
// (oneDNN does that product itself).
torch::Tensor lstmDirectionThroughTime(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                                       const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    const torch::Tensor projected = torch::addmm(biasIh, x.reshape({x.size(0) * x.size(1), x.size(2)}), weightIh.t());
    return lstmThroughTime((projected + biasHh).reshape({x.size(0), x.size(1), -1}), weightHh);
}

torch::Tensor gruDirectionThroughTime(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                                      const torch::Tensor& biasIh, const torch::Tensor& biasHh)
{
    const torch::Tensor projected = torch::addmm(biasIh, x.reshape({x.size(0) * x.size(1), x.size(2)}), weightIh.t());
    return gruThroughTime(projected.reshape({x.size(0), x.size(1), -1}), weightHh, biasHh);
}

} // namespace

torch::Tensor SequenceEncoderImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    return forwardFromStepInputs(stepInputs(input), mask);
}

torch::Tensor SequenceEncoderImpl::stepInputs(const torch::Tensor& input)
{
    return m_embedding ? m_embedding(input) : input;
}

torch::Tensor SequenceEncoderImpl::forwardFromStepInputs(const torch::Tensor& stepInputs, const torch::Tensor& mask)
{
    const auto steps = m_embedding ? stepInputs : m_projection(stepInputs);
    const auto lengths = mask.sum(/*dim=*/1).to(torch::kLong).cpu();
    const bool padded = lengths.min().item<int64_t>() < steps.size(1);
    if (steps.scalar_type() == torch::kFloat && steps.device().is_cpu() && m_kernel != RecurrentKernel::LibTorch) {
        if (m_kernel == RecurrentKernel::ThroughTime)
            return runLayers(steps, lengths, padded, m_lstm ? lstmDirectionThroughTime : gruDirectionThroughTime);
        return runLayers(steps, lengths, padded, m_lstm ? lstmOneDnn : gruOneDnn);
    }
    return padded ? runRecurrentPacked(steps, lengths) : runRecurrent(steps);
}

namespace {

// For each step t and sequence b, the step that the backward direction reads there: the sequence
// reversed within its own length, padding left where it is (after every real step). Applying it
// twice gives the identity, so the same index turns the outputs back. (T, B) int64.
torch::Tensor reversalWithinLengths(const torch::Tensor& lengths, int64_t steps)
{
    const auto t = torch::arange(steps, torch::kLong).unsqueeze(1);  // (T, 1)
    const auto length = lengths.to(torch::kLong).unsqueeze(0);       // (1, B)
    return torch::where(t < length, length - 1 - t, t);
}

torch::Tensor reorderSteps(const torch::Tensor& timeMajor, const torch::Tensor& index)
{
    return timeMajor.gather(0, index.unsqueeze(2).expand({-1, -1, timeMajor.size(2)}));
}

} // namespace

// The layers as torch's modules stack them (directions concatenated, dropout between layers), each
// direction of each layer through `runOneDirection`: our loop and oneDNN share the padding handling.
torch::Tensor SequenceEncoderImpl::runLayers(const torch::Tensor& steps, const torch::Tensor& lengths, bool padded,
                                             DirectionRun runOneDirection)
{
    const torch::nn::detail::RNNOptionsBase& options = m_lstm ? m_lstm->options_base : m_gru->options_base;
    // The module's own parameters in the order it registers them: per layer, per direction,
    // weight_ih, weight_hh, bias_ih, bias_hh. A plain list, not named_parameters(), whose dictionary
    // of names would be built again on every training step.
    const std::vector<torch::Tensor> parameters = m_lstm ? m_lstm->parameters(/*recurse=*/false)
                                                         : m_gru->parameters(/*recurse=*/false);
    const int64_t directionCount = options.bidirectional() ? 2 : 1;
    TORCH_CHECK(static_cast<int64_t>(parameters.size()) == options.num_layers() * directionCount * 4,
                "recurrent layers: expected weights and biases for every layer and direction");
    const int64_t stepCount = steps.size(1);
    torch::Tensor reversal;
    torch::Tensor realSteps;  // (T, B, 1) float: 1 on real steps
    if (padded) {
        reversal = reversalWithinLengths(lengths, stepCount);
        realSteps = (torch::arange(stepCount, torch::kLong).unsqueeze(1) < lengths.to(torch::kLong).unsqueeze(0))
                        .to(torch::kFloat)
                        .unsqueeze(2);
    }
    torch::Tensor layerInput = steps.transpose(0, 1).contiguous();  // time-major (T, B, E): each step's batch contiguous
    for (int64_t layer = 0; layer < options.num_layers(); ++layer) {
        std::vector<torch::Tensor> directions;
        for (const bool backward : {false, true}) {
            if (backward && !options.bidirectional())
                break;
            const size_t first = static_cast<size_t>((layer * directionCount + (backward ? 1 : 0)) * 4);
            const torch::Tensor& wIh = parameters[first];
            const torch::Tensor& wHh = parameters[first + 1];
            const torch::Tensor& bIh = parameters[first + 2];
            const torch::Tensor& bHh = parameters[first + 3];
            torch::Tensor x = layerInput;
            if (backward)
                x = padded ? reorderSteps(x, reversal) : x.flip(0);
            torch::Tensor outputs = runOneDirection(x, wIh, wHh, bIh, bHh);
            if (backward)
                outputs = padded ? reorderSteps(outputs, reversal) : outputs.flip(0);
            if (padded)
                outputs = outputs * realSteps;
            directions.push_back(outputs);
        }
        layerInput = directions.size() == 1 ? directions.front() : torch::cat(directions, /*dim=*/2);
        // As torch's LSTM/GRU: dropout on every layer's output but the last, in training only.
        if (layer + 1 < options.num_layers())
            layerInput = seededDropout(layerInput, options.dropout(), is_training(), m_dropoutGenerator);
    }
    return layerInput.transpose(0, 1).contiguous();
}

torch::Tensor SequenceEncoderImpl::runRecurrent(const torch::Tensor& steps)
{
    return m_lstm ? std::get<0>(m_lstm->forward(steps)) : std::get<0>(m_gru->forward(steps));
}

torch::Tensor SequenceEncoderImpl::runRecurrentPacked(const torch::Tensor& steps, const torch::Tensor& lengths)
{
    const auto packed = rnn::pack_padded_sequence(steps, lengths, /*batch_first=*/true, /*enforce_sorted=*/false);
    const auto output = m_lstm ? std::get<0>(m_lstm->forward_with_packed_input(packed))
                              : std::get<0>(m_gru->forward_with_packed_input(packed));
    return std::get<0>(rnn::pad_packed_sequence(output, /*batch_first=*/true, /*padding_value=*/0.0,
                                                /*total_length=*/steps.size(1)));
}

} // namespace studio
