#pragma once

// One direction of a Keras recurrent layer (LSTM, GRU in both forms, SimpleRNN; the CuDNN layers'
// weights converted), and the two loops that run it: LibTorch's ops step by step
// (KerasRecurrentStepwise.cpp: the reference, and the path when a gradient is needed) and the
// fused loop over raw buffers (KerasFusedRecurrent.cpp: inference). For the Keras layers, their
// test and `attention-cli bench --keras`; torch inside.

#include "model/Nonlinearity.h"

#include <ATen/ATen.h>

#include <vector>

namespace studio::keras {

enum class CellKind { Lstm, GruResetBefore, GruResetAfter, Simple };

int gateCount(CellKind kind);

// The weights as the fused loop reads them, made once when the layer is built: contiguous, GRU
// gates in torch's order (r, z, n) so that the shared step loops (model/RecurrentSteps) apply, a
// recurrent bias that is only ever added to the input projection (LSTM) folded into its bias.
struct FusedCellWeights {
    at::Tensor kernel;           // (F, G·u)
    at::Tensor inputBias;        // (G·u), zeros when the layer has none
    at::Tensor recurrentKernel;  // (u, G·u); GRU reset before: (u, 2u), its r and z columns
    at::Tensor candidateKernel;  // GRU reset before: (u, u), its n columns; else undefined
    at::Tensor recurrentBias;    // GRU reset after: (G·u), zeros when the layer has none; else undefined
};

struct Cell {
    CellKind kind = CellKind::Lstm;
    int64_t units = 0;
    // gate: the layer's recurrent_activation; candidate: its activation.
    CellNonlinearities nonlinearities;
    at::Tensor kernel;          // (F, G·u), Keras's gate order
    at::Tensor recurrentKernel; // (u, G·u)
    at::Tensor bias;            // (G·u) input bias, or undefined
    at::Tensor recurrentBias;   // (G·u): GRU reset_after and CuDNN weights, or undefined
    FusedCellWeights fused;
};

struct RnnOptions {
    bool returnSequences = false;
    bool returnState = false;
    bool goBackwards = false;
    bool zeroOutputForMask = false;  // masked steps output zeros instead of the previous output
};

struct RnnOutput {
    at::Tensor sequence;  // (B, T, u), in the order the steps were processed
    at::Tensor last;      // (B, u)
    std::vector<at::Tensor> states;  // h (and c)
};

FusedCellWeights fusedWeightsOf(const Cell& cell);

// One direction over x (B, T, F) with its mask (B, T) or undefined, as Keras's K.rnn runs it:
// go_backwards reverses the input and the mask and leaves the outputs in processing order; a
// masked step keeps the previous state. Takes the fused loop when it applies (fusedLoopApplies)
// and this thread has not asked for LibTorch's steps.
RnnOutput runCell(const Cell& cell, const at::Tensor& x, const at::Tensor& mask, const RnnOptions& options);

// float32 on the CPU, and nothing needs a gradient (grad mode off, as under inference mode, or
// neither the input nor a weight requires one).
bool fusedLoopApplies(const Cell& cell, const at::Tensor& x);
RnnOutput runCellStepwise(const Cell& cell, at::Tensor x, at::Tensor mask, const RnnOptions& options);
RnnOutput runCellFused(const Cell& cell, const at::Tensor& x, const at::Tensor& mask, const RnnOptions& options);

// Which loop runs the Keras recurrent layers on this thread while an object lives: tests and
// `attention-cli bench --keras` run the same layer both ways. Thread-local, as torch's guards are.
enum class KerasRecurrentLoop { FusedWhereItApplies, LibTorchSteps };
class KerasRecurrentLoopScope {
public:
    explicit KerasRecurrentLoopScope(KerasRecurrentLoop loop);
    ~KerasRecurrentLoopScope();
    KerasRecurrentLoopScope(const KerasRecurrentLoopScope&) = delete;
    KerasRecurrentLoopScope& operator=(const KerasRecurrentLoopScope&) = delete;

private:
    KerasRecurrentLoop m_previous;
};

} // namespace studio::keras
