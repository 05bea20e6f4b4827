#pragma once

// The JSON `attention-cli infer` prints, in one place for every model format (other tools and
// tests depend on it exactly): prediction, attention {shape, values}, source, warnings, tokens for
// text or id input, forecast, label/probability, candidates and layout when there are any.

#include "common/ValueTypes.h"

#include <QJsonArray>
#include <QJsonObject>

#include <vector>

namespace studio::cli {

QJsonArray toJsonArray(const std::vector<float>& values);

QJsonObject inferenceJson(const ModelSummary& summary, const InferenceResult& result);

} // namespace studio::cli
