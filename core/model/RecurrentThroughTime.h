#pragma once

// One direction of one LSTM or GRU layer over a batch, forward and backward through time written
// by hand, as a torch autograd function. It trained the native models until oneDNN's primitives
// (model/OneDnnRecurrent) were measured 1.4-1.8x faster still; it stays selectable
// (RecurrentKernel::ThroughTime) so that `attention-cli bench` keeps all three in one sitting.
//
// LibTorch runs an LSTM step as a dozen separate tensor operations forward and twice as many
// backward, each with its allocation and dispatch; at seed4's training batch (32 × 200 steps,
// 64 units) that overhead is most of a training step (docs/BENCHMARKS.md). Here the input
// projection of every step stays one matrix product in the autograd graph (the caller's), and the
// recurrence is one loop: per step one BLAS product for W_hh·h, then the gates and the state update
// fused over contiguous buffers. The backward walks the steps in reverse with one product per step
// for the gradient reaching h_{t-1}, and forms ∂L/∂W_hh as a single product over all steps at the
// end. Equal to torch::nn::LSTM/GRU, outputs and gradients, within 1e-5 (tst_recurrent_through_time).
//
// Zero initial state, no masking: the caller runs padded sequences so that padding comes after
// every real step (see SequenceEncoder), which leaves the real steps exact. Float32 only.

#include <torch/types.h>

namespace studio {

// `projected` (T, B, 4H): x·W_ihᵀ + b_ih + b_hh for every step, gates in torch's order i, f, g, o;
// `weightHh` (4H, H). Returns hₜ, (T, B, H).
torch::Tensor lstmThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh);

// `projected` (T, B, 3H): x·W_ihᵀ + b_ih, gates r, z, n; `weightHh` (3H, H), `biasHh` (3H): kept
// apart because torch's candidate reads r ⊙ (W_hn h + b_hn). Returns hₜ, (T, B, H).
torch::Tensor gruThroughTime(const torch::Tensor& projected, const torch::Tensor& weightHh, const torch::Tensor& biasHh);

} // namespace studio
