#pragma once

// A Keras model's graph run on tensors (KerasModel::pass), for the attributions of issue 13
// (external/keras/KerasExplainedInput): a batch in, the first output and every softmax out, the
// input Embedding's output seen or replaced, and one layer's outputs given instead of computed.
// Internal to core (torch inside).

#include "external/keras/KerasLayerKit.h"

#include <ATen/ATen.h>

#include <QString>

#include <vector>

namespace studio::keras {

struct KerasPassInput {
    at::Tensor input;      // (B, T) ids, or (B, T, F) values in the model's precision
    // (B, T, E): stands for the output of the Embedding fed by the ids (KerasModel::inputEmbedding);
    // its mask (mask_zero) still comes from the ids. Undefined: computed from the ids.
    at::Tensor embedding;
    // A layer whose outputs are these instead of its own (the attention with other weights).
    QString givenLayer;
    std::vector<at::Tensor> givenOutputs;
};

struct KerasPass {
    at::Tensor output;     // the model's first output, (B, ...)
    at::Tensor embedding;  // what the input Embedding passed on (B, T, E); undefined for a series
    Recorder softmaxes;    // in the order the layers computed them (as KerasRun lists them)
};

} // namespace studio::keras
