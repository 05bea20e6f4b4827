#pragma once

// Every number from the hidden states to the prediction for one input, as the model computed
// them (model/Prediction fills it from AttentionModel::forwardPass), for the step-through view
// "Inside the attention". Plain values, row-major; T steps, D the width of hₜ (a Bi-LSTM's
// forward half first). Empty for models the app does not run itself (TorchScript).

#include "common/TaskKinds.h"
#include "model/ModelConfig.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct AttentionTrace {
    AttentionKind attention = AttentionKind::None;
    HeadKind head = HeadKind::Binary;
    RecurrentCell cell = RecurrentCell::Lstm;
    bool bidirectional = false;  // hₜ = [forward ; backward], each D/2 wide
    int64_t steps = 0;      // T
    int64_t width = 0;      // D
    int64_t termWidth = 0;  // A (additive: W hₜ + b), D (per-feature, query-dot), d_k (self); 0 for the others
    QStringList stepNames;  // the tokens, or the step numbers of a series
    QStringList labels;     // class names, when the model has them

    std::vector<uint8_t> real;        // T: 1 on a real step, 0 on padding (which the softmax skips)
    std::vector<float> hidden;        // T×D: hₜ
    std::vector<float> projected;     // T×termWidth: W hₜ + b (additive, per-feature), qₜ (self, query-dot)
    std::vector<float> keys;          // T×d_k: kₜ (self)
    std::vector<float> values;        // T×d_k: vₜ (self)
    std::vector<float> scoreVector;   // v (additive, A), w (tanh-dense, positional-bias; D), q (dot; D)
    std::vector<float> positionBias;  // T: bₜ (positional-bias)
    std::vector<float> scores;        // e: T | T×T (self, query-dot: query row, key column) | T×D (per-feature)
    // The softmax, written out: exp(e − max e) of each distribution (0 on padding), and each
    // distribution's sum, so that α = shiftedExp / sum. Distributions: the one row (T), each query's
    // row (self: T sums), each feature's column (per-feature: D sums).
    std::vector<float> shiftedExp;    // shaped as scores
    std::vector<float> expSums;       // 1 | T | D
    std::vector<float> weights;       // α, shaped as scores: the model's own softmax output
    std::vector<float> attended;      // self: T×d_k, Σₛ αₜₛ vₛ; query-dot: T×D, Σₛ αₜₛ hₛ; tanh-dense: r = Σ αₜ hₜ (D)
    std::vector<float> context;       // c: what the head reads
    std::vector<float> headWeights;   // outputs × |c|
    std::vector<float> headBias;      // outputs
    std::vector<float> logits;        // the head's raw outputs

    // The recurrent layer hₜ comes from (the last), written out: at every step and direction
    // (forward, then backward), its gates, H = gateUnits each: LSTM i, f, g, o; GRU r, z, n.
    int64_t gateUnits = 0;            // H
    std::vector<float> gates;         // directions × T × gates × H
    std::vector<float> cells;         // LSTM: directions × T × H, the cell state cₜ

    bool isEmpty() const { return steps == 0; }
    int64_t outputs() const { return static_cast<int64_t>(logits.size()); }
    int64_t contextWidth() const { return static_cast<int64_t>(context.size()); }
    int64_t gateCount() const { return cell == RecurrentCell::Lstm ? 4 : 3; }
    int64_t directions() const { return bidirectional ? 2 : 1; }
};

} // namespace studio
