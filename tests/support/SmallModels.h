#pragma once

// Small native models and inputs for the tests that check a computation against another one
// (tst_fused_recurrent, tst_attention_trace): weights drawn far from their initial values, so that
// every gate and term matters, and one unpadded example of random tokens or values.

#include "model/AttentionModel.h"
#include "model/Prediction.h"

#include <random>

namespace studio::testing {

// A model of `config` whose every weight is drawn uniformly from [-spread, spread] (seeded).
inline AttentionModel modelWithSpreadWeights(const ModelConfig& config, uint64_t seed, double spread)
{
    torch::manual_seed(seed);
    AttentionModel model = buildModel(config);
    torch::NoGradGuard noGradients;
    for (torch::Tensor& weight : model->parameters())
        weight.uniform_(-spread, spread);
    return model;
}

// `steps` tokens other than <pad>, or steps × inputFeatures values from N(0, deviation²).
inline Example randomExample(const ModelConfig& config, int64_t steps, unsigned seed, float deviation)
{
    std::mt19937 random(seed);
    Example example;
    if (config.input == InputKind::Tokens) {
        std::uniform_int_distribution<int64_t> id(1, config.vocabularySize - 1);
        for (int64_t t = 0; t < steps; ++t)
            example.tokens.push_back(id(random));
    } else {
        std::normal_distribution<float> value(0.0F, deviation);
        for (int64_t i = 0; i < steps * config.inputFeatures; ++i)
            example.values.push_back(value(random));
    }
    return example;
}

} // namespace studio::testing
