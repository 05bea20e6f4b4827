#pragma once

// What a TorchScript model's forward returned, read as Attention Studio reads it: a tensor, a tuple
// (output, attention, ...) or a dict with "attention" and an "output" / "logits" / "prediction"
// entry (else its other tensor). Shared by TorchScriptModel::run and the explained input, so both
// read one file's answer alike. Torch internals: only core/external's .cpp files include this.

#include <ATen/core/ivalue.h>

#include <optional>

namespace studio {

struct ScriptOutputs {
    std::optional<at::Tensor> prediction;
    std::optional<at::Tensor> attention;  // only when the model returns one
};

ScriptOutputs splitOutputs(const c10::IValue& out);

} // namespace studio
