#pragma once

// Is the attention an explanation, over a dataset (issue 13): every example explained in turn, each
// kept as its figures (τ, top-k overlap, AOPC, top step on the deciding steps) and summarised per
// method. One loop for `attention-cli explain --task/--data` and the sample browser's Explain run;
// the caller says how one example is explained (a ModelSession, or a native model and its
// Example), so the loop needs no torch and runs on whichever thread calls it (never the GUI's).

#include "analysis/ExplanationSummary.h"
#include "common/Explanation.h"

#include <QMetaType>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace studio {

// One example to explain: where it sits in its data, and the steps that decide its label.
struct ExampleToExplain {
    int64_t index = 0;
    std::vector<uint8_t> relevant;  // 1 on the deciding steps; empty when unknown (a text file)
};

struct DatasetExplainControl {
    // After each example, with the examples handled so far (explained or skipped) of the total;
    // returning false stops the run there (Cancel). Empty: run to the end.
    std::function<bool(int64_t done, int64_t total)> progress;
    // Polled between the stages of one example as well, so a Cancel does not wait for the slow
    // stages (integrated gradients, faithfulness) of the example in hand. May be null.
    const std::atomic<bool>* cancel = nullptr;
};

struct DatasetExplanation {
    enum class Status : uint8_t { Complete, Cancelled };

    Status status = Status::Complete;
    int64_t planned = 0;  // examples that were to be explained
    int64_t skipped = 0;  // examples with no step the model reads (a text of unknown words only)
    int topK = 3;
    std::vector<ExampleFigures> examples;  // the examples explained, in the order given
    ExplanationSummary summary;            // of `examples`
};

// Explains examples[i] by `explainOne(i, options)` for i in order; an explanation without steps is
// skipped. A cancelled run keeps the examples finished before it (never a partial one) and
// summarises them. Exceptions from explainOne pass through.
using ExplainOneExample = std::function<Explanation(size_t position, const ExplainOptions& options)>;
DatasetExplanation explainDataset(const std::vector<ExampleToExplain>& examples, const ExplainOneExample& explainOne,
                                  const ExplainOptions& options, const DatasetExplainControl& control = {});

} // namespace studio

Q_DECLARE_METATYPE(studio::DatasetExplanation)
