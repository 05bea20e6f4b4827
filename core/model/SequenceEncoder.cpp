#include "model/SequenceEncoder.h"

#include <torch/nn/utils/rnn.h>

namespace studio {

namespace rnn = torch::nn::utils::rnn;

SequenceEncoderImpl::SequenceEncoderImpl(const ModelConfig& config)
{
    int64_t stepWidth = 0;
    if (config.input == InputKind::Tokens) {
        embedding_ = register_module(
            "embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(config.vocabularySize, config.embeddingDim)));
        stepWidth = config.embeddingDim;
    } else {
        projection_ = register_module("projection", torch::nn::Linear(config.inputFeatures, config.hiddenSize));
        stepWidth = config.hiddenSize;
    }
    // torch applies recurrent dropout only between layers and warns when there is just one.
    const double betweenLayers = config.layers > 1 ? config.dropout : 0.0;
    if (config.cell == RecurrentCell::Lstm) {
        lstm_ = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(stepWidth, config.hiddenSize)
                                                            .num_layers(config.layers)
                                                            .dropout(betweenLayers)
                                                            .bidirectional(config.bidirectional)
                                                            .batch_first(true)));
    } else {
        gru_ = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(stepWidth, config.hiddenSize)
                                                         .num_layers(config.layers)
                                                         .dropout(betweenLayers)
                                                         .bidirectional(config.bidirectional)
                                                         .batch_first(true)));
    }
}

torch::Tensor SequenceEncoderImpl::forward(const torch::Tensor& input, const torch::Tensor& mask)
{
    const auto steps = embedding_ ? embedding_(input) : projection_(input);
    const auto lengths = mask.sum(/*dim=*/1).to(torch::kLong).cpu();
    const bool padded = lengths.min().item<int64_t>() < input.size(1);
    return padded ? runRecurrentPacked(steps, lengths) : runRecurrent(steps);
}

torch::Tensor SequenceEncoderImpl::runRecurrent(const torch::Tensor& steps)
{
    return lstm_ ? std::get<0>(lstm_->forward(steps)) : std::get<0>(gru_->forward(steps));
}

torch::Tensor SequenceEncoderImpl::runRecurrentPacked(const torch::Tensor& steps, const torch::Tensor& lengths)
{
    const auto packed = rnn::pack_padded_sequence(steps, lengths, /*batch_first=*/true, /*enforce_sorted=*/false);
    const auto output = lstm_ ? std::get<0>(lstm_->forward_with_packed_input(packed))
                              : std::get<0>(gru_->forward_with_packed_input(packed));
    return std::get<0>(rnn::pad_packed_sequence(output, /*batch_first=*/true, /*padding_value=*/0.0,
                                                /*total_length=*/steps.size(1)));
}

} // namespace studio
