#pragma once

// The recurrent layers' inner loops over raw float buffers, shared by the fused single-sequence
// path (FusedRecurrent), our training loop (RecurrentThroughTime) and the Keras layers' fused
// loop (external/keras/KerasFusedRecurrent): one step's gates and state update for a batch,
// forward and backward, and the matrix–vector product of a batch of one. The forward steps take
// the cell's nonlinearities (torch's by default; a Keras layer's own); the backward steps are
// torch's sigmoid and tanh only.
//
// This file alone is built with -ffast-math (glibc's vector expf/tanhf need it) and has no torch
// in it on purpose: inline functions of a header compiled with fast math could be picked by the
// linker for the whole program (their NaN checks would vanish). Each loop also gets an AVX2 copy
// chosen at load time (GateActivations.h). Gate orders are torch's: LSTM i, f, g, o; GRU r, z, n.

#include "model/Nonlinearity.h"

#include <cstdint>

namespace studio {

// out[r] += Σⱼ transposed[j][r] · v[j]: the weights stored column by column (columns × rows), so
// that the inner loop runs down contiguous memory.
void addMatrixTimesVector(float* out, const float* transposed, const float* v, int64_t columns, int64_t rows);

// LSTM: `gates` (B, 4H) pre-activation in, activated i, f, g, o out; cₜ = f ⊙ cₜ₋₁ + i ⊙ g,
// hₜ = o ⊙ tanh(cₜ) written to `cells` and `outputs` (B, H). `previousCells` null at the first step (c = 0).
// (With other nonlinearities: i, f, o through `gate`, g and the tanh of hₜ through `candidate`.)
void lstmStep(float* gates, const float* previousCells, float* cells, float* outputs, int64_t batch, int64_t units,
              CellNonlinearities nonlinearities = {});

// LSTM backward through one step's gates: `dh`, `dc` (B, H) hold what reaches hₜ and cₜ from the
// next step and leave with ∂L/∂cₜ₋₁ in `dc` (the caller recomputes `dh` from the gates);
// `gateGradients` (B, 4H) receives ∂L/∂(pre-activation gates). `scratch`: H floats.
void lstmStepBackward(const float* gates, const float* cells, const float* previousCells, const float* upstream, float* dh,
                      float* dc, float* gateGradients, float* scratch, int64_t batch, int64_t units);

// GRU: `projected` (B, 3H) x·W_ihᵀ + b_ih, `recurrent` (B, 3H) W_hh·h + b_hh; `gates` receives r, z,
// n and `candidateRecurrent` (B, H) W_hn·h + b_hn (the backward needs it); hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁
// into `outputs`. `previousOutputs` null at the first step (h = 0). (r, z through `gate`, n through
// `candidate`.)
void gruStep(const float* projected, const float* recurrent, float* gates, float* candidateRecurrent,
             const float* previousOutputs, float* outputs, int64_t batch, int64_t units, CellNonlinearities nonlinearities = {});

// A GRU that resets before its recurrent product (Keras's reset_after=False): n = candidate(x_n +
// (r ⊙ hₜ₋₁)·U_n), so a step takes two products. Gate order r, z, n as above; no recurrent bias.
// First half: `recurrent` (B, 2H) hₜ₋₁·U_rz; r and z into `gates` (B, 3H); r ⊙ hₜ₋₁ into
// `resetOutputs` (B, H), what U_n multiplies next.
void gruResetBeforeGates(const float* projected, const float* recurrent, float* gates, const float* previousOutputs,
                         float* resetOutputs, int64_t batch, int64_t units, CellNonlinearities nonlinearities);
// Second half: `candidateRecurrent` (B, H) (r ⊙ hₜ₋₁)·U_n; n into `gates`, hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁
// into `outputs`.
void gruResetBeforeUpdate(const float* projected, const float* candidateRecurrent, float* gates,
                          const float* previousOutputs, float* outputs, int64_t batch, int64_t units,
                          CellNonlinearities nonlinearities);

// A simple RNN (Keras's SimpleRNN): hₜ = activation(`projected` + `recurrent`), both (B, H).
void simpleRecurrentStep(const float* projected, const float* recurrent, float* outputs, int64_t batch, int64_t units,
                         Nonlinearity activation);

// GRU backward through one step: `dh` (B, H) holds what reaches hₜ from the next step and leaves
// with the direct path's share of ∂L/∂hₜ₋₁ (z ⊙ …; the caller adds the part through W_hh);
// `inputGradients` and `recurrentGradients` (B, 3H) receive ∂L/∂projected and ∂L/∂recurrent.
void gruStepBackward(const float* gates, const float* candidateRecurrent, const float* previousOutputs,
                     const float* upstream, float* dh, float* inputGradients, float* recurrentGradients, int64_t batch,
                     int64_t units);

} // namespace studio
