#pragma once

// The JSON `attention-cli infer` prints, in one place for the app's own model files and for
// TorchScript files (other tools and tests depend on it exactly): prediction, attention {shape,
// values}, source, warnings, and tokens for text or id input.

#include "common/ValueTypes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace studio::cli {

QJsonArray toJsonArray(const std::vector<float>& values);

// `tokens` null: the input was a series, and the object has no "tokens".
QJsonObject inferenceJson(const std::vector<float>& prediction, const AttentionMap& attention, const QString& source,
                          const QStringList& warnings, const QStringList* tokens);

} // namespace studio::cli
