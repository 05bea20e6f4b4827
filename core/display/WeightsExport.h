#pragma once

// Raw attention weights to files people analyse elsewhere.
//
// CSV, one header row and one row per map row, the first column naming the row:
//   {T}:    ",tok0,tok1,…"        then "weight,w0,w1,…"
//   {R, C}: ",col0,col1,…"        then "row_i,v_i0,v_i1,…" for each row
// Token labels name the steps when there is one per step, else step numbers; the columns of a
// T×d map are numbered features. Fields are quoted as RFC 4180 asks; values have 9 significant
// digits, enough to read back the exact float.
//
// JSON: {"shape": [...], "values": [...], "tokens": [...]}, the field names of AttentionMap
// (and of attention-cli's output); "tokens" only when there are any.

#include "display/AttentionMapMath.h"
#include "display/ExportResult.h"
#include "common/ValueTypes.h"

#include <optional>

namespace studio {

// kind says how a 2-D map's columns are named (steps or features); guessMatrixKind by default.
ExportResult exportWeightsCsv(const AttentionMap& map, const QString& path,
                              std::optional<MatrixKind> kind = std::nullopt);
ExportResult exportWeightsJson(const AttentionMap& map, const QString& path);

// The texts themselves, for the clipboard and for tests.
QByteArray weightsCsv(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt);
QByteArray weightsJson(const AttentionMap& map);

} // namespace studio
