#pragma once

// How a TorchScript model is fed a sequence, (1, T, ...) or (T, 1, ...), and the sentence that says
// why: what the person asked, what meta.json says, what the model's recurrent calls say (their
// batch_first), or an assumption. Split from TorchScriptModel: the decision reads no tensors.

#include "common/ValueTypes.h"
#include "external/ModelMeta.h"
#include "external/SoftmaxProbe.h"

#include <QString>

#include <optional>
#include <vector>

namespace studio {

// What a file says about the layout it reads: batchFirst when it tells, with `because` completing
// "Fed ...: <because>"; otherwise `because` completes "... could not be told, as <because>" or,
// with `noRecurrentCall`, says there was nothing to tell it.
struct LayoutEvidence {
    std::optional<bool> batchFirst;
    QString because;
    bool noRecurrentCall = false;
};

struct LayoutChoice {
    SequenceLayout layout = SequenceLayout::BatchFirst;
    QString reason;
};

LayoutEvidence metaEvidence(const ModelMeta& meta);
LayoutEvidence graphEvidence(const std::vector<RecurrentCall>& calls);
// Asked layout first; then meta.json's batch_first; then the graph's recurrent calls; else batch-first.
LayoutChoice chooseLayout(SequenceLayout asked, const LayoutEvidence& meta, const LayoutEvidence& graph, bool hasMeta,
                          bool tokens);

} // namespace studio
