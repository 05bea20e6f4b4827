#pragma once

// `attention-cli infer` on a TorchScript file exported from PyTorch (issue 4's contract): the same
// inputs and JSON as for the app's own model files, with `source` "output" or "graph".

#include "CliCommon.h"

#include <optional>

namespace studio::cli {

struct ExternalRequest {
    std::optional<QString> text;
    std::optional<QString> ids;
    std::optional<QString> seriesPath;
    bool timeMajor = false;  // feed (T, 1, F) instead of (1, T, F)
    int candidate = -1;      // graph softmax to show, 0-based; -1: the first that fits
};

int inferTorchScript(const QString& path, const ExternalRequest& request, OutputFormat format);

} // namespace studio::cli
