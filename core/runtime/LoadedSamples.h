#pragma once

// The model and the examples of the sample browser's last evaluation, kept on its worker thread to
// compute an attention map again on request and to explain the examples (SampleExplanation).
// Torch inside: only core/runtime includes this.

#include "data/Dataset.h"
#include "data/TextCorpus.h"
#include "runtime/SessionSamples.h"
#include "train/ModelFile.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace studio {

struct LoadedSamples {
    QString modelPath;
    LoadedModelFile model;
    Dataset data;
    // Text files only: the texts, and which piece of its text each example is (0 unless the
    // model splits long texts), to show the words as written rather than "<unk>" for every word
    // the vocabulary lacks (the ids still say what the model read).
    std::optional<TextCorpus> corpus;
    std::vector<int32_t> pieceOf;
    // A model from another framework: scored one text at a time through ModelSession.
    std::unique_ptr<SessionSamples> external;
};

} // namespace studio
