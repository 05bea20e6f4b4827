#pragma once

// Hands a native model to PyTorch users: its weights as a file Python's `torch.load` reads, which
// examples/pytorch/studio_models.py turns back into the same model (same outputs, same attention).

#include "train/ModelFile.h"

#include <QString>

namespace studio {

// The file is a torch pickle of a plain dict:
//   "format":     "attention-studio-state-dict"
//   "version":    kPyTorchExportVersion
//   "studio":     JSON text: {"config": ModelConfig, "vocabulary": [...], "labels": [...],
//                 "preprocessing": {...}, "dataName": "..."}
//   "state_dict": {parameter name: tensor}, the names PyTorch's nn.Module would give
//                 (encoder.lstm.weight_ih_l0, attention.projection.weight, head.bias, ...)
inline constexpr int kPyTorchExportVersion = 1;

// Writes atomically (QSaveFile): an earlier file at `path` survives a failure. Throws StudioError
// naming the file when it cannot be written.
void exportStateDict(const QString& path, const RunState& state, AttentionModel& model);

} // namespace studio
