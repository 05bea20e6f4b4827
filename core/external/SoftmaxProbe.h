#pragma once

// Finding attention inside a TorchScript graph: a copy of the module whose forward also returns
// every softmax it computes, and the learned parameters added to each softmax's scores (a
// per-position bias ties a model to a fixed length). Torch internals: only TorchScriptModel.cpp
// includes this header.

#include <torch/csrc/jit/api/module.h>

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace studio {

// A parameter added (or multiplied) into the scores of softmax `softmaxIndex` before any
// contraction (matmul, linear, ...): e = h·W + b gives b.
struct ScoreParameter {
    int softmaxIndex = 0;
    QString name;                 // "attention.b"
    std::vector<int64_t> shape;
};

// A recurrent call of the inlined forward graph (aten::lstm, aten::gru, aten::rnn_tanh,
// aten::rnn_relu) or the aten::_pack_padded_sequence feeding one: its batch_first argument tells
// the layout the model reads. Unset when the argument is not a constant, or when the call reads a
// packed sequence (the .data overloads) whose packing is not in the graph.
struct RecurrentCall {
    QString op;                        // "aten::lstm"
    std::optional<bool> batchFirst;
};

struct SoftmaxProbe {
    torch::jit::Module module;         // forward returns (original output, softmax 1, softmax 2, ...)
    int count = 0;                     // softmaxes returned
    int hiddenCount = 0;               // inside loops or branches: cannot be returned
    std::vector<int64_t> dims;         // each returned softmax's `dim` argument (may be negative)
    std::vector<ScoreParameter> scoreParameters;
    std::vector<RecurrentCall> recurrentCalls;  // in graph order, branches and loops included
};

// Clones, inlines, folds constants (a scripted F.softmax hides aten::softmax inside a prim::If
// until then), drops dead code and returns every top-level softmax output next to the output.
// The same inlined graph gives the recurrent calls' batch_first.
SoftmaxProbe buildSoftmaxProbe(const torch::jit::Module& module);

// Sentences for the score parameters that hold one value per position along their softmax's
// axis, given the softmax outputs of one run (their ranks place the parameter's axes).
QStringList positionalBiasWarnings(const SoftmaxProbe& probe, const std::vector<at::Tensor>& softmaxOutputs);

} // namespace studio
