#pragma once

// The recurrent layer that hₜ comes from, written out step by step from its weights, for the
// step-through view: its gates at every step and direction (LSTM i, f, g, o and the cell state
// cₜ; GRU r, z, n). torch's LSTM and GRU keep their gates to themselves, so the layers are run
// again here, in plain loops over contiguous buffers (the same work as one forward of the layer;
// tst_attention_trace checks that the hₜ they give is the model's own).

#include "common/AttentionTrace.h"
#include "model/AttentionModel.h"

namespace studio {

// `input` is the model's input for one example: (1, T) token ids or (1, T, F) values. Fills
// trace.gateUnits, trace.gates and (LSTM) trace.cells.
void traceGates(AttentionModel& model, const torch::Tensor& input, AttentionTrace& trace);

} // namespace studio
