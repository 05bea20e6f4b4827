#include "model/SequenceEncoder.h"

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

torch::Tensor SequenceEncoderImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    const auto steps = m_embedding ? m_embedding(input) : m_projection(input);
    const auto lengths = mask.sum(/*dim=*/1).to(torch::kLong).cpu();
    const bool padded = lengths.min().item<int64_t>() < input.size(1);
    return padded ? runRecurrentPacked(steps, lengths) : runRecurrent(steps);
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
