#pragma once

// The encoder of a native model run for one sequence in plain loops over contiguous buffers: the
// input projection of every step as one matrix product, then per step one matrix-vector product
// (vectorised, AVX2 where the processor has it) with the gates and the state update fused, and no
// tensor made per step. For a single sequence LibTorch's LSTM and GRU spend most of their time
// dispatching each step (docs/BENCHMARKS.md); this is the window's typing path, `infer`, `render`
// and scoring one example. It also keeps what torch keeps to itself, the gates at every step and
// direction (LSTM i, f, g, o and the cell state cₜ; GRU r, z, n), for the step-through view, from
// the same run. Equal to SequenceEncoder within 1e-5 (tst_fused_recurrent).

#include "model/AttentionModel.h"

#include <vector>

namespace studio {

struct FusedEncoderRun {
    torch::Tensor states;     // (1, T, D): hₜ as SequenceEncoder returns them (a Bi-LSTM's forward half first)
    // The last recurrent layer's, when asked for: directions × T × gates × H, and (LSTM) the cell
    // states, directions × T × H (forward first).
    std::vector<float> gates;
    std::vector<float> cells;
};

// `input`: one sequence, (1, T) token ids or (1, T, F) values, without padding; in eval mode
// (dropout between layers is not applied).
FusedEncoderRun runEncoderFused(AttentionModel& model, const torch::Tensor& input, bool keepGates);

} // namespace studio
