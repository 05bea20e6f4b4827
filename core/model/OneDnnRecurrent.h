#pragma once

// One direction of one LSTM or GRU layer over a batch through oneDNN's RNN primitives
// (lstm_forward/backward, lbr_gru_forward/backward), as a torch autograd function: the training
// path of the native models' recurrent layers (RecurrentKernel::OneDnn, see SequenceEncoder).
//
// Why oneDNN: at seed4's training batch (32 × 200 steps, input 128, 64 units) its primitives
// train the recurrent part about 1.8 times as fast as our own loop (model/RecurrentThroughTime),
// which was itself 1.5 times LibTorch's (tests/tools/onednn, docs/BENCHMARKS.md). Unlike our
// loop, oneDNN does the input product x·W_ihᵀ itself, so the input comes unprojected.
//
// As our loop: zero initial state, left to right only, no masking. The caller reverses the steps
// for a backward direction and runs padded sequences so that padding follows every real step.
// Under torch::NoGradGuard (or when nothing needs a gradient) the forward runs for inference
// only, without keeping anything for a backward. Float32 only. Equal to torch::nn::LSTM/GRU,
// states and every gradient, within 1e-5 (tst_recurrent_through_time).

#include <torch/types.h>

namespace studio {

// x (T, B, I) time-major; the parameters exactly as torch::nn::LSTM holds them: `weightIh`
// (4H, I), `weightHh` (4H, H), `biasIh`, `biasHh` (4H), gates i, f, g, o. Returns hₜ, (T, B, H).
torch::Tensor lstmOneDnn(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                         const torch::Tensor& biasIh, const torch::Tensor& biasHh);

// The same for torch::nn::GRU's parameters: gates r, z, n (3H rows), candidate
// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), i.e. oneDNN's linear-before-reset GRU.
torch::Tensor gruOneDnn(const torch::Tensor& x, const torch::Tensor& weightIh, const torch::Tensor& weightHh,
                        const torch::Tensor& biasIh, const torch::Tensor& biasHh);

} // namespace studio
