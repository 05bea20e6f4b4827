#include "analysis/DatasetExplanation.h"

#include <algorithm>

namespace studio {

DatasetExplanation explainDataset(const std::vector<ExampleToExplain>& examples, const ExplainOneExample& explainOne,
                                  const ExplainOptions& options, const DatasetExplainControl& control)
{
    DatasetExplanation out;
    out.planned = static_cast<int64_t>(examples.size());
    out.topK = options.topK;
    const auto cancelled = [&] { return control.cancel && control.cancel->load(); };
    // Each stage of an example asks whether to go on: the caller's own progress (if any) first.
    ExplainOptions perExample = options;
    perExample.progress = [&, inner = options.progress](const Explanation& partial) {
        return !cancelled() && (!inner || inner(partial));
    };
    // And between the batches inside a stage, so Cancel does not wait for a long one to end.
    perExample.stopRequested = [&, inner = options.stopRequested] { return cancelled() || (inner && inner()); };
    for (size_t i = 0; i < examples.size(); ++i) {
        if (cancelled()) {
            out.status = DatasetExplanation::Status::Cancelled;
            break;
        }
        const Explanation explanation = explainOne(i, perExample);
        if (cancelled() && !explanation.complete) {
            out.status = DatasetExplanation::Status::Cancelled;  // stopped between its stages: not kept
            break;
        }
        const bool empty = explanation.steps.isEmpty()
            && std::all_of(explanation.methods.begin(), explanation.methods.end(),
                           [](const MethodScores& m) { return m.perStep.empty(); });
        if (empty)
            ++out.skipped;
        else
            out.examples.push_back(figuresOf(explanation, examples[i].relevant, options.topK, examples[i].index));
        const auto done = static_cast<int64_t>(i + 1);
        if (control.progress && !control.progress(done, out.planned) && done < out.planned) {
            out.status = DatasetExplanation::Status::Cancelled;
            break;
        }
    }
    out.summary = summarizeFigures(out.examples);
    return out;
}

} // namespace studio
