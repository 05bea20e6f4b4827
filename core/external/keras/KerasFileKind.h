#pragma once

// Whether a file is a Keras model, by its content: HDF5 (a legacy .h5 or a weights-only file), or
// a zip holding model.weights.h5 (.keras). A TorchScript or .asmodel file is a zip too, without
// that entry. Qt Core + libzip; no torch.

#include <QString>

namespace studio::keras {

bool isKerasFile(const QString& path);

} // namespace studio::keras
