#pragma once

// The equations of a model's attention, from hₜ to the prediction, as rich text for the
// step-through view: one line per stage, the variant's own score formula, and the stage under
// the pointer highlighted. Mathematics, not words: the same in every language.

#include "common/AttentionTrace.h"

#include <QString>

namespace studio {

// The stages of the computation, in order; each is a section of the step-through view.
enum class TraceStage { None, Gates, Hidden, Score, Softmax, Weighted, Context, Head };

QString traceFormulaHtml(const AttentionTrace& trace, TraceStage highlighted);

} // namespace studio
